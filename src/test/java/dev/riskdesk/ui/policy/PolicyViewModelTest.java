package dev.riskdesk.ui.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.versions.PolicyDiff;
import dev.riskdesk.limits.versions.PolicyImpact;
import dev.riskdesk.limits.versions.PolicyKind;
import dev.riskdesk.limits.versions.PolicyVersionService;
import dev.riskdesk.limits.versions.VersionRow;
import dev.riskdesk.security.Session;
import dev.riskdesk.common.Messages;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.UiText;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Policy screen's view model on a real database with the real migrations: versions listed, a draft made and edited
 * field by field with its limits, the differences and decisions by score band, submitted by one manager and approved by
 * another (never by its maker), sent back with a reason, and a risk operator who only reads.
 */
@Tag("db")
class PolicyViewModelTest {
    static final I18n EN = new I18n(Messages.ENGLISH);
    static final I18n ZH = new I18n(Messages.CHINESE);

    @TempDir
    Path dir;
    LimitsFixture f;
    PolicyVersionService versions;
    PolicyImpact impact;

    @BeforeEach
    void open() {
        f = new LimitsFixture(dir);
        f.feeds(LimitsFixture.NOW);
        versions = new PolicyVersionService(f.db, f.audit, f.clock);
        impact = new PolicyImpact(versions, f.simulations);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private PolicyViewModel model(Session session) {
        PolicyViewModel model = new PolicyViewModel(versions, impact, session, new SameThreadTaskRunner());
        model.reload();
        return model;
    }

    private static void select(PolicyViewModel model, int versionNo) {
        model.selectedProperty().set(model.rows().stream().filter(v -> v.versionNo() == versionNo).findFirst().orElseThrow());
    }

    @Test
    void aRiskOperatorReadsTheVersionsAndTheirFieldsButTakesNoStep() {
        PolicyViewModel model = model(f.login("risk", "risk123"));
        assertEquals(1, model.rows().size());
        VersionRow active = model.selectedProperty().get();
        assertEquals(VersionStatus.ACTIVE, active.status(), "the active version is shown when nothing is open");
        assertNull(active.maker(), "the seed was made by the database set-up");
        assertEquals("200000", model.value("scoreBands.A.ceiling").get());
        assertTrue(model.fields().stream().anyMatch(x -> x.path().equals("authority.autoIncreaseMaxAmount") && x.range().isPresent()));
        assertNull(model.diffProperty().get(), "the active version is not compared with itself");
        assertFalse(model.mayEdit());
        assertFalse(model.mayApprove());
        assertFalse(model.canDraft().get());
        assertFalse(model.editable().get());

        model.kindProperty().set(PolicyKind.RULE_SET);
        assertEquals(PolicyKind.RULE_SET, model.selectedProperty().get().kind());
        assertEquals("5", model.value("OVERDUE_DECREASE.parameters.minDaysPastDue").get());
    }

    @Test
    void aManagerDraftsEditsWithinTheLimitsComparesAndSubmitsAndAnotherManagerApprovesAndActivates() {
        long good = f.account("30000", "3000", "I3", 1);
        f.score(good, 0.002, 90, "A", LimitsFixture.NOW.toLocalDate(), LimitsFixture.NOW.minusDays(1));
        Session maker = f.login("manager", "manager123");
        PolicyViewModel model = model(maker);
        model.noteProperty().set("Lower ceilings for every band");
        assertTrue(model.canDraft().get());
        model.newDraft();
        VersionRow draft = model.selectedProperty().get();
        assertEquals(2, draft.versionNo());
        assertEquals(VersionStatus.DRAFT, draft.status());
        assertEquals(UiText.of("policy.done.drafted", 2), model.messageProperty().get());
        assertEquals("", model.noteProperty().get());
        assertTrue(model.editable().get(), "the maker edits their own draft");
        assertTrue(model.canSubmit().get());

        model.value("incomeMultiple").set("lots");
        assertEquals("policy.field.notNumber", model.fieldErrors().get("incomeMultiple").key());
        model.value("incomeMultiple").set("25");
        assertEquals("policy.field.range", model.fieldErrors().get("incomeMultiple").key(), "the field's limits are 0 to 20");
        assertFalse(model.canSave().get());
        model.value("incomeMultiple").set("1.5");
        assertTrue(model.fieldErrors().isEmpty());
        assertFalse(model.dirtyProperty().get(), "back to the stored value");

        // a worse band with a higher ceiling than a better one is refused as a whole, naming the band and the field
        model.value("scoreBands.A.ceiling").set("20000");
        assertTrue(model.canSave().get());
        assertFalse(model.canSubmit().get(), "unsaved edits are saved before submitting");
        model.save();
        assertEquals("Band B: Ceiling (¥150,000) is above band A's (¥20,000); a worse band never gets more than a better one.",
                model.errorProperty().get().render(EN));
        assertEquals(0, new BigDecimal("200000").compareTo(versions.document(maker, PolicyKind.LIMIT_POLICY, 2).policy().scoreBand("A").ceiling()),
                "nothing stored");

        for (String band : new String[] {"B", "C", "D"}) {
            model.value("scoreBands." + band + ".ceiling").set("20000");
        }
        model.value("scoreBands.A.ceiling").set("20000");
        model.save();
        assertNull(model.errorProperty().get(), () -> String.valueOf(model.errorProperty().get()));
        assertEquals(UiText.of("policy.done.saved", 2), model.messageProperty().get());
        assertFalse(model.dirtyProperty().get());
        assertEquals("20000", model.value("scoreBands.A.ceiling").get(), "the form shows the stored draft");

        PolicyDiff diff = model.diffProperty().get();
        assertNotNull(diff, "the parameters are compared when the draft is shown");
        assertEquals(4, diff.parameters().size());
        PolicyDiff.Change a = diff.parameters().stream().filter(c -> c.path().equals("scoreBands.A.ceiling")).findFirst().orElseThrow();
        assertEquals("A", a.band());
        assertEquals("200000", a.before());
        assertEquals("20000", a.after());
        assertNull(diff.decisions());

        model.simulate(Progress.NONE);
        assertFalse(model.simulatingProperty().get());
        PolicyDiff.BandChange bandA = model.diffProperty().get().bands().stream().filter(b -> b.band().equals("A")).findFirst().orElseThrow();
        assertEquals(1, bandA.accounts());
        assertEquals(0, bandA.cutBefore().signum(), "the active version leaves the band-A line alone");
        assertEquals(0, BigDecimal.ONE.compareTo(bandA.cutAfter()), "a ceiling of 20,000 cuts the 30,000 line");
        assertTrue(bandA.changed());

        model.submit();
        assertEquals(VersionStatus.SUBMITTED, model.selectedProperty().get().status());
        assertFalse(model.canApprove().get(), "the maker never approves their own version");
        model.approve();
        assertEquals(UiText.of("error.policy.version.makerCannotApprove", 2), model.errorProperty().get());
        assertEquals(VersionStatus.SUBMITTED, versions.version(maker, PolicyKind.LIMIT_POLICY, 2).status());

        PolicyViewModel checker = model(f.login("manager2", "quiet-harbor-42"));
        assertEquals(2, checker.selectedProperty().get().versionNo(), "the version waiting for approval is shown first");
        assertFalse(checker.editable().get(), "another manager's version reads only");
        assertTrue(checker.canApprove().get());
        checker.approve();
        assertEquals(VersionStatus.APPROVED, checker.selectedProperty().get().status());
        assertTrue(checker.canActivate().get());
        checker.activate();
        VersionRow active = checker.selectedProperty().get();
        assertEquals(VersionStatus.ACTIVE, active.status());
        assertEquals("manager", active.maker().username());
        assertEquals("manager2", active.approver().username());
        assertEquals(VersionStatus.RETIRED, checker.rows().stream().filter(v -> v.versionNo() == 1).findFirst().orElseThrow().status());
        assertEquals(0, new BigDecimal("20000").compareTo(f.policies.active().policy().scoreBand("A").ceiling()));

        select(checker, 1);
        assertTrue(checker.canRollback().get(), "a retired version can be restored");
        checker.rollback();
        assertEquals(UiText.of("policy.done.rolledBack", 3, 1), checker.messageProperty().get());
        assertEquals(VersionStatus.SUBMITTED, checker.selectedProperty().get().status());
    }

    @Test
    void codesShowInWordsSwitchesAndListsOfCodesAreChosenAndARefusedSaveNamesTheFieldAsLabelledWithItsValueInTheOperatorsLanguage() {
        Session maker = f.login("manager", "manager123");
        PolicyViewModel model = model(maker);
        model.newDraft();
        PolicyViewModel.Field attributes = field(model, "protectedAttributes");
        assertEquals(List.of("AGE", "GENDER", "MARITAL_STATUS", "OCCUPATION", "CITY_TIER"), attributes.choices().orElseThrow().codes(),
                "the stored attributes first, then those a policy may add");
        assertTrue(attributes.choices().get().many());
        PolicyFieldTexts en = new PolicyFieldTexts(EN);
        assertEquals("Age, Gender, Marital status", en.value("protectedAttributes", attributes.originalText()));
        assertEquals("年龄、性别、婚姻状况", new PolicyFieldTexts(ZH).value("protectedAttributes", attributes.originalText()));
        assertEquals("Suspend, Freeze", en.value("authority.autoRuleActions", field(model, "authority.autoRuleActions").originalText()));

        // what the check boxes type: the attributes ticked, in their order; saved as the policy's list
        model.value("protectedAttributes").set("AGE, GENDER, MARITAL_STATUS, OCCUPATION");
        model.save();
        assertNull(model.errorProperty().get(), () -> String.valueOf(model.errorProperty().get()));
        assertEquals(List.of("AGE", "GENDER", "MARITAL_STATUS", "OCCUPATION"),
                versions.document(maker, PolicyKind.LIMIT_POLICY, 2).policy().protectedAttributes());

        // refused by the whole-version check, after the field checks: named as the form labels it, in either language
        model.value("subScoreWeights.credit").set("0.5");
        model.save();
        assertEquals("Sub-score weights must add up to 1, not 1.1.", model.errorProperty().get().render(EN));
        assertEquals("子评分权重之和必须为 1，现在是 1.1。", model.errorProperty().get().render(ZH));
        model.discard();
        model.value("scoreBands.A.ceiling").set("20000");
        model.save();
        assertEquals("Band B: Ceiling (¥150,000) is above band A's (¥20,000); a worse band never gets more than a better one.",
                model.errorProperty().get().render(EN));
        assertEquals("B 档的额度上限（¥150,000）高于 A 档（¥20,000）：风险更高的档位不能比更好的档位更宽松。", model.errorProperty().get().render(ZH));
        model.value("scoreBands.A.ceiling").set("1000000000");
        assertEquals("Band A · Ceiling must be between ¥0 and ¥100,000,000, not ¥1,000,000,000.", en.error(model.fieldErrors().get("scoreBands.A.ceiling")));
        assertEquals("A 档 · 额度上限必须在 ¥0 到 ¥100,000,000 之间，不能是 ¥1,000,000,000。",
                new PolicyFieldTexts(ZH).error(model.fieldErrors().get("scoreBands.A.ceiling")));
        model.discard();
        model.value("macroFactors.0.fromMonth").set("2026-13");
        assertEquals("Macro factors · #1 from month must be a month such as 2026-01, not '2026-13'.", en.error(model.fieldErrors().get("macroFactors.0.fromMonth")));

        // the rule set: an action and a severity are picked from words, "on" is a switch
        model.discard();
        model.kindProperty().set(PolicyKind.RULE_SET);
        model.newDraft();
        PolicyViewModel.Field action = field(model, "OVERDUE_DECREASE.action");
        assertEquals(List.of("FLAG", "ADJUST", "DECREASE", "FREEZE", "SUSPEND"), action.choices().orElseThrow().codes());
        assertFalse(action.choices().get().many());
        assertEquals("降低额度", new PolicyFieldTexts(ZH).value(action.path(), action.originalText()));
        assertEquals("High", en.value("OVERDUE_DECREASE.severity", field(model, "OVERDUE_DECREASE.severity").originalText()));
        assertEquals("Fraud suspension", en.value("ACCOUNT_TAKEOVER.parameters.suspensionKind", "FRAUD"));
        assertTrue(field(model, "SPENDING_SPIKE.enabled").isSwitch());
        model.value("OVERDUE_DECREASE.action").set("TERMINATE");
        assertEquals("policy.field.notChoice", model.fieldErrors().get("OVERDUE_DECREASE.action").key());
        model.value("OVERDUE_DECREASE.action").set("FREEZE");
        model.value("SPENDING_SPIKE.enabled").set("false");
        model.save();
        assertNull(model.errorProperty().get(), () -> String.valueOf(model.errorProperty().get()));
        var rules = versions.document(maker, PolicyKind.RULE_SET, 2).rules();
        assertEquals(dev.riskdesk.limits.rules.RuleAction.FREEZE, rules.rule("OVERDUE_DECREASE").action());
        assertFalse(rules.rule("SPENDING_SPIKE").enabled());
    }

    private static PolicyViewModel.Field field(PolicyViewModel model, String path) {
        return model.fields().stream().filter(x -> x.path().equals(path)).findFirst().orElseThrow();
    }

    @Test
    void aVersionIsSentBackWithAReasonAndAStepOnAVersionChangedMeanwhileIsRefusedInOneSentence() {
        Session maker = f.login("manager", "manager123");
        PolicyViewModel model = model(maker);
        model.kindProperty().set(PolicyKind.RULE_SET);
        model.newDraft();
        model.value("OVERDUE_DECREASE.parameters.minDaysPastDue").set("400");
        assertEquals("policy.field.range", model.fieldErrors().get("OVERDUE_DECREASE.parameters.minDaysPastDue").key());
        model.value("OVERDUE_DECREASE.parameters.minDaysPastDue").set("7");
        model.save();
        model.submit();

        PolicyViewModel checker = model(f.login("manager2", "quiet-harbor-42"));
        checker.kindProperty().set(PolicyKind.RULE_SET);
        PolicyViewModel second = model(f.login("manager2", "quiet-harbor-42"));
        second.kindProperty().set(PolicyKind.RULE_SET);
        assertFalse(checker.canSendBack().get(), "a send-back needs a reason");
        checker.noteProperty().set("x".repeat(checker.noteLimit().max() + 1));
        assertFalse(checker.canSendBack().get(), "a reason over the limit is not sent");
        checker.noteProperty().set("Seven days is too early for the customers paid by transfer");
        assertTrue(checker.canSendBack().get());
        checker.sendBack();
        assertEquals(UiText.of("policy.done.sentBack", 2), checker.messageProperty().get());
        assertEquals(VersionStatus.DRAFT, checker.selectedProperty().get().status());

        second.approve(); // its screen still shows version 2 as submitted
        assertEquals("Version 2 cannot be approved in its present state (Draft).", second.errorProperty().get().render(EN));
        assertEquals("版本 2 当前状态为“草稿”，不能批准。", second.errorProperty().get().render(ZH), "the status and the step in Chinese words");
        assertEquals(VersionStatus.DRAFT, second.selectedProperty().get().status(), "the version is shown as it is now");
    }
}
