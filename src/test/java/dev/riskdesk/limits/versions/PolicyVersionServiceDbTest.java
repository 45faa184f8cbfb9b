package dev.riskdesk.limits.versions;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.LIMIT_POLICY;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_SET;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import dev.riskdesk.common.DataFolder;
import dev.riskdesk.common.Progress;
import dev.riskdesk.security.audit.AuditChainVerifier;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.AuditEventRecord;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Limit policy and rule set versions on a real H2 database with the real migrations: seeded once, changed by maker-checker only. */
@Tag("db")
class PolicyVersionServiceDbTest {
    @TempDir
    Path dir;
    private LimitsFixture f;
    private PolicyVersionService versions;
    private Session maker;
    private Session checker;

    @BeforeEach
    void open() {
        f = new LimitsFixture(dir);
        versions = new PolicyVersionService(f.db, f.audit, f.clock);
        maker = f.login("manager", "manager123");
        checker = f.login("manager2", "quiet-harbor-42");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void aNewDatabaseIsSeededOnceFromTheDataFilesAndAudited() {
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_POLICY));
        assertEquals(1, f.db.dsl().fetchCount(RULE_SET));
        VersionRow policy = versions.active(maker, PolicyKind.LIMIT_POLICY);
        assertEquals(1, policy.versionNo());
        assertNull(policy.maker(), "no operator made the seed");
        assertEquals(new BigDecimal("1.5"), f.policies.active().policy().incomeMultiple());
        assertEquals(8, f.rules.active().rules().size());
        for (String action : List.of("POLICY_SEEDED", "RULES_SEEDED")) {
            AuditEventRecord e = f.db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq(action)).fetchSingle();
            assertEquals("database set-up", e.getOperatorName());
            assertNull(e.getOperatorId());
        }
        assertTrue(new AuditChainVerifier(f.db).verify(Progress.NONE).intact(), "the seed's events are chained like any other");
    }

    @Test
    void readingTheActiveVersionsWritesNothingAndEditedDataFilesChangeNothing() throws Exception {
        Path changed = dir.resolve("changed-data");
        Files.createDirectories(changed);
        for (String name : List.of("limit-policy.json", "rules.json", "notice-templates.json")) {
            Files.copy(Path.of("data", name), changed.resolve(name));
        }
        Files.writeString(changed.resolve("limit-policy.json"),
                Files.readString(changed.resolve("limit-policy.json")).replace("\"incomeMultiple\": 1.5", "\"incomeMultiple\": 4.0"));
        Files.writeString(changed.resolve("rules.json"), Files.readString(changed.resolve("rules.json")).replace("\"minDaysPastDue\": 5", "\"minDaysPastDue\": 9"));
        int events = f.db.dsl().fetchCount(AUDIT_EVENT);
        String old = System.getProperty(DataFolder.PROPERTY);
        System.setProperty(DataFolder.PROPERTY, changed.toString());
        try {
            for (int i = 0; i < 3; i++) {
                assertEquals(new BigDecimal("1.5"), f.policies.active().policy().incomeMultiple());
                assertEquals(5, f.rules.active().rule("OVERDUE_DECREASE").intParam("minDaysPastDue", 0));
                f.policies.activeOrDefaults();
                f.rules.activeOrDefaults();
            }
            try (Database again = Database.open(f.db.location())) { // reopened (migrations checked) with the edited files
                assertEquals(1, again.dsl().fetchCount(LIMIT_POLICY));
            }
        } finally {
            if (old == null) {
                System.clearProperty(DataFolder.PROPERTY);
            } else {
                System.setProperty(DataFolder.PROPERTY, old);
            }
        }
        assertEquals(1, f.db.dsl().fetchCount(LIMIT_POLICY), "no version stored by reading");
        assertEquals(1, f.db.dsl().fetchCount(RULE_SET));
        assertEquals(events, f.db.dsl().fetchCount(AUDIT_EVENT), "no audit event by reading");
    }

    @Test
    void aDraftIsSubmittedApprovedByAnotherManagerAndActivatedWithBothNamesAudited() {
        VersionRow draft = versions.draft(maker, PolicyKind.LIMIT_POLICY, null, null, "Raise the income multiple");
        assertEquals(2, draft.versionNo());
        assertEquals(VersionStatus.DRAFT, draft.status());
        assertEquals(1, draft.basedOn());
        PolicyDocument edited = versions.document(maker, PolicyKind.LIMIT_POLICY, 2).with("incomeMultiple", DecimalNode.valueOf(new BigDecimal("2.0")));
        versions.edit(maker, PolicyKind.LIMIT_POLICY, 2, edited);
        assertEquals(new BigDecimal("1.5"), f.policies.active().policy().incomeMultiple(), "a draft is not in force");
        versions.submit(maker, PolicyKind.LIMIT_POLICY, 2);

        UserFacingException own = assertThrows(UserFacingException.class, () -> versions.approve(maker, PolicyKind.LIMIT_POLICY, 2));
        assertEquals("policy.version.makerCannotApprove", own.messageKey());
        assertEquals(VersionStatus.SUBMITTED, versions.version(maker, PolicyKind.LIMIT_POLICY, 2).status());

        versions.approve(checker, PolicyKind.LIMIT_POLICY, 2);
        VersionRow active = versions.activate(checker, PolicyKind.LIMIT_POLICY, 2);
        assertEquals(VersionStatus.ACTIVE, active.status());
        assertEquals("manager", active.maker().username());
        assertEquals("manager2", active.approver().username());
        assertEquals(new BigDecimal("2.0"), f.policies.active().policy().incomeMultiple());
        assertEquals(VersionStatus.RETIRED, versions.version(maker, PolicyKind.LIMIT_POLICY, 1).status());

        AuditEventRecord activated = f.db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("POLICY_ACTIVATED")).fetchSingle();
        assertEquals("manager2", activated.getOperatorName());
        assertTrue(activated.getDetails().contains("made by manager") && activated.getDetails().contains("approved by manager2"), activated.getDetails());
        assertEquals(List.of("POLICY_DRAFTED", "POLICY_DRAFT_EDITED", "POLICY_SUBMITTED", "POLICY_APPROVED", "POLICY_ACTIVATED"),
                f.db.dsl().select(AUDIT_EVENT.ACTION).from(AUDIT_EVENT).where(AUDIT_EVENT.ENTITY_TYPE.eq("LIMIT_POLICY")).and(AUDIT_EVENT.ACTION.ne("POLICY_SEEDED"))
                        .orderBy(AUDIT_EVENT.ID).fetch(AUDIT_EVENT.ACTION));
    }

    @Test
    void rollbackRestoresAnEarlierVersionThroughTheSameApproval() {
        VersionRow draft = versions.draft(maker, PolicyKind.RULE_SET, null, null, null);
        PolicyDocument edited = versions.document(maker, PolicyKind.RULE_SET, draft.versionNo())
                .with("OVERDUE_DECREASE.parameters.minDaysPastDue", IntNode.valueOf(10));
        versions.edit(maker, PolicyKind.RULE_SET, draft.versionNo(), edited);
        versions.submit(maker, PolicyKind.RULE_SET, draft.versionNo());
        versions.approve(checker, PolicyKind.RULE_SET, draft.versionNo());
        versions.activate(checker, PolicyKind.RULE_SET, draft.versionNo());
        assertEquals(10, f.rules.active().rule("OVERDUE_DECREASE").intParam("minDaysPastDue", 0));

        VersionRow back = versions.rollback(checker, PolicyKind.RULE_SET, 1, null);
        assertEquals(VersionStatus.SUBMITTED, back.status());
        assertEquals(1, back.basedOn());
        assertEquals(10, f.rules.active().rule("OVERDUE_DECREASE").intParam("minDaysPastDue", 0), "nothing changes before approval");
        assertThrows(UserFacingException.class, () -> versions.approve(checker, PolicyKind.RULE_SET, back.versionNo()), "its maker cannot approve a rollback");
        versions.approve(maker, PolicyKind.RULE_SET, back.versionNo());
        versions.activate(maker, PolicyKind.RULE_SET, back.versionNo());
        assertEquals(5, f.rules.active().rule("OVERDUE_DECREASE").intParam("minDaysPastDue", 0));
        assertEquals(8, f.db.dsl().fetchCount(RULE, RULE.RULE_SET_ID.eq(f.rules.active().id())));
    }

    @Test
    void onlyManagersMakeAndApproveAndOnlyTheMakerEditsOrSubmits() {
        Session risk = TestOperators.risk(f.db);
        Session agent = TestOperators.agent(f.db);
        Session admin = TestOperators.admin(f.db);
        Session batch = TestOperators.batch(f.db);
        for (Session s : List.of(risk, agent, admin, batch)) {
            for (PolicyKind kind : PolicyKind.values()) {
                assertThrows(AccessDeniedException.class, () -> versions.draft(s, kind, null, null, null), s.username() + " " + kind);
            }
        }
        VersionRow draft = versions.draft(maker, PolicyKind.LIMIT_POLICY, null, null, null);
        for (Session s : List.of(risk, agent, admin, batch)) {
            assertThrows(AccessDeniedException.class, () -> versions.submit(s, PolicyKind.LIMIT_POLICY, draft.versionNo()));
        }
        UserFacingException notMaker = assertThrows(UserFacingException.class, () -> versions.submit(checker, PolicyKind.LIMIT_POLICY, draft.versionNo()));
        assertEquals("policy.version.notMaker", notMaker.messageKey());
        versions.submit(maker, PolicyKind.LIMIT_POLICY, draft.versionNo());
        for (Session s : List.of(risk, agent, admin, batch)) {
            assertThrows(AccessDeniedException.class, () -> versions.approve(s, PolicyKind.LIMIT_POLICY, draft.versionNo()));
            assertThrows(AccessDeniedException.class, () -> versions.activate(s, PolicyKind.LIMIT_POLICY, draft.versionNo()));
        }
        UserFacingException early = assertThrows(UserFacingException.class, () -> versions.activate(checker, PolicyKind.LIMIT_POLICY, draft.versionNo()));
        assertEquals("policy.version.wrongStatus", early.messageKey(), "a submitted version is approved before it is activated");
        assertEquals(1, f.policies.active().versionNo());
    }

    @Test
    void aValueOutOfRangeIsRefusedNamingTheField() {
        VersionRow draft = versions.draft(maker, PolicyKind.LIMIT_POLICY, null, null, null);
        PolicyDocument doc = versions.document(maker, PolicyKind.LIMIT_POLICY, draft.versionNo());
        UserFacingException e = assertThrows(UserFacingException.class, () -> doc.with("authority.autoIncreaseMaxPd", DecimalNode.valueOf(new BigDecimal("1.5"))));
        assertTrue(e.getMessage().startsWith("authority.autoIncreaseMaxPd must be between 0 and 1"), e.getMessage());
        UserFacingException file = assertThrows(UserFacingException.class, () -> PolicyDocument.parse(PolicyKind.LIMIT_POLICY,
                doc.json().replace("\"spendMonths\" : 6", "\"spendMonths\" : 0"), "F.json"));
        assertTrue(file.getMessage().contains("spendMonths"), file.getMessage());
    }

    @Test
    void aScoreBandTableThatIsNotMonotoneInRiskOrLeavesAGapIsRefusedNamingTheBandAndField() {
        VersionRow draft = versions.draft(maker, PolicyKind.LIMIT_POLICY, null, null, null);
        PolicyDocument doc = versions.document(maker, PolicyKind.LIMIT_POLICY, draft.versionNo());
        UserFacingException multiple = assertThrows(UserFacingException.class,
                () -> doc.with("scoreBands.C.targetMultiple", DecimalNode.valueOf(new BigDecimal("1.90"))));
        assertEquals("policy.field.bandAbove", multiple.messageKey());
        assertEquals("Band C's targetMultiple (1.9) is above band B's (1.8): a worse band never gets a higher targetMultiple than a better one.",
                multiple.getMessage());
        UserFacingException ceiling = assertThrows(UserFacingException.class,
                () -> doc.with("scoreBands.A.ceiling", IntNode.valueOf(140000)));
        assertTrue(ceiling.getMessage().startsWith("Band B's ceiling (150000) is above band A's (140000)"), ceiling.getMessage());
        UserFacingException usage = assertThrows(UserFacingException.class,
                () -> doc.with("scoreBands.E.increaseMinUtilisation", DecimalNode.valueOf(new BigDecimal("0.30"))));
        assertTrue(usage.getMessage().startsWith("Band E's increaseMinUtilisation (0.3) is below band D's (0.4)"), usage.getMessage());
        // a lower bar for a better band and a higher one for a worse band keep the order: accepted
        versions.edit(maker, PolicyKind.LIMIT_POLICY, draft.versionNo(), doc.with("scoreBands.E.increaseMinUtilisation", DecimalNode.valueOf(new BigDecimal("0.70"))));

        String json = doc.json();
        int e = json.indexOf("\"E\" :");
        String withoutE = json.substring(0, json.lastIndexOf(',', e)) + json.substring(json.indexOf('}', e) + 1);
        UserFacingException gap = assertThrows(UserFacingException.class, () -> PolicyDocument.parse(PolicyKind.LIMIT_POLICY, withoutE, "F.json"));
        assertEquals("policy.field.bandMissing", gap.messageKey(), gap.getMessage());
        assertTrue(gap.getMessage().contains("no band E"), gap.getMessage());
        UserFacingException unknown = assertThrows(UserFacingException.class,
                () -> PolicyDocument.parse(PolicyKind.LIMIT_POLICY, json.replace("\"E\" :", "\"F\" :"), "F.json"));
        assertEquals("policy.field.bandUnknown", unknown.messageKey(), unknown.getMessage());
        assertEquals(0, new BigDecimal("0.70").compareTo(versions.document(maker, PolicyKind.LIMIT_POLICY, draft.versionNo()).policy().scoreBand("E").increaseMinUtilisation()));
    }
}
