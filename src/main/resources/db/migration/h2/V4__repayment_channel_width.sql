-- V1 declared REPAYMENT.CHANNEL as VARCHAR(12) while its check constraint allows
-- 'BANK_TRANSFER' (13 characters): widen the column so every allowed channel fits.
ALTER TABLE REPAYMENT ALTER COLUMN CHANNEL VARCHAR(16) NOT NULL;
