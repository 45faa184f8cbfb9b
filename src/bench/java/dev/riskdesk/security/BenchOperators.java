package dev.riskdesk.security;

import dev.riskdesk.db.Database;
import java.time.Clock;

/**
 * Benchmarks act as the demo operators, as the demo book does: on a benchmark database without
 * operators the demo operators (with the batch service operator) are created, then one signs in with
 * the demo password and the measured services check its permissions as in production.
 */
public final class BenchOperators {
    private BenchOperators() {
    }

    /** Signs in {@code demoOperator} (agent, risk, manager, admin or batch), creating the demo operators on a database with none. */
    public static Session signIn(Database database, String demoOperator) {
        Clock clock = Clock.systemDefaultZone();
        OperatorService operators = new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock);
        operators.createDemoOperatorsIfEmpty();
        return operators.signInDemoOperator(demoOperator);
    }
}
