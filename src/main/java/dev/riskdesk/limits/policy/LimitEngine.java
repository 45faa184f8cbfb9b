package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.ProposalRoute;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.rules.RuleAction;
import dev.riskdesk.limits.rules.RuleEngine;
import dev.riskdesk.limits.rules.RuleHitResult;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.run.FeedStatus;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns one account's data into rule hits and proposals: the policy's target limit, the rules'
 * actions, the guardrails (step sizes, cooling-off days, no increase while delinquent, hidden
 * cap) and the authority matrix that decides what applies by itself. Pure and thread-safe.
 */
public final class LimitEngine {
    private final RuleEngine ruleEngine = new RuleEngine();

    public AccountEvaluation evaluate(AccountData a, RuleSet ruleSet, LimitPolicy policy, FeedStatus feeds, LocalDateTime at) {
        if (a.status == AccountStatus.CANCELLED) {
            return new AccountEvaluation(a, List.of(), null, List.of());
        }
        List<RuleHitResult> hits = ruleEngine.evaluate(a, ruleSet, policy, feeds, at);
        LimitTarget target = a.score == null ? null : LimitTargets.of(a, policy, at);
        List<ProposalDraft> drafts = new ArrayList<>();

        RuleHitResult freshTop = top(hits, false);
        RuleHitResult staleTop = top(hits, true);
        boolean flagged = hits.stream().anyMatch(h -> !h.stale() && h.action() == RuleAction.FLAG);

        ProposalDraft fresh = null;
        if (freshTop != null && freshTop.action() == RuleAction.SUSPEND && a.status != AccountStatus.SUSPENDED) {
            fresh = statusDraft(a, ProposalType.SUSPEND, freshTop, hits, policy, at, false);
        } else if (freshTop != null && freshTop.action() == RuleAction.FREEZE && a.status == AccountStatus.ACTIVE) {
            fresh = statusDraft(a, ProposalType.FREEZE, freshTop, hits, policy, at, false);
        } else if (a.status == AccountStatus.ACTIVE) {
            fresh = amountDraft(a, policy, target, hits, flagged, at);
        }
        if (freshTop == null && fresh != null && fresh.type() == ProposalType.DECREASE) {
            if (staleTop != null) {
                // a policy-driven cut (from a score that read the same lagging feed) waits with the stale evidence
                fresh = null;
            } else {
                AccountData.Bill unpaid = RuleEngine.oldestUnpaidPastDue(a, at);
                if (unpaid != null && !repaymentsCover(feeds, unpaid.dueDate().plusDays(1).atStartOfDay(), at)) {
                    // arrears below every rule's threshold, but unconfirmed: the repayment may be in flight
                    fresh = awaitingData(fresh, "REPAYMENTS feed does not yet cover the bill due " + unpaid.dueDate());
                }
            }
        }
        RuleAction freshAction = fresh == null ? null : switch (fresh.type()) {
            case SUSPEND -> RuleAction.SUSPEND;
            case FREEZE -> RuleAction.FREEZE;
            case DECREASE -> RuleAction.DECREASE;
            default -> null;
        };
        if (staleTop != null && staleTop.action().isMoreSevereThan(freshAction) && actionPossible(staleTop.action(), a.status)) {
            ProposalType type = switch (staleTop.action()) {
                case SUSPEND -> ProposalType.SUSPEND;
                case FREEZE -> ProposalType.FREEZE;
                default -> ProposalType.DECREASE;
            };
            if (fresh != null && fresh.type() == ProposalType.INCREASE) {
                fresh = null; // never raise a limit while evidence against the account waits for data
            }
            drafts.add(statusDraft(a, type, staleTop, hits, policy, at, true));
        }
        if (fresh != null) {
            drafts.add(0, fresh);
        }
        return new AccountEvaluation(a, hits, target, drafts);
    }

    /** True when the repayment feed is within its tolerance and reaches past {@code mustCover}. */
    private static boolean repaymentsCover(FeedStatus feeds, LocalDateTime mustCover, LocalDateTime at) {
        FeedStatus.Feed feed = feeds.feed("REPAYMENTS");
        return feed != null && feed.fresh(at) && !feed.asOf().isBefore(mustCover);
    }

