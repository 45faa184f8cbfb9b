package dev.riskdesk.portfolio;

/** Row id counters, advanced in customer order so a run is reproducible, and the run's statistics. */
final class RunCounters {
    long nextLimitChangeId = 1;
    long nextBillId = 1;
    long nextRepaymentId = 1;
    long nextTxnId = 1;
    long nextLoginId = 1;
    long nextInquiryId = 1;
    long nextTruthId = 1;

    long accounts;
    long defaulted;
    final long[] scenarioCounts = new long[Scenario.values().length];
}
