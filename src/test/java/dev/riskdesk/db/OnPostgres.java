package dev.riskdesk.db;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * Runs a database test class on the test PostgreSQL server instead of H2: put it on a subclass of an
 * H2 test whose set-up takes its {@link TestDatabases.Engine} as a parameter (resolved by {@link EngineResolver}),
 * for example {@code @OnPostgres class AppealServicePgTest extends AppealServiceDbTest {}}. Tagged {@code pg}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@Tag("pg")
public @interface OnPostgres {
}
