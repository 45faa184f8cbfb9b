package dev.riskdesk.scoring.features;

import java.time.LocalDate;
import java.time.Period;

/**
 * Computes {@link Feature}s of one account at an observation month from its monthly history,
 * and the performance label after it. Pure functions: the same history gives the same vector,
 * which is what makes single and batch scoring agree.
 */
public final class FeatureCalculator {
    /** Outcome window after the observation date, in months. */
    public static final int OUTCOME_MONTHS = 12;
    public static final int BAD_DPD = 90;
    /** Ratio features are capped so one tiny denominator cannot dominate a bin. */
    static final double RATIO_CAP = 10.0;
    /** Every behavioural feature looks back at most this many months, so a scan of 12 months suffices. */
    public static final int LOOKBACK_MONTHS = 12;
    /** "No late bill in the lookback" is recorded as one month more than the lookback. */
    static final double NEVER_LATE = LOOKBACK_MONTHS + 1;

    public static final int LABEL_GOOD = 0;
    public static final int LABEL_BAD = 1;
    /** Already 90+ DPD at observation: not a scoring population member. */
    public static final int LABEL_EXCLUDED = -1;

    private FeatureCalculator() {
    }

    /** Null when the account has no month in the lookback ending at the observation month. */
    public static FeatureVector compute(AccountHistory h, int obs) {
        int last = h.lastIndexAtOrBefore(obs);
        if (last < 0) {
            return null;
        }
        double[] v = new double[Feature.COUNT];
        MonthRow now = h.row(last);
        boolean hasNow = now.month == obs;

        double util3 = 0, util6 = 0, utilMin = Double.MAX_VALUE, utilMax = -Double.MAX_VALUE;
        int n3u = 0, n6u = 0;
        int worst3 = 0, worst6 = 0, worst12 = 0, late12 = 0, lastLate = Integer.MIN_VALUE;
        double pay3 = 0, min3 = 0, spend3 = 0, limit3 = 0, spendPrev3 = 0;
        int n3 = 0, nPrev3 = 0, txn3 = 0, night3 = 0, inq3 = 0;
        double spend6 = 0, spendSq6 = 0, ess6 = 0, lux6 = 0, spend12 = 0, fest12 = 0;
        int n6 = 0, txn6 = 0, big6 = 0, loginsPrev3 = 0, nLoginPrev = 0;
        double spendAll = 0;
        int txnAll = 0, months = 0;

        for (int i = 0; i <= last; i++) {
            MonthRow r = h.row(i);
            if (obs - r.month >= LOOKBACK_MONTHS) {
                continue;
            }
            months++;
            spendAll += r.spend;
            txnAll += r.txnCount;
            if (r.late || r.dpd > 0) {
                lastLate = r.month;
            }
            int age = obs - r.month; // 0 = observation month
            double util = r.limit > 0 ? r.balance / r.limit : Double.NaN;
            if (age < 12) {
                worst12 = Math.max(worst12, r.dpd);
                late12 += r.late ? 1 : 0;
                spend12 += r.spend;
                fest12 += r.festival;
            }
            if (age < 6) {
                worst6 = Math.max(worst6, r.dpd);
                if (!Double.isNaN(util)) {
                    util6 += util;
                    n6u++;
                    utilMin = Math.min(utilMin, util);
                    utilMax = Math.max(utilMax, util);
                }
                spend6 += r.spend;
                spendSq6 += r.spend * r.spend;
                ess6 += r.essential;
                lux6 += r.luxury;
                txn6 += r.txnCount;
                big6 += r.bigTickets;
                n6++;
            }
            if (age < 3) {
                worst3 = Math.max(worst3, r.dpd);
                if (!Double.isNaN(util)) {
                    util3 += util;
                    n3u++;
                }
                pay3 += r.payment;
                min3 += r.minimumDue;
                spend3 += r.spend;
                limit3 += r.limit;
                txn3 += r.txnCount;
                night3 += r.nightTxns;
                inq3 += r.inquiries;
                n3++;
            } else if (age < 6) {
                spendPrev3 += r.spend;
                nPrev3++;
            }
            if (age >= 1 && age <= 3) {
                loginsPrev3 += r.logins;
                nLoginPrev++;
            }
        }

        if (months == 0) {
            return null; // nothing in the lookback: closed or not yet open, not in the scored population
        }
        v[Feature.MONTHS_ON_BOOK.ordinal()] = Math.max(1, obs - h.openedMonth + 1);
        v[Feature.UTIL_NOW.ordinal()] = hasNow && now.limit > 0 ? now.balance / now.limit : Double.NaN;
        v[Feature.UTIL_AVG_3M.ordinal()] = n3u > 0 ? util3 / n3u : Double.NaN;
        v[Feature.UTIL_AVG_6M.ordinal()] = n6u > 0 ? util6 / n6u : Double.NaN;
        v[Feature.UTIL_SWING_6M.ordinal()] = n6u > 1 ? utilMax - utilMin : Double.NaN;
        v[Feature.DPD_NOW.ordinal()] = hasNow ? now.dpd : 0;
        v[Feature.WORST_DPD_3M.ordinal()] = worst3;
        v[Feature.WORST_DPD_6M.ordinal()] = worst6;
        v[Feature.WORST_DPD_12M.ordinal()] = worst12;
        v[Feature.LATE_BILLS_12M.ordinal()] = late12;
        v[Feature.MONTHS_SINCE_LATE.ordinal()] = lastLate == Integer.MIN_VALUE ? NEVER_LATE : Math.min(NEVER_LATE, obs - lastLate);
        v[Feature.REPAY_TO_MIN_3M.ordinal()] = min3 > 0 ? Math.min(RATIO_CAP, pay3 / min3) : Double.NaN;
        v[Feature.SPEND_AVG_3M.ordinal()] = n3 > 0 ? spend3 / n3 : 0;
        v[Feature.SPEND_TO_LIMIT_3M.ordinal()] = limit3 > 0 ? Math.min(RATIO_CAP, spend3 / limit3) : Double.NaN;
        if (n6 > 1 && spend6 > 0) {
            double mean = spend6 / n6;
            double variance = Math.max(0, spendSq6 / n6 - mean * mean);
            v[Feature.SPEND_VOLATILITY_6M.ordinal()] = Math.min(RATIO_CAP, Math.sqrt(variance) / mean);
        } else {
            v[Feature.SPEND_VOLATILITY_6M.ordinal()] = Double.NaN;
        }
        v[Feature.SPEND_TREND.ordinal()] = nPrev3 > 0 && n3 > 0 && spendPrev3 > 0
                ? Math.min(RATIO_CAP, (spend3 / n3) / (spendPrev3 / nPrev3)) : Double.NaN;
        v[Feature.TXN_COUNT_AVG_3M.ordinal()] = n3 > 0 ? (double) txn3 / n3 : 0;
        v[Feature.ESSENTIAL_SHARE_6M.ordinal()] = spend6 > 0 ? ess6 / spend6 : Double.NaN;
        v[Feature.LUXURY_SHARE_6M.ordinal()] = spend6 > 0 ? lux6 / spend6 : Double.NaN;
        v[Feature.FESTIVAL_SHARE_12M.ordinal()] = spend12 > 0 ? fest12 / spend12 : Double.NaN;
        v[Feature.NIGHT_SHARE_3M.ordinal()] = txn3 > 0 ? (double) night3 / txn3 : Double.NaN;
        v[Feature.BIG_TICKET_RATIO_6M.ordinal()] = txn6 > 0 ? (double) big6 / txn6 : Double.NaN;
        v[Feature.INQUIRIES_1M.ordinal()] = hasNow ? now.inquiries : 0;
        v[Feature.INQUIRIES_3M.ordinal()] = inq3;
        v[Feature.NEW_DEVICES_1M.ordinal()] = hasNow ? now.newDevices : 0;
        v[Feature.LOGIN_CITIES_1M.ordinal()] = hasNow ? now.loginCities : 0;
        double prevLoginMean = nLoginPrev > 0 ? (double) loginsPrev3 / nLoginPrev : 0;
        v[Feature.LOGIN_FREQ_CHANGE.ordinal()] = hasNow && prevLoginMean > 0 ? Math.min(RATIO_CAP, now.logins / prevLoginMean) : Double.NaN;
        v[Feature.REAL_NAME_VERIFIED.ordinal()] = h.verifiedMonth <= obs ? 1 : 0;
        LocalDate obsEnd = MonthRow.monthEnd(obs);
        v[Feature.AGE.ordinal()] = h.birthDate == null ? Double.NaN : Period.between(h.birthDate, obsEnd).getYears();
        v[Feature.CITY_TIER.ordinal()] = h.cityTier;
        v[Feature.INCOME_BAND.ordinal()] = h.incomeBand;
        boolean neverUsed = spendAll <= 0 && txnAll == 0;
        v[Feature.NEVER_USED.ordinal()] = neverUsed ? 1 : 0;
        v[Feature.CREDIT_LIMIT.ordinal()] = now.limit;

        return new FeatureVector(h.accountId, obsEnd, v, h.occupation, months, FeatureVector.isThinFile(months, neverUsed));
    }

    /**
     * 1 when the account reaches 90+ DPD in the twelve months after the observation month,
     * 0 otherwise, {@link #LABEL_EXCLUDED} when it is already 90+ at observation.
     */
    public static int label(AccountHistory h, int obs) {
        int bad = LABEL_GOOD;
        for (int i = 0; i < h.size(); i++) {
            MonthRow r = h.row(i);
            if (r.month == obs && r.dpd >= BAD_DPD) {
                return LABEL_EXCLUDED;
            }
            if (r.month > obs && r.month <= obs + OUTCOME_MONTHS && r.dpd >= BAD_DPD) {
                bad = LABEL_BAD;
            }
        }
        return bad;
    }
}
