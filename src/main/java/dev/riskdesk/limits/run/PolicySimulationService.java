package dev.riskdesk.limits.run;

import dev.riskdesk.security.Requires;
import dev.riskdesk.common.Money;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.fairness.FairnessTable;
import dev.riskdesk.limits.fairness.FairnessTally;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.LimitEngine;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.MonthPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.policy.ProposalDraft;
import dev.riskdesk.limits.rules.RuleDefinition;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * What-if: evaluates a candidate policy (and optionally a candidate rule set) over the whole
 * portfolio next to the current one, without writing anything. Every proposal is assumed to be
 * carried out, so the totals are an upper bound of what the change would do. A stable hash of
 * the account id splits the book into a held-out control group, a challenger group that would
 * get the candidate, and the champion rest.
 */
public final class PolicySimulationService {
    private final Database database;
    private final RuleSetService ruleSets;
    private final LimitPolicyService policies;
    private final Clock clock;
    private final LimitEngine engine = new LimitEngine();

    public PolicySimulationService(Database database, RuleSetService ruleSets, LimitPolicyService policies, Clock clock) {
        this.database = database;
        this.ruleSets = ruleSets;
        this.policies = policies;
        this.clock = clock;
    }

    /** {@code candidateRules} null keeps the current rules; {@code diffCsv} null skips the per-account file. */
    /** {@code macroShock}: how much lower the candidate's macro factors are than the macro series (a stress scenario's shock; 0 = none). */
    public record Options(LimitPolicy candidatePolicy, RuleSet candidateRules, int controlPercent, int challengerPercent, LocalDateTime at,
            int chunkSize, Writer diffCsv, BigDecimal macroShock) {
        public Options(LimitPolicy candidatePolicy, RuleSet candidateRules, int controlPercent, int challengerPercent, LocalDateTime at,
                int chunkSize, Writer diffCsv) {
            this(candidatePolicy, candidateRules, controlPercent, challengerPercent, at, chunkSize, diffCsv, BigDecimal.ZERO);
        }
    }

    public record Totals(Map<String, Long> actions, long accountsChanged, BigDecimal exposureChange, BigDecimal expectedLossChange) {
    }

    public record GroupTotals(String group, long accounts, long changed, BigDecimal exposureChange, BigDecimal expectedLossChange) {
    }

    /** @param fairness the candidate's decision rates and later bad rates by age group and gender; null without monthly history */
    public record Report(LocalDateTime at, long accounts, Totals current, Totals candidate, long accountsDiffering,
            Map<String, Long> candidateAffectedBySegment, List<GroupTotals> championChallenger,
            DecisionsByBand currentByBand, DecisionsByBand candidateByBand,
            FairnessTable fairness) {
    }

    @Requires(Permission.POLICY_SIMULATE)

