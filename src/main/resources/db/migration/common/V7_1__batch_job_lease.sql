-- One run of a job at a time: the run working on a BATCH_JOB row holds its lease. OWNER_HOST and
-- OWNER_PID name the process ("desk-3", 4242), OWNER_OPERATOR who started it, CLAIMED_AT when it took
-- the lease and HEARTBEAT when it last showed it is alive (both UTC). LEASE_KIND is the job's KIND
-- while the lease is held and NULL once it is released: its unique constraint lets at most one row of
-- each kind hold a lease, so two runs that claim at once cannot both win.
ALTER TABLE BATCH_JOB ADD COLUMN OWNER_HOST VARCHAR(100);
ALTER TABLE BATCH_JOB ADD COLUMN OWNER_PID BIGINT;
ALTER TABLE BATCH_JOB ADD COLUMN OWNER_OPERATOR VARCHAR(50);
ALTER TABLE BATCH_JOB ADD COLUMN CLAIMED_AT TIMESTAMP;
ALTER TABLE BATCH_JOB ADD COLUMN HEARTBEAT TIMESTAMP;
ALTER TABLE BATCH_JOB ADD COLUMN LEASE_KIND VARCHAR(20);
ALTER TABLE BATCH_JOB ADD CONSTRAINT UK_JOB_LEASE_KIND UNIQUE (LEASE_KIND);
