package dev.riskdesk.limits.policy;

import dev.riskdesk.accounts.AccountStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the engine needs about one account at one evaluation time, loaded in bulk per
 * chunk by {@link PortfolioReader}. Event lists hold only rows received by the evaluation time.
 */
public final class AccountData {
    public long accountId;
    public String accountNo;
    public long customerId;
    public AccountStatus status;
    public LocalDateTime openedAt;
    public BigDecimal creditLimit;
    public BigDecimal availableAmount;
    public BigDecimal outstanding;
    public BigDecimal tempLimit;
    public LocalDateTime tempLimitExpires;
    public LocalDateTime lastLimitChange;
    public int currentDpd;
    public String delinquencyBucket;
    public int version;
    public int cityTier;
    public String incomeBand;
    public Score score;
    public final List<Month> months = new ArrayList<>();
    public final List<Bill> bills = new ArrayList<>();
    public final List<Repayment> repayments = new ArrayList<>();
    public final List<Txn> txns = new ArrayList<>();
    public final List<Login> logins = new ArrayList<>();
    public final List<Inquiry> inquiries = new ArrayList<>();

    public record Score(Long modelId, double pd, String band, int creditSub, int capacitySub, int stabilitySub, int securitySub,
            String reasonCodes, LocalDateTime scoredAt) {
    }

    public record Month(LocalDate monthStart, BigDecimal creditLimit, BigDecimal balance, BigDecimal spend) {
    }

    /** {@code repaymentPending}: the bill shows a repayment made but not yet in the REPAYMENTS feed (BILL.STATUS PENDING). */
    public record Bill(long id, LocalDate dueDate, BigDecimal statementAmount, BigDecimal minimumDue, BigDecimal paidAmount,
            boolean repaymentPending) {
        public Bill(long id, LocalDate dueDate, BigDecimal statementAmount, BigDecimal minimumDue, BigDecimal paidAmount) {
            this(id, dueDate, statementAmount, minimumDue, paidAmount, false);
        }
    }

    public record Repayment(long id, Long billId, BigDecimal amount, LocalDateTime paidAt, LocalDateTime receivedAt) {
    }

    public record Txn(long id, LocalDateTime at, BigDecimal amount, String merchant, String city, String deviceId) {
    }

    public record Login(long id, LocalDateTime at, String deviceId, String city, boolean newDevice, boolean newCity, boolean success) {
    }

    public record Inquiry(long id, LocalDateTime at, String institution, String type) {
    }

    /** The limit in force at {@code at}: a temporary limit counts only until it expires. */
    public BigDecimal effectiveLimit(LocalDateTime at) {
        return LimitMath.effectiveLimit(creditLimit, tempLimit, tempLimitExpires, at);
    }

    public String segment() {
        return "T" + cityTier + "/" + incomeBand;
    }
}
