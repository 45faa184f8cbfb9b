package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class BinWordsTest {
    static final Locale EN = Locale.ENGLISH;
    static final Locale ZH = Locale.SIMPLIFIED_CHINESE;

    static Bin bin(Double lo, Double hi) {
        return new Bin(lo, hi, null, false, 100, 10, 0, 0);
    }

    @Test
    void sharesReadAsPercentages() {
        assertEquals("below 50%", BinWords.of("UTIL_NOW", bin(null, 0.5), EN));
        assertEquals("低于50%", BinWords.of("UTIL_NOW", bin(null, 0.5), ZH));
        assertEquals("30% to under 70%", BinWords.of("UTIL_AVG_3M", bin(0.3, 0.7), EN));
        assertEquals("70%及以上", BinWords.of("UTIL_NOW", bin(0.7, null), ZH));
        assertEquals("12.5% or more", BinWords.of("NIGHT_SHARE_3M", bin(0.125, null), EN));
    }

    @Test
    void wholeNumbersReadAsTheValuesTheBinHolds() {
        // days past due are whole and never negative: [−inf, 0.5) is exactly 0, [0.5, 30.5) is 1 to 30
        assertEquals("0 days", BinWords.of("WORST_DPD_6M", bin(null, 0.5), EN));
        assertEquals("1 to 30 days", BinWords.of("WORST_DPD_6M", bin(0.5, 30.5), EN));
        assertEquals("1至30天", BinWords.of("WORST_DPD_6M", bin(0.5, 30.5), ZH));
        assertEquals("31 days or more", BinWords.of("WORST_DPD_6M", bin(30.5, null), EN));
        assertEquals("1 day", BinWords.of("DPD_NOW", bin(0.5, 1.5), EN));
        assertEquals("2 or more", BinWords.of("INQUIRIES_3M", bin(1.5, null), EN));
        assertEquals("2次及以上", BinWords.of("INQUIRIES_3M", bin(1.5, null), ZH));
        assertEquals("0 to 5 months", BinWords.of("MONTHS_ON_BOOK", bin(null, 6.0), EN));
    }

    @Test
    void flagsMoneyRatiosAndOthers() {
        assertEquals("no", BinWords.of("REAL_NAME_VERIFIED", bin(null, 0.5), EN));
        assertEquals("是", BinWords.of("REAL_NAME_VERIFIED", bin(0.5, null), ZH));
        assertEquals("¥2,000 or more", BinWords.of("SPEND_AVG_3M", bin(2000.0, null), EN));
        assertEquals("低于1,500元", BinWords.of("SPEND_AVG_3M", bin(null, 1499.6), ZH));
        assertEquals("1.5× or more", BinWords.of("REPAY_TO_MIN_3M", bin(1.5, null), EN));
        assertEquals("not known", BinWords.of("REPAY_TO_MIN_3M", new Bin(null, null, null, true, 1, 1, 0, 0), EN));
        assertEquals("one of TEACHER, NURSE", BinWords.of("OCCUPATION", new Bin(null, null, List.of("TEACHER", "NURSE"), false, 1, 1, 0, 0), EN));
        assertEquals("tier 1 to tier 2", BinWords.of("CITY_TIER", bin(null, 2.5), EN));
        assertEquals("3线城市及以上", BinWords.of("CITY_TIER", bin(2.5, null), ZH));
        assertEquals("at most 24 years", BinWords.of("AGE", bin(null, 25.0), EN));
        assertEquals("25 to 34 years", BinWords.of("AGE", bin(25.0, 35.0), EN));
    }

    @Test
    void theHintNamesTheChangeInWordsInBothLanguages() {
        Characteristic util = new Characteristic("UTIL_NOW", false,
                List.of(SubScoresAndExplanationTest.bin(null, 0.3, 230), SubScoresAndExplanationTest.bin(0.3, 0.7, 215),
                        SubScoresAndExplanationTest.bin(0.7, null, 190)), 0.3, -1, 1, 200);
        Characteristic dpd = new Characteristic("WORST_DPD_6M", false,
                List.of(SubScoresAndExplanationTest.bin(null, 1.0, 200), SubScoresAndExplanationTest.bin(1.0, 30.0, 190),
                        SubScoresAndExplanationTest.bin(30.0, null, 150)), 0.5, -1, 0, 190);
        Characteristic age = new Characteristic("AGE", false,
                List.of(SubScoresAndExplanationTest.bin(null, 25.0, 170), SubScoresAndExplanationTest.bin(25.0, null, 200)), 0.05, -1, 1, 190);
        Scorecard sc = new Scorecard(List.of(util, dpd, age), Scaling.standard(-3));
        // 190 + 190 + 170 = 550, band D; utilisation below 30% adds 40 and reaches C
        ScoreResult r = sc.bindFeatures().score(SubScoresAndExplanationTest.vector(0.9, 10, 22));
        Explanation e = Explanation.of(sc, r);
        String en = e.hintText(EN);
        String zh = e.hintText(ZH);
        assertTrue(en.contains("from 70% or more to below 30%"), en);
        assertTrue(zh.contains("从70%及以上改善到低于30%"), zh);
        assertFalse(en.contains("inf") || zh.contains("inf"), en + " / " + zh);
        assertEquals("[0.7000, +inf)", e.hint().fromBin(), "the points table keeps the interval labels");
    }
}
