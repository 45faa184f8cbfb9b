package dev.riskdesk.privacy;

import dev.riskdesk.limits.policy.LimitPolicy;

/**
 * The kinds of a customer's personal data, each with its own retention period after the customer's last account
 * closed (LimitPolicy.Retention), in the order the retention run erases them when several are due at once.
 */
public enum DataKind {
    /** Device ids, IP addresses and cities of logins, device ids and cities of transactions. */
    LOGIN_DEVICES,
    /** Phone number (and its last four digits), city of residence. */
    CONTACT,
    /** Appeal statements, the notes of the appeals' logs, appeal attachments. */
    APPEAL_TEXT,
    /** The texts of the notices sent to the customer (their kind, channel and dates stay). */
    NOTICES,
    /** Name, ID number, occupation, exact birth date (the year stays), and the customer and account numbers (replaced by pseudonyms). */
    IDENTITY;

    /** This kind's retention period in months under {@code retention} (defaults filled in). */
    public int months(LimitPolicy.Retention retention) {
        LimitPolicy.Retention r = retention.withDefaults();
        return switch (this) {
            case LOGIN_DEVICES -> r.loginDeviceMonths();
            case CONTACT -> r.contactMonths();
            case APPEAL_TEXT -> r.appealTextMonths();
            case NOTICES -> r.noticeMonths();
            case IDENTITY -> r.identityMonths();
        };
    }

    /** The rule an erasure at the end of this kind's retention period runs under, e.g. RET-IDENTITY-120M. */
    public String ruleCode(int months) {
        return "RET-" + name() + "-" + months + "M";
    }
}
