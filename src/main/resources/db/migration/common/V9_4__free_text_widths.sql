-- Free-text limits (dev.riskdesk.common.TextLimit): a decision's or appeal's note of 2,000
-- characters is normal and lands in the audit event's reason, and an appeal's outcome reason
-- is its reason code, ': ' and that note. Both columns were narrower than the note.
ALTER TABLE AUDIT_EVENT ALTER COLUMN REASON SET DATA TYPE VARCHAR(2000);
ALTER TABLE APPEAL ALTER COLUMN OUTCOME_REASON SET DATA TYPE VARCHAR(2100);
