package dev.riskdesk.appeals;

import dev.riskdesk.security.Permission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * APPEAL.STATUS and the only moves between them. The service refuses any other move, whatever
 * the screen offers: new → in review → awaiting customer ↔ in review → decided → closed;
 * escalated to a risk operator and back; decided or closed back to review by a manager only.
 */
public enum AppealStatus {
    NEW, IN_REVIEW, AWAITING_CUSTOMER, ESCALATED, DECIDED, CLOSED;

    /** A move and the permission it needs. */
    public record Move(AppealStatus from, AppealStatus to, Permission permission) {
    }

    private static final Map<AppealStatus, Set<AppealStatus>> NEXT = Map.of(
            NEW, EnumSet.of(IN_REVIEW, ESCALATED),
            IN_REVIEW, EnumSet.of(AWAITING_CUSTOMER, ESCALATED, DECIDED),
            AWAITING_CUSTOMER, EnumSet.of(IN_REVIEW, ESCALATED),
            ESCALATED, EnumSet.of(IN_REVIEW, DECIDED),
            DECIDED, EnumSet.of(CLOSED, IN_REVIEW),
            CLOSED, EnumSet.of(IN_REVIEW));

    public boolean open() {
        return this != DECIDED && this != CLOSED;
    }

    public boolean canMoveTo(AppealStatus to) {
        return NEXT.get(this).contains(to);
    }

    public Set<AppealStatus> next() {
        return Set.copyOf(NEXT.get(this));
    }

    /** The permission a move needs, or null when it is not a valid move. */
    public Permission permissionTo(AppealStatus to) {
        if (!canMoveTo(to)) {
            return null;
        }
        if ((this == DECIDED || this == CLOSED) && to == IN_REVIEW) {
            return Permission.APPEAL_REOPEN; // reopening is a manager's call
        }
        if (this == ESCALATED) {
            return Permission.APPEAL_DECIDE_FRAUD; // only a risk operator (or manager) takes an escalated appeal back or decides it
        }
        return Permission.APPEAL_HANDLE;
    }
}
