-- An administrator's password reset gives the operator a temporary password that must be changed
-- at the next sign-in (console dialog, or `riskdesk operators passwd`) before anything else.
ALTER TABLE OPERATOR ADD COLUMN MUST_CHANGE_PASSWORD BOOLEAN DEFAULT FALSE NOT NULL;
