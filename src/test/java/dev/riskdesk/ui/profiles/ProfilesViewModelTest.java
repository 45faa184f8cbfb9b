package dev.riskdesk.ui.profiles;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.customers.CustomerQuery;
import dev.riskdesk.customers.CustomerQuery.SortKey;
import dev.riskdesk.customers.CustomerRow;
import dev.riskdesk.customers.CustomerSearchService;
import dev.riskdesk.customers.PersonalDataService;
import dev.riskdesk.customers.PersonalDataService.Field;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.ui.common.UiText;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The browser's view model on a real book of 250 accounts, with a same-thread task runner. */
@Tag("db")
class ProfilesViewModelTest {
    static final Session AGENT = TestSessions.of(1, "agent", "A", Role.AGENT,
            EnumSet.of(Permission.CUSTOMER_VIEW, Permission.PII_REVEAL_CONTACT));
    static final Session RISK = TestSessions.of(2, "risk", "R", Role.RISK_OPERATOR,
            EnumSet.of(Permission.CUSTOMER_VIEW, Permission.PII_REVEAL_CONTACT, Permission.PII_REVEAL_ID_NUMBER));

    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void book() {
        db = TestDatabases.fresh(dir);
        db.dsl().execute("INSERT INTO OPERATOR (ID, USERNAME, DISPLAY_NAME, ROLE_CODE, PASSWORD_HASH, CREATED_AT) VALUES"
                + " (1, 'agent', 'A', 'AGENT', 'x', CURRENT_TIMESTAMP), (2, 'risk', 'R', 'RISK_OPERATOR', 'x', CURRENT_TIMESTAMP)");
        ProfileBook.create(db, 250);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    static ProfilesViewModel model(Session session) {
        return new ProfilesViewModel(new CustomerSearchService(db), new PersonalDataService(db, new AuditLog(Clock.systemDefaultZone())),
                session, new SameThreadTaskRunner());
    }

    @Test
    void firstPageThenLoadMoreByKeysetPages() {
        ProfilesViewModel m = model(AGENT);
        m.start();
        assertEquals(CustomerSearchService.PAGE_SIZE, m.rows().size(), "never more than a page at first");
        assertEquals(250, m.totalProperty().get());
        assertFalse(m.totalCappedProperty().get());
        assertFalse(m.countingProperty().get());
        assertTrue(m.hasMoreProperty().get());
        m.loadMore();
        m.loadMore();
        assertEquals(250, m.rows().size());
        assertFalse(m.hasMoreProperty().get());
        assertEquals(250, m.rows().stream().map(CustomerRow::accountId).distinct().count(), "no row twice");
        assertTrue(m.ruleCodes().contains("DPD30"));
    }

    @Test
    void typingAndFiltersSearchAgainFromTheFirstPage() {
        ProfilesViewModel m = model(AGENT);
        m.start();
        m.textProperty().set("0042");
        m.search();
        assertEquals(CustomerQuery.TextKind.PHONE_LAST4, m.textKindProperty().get());
        assertEquals(1, m.rows().size());
        assertEquals(42, m.rows().get(0).accountId());
        m.textProperty().set("王测");
        m.search();
        assertEquals(125, m.totalProperty().get());
        m.statuses().add(AccountStatus.FROZEN); // a filter applies at once
        assertTrue(m.rows().stream().allMatch(r -> r.status() == AccountStatus.FROZEN));
        assertEquals(14, m.totalProperty().get(), "odd multiples of 9 up to 250");
        m.statuses().clear();
        m.textProperty().set("");
        m.ruleCodeProperty().set("DPD30");
        assertEquals(1, m.rows().size());
        assertEquals(ProfileBook.RICH, m.rows().get(0).accountId());
    }

    @Test
    void aBroadSearchShowsItsRowsThenItsCount() {
        // a service that walks the sort index for every search (as on a large book) leaves the
        // count to a second call; the model asks it once the rows are there
        dev.riskdesk.common.QueuedTaskRunner tasks = new dev.riskdesk.common.QueuedTaskRunner();
        ProfilesViewModel m = new ProfilesViewModel(new CustomerSearchService(db, 0),
                new PersonalDataService(db, new AuditLog(Clock.systemDefaultZone())), AGENT, tasks);
        m.search();
        assertTrue(m.loadingProperty().get());
        tasks.runNext(); // the first page
        assertEquals(CustomerSearchService.PAGE_SIZE, m.rows().size());
        assertFalse(m.loadingProperty().get());
        assertEquals(-1, m.totalProperty().get(), "rows first");
        assertTrue(m.countingProperty().get());
        tasks.runNext(); // the count
        assertEquals(250, m.totalProperty().get());
        assertFalse(m.countingProperty().get());
        assertEquals(0, tasks.waiting());

        // a new search drops the count of the old one, which never runs
        m.search();
        tasks.runNext();
        assertEquals(1, tasks.waiting(), "the count");
        m.search();
        assertEquals(-1, m.totalProperty().get(), "no count shown for rows of another search");
        assertEquals(1, tasks.waiting(), "the new page only");
        tasks.runNext();
        tasks.runNext();
        assertEquals(250, m.totalProperty().get());
        assertEquals(0, tasks.waiting());
    }

    /** Runs submitted work only when asked, so a test sees the screen between the rows and the count. */
    @Test
    void sortingAsksTheServiceInTheColumnsOrder() {
        ProfilesViewModel m = model(AGENT);
        m.start();
        m.sortBy(SortKey.CREDIT_LIMIT, true);
        assertEquals(SortKey.CREDIT_LIMIT, m.query().sort());
        for (int i = 1; i < m.rows().size(); i++) {
            assertTrue(m.rows().get(i - 1).creditLimit().compareTo(m.rows().get(i).creditLimit()) >= 0);
        }
    }

    @Test
    void anAgentMayRevealContactButNeverTheIdNumber() {
        assertEquals(EnumSet.of(Field.NAME, Field.PHONE), model(AGENT).revealableFields());
        assertEquals(EnumSet.allOf(Field.class), model(RISK).revealableFields());
    }

    @Test
    void revealShowsTheValuesInTheRowAndIsAudited() {
        ProfilesViewModel m = model(RISK);
        m.textProperty().set("A0000000007");
        m.search();
        CustomerRow row = m.rows().get(0);
        assertEquals("王*7", row.maskedName());
        AtomicReference<UiText> result = new AtomicReference<>(UiText.literal("not called"));
        m.reveal(row, Set.of(Field.NAME, Field.ID_NUMBER), "too", result::set);
        assertNotNull(result.get(), "a reason that is too short is refused");
        m.reveal(row, Set.of(Field.NAME, Field.ID_NUMBER), "customer called, identity check", result::set);
        assertNull(result.get());
        assertEquals("王测7", m.rows().get(0).maskedName());
        assertEquals("330101199000000007", m.rows().get(0).maskedIdNumber());
        assertEquals(1, db.dsl().fetchCount(db.dsl().selectFrom(dev.riskdesk.db.schema.Tables.AUDIT_EVENT)
                .where(dev.riskdesk.db.schema.Tables.AUDIT_EVENT.ACTION.eq("PII_REVEALED"))
                .and(dev.riskdesk.db.schema.Tables.AUDIT_EVENT.ENTITY_ID.eq("7"))));
    }
}
