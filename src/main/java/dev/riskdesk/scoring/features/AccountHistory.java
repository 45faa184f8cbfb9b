package dev.riskdesk.scoring.features;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * One account's application data and its monthly rows in month order. The scanner reuses one
 * instance per account to keep the streaming scan free of garbage.
 */
public final class AccountHistory {
    public long accountId;
    public long customerId;
    public int openedMonth;
    public LocalDate birthDate;
    public int cityTier;
    public int incomeBand;
    /** Month index of real-name verification; Integer.MAX_VALUE when never verified. */
    public int verifiedMonth = Integer.MAX_VALUE;
    public String occupation;
    /** ACCOUNT.SCORE, SCORE_BAND and THIN_FILE as read: batch scoring rewrites the account only when they change. */
    public Integer storedScore;
    public String storedBand;
    public boolean storedThinFile;
    private final List<MonthRow> rows = new ArrayList<>();
    private int size;

    public void reset(long accountId) {
        this.accountId = accountId;
        this.size = 0;
    }

    /** A row to fill, recycled from earlier accounts; rows must be added in month order. */
    public MonthRow next() {
        if (size == rows.size()) {
            rows.add(new MonthRow());
        }
        return rows.get(size++);
    }

    public int size() {
        return size;
    }

    public MonthRow row(int i) {
        return rows.get(i);
    }

    /** Index of the last row with month <= the given month, or -1. */
    public int lastIndexAtOrBefore(int month) {
        for (int i = size - 1; i >= 0; i--) {
            if (rows.get(i).month <= month) {
                return i;
            }
        }
        return -1;
    }
}
