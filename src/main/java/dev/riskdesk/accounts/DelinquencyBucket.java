package dev.riskdesk.accounts;

/** ACCOUNT.DELINQUENCY_BUCKET of a number of days past due: what the generator and the import store. */
public final class DelinquencyBucket {
    private DelinquencyBucket() {
    }

    public static String of(int daysPastDue) {
        if (daysPastDue <= 0) {
            return "CURRENT";
        }
        if (daysPastDue <= 30) {
            return "DPD1_30";
        }
        if (daysPastDue <= 60) {
            return "DPD31_60";
        }
        return daysPastDue < 90 ? "DPD61_90" : "DPD90P";
    }
}
