-- A place in the audit chain is taken once. Made after V9_1_1 numbered the events written before the
-- chain existed, so the index is built once instead of updated row by row. Events without a place (NULL,
-- never written by the audit log) stay possible: the verifier reports them as inserted.
ALTER TABLE AUDIT_EVENT ADD CONSTRAINT UK_AUDIT_CHAIN_SEQ UNIQUE (CHAIN_SEQ);