    private static ProposalDraft awaitingData(ProposalDraft d, String reason) {
        ObjectNode evidence = (ObjectNode) Json.read(d.evidenceJson());
        evidence.put("awaitingData", reason);
        return new ProposalDraft(d.accountId(), d.type(), ProposalStatus.AWAITING_DATA, ProposalRoute.REVIEW, d.oldLimit(), d.proposedLimit(), d.hiddenCap(),
                d.exposure(), d.pd(), d.priority(), d.reasonCodes(), Json.write(evidence), d.primaryHit(), d.temporary(), d.expiresAt(),
                d.suspensionKind());
    }

    private static boolean actionPossible(RuleAction action, AccountStatus status) {
        return switch (action) {
            case SUSPEND -> status != AccountStatus.SUSPENDED;
            case FREEZE, DECREASE -> status == AccountStatus.ACTIVE;
            default -> false;
        };
    }

    /** The most severe acting hit (DECREASE, FREEZE, SUSPEND) among the stale or the fresh ones. */
    private static RuleHitResult top(List<RuleHitResult> hits, boolean stale) {
        return hits.stream()
                .filter(h -> h.stale() == stale && h.action().ordinal() >= RuleAction.DECREASE.ordinal())
                .max(Comparator.comparingInt((RuleHitResult h) -> h.action().ordinal())
                        .thenComparing(RuleHitResult::decreasePercent))
                .orElse(null);
    }

    private ProposalDraft amountDraft(AccountData a, LimitPolicy p, LimitTarget target, List<RuleHitResult> hits, boolean flagged,
            LocalDateTime at) {
        BigDecimal current = a.creditLimit;
        List<RuleHitResult> decreases = hits.stream().filter(h -> !h.stale() && h.action() == RuleAction.DECREASE).toList();
        boolean delinquent = a.currentDpd > 0 || !"CURRENT".equals(a.delinquencyBucket)
                || hits.stream().anyMatch(h -> h.rule().code().startsWith("OVERDUE"));
        ArrayNode guardrails = Json.array();
        if (a.lastLimitChange != null && ChronoUnit.DAYS.between(a.lastLimitChange, at) < p.minDaysBetweenChanges()) {
            // cooling-off: one permanent change per minDaysBetweenChanges; the hits stay open for review
            return temporaryDraft(a, p, hits, flagged, delinquent, at);
        }
        RuleHitResult primary = primaryDecrease(decreases);
        boolean fromRule = primary != null;
        BigDecimal ruleCandidate = fromRule ? current.subtract(LimitMath.percentOf(current, primary.decreasePercent())) : null;
        BigDecimal policyCut = target == null ? null : target.cutTo();
        BigDecimal candidate = ruleCandidate == null ? policyCut : policyCut == null ? ruleCandidate : ruleCandidate.min(policyCut);
        if (candidate == null && target != null && target.target().compareTo(current) > 0) {
            candidate = target.target();
        }
        if (candidate == null) {
            return temporaryDraft(a, p, hits, flagged, delinquent, at);
        }
        BigDecimal proposed;
        if (candidate.compareTo(current) > 0) {
            if (delinquent) {
                guardrails.add("NO_INCREASE_WHILE_DELINQUENT");
                return null;
            }
            if (LimitTargets.increaseIneligible(a, p, at) != null) {
                // 不用不提额: a line the customer hardly uses keeps its limit
                return temporaryDraft(a, p, hits, flagged, delinquent, at);
            }
            proposed = stepUp(current, candidate, target, p, guardrails);
            if (proposed.compareTo(current) <= 0 || notWorthReview(current, proposed, a, p, fromRule, flagged)) {
                return temporaryDraft(a, p, hits, flagged, delinquent, at);
            }
        } else if (candidate.compareTo(current) < 0) {
            proposed = stepDown(current, candidate, p, guardrails);
            if (proposed.compareTo(current) >= 0) {
                return null;
            }
        } else {
            return temporaryDraft(a, p, hits, flagged, delinquent, at);
        }
        if (LimitMath.changePercent(current, proposed).compareTo(p.minChangePercent()) < 0) {
            return proposed.compareTo(current) > 0 ? temporaryDraft(a, p, hits, flagged, delinquent, at) : null;
        }
        ProposalType type = proposed.compareTo(current) > 0 ? ProposalType.INCREASE : ProposalType.DECREASE;
        boolean auto = routeAutomatically(type, current, proposed, a, p, fromRule, flagged);
        Set<String> reasons = amountReasons(a, hits, target, decreases, ruleCandidate, p);
        ObjectNode evidence = evidence(hits, target);
        evidence.set("guardrails", guardrails);
        return draft(a, type, auto, proposed, target, reasons, evidence, primary, false, null, null, p, at);
    }

