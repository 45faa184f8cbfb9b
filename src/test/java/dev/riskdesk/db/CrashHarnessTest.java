package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import dev.riskdesk.security.Role;
import java.time.Clock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the product's batch jobs ({@code generate}, {@code policy run}, {@code score --all}, {@code import} of a
 * first load and of a delta, {@code lifecycle run} with its retention run) with SIGKILL at points
 * drawn from a seed, some timed just after a commit, then reopens the file, runs the job again
 * and compares with a run that was never killed: the same rows in every table, no job left
 * RUNNING, and every re-run and reopen within a deadline.
 *
 * <p>{@code -Dcrash.kills=N} kills per job kind (default 2, to fit CI on two cores),
 * {@code -Dcrash.seed=S} the seed, {@code -Dcrash.deadlineSeconds=D} each re-run's deadline.
 */
@Tag("crash")
class CrashHarnessTest {
    private static final int KILLS = Integer.getInteger("crash.kills", 2);
    private static final long SEED = Long.getLong("crash.seed", 29);
    private static final long DEADLINE_SECONDS = Long.getLong("crash.deadlineSeconds", 120);
    private static final String[] GENERATE = {"generate", "--customers", "150", "--months", "12", "--seed", "5"};
    private static final String[] POLICY_RUN = {"policy", "run", "--chunk", "10", "--no-dashboard"};
    /** Scoring needs a champion, and training needs 19 months of history. */
    private static final String[] GENERATE_FOR_SCORING = {"generate", "--customers", "150", "--months", "20", "--seed", "5"};
    private static final String[] SCORE_ALL = {"score", "--all", "--chunk", "10", "--readers", "1", "--no-dashboard"};
    private static final Pattern PROMOTE = Pattern.compile("riskdesk model promote (\\d+)");
    private static final String[] SMALL_BOOK = {"generate", "--customers", "120", "--months", "12", "--seed", "5", "--as-of", "2026-11-01"};
    /** Lifecycle: a run ten years on finds the lines unused since, cancels those noticed before and erases the customers cancelled then. */
    private static final String[] LIFECYCLE_RUN = {"lifecycle", "run", "--as-of", "2037-01-01", "--chunk", "10"};

    @TempDir
    static Path dir;
    private static ExecutorService checks;

    @BeforeAll
    static void startChecks() {
        checks = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "crash-check");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopChecks() {
        checks.shutdownNow();
    }

    @Test
    void killedGenerateLeavesABookThatTheNextGenerateFinishes() throws Exception {
        Path empty = dir.resolve("gen-empty");
        Path reference = copy(empty, "gen-ref");
        long millis = runToEnd(reference, GENERATE);
        Map<String, Long> expected = withNoMarkers(rows(reference));
        harness("generate", "GENERATE", empty, 0, millis, expected, GENERATE);
    }

    @Test
    void killedPolicyRunLeavesWholeChunksAndTheNextRunFinishes() throws Exception {
        Path book = dir.resolve("policy-book");
        runToEnd(book, GENERATE);
        Path reference = copy(book, "policy-ref");
        long millis = runToEnd(reference, POLICY_RUN);
        Map<String, Long> expected = withNoMarkers(rows(reference));
        long lifecycles = completed(book, "LIFECYCLE");
        long retentions = completed(book, "RETENTION");
        harness("policy run", book, millis, expected, CrashHarnessTest::rows, db -> {
            if (completed(db, "POLICY_RUN") == 0) {
                runToEnd(db, POLICY_RUN);
            } else if (completed(db, "LIFECYCLE") == lifecycles || completed(db, "RETENTION") == retentions) {
                // killed after the policy run's own job completed, in the lifecycle or retention run that follows it
                runToEnd(db, "lifecycle", "run");
            }
        }, POLICY_RUN);
    }

