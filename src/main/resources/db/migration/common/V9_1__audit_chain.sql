-- Tamper-evident audit trail: every event carries its place in one hash chain. CHAIN_SEQ numbers the
-- events 1, 2, 3, ... without gaps (in the order of their ids), HASH is the SHA-256 (64 lower-case hex
-- digits) over the event's canonical content and PREV_HASH, the HASH of the event before it (64 zeros for
-- the first). dev.riskdesk.security.audit.AuditHash defines the content; AuditChainVerifier checks it.
ALTER TABLE AUDIT_EVENT ADD COLUMN CHAIN_SEQ BIGINT;
ALTER TABLE AUDIT_EVENT ADD COLUMN PREV_HASH VARCHAR(64);
ALTER TABLE AUDIT_EVENT ADD COLUMN HASH VARCHAR(64);

-- The chain's head: the last event's CHAIN_SEQ and HASH, in one row. A writer locks it (SELECT ... FOR
-- UPDATE) in its own transaction before it numbers its events and moves it on, so two transactions never
-- chain onto the same predecessor. Events written before this migration are chained once by the Java
-- migration V9_1_1 (AuditChainBackfill), which also moves the head.
CREATE TABLE AUDIT_CHAIN_HEAD (
    ID        INT NOT NULL PRIMARY KEY,
    LAST_SEQ  BIGINT NOT NULL,
    LAST_HASH VARCHAR(64) NOT NULL,
    CONSTRAINT CK_AUDIT_CHAIN_HEAD_ONE CHECK (ID = 1)
);
INSERT INTO AUDIT_CHAIN_HEAD (ID, LAST_SEQ, LAST_HASH)
    VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