    /** The fresh DECREASE hit with the largest cut, or null when there is none. */
    private static RuleHitResult primaryDecrease(List<RuleHitResult> decreases) {
        return decreases.stream().max(Comparator.comparing(RuleHitResult::decreasePercent)).orElse(null);
    }

    /**
     * An increase within the dead band is not worth a review; one inside the engine's own authority
     * still applies.
     */
    private static boolean notWorthReview(BigDecimal current, BigDecimal proposed, AccountData a, LimitPolicy p, boolean fromRule,
            boolean flagged) {
        return proposed.subtract(current).compareTo(p.increaseDeadBand(current)) < 0
                && !routeAutomatically(ProposalType.INCREASE, current, proposed, a, p, fromRule, flagged);
    }

    /** An increase toward {@code candidate}, at most the policy's step up and the hidden cap, rounded down. */
    private static BigDecimal stepUp(BigDecimal current, BigDecimal candidate, LimitTarget target, LimitPolicy p, ArrayNode guardrails) {
        BigDecimal upMax = current.add(LimitMath.percentOf(current, p.maxStepUpPercent()));
        BigDecimal proposed = candidate.min(upMax);
        if (target != null) {
            proposed = proposed.min(target.hiddenCap());
        }
        proposed = LimitMath.roundDown(proposed, p.roundTo());
        if (proposed.compareTo(candidate) < 0) {
            guardrails.add("MAX_STEP_UP");
        }
        return proposed;
    }

    /** A decrease toward {@code candidate}, at most the policy's step down, rounded up. */
    private static BigDecimal stepDown(BigDecimal current, BigDecimal candidate, LimitPolicy p, ArrayNode guardrails) {
        BigDecimal downMin = current.subtract(LimitMath.percentOf(current, p.maxStepDownPercent()));
        BigDecimal proposed = LimitMath.roundUp(candidate.max(downMin), p.roundTo());
        if (candidate.compareTo(downMin) < 0) {
            guardrails.add("MAX_STEP_DOWN");
        }
        return proposed;
    }

    /**
     * Why an amount changes, the binding driver first: the policy's drivers when its cut is deeper than the rules' (or it
     * raises the line), else the decreasing rules ({@code ruleDecreases}) and after them the policy's drivers only when it
     * cuts as deep. Then the flags and the macro adjustment, and the scorecard's reasons only where the score itself (or a
     * rule on the account's conduct) drives the change: a cut for capacity, low usage, the ceiling or the economy is not a
     * credit assessment.
     */
    private static Set<String> amountReasons(AccountData a, List<RuleHitResult> hits, LimitTarget target, List<RuleHitResult> ruleDecreases,
            BigDecimal ruleCandidate, LimitPolicy p) {
        List<LimitDriver> drivers = target == null ? List.of() : target.drivers();
        boolean policyCuts = target != null && target.cutTo() != null;
        boolean policyFirst = ruleCandidate == null || (policyCuts && target.cutTo().compareTo(ruleCandidate) < 0);
        Set<String> reasons = new LinkedHashSet<>();
        if (policyFirst) {
            drivers.forEach(d -> reasons.add(d.code()));
        }
        ruleDecreases.forEach(h -> reasons.add(h.rule().code()));
        if (!policyFirst && policyCuts && target.cutTo().compareTo(ruleCandidate) == 0) {
            drivers.forEach(d -> reasons.add(d.code()));
        }
        addFlagReasons(reasons, hits);
        LimitDriver binding = policyFirst && !drivers.isEmpty() ? drivers.get(0) : null;
        boolean increase = policyFirst && !policyCuts;
        if (!increase && (binding == null || binding.isScore())) {
            addScorecardReasons(reasons, a, p);
        }
        return reasons;
    }

