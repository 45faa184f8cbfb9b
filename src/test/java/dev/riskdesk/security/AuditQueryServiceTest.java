package dev.riskdesk.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AuditQueryService.AuditEntry;
import dev.riskdesk.security.AuditQueryService.AuditFilter;
import dev.riskdesk.security.AuditQueryService.AuditPage;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
@ExtendWith(EngineResolver.class)
class AuditQueryServiceTest {
    @TempDir
    Path dir;
    Database database;
    AuditQueryService service;
    Session manager = TestSessions.of(3, "manager", "陈静", Role.MANAGER, EnumSet.of(Permission.AUDIT_VIEW));
    Session agent = TestSessions.of(1, "agent", "王芳", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW));
    /** The id before the five events: a new database holds its own events already (the policy and rule set seeds). */
    long b;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        database = engine.fresh(dir);
        service = new AuditQueryService(database);
        AuditLog audit = new AuditLog(Clock.systemDefaultZone());
        // five events by two operators: ids b+1..b+5, hand-made so no operator rows are needed
        b = database.dsl().select(dev.riskdesk.db.schema.Tables.AUDIT_EVENT.ID.max()).from(dev.riskdesk.db.schema.Tables.AUDIT_EVENT).fetchOptional(0, Long.class)
                .orElse(0L);
        database.transaction(tx -> {
            Session a = TestSessions.of(0, "agent", "", Role.AGENT, EnumSet.noneOf(Permission.class));
            Session r = TestSessions.of(0, "risk", "", Role.RISK_OPERATOR, EnumSet.noneOf(Permission.class));
            audit.record(tx, a, "LOGIN", "OPERATOR", 1, null, null);
            audit.record(tx, r, "LOGIN", "OPERATOR", 2, null, null);
            audit.record(tx, r, "LIMIT_OVERRIDE", "ACCOUNT", 77, "income verified", "20000 -> 15000");
            audit.record(tx, a, "LOGOUT", "OPERATOR", 1, null, null);
            audit.record(tx, r, "LOGIN", "OPERATOR", 2, null, null);
        });
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void anAgentMayNotReadTheAuditLog() {
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> service.firstPage(agent, AuditFilter.NONE));
        assertEquals(Permission.AUDIT_VIEW, e.permission());
        assertThrows(AccessDeniedException.class, () -> service.filterChoices(agent));
    }

    @Test
    void pagesRunNewestFirstByKeyset() {
        AuditPage first = service.page(manager, AuditFilter.NONE, null, 2);
        assertEquals(List.of(b + 5, b + 4), ids(first.entries()));
        assertTrue(first.hasMore());
        AuditPage second = service.page(manager, AuditFilter.NONE, first.nextBefore(), 2);
        assertEquals(List.of(b + 3, b + 2), ids(second.entries()));
        AuditPage last = service.page(manager, AuditFilter.NONE, second.nextBefore(), 2);
        assertEquals(b + 1, ids(last.entries()).get(0));
        while (last.hasMore()) { // the new database's own events, oldest last
            last = service.page(manager, AuditFilter.NONE, last.nextBefore(), 2);
        }
        assertEquals(1L, ids(last.entries()).get(ids(last.entries()).size() - 1));
        assertNull(last.nextBefore());

        AuditEntry override = second.entries().get(0);
        assertEquals("risk", override.operatorName());
        assertEquals("ACCOUNT", override.entityType());
        assertEquals("77", override.entityId());
        assertEquals("income verified", override.reason());
    }

    @Test
    void filtersByOperatorAndAction() {
        assertEquals(List.of(b + 5, b + 3, b + 2), ids(service.firstPage(manager, new AuditFilter("risk", null)).entries()));
        assertEquals(List.of(b + 5, b + 2), ids(service.firstPage(manager, new AuditFilter("risk", "LOGIN")).entries()));
        assertEquals(List.of(b + 4), ids(service.firstPage(manager, new AuditFilter("", "LOGOUT")).entries()));
        AuditPage exact = service.page(manager, new AuditFilter("risk", null), null, 3);
        assertFalse(exact.hasMore(), "a page that ends exactly at the last event has no next page");
    }

    @Test
    void filterChoicesListWhatOccurs() {
        AuditQueryService.FilterChoices choices = service.filterChoices(manager);
        assertEquals(List.of("agent", "database set-up", "risk"), choices.operatorNames(), "the set-up seeded the policy and rule set");
        assertEquals(List.of("LIMIT_OVERRIDE", "LOGIN", "LOGOUT", "POLICY_SEEDED", "RULES_SEEDED"), choices.actions());
    }

    private static List<Long> ids(List<AuditEntry> entries) {
        return entries.stream().map(AuditEntry::id).toList();
    }
}
