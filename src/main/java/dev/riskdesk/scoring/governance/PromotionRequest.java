package dev.riskdesk.scoring.governance;

import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelSeat;
import java.time.LocalDateTime;

/**
 * One request to change a seat's champion: the model it would make champion, the champion it would replace (when the
 * request was made), who asked and why, and who decided and when (null while it waits).
 */
public record PromotionRequest(long id, long modelId, String modelName, ModelKind modelKind, PromotionKind kind, PromotionStatus status,
        String reason, Long championId, Actor requester, LocalDateTime requestedAt, Actor decider, LocalDateTime decidedAt, String decisionNote) {

    /** An operator as shown beside a request. */
    public record Actor(long id, String username, String displayName) {
        @Override
        public String toString() {
            return displayName == null || displayName.isBlank() || displayName.equals(username) ? username : displayName + " (" + username + ")";
        }
    }

    public ModelSeat seat() {
        return ModelSeat.of(modelKind);
    }

    /** True when {@code operatorId} asked for this change. */
    public boolean requestedBy(long operatorId) {
        return requester != null && requester.id() == operatorId;
    }

    public boolean pending() {
        return status == PromotionStatus.REQUESTED;
    }
}