    /** In a festival window, a good account may get a temporary limit that ends by itself. */
    private ProposalDraft temporaryDraft(AccountData a, LimitPolicy p, List<RuleHitResult> hits, boolean flagged, boolean delinquent,
            LocalDateTime at) {
        LimitPolicy.TemporaryLimit t = p.temporaryLimit();
        if (t == null || !t.open(at) || delinquent || flagged || a.score == null || LimitTargets.increaseIneligible(a, p, at) != null
                || BigDecimal.valueOf(a.score.pd()).compareTo(t.maxPd()) > 0
                || (a.tempLimitExpires != null && a.tempLimitExpires.isAfter(at))) {
            return null;
        }
        BigDecimal proposed = LimitMath.roundDown(a.creditLimit.add(LimitMath.percentOf(a.creditLimit, t.percent())), p.roundTo());
        if (proposed.compareTo(a.creditLimit) <= 0) {
            return null;
        }
        boolean auto = routeAutomatically(ProposalType.INCREASE, a.creditLimit, proposed, a, p, false, flagged);
        Set<String> reasons = new LinkedHashSet<>();
        reasons.add("TEMPORARY_FESTIVAL");
        addCommonReasons(reasons, a, hits, p);
        return draft(a, ProposalType.INCREASE, auto, proposed, null, reasons, evidence(hits, null), null, true,
                at.plusDays(t.days()), null, p, at);
    }

    private ProposalDraft statusDraft(AccountData a, ProposalType type, RuleHitResult hit, List<RuleHitResult> hits, LimitPolicy p,
            LocalDateTime at, boolean awaitingData) {
        Set<String> reasons = new LinkedHashSet<>();
        reasons.add(hit.rule().code());
        addCommonReasons(reasons, a, hits, p);
        BigDecimal proposed = a.creditLimit;
        if (type == ProposalType.DECREASE) {
            proposed = LimitMath.roundUp(a.creditLimit.subtract(LimitMath.percentOf(a.creditLimit, hit.decreasePercent())), p.roundTo());
        }
        String kind = type == ProposalType.SUSPEND ? hit.rule().textParam("suspensionKind", SuspensionKind.RISK.name()) : null;
        ObjectNode evidence = evidence(hits, null);
        if (awaitingData) {
            evidence.put("awaitingData", hit.staleReason());
            return new ProposalDraft(a.accountId, type, ProposalStatus.AWAITING_DATA, ProposalRoute.REVIEW, a.creditLimit, proposed, null, exposure(a, p, at),
                    a.score == null ? null : a.score.pd(), priority(a, p, at), List.copyOf(reasons), Json.write(evidence), hit, false,
                    null, kind);
        }
        boolean auto = p.authority().autoRuleActions().contains(hit.action());
        return draft(a, type, auto, proposed, null, reasons, evidence, hit, false, null, kind, p, at);
    }

    private ProposalDraft draft(AccountData a, ProposalType type, boolean auto, BigDecimal proposed, LimitTarget target,
            Set<String> reasons, ObjectNode evidence, RuleHitResult primary, boolean temporary, LocalDateTime expires, String kind,
            LimitPolicy p, LocalDateTime at) {
        return new ProposalDraft(a.accountId, type, auto ? ProposalStatus.AUTO_APPLIED : ProposalStatus.PENDING, auto ? ProposalRoute.AUTO : ProposalRoute.REVIEW, a.creditLimit,
                Money.normalize(proposed), target == null ? null : target.hiddenCap(), exposure(a, p, at),
                a.score == null ? null : a.score.pd(), priority(a, p, at), List.copyOf(reasons), Json.write(evidence), primary,
                temporary, expires, kind);
    }

