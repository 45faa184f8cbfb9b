package dev.riskdesk.limits.policy;

import dev.riskdesk.limits.rules.RuleHitResult;
import java.util.List;

/** What the engine concluded for one account: every rule hit and at most two proposals. */
public record AccountEvaluation(AccountData account, List<RuleHitResult> hits, LimitTarget target, List<ProposalDraft> proposals) {
}
