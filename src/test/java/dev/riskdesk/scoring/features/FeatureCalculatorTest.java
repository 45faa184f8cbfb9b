package dev.riskdesk.scoring.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FeatureCalculatorTest {
    static final int JAN_2024 = MonthRow.index(LocalDate.of(2024, 1, 1));

    /** Eight months, Jan..Aug 2024, with hand-picked numbers; observation at the end of August. */
    static AccountHistory history() {
        AccountHistory h = new AccountHistory();
        h.reset(7);
        h.openedMonth = JAN_2024;
        h.birthDate = LocalDate.of(1990, 9, 15);
        h.cityTier = 2;
        h.incomeBand = 4;
        h.verifiedMonth = JAN_2024 + 3;
        h.occupation = "TEACHER";
        double[] balance = {0, 1000, 2000, 3000, 4000, 5000, 6000, 8000};
        double[] spend = {0, 1000, 1000, 1000, 2000, 2000, 2000, 4000};
        int[] dpd = {0, 0, 15, 0, 0, 40, 0, 0};
        for (int m = 0; m < 8; m++) {
            MonthRow r = h.next();
            r.month = JAN_2024 + m;
            r.limit = 10000;
            r.balance = balance[m];
            r.spend = spend[m];
            r.txnCount = spend[m] > 0 ? 10 : 0;
            r.essential = spend[m] * 0.5;
            r.luxury = spend[m] * 0.25;
            r.festival = m == 5 ? 1000 : 0;
            r.nightTxns = m >= 5 ? 2 : 0;
            r.bigTickets = m == 7 ? 5 : 0;
            r.minimumDue = 100;
            r.payment = m >= 5 ? 50 : 300;
            r.dpd = dpd[m];
            r.late = dpd[m] > 0;
            r.logins = m == 7 ? 30 : 10;
            r.newDevices = m == 7 ? 2 : 0;
            r.loginCities = m == 7 ? 3 : 1;
            r.inquiries = m >= 6 ? m - 5 : 0;
        }
        return h;
    }

    @Test
    void knownAnswersAtTheEndOfAugust() {
        FeatureVector v = FeatureCalculator.compute(history(), JAN_2024 + 7);
        assertEquals(LocalDate.of(2024, 8, 31), v.observationDate());
        assertEquals(8, v.get(Feature.MONTHS_ON_BOOK));
        assertEquals(0.8, v.get(Feature.UTIL_NOW), 1e-9);
        assertEquals((0.6 + 0.5 + 0.8) / 3, v.get(Feature.UTIL_AVG_3M), 1e-9);
        assertEquals((0.2 + 0.3 + 0.4 + 0.5 + 0.6 + 0.8) / 6, v.get(Feature.UTIL_AVG_6M), 1e-9);
        assertEquals(0.8 - 0.2, v.get(Feature.UTIL_SWING_6M), 1e-9);
        assertEquals(0, v.get(Feature.DPD_NOW));
        assertEquals(40, v.get(Feature.WORST_DPD_3M));
        assertEquals(40, v.get(Feature.WORST_DPD_6M));
        assertEquals(40, v.get(Feature.WORST_DPD_12M));
        assertEquals(2, v.get(Feature.LATE_BILLS_12M));
        assertEquals(2, v.get(Feature.MONTHS_SINCE_LATE));
        assertEquals(150.0 / 300, v.get(Feature.REPAY_TO_MIN_3M), 1e-9);
        assertEquals(8000.0 / 3, v.get(Feature.SPEND_AVG_3M), 1e-9);
        assertEquals(8000.0 / 30000, v.get(Feature.SPEND_TO_LIMIT_3M), 1e-9);
        // six months Mar..Aug: 1000,1000,2000,2000,2000,4000 → mean 2000, sd sqrt(1,000,000) = 1000
        assertEquals(0.5, v.get(Feature.SPEND_VOLATILITY_6M), 1e-9);
        assertEquals((8000.0 / 3) / (4000.0 / 3), v.get(Feature.SPEND_TREND), 1e-9);
        assertEquals(10, v.get(Feature.TXN_COUNT_AVG_3M));
        assertEquals(0.5, v.get(Feature.ESSENTIAL_SHARE_6M), 1e-9);
        assertEquals(0.25, v.get(Feature.LUXURY_SHARE_6M), 1e-9);
        assertEquals(1000.0 / 13000, v.get(Feature.FESTIVAL_SHARE_12M), 1e-9);
        assertEquals(6.0 / 30, v.get(Feature.NIGHT_SHARE_3M), 1e-9);
        assertEquals(5.0 / 60, v.get(Feature.BIG_TICKET_RATIO_6M), 1e-9);
        assertEquals(2, v.get(Feature.INQUIRIES_1M));
        assertEquals(3, v.get(Feature.INQUIRIES_3M));
        assertEquals(2, v.get(Feature.NEW_DEVICES_1M));
        assertEquals(3, v.get(Feature.LOGIN_CITIES_1M));
        assertEquals(3.0, v.get(Feature.LOGIN_FREQ_CHANGE), 1e-9);
        assertEquals(1, v.get(Feature.REAL_NAME_VERIFIED));
        assertEquals(33, v.get(Feature.AGE));
        assertEquals(2, v.get(Feature.CITY_TIER));
        assertEquals(4, v.get(Feature.INCOME_BAND));
        assertEquals(0, v.get(Feature.NEVER_USED));
        assertEquals(10000, v.get(Feature.CREDIT_LIMIT));
        assertEquals(8, v.monthsOfHistory());
        assertFalse(v.thinFile());
        assertEquals("TEACHER", v.occupation());
    }

    @Test
    void observationInThePastIgnoresLaterMonths() {
        FeatureVector v = FeatureCalculator.compute(history(), JAN_2024 + 2);
        assertEquals(3, v.get(Feature.MONTHS_ON_BOOK));
        assertEquals(0.2, v.get(Feature.UTIL_NOW), 1e-9);
        assertEquals(15, v.get(Feature.DPD_NOW));
        assertEquals(0, v.get(Feature.REAL_NAME_VERIFIED), "verified only in April");
        assertEquals(0, v.get(Feature.MONTHS_SINCE_LATE));
        assertTrue(Double.isNaN(v.get(Feature.SPEND_TREND)), "no earlier three months");
    }

    @Test
    void twoMonthsOrNeverUsedIsThinFile() {
        assertTrue(FeatureCalculator.compute(history(), JAN_2024 + 1).thinFile());
        AccountHistory unused = history();
        for (int i = 0; i < unused.size(); i++) {
            unused.row(i).spend = 0;
            unused.row(i).txnCount = 0;
        }
        FeatureVector v = FeatureCalculator.compute(unused, JAN_2024 + 7);
        assertEquals(1, v.get(Feature.NEVER_USED));
        assertTrue(v.thinFile());
        assertNull(FeatureCalculator.compute(history(), JAN_2024 - 1), "not open yet");
        assertNull(FeatureCalculator.compute(history(), JAN_2024 + 7 + 12), "nothing in the lookback");
    }

    @Test
    void labelLooksTwelveMonthsAheadAndExcludesCurrentDefaults() {
        AccountHistory h = history();
        assertEquals(FeatureCalculator.LABEL_GOOD, FeatureCalculator.label(h, JAN_2024));
        h.row(7).dpd = 90;
        assertEquals(FeatureCalculator.LABEL_BAD, FeatureCalculator.label(h, JAN_2024));
        assertEquals(FeatureCalculator.LABEL_EXCLUDED, FeatureCalculator.label(h, JAN_2024 + 7));
        // month 7 is 13 months after Jun 2023: outside the window
        assertEquals(FeatureCalculator.LABEL_GOOD, FeatureCalculator.label(h, JAN_2024 + 7 - 13));
    }
}
