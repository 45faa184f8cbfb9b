package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestPostgres;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Team mode from the command line, as the README tells it: the owner creates the schema and the first
 * administrator with admin init; then, logged in to the server as the application role, the administrator adds
 * a manager and a batch operator and generates a book, the manager trains and promotes the models, and the
 * batch operator scores every account and runs the policy.
 */
@Tag("db")
@Tag("pg")
class TeamModeCliTest {
    private static final String PASSWORD = "correct horse battery";

    @Test
    void adminInitThenGenerateTrainScoreAndPolicyRunOnPostgres() {
        TestPostgres server = TestPostgres.server();
        String name = server.teamDatabase();
        String owner = server.location(name, TestPostgres.OWNER).jdbcUrl();
        String app = server.location(name, TestPostgres.APP).jdbcUrl();

        String[] init = CliRuns.run(Map.of("RISKDESK_PASSWORD", PASSWORD), owner, "admin", "init", "--admin", "lin");
        assertEquals("0", init[0], init[2]);

        // the administrator adds a manager (models) and a batch service operator (scoring, policy runs): an
        // administrator's own role holds neither
        assertEquals("0", as(app, "lin", "operators", "add", "chen", "--role", "MANAGER")[0]);
        assertEquals("0", as(app, "lin", "operators", "add", "night", "--role", "BATCH")[0]);

        String[] generate = as(app, "lin", "generate", "--customers", "300", "--months", "20", "--seed", "5", "--as-of", "2026-12-01");
        assertEquals("0", generate[0], generate[2]);
        String[] train = as(app, "chen", "model", "train");
        assertEquals("0", train[0], train[2]);
        Matcher ids = Pattern.compile("riskdesk model promote (\\d+) \\(and (\\d+) for thin files\\)").matcher(train[1]);
        assertTrue(ids.find(), train[1]);
        assertEquals("0", as(app, "chen", "model", "promote", ids.group(1), "--reason", "first champion")[0]);
        assertEquals("0", as(app, "chen", "model", "promote", ids.group(2), "--reason", "first champion")[0]);
        String[] score = as(app, "night", "score", "--all");
        assertEquals("0", score[0], score[2]);
        String[] policy = as(app, "night", "policy", "run");
        assertEquals("0", policy[0], policy[2]);

        String[] info = CliRuns.run(Map.of(), app, "info");
        assertEquals("0", info[0], info[2]);
        assertTrue(info[1].contains("jdbc:postgresql://127.0.0.1:") && info[1].contains("?user=" + TestPostgres.APP), info[1]);
        try (Database db = Database.open(server.location(name, TestPostgres.APP))) {
            assertEquals(300, db.dsl().fetchCount(CUSTOMER));
            int accounts = db.dsl().fetchCount(ACCOUNT);
            assertTrue(accounts >= 300, "accounts: " + accounts);
            assertEquals(accounts, db.dsl().fetchCount(db.dsl().selectDistinct(SCORE.ACCOUNT_ID).from(SCORE)), "every account scored");
        }
    }

    /** The command as {@code user}; every operator of this test has the same password, also for those it adds. */
    private static String[] as(String db, String user, String... args) {
        return CliRuns.run(Map.of("RISKDESK_USER", user, "RISKDESK_PASSWORD", PASSWORD, "RISKDESK_NEW_PASSWORD", PASSWORD), db, args);
    }
}
