package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.limits.run.PolicyRunService;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Options out of range are usage errors: exit 2 with the usage, before any database is opened or created. */
class OptionRangesTest {
    @TempDir
    Path dir;

    private void assertUsageError(String expected, String... args) {
        Path db = dir.resolve("db").resolve("riskdesk");
        String[] r = CliRuns.run(db, args);
        assertEquals("2", r[0], String.join(" ", args) + ": " + r[2]);
        assertTrue(r[2].contains(expected), "expected '" + expected + "' in: " + r[2]);
        assertTrue(r[2].contains("Usage: riskdesk"), r[2]);
        assertFalse(r[2].contains("Exception"), r[2]);
        assertFalse(Files.exists(dir.resolve("db")), String.join(" ", args) + " must not touch a database");
    }

    @Test
    void crossValidationNeedsTwoFolds() {
        assertUsageError("--folds must be between 2 and 1,000 (was 0)", "model", "evaluate", "--csv", "x.csv", "--target", "y", "--folds", "0");
    }

    @Test
    void chunksHoldAtLeastOneAccount() {
        assertUsageError("--chunk must be between 1 and 1,000,000 (was 0)", "policy", "run", "--chunk", "0");
        assertUsageError("--chunk must be between 1 and 1,000,000 (was -3)", "policy", "simulate", "--chunk", "-3");
        assertUsageError("--chunk must be between 1 and 1,000,000 (was 0)", "score", "--all", "--chunk", "0");
        assertUsageError("--readers must be between 0 and 64 (was -1)", "score", "--all", "--readers", "-1");
    }

    @Test
    void scoreNeedsExactlyOneOfAllAndAccount() {
        assertUsageError("Give either --all or --account ACCOUNT.", "score");
        assertUsageError("Give either --all or --account ACCOUNT.", "score", "--all", "--account", "7");
    }

    @Test
    void simulationGroupsArePercentages() {
        assertUsageError("--control must be between 0 and 100 (was 150)", "policy", "simulate", "--control", "150");
        assertUsageError("--control must be between 0 and 100 (was -1)", "policy", "simulate", "--control", "-1");
        assertUsageError("--challenger must be between 0 and 40 (was 45)", "policy", "simulate", "--control", "60");
    }

    @Test
    void trainingSizesAreNotNegative() {
        assertUsageError("--max-rows must be at least 1 (was -5)", "model", "train", "--max-rows", "-5");
        assertUsageError("--observation-months must be at least 0 (was -1)", "model", "train", "--observation-months", "-1");
        assertUsageError("--test-months must be at least 0 (was -2)", "model", "train", "--test-months", "-2");
    }

    @Test
    void slaHoursLieWithinThirtyDays() {
        assertUsageError("--hours must be between 1 and 720 (was 0)", "appeals", "sla", "--type", "SUSPENSION", "--hours", "0");
        assertUsageError("--hours must be between 1 and 720 (was 721)", "appeals", "sla", "--type", "SUSPENSION", "--hours", "721");
    }

    @Test
    void aPolicyRunWithoutAccountsPerChunkIsRefusedBeforeAJobStarts() {
        assertThrows(IllegalArgumentException.class, () -> new PolicyRunService.RunOptions(false, 0, null, false));
    }
}