    /**
     * A first load of an exported book into an empty database commits in short transactions; killed at any
     * moment, the next import removes what it wrote and loads the book whole.
     */
    @Test
    void killedFirstImportLeavesNothingAndTheNextImportLoadsTheWholeBook() throws Exception {
        Path folder = exportedBook("first-import");
        String[] args = {"import", "--dir", folder.toString(), "--no-evaluate", "--rejects", dir.resolve("rejects-first.csv").toString()};
        Path empty = dir.resolve("import-empty");
        Path reference = copy(empty, "import-ref");
        long millis = runToEnd(reference, args);
        harness("first import", "IMPORT", empty, 0, millis, withNoMarkers(rows(reference)), args);
    }

    /**
     * A delta into a book is one transaction; killed at any moment, the book is as before it, and the next
     * import of the same files gives the book a delta never killed gives.
     */
    @Test
    void killedDeltaImportLeavesTheBookAsBeforeAndTheNextImportFinishesIt() throws Exception {
        Path folder = exportedBook("delta-import");
        Path withoutEvents = dir.resolve("delta-import-first");
        Files.createDirectories(withoutEvents);
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (!name.equals("transactions.csv") && !name.equals("logins.csv")) {
                    Files.copy(f, withoutEvents.resolve(name));
                }
            }
        }
        Path book = dir.resolve("delta-book");
        runToEnd(book, "import", "--dir", withoutEvents.toString(), "--no-evaluate", "--rejects", dir.resolve("rejects-book.csv").toString());
        String[] args = {"import", "--dir", folder.toString(), "--no-evaluate", "--rejects", dir.resolve("rejects-delta.csv").toString()};
        Path reference = copy(book, "delta-ref");
        long millis = runToEnd(reference, args);
        harness("delta import", "IMPORT", book, 1, millis, withNoMarkers(rows(reference)), args);
    }

    /** A small generated book ({@link #SMALL_BOOK}), generated once for the tests that start from it: copy it before changing it. */
    private static Path smallBook() throws Exception {
        Path book = dir.resolve("small-book");
        if (!Files.exists(book.resolveSibling("small-book.mv.db"))) {
            runToEnd(book, SMALL_BOOK);
        }
        return book;
    }

    /** A small generated book exported by {@code riskdesk export} into a folder of book files. */
    private static Path exportedBook(String name) throws Exception {
        Path db = copy(smallBook(), name + "-source");
        Path folder = dir.resolve(name + "-files");
        runToEnd(db, "export", "--dir", folder.toString());
        return folder;
    }

    @Test
    void killedScoringRunLeavesWholeChunksAndTheNextRunFinishes() throws Exception {
        Path book = dir.resolve("score-book");
        runToEnd(book, GENERATE_FOR_SCORING);
        Matcher trained = PROMOTE.matcher(read(runToEndOutput(book, "model", "train", "--max-rows", "5000")));
        assertTrue(trained.find(), "model train names the scorecard to promote");
        runToEnd(book, "model", "promote", trained.group(1), "--reason", "first champion");
        Path reference = copy(book, "score-ref");
        long millis = runToEnd(reference, SCORE_ALL);
        Map<String, Long> expected = withNoMarkers(rows(reference));
        harness("score --all", "SCORE", book, 0, millis, expected, SCORE_ALL);
    }

    // lifecycle: the lifecycle run and the retention run after it
    /**
     * {@code lifecycle run} and the retention run it starts, killed at any moment: the book's dormant lines were found on
     * its date (2026-11-01) and cancelled after their grace (2026-12-01); the killed run, as of 2037-01-01, finds the lines
     * unused since, in chunks of ten accounts, and then erases the personal data of the customers cancelled in 2026, one
     * customer per transaction. The next run resumes both (the retention run completes last, so its jobs are counted) and
     * ends with the cases per stage, accounts per status, erasures per kind and notices per kind of a run never killed.
     */
    @Test
    void killedLifecycleRunWithItsRetentionRunResumesToTheSameCasesAndErasures() throws Exception {
        Path book = copy(smallBook(), "lifecycle-book");
        inThisProcess(book, "lifecycle", "run");
        inThisProcess(book, "lifecycle", "run", "--as-of", "2026-12-01");
        Path reference = copy(book, "lifecycle-ref");
        long millis = runToEnd(reference, LIFECYCLE_RUN);
        Map<String, Long> expected = withNoMarkers(lifecycleRows(reference));
        assertTrue(expected.getOrDefault("PERSONAL_DATA_ERASURE IDENTITY", 0L) > 0 && expected.getOrDefault("LIFECYCLE_CASE CANCELLED", 0L) > 0,
                () -> "the run has lines to cancel and customers to erase: " + expected);
        harness("lifecycle run", "RETENTION", book, 2, millis, expected, CrashHarnessTest::lifecycleRows, LIFECYCLE_RUN);
    }

    /** {@link #rows} and, per value, the lifecycle's cases by stage, accounts by status, erasures and notices by kind, erased names. */
    private static Map<String, Long> lifecycleRows(Path db) throws Exception {
        Map<String, Long> rows = rows(db);
        try (Database database = Database.open(DatabaseLocation.ofPath(db)); Connection c = database.connection(); Statement s = c.createStatement()) {
            for (String grouped : List.of("LIFECYCLE_CASE.STAGE", "ACCOUNT.STATUS", "PERSONAL_DATA_ERASURE.DATA_KIND", "CUSTOMER_NOTICE.KIND")) {
                String table = grouped.substring(0, grouped.indexOf('.'));
                String column = grouped.substring(grouped.indexOf('.') + 1);
                try (ResultSet r = s.executeQuery("SELECT " + column + ", COUNT(*) FROM " + table + " GROUP BY " + column)) {
                    while (r.next()) {
                        rows.put(table + " " + r.getString(1), r.getLong(2));
                    }
                }
            }
            try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM CUSTOMER WHERE FULL_NAME IS NULL")) {
                r.next();
                rows.put("CUSTOMER erased", r.getLong(1));
            }
        }
        return rows;
    }

    /** Runs {@code riskdesk --db DB ARGS} in the test's own process as the batch operator: a set-up step, quicker than a new process. */
    private static void inThisProcess(Path db, String... args) {
        java.io.StringWriter out = new java.io.StringWriter();
        List<String> all = new ArrayList<>(List.of("--db", db.toString()));
        all.addAll(List.of(args));
        int exit = dev.riskdesk.app.cli.RiskDeskCli.run(new java.io.PrintWriter(out), new java.io.PrintWriter(out),
                Map.of("RISKDESK_USER", OperatorService.DEMO_BATCH.username(), "RISKDESK_PASSWORD", OperatorService.DEMO_BATCH.password()),
                all.toArray(String[]::new));
        assertEquals(0, exit, () -> String.join(" ", args) + " failed:\n" + out);
    }

    /** The rows of a database after a job, to compare with a job never killed. */
    private interface Rows {
        Map<String, Long> of(Path db) throws Exception;
    }

    /** What runs after a kill to finish the job: nothing when it had completed. */
    private interface Resume {
        void after(Path db) throws Exception;
    }

    private void harness(String job, String kind, Path start, long completedBefore, long referenceMillis, Map<String, Long> expected,
            String... args) throws Exception {
        harness(job, kind, start, completedBefore, referenceMillis, expected, CrashHarnessTest::rows, args);
    }

    /**
     * Kills the job as {@link #harness(String, Path, long, Map, Rows, Resume, String...)} does and re-runs it when its job of
     * {@code kind} had not yet completed (a run after a completed one is a second run, not a resume). {@code completedBefore}:
     * the jobs of this kind {@code start} already holds completed.
     */
    private void harness(String job, String kind, Path start, long completedBefore, long referenceMillis, Map<String, Long> expected,
            Rows counted, String... args) throws Exception {
        harness(job, start, referenceMillis, expected, counted, db -> {
            if (completed(db, kind) <= completedBefore) {
                runToEnd(db, args);
            }
        }, args);
    }

    /**
     * Kills the job KILLS times from copies of {@code start}, lets {@code resume} finish each, and compares with
     * {@code expected}.
     */
    private void harness(String job, Path start, long referenceMillis, Map<String, Long> expected, Rows counted, Resume resume,
            String... args) throws Exception {
        Random random = new Random(SEED ^ job.hashCode());
        int kills = 0;
        int survived = 0;
        int unclean = 0;
        List<String> mismatches = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < KILLS; i++) {
            Path db = copy(start, "kill-" + job.replace(' ', '-') + "-" + i);
            boolean afterOutput = i % 2 == 1;
            long delay = afterOutput ? random.nextInt(1000) : 1500 + (long) (random.nextDouble() * referenceMillis);
            kills += killAfter(db, delay, afterOutput, args) ? 1 : 0;
            unclean += markersLeft(db) > 0 ? 1 : 0;
            resume.after(db);
            Map<String, Long> actual = counted.of(db);
            actual.put("open-markers left", markersLeft(db));
            if (actual.equals(expected)) {
                survived++;
            } else {
                mismatches.add("kill " + i + " (" + (afterOutput ? "after output + " : "after ") + delay + " ms): " + diff(expected, actual));
            }
        }
        System.out.printf("crash harness %s: kills %d (file left open: %d), survived %d, mismatches %d, %d s (seed %d)%n", job, kills, unclean, survived,
                mismatches.size(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), SEED);
        assertEquals(List.of(), mismatches, job + " after a kill differs from a run never killed");
    }

    /**
     * Starts the job and SIGKILLs it {@code delay} ms after start, or after its first output line
     * (a progress line follows a commit); returns whether it was still running when killed.
     */
    private static boolean killAfter(Path db, long delay, boolean afterOutput, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = start(db, out, args);
        if (afterOutput) {
            while (p.isAlive() && Files.size(out) == 0) {
                Thread.sleep(20);
            }
        }
        boolean exited = p.waitFor(delay, TimeUnit.MILLISECONDS);
        p.destroyForcibly(); // SIGKILL on Linux and macOS
        p.waitFor(30, TimeUnit.SECONDS);
        return !exited;
    }

    /** Runs the job on {@code db} to its end within the deadline; returns its wall time in ms. */
    private static long runToEnd(Path db, String... args) throws Exception {
        long started = System.nanoTime();
        runToEndOutput(db, args);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    /** Runs the job on {@code db} to its end within the deadline; returns the file holding its output. */
    private static Path runToEndOutput(Path db, String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Process p = start(db, out, args);
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", args) + " on " + db + " did not end within " + DEADLINE_SECONDS + " s:\n" + Files.readString(out));
        }
        assertEquals(0, p.exitValue(), () -> String.join(" ", args) + " failed:\n" + read(out));
        return out;
    }

    /**
     * Starts {@code riskdesk --db DB ARGS} in a child process as a demo operator allowed to run it (RISKDESK_USER and
     * RISKDESK_PASSWORD, as a scheduled job signs in); a database not yet made is first made with the demo operators.
     */
    private static Process start(Path db, Path out, String... args) throws IOException {
        withDemoOperators(db);
        // the test's classes in jars with an AppCDS archive (ChildJvm): the same child, started quicker
        List<String> command = new ArrayList<>(ChildJvm.launcher(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.language=en")));
        command.addAll(List.of("--db", db.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        DemoOperator operator = operatorFor(args[0]);
        builder.environment().put("RISKDESK_USER", operator.username());
        builder.environment().put("RISKDESK_PASSWORD", operator.password());
        return builder.start();
    }

    /** The batch service operator runs the jobs; the demo manager trains and promotes models and exports the book, which batch may not. */
    private static DemoOperator operatorFor(String command) {
        if (!"model".equals(command) && !"export".equals(command)) {
            return OperatorService.DEMO_BATCH;
        }
        return OperatorService.DEMO_OPERATORS.stream().filter(d -> d.role() == Role.MANAGER).findFirst().orElseThrow();
    }

    /** Makes the database with the demo operators (the batch operator among them) when its file does not exist yet. */
    private static void withDemoOperators(Path db) {
        if (Files.exists(db.resolveSibling(db.getFileName() + ".mv.db"))) {
            return;
        }
        try (Database database = Database.open(DatabaseLocation.ofPath(db))) {
            Clock clock = Clock.systemUTC();
            new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock).createDemoOperatorsIfEmpty();
        }
    }

    /**
     * Rows per table (no job left RUNNING, or it counts as a mismatch), read through {@link Database#open}
     * so the recovery after an unclean shutdown runs, within the deadline.
     */
    private static Map<String, Long> rows(Path db) throws Exception {
        Future<Map<String, Long>> counted = checks.submit(() -> {
            try (Database database = Database.open(DatabaseLocation.ofPath(db)); Connection c = database.connection();
                    Statement s = c.createStatement()) {
                List<String> tables = new ArrayList<>();
                try (ResultSet r = s.executeQuery("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
                        + " AND TABLE_NAME NOT IN ('AUDIT_EVENT', 'BATCH_JOB', 'flyway_schema_history')")) {
                    while (r.next()) {
                        tables.add(r.getString(1));
                    }
                }
                Map<String, Long> rows = new TreeMap<>();
                for (String table : tables) {
                    try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM \"" + table + "\"")) {
                        r.next();
                        rows.put(table, r.getLong(1));
                    }
                }
                try (ResultSet r = s.executeQuery("SELECT COUNT(*) FROM BATCH_JOB WHERE STATUS = 'RUNNING'")) {
                    r.next();
                    rows.put("jobs RUNNING", r.getLong(1));
                }
                return rows;
            }
        });
        try {
            return counted.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            counted.cancel(true);
            throw new AssertionError("reopening " + db + " did not end within " + DEADLINE_SECONDS + " s", e);
        }
    }

    /** How many jobs of this kind completed (one did before the kill?), read through {@link Database#open} (recovery included). */
    private static long completed(Path db, String kind) throws Exception {
        Future<Long> done = checks.submit(() -> {
            try (Database database = Database.open(DatabaseLocation.ofPath(db)); Connection c = database.connection();
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM BATCH_JOB WHERE KIND = '" + kind + "' AND STATUS = 'COMPLETED'")) {
                r.next();
                return r.getLong(1);
            }
        });
        try {
            return done.get(DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            throw new AssertionError("reopening " + db + " did not end within " + DEADLINE_SECONDS + " s", e);
        }
    }

    private static Map<String, Long> withNoMarkers(Map<String, Long> rows) {
        rows.put("open-markers left", 0L);
        return rows;
    }

    /** Open-markers still beside the file once every process closed it: a clean close and a recovery remove theirs. */
    private static long markersLeft(Path db) throws IOException {
        try (var files = Files.list(db.getParent())) {
            return files.filter(f -> f.getFileName().toString().startsWith(db.getFileName() + ".open.")).count();
        }
    }

    private static String diff(Map<String, Long> expected, Map<String, Long> actual) {
        StringBuilder b = new StringBuilder();
        for (String table : new java.util.TreeSet<>(expected.keySet())) {
            if (!expected.get(table).equals(actual.get(table))) {
                b.append(table).append(' ').append(actual.get(table)).append(" (expected ").append(expected.get(table)).append("); ");
            }
        }
        return b.toString();
    }

    /** A copy of the database {@code from} (an empty folder when it does not exist yet) under a new name. */
    private static Path copy(Path from, String name) throws IOException {
        withDemoOperators(from);
        Path to = dir.resolve(name);
        Path file = from.resolveSibling(from.getFileName() + ".mv.db");
        if (Files.exists(file)) {
            Files.copy(file, to.resolveSibling(name + ".mv.db"), StandardCopyOption.REPLACE_EXISTING);
            // the file opens only with its key file beside it (H2KeyFile)
            Files.copy(from.resolveSibling(from.getFileName() + ".key"), to.resolveSibling(name + ".key"), StandardCopyOption.REPLACE_EXISTING);
        }
        return to;
    }

    private static String read(Path out) {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
