package dev.riskdesk.appeals;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.appeals.AppealRows.appeal;
import static dev.riskdesk.db.schema.Tables.APPEAL_SLA;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SLA of each appeal type: how many hours an appeal registered now has until its deadline. */
public final class AppealSla {
    /** The longest SLA a supervisor may set: 30 days. */
    public static final int MAX_HOURS = 24 * 30;

    private final Database database;
    private final AuditLog audit;

    public AppealSla(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** Sets the SLA of an appeal type; it applies to appeals registered from now on. */
    @Requires(Permission.APPEAL_ASSIGN)
    public void setSlaHours(Session session, AppealType type, int hours) {
        session.require(Permission.APPEAL_ASSIGN);
        if (hours <= 0 || hours > MAX_HOURS) {
            throw UserFacingException.keyed("appeal.slaRange", "The SLA must be between 1 and 720 hours.");
        }
        database.transaction(tx -> {
            tx.update(APPEAL_SLA).set(APPEAL_SLA.SLA_HOURS, hours).where(APPEAL_SLA.APPEAL_TYPE.eq(type)).execute();
            audit.record(tx, session, "APPEAL_SLA_CHANGED", "APPEAL_SLA", type.name(), null, hours + " hours");
        });
    }

    @Requires(Permission.APPEAL_HANDLE)

    public Map<AppealType, Integer> slaHours(Session session) {
        session.require(Permission.APPEAL_HANDLE);
        return slaHours();
    }

    /** The SLA hours per appeal type without a sign-in ({@code riskdesk appeals sla}): a setting, nothing personal. */
    public Map<AppealType, Integer> slaHours() {
        Map<AppealType, Integer> out = new LinkedHashMap<>();
        database.dsl().selectFrom(APPEAL_SLA).orderBy(APPEAL_SLA.APPEAL_TYPE)
                .forEach(r -> out.put(r.getAppealType(), r.getSlaHours()));
        return out;
    }
}
