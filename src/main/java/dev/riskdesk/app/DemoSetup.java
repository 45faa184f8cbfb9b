package dev.riskdesk.app;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.limits.DemoAppeals;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.PolicyRunService;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.scoring.ModelRepository;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.TrainingService;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on a new database: generate the demo book, train the models and make the
 * scorecards champions, score every account, run the limit policy so the review queue has
 * work, register the customers' appeals, then build the dashboard's aggregates. Each step reports under a bundle key ({@code demo.step.*}) with the overall fraction.
 */
final class DemoSetup implements DemoPortfolio {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);

    /** One step of the first start, with its share of the total time as measured on 2 cores. */
    record Step(String key, int weight, Work work) {
    }

    @FunctionalInterface
    interface Work {
        void run(Progress progress);
    }

    private final List<Step> steps;

    DemoSetup(PortfolioGenerator generator, TrainingService training, ModelRepository models, ScoringService scoring,
            LimitServices limits, DemoAppeals appeals, DashboardServices dashboard, Clock clock) {
        this(GeneratorOptions.demo(LocalDate.now(clock)), generator, training, models, scoring, limits, appeals, dashboard);
    }

    /** The same steps on another book size (tests use a small one). */
    DemoSetup(GeneratorOptions book, PortfolioGenerator generator, TrainingService training, ModelRepository models,
            ScoringService scoring, LimitServices limits, DemoAppeals appeals, DashboardServices dashboard) {
        Session system = Session.system();
        this.steps = List.of(
                new Step("demo.step.generate", 55, p -> generator.generate(book, p)),
                new Step("demo.step.train", 25, p -> {
                    TrainingService.Report report = training.train(system, TrainingService.Options.defaults(), p);
                    models.promote(system, report.scorecardId(), "Demo portfolio: first scorecard");
                    models.promote(system, report.thinFileId(), "Demo portfolio: first thin-file scorecard");
                }),
                new Step("demo.step.score", 8, p -> scoring.scoreAll(system, ScoringService.DEFAULT_CHUNK, p)),
                new Step("demo.step.policy", 12, p -> limits.runs.run(system, PolicyRunService.RunOptions.defaults(), p)),
                new Step("demo.step.appeals", 2, appeals::create),
                new Step("demo.step.dashboard", 3, p -> dashboard.refresh.refresh(system, p)));
    }

    @Override
    public void create(Progress progress) {
        int total = steps.stream().mapToInt(Step::weight).sum();
        int before = 0;
        for (Step step : steps) {
            progress.checkCancelled();
            long started = System.nanoTime();
            step.work().run(within(progress, step.key(), before, step.weight(), total));
            LOG.info("First start: {} took {} ms", step.key(), (System.nanoTime() - started) / 1_000_000);
            before += step.weight();
        }
        progress.update(null, total, total);
    }

    /** Maps a step's own progress onto its share of the whole, under the step's key, never backwards. */
    private static Progress within(Progress outer, String key, int before, int weight, int total) {
        return new Progress() {
            private long last;

            @Override
            public synchronized void update(String message, long done, long of) {
                // a step may restart its own count per phase; the overall bar only moves forward
                double inside = of > 0 ? Math.min(1.0, (double) done / of) : 0.0;
                last = Math.max(last, Math.round((before + inside * weight) * 1000));
                outer.update(key, last, total * 1000L);
            }

            @Override
            public boolean isCancelled() {
                return outer.isCancelled();
            }
        };
    }
}
