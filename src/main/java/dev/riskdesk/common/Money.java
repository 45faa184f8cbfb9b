package dev.riskdesk.common;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Money is CNY with exactly two decimal places; never a double. */
public final class Money {
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    public static BigDecimal of(String amount) {
        return normalize(new BigDecimal(amount));
    }

    public static BigDecimal ofCents(long cents) {
        return BigDecimal.valueOf(cents, SCALE);
    }

    public static BigDecimal normalize(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    public static long toCents(BigDecimal amount) {
        return normalize(amount).unscaledValue().longValueExact();
    }
}
