package dev.riskdesk.limits.fairness;

import java.time.LocalDate;
import java.util.List;

/**
 * Decision rates and later bad rates by age group and by gender: what a manager reads to see
 * whether a policy treats groups alike for alike risk. Decisions are the engine's (one per
 * account, the first that does not wait for data); the bad rate is the share of the group's
 * accounts in good standing at the end of {@code cohortMonthEnd} that reached 90+ days past due
 * in the twelve months after it (the latest cohort whose outcome is complete).
 */
public record FairnessTable(LocalDate cohortMonthEnd, List<Row> byAge, List<Row> byGender) {

    /** One group: accounts, decisions of each kind, and the cohort's size and bad count. */
    public record Row(String group, long accounts, long increase, long decrease, long freeze, long suspend, long cohortAccounts,
            long cohortBad) {
        public double increaseRate() {
            return share(increase, accounts);
        }

        public double decreaseRate() {
            return share(decrease, accounts);
        }

        public double freezeRate() {
            return share(freeze, accounts);
        }

        public double suspendRate() {
            return share(suspend, accounts);
        }

        /** NaN when no account of the group was in the cohort. */
        public double badRate() {
            return share(cohortBad, cohortAccounts);
        }

        private static double share(long n, long of) {
            return of == 0 ? Double.NaN : (double) n / of;
        }
    }
}
