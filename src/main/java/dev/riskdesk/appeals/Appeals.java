package dev.riskdesk.appeals;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.SuspensionKind;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** The values the appeal service hands to screens and the CLI. */
public final class Appeals {
    private Appeals() {
    }

    /** A new appeal as the agent registers it. {@code suspensionId} or {@code decisionId} names what is contested. */
    public record Registration(long accountId, AppealType type, Long suspensionId, Long decisionId, String channel, String contactPreference,
            String statement) {
    }

    /** A file the customer sent. */
    public record Attachment(String fileName, String contentType, byte[] content) {
    }

    /** What an account has that may be appealed: an active suspension or freeze, or an applied decrease. */
    public record Contestable(AppealType type, Long suspensionId, Long decisionId, String reasonCodes, LocalDateTime since,
            BigDecimal oldLimit, BigDecimal newLimit) {
    }

    /** The inbox filters; null means any. {@code assigneeId} 0 means unassigned. */
    public record InboxFilter(AppealStatus status, AppealType type, String ruleCode, Long assigneeId, boolean openOnly) {
        public static InboxFilter open() {
            return new InboxFilter(null, null, null, null, true);
        }
    }

    /** One inbox line. {@code remaining} is negative once the SLA is breached; null when decided. */
    public record InboxRow(long id, String appealNo, long accountId, String accountNo, String customerName, AppealType type,
            AppealStatus status, String ruleCode, Integer ruleVersion, String assignee, Long assigneeId, LocalDateTime createdAt,
            LocalDateTime slaDueAt, Duration remaining, AppealOutcome outcome, boolean awaitingApproval, int version) {
        public boolean breached() {
            return remaining != null && remaining.isNegative();
        }
    }

    /** A line of the append-only notes log. KIND is NOTE, STATUS or CUSTOMER. */
    public record Note(long id, AppealNoteKind kind, String author, String body, LocalDateTime createdAt) {
    }

    public record AttachmentInfo(long id, String fileName, String contentType, int sizeBytes, String uploadedBy, LocalDateTime uploadedAt) {
    }

    /** A repayment that paid before the trigger but reached the database after the data the trigger saw. */
    public record LateRepayment(BigDecimal amount, LocalDateTime paidAt, LocalDateTime receivedAt) {
    }

    /**
     * The trigger's data as of its time, and whether it changed since: {@code stale} when a
     * repayment paid before the trigger arrived after it (a likely false positive).
     */
    public record DataCheck(LocalDateTime triggeredAt, Map<String, String> feedAsOf, List<LateRepayment> lateRepayments,
            int repaymentsSinceTrigger) {
        public boolean stale() {
            return !lateRepayments.isEmpty();
        }
    }

    /** Everything the case screen shows about one appeal. */
    public record AppealCase(InboxRow row, String channel, String contactPreference, String statement, List<String> reasonCodes,
            SuspensionKind suspensionKind, String evidence, DataCheck dataCheck, BigDecimal currentLimit, BigDecimal contestedOldLimit,
            BigDecimal contestedNewLimit, AccountStatus accountStatus, String outcomeReason, BigDecimal outcomeLimit, String decidedBy,
            LocalDateTime decidedAt, boolean identityReverified, Long pendingDecisionId, List<Note> notes,
            List<AttachmentInfo> attachments, List<InboxRow> earlierAppeals) {
        public boolean fraud() {
            return suspensionKind == SuspensionKind.FRAUD;
        }
    }

    /** A decision on an appeal. {@code newLimit} only for PARTIALLY_LIFTED; {@code language} of the notice (zh_CN or en). */
    public record Decision(AppealOutcome outcome, BigDecimal newLimit, String reasonCode, String note, boolean identityReverified,
            String language) {
    }

    /** Open appeals by age, handling time, SLA compliance and overturn rate; for the inbox and the manager dashboard. */
    public record InboxFigures(int open, int openUnder24h, int open24to48h, int open2to7d, int openOver7d, int openBreached,
            Double medianHandlingHours, int decided, int decidedWithinSla, int overturned) {
        public Double slaCompliance() {
            return decided == 0 ? null : (double) decidedWithinSla / decided;
        }

        public Double overturnRate() {
            return decided == 0 ? null : (double) overturned / decided;
        }
    }

    /** Appeal outcomes as labels of one rule version: the overturn rate is a likely false-positive rate. */
    public record RuleQuality(String ruleCode, Long ruleSetId, Integer ruleVersion, long triggers, int appeals, int decided, int overturned,
            int staleData) {
        public Double overturnRate() {
            return decided == 0 ? null : (double) overturned / decided;
        }
    }

    /** An operator who may take appeals (for assign). */
    public record Handler(long id, String username, String displayName, String role) {
    }
}
