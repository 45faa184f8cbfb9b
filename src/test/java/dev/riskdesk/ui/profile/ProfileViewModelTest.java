package dev.riskdesk.ui.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfileService;
import dev.riskdesk.customers.ProfileBook;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class ProfileViewModelTest {
    static final Session RISK = TestSessions.of(2, "risk", "R", Role.RISK_OPERATOR, EnumSet.of(Permission.CUSTOMER_VIEW, Permission.LIMIT_DECIDE));

    @TempDir
    static Path dir;
    static Database db;

    @BeforeAll
    static void book() {
        db = TestDatabases.fresh(dir);
        ProfileBook.create(db, 3);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    ProfileViewModel loaded(long account) {
        ProfileViewModel m = new ProfileViewModel(new CustomerProfileService(db), RISK, new SameThreadTaskRunner(),
                Clock.systemDefaultZone(), account);
        m.load();
        return m;
    }

    @Test
    void timelineFollowsLaneAndPeriodFilters() {
        ProfileViewModel m = loaded(ProfileBook.RICH);
        assertNotNull(m.profileProperty().get());
        int all24 = m.timeline().size();
        assertTrue(all24 > 20);
        m.lanes().remove(Lane.REPAYMENT);
        assertTrue(m.timeline().stream().noneMatch(e -> e.lane() == Lane.REPAYMENT));
        m.lanes().retainAll(EnumSet.of(Lane.LOGIN));
        assertEquals(1, m.timeline().size());
        m.lanes().addAll(EnumSet.allOf(Lane.class));
        m.periodProperty().set(ProfileViewModel.Period.MONTHS_6);
        assertTrue(m.timeline().size() < all24);
        assertTrue(m.timeline().stream().allMatch(e -> !e.at().isBefore(m.periodStart())));
        m.periodProperty().set(ProfileViewModel.Period.ALL);
        assertTrue(m.timeline().size() >= all24);
    }

    @Test
    void transactionsFilterByCategoryAndAmount() {
        ProfileViewModel m = loaded(ProfileBook.RICH);
        assertEquals(72, m.transactions().size());
        assertTrue(m.categories().containsAll(java.util.List.of("", "ELECTRONICS", "GROCERY")));
        m.categoryProperty().set("ELECTRONICS");
        assertEquals(24, m.transactions().size());
        m.categoryProperty().set("");
        m.minAmountProperty().set("500");
        assertEquals(48, m.transactions().size());
        m.maxAmountProperty().set("600");
        assertEquals(24, m.transactions().size());
        m.maxAmountProperty().set("lots");
        assertTrue(m.amountInvalidProperty().get());
        assertEquals(48, m.transactions().size(), "an amount that is not a number is ignored, and said so");
        m.maxAmountProperty().set("1,000");
        assertFalse(m.amountInvalidProperty().get());
        assertEquals(0, ProfileViewModel.amount("¥1,200.50").compareTo(new BigDecimal("1200.50")));
    }

    @Test
    void aMissingAccountIsASentenceNotACrash() {
        ProfileViewModel m = loaded(999);
        assertNotNull(m.errorProperty().get());
        assertEquals("error.profileMissing", m.errorProperty().get().key());
        assertFalse(m.loadingProperty().get());
    }
}
