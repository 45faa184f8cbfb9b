-- The profile browser sorts by these columns and pages with a keyset of (value, ID): each
-- index ends in ID so the next page is an index range scan, not a sort of the whole book.
CREATE INDEX IX_ACCOUNT_SCORE_ID ON ACCOUNT (SCORE, ID);
CREATE INDEX IX_ACCOUNT_LIMIT_ID ON ACCOUNT (CREDIT_LIMIT, ID);
CREATE INDEX IX_ACCOUNT_BALANCE_ID ON ACCOUNT (OUTSTANDING_BALANCE, ID);
CREATE INDEX IX_ACCOUNT_DPD_ID ON ACCOUNT (CURRENT_DPD, ID);
