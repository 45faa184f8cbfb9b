package dev.riskdesk.common;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * The free-text fields an operator fills in and the most characters each may hold: the one
 * source of these limits for the services (which refuse a longer text before they write
 * anything) and the console (which counts as the operator types). Each limit fits the columns
 * its text ends up in, with the prefixes the services add: TextLimitServicesDbTest stores a text
 * of every limit through its service. Lengths are Java string lengths (UTF-16 units), never fewer
 * than the characters H2 or PostgreSQL count.
 */
public enum TextLimit {
    /** Note of a confirm, override, reject, approval, decline or suspension lift (LIMIT_DECISION.NOTE, AUDIT_EVENT.REASON). */
    DECISION_NOTE("The note", 2000),
    /** The customer's statement when an appeal is registered (APPEAL.STATEMENT, APPEAL_NOTE.BODY). */
    APPEAL_STATEMENT("The customer's statement", 4000),
    /** A note added to an appeal's log (APPEAL_NOTE.BODY). */
    APPEAL_NOTE("The note", 4000),
    /** The note of an appeal's move: awaiting customer, escalate, close, reopen (APPEAL_NOTE.BODY, AUDIT_EVENT.REASON). */
    APPEAL_MOVE_NOTE("The note", 2000),
    /** Why an appeal is assigned or reassigned (APPEAL_NOTE.BODY, AUDIT_EVENT.REASON). */
    APPEAL_ASSIGN_REASON("The reason", 2000),
    /** The note of an appeal's decision or of the approval of its lift (APPEAL.OUTCOME_REASON, LIMIT_DECISION.NOTE, AUDIT_EVENT.REASON). */
    APPEAL_DECISION_NOTE("The note", 2000),
    /** The file name of an appeal's attachment (APPEAL_ATTACHMENT.FILE_NAME). */
    ATTACHMENT_NAME("The file name", 200),
    /** Why personal data is revealed (AUDIT_EVENT.REASON). */
    REVEAL_REASON("The reason", 2000),
    /** Why a model is promoted to champion (AUDIT_EVENT.REASON). */
    PROMOTE_REASON("The reason", 2000),
    /** The name a stress scenario is saved under (STRESS_SCENARIO.NAME). */
    STRESS_SCENARIO_NAME("The scenario name", 100),
    /** Why a customer's personal data is erased on request (PERSONAL_DATA_ERASURE.REASON, AUDIT_EVENT.REASON). */
    ERASURE_REASON("The reason", 500),
    /** Why a dormant account is kept or its cancellation declined (LIFECYCLE_CASE.KEEP_REASON, AUDIT_EVENT.REASON). */
    LIFECYCLE_KEEP_REASON("The reason", 500),
    /** The note of a limit policy or rule set draft, or why a version goes back to its maker (LIMIT_POLICY.NOTE, RULE_SET.NOTE, AUDIT_EVENT.REASON). */
    POLICY_NOTE("The note", 500);

    private final String englishName;
    private final int max;

    TextLimit(String englishName, int max) {
        this.englishName = englishName;
        this.max = max;
    }

    /** The most characters the field holds. */
    public int max() {
        return max;
    }

    /** The bundle key of the sentence that refuses a longer text, without its {@code error.} prefix; arguments: length, limit. */
    public String messageKey() {
        return "text.tooLong." + name();
    }

    /** Whether {@code text} fits (null fits: whether a text is required is the caller's rule). */
    public boolean fits(String text) {
        return text == null || text.length() <= max;
    }

    /** Returns {@code text} when it fits; otherwise refuses it with a sentence naming the field, its length and the limit. */
    public String check(String text) {
        if (!fits(text)) {
            NumberFormat english = NumberFormat.getIntegerInstance(Locale.ENGLISH);
            throw UserFacingException.keyed(messageKey(), englishName + " has " + english.format(text.length()) + " characters; it can hold at most "
                    + english.format(max) + ". Shorten it and try again.", text.length(), max);
        }
        return text;
    }
}
