-- The dashboard's fairness table: the latest full policy run's decisions and the later bad rate of the
-- back-test cohort, by age group and by gender (rebuilt with the other DASH_* tables on each refresh).
CREATE TABLE DASH_FAIRNESS (
    GROUP_KIND       VARCHAR(10) NOT NULL,
    GROUP_NAME       VARCHAR(20) NOT NULL,
    ACCOUNTS         BIGINT      NOT NULL,
    INCREASES        BIGINT      NOT NULL,
    DECREASES        BIGINT      NOT NULL,
    FREEZES          BIGINT      NOT NULL,
    SUSPENSIONS      BIGINT      NOT NULL,
    COHORT_ACCOUNTS  BIGINT      NOT NULL,
    COHORT_BAD       BIGINT      NOT NULL,
    COHORT_MONTH_END DATE        NOT NULL,
    JOB_ID           BIGINT      NOT NULL,
    CONSTRAINT PK_DASH_FAIRNESS PRIMARY KEY (GROUP_KIND, GROUP_NAME),
    CONSTRAINT CK_DASH_FAIRNESS_KIND CHECK (GROUP_KIND IN ('AGE', 'GENDER'))
);
