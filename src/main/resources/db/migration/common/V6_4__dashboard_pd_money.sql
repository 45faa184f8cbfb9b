-- PD x exposure and PD x limit are amounts of money (the stress test's expected loss is built
-- from them): DECIMAL, so the projection is computed in BigDecimal like every other amount.
ALTER TABLE DASH_SEGMENT_MONTH ALTER COLUMN PD_EXPOSURE SET DATA TYPE DECIMAL(24, 6);
ALTER TABLE DASH_SEGMENT_MONTH ALTER COLUMN PD_LIMIT SET DATA TYPE DECIMAL(24, 6);
