package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorAdminService;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model promote|approve|rollback} on the command line: one manager asks, another approves. */
@Tag("db")
class ModelGovernanceCommandsTest {
    @TempDir
    Path dir;

    private Path db() {
        return dir.resolve("riskdesk");
    }

    private String[] manager(String... args) {
        return CliRuns.runAs("manager", "manager123", db(), args);
    }

    private String[] checker(String... args) {
        return CliRuns.runAs("manager2", "quiet-harbor-42", db(), args);
    }

    @Test
    void aPromotionIsARequestThatOnlyAnotherManagerApproves() {
        long scorecard;
        long boosted;
        try (Database database = Database.open(DatabaseLocation.ofPath(db()))) {
            Clock clock = Clock.systemUTC();
            OperatorService operators = new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock);
            operators.createDemoOperatorsIfEmpty();
            new OperatorAdminService(database, new PasswordHasher(4), new AuditLog(clock), clock).add(operators.authenticate("admin", "admin123".toCharArray()),
                    "manager2", "王伟", Role.MANAGER, "quiet-harbor-42".toCharArray());
            ModelRepository models = new ModelRepository(database, clock);
            var trainer = operators.authenticate("manager", "manager123".toCharArray());
            scorecard = database.transactionResult(tx -> models.insert(tx, trainer, model(ModelKind.SCORECARD)));
            boosted = database.transactionResult(tx -> models.insert(tx, trainer, model(ModelKind.GRADIENT_BOOSTED)));
        }
        String[] first = manager("model", "promote", String.valueOf(scorecard), "--reason", "first scorecard");
        assertEquals("0", first[0], first[2]);
        assertTrue(first[1].startsWith("Model " + scorecard + " is now the champion: the first of its seat"), first[1]);

        String[] noReason = manager("model", "promote", String.valueOf(boosted));
        assertEquals("2", noReason[0], "a request without a reason is a usage error");

        String[] asked = manager("model", "promote", String.valueOf(boosted), "--reason", "higher out-of-time AUC");
        assertEquals("0", asked[0], asked[2]);
        String request = asked[1].replaceAll("(?s).*\\(request (\\d+)\\).*", "$1");
        assertTrue(asked[1].contains("another manager approves it with 'model approve " + request + "'"), asked[1]);

        String[] own = manager("model", "approve", request);
        assertEquals("1", own[0]);
        assertEquals("riskdesk: You asked for request " + request + ": another manager must decide it (maker-checker).", own[2].strip());

        String[] approved = checker("model", "approve", request);
        assertEquals("0", approved[0], approved[2]);
        assertTrue(approved[1].startsWith("Request " + request + " approved: model " + boosted + " is now the champion; model " + scorecard + " is retired."),
                approved[1]);

        String[] rollback = checker("model", "rollback", "--reason", "approval rate fell");
        assertEquals("0", rollback[0], rollback[2]);
        assertTrue(rollback[1].startsWith("Rollback to model " + scorecard + " requested"), rollback[1]);
        assertTrue(rollback[1].contains("ROLLBACK   REQUESTED  model " + scorecard), rollback[1]);
    }

    private static ModelRepository.NewModel model(ModelKind kind) {
        return new ModelRepository.NewModel(kind + " model", kind, List.of("UTIL_NOW"), null, null, null, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 1),
                LocalDate.of(2026, 1, 1), LocalDate.of(2026, 3, 1));
    }
}
