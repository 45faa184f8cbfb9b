-- V10_51 converts an existing audit chain once (format RDA2: the hash covers digests of reason and
-- details), which rewrites the chain columns of every event. The append-only trigger (V9_5) would
-- refuse that on a database with history, so it is off for that one conversion; V10_51_1 puts it back.
ALTER TABLE AUDIT_EVENT DISABLE TRIGGER TR_AUDIT_EVENT_APPEND_ONLY;
