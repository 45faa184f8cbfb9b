-- V10_40 redefined the limit-change sources for the lifecycle step without 'IMPORT' (added by V8_2),
-- so a daily import that changes a limit was refused. Every source again.
ALTER TABLE LIMIT_CHANGE DROP CONSTRAINT CK_LIMIT_CHANGE_SOURCE;
ALTER TABLE LIMIT_CHANGE ADD CONSTRAINT CK_LIMIT_CHANGE_SOURCE
    CHECK (SOURCE IN ('ORIGINATION', 'HISTORY', 'ENGINE', 'OPERATOR', 'TEMP_EXPIRY', 'APPEAL', 'IMPORT', 'LIFECYCLE'));
