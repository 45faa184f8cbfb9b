package dev.riskdesk.limits.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.TestOperators;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.jooq.Record;
import org.jooq.Table;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
class PolicySimulationDbTest {
    @TempDir
    Path dir;

    private static String checksum(LimitsFixture f) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (Table<?> t : dev.riskdesk.db.schema.DefaultSchema.DEFAULT_SCHEMA.getTables()) {
            for (Record r : f.db.dsl().selectFrom(t).orderBy(t.fields()[0]).fetch()) {
                md.update(r.formatCSV(false).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void simulationLeavesTheDatabaseUnchanged() throws Exception {
        try (LimitsFixture f = new LimitsFixture(dir)) {
            f.feeds(LimitsFixture.NOW);
            for (int i = 0; i < 20; i++) {
                long id = f.account("10000", String.valueOf(1000 + i * 400), i % 2 == 0 ? "I5" : "I1", 1 + i % 5);
                f.score(id, 0.01 + i * 0.01, 100 - i * 5);
                f.history(id, "10000", String.valueOf(1000 + i * 400), "2000");
            }
            f.takeover(f.account("20000", "5000", "I3", 1));
            String json = Files.readString(Path.of("data/limit-policy.json")).replace("\"maxStepUpPercent\": 30", "\"maxStepUpPercent\": 50");
            LimitPolicy candidate = LimitPolicyService.parse(json, "candidate");
            Session risk = TestOperators.risk(f.db); // made (written) before the checksum
            String before = checksum(f);
            StringWriter csv = new StringWriter();
            PolicySimulationService.Report report = f.simulations.simulate(risk,
                    new PolicySimulationService.Options(candidate, null, 10, 45, LimitsFixture.NOW, 7, csv), Progress.NONE);
            assertEquals(before, checksum(f), "a simulation writes nothing");
            assertEquals(21, report.accounts());
            assertEquals(1L, report.current().actions().get("SUSPEND"));
            assertTrue(report.accountsDiffering() > 0, report.toString());
            assertTrue(report.candidate().exposureChange().compareTo(report.current().exposureChange()) > 0, "bigger steps up add exposure");
            assertEquals(report.accountsDiffering() + 1, csv.toString().lines().count(), csv.toString());
            assertEquals(21, report.championChallenger().stream().mapToLong(PolicySimulationService.GroupTotals::accounts).sum());
        }
    }
}
