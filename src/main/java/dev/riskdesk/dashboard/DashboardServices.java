package dev.riskdesk.dashboard;

import dev.riskdesk.db.Database;
import dev.riskdesk.lifecycle.LifecycleQueries;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.privacy.ErasureFigures;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AuditLog;
import java.time.Clock;

/** The dashboard's services wired together; the composition root ({@code AppServices}) builds them once for the console and the CLI. */
public final class DashboardServices {
    public final DashboardRefreshService refresh;
    public final DashboardQueryService query;
    public final StressTestService stress;
    /** Dormant exposure and accounts per lifecycle stage (dev.riskdesk.lifecycle), book-wide. */
    public final LifecycleQueries lifecycle;
    /** Customers with personal data erased per month (dev.riskdesk.privacy), book-wide. */
    public final ErasureFigures erasures;
    /** The business clock the services run on (report dates, appeal ages). */
    public final Clock clock;

    public DashboardServices(Database database, ModelRepository models, LimitServices limits, AuditLog audit, Clock clock) {
        this.clock = clock;
        refresh = new DashboardRefreshService(database, models, limits.policies, audit, clock);
        query = new DashboardQueryService(database, clock);
        stress = new StressTestService(database, limits.policies, limits.simulations, audit, clock);
        lifecycle = new LifecycleQueries(database);
        erasures = new ErasureFigures(database, clock);
    }
}
