package dev.riskdesk.dashboard;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;

/** The dashboard's fixed categories: delinquency buckets, utilisation bands, segments. */
public final class Buckets {
    public static final List<String> DELINQUENCY = List.of("CURRENT", "DPD1_30", "DPD31_60", "DPD61_90", "DPD90P");
    /** Utilisation bands by lower bound (balance / limit): 0 = nothing drawn, 5 = 90 % or more. */
    public static final List<String> UTILISATION = List.of("0%", "0–30%", "30–50%", "50–70%", "70–90%", "≥90%");
    public static final List<String> SCORE_BANDS = List.of("A", "B", "C", "D", "E", "U");
    public static final List<String> INCOME_BANDS = List.of("I1", "I2", "I3", "I4", "I5");
    public static final List<Integer> CITY_TIERS = List.of(1, 2, 3, 4, 5);
    public static final List<String> PRODUCTS = List.of("CREDIT_PAY", "CASH_LOAN");

    private Buckets() {
    }

    /** CURRENT, 1–30, 31–60, 61–90, 90+ days past due, as an index into {@link #DELINQUENCY}. */
    public static int delinquency(int dpd) {
        if (dpd <= 0) {
            return 0;
        }
        return dpd <= 30 ? 1 : dpd <= 60 ? 2 : dpd <= 90 ? 3 : 4;
    }

    /** Index into {@link #UTILISATION}; a zero limit with a balance counts as fully used. */
    public static int utilisation(long balanceCents, long limitCents) {
        if (balanceCents <= 0) {
            return 0;
        }
        if (limitCents <= 0) {
            return 5;
        }
        long permille = balanceCents * 1000 / limitCents;
        return permille < 300 ? 1 : permille < 500 ? 2 : permille < 700 ? 3 : permille < 900 ? 4 : 5;
    }

    /** "2025Q3" for a date. */
    public static String quarter(LocalDate date) {
        return date.getYear() + "Q" + ((date.getMonthValue() - 1) / 3 + 1);
    }

    static int monthIndex(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    static LocalDate monthStart(int index) {
        return YearMonth.of(index / 12, index % 12 + 1).atDay(1);
    }

    /** Bin of a value over lower-bound cuts, as in the scoring package's PSI baseline: bin i holds cuts[i-1] <= x < cuts[i]. */
    public static int bin(double[] cuts, double value) {
        int pos = java.util.Arrays.binarySearch(cuts, value);
        return pos >= 0 ? pos + 1 : -pos - 1;
    }

    /** PSI = Σ (actual − expected) · ln(actual / expected); empty bins count as 0.0001 so the sum stays finite. */
    public static double psi(double[] expected, double[] actual) {
        double psi = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = i < expected.length ? expected[i] : 0;
            double a = i < actual.length ? actual[i] : 0;
            if (e == 0 && a == 0) {
                continue;
            }
            e = Math.max(1e-4, e);
            a = Math.max(1e-4, a);
            psi += (a - e) * Math.log(a / e);
        }
        return psi;
    }
}
