package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.scoring.SyntheticBooks;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scoring commands end to end on a real database: train, list, promote, score, explain, monitor. */
@Tag("db")
class ScoringCommandsTest {
    @TempDir
    Path dir;

    String[] run(String... args) {
        return CliRuns.run(dir.resolve("riskdesk"), args);
    }

    String[] asBatch(String... args) {
        return CliRuns.asBatch(dir.resolve("riskdesk"), args);
    }

    String[] asManager(String... args) {
        return CliRuns.asManager(dir.resolve("riskdesk"), args);
    }

    @Test
    void trainPromoteScoreExplainMonitor() {
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            SyntheticBooks.fill(db, 700, 20, 9);
        }
        String[] noChampion = asBatch("score", "--all");
        assertEquals("1", noChampion[0]);
        assertTrue(noChampion[2].contains("No scorecard has been promoted"), noChampion[2]);

        String[] train = asManager("model", "train");
        assertEquals("0", train[0], train[2]);
        assertTrue(train[1].contains("test (OOT)"), train[1]);
        Matcher ids = Pattern.compile("riskdesk model promote (\\d+) \\(and (\\d+) for thin files\\)").matcher(train[1]);
        assertTrue(ids.find(), train[1]);
        assertEquals("0", asManager("model", "promote", ids.group(1), "--reason", "first champion")[0]);
        assertEquals("0", asManager("model", "promote", ids.group(2), "--reason", "first champion")[0]);
        String[] list = run("model", "list");
        assertTrue(list[1].contains("CHAMPION") && list[1].contains("TREE_ENSEMBLE"), list[1]);

        String[] score = asBatch("score", "--all", "--chunk", "250");
        assertEquals("0", score[0], score[2]);
        assertTrue(score[1].matches("(?s)Job \\d+: scored [\\d,]+ accounts.*"), score[1]);
        assertTrue(score[1].matches("(?s).*Dashboard aggregates refreshed in [\\d.]+ s.*"), score[1]);
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            assertEquals(1, db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.DASH_REFRESH));
        }

        String number;
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            number = db.dsl().select(dev.riskdesk.db.schema.Tables.ACCOUNT.ACCOUNT_NO).from(dev.riskdesk.db.schema.Tables.ACCOUNT)
                    .where(dev.riskdesk.db.schema.Tables.ACCOUNT.ID.eq(5L)).fetchOne(dev.riskdesk.db.schema.Tables.ACCOUNT.ACCOUNT_NO);
        }
        String[] explain = asManager("score", "--account", number.toLowerCase(java.util.Locale.ROOT), "--lang", "zh"); // the number as the lists show it, any case
        assertEquals("0", explain[0], explain[2]);
        assertTrue(explain[1].contains("Sub-scores: credit"), explain[1]);
        assertTrue(explain[1].startsWith("Account 5 at "), explain[1]);
        String[] none = asManager("score", "--account", "CP999999999999");
        assertEquals("1", none[0]);
        assertEquals("riskdesk: There is no account CP999999999999.", none[2].strip());

        String[] monitor = asManager("model", "monitor");
        assertEquals("0", monitor[0], monitor[2]);
        assertTrue(monitor[1].contains("Score PSI"), monitor[1]);
        assertTrue(monitor[1].contains("UTIL_NOW"), monitor[1]);

        String[] fair = asManager("model", "train", "--exclude-protected", "--exclude", "occupation", "--observation-months", "3");
        assertEquals("0", fair[0], fair[2]);
        assertTrue(fair[1].contains("Left out of every model: AGE, GENDER, MARITAL_STATUS, OCCUPATION (GENDER, MARITAL_STATUS: not a model input"),
                fair[1]);
        assertTrue(fair[1].matches("(?s).*out-of-time AUC with -> without: scorecard 0\\.\\d{4} -> 0\\.\\d{4} \\([+-]0\\.\\d{4}\\).*"), fair[1]);
        Matcher characteristics = Pattern.compile("scorecard characteristics \\(\\d+\\): (.*)").matcher(fair[1]);
        assertTrue(characteristics.find(), fair[1]);
        assertFalse(characteristics.group(1).contains("AGE") || characteristics.group(1).contains("OCCUPATION"), characteristics.group(1));
        String[] listed = run("model", "list");
        // scorecard, forest, gradient-boosted model and thin-file scorecard
        assertTrue(listed[1].lines().filter(l -> l.contains("AGE,GENDER,MARITAL_STATUS,OCCUPATION")).count() == 4, listed[1]);
        assertTrue(listed[1].lines().filter(l -> l.contains("CHAMPION")).allMatch(l -> l.contains(" - ")), "the first models left nothing out");
    }
}
