-- Erasure of personal values inside audit events (dev.riskdesk.privacy), without breaking the hash chain.
-- From V10_51 on the chain hashes an event's REASON and DETAILS through their SHA-256 (format RDA2, see
-- dev.riskdesk.security.audit.AuditHash). Erasing an event keeps those two digests here, replaces the texts
-- (the personal values in them) and records when (ERASED_AT) and which erasure event (ERASED_BY_SEQ, the
-- CHAIN_SEQ of its PERSONAL_DATA_ERASED event) did it; the verifier then checks the event's place and its other
-- fields against its hash and reports it as erased. Events never erased keep these columns NULL.
ALTER TABLE AUDIT_EVENT ADD COLUMN REASON_DIGEST VARCHAR(64);
ALTER TABLE AUDIT_EVENT ADD COLUMN DETAILS_DIGEST VARCHAR(64);
ALTER TABLE AUDIT_EVENT ADD COLUMN ERASED_AT TIMESTAMP;
ALTER TABLE AUDIT_EVENT ADD COLUMN ERASED_BY_SEQ BIGINT;
