package dev.riskdesk.scoring.features;

import java.time.LocalDate;

/**
 * One ACCOUNT_MONTH row as read for feature computation. Amounts are doubles here on purpose:
 * they only feed ratios and averages (features), never a balance that is booked or shown.
 */
public final class MonthRow {
    public int month;
    public double limit;
    public double balance;
    public double spend;
    public int txnCount;
    public double essential;
    public double luxury;
    public double festival;
    public int nightTxns;
    public int bigTickets;
    public double minimumDue;
    public double payment;
    public int dpd;
    public boolean late;
    public int logins;
    public int newDevices;
    public int loginCities;
    public int inquiries;

    /** Months since year 0: consecutive calendar months differ by one. */
    public static int index(LocalDate date) {
        return date.getYear() * 12 + date.getMonthValue() - 1;
    }

    public static LocalDate monthStart(int index) {
        return LocalDate.of(index / 12, index % 12 + 1, 1);
    }

    /** The month end of the observation month: what reports and SCORE.OBSERVATION_DATE show. */
    public static LocalDate monthEnd(int index) {
        LocalDate start = monthStart(index);
        return start.withDayOfMonth(start.lengthOfMonth());
    }
}
