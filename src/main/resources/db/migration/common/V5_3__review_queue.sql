-- Review queue: open proposals read highest priority first, in keyset pages of (PRIORITY, ID).
CREATE INDEX IX_PROPOSAL_PRIORITY ON LIMIT_PROPOSAL (STATUS, PRIORITY DESC, ID DESC);
-- The managers' queue: decisions awaiting a second approval, oldest first.
CREATE INDEX IX_DECISION_AWAITING ON LIMIT_DECISION (STATUS, DECIDED_AT, ID);
