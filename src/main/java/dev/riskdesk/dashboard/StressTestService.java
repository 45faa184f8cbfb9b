package dev.riskdesk.dashboard;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.DASH_SEGMENT_MONTH;
import static dev.riskdesk.db.schema.Tables.STRESS_RUN;
import static dev.riskdesk.db.schema.Tables.STRESS_SCENARIO;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.run.PolicySimulationService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.impl.DSL;

/**
 * Stress scenarios: saved parameters, and runs that project bad rate and expected loss from the
 * dashboard's segment cube, and ask the limit engine's read-only simulation which limits the
 * current policy would cut when the scenario's income shock is applied to the policy's income
 * assumptions. Nothing is applied to any account; each run is kept in STRESS_RUN.
 */
public final class StressTestService {
    /** Upper bound of each utilisation band: a rise cannot take a balance past the limit. */
    private static final BigDecimal[] UTIL_UPPER = {BigDecimal.ZERO, new BigDecimal("0.3"), new BigDecimal("0.5"), new BigDecimal("0.7"),
        new BigDecimal("0.9"), BigDecimal.ONE};
    private final Database database;
    private final LimitPolicyService policies;
    private final PolicySimulationService simulation;
    private final AuditLog audit;
    private final Clock clock;

    public StressTestService(Database database, LimitPolicyService policies, PolicySimulationService simulation, AuditLog audit, Clock clock) {
        this.database = database;
        this.policies = policies;
        this.simulation = simulation;
        this.audit = audit;
        this.clock = clock;
    }

    @Requires(Permission.PORTFOLIO_VIEW)

    public List<StressScenario> scenarios(Session session) {
        session.require(Permission.PORTFOLIO_VIEW);
        return database.dsl().selectFrom(STRESS_SCENARIO).orderBy(STRESS_SCENARIO.BUILT_IN.desc(), STRESS_SCENARIO.ID)
                .fetch(r -> new StressScenario(r.getId(), r.getName(), r.getBuiltIn(), parse(r.getParameters())));
    }

