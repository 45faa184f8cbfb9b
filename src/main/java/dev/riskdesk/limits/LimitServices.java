package dev.riskdesk.limits;

import dev.riskdesk.accounts.NoticeService;
import dev.riskdesk.accounts.NoticeTemplates;
import dev.riskdesk.accounts.SuspensionService;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.common.DataFolder;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.review.AppealRemedies;
import dev.riskdesk.limits.review.LimitChanges;
import dev.riskdesk.limits.review.LimitDecisionService;
import dev.riskdesk.limits.review.ProposalQueueService;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.limits.run.ChangedRunService;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.limits.run.PolicySimulationService;
import dev.riskdesk.limits.versions.PolicyImpact;
import dev.riskdesk.limits.versions.PolicyVersionService;
import dev.riskdesk.security.AuditLog;
import java.time.Clock;

/** The limit engine's services wired together; the composition root ({@code AppServices}) builds them once for the console and the CLI. */
public final class LimitServices {
    public final RuleSetService rules;
    public final LimitPolicyService policies;
    public final NoticeService notices;
    public final LimitChanges changes;
    public final PolicyRunService runs;
    public final ChangedRunService changedRuns;
    public final PolicySimulationService simulations;
    public final LimitDecisionService decisions;
    public final ProposalQueueService queue;
    public final AppealServices appeals;
    // policy-control: limit policy and rule set versions under maker-checker control
    public final PolicyVersionService versions;
    public final PolicyImpact impact;

    public LimitServices(Database database, AuditLog audit, Clock clock) {
        rules = new RuleSetService(database, clock);
        policies = new LimitPolicyService(database, clock);
        notices = new NoticeService(database, NoticeTemplates.load(DataFolder.file("notice-templates.json")), audit, clock, "zh_CN");
        changes = new LimitChanges(new SuspensionService(), notices, audit);
        runs = new PolicyRunService(database, rules, policies, changes, audit, clock);
        changedRuns = new ChangedRunService(database, rules, policies, changes, audit, clock);
        simulations = new PolicySimulationService(database, rules, policies, clock);
        decisions = new LimitDecisionService(database, policies, changes, audit, clock);
        queue = new ProposalQueueService(database, policies, clock);
        appeals = AppealServices.of(database, new AppealRemedies(decisions), notices, audit, clock);
        versions = new PolicyVersionService(database, audit, clock);
        impact = new PolicyImpact(versions, simulations);
    }
}
