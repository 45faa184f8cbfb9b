-- A service operator role for scheduled batch work (cron, a scheduler): an administrator creates a
-- named operator with this role (riskdesk operators add --role BATCH) and the batch jobs sign in as it.
-- Least privilege: only what the batch commands do, nothing to view or decide. Not granted: training
-- or promoting a model (a person reviews a model before it is trained on the book or used), exporting
-- the book (personal data leaves the database), any view, review, appeal or operator permission.
ALTER TABLE ROLE DROP CONSTRAINT CK_ROLE_CODE;
ALTER TABLE ROLE ADD CONSTRAINT CK_ROLE_CODE CHECK (CODE IN ('AGENT', 'RISK_OPERATOR', 'MANAGER', 'ADMIN', 'BATCH'));
INSERT INTO ROLE (CODE, RANK_ORDER) VALUES ('BATCH', 5);

-- Rebuilding the dashboard's aggregates writes them: its own permission instead of PORTFOLIO_VIEW
-- (reading the dashboard never writes). The manager keeps the refresh button.
INSERT INTO ROLE_PERMISSION (ROLE_CODE, PERMISSION) VALUES
  ('BATCH', 'SCORE_RUN'),
  ('BATCH', 'POLICY_RUN'),
  ('BATCH', 'DATA_IMPORT'),
  ('BATCH', 'DATA_GENERATE'),
  ('BATCH', 'NOTICE_EXPORT'),
  ('BATCH', 'DASHBOARD_REFRESH'),
  ('MANAGER', 'DASHBOARD_REFRESH');
