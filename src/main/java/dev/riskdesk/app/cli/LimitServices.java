package dev.riskdesk.app.cli;

import dev.riskdesk.appeals.NoticeService;
import dev.riskdesk.appeals.NoticeTemplates;
import dev.riskdesk.appeals.SuspensionService;
import dev.riskdesk.db.Database;
import dev.riskdesk.common.DataFolder;
import dev.riskdesk.limits.LimitChanges;
import dev.riskdesk.limits.LimitDecisionService;
import dev.riskdesk.limits.LimitPolicyService;
import dev.riskdesk.limits.PolicyRunService;
import dev.riskdesk.limits.PolicySimulationService;
import dev.riskdesk.limits.RuleSetService;
import dev.riskdesk.security.AuditLog;
import java.time.Clock;

/** Wires the limit and notice services for CLI commands, as the console's composition root will. */
final class LimitServices {
    final RuleSetService rules;
    final LimitPolicyService policies;
    final NoticeService notices;
    final LimitChanges changes;
    final PolicyRunService runs;
    final PolicySimulationService simulations;
    final LimitDecisionService decisions;

    LimitServices(Database database, Clock clock) {
        AuditLog audit = new AuditLog(clock);
        rules = new RuleSetService(database, audit, clock);
        policies = new LimitPolicyService(database, audit, clock);
        notices = new NoticeService(database, NoticeTemplates.load(DataFolder.file("notice-templates.json")), audit, clock, "zh_CN");
        changes = new LimitChanges(new SuspensionService(), notices, audit);
        runs = new PolicyRunService(database, rules, policies, changes, audit, clock);
        simulations = new PolicySimulationService(database, rules, policies);
        decisions = new LimitDecisionService(database, policies, changes, audit, clock);
    }
}
