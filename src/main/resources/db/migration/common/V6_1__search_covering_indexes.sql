-- Profile browser search on a large book, without a count before the first rows.
--
-- A search that matches much of the book walks the sort column's index and checks each entry
-- against the filters until it has a page. H2 reads a column from the index entry when the
-- entry holds it and fetches the row only when it needs another column, so these indexes carry
-- the account filters and the customer id after ID (where they cannot change the order): the
-- walk fetches only the rows it shows, instead of one row per entry it passes.
DROP INDEX IX_ACCOUNT_SCORE_ID;
CREATE INDEX IX_ACCOUNT_SCORE_ID ON ACCOUNT (SCORE, ID, STATUS, SCORE_BAND, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
DROP INDEX IX_ACCOUNT_LIMIT_ID;
CREATE INDEX IX_ACCOUNT_LIMIT_ID ON ACCOUNT (CREDIT_LIMIT, ID, STATUS, SCORE_BAND, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
DROP INDEX IX_ACCOUNT_BALANCE_ID;
CREATE INDEX IX_ACCOUNT_BALANCE_ID ON ACCOUNT (OUTSTANDING_BALANCE, ID, STATUS, SCORE_BAND, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
DROP INDEX IX_ACCOUNT_DPD_ID;
CREATE INDEX IX_ACCOUNT_DPD_ID ON ACCOUNT (CURRENT_DPD, ID, STATUS, SCORE_BAND, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
DROP INDEX IX_ACCOUNT_BAND_SCORE_ID;
CREATE INDEX IX_ACCOUNT_BAND_SCORE_ID ON ACCOUNT (SCORE_BAND, SCORE, ID, STATUS, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
DROP INDEX IX_ACCOUNT_BUCKET_DPD_ID;
CREATE INDEX IX_ACCOUNT_BUCKET_DPD_ID ON ACCOUNT (DELINQUENCY_BUCKET, CURRENT_DPD, ID, STATUS, SCORE_BAND, THIN_FILE, CUSTOMER_ID);
-- A delinquency bucket with thin file (or status, band) is rare on a large book although each
-- filter alone is broad: these matches are read from one range of this index and sorted.
CREATE INDEX IX_ACCOUNT_BUCKET_THIN ON ACCOUNT (DELINQUENCY_BUCKET, THIN_FILE, STATUS, SCORE_BAND, CUSTOMER_ID);
