package dev.riskdesk.portfolio;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The generated months and their calendar: time inside the generator is seconds since the start
 * of the first month (wall clock, China Standard Time); data ends at the start of the as-of day.
 */
final class Timeline {
    static final long DAY = 86_400L;
    /**
     * The repayment feed is a nightly settlement file: the last one before as-of was loaded at 02:00 the day before and
     * holds the repayments made up to then; those made later arrive with the next file, after as-of.
     */
    static final long REPAYMENT_FEED_LAG = 22 * 3600L;

    final int months;
    final LocalDate asOf;
    final LocalDateTime base;
    final long asOfSec;
    final long asOfDay;
    /** The REPAYMENTS feed's as-of time: {@link #REPAYMENT_FEED_LAG} before as-of. */
    final long repaymentsAsOfSec;
    final LocalDate[] monthStart;
    final long[] monthStartSec;
    /** Exclusive end of each month, the as-of time for the last one. */
    final long[] monthEndSec;
    /** Days of each month that lie before the as-of date. */
    final int[] usableDays;
    /** Per month and day: relative spending intensity (festival windows are higher). */
    final double[][] dayWeight;
    final double[][] dayCumulative;
    final boolean[][] festivalDay;
    /** Mean intensity times the share of the month before as-of; scales the month's expected counts. */
    final double[] monthIntensity;
    final int detailStart;
    /** The macro-downturn month (about 8 months before as-of), or -1 when the history is too short. */
    final int shockMonth;

    Timeline(int months, int detailMonths, LocalDate asOf, List<ReferenceData.Festival> festivals) {
        this.months = months;
        this.asOf = asOf;
        YearMonth last = YearMonth.from(asOf.minusDays(1));
        YearMonth first = last.minusMonths(months - 1L);
        this.base = first.atDay(1).atStartOfDay();
        this.asOfSec = toSec(asOf.atStartOfDay());
        this.asOfDay = asOfSec / DAY;
        this.repaymentsAsOfSec = asOfSec - REPAYMENT_FEED_LAG;
        monthStart = new LocalDate[months];
        monthStartSec = new long[months];
        monthEndSec = new long[months];
        usableDays = new int[months];
        dayWeight = new double[months][];
        dayCumulative = new double[months][];
        festivalDay = new boolean[months][];
        monthIntensity = new double[months];
        for (int t = 0; t < months; t++) {
            YearMonth ym = first.plusMonths(t);
            monthStart[t] = ym.atDay(1);
            monthStartSec[t] = toSec(ym.atDay(1).atStartOfDay());
            long end = toSec(ym.plusMonths(1).atDay(1).atStartOfDay());
            monthEndSec[t] = Math.min(end, asOfSec);
            int days = (int) ((monthEndSec[t] - monthStartSec[t]) / DAY);
            usableDays[t] = days;
            dayWeight[t] = new double[days];
            dayCumulative[t] = new double[days];
            festivalDay[t] = new boolean[days];
            double sum = 0;
            for (int d = 0; d < days; d++) {
                double w = 1.0;
                for (ReferenceData.Festival f : festivals) {
                    if (f.month() == ym.getMonthValue() && d + 1 <= f.day() && d + 1 > f.day() - f.windowDays()) {
                        // ramps up towards the festival day itself
                        double closeness = 1.0 - (f.day() - (d + 1)) / (double) f.windowDays();
                        w = Math.max(w, 1.0 + (f.multiplier() - 1.0) * (0.5 + closeness));
                        festivalDay[t][d] = true;
                    }
                }
                dayWeight[t][d] = w;
                sum += w;
                dayCumulative[t][d] = sum;
            }
            monthIntensity[t] = sum / 30.44;
        }
        this.detailStart = months - detailMonths;
        this.shockMonth = months >= 10 ? months - 1 - 8 : -1;
    }

    long toSec(LocalDateTime time) {
        return ChronoUnit.SECONDS.between(base, time);
    }

    LocalDateTime time(long sec) {
        return base.plusSeconds(sec);
    }

    LocalDate date(long sec) {
        return base.toLocalDate().plusDays(Math.floorDiv(sec, DAY));
    }

    LocalDate dateOfDay(long day) {
        return base.toLocalDate().plusDays(day);
    }

    /** Month index of a time, -1 before the first month, {@code months} at or after as-of. */
    int monthOf(long sec) {
        if (sec < 0) {
            return -1;
        }
        if (sec >= asOfSec) {
            return months;
        }
        int lo = 0;
        int hi = months - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (monthStartSec[mid] <= sec) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
