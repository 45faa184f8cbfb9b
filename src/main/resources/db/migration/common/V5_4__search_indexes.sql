-- Profile browser search on a large book. A band or bucket filter decides the sort column's
-- range (bands are score ranges, buckets DPD ranges), so "band E, highest score first" walks
-- (band, score, id) and starts at the first band-E row instead of passing over every A to D
-- account. Cost on 1,000,000 accounts: see src/site/markdown/benchmarks.md.
CREATE INDEX IX_ACCOUNT_BAND_SCORE_ID ON ACCOUNT (SCORE_BAND, SCORE, ID);
CREATE INDEX IX_ACCOUNT_BUCKET_DPD_ID ON ACCOUNT (DELINQUENCY_BUCKET, CURRENT_DPD, ID);
