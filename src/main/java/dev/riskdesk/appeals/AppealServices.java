package dev.riskdesk.appeals;

import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.AuditLog;
import java.time.Clock;

/**
 * The appeal services, one per job: registering appeals, moving and deciding them, reading them,
 * the figures learnt from them, and the SLA per appeal type.
 */
public record AppealServices(AppealRegistration registration, AppealWorkflow workflow, AppealQueries queries, AppealFigures figures,
        AppealSla sla) {

    public static AppealServices of(Database database, AppealRemedy remedy, NoticeService notices, AuditLog audit, Clock clock) {
        return new AppealServices(new AppealRegistration(database, audit, clock), new AppealWorkflow(database, remedy, notices, audit, clock),
                new AppealQueries(database, clock), new AppealFigures(database, clock), new AppealSla(database, audit));
    }
}
