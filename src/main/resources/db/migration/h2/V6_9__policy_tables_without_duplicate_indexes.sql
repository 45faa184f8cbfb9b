-- H2 gives every foreign key an index of its own on exactly its columns, so each table below kept
-- two indexes starting with ACCOUNT_ID: the foreign key's (ACCOUNT_ID) and a wider (ACCOUNT_ID, time)
-- one. The policy run and every decision maintained both. One account has a handful of these rows,
-- so the foreign key's index serves its lookups and the wider one goes. IX_DECISION_STATUS is the
-- leading part of IX_DECISION_AWAITING and goes too. (The audit and decision indexes by operator
-- stay: one operator, the engine above all, has very many rows to page through in time order.)
DROP INDEX IX_RULE_HIT_ACCOUNT;
DROP INDEX IX_PROPOSAL_ACCOUNT;
DROP INDEX IX_DECISION_ACCOUNT;
DROP INDEX IX_DECISION_STATUS;
DROP INDEX IX_LIMIT_CHANGE_ACCOUNT;
DROP INDEX IX_SUSPENSION_ACCOUNT;
DROP INDEX IX_NOTICE_ACCOUNT;
