-- Profile search on a large book: a surname with one score band, sorted by limit. When the
-- surname is common, the page walks this band's part of the limit order and checks each entry's
-- customer, instead of reading every customer of the surname (94,000 for 王 on 1,000,000
-- accounts) to find the few of a rare band. The filters and the customer id ride along after ID,
-- as in the V6_1 indexes, so the walk reads the index alone. Cost on 1,000,000 accounts: see
-- src/site/markdown/benchmarks.md.
CREATE INDEX IX_ACCOUNT_BAND_LIMIT ON ACCOUNT (SCORE_BAND, CREDIT_LIMIT, ID, STATUS, DELINQUENCY_BUCKET, THIN_FILE, CUSTOMER_ID);
