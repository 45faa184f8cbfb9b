package dev.riskdesk.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestSessions;
import dev.riskdesk.security.TestOperators;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every dashboard aggregate on a three-account book whose answers are worked out by hand (see DashboardBook). */
@Tag("db")
class DashboardAggregatesTest {
    private static final double EPS = 1e-9;
    @TempDir
    Path dir;
    Database db;
    DashboardServices services;
    LimitPolicy policy;
    Session system;

    @BeforeEach
    void setUp() {
        db = TestDatabases.fresh(dir);
        system = TestOperators.manager(db);
        Clock clock = Clock.systemDefaultZone();
        AuditLog audit = new AuditLog(clock);
        LimitServices limits = new LimitServices(db, audit, clock);
        services = new DashboardServices(db, new ModelRepository(db, clock), limits, audit, clock);
        policy = limits.policies.activeOrDefaults().policy();
        DashboardBook.create(db);
        services.refresh.refresh(system, Progress.NONE);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    private BigDecimal exposure(long balance, long limit) {
        return BigDecimal.valueOf(balance).add(policy.ccf().multiply(BigDecimal.valueOf(Math.max(0, limit - balance)))).setScale(2, RoundingMode.HALF_UP);
    }

    @Test
    void snapshotFiguresAndSnapshotCharts() {
        DashboardData d = services.query.load(system, DashboardFilter.all());
        assertEquals(YearMonth.of(2025, 3), d.snapshotMonth());
        assertEquals(List.of(YearMonth.of(2025, 1), YearMonth.of(2025, 2), YearMonth.of(2025, 3)), d.months());
        assertEquals(3, d.figures().accounts());
        assertEquals(1.0 / 3, d.figures().rate30Plus(), EPS); // account 1 at 95 DPD; account 3 is only 1-30
        assertEquals(1.0 / 3, d.figures().rate90Plus(), EPS);
        assertEquals(new BigDecimal("4000.00"), d.figures().totalLimit());
        BigDecimal exposure = exposure(1000, 1000).add(exposure(200, 2000)).add(exposure(950, 1000));
        assertEquals(exposure, d.figures().exposure());
        // unscored accounts carry the policy's PD: EL = PD x exposure x LGD
        BigDecimal el = exposure.multiply(policy.pdWhenUnscored()).multiply(policy.lgd());
        assertEquals(el.doubleValue(), d.figures().expectedLoss().doubleValue(), 0.02);
        assertEquals(0L, d.figures().openAppeals());
        // the inbox's figures on the tile: no open appeal; the one decided took 24 hours
        assertEquals(List.of(List.of("openUnder1Day", 0.0), List.of("open1To2Days", 0.0), List.of("open2To7Days", 0.0),
                List.of("openOver7Days", 0.0), List.of("medianHandlingHours", 24.0)), d.chart("appealFigures").rows()); // the one appeal is decided

        ChartTable util = d.chart("utilisation");
        assertEquals(List.of(0L, 1L, 0L, 0L, 0L, 2L), util.rows().stream().map(r -> r.get(1)).toList());
        ChartTable band = d.chart("exposureByBand");
        assertEquals(1, band.rows().size());
        assertEquals("U", band.text(0, "band"));
        assertEquals(3.0, band.number(0, "accounts"));
        ChartTable bad = d.chart("badRateByBand");
        assertEquals(1.0 / 3, bad.number(0, "rate30"), EPS);
        ChartTable loss = d.chart("expectedLoss");
        assertEquals(List.of("I1", "I2"), loss.rows().stream().map(r -> r.get(0)).toList());
        assertEquals(0.0, loss.number(0, "tier2"), EPS);
        assertTrue(loss.number(1, "tier2") > 0);
    }

    @Test
    void delinquencyRollRatesAndVintages() {
        DashboardData d = services.query.load(system, DashboardFilter.all());
        ChartTable del = d.chart("delinquency");
        assertEquals(List.of("2025-01", "2025-02", "2025-03"), del.rows().stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("2025-03", 1L, 1L, 0L, 0L, 1L), del.rows().get(2));
        assertEquals(List.of("2025-02", 1L, 0L, 1L, 0L, 0L), del.rows().get(1));

        Map<String, Double> roll = new java.util.HashMap<>();
        ChartTable r = d.chart("rollRate");
        for (int i = 0; i < r.rows().size(); i++) {
            roll.put(r.text(i, "fromBucket") + ">" + r.text(i, "toBucket"), r.number(i, "rate"));
        }
        assertEquals(0.5, roll.get("CURRENT>CURRENT"), EPS);   // account 2, Feb -> Mar
        assertEquals(0.5, roll.get("CURRENT>DPD31_60"), EPS);  // account 1, Jan -> Feb
        assertEquals(1.0, roll.get("DPD31_60>DPD90P"), EPS);  // account 1, Feb -> Mar

        ChartTable v30 = d.chart("vintage30");
        // 2025Q1: accounts 1 and 2 (account 3 opened before the data and is left out)
        assertEquals(List.of("2025Q1", 0L, 2L, 0L, 0.0), v30.rows().get(0));
        assertEquals(List.of("2025Q1", 1L, 2L, 1L, 0.5), v30.rows().get(1));
        assertEquals(List.of("2025Q1", 2L, 1L, 1L, 1.0), v30.rows().get(2));
        ChartTable v90 = d.chart("vintage90");
        assertEquals(0.0, v90.number(1, "rate90"), EPS);
        assertEquals(1.0, v90.number(2, "rate90"), EPS);
    }

    @Test
    void filtersNarrowEveryChart() {
        DashboardData tier2 = services.query.load(system, new DashboardFilter(null, null, 2, null, null));
        assertEquals(1, tier2.figures().accounts());
        assertEquals(0.0, tier2.figures().rate30Plus(), EPS);
        assertTrue(tier2.chart("suspensionsByRule").isEmpty(), "the suspension is on a tier 1 account");
        DashboardData cash = services.query.load(system, new DashboardFilter(null, null, null, null, "CASH_LOAN"));
        assertEquals(1, cash.figures().accounts());
        DashboardData feb = services.query.load(system, new DashboardFilter(YearMonth.of(2025, 1), YearMonth.of(2025, 2), null, null, null));
        assertEquals(YearMonth.of(2025, 2), feb.snapshotMonth());
        assertEquals(2, feb.figures().accounts());
        assertEquals(2, feb.chart("delinquency").rows().size());
        assertTrue(feb.chart("appeals").isEmpty(), "the appeal was made in March");
    }

    @Test
    void suspensionsAppealsAndDecisions() {
        DashboardData d = services.query.load(system, DashboardFilter.all());
        assertEquals(List.of("DPD30", 1L, 1L, 1L, 1.0), d.chart("suspensionsByRule").rows().get(0));
        assertEquals(List.of("DECIDED_WITHIN_SLA", 1L, 1.0), d.chart("appeals").rows().get(2));
        assertEquals(0L, d.figures().openAppeals());
        // the inbox's figures on the tile: no open appeal; the one decided took 24 hours
        assertEquals(List.of(List.of("openUnder1Day", 0.0), List.of("open1To2Days", 0.0), List.of("open2To7Days", 0.0),
                List.of("openOver7Days", 0.0), List.of("medianHandlingHours", 24.0)), d.chart("appealFigures").rows());
        assertTrue(d.chart("decisions").isEmpty(), "no limit decisions in this book");
        assertTrue(d.chart("overridesByOperator").isEmpty());
    }

    @Test
    void decisionPerformanceCountsAccountsNotDecisions() {
        // one account decided twice, now 90+ days past due: its rates are 100 %, never 200 %
        db.dsl().execute("UPDATE ACCOUNT SET DELINQUENCY_BUCKET = 'DPD90P', CURRENT_DPD = 95 WHERE ID = 1");
        for (String at : new String[] {"2025-03-02 10:00:00", "2025-03-20 10:00:00"}) {
            db.dsl().execute("INSERT INTO LIMIT_DECISION (ACCOUNT_ID, ACTION, STATUS, OLD_LIMIT, NEW_LIMIT, DECIDED_AT)"
                    + " VALUES (1, 'AUTO_APPLY', 'APPLIED', 1000, 800, TIMESTAMP '" + at + "')");
        }
        DashboardData d = services.query.load(system, DashboardFilter.all());
        assertEquals(List.of("AUTO_APPLY", 1L, 1.0, 1.0), d.chart("overridePerformance").rows().get(0));
    }

    @Test
    void openAppealsAreCountedByAgeOnTheBusinessClock() {
        LocalDateTime now = LocalDateTime.now(Clock.systemDefaultZone());
        int n = 2;
        for (long hoursAgo : new long[] {30, 100, 200}) {
            db.dsl().execute("INSERT INTO APPEAL (APPEAL_NO, ACCOUNT_ID, APPEAL_TYPE, SUSPENSION_ID, CHANNEL, CONTACT_PREFERENCE, STATEMENT,"
                    + " STATUS, CREATED_AT, SLA_DUE_AT) VALUES (?, 1, 'SUSPENSION', 1, 'PHONE', 'SMS', 'x', 'NEW', ?, ?)",
                    "AP" + n++, now.minusHours(hoursAgo), now.plusHours(1));
        }
        List<List<Object>> rows = services.query.load(system, DashboardFilter.all()).chart("appealFigures").rows();
        assertEquals(List.of(0.0, 1.0, 1.0, 1.0), rows.subList(0, 4).stream().map(r -> r.get(1)).toList());
    }

    @Test
    void psiAgainstAHandComputation() {
        // expected 50/50, actual 25/75: (0.25-0.5)ln(0.5) + (0.75-0.5)ln(1.5)
        double hand = -0.25 * Math.log(0.5) + 0.25 * Math.log(1.5);
        assertEquals(0.274653, hand, 1e-6);
        assertEquals(hand, Buckets.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-12);
        ChartTable t = new ChartTable("scoreDistribution", List.of("scoreBin", "trainShare", "currentShare", "accounts"),
                List.of(List.of("<600", 0.5, 0.25, 1L), List.of("≥600", 0.5, 0.75, 3L)));
        assertEquals(hand, DashboardQueryService.psi(t), 1e-12);
        assertEquals(0.0, Buckets.psi(new double[] {0.3, 0.7}, new double[] {0.3, 0.7}), 1e-12);
    }

    @Test
    void stressProjectionOnTheCube() {
        var p = new StressScenario.Parameters(Map.of("I1", new BigDecimal("2"), "I2", BigDecimal.ONE), BigDecimal.ZERO, new BigDecimal("0.10"),
                BigDecimal.ZERO);
        StressResult r = services.stress.project(policy, p, DashboardFilter.all(), "test");
        double pd = policy.pdWhenUnscored().doubleValue();
        double i1 = exposure(1000, 1000).add(exposure(950, 1000)).doubleValue();
        double i2 = exposure(200, 2000).doubleValue();
        assertEquals(pd, r.baselineBadRate(), EPS);
        assertEquals(pd * (2 + 2 + 1) / 3, r.badRate(), EPS);
        assertEquals((policy.lgd().doubleValue() + 0.10) * pd * (2 * i1 + i2), r.expectedLoss().doubleValue(), 0.02);

        // a utilisation rise only grows balances that have room: account 2 (10 %) by 0.5 x 2,000 x (1 - CCF)
        var rise = new StressScenario.Parameters(Map.of(), new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ZERO);
        StressResult u = services.stress.project(policy, rise, DashboardFilter.all(), "rise");
        double added = (1 - policy.ccf().doubleValue()) * 0.5 * 2000;
        assertEquals(r.exposure().doubleValue() + added, u.stressedExposure().doubleValue(), 0.01);
    }

    @Test
    void theMonthRangeNarrowsVintagesToTheQuartersOriginatedInIt() {
        // accounts 1 and 2 opened in 2025Q1; a range in 2024Q4 holds no cohort, one ending in January holds 2025Q1
        assertTrue(services.query.load(system, new DashboardFilter(YearMonth.of(2024, 10), YearMonth.of(2024, 12), null, null, null))
                .chart("vintage30").isEmpty());
        DashboardData jan = services.query.load(system, new DashboardFilter(YearMonth.of(2024, 12), YearMonth.of(2025, 1), null, null, null));
        assertEquals(List.of("2025Q1"), jan.chart("vintage30").rows().stream().map(r -> r.get(0)).distinct().toList());
        assertEquals(3, jan.chart("vintage90").rows().size(), "the cohort's curve keeps its later months on book");
    }

    @Test
    void stressByCityTierInBigDecimalOnHandWorkedFigures() {
        // tier 1 (accounts 1 and 3, both I1) x 3, tier 2 (account 2, I2) x 1; income multipliers 1: EL = LGD x PD x (3 x EAD1 + EAD2)
        var p = new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of("1", new BigDecimal("3")));
        StressResult r = services.stress.project(policy, p, DashboardFilter.all(), "tier");
        BigDecimal pd = BigDecimal.valueOf(policy.pdWhenUnscored().doubleValue());
        BigDecimal tier1 = exposure(1000, 1000).add(exposure(950, 1000));
        BigDecimal tier2 = exposure(200, 2000);
        BigDecimal el = policy.lgd().multiply(pd).multiply(tier1.multiply(new BigDecimal("3")).add(tier2)).setScale(2, RoundingMode.HALF_UP);
        assertEquals(el, r.expectedLoss(), "to the cent");
        assertEquals(pd.doubleValue() * (3 + 3 + 1) / 3, r.badRate(), EPS);
        // today's EL is the dashboard's tile, and an empty scenario projects it unchanged
        assertEquals(services.query.load(system, DashboardFilter.all()).figures().expectedLoss(), r.baselineExpectedLoss());
        StressResult none = services.stress.project(policy, new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO),
                DashboardFilter.all(), "none");
        assertEquals(none.baselineExpectedLoss().doubleValue(), none.expectedLoss().doubleValue(), 0.011);
        assertEquals(none.exposure(), none.stressedExposure());
        // the rise in exact money: account 2 (10 % used) grows by 0.5 x 2,000 x (1 - CCF)
        var rise = new StressScenario.Parameters(Map.of(), new BigDecimal("0.5"), BigDecimal.ZERO, BigDecimal.ZERO);
        BigDecimal added = BigDecimal.ONE.subtract(policy.ccf()).multiply(new BigDecimal("0.5")).multiply(new BigDecimal("2000"));
        assertEquals(none.exposure().add(added).setScale(2, RoundingMode.HALF_UP),
                services.stress.project(policy, rise, DashboardFilter.all(), "rise").stressedExposure());
        // a multiplier out of range is refused like the income ones
        assertThrows(UserFacingException.class, () -> services.stress.save(system, "bad tier",
                new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, Map.of("2", new BigDecimal("11")))));
    }

    @Test
    void savedScenarioRunsAreListedNewestFirstWithTheirTierMultipliers() {
        DashboardBook.scores(db);
        var p = new StressScenario.Parameters(Map.of("I1", new BigDecimal("2")), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO,
                Map.of("2", new BigDecimal("1.5")));
        StressScenario saved = services.stress.save(system, "regional", p);
        assertEquals(0, new BigDecimal("1.5").compareTo(services.stress.scenarios(system).get(3).parameters().tierPdMultiplier(2)));
        assertEquals(0, BigDecimal.ONE.compareTo(services.stress.scenarios(system).get(1).parameters().tierPdMultiplier(2)),
                "the built-in scenarios stress by income only");
        StressResult first = services.stress.run(system, services.stress.scenarios(system).get(1), DashboardFilter.all(), Progress.NONE);
        StressResult second = services.stress.run(system, saved, DashboardFilter.all(), Progress.NONE);
        List<StressResult> history = services.stress.history(system);
        assertEquals(List.of("regional", "mild"), history.stream().map(StressResult::scenario).toList());
        assertEquals(second, history.get(0), "re-opened exactly as computed");
        assertEquals(first, history.get(1));
        ChartTable t = StressTestService.table(history);
        assertEquals(second.baselineExpectedLoss(), t.rows().get(0).get(t.column("baselineExpectedLoss")));
        assertEquals(second.runAt(), t.text(0, "runAt"));
    }

    @Test
    void aLargerIncomeShockCutsMoreLimitsThanNone() {
        DashboardBook.scores(db);
        StressResult none = services.stress.run(system, new StressScenario(null, "none", false,
                new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO)), DashboardFilter.all(), Progress.NONE);
        StressResult hard = services.stress.run(system, new StressScenario(null, "hard", false,
                new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("0.95"))), DashboardFilter.all(), Progress.NONE);
        // without a shock the stressed policy is the current one: nothing extra
        assertEquals(0, none.decreases());
        assertEquals(0, none.cutAccounts());
        assertEquals(0, none.policyExposureChange().signum());
        assertTrue(hard.decreases() > none.decreases(), hard.toString());
        assertEquals(hard.decreases() + hard.freezes() + hard.suspensions(), hard.cutAccounts());
        assertTrue(hard.policyExposureChange().signum() < 0, hard.toString());
    }

    @Test
    void scenariosAreSavedAndBuiltInsProtected() {
        List<StressScenario> built = services.stress.scenarios(system);
        assertEquals(List.of("baseline", "mild", "severe"), built.stream().map(StressScenario::name).toList());
        var p = new StressScenario.Parameters(Map.of("I1", new BigDecimal("3")), new BigDecimal("0.2"), BigDecimal.ZERO, new BigDecimal("0.3"));
        assertThrows(UserFacingException.class, () -> services.stress.save(system, "severe", p));
        assertThrows(UserFacingException.class, () -> services.stress.save(system, "bad",
                new StressScenario.Parameters(Map.of(), BigDecimal.ZERO, BigDecimal.ZERO, new BigDecimal("1.5"))));
        services.stress.save(system, "my scenario", p);
        StressScenario mine = services.stress.scenarios(system).get(3);
        assertEquals("my scenario", mine.name());
        assertEquals(0, new BigDecimal("3").compareTo(mine.parameters().pdMultiplier("I1")));
        Session agent = TestSessions.of(9, "agent", "Agent", Role.AGENT, EnumSet.of(Permission.CUSTOMER_VIEW));
        assertThrows(AccessDeniedException.class, () -> services.stress.save(agent, "x", p));
        assertThrows(AccessDeniedException.class, () -> services.query.load(agent, DashboardFilter.all()));
    }

    @Test
    void csvEscapesFormulaInjection() {
        ChartTable t = new ChartTable("x", List.of("a", "b"), List.of(List.of("=cmd|' /C calc'!A0", -12.5), List.of("+1", new BigDecimal("-3.00")),
                List.of("-2", 1L), List.of("@SUM(A1)", 0.5), List.of("plain", 2L)));
        java.io.StringWriter out = new java.io.StringWriter();
        DashboardExports.csv(t, List.of("=head", "b"), out);
        List<String> lines = out.toString().lines().toList();
        assertEquals("'=head,b", lines.get(0));
        assertEquals("'=cmd|' /C calc'!A0,-12.5", lines.get(1));
        assertEquals("'+1,-3.00", lines.get(2));
        assertEquals("'-2,1", lines.get(3));
        assertEquals("'@SUM(A1),0.5", lines.get(4));
        assertEquals("plain,2", lines.get(5));
    }
}
