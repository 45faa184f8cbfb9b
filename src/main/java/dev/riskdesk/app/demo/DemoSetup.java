package dev.riskdesk.app.demo;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.db.AppSettings;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.lifecycle.LifecycleRunService;
import dev.riskdesk.lifecycle.LifecycleServices;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First start on a new database: generate the demo book, train the models and make the
 * scorecards champions, score every account, run the limit policy so the review queue has
 * work, register the customers' appeals, then build the dashboard's aggregates. Each step reports under a bundle key ({@code demo.step.*}) with the overall fraction.
 * The composition root ({@code AppServices}) builds it from its own services, for the console and {@code riskdesk demo}.
 *
 * <p>Resumable: the start is marked in APP_SETTING ({@value #STARTED}), each finished step under its
 * own key (value {@code done}), and the end as {@value #DONE}. A start that was cancelled or killed
 * part-way skips its finished steps the next time; a generation that was killed is removed and redone.
 */
public final class DemoSetup {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);
    static final String STARTED = "demo.setup.started";
    static final String DONE = "demo.setup.done";
    static final String STEP_DONE = "done";

    /** One step of the first start, with its share of the total time as measured on 2 cores. */
    record Step(String key, int weight, Work work) {
    }

    @FunctionalInterface
    interface Work {
        void run(GeneratorOptions book, Progress progress);
    }

    /** Told after each step: how long it took, or that it was already done by an earlier start. */
    @FunctionalInterface
    public interface StepListener {
        StepListener NONE = (key, took, skipped) -> {
        };

        void stepFinished(String key, Duration took, boolean skipped);
    }

    private final AppSettings settings;
    private final OperatorService operators;
    private final Clock clock;
    private final List<Step> steps;

    public DemoSetup(AppSettings settings, OperatorService operators, PortfolioGenerator generator, TrainingService training, ModelGovernanceService governance, ScoreRunService scoreRun,
            LimitServices limits, DemoAppeals appeals, DashboardServices dashboard, Clock clock, LifecycleServices lifecycle) {
        this.settings = settings;
        this.operators = operators;
        this.clock = clock;
        // each step runs as the demo operator whose job it is, with that role's permissions: the batch
        // service operator generates, scores, runs the policy and refreshes; the manager trains and promotes
        Supplier<Session> batch = () -> operators.signInDemoOperator(OperatorService.DEMO_BATCH.username());
        Supplier<Session> manager = () -> operators.signInDemoOperator("manager");
        this.steps = List.of(
                new Step("demo.step.generate", 55, (book, p) -> {
                    if (!generator.finishedBookExists()) {
                        // a generation killed part-way left its rows behind (a cancelled one removed them itself)
                        generator.discardUnfinished();
                        generator.generate(batch.get(), book, p);
                    }
                }),
                new Step("demo.step.train", 25, (book, p) -> {
                    Session session = manager.get();
                    TrainingService.Report report = training.train(session, TrainingService.Options.defaults(), p);
                    // a new book's seats never had a champion: the first one takes effect without a second manager
                    governance.requestPromotion(session, report.scorecardId(), "Demo portfolio: first scorecard");
                    governance.requestPromotion(session, report.thinFileId(), "Demo portfolio: first thin-file scorecard");
                }),
                new Step("demo.step.score", 8, (book, p) -> scoreRun.scoreAll(batch.get(), ScoreRunService.DEFAULT_CHUNK, p)),
                new Step("demo.step.policy", 12, (book, p) -> limits.runs.run(batch.get(), PolicyRunService.RunOptions.defaults(), p)),
                // dormant and never-used accounts get their cancellation cases and notices, as after every policy run
                new Step("demo.step.lifecycle", 2, (book, p) -> lifecycle.runs.run(batch.get(), new LifecycleRunService.Options(null, false), p)),
                new Step("demo.step.appeals", 2, (book, p) -> appeals.create(p)),
                new Step("demo.step.dashboard", 3, (book, p) -> dashboard.refresh.refresh(batch.get(), p)));
    }

    /**
     * Fills a new, empty database with the demo portfolio. Reports progress and stops with
     * {@link Progress.CancelledException} when the operator cancels; the next start finishes it.
     */
    public void create(Progress progress) {
        run(GeneratorOptions.demo(LocalDate.now(clock)), progress, StepListener.NONE);
    }

    /** True when a first start began on this database and has not yet run all its steps. */
    public boolean unfinished() {
        return settings.get(STARTED) != null && !finished();
    }

    /** True when every step ran to its end on this database. */
    public boolean finished() {
        return settings.get(DONE) != null;
    }

    /** Runs the steps not yet done on {@code book}; a step already done by an earlier start is skipped. */
    public void run(GeneratorOptions book, Progress progress, StepListener listener) {
        operators.createDemoOperatorsIfEmpty(); // the steps are theirs
        settings.put(STARTED, book.toString());
        int total = steps.stream().mapToInt(Step::weight).sum();
        int before = 0;
        for (Step step : steps) {
            progress.checkCancelled();
            if (STEP_DONE.equals(settings.get(step.key()))) {
                LOG.info("First start: {} already done", step.key());
                listener.stepFinished(step.key(), Duration.ZERO, true);
            } else {
                long started = System.nanoTime();
                step.work().run(book, within(progress, step.key(), before, step.weight(), total));
                settings.put(step.key(), STEP_DONE);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                LOG.info("First start: {} took {} ms", step.key(), took.toMillis());
                listener.stepFinished(step.key(), took, false);
            }
            before += step.weight();
        }
        settings.put(DONE, "true");
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
