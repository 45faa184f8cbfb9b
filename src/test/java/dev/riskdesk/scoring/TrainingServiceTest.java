package dev.riskdesk.scoring;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class TrainingServiceTest {
    @TempDir
    Path dir;

    @Test
    void trainsThreeDraftModelsWithOutOfTimeMetrics() {
        try (Database db = TestDatabases.fresh(dir)) {
            SyntheticBook.fill(db, 3000, 24, 11);
            ModelRepository models = new ModelRepository(db, new AuditLog(Clock.systemUTC()), Clock.systemUTC());
            TrainingService service = new TrainingService(db, models, new AuditLog(Clock.systemUTC()));
            TrainingService.Report r = service.train(Session.system(), TrainingService.Options.defaults(), Progress.NONE);
            System.out.println(r.scorecardTrain().summary() + " | " + r.scorecardTest().summary());
            System.out.println(r.forestTrain().summary() + " | " + r.forestTest().summary());
            System.out.println(r.features());
            assertTrue(r.scorecardTest().auc() > 0.7, "out-of-time AUC " + r.scorecardTest().auc());
        }
    }
}
