-- What an import needs to match and record rows: the lender's event ids are looked up per load
-- (a daily delta matches its events against the stored ones), and a limit or status that a load
-- changed is recorded in the limit history as coming from the lender's own book.
CREATE INDEX IX_TXN_EXTERNAL ON TXN (EXTERNAL_ID);
CREATE INDEX IX_REPAYMENT_EXTERNAL ON REPAYMENT (EXTERNAL_ID);
CREATE INDEX IX_LOGIN_EXTERNAL ON LOGIN_EVENT (EXTERNAL_ID);
CREATE INDEX IX_INQUIRY_EXTERNAL ON CREDIT_INQUIRY (EXTERNAL_ID);

ALTER TABLE LIMIT_CHANGE DROP CONSTRAINT CK_LIMIT_CHANGE_SOURCE;
ALTER TABLE LIMIT_CHANGE ADD CONSTRAINT CK_LIMIT_CHANGE_SOURCE
    CHECK (SOURCE IN ('ORIGINATION', 'HISTORY', 'ENGINE', 'OPERATOR', 'TEMP_EXPIRY', 'APPEAL', 'IMPORT'));
