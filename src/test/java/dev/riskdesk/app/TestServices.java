package dev.riskdesk.app;

import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Session;
import java.nio.file.Path;
import java.time.Clock;

/**
 * The real services on a fresh test database (the real migrations) with the demo operators,
 * running every task at once on the calling thread: for view-model tests.
 */
public final class TestServices implements AutoCloseable {
    public final Database db;
    public final AppServices services;

    private TestServices(Database db) {
        this.db = db;
        services = new AppServices(db, Clock.system(AppServices.BUSINESS_ZONE), new PasswordHasher(4), new SameThreadTaskRunner());
        services.operators().createDemoOperatorsIfEmpty();
    }

    public static TestServices fresh(Path dir) {
        return new TestServices(TestDatabases.fresh(dir));
    }

    /** Logs in as a demo operator: agent, risk, manager or admin (the password is the name and 123). */
    public Session login(String demoOperator) {
        return services.operators().authenticate(demoOperator, (demoOperator + "123").toCharArray());
    }

    @Override
    public void close() {
        services.close();
    }
}
