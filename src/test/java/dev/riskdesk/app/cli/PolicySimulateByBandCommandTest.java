package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.limits.LimitsFixture;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk policy simulate} prints the decisions per score band, what a manager checks before a policy goes live. */
@Tag("db")
class PolicySimulateByBandCommandTest {
    @TempDir
    Path dir;

    private static void scored(LimitsFixture f, long id, double pd, int sub, String band) {
        f.score(id, pd, sub, band, LimitsFixture.NOW.toLocalDate(), LimitsFixture.NOW.minusDays(1));
    }

    @Test
    void simulatePrintsCountsAndSharesOfEachDecisionPerBand() {
        LocalDateTime now = LimitsFixture.NOW;
        try (LimitsFixture f = new LimitsFixture(dir)) {
            f.feeds(now);
            long good = f.account("10000", "5000", "I5", 1); // band A, half used: raised 30 %
            scored(f, good, 0.002, 90, "A");
            f.history(good, "10000", "5000", "2000");
            long victim = f.account("20000", "5000", "I3", 1); // band B, taken over: suspended by the rule
            scored(f, victim, 0.008, 70, "B");
            f.history(victim, "20000", "5000", "2000");
            f.takeover(victim);
            long steady = f.account("20000", "5000", "I3", 1); // band C, within 120 % of its 19,500 target: kept
            scored(f, steady, 0.03, 50, "C");
            f.history(steady, "20000", "5000", "2000");
            long weak = f.account("10000", "9000", "I1", 1); // band E, far above its target: cut
            scored(f, weak, 0.30, 0, "E");
            f.history(weak, "10000", "9000", "2000");
        }
        String[] r = CliRuns.asManager(dir.resolve("riskdesk"), "policy", "simulate", "--at", now.toString());
        assertEquals("0", r[0], r[2]);
        List<String> lines = r[1].lines().toList();
        int title = lines.indexOf("Decisions by score band (current policy and rules):");
        assertTrue(title >= 0, r[1]);
        assertTrue(lines.get(title + 1).matches("\\s+band\\s+accounts\\s+increase\\s+decrease\\s+freeze\\s+suspend\\s+no change\\s+cut by rules"),
                lines.get(title + 1));
        assertEquals(List.of(
                row("A", 1, 1, 0, 0, 0, 0, 0),
                row("B", 1, 0, 0, 0, 1, 0, 1),
                row("C", 1, 0, 0, 0, 0, 1, 0),
                row("E", 1, 0, 1, 0, 0, 0, 0)), lines.subList(title + 2, title + 6).stream().map(String::strip).toList(), r[1]);
    }

    /** A band's line: accounts, then each decision's count and share of the band, then the cuts rules act in. */
    private static String row(String band, int accounts, int increase, int decrease, int freeze, int suspend, int none, int byRules) {
        StringBuilder s = new StringBuilder(String.format("%-5s %,9d", band, accounts));
        for (int n : new int[] {increase, decrease, freeze, suspend, none}) {
            s.append(String.format("  %,8d %6.1f %%", n, 100.0 * n / accounts));
        }
        return s.append(String.format("  %,14d", byRules)).toString();
    }
}
