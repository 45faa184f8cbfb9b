package dev.riskdesk.lifecycle;

import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.security.AuditLog;
import java.time.Clock;

/** The lifecycle's services wired together; the composition root builds them once for the console and the CLI. */
public final class LifecycleServices {
    public final LifecycleRunService runs;
    public final LifecycleCaseService cases;
    public final LifecycleQueries queries;

    public LifecycleServices(Database database, LimitPolicyService policies, NoticeService notices, AuditLog audit, Clock clock) {
        runs = new LifecycleRunService(database, policies, notices, audit, clock);
        cases = new LifecycleCaseService(database, audit, clock);
        queries = new LifecycleQueries(database);
    }
}
