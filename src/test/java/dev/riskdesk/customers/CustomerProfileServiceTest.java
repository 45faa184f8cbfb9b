package dev.riskdesk.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.Level;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class CustomerProfileServiceTest {
    static final Session AGENT = TestSessions.of(1, "agent", "A", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW));
    static final Session RISK = TestSessions.of(2, "risk", "R", Role.RISK_OPERATOR, EnumSet.of(Permission.CUSTOMER_VIEW, Permission.LIMIT_DECIDE, Permission.NOTICE_VIEW));

    @TempDir
    static Path dir;
    static Database db;
    static CustomerProfileService service;

    @BeforeAll
    static void book() {
        db = TestDatabases.fresh(dir);
        ProfileBook.create(db, 5);
        service = new CustomerProfileService(db);
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void headerShowsTheFiguresMaskedAndTheOpenFlagAndAppeal() {
        CustomerProfile p = service.profile(RISK, ProfileBook.RICH);
        CustomerProfile.Header h = p.header();
        assertEquals("A0000000001", h.accountNo());
        assertEquals("王*1", h.maskedName(), "personal data stays masked");
        assertEquals(AccountStatus.SUSPENDED, h.status());
        assertEquals(0, new BigDecimal("8000").compareTo(h.creditLimit()));
        assertEquals(0.9, h.utilisation(), 1e-9);
        assertEquals(1, h.openFlags());
        assertNotNull(h.openAppeal());
        assertEquals("AP0000001", h.openAppeal().appealNo());
        assertNotNull(h.subScores(), "the latest stored sub-scores");
        assertEquals(30, h.subScores().credit());
        assertEquals("D", CustomerProfile.SubScores.band(h.subScores().credit()));
        assertEquals(4, p.scoreHistory().size());
    }

    @Test
    void timelineHasEveryKindOfEventInTimeOrder() {
        CustomerProfile p = service.profile(RISK, ProfileBook.RICH);
        Set<Lane> lanes = p.timeline().stream().map(TimelineEvent::lane).collect(Collectors.toSet());
        assertEquals(EnumSet.allOf(Lane.class), lanes);
        for (int i = 1; i < p.timeline().size(); i++) {
            assertFalse(p.timeline().get(i).at().isBefore(p.timeline().get(i - 1).at()));
        }
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("SPEND_SPIKE")).count(), "month 20 spends 9,000 against ~1,700");
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("REPAYMENT_MISSED") && e.level() == Level.BAD).count());
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("REPAID_LATE")).count());
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("NEW_CITY")).count(), "only anomalous logins");
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("LIMIT_DOWN")).count());
        assertEquals(1, p.timeline().stream().filter(e -> e.code().equals("STATUS")).count());
    }

    @Test
    void limitsActivityAndCasesAreRead() {
        CustomerProfile p = service.profile(RISK, ProfileBook.RICH);
        assertEquals(3, p.limitHistory().size());
        assertEquals(24, p.months().size());
        assertEquals(1, p.decisions().size());
        assertEquals(1, p.openProposals().size(), "only proposals still waiting");
        assertEquals(23, p.bills().size());
        assertEquals(22, p.repayments().size());
        assertEquals(72, p.transactions().size());
        assertEquals(2, p.logins().size());
        assertEquals(1, p.flags().size());
        assertEquals("More than 30 days past due", p.flags().get(0).descriptionEn());
        assertEquals(1, p.suspensions().size());
        assertEquals(1, p.appeals().size());
        assertEquals(1, p.notices().size());
    }

    @Test
    void auditTrailOnlyForRolesThatMaySeeIt() {
        CustomerProfile risk = service.profile(RISK, ProfileBook.RICH);
        assertTrue(risk.auditVisible());
        assertEquals(1, risk.audit().size(), "the suspension's event; the reveal was about another customer");
        CustomerProfile agent = service.profile(AGENT, ProfileBook.RICH);
        assertFalse(agent.auditVisible());
        assertTrue(agent.audit().isEmpty());
    }

    @Test
    void noticesOnlyForRolesThatMaySeeThem() {
        assertEquals(1, service.profile(RISK, ProfileBook.RICH).notices().size());
        assertTrue(service.profile(AGENT, ProfileBook.RICH).notices().isEmpty(), "this agent session lacks NOTICE_VIEW");
    }

    @Test
    void aPlainAccountHasEmptyListsAndAMissingOneASentence() {
        CustomerProfile p = service.profile(AGENT, 3);
        assertTrue(p.timeline().isEmpty());
        assertTrue(p.bills().isEmpty());
        assertEquals(null, p.header().subScores());
        UserFacingException e = assertThrows(UserFacingException.class, () -> service.profile(AGENT, 999));
        assertEquals("profileMissing", e.messageKey());
        Session nobody = TestSessions.of(3, "x", "X", Role.AGENT, Set.of());
        assertThrows(AccessDeniedException.class, () -> service.profile(nobody, 1));
    }
}
