package dev.riskdesk.customers;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.BillStatus;
import dev.riskdesk.accounts.DecisionStatus;
import dev.riskdesk.accounts.NoticeKind;
import dev.riskdesk.accounts.NoticeStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.limits.DecisionAction;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Everything the customer profile screen shows about one account, read in one go by
 * {@link CustomerProfileService}. Plain values, no database types; personal data is masked.
 * Texts are codes and values: the screen words them in the operator's language.
 */
public record CustomerProfile(Header header,
                              List<TimelineEvent> timeline,
                              List<LimitPoint> limitHistory,
                              List<MonthPoint> months,
                              List<Decision> decisions,
                              List<Proposal> openProposals,
                              List<Bill> bills,
                              List<Repayment> repayments,
                              List<Transaction> transactions,
                              List<Login> logins,
                              List<Flag> flags,
                              List<Suspension> suspensions,
                              List<Appeal> appeals,
                              List<Notice> notices,
                              List<AuditRow> audit,
                              List<ScorePoint> scoreHistory,
                              boolean auditVisible) {

    /** Caps that keep one profile cheap on a long-lived account (newest first are kept). */
    public static final int MAX_TRANSACTIONS = 1000;
    public static final int MAX_LOGINS = 500;
    public static final int MAX_AUDIT = 500;

    public record Header(long accountId, String accountNo, long customerId, String customerNo, String maskedName,
                         String maskedPhone, String city, int cityTier, String product, LocalDateTime openedAt,
                         AccountStatus status, BigDecimal creditLimit, BigDecimal available, BigDecimal balance,
                         BigDecimal tempLimit, int daysPastDue, String delinquencyBucket, Integer score, String scoreBand,
                         boolean thinFile, SubScores subScores, long openFlags, Appeal openAppeal, int version) {

        /** Balance over limit, 0 when the limit is 0. */
        public double utilisation() {
            return creditLimit.signum() == 0 ? 0 : balance.doubleValue() / creditLimit.doubleValue();
        }
    }

    /** The latest stored sub-scores (0–100, higher is better), banded A–E like the score bands. */
    public record SubScores(int credit, int capacity, int stability, int security, LocalDateTime scoredAt) {
        public static String band(int subScore) {
            return subScore >= 80 ? "A" : subScore >= 60 ? "B" : subScore >= 40 ? "C" : subScore >= 20 ? "D" : "E";
        }
    }

    /** The lanes of the risk timeline, top to bottom. */
    public enum Lane { REPAYMENT, SPENDING, INQUIRY, LOGIN, RULE, LIMIT, SUSPENSION }

    /** How an event reads at a glance; the screen colours it from the chart palette. */
    public enum Level { GOOD, INFO, WARNING, BAD }

    /**
     * One event of the risk timeline. {@code code} names the kind (the screen's text key
     * "profile.event.CODE"), {@code args} the values it quotes.
     */
    public record TimelineEvent(LocalDateTime at, Lane lane, Level level, String code, List<Object> args) {
    }

    public record LimitPoint(LocalDateTime at, BigDecimal oldLimit, BigDecimal newLimit, AccountStatus oldStatus, AccountStatus newStatus,
                             String source, String reasonCodes) {
    }

    public record MonthPoint(LocalDate month, BigDecimal creditLimit, BigDecimal balance, BigDecimal spend, int daysPastDue) {
    }

    public record Decision(long id, Long proposalId, DecisionAction action, DecisionStatus status, BigDecimal oldLimit, BigDecimal newLimit,
                           String reasonCode, String note, String maker, String checker, LocalDateTime decidedAt) {
    }

    public record Proposal(long id, ProposalType type, ProposalStatus status, BigDecimal oldLimit, BigDecimal proposedLimit,
                           String reasonCodes, LocalDateTime createdAt) {
    }

    public record Bill(LocalDate statementMonth, LocalDate dueDate, BigDecimal amount, BigDecimal minimumDue,
                       BigDecimal paid, LocalDate paidDate, int daysPastDue, BillStatus status) {
    }

    public record Repayment(LocalDateTime paidAt, LocalDateTime receivedAt, BigDecimal amount, String channel) {
    }

    public record Transaction(LocalDateTime at, BigDecimal amount, String category, String merchant, String channel,
                              String city) {
    }

    public record Login(LocalDateTime at, String deviceId, String ipAddress, String city, boolean newDevice,
                        boolean newCity, boolean success) {
    }

    public record Flag(long id, LocalDateTime hitAt, String ruleCode, String descriptionEn, String descriptionZh,
                       String severity, String action, String evidence, boolean stale, boolean open) {
    }

    public record Suspension(long id, SuspensionKind kind, SuspensionStatus status, String reasonCodes, String evidence,
                             LocalDateTime startedAt, LocalDateTime liftedAt) {
    }

    public record Appeal(long id, String appealNo, AppealType type, String channel, AppealStatus status, AppealOutcome outcome,
                         LocalDateTime createdAt, LocalDateTime slaDueAt, LocalDateTime decidedAt) {
    }

    public record Notice(LocalDateTime createdAt, NoticeKind kind, String channel, NoticeStatus status, String body) {
    }

    public record AuditRow(LocalDateTime at, String operator, String action, String entityType, String entityId,
                           String reason, String details) {
    }

    public record ScorePoint(LocalDateTime scoredAt, int score, String band, double pd) {
    }
}