    public Report simulate(Session session, Options options, Progress progress) {
        session.require(Permission.POLICY_SIMULATE);
        if (options.controlPercent() < 0 || options.challengerPercent() < 0 || options.controlPercent() + options.challengerPercent() > 100) {
            throw new dev.riskdesk.common.UserFacingException("Control and challenger percentages must be between 0 and 100 together.");
        }
        RuleSet currentRules = ruleSets.activeOrDefaults();
        LimitPolicy currentPolicy = policies.activeOrDefaults().policy();
        RuleSet candidateRules = options.candidateRules() == null ? currentRules : options.candidateRules();
        LimitPolicy candidatePolicy = options.candidatePolicy() == null ? currentPolicy : options.candidatePolicy();
        FeedStatus feeds = PortfolioReader.feeds(database.dsl());
        LocalDateTime at = options.at() != null ? options.at() : PolicyRunService.defaultEvaluationTime(database.dsl(), clock);
        // both policies read the evaluation month's macro factors from the macro series; the candidate's shocked when asked
        currentPolicy = MonthPolicy.policyAt(database.dsl(), currentPolicy, at, BigDecimal.ZERO);
        candidatePolicy = MonthPolicy.policyAt(database.dsl(), candidatePolicy, at, options.macroShock());
        List<RuleDefinition> union = new ArrayList<>(currentRules.rules());
        union.addAll(candidateRules.rules());
        // windows wide enough for both rule sets and both policies
        PortfolioReader reader = new PortfolioReader(new RuleSet(null, 0, union), Math.max(currentPolicy.monthsUsed(), candidatePolicy.monthsUsed()));

        Acc current = new Acc();
        Acc candidate = new Acc();
        Map<String, Acc> groups = new TreeMap<>();
        for (String g : List.of("CONTROL", "CHAMPION", "CHALLENGER")) {
            groups.put(g, new Acc());
        }
        Map<String, Long> bySegment = new TreeMap<>();
        DecisionsByBand currentByBand = new DecisionsByBand();
        DecisionsByBand candidateByBand = new DecisionsByBand();
        long accounts = 0;
        long differing = 0;
        // fairness: the candidate's decisions by age group and gender
        int[] months = new dev.riskdesk.scoring.features.FeatureScanner(database).monthRange();
        FairnessTally fairness = months == null ? null : new FairnessTally(at, months[1]);
        CSVPrinter csv = null;
        try {
            if (options.diffCsv() != null) {
                csv = new CSVPrinter(options.diffCsv(), CSVFormat.DEFAULT.builder().setHeader("account_id", "account_no", "segment", "group",
                        "current_limit", "current_action", "current_new_limit", "candidate_action", "candidate_new_limit", "difference", "pd").build());
            }
            long lastKey = 0;
            while (true) {
                progress.checkCancelled();
                List<AccountData> chunk = reader.readChunk(database.dsl(), lastKey, options.chunkSize(), at, null);
                if (chunk.isEmpty()) {
                    break;
                }
                Map<Long, String> decided = new java.util.HashMap<>();
                for (AccountData a : chunk) {
                    Outcome before = outcome(engine.evaluate(a, currentRules, currentPolicy, feeds, at), a, currentPolicy, at);
                    Outcome after = outcome(engine.evaluate(a, candidateRules, candidatePolicy, feeds, at), a, candidatePolicy, at);
                    current.add(before);
                    candidate.add(after);
                    decided.put(a.accountId, after.action());
                    String band = a.score == null ? null : a.score.band();
                    currentByBand.add(band, before.action(), before.byRule());
                    candidateByBand.add(band, after.action(), after.byRule());
                    String group = group(a.accountId, options.controlPercent(), options.challengerPercent());
                    groups.get(group).add(switch (group) {
                        case "CONTROL" -> Outcome.none(a);
                        case "CHALLENGER" -> after;
                        default -> before;
                    });
                    if (after.changed()) {
                        bySegment.merge(a.segment(), 1L, Long::sum);
                    }
                    if (!before.sameAs(after)) {
                        differing++;
                        if (csv != null) {
                            csv.printRecord(a.accountId, a.accountNo, a.segment(), group, a.creditLimit, before.action, before.newLimit,
                                    after.action, after.newLimit, after.newLimit.subtract(before.newLimit), a.score == null ? "" : a.score.pd());
                        }
                    }
                }
                if (fairness != null) {
                    fairness.add(database.dsl(), decided);
                }
                accounts += chunk.size();
                lastKey = chunk.get(chunk.size() - 1).accountId;
                progress.update("Simulated " + accounts + " accounts", accounts, -1);
            }
            if (csv != null) {
                csv.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<GroupTotals> split = new ArrayList<>();
        groups.forEach((g, acc) -> split.add(new GroupTotals(g, acc.accounts, acc.changed, acc.exposure, acc.loss.setScale(2, RoundingMode.HALF_UP))));
        return new Report(at, accounts, current.totals(), candidate.totals(), differing, bySegment, split, currentByBand, candidateByBand,
                fairness == null ? null : fairness.table(database.dsl()));
    }

    static String group(long accountId, int controlPercent, int challengerPercent) {
        int bucket = (int) Math.floorMod(accountId * 0x9E3779B97F4A7C15L >>> 17, 100L);
        if (bucket < controlPercent) {
            return "CONTROL";
        }
        return bucket < controlPercent + challengerPercent ? "CHALLENGER" : "CHAMPION";
    }

    /** The account's first non-waiting proposal, carried out: new limit and the change in exposure and expected loss. */
    /** {@code byRule}: a rule hit acts in the decision (a suspension, a freeze, a decrease with a decreasing rule). */
    private record Outcome(String action, BigDecimal newLimit, BigDecimal exposureChange, BigDecimal lossChange, boolean byRule) {
        static Outcome none(AccountData a) {
            return new Outcome("NONE", a.creditLimit, Money.ZERO, BigDecimal.ZERO, false);
        }

        boolean changed() {
            return !"NONE".equals(action);
        }

        boolean sameAs(Outcome o) {
            return action.equals(o.action) && newLimit.compareTo(o.newLimit) == 0;
        }
    }

    private static Outcome outcome(AccountEvaluation e, AccountData a, LimitPolicy p, LocalDateTime at) {
        ProposalDraft d = e.proposals().stream().filter(x -> x.status() != ProposalStatus.AWAITING_DATA).findFirst().orElse(null);
        if (d == null) {
            return Outcome.none(a);
        }
        BigDecimal before = LimitEngine.exposure(a, p, at);
        BigDecimal effectiveAfter = switch (d.type()) {
            case SUSPEND, FREEZE -> a.outstanding; // nothing undrawn is left to draw
            default -> d.temporary() ? d.proposedLimit().max(a.creditLimit) : d.proposedLimit();
        };
        BigDecimal undrawn = effectiveAfter.subtract(a.outstanding).max(BigDecimal.ZERO);
        BigDecimal after = Money.normalize(a.outstanding.add(undrawn.multiply(p.ccf())));
        BigDecimal delta = after.subtract(before);
        BigDecimal pd = a.score == null ? p.pdWhenUnscored() : BigDecimal.valueOf(a.score.pd());
        return new Outcome(d.type().name(), d.type().changesAmount() ? d.proposedLimit() : a.creditLimit, delta,
                delta.multiply(pd).multiply(p.lgd()), d.primaryHit() != null);
    }

    private static final class Acc {
        final Map<String, Long> actions = new TreeMap<>();
        long accounts;
        long changed;
        BigDecimal exposure = Money.ZERO;
        BigDecimal loss = BigDecimal.ZERO;

        void add(Outcome o) {
            accounts++;
            actions.merge(o.action(), 1L, Long::sum);
            if (o.changed()) {
                changed++;
            }
            exposure = exposure.add(o.exposureChange());
            loss = loss.add(o.lossChange());
        }

        Totals totals() {
            return new Totals(actions, changed, exposure, loss.setScale(2, RoundingMode.HALF_UP));
        }
    }
}
