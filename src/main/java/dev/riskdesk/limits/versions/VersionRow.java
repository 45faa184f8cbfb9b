package dev.riskdesk.limits.versions;

import dev.riskdesk.limits.VersionStatus;
import java.time.LocalDateTime;

/**
 * One stored version of a limit policy or rule set, with the people who made, submitted, approved and activated
 * it and when (null where that step has not happened; no maker for the seed of a new database).
 */
public record VersionRow(PolicyKind kind, long id, int versionNo, VersionStatus status, Integer basedOn, String note,
        Actor maker, LocalDateTime createdAt, Actor submitter, LocalDateTime submittedAt, Actor approver, LocalDateTime approvedAt,
        Actor activator, LocalDateTime activatedAt, LocalDateTime retiredAt) {

    /** An operator as shown beside a version. */
    public record Actor(long id, String username, String displayName) {
        @Override
        public String toString() {
            return displayName == null || displayName.isBlank() || displayName.equals(username) ? username : displayName + " (" + username + ")";
        }
    }

    /** True when {@code operatorId} made this version. */
    public boolean madeBy(long operatorId) {
        return maker != null && maker.id() == operatorId;
    }
}
