-- Team mode on PostgreSQL. These migrations run as the database's owner (riskdesk_owner in the README);
-- the desks log in as riskdesk_app, which may read and write the book but not change the schema.
--
-- Audit events are append-only for everyone: a trigger refuses UPDATE, DELETE and TRUNCATE of
-- AUDIT_EVENT, whoever runs them (the owner too, unless the owner drops the trigger on purpose).
CREATE FUNCTION AUDIT_EVENT_APPEND_ONLY() RETURNS TRIGGER LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'AUDIT_EVENT is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER TR_AUDIT_EVENT_APPEND_ONLY BEFORE UPDATE OR DELETE ON AUDIT_EVENT
    FOR EACH ROW EXECUTE FUNCTION AUDIT_EVENT_APPEND_ONLY();
CREATE TRIGGER TR_AUDIT_EVENT_NO_TRUNCATE BEFORE TRUNCATE ON AUDIT_EVENT
    FOR EACH STATEMENT EXECUTE FUNCTION AUDIT_EVENT_APPEND_ONLY();

-- The application role's rights, when the administrator created it (Team mode): every table of the
-- book, AUDIT_EVENT only to read and add to; the same on the tables later migrations of the owner create.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'riskdesk_app') THEN
        GRANT USAGE ON SCHEMA public TO riskdesk_app;
        GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON ALL TABLES IN SCHEMA public TO riskdesk_app;
        GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO riskdesk_app;
        REVOKE UPDATE, DELETE, TRUNCATE ON AUDIT_EVENT FROM riskdesk_app;
        REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON flyway_schema_history FROM riskdesk_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE, TRUNCATE ON TABLES TO riskdesk_app;
        ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO riskdesk_app;
    END IF;
END
$$;