    /** Saves a user-defined scenario under its name (replacing one of the same name); built-in ones are read-only. */
    @Requires(Permission.STRESS_TEST)
    public StressScenario save(Session session, String name, StressScenario.Parameters parameters) {
        session.require(Permission.STRESS_TEST);
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty()) {
            throw UserFacingException.keyed("stress.name", "A scenario needs a name.");
        }
        TextLimit.STRESS_SCENARIO_NAME.check(trimmed);
        validate(parameters);
        String json = Json.write(parameters);
        return database.transactionResult(tx -> {
            var existing = tx.selectFrom(STRESS_SCENARIO).where(STRESS_SCENARIO.NAME.eq(trimmed)).fetchOne();
            long id;
            if (existing != null) {
                if (existing.getBuiltIn()) {
                    throw UserFacingException.keyed("stress.builtIn", "The built-in scenario {0} cannot be changed; save it under another name.", trimmed);
                }
                existing.setParameters(json);
                existing.update();
                id = existing.getId();
            } else {
                id = tx.insertInto(STRESS_SCENARIO, STRESS_SCENARIO.NAME, STRESS_SCENARIO.BUILT_IN, STRESS_SCENARIO.PARAMETERS,
                                STRESS_SCENARIO.CREATED_BY, STRESS_SCENARIO.CREATED_AT)
                        .values(trimmed, false, json, Session.actorId(session), LocalDateTime.now(clock))
                        .returningResult(STRESS_SCENARIO.ID).fetchOne().value1();
            }
            audit.record(tx, session, "STRESS_SCENARIO_SAVE", "STRESS_SCENARIO", id, null, json);
            return new StressScenario(id, trimmed, false, parameters);
        });
    }

    private static void validate(StressScenario.Parameters p) {
        boolean ok = p.utilisationRise() != null && p.lgdChange() != null && p.incomeShock() != null
                && p.utilisationRise().signum() >= 0 && p.utilisationRise().compareTo(BigDecimal.ONE) <= 0
                && p.lgdChange().abs().compareTo(BigDecimal.ONE) <= 0
                && p.incomeShock().signum() >= 0 && p.incomeShock().compareTo(BigDecimal.ONE) < 0
                && multipliersInRange(p.pdMultipliers()) && multipliersInRange(p.tierPdMultipliers())
                && p.macroShockOrZero().signum() >= 0 && p.macroShockOrZero().compareTo(BigDecimal.ONE) < 0;
        if (!ok) {
            throw UserFacingException.keyed("stress.parameters",
                    "Scenario parameters out of range: PD multipliers 0–10, utilisation rise 0–1, LGD change −1–1, income shock 0–<1, macro shock 0–<1.");
        }
    }

    private static boolean multipliersInRange(java.util.Map<String, BigDecimal> multipliers) {
        return multipliers == null || multipliers.values().stream().allMatch(m -> m != null && m.signum() > 0 && m.compareTo(BigDecimal.TEN) <= 0);
    }

    /** Runs one scenario on the latest month of the aggregates (optionally within a segment filter). */
    @Requires(Permission.STRESS_TEST)
    public StressResult run(Session session, StressScenario scenario, DashboardFilter filter, Progress progress) {
        session.require(Permission.STRESS_TEST);
        StressScenario.Parameters p = scenario.parameters();
        validate(p);
        LimitPolicy policy = policies.activeOrDefaults().policy();
        StressResult projected = project(policy, p, filter == null ? DashboardFilter.all() : filter, scenario.name());
        LimitPolicy stressed = stressedPolicy(policy, p.incomeShock());
        var report = simulation.simulate(session,
                new PolicySimulationService.Options(stressed, null, 0, 0, null, 2_000, null, p.macroShockOrZero()), progress);
        // the same policy without the shock already proposes cuts; report only the ones the shock adds
        long decreases = extra(report, "DECREASE");
        long freezes = extra(report, "FREEZE");
        long suspensions = extra(report, "SUSPEND");
        BigDecimal exposureChange = report.candidate().exposureChange().subtract(report.current().exposureChange());
        StressResult result = new StressResult(scenario.name(), LocalDateTime.now(clock).toString(), projected.accounts(), projected.exposure(),
                projected.stressedExposure(), projected.baselineBadRate(), projected.badRate(), projected.baselineExpectedLoss(),
                projected.expectedLoss(), decreases + freezes + suspensions, decreases, freezes, suspensions, exposureChange);
        if (scenario.id() != null) {
            String json = Json.write(result);
            database.transaction(tx -> {
                long runId = tx.insertInto(STRESS_RUN, STRESS_RUN.SCENARIO_ID, STRESS_RUN.RUN_BY, STRESS_RUN.RUN_AT, STRESS_RUN.RESULTS)
                        .values(scenario.id(), Session.actorId(session), LocalDateTime.parse(result.runAt()), json)
                        .returningResult(STRESS_RUN.ID).fetchOne().value1();
                audit.record(tx, session, "STRESS_RUN", "STRESS_RUN", runId, null, scenario.name());
            });
        }
        return result;
    }

    private static long extra(PolicySimulationService.Report report, String action) {
        return report.candidate().actions().getOrDefault(action, 0L) - report.current().actions().getOrDefault(action, 0L);
    }

    /** The current policy with the scenario's income shock applied to its assumed monthly income per band. */
    static LimitPolicy stressedPolicy(LimitPolicy policy, BigDecimal incomeShock) {
        ObjectNode tree = Json.MAPPER.valueToTree(policy);
        ObjectNode income = (ObjectNode) tree.get("incomeMonthly");
        BigDecimal keep = BigDecimal.ONE.subtract(incomeShock);
        policy.incomeMonthly().forEach((band, amount) -> income.put(band, amount.multiply(keep).setScale(2, RoundingMode.HALF_UP)));
        return LimitPolicyService.parse(tree.toString(), "stress scenario");
    }

    /**
     * Bad rate and expected loss under the scenario, from the segment cube's sums, in BigDecimal:
     * stressed PD = PD × multiplier(income band) × multiplier(city tier); exposure grows by
     * (1 − CCF) × rise × limit, the rise capped by the utilisation band's headroom; EL =
     * (LGD + change) × Σ multiplier × (PD·EAD + (1 − CCF) × rise × PD·limit). Today's EL is the
     * cube's expected loss, the dashboard's tile. Amounts are rounded HALF_UP to cents at the end.
     */
    StressResult project(LimitPolicy policy, StressScenario.Parameters p, DashboardFilter filter, String name) {
        var t = DASH_SEGMENT_MONTH;
        LocalDate latest = database.dsl().select(DSL.max(t.MONTH_START)).from(t).fetchOne().value1();
        if (latest == null) {
            throw UserFacingException.keyed("dashboard.notRefreshed", "The dashboard tables are empty: run `riskdesk dashboard refresh` first.");
        }
        BigDecimal undrawnShare = BigDecimal.ONE.subtract(policy.ccf());
        BigDecimal lgdStressed = policy.lgd().add(p.lgdChange()).max(BigDecimal.ZERO).min(BigDecimal.ONE);
        long accounts = 0;
        double pd = 0;
        double pdStressed = 0;
        BigDecimal exposure = BigDecimal.ZERO;
        BigDecimal added = BigDecimal.ZERO;
        BigDecimal loss = BigDecimal.ZERO;
        BigDecimal pdExposureStressed = BigDecimal.ZERO;
        var rows = database.dsl().select(t.INCOME_BAND, t.CITY_TIER, t.UTIL_BAND, DSL.sum(t.ACCOUNT_COUNT), DSL.sum(t.EXPOSURE), DSL.sum(t.TOTAL_LIMIT),
                        DSL.sum(t.PD_SUM), DSL.sum(t.PD_EXPOSURE), DSL.sum(t.PD_LIMIT), DSL.sum(t.EXPECTED_LOSS))
                .from(t).where(t.MONTH_START.eq(latest).and(DashboardQueryService.segment(filter, t.CITY_TIER, t.INCOME_BAND, t.PRODUCT)))
                .groupBy(t.INCOME_BAND, t.CITY_TIER, t.UTIL_BAND).fetch();
        for (var r : rows) {
            BigDecimal m = p.pdMultiplier(r.value1()).multiply(p.tierPdMultiplier(r.value2()));
            BigDecimal bandRise = p.utilisationRise().min(BigDecimal.ONE.subtract(UTIL_UPPER[r.value3()]));
            BigDecimal grow = undrawnShare.multiply(bandRise);
            accounts += r.value4().longValue();
            exposure = exposure.add(r.value5());
            added = added.add(grow.multiply(r.value6()));
            pd += r.value7().doubleValue();
            pdStressed += m.doubleValue() * r.value7().doubleValue();
            pdExposureStressed = pdExposureStressed.add(m.multiply(r.value8().add(grow.multiply(r.value9()))));
            loss = loss.add(r.value10());
        }
        BigDecimal cents = BigDecimal.ZERO.setScale(2);
        return new StressResult(name, LocalDateTime.now(clock).toString(), accounts, exposure.setScale(2, RoundingMode.HALF_UP),
                exposure.add(added).setScale(2, RoundingMode.HALF_UP),
                accounts == 0 ? 0 : pd / accounts, accounts == 0 ? 0 : Math.min(1.0, pdStressed / accounts),
                loss.setScale(2, RoundingMode.HALF_UP), pdExposureStressed.multiply(lgdStressed).setScale(2, RoundingMode.HALF_UP),
                0, 0, 0, 0, cents);
    }

    /** The results of every earlier run, newest first (for re-reading and export). */
    @Requires(Permission.PORTFOLIO_VIEW)
    public List<StressResult> history(Session session) {
        session.require(Permission.PORTFOLIO_VIEW);
        List<StressResult> out = new ArrayList<>();
        database.dsl().select(STRESS_RUN.RESULTS).from(STRESS_RUN).orderBy(STRESS_RUN.ID.desc()).limit(50)
                .forEach(r -> out.add(read(r.value1(), StressResult.class)));
        return out;
    }

    private static StressScenario.Parameters parse(String json) {
        return read(json, StressScenario.Parameters.class);
    }

    private static <T> T read(String json, Class<T> type) {
        try {
            return Json.MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable stress JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The results as a chart table (one row per scenario), for the side-by-side view and CSV. */
    public static ChartTable table(List<StressResult> results) {
        List<List<Object>> rows = new ArrayList<>();
        for (StressResult r : results) {
            rows.add(List.of(r.scenario(), r.accounts(), r.baselineBadRate(), r.badRate(), r.baselineExpectedLoss(), r.expectedLoss(), r.exposure(),
                    r.stressedExposure(), r.cutAccounts(), r.decreases(), r.freezes(), r.suspensions(), r.policyExposureChange(), r.runAt()));
        }
        return new ChartTable("stress", List.of("scenario", "accounts", "baselineBadRate", "badRate", "baselineExpectedLoss", "expectedLoss",
                "baselineExposure", "exposure", "cutAccounts", "decreases", "freezes", "suspensions", "policyExposureChange", "runAt"), rows);
    }
}
