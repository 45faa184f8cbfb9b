package dev.riskdesk.limits.policy;

import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.rules.RuleHitResult;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A proposal the engine wants to make for one account, before it is stored. {@code status} is
 * AUTO_APPLIED (route AUTO), PENDING or AWAITING_DATA (route REVIEW).
 */
public record ProposalDraft(long accountId, ProposalType type, ProposalStatus status, ProposalRoute route, BigDecimal oldLimit,
        BigDecimal proposedLimit, BigDecimal hiddenCap, BigDecimal exposure, Double pd, BigDecimal priority,
        List<String> reasonCodes, String evidenceJson, RuleHitResult primaryHit, boolean temporary, LocalDateTime expiresAt,
        String suspensionKind) {

    public boolean autoApply() {
        return status == ProposalStatus.AUTO_APPLIED;
    }

    public String reasonCodesText() {
        String text = String.join(",", reasonCodes);
        return text.length() <= 200 ? text : text.substring(0, text.lastIndexOf(',', 200));
    }
}
