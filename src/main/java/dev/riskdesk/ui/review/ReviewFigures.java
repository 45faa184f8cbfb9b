package dev.riskdesk.ui.review;

import dev.riskdesk.limits.review.ProposalQueueService.Row;
import dev.riskdesk.ui.common.Formats;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** The queue's amounts in words: limits, priority and the size of a change, shared by the table and the detail panel. */
final class ReviewFigures {
    private ReviewFigures() {
    }

    /** A limit in whole yuan when it has no fen (limits are rounded to ¥100 by the policy), else with them. */
    static String limit(Formats f, BigDecimal amount) {
        return amount.stripTrailingZeros().scale() <= 0 ? "\u00a5" + f.integer(amount.longValueExact()) : f.money(amount);
    }

    /** Priority is expected loss in whole yuan: the cents of an estimate are noise in a queue. */
    static String priority(Formats f, BigDecimal amount) {
        return "\u00a5" + f.integer(amount.setScale(0, RoundingMode.HALF_UP).longValueExact());
    }

    static String change(Formats f, Row r) {
        if (r.change().signum() == 0) {
            return "—";
        }
        if (r.oldLimit().signum() == 0) {
            return "+∞";
        }
        double pct = r.change().divide(r.oldLimit(), 4, RoundingMode.HALF_UP).doubleValue();
        return (pct > 0 ? "+" : "") + f.percent(pct);
    }
}
