package dev.riskdesk.customers;

import dev.riskdesk.accounts.AccountStatus;
import java.util.Set;

/**
 * What the profile browser asks for: one free-text term (name prefix, full phone, last four
 * phone digits, ID number, account or customer number) and optional filters. Empty sets and
 * null values mean "any".
 */
public record CustomerQuery(String text,
                            Set<AccountStatus> statuses,
                            Set<String> scoreBands,
                            String ruleCode,
                            Set<Integer> cityTiers,
                            Set<String> delinquencyBuckets,
                            Boolean thinFile,
                            SortKey sort,
                            boolean descending) {

    public CustomerQuery {
        text = text == null ? "" : text.strip();
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        scoreBands = scoreBands == null ? Set.of() : Set.copyOf(scoreBands);
        cityTiers = cityTiers == null ? Set.of() : Set.copyOf(cityTiers);
        delinquencyBuckets = delinquencyBuckets == null ? Set.of() : Set.copyOf(delinquencyBuckets);
        sort = sort == null ? SortKey.ACCOUNT : sort;
    }

    public static CustomerQuery text(String text) {
        return new CustomerQuery(text, null, null, null, null, null, null, SortKey.ACCOUNT, false);
    }

    public CustomerQuery sortedBy(SortKey key, boolean desc) {
        return new CustomerQuery(text, statuses, scoreBands, ruleCode, cityTiers, delinquencyBuckets, thinFile, key, desc);
    }

    /** True when the query has neither a term nor a filter: it matches every account. */
    public boolean matchesAll() {
        return text.isEmpty() && statuses.isEmpty() && scoreBands.isEmpty() && (ruleCode == null || ruleCode.isBlank()) && cityTiers.isEmpty()
                && delinquencyBuckets.isEmpty() && thinFile == null;
    }

    /** The same query for customers of any city tier. */
    public CustomerQuery withoutCityTiers() {
        return new CustomerQuery(text, statuses, scoreBands, ruleCode, null, delinquencyBuckets, thinFile, sort, descending);
    }

    /** The columns the browser sorts by; each has an index that ends in the account id, for keyset paging. */
    public enum SortKey {
        ACCOUNT, CREDIT_LIMIT, BALANCE, SCORE, DAYS_PAST_DUE
    }

    /** How the free text was understood, so the screen can say "searching phone ending 1234". */
    public enum TextKind {
        NONE, PHONE, PHONE_LAST4, ID_NUMBER, ACCOUNT_NO, CUSTOMER_NO, NAME;

        /** Terms looked up by an index on an exact value; they match a handful of rows, never a large part of the book. */
        public boolean exactLookup() {
            return this != NONE && this != NAME;
        }
    }

    public TextKind textKind() {
        if (text.isEmpty()) {
            return TextKind.NONE;
        }
        if (text.matches("1\\d{10}")) {
            return TextKind.PHONE;
        }
        if (text.matches("\\d{4}")) {
            return TextKind.PHONE_LAST4;
        }
        if (text.matches("\\d{17}[\\dXx]")) {
            return TextKind.ID_NUMBER;
        }
        if (text.matches("(?i)C\\d+")) {
            return TextKind.CUSTOMER_NO;
        }
        // account numbers as the lists show them: a product prefix of up to three letters and digits
        // (A0000000042, CP000000000008, CL000000000123)
        if (text.matches("(?i)[A-Z]{1,3}\\d+")) {
            return TextKind.ACCOUNT_NO;
        }
        return TextKind.NAME;
    }
}
