package dev.riskdesk.db;

import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import java.time.Clock;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several command-line processes share one database file (H2's AUTO_SERVER): in every round they
 * start together, work and exit, so one opens while another is becoming the server or closing it.
 * None may print a raw engine message or a stack trace, and each exits 0 or with one sentence.
 * {@code -Dcrash.sharedRounds=N} sets the rounds (default 3; the loop is 5).
 */
@Tag("crash")
class SharedFileProcessesTest {
    private static final int ROUNDS = Integer.getInteger("crash.sharedRounds", 3);
    private static final long DEADLINE_SECONDS = 120;
    /** The commands after the generation read as the demo risk operator (the appeal list and a simulation need a sign-in). */
    private static final DemoOperator RISK = OperatorService.DEMO_OPERATORS.get(1);
    private static final String[][] COMMANDS = {{"info"}, {"appeals", "list"}, {"policy", "simulate"}};
    private static final List<String> ENGINE_MESSAGES = List.of("Database may be already in use", "Connection refused", "EOFException",
            "Exception", "\tat ", "Connection is broken");
    /** An H2 error code as H2 appends it to its messages, e.g. [90020-252]. */
    private static final Pattern ENGINE_CODE = Pattern.compile("\\[\\d{5}-\\d+]");

    @TempDir
    Path dir;

    @Test
    void processesStartingWorkingAndClosingTogetherPrintNoEngineMessage() throws Exception {
        Path db = dir.resolve("shared");
        try (Database database = Database.open(DatabaseLocation.ofPath(db))) {
            Clock clock = Clock.systemUTC();
            new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock).createDemoOperatorsIfEmpty();
        }
        Process generate = start(db, dir.resolve("generate.txt"), OperatorService.DEMO_BATCH, "generate", "--customers", "40", "--months", "13", "--seed", "3");
        assertEquals(0, end(generate, dir.resolve("generate.txt")), () -> read(dir.resolve("generate.txt")));
        List<String> failures = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<Process> processes = new ArrayList<>();
            List<Path> outputs = new ArrayList<>();
            for (int i = 0; i < COMMANDS.length; i++) {
                Path out = dir.resolve("round-" + round + "-" + i + ".txt");
                outputs.add(out);
                processes.add(start(db, out, RISK, COMMANDS[i]));
            }
            for (int i = 0; i < processes.size(); i++) {
                int exit = end(processes.get(i), outputs.get(i));
                String output = read(outputs.get(i));
                String command = String.join(" ", COMMANDS[i]);
                for (String raw : ENGINE_MESSAGES) {
                    if (output.contains(raw)) {
                        failures.add("round " + round + ", " + command + " printed \"" + raw + "\":\n" + output);
                    }
                }
                if (ENGINE_CODE.matcher(output).find()) {
                    failures.add("round " + round + ", " + command + " printed an engine error code:\n" + output);
                }
                if (exit != 0 && !oneSentence(output)) {
                    failures.add("round " + round + ", " + command + " exited " + exit + " without one sentence:\n" + output);
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    /** A failure the operator can read: one line, "riskdesk: ..." (exit 1). */
    private static boolean oneSentence(String output) {
        List<String> lines = output.lines().filter(l -> !l.isBlank()).toList();
        return lines.size() == 1 && lines.get(0).startsWith("riskdesk: ");
    }

    private static int end(Process p, Path out) throws InterruptedException {
        if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("a process did not end within " + DEADLINE_SECONDS + " s:\n" + read(out));
        }
        return p.exitValue();
    }

    /** {@code riskdesk --db DB ARGS} in a child process, signed in as {@code operator} through RISKDESK_USER and RISKDESK_PASSWORD. */
    private static Process start(Path db, Path out, DemoOperator operator, String... args) throws IOException {
        // the test's classes in jars with an AppCDS archive (ChildJvm): the same processes, started quicker and so closer together
        List<String> command = new ArrayList<>(ChildJvm.launcher(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.language=en")));
        command.addAll(List.of("--db", db.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile());
        builder.environment().put("RISKDESK_USER", operator.username());
        builder.environment().put("RISKDESK_PASSWORD", operator.password());
        return builder.start();
    }

    private static String read(Path out) {
        try {
            return Files.readString(out);
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
