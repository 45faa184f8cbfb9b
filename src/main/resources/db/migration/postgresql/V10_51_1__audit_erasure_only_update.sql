-- Audit events stay append-only with one exception: erasing personal data from an event's reason and
-- details (issue: retention and erasure). Such an update marks the event erased (ERASED_AT) and keeps
-- every column the hash chain covers: its place, time, operator, action, entity, the chain hashes and
-- the digests of the original reason and details, which the chain vouches for (a forged digest breaks
-- `audit verify`). Any other UPDATE, and every DELETE and TRUNCATE, is refused for everyone.
CREATE OR REPLACE FUNCTION AUDIT_EVENT_APPEND_ONLY() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND NEW.ERASED_AT IS NOT NULL
       AND NEW.ERASED_BY_SEQ IS NOT NULL
       AND (OLD.ERASED_AT IS NULL
            OR (NEW.ERASED_AT = OLD.ERASED_AT AND NEW.REASON_DIGEST IS NOT DISTINCT FROM OLD.REASON_DIGEST
                AND NEW.DETAILS_DIGEST IS NOT DISTINCT FROM OLD.DETAILS_DIGEST))
       AND NEW.ID = OLD.ID
       AND NEW.OCCURRED_AT = OLD.OCCURRED_AT
       AND NEW.OPERATOR_ID IS NOT DISTINCT FROM OLD.OPERATOR_ID
       AND NEW.OPERATOR_NAME = OLD.OPERATOR_NAME
       AND NEW.ACTION = OLD.ACTION
       AND NEW.ENTITY_TYPE = OLD.ENTITY_TYPE
       AND NEW.ENTITY_ID IS NOT DISTINCT FROM OLD.ENTITY_ID
       AND NEW.CHAIN_SEQ IS NOT DISTINCT FROM OLD.CHAIN_SEQ
       AND NEW.PREV_HASH IS NOT DISTINCT FROM OLD.PREV_HASH
       AND NEW.HASH IS NOT DISTINCT FROM OLD.HASH THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'AUDIT_EVENT is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
ALTER TABLE AUDIT_EVENT ENABLE TRIGGER TR_AUDIT_EVENT_APPEND_ONLY;

-- The application role may write only the erasable columns of an audit event.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'riskdesk_app') THEN
        GRANT UPDATE (REASON, DETAILS, REASON_DIGEST, DETAILS_DIGEST, ERASED_AT, ERASED_BY_SEQ) ON AUDIT_EVENT TO riskdesk_app;
    END IF;
END
$$;
