package dev.riskdesk.limits.policy;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;

/** Small money rules shared by the engine, the decision service and the suspension code. */
public final class LimitMath {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private LimitMath() {
    }

    public static BigDecimal effectiveLimit(BigDecimal limit, BigDecimal tempLimit, LocalDateTime tempExpires, LocalDateTime at) {
        if (tempLimit != null && tempExpires != null && tempExpires.isAfter(at) && tempLimit.compareTo(limit) > 0) {
            return tempLimit;
        }
        return limit;
    }

    /** Available amount after a change: never negative; the balance itself is never touched. */
    public static BigDecimal available(AccountStatus status, BigDecimal effectiveLimit, BigDecimal outstanding) {
        if (status != AccountStatus.ACTIVE) {
            return Money.ZERO;
        }
        BigDecimal free = effectiveLimit.subtract(outstanding);
        return Money.normalize(free.signum() < 0 ? BigDecimal.ZERO : free);
    }

    /** {@code amount × percent / 100}, as money. */
    public static BigDecimal percentOf(BigDecimal amount, BigDecimal percent) {
        return Money.normalize(amount.multiply(percent).divide(HUNDRED, 6, RoundingMode.HALF_UP));
    }

    /** Change from {@code from} to {@code to} in percent of {@code from}; 100 when from is zero. */
    public static BigDecimal changePercent(BigDecimal from, BigDecimal to) {
        if (from.signum() == 0) {
            return to.signum() == 0 ? BigDecimal.ZERO : HUNDRED;
        }
        return to.subtract(from).abs().multiply(HUNDRED).divide(from, 4, RoundingMode.HALF_UP);
    }

    public static BigDecimal roundDown(BigDecimal amount, BigDecimal step) {
        return Money.normalize(amount.divide(step, 0, RoundingMode.FLOOR).multiply(step));
    }

    public static BigDecimal roundUp(BigDecimal amount, BigDecimal step) {
        return Money.normalize(amount.divide(step, 0, RoundingMode.CEILING).multiply(step));
    }
}
