-- On H2 this version drops the (ACCOUNT_ID, time) indexes that duplicated the index H2 gives every
-- foreign key. PostgreSQL makes no index for a foreign key, so the wider indexes stay and serve the
-- account lookups; only IX_DECISION_STATUS goes, the leading part of IX_DECISION_AWAITING.
DROP INDEX IX_DECISION_STATUS;
