package dev.riskdesk.limits.run;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.TestOperators;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped limit policy on a generated book, trained and scored as the demo is: from band E to band A the share of
 * accounts decreased, frozen or suspended by the policy never rises and the share increased never falls. Only monitoring
 * rules (a takeover, an overdue bill, multi-lending: conduct, not the band) may put a better band's cuts above a worse
 * band's, and only by the accounts they act on.
 */
@Tag("db")
class MonotoneInRiskDbTest {
    static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);
    static final Clock CLOCK = Clock.fixed(AS_OF.atTime(9, 0).atZone(AppServices.BUSINESS_ZONE).toInstant(), AppServices.BUSINESS_ZONE);
    static final List<String> BANDS = List.of("A", "B", "C", "D", "E");

    @TempDir
    Path dir;

    @Test
    void cutsDoNotFallAndIncreasesDoNotRiseFromBandEToBandA() {
        try (Database db = TestDatabases.fresh(dir)) {
            AppServices services = new AppServices(db, CLOCK, new PasswordHasher(4), new SameThreadTaskRunner());
            services.generator().generate(TestOperators.batch(db), GeneratorOptions.of(1500, GeneratorOptions.DEFAULT_MONTHS, 11, AS_OF), Progress.NONE);
            TrainingService.Report trained = services.training().train(TestOperators.manager(db), new TrainingService.Options(0, 0, 20_000, 7),
                    Progress.NONE);
            services.modelGovernance().requestPromotion(TestOperators.manager(db), trained.scorecardId(), "test champion");
            services.modelGovernance().requestPromotion(TestOperators.manager(db), trained.thinFileId(), "test thin-file champion");
            services.scoreRun().scoreAll(TestOperators.batch(db), ScoreRunService.DEFAULT_CHUNK, Progress.NONE);

            PolicySimulationService.Report report = services.limits().simulations.simulate(TestOperators.manager(db),
                    new PolicySimulationService.Options(null, null, 0, 0, null, 5_000, null), Progress.NONE);
            DecisionsByBand byBand = report.currentByBand();
            String table = byBand.rows().toString();
            long increases = 0;
            long cuts = 0;
            for (String band : BANDS) {
                DecisionsByBand.Row row = byBand.row(band);
                assertTrue(row.accounts() >= 20, "band " + band + " has too few accounts to judge: " + table);
                increases += row.count("INCREASE");
                cuts += row.adverse();
            }
            assertTrue(increases > 0 && cuts > 0, "the policy acts in both directions: " + table);
            for (int i = 0; i + 1 < BANDS.size(); i++) {
                DecisionsByBand.Row better = byBand.row(BANDS.get(i));
                DecisionsByBand.Row worse = byBand.row(BANDS.get(i + 1));
                String pair = better.band() + " vs " + worse.band() + " in " + table;
                assertTrue(better.policyAdverseShare().compareTo(worse.policyAdverseShare()) <= 0, "policy cuts " + pair);
                BigDecimal ruleSlack = better.adverseShare().subtract(better.policyAdverseShare());
                assertTrue(better.adverseShare().compareTo(worse.adverseShare().add(ruleSlack)) <= 0, "cuts beyond the rules' " + pair);
                assertTrue(better.share("INCREASE").compareTo(worse.share("INCREASE")) >= 0, "increases " + pair);
            }
        }
    }
}
