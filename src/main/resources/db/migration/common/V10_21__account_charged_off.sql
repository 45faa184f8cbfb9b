-- An account 180 days past due is charged off (核销): it leaves the active book, the limit
-- engine no longer evaluates it, and its balance is what collections may still recover.
ALTER TABLE ACCOUNT DROP CONSTRAINT CK_ACCOUNT_STATUS;
ALTER TABLE ACCOUNT ADD CONSTRAINT CK_ACCOUNT_STATUS CHECK (STATUS IN ('ACTIVE', 'FROZEN', 'SUSPENDED', 'DORMANT', 'CANCELLED', 'CHARGED_OFF'));
