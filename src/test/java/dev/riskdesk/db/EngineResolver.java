package dev.riskdesk.db;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands a test's set-up ({@code @BeforeEach}, {@code @BeforeAll}, constructor) the engine its class runs on:
 * PostgreSQL for a class marked {@link OnPostgres}, H2 otherwise. So one test class body runs on both
 * engines, the PostgreSQL run being an empty subclass.
 */
public final class EngineResolver implements ParameterResolver {
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == TestDatabases.Engine.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRequiredTestClass().isAnnotationPresent(OnPostgres.class) ? TestDatabases.Engine.POSTGRES : TestDatabases.Engine.H2;
    }
}
