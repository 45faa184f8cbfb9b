package dev.riskdesk.limits.fairness;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.SameThreadTaskRunner;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.run.PolicyRunService;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.TestOperators;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A small generated book (500 customers, 24 months, as of 7 December 2026, clock fixed the same
 * day) taken through the product's own path: generate, train, promote, score the book, run the
 * policy. The services are the console's (AppServices), so the active policy's protected
 * attributes reach scoring as they do in production.
 */
final class FairBook implements AutoCloseable {
    static final LocalDate AS_OF = LocalDate.of(2026, 12, 7);
    static final Clock CLOCK = Clock.fixed(LocalDateTime.of(2026, 12, 7, 15, 0).atZone(AppServices.BUSINESS_ZONE).toInstant(),
            AppServices.BUSINESS_ZONE);

    /** Four observation months, the latest the out-of-time test: enough rows to train, few enough to be quick. */
    static final TrainingService.Options OPTIONS = new TrainingService.Options(4, 1, 20_000, 7);

    final Database db;
    final AppServices services;
    final TrainingService.Report training;

    FairBook(Path dir) {
        db = TestDatabases.fresh(dir);
        services = new AppServices(db, CLOCK, new PasswordHasher(4), new SameThreadTaskRunner());
        new PortfolioGenerator(db).generate(TestOperators.batch(db), GeneratorOptions.of(500, 24, 11, AS_OF), Progress.NONE);
        training = services.training().train(TestOperators.manager(db), OPTIONS, Progress.NONE);
        services.modelGovernance().requestPromotion(TestOperators.manager(db), training.scorecardId(), "fairness test champion");
        services.modelGovernance().requestPromotion(TestOperators.manager(db), training.thinFileId(), "fairness test thin-file champion");
        services.scoreRun().scoreAll(TestOperators.batch(db), 1000, Progress.NONE);
    }

    void runPolicy() {
        services.limits().runs.run(TestOperators.batch(db), new PolicyRunService.RunOptions(false, 500, null, false), Progress.NONE);
    }

    @Override
    public void close() {
        services.close();
    }
}
