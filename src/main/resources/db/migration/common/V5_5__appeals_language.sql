-- Appeals: the notice language chosen with a decision that waits for a manager's second approval,
-- so the outcome notice sent on approval is in the language the handler chose.
ALTER TABLE APPEAL ADD COLUMN NOTICE_LANGUAGE VARCHAR(10);