    /** The authority matrix for engine proposals. */
    static boolean routeAutomatically(ProposalType type, BigDecimal current, BigDecimal proposed, AccountData a, LimitPolicy p,
            boolean fromRule, boolean flagged) {
        LimitPolicy.Authority m = p.authority();
        BigDecimal pct = LimitMath.changePercent(current, proposed);
        if (type == ProposalType.DECREASE) {
            return fromRule ? m.autoRuleActions().contains(RuleAction.DECREASE) : pct.compareTo(m.autoDecreaseMaxPercent()) <= 0;
        }
        if (type == ProposalType.INCREASE) {
            return !flagged && a.score != null
                    && BigDecimal.valueOf(a.score.pd()).compareTo(m.autoIncreaseMaxPd()) <= 0
                    && pct.compareTo(m.autoIncreaseMaxPercent()) <= 0
                    && proposed.subtract(current).compareTo(m.autoIncreaseMaxAmount()) <= 0
                    && proposed.compareTo(m.approvalAboveLimit()) <= 0;
        }
        return false;
    }

    private static void addCommonReasons(Set<String> reasons, AccountData a, List<RuleHitResult> hits, LimitPolicy p) {
        addFlagReasons(reasons, hits);
        addScorecardReasons(reasons, a, p);
    }

    /** The fresh FLAG and ADJUST hits (a flag for review, the macro adjustment). */
    private static void addFlagReasons(Set<String> reasons, List<RuleHitResult> hits) {
        for (RuleHitResult h : hits) {
            if (!h.stale() && (h.action() == RuleAction.FLAG || h.action() == RuleAction.ADJUST)) {
                reasons.add(h.rule().code());
            }
        }
    }

    /** The scorecard's first three reason codes (what holds the score down). */
    private static void addScorecardReasons(Set<String> reasons, AccountData a, LimitPolicy p) {
        if (a.score != null && a.score.reasonCodes() != null && !a.score.reasonCodes().isBlank()) {
            // a score stored before the policy named an attribute protected may still carry it: never a reason
            ProtectedAttributes excluded = p.protectedAttributeSet();
            String[] codes = a.score.reasonCodes().split("[,;\\s]+");
            for (int i = 0; i < Math.min(3, codes.length); i++) {
                if (!codes[i].isBlank() && !excluded.isProtected(codes[i])) {
                    reasons.add(codes[i]);
                }
            }
        }
    }

    private static ObjectNode evidence(List<RuleHitResult> hits, LimitTarget target) {
        ObjectNode evidence = Json.object();
        ArrayNode list = evidence.putArray("ruleHits");
        for (RuleHitResult h : hits) {
            ObjectNode node = list.addObject();
            node.put("rule", h.rule().code());
            node.put("stale", h.stale());
            node.set("evidence", h.evidence());
            node.set("feedAsOf", Json.read(h.feedAsOfJson()));
        }
        if (target != null) {
            evidence.set("policy", target.working());
        }
        String text = Json.write(evidence);
        if (text.length() > 7500) {
            list.forEach(n -> ((ObjectNode) n).remove("evidence")); // EVIDENCE is 8000 chars; the hits keep their own copy
        }
        return evidence;
    }

    /** Exposure at default: balance plus a credit conversion factor of the undrawn limit. */
    public static BigDecimal exposure(AccountData a, LimitPolicy p, LocalDateTime at) {
        BigDecimal undrawn = a.effectiveLimit(at).subtract(a.outstanding).max(BigDecimal.ZERO);
        return Money.normalize(a.outstanding.add(undrawn.multiply(p.ccf())));
    }

    static BigDecimal priority(AccountData a, LimitPolicy p, LocalDateTime at) {
        BigDecimal pd = a.score == null ? p.pdWhenUnscored() : BigDecimal.valueOf(a.score.pd());
        return exposure(a, p, at).multiply(pd).setScale(4, RoundingMode.HALF_UP);
    }
}
