package dev.riskdesk.app.cli;

import dev.riskdesk.app.Launcher;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench start}: the console as an operator starts it. Launches the real jar on the database in
 * --db under an X display with a window manager, and measures (a) launch to the login window on
 * screen and (b) the Enter of a sign-in to the main window on screen (xdotool sees the windows, no
 * hook in the product). One warm-up start first (the file cache is warm for the measured ones).
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Measure launch to login window and sign-in to first screen of the real console (needs Xvfb, openbox, xdotool).")
final class BenchStartCommand implements Callable<Integer> {
    private static final String TITLE = "RiskDesk";
    /** The login window is 540 × 660, the opening and first-start progress windows are far smaller, the main window far wider. */
    private static final int LOGIN_MIN_HEIGHT = 500;
    private static final int MAIN_MIN_WIDTH = 900;
    private static final long TIMEOUT_MS = 120_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "5", description = "Measured starts (default ${DEFAULT-VALUE}), after one warm-up start.")
    int runs;

    @Option(names = "--display", defaultValue = ":93", description = "X display; an Xvfb with openbox is started there when none runs (default ${DEFAULT-VALUE}).")
    String display;

    @Option(names = "--jar", description = "The console's jar (default: the riskdesk.jar beside this bench jar).")
    Path jar;

    @Option(names = "--java-option", description = "An option for the console's java (repeatable), e.g. -XX:SharedArchiveFile=target/riskdesk.jsa.")
    List<String> javaOptions = new ArrayList<>();

    @Option(names = "--operator", defaultValue = "agent", description = "Who signs in (default ${DEFAULT-VALUE}).")
    String user;

    @Option(names = "--operator-password", defaultValue = "agent123", description = "The password (default ${DEFAULT-VALUE}).")
    String password;

    /** One start: seconds from launch to login window, and from the sign-in's Enter to the main window. */
    record Start(double login, double firstScreen) {
    }

    @Override
    public Integer call() throws Exception {
        RiskDeskCli root = (RiskDeskCli) spec.root().userObject();
        if (root.db == null) {
            throw new ParameterException(spec.commandLine(), "--db is required: the demo database the console opens (make one with 'riskdesk --db DB demo')");
        }
        Path consoleJar = jar != null ? jar : Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        PrintWriter out = spec.commandLine().getOut();
        Path logs = Files.createTempDirectory("riskdesk-bench-start");
        List<Start> starts = new ArrayList<>();
        try (XDisplay x = XDisplay.open(display)) {
            out.printf("Console start on %s, %s, java options %s; load average %s%n", root.db, consoleJar, javaOptions, loadAverage());
            for (int i = 0; i <= runs; i++) {
                Start start = once(x, consoleJar, root.db, logs);
                out.printf("%s: login window %.2f s, sign-in to main window %.2f s%n", i == 0 ? "warm-up" : "run " + i, start.login(), start.firstScreen());
                out.flush();
                if (i > 0) {
                    starts.add(start);
                }
            }
        }
        out.printf("launch to login window:      median %.2f s (%.2f-%.2f s) of %d%n", median(starts, Start::login),
                min(starts, Start::login), max(starts, Start::login), starts.size());
        out.printf("sign-in to first screen:     median %.2f s (%.2f-%.2f s) of %d%n", median(starts, Start::firstScreen),
                min(starts, Start::firstScreen), max(starts, Start::firstScreen), starts.size());
        out.printf("load average after: %s; console logs in %s%n", loadAverage(), logs);
        return 0;
    }

    private Start once(XDisplay x, Path consoleJar, String db, Path logs) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-Driskdesk.logDir=" + logs, "-jar", consoleJar.toString(), "--db", db));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve("console.out").toFile()));
        builder.environment().put("DISPLAY", x.name());
        long launched = System.nanoTime();
        Process console = builder.start();
        try {
            XDisplay.Window login = await(x, console, 0, LOGIN_MIN_HEIGHT, "the login window");
            double toLogin = (System.nanoTime() - launched) / 1e9;
            Thread.sleep(300); // an operator's glance before typing
            x.type(login, user);
            x.key("Tab");
            x.type(login, password);
            long entered = System.nanoTime();
            x.key("Return");
            XDisplay.Window main = await(x, console, MAIN_MIN_WIDTH, 0, "the main window");
            Start start = new Start(toLogin, (System.nanoTime() - entered) / 1e9);
            Thread.sleep(2000); // the first screen's figures load, as an operator would see them
            x.close(main); // as an operator closes it: the database closes cleanly (a killed console means a recovery at the next start)
            if (!console.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The console did not end within 60 s of its window being closed");
            }
            return start;
        } finally {
            if (console.isAlive()) {
                console.destroy(); // leaves the database to be recovered at the next start
                console.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    private static XDisplay.Window await(XDisplay x, Process console, int minWidth, int minHeight, String what)
            throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            Optional<XDisplay.Window> window = x.window(TITLE, minWidth, minHeight);
            if (window.isPresent()) {
                return window.get();
            }
            if (!console.isAlive()) {
                throw new IllegalStateException("The console ended (exit " + console.exitValue() + ") before " + what + " showed");
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("No " + what + " after " + TIMEOUT_MS / 1000 + " s; windows titled " + TITLE + ": " + x.windows(TITLE));
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static double median(List<Start> starts, java.util.function.ToDoubleFunction<Start> of) {
        double[] values = starts.stream().mapToDouble(of).sorted().toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    private static double min(List<Start> starts, java.util.function.ToDoubleFunction<Start> of) {
        return starts.stream().mapToDouble(of).min().orElse(Double.NaN);
    }

    private static double max(List<Start> starts, java.util.function.ToDoubleFunction<Start> of) {
        return starts.stream().mapToDouble(of).max().orElse(Double.NaN);
    }
}
