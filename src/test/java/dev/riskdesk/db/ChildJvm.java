package dev.riskdesk.db;

import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The start of a test's child JVM ({@code java OPTIONS -cp CLASSPATH MAIN}) with the test's own classes, quicker than
 * from the test's class path as it is: its class folders (target/classes, target/test-classes) are packed once into jars
 * beside them (so the product finds its data folder as it does from the folders), because loading a few thousand
 * classes file by file costs a child about 1.5 s of CPU, and the classes a child loads are mapped from an AppCDS archive
 * made once per test JVM by a short training run (a small generated book), which saves about another second. The child
 * runs the same classes; only its start is quicker. The crash harness (some forty children) and the processes sharing
 * one file use it.
 */
public final class ChildJvm {
    private static final String LAUNCHER = "dev.riskdesk.app.Launcher";
    private static String classPath;
    /** The JVM option that maps the archive; empty when the training run failed (the child then starts as before). */
    private static List<String> archive;

    private ChildJvm() {
    }

    /** The command up to the main class; the main class's arguments follow. */
    public static synchronized List<String> command(List<String> options, String mainClass) {
        if (classPath == null) {
            prepare();
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.addAll(archive);
        command.addAll(List.of("-cp", classPath, mainClass));
        return command;
    }

    /** {@code riskdesk} (the Launcher) with {@code options}. */
    public static List<String> launcher(List<String> options) {
        return command(options, LAUNCHER);
    }

    private static void prepare() {
        try {
            Path dir = Files.createTempDirectory("riskdesk-child-jvm");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
            List<String> entries = new ArrayList<>();
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path path = Path.of(entry).toAbsolutePath();
                if (Files.isDirectory(path)) {
                    // beside the folder, as target/riskdesk.jar is beside target/classes: the product finds its data/ folder from there
                    Path jar = path.resolveSibling(path.getFileName() + "-child-" + ProcessHandle.current().pid() + ".jar");
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> jar.toFile().delete()));
                    entries.add(jar(path, jar).toString());
                } else {
                    entries.add(entry);
                }
            }
            classPath = String.join(File.pathSeparator, entries);
            archive = train(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Generates a small book in a child that writes the classes it loaded into an archive when it exits; the option that
     * maps it, or none when the run failed.
     */
    private static List<String> train(Path dir) throws IOException {
        Path book = dir.resolve("training-book");
        try (Database database = Database.open(DatabaseLocation.ofPath(book))) {
            Clock clock = Clock.systemUTC();
            new OperatorService(database, new PasswordHasher(4), new AuditLog(clock), clock).createDemoOperatorsIfEmpty();
        }
        Path jsa = dir.resolve("classes.jsa");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-XX:ArchiveClassesAtExit=" + jsa, "-Duser.language=en", "-cp", classPath, LAUNCHER,
                "--db", book.toString(), "generate", "--customers", "30", "--months", "20", "--seed", "1"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("training.txt").toFile());
        builder.environment().put("RISKDESK_USER", OperatorService.DEMO_BATCH.username());
        builder.environment().put("RISKDESK_PASSWORD", OperatorService.DEMO_BATCH.password());
        Process p = builder.start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return List.of();
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            return List.of();
        }
        // an archive the JVM cannot map is left unused without a word in the child's output, which tests read
        return p.exitValue() == 0 && Files.isRegularFile(jsa) ? List.of("-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off", "-Xlog:class+path*=off")
                : List.of();
    }

    /** The folder {@code classes} as a jar (with its folder entries, which class path scans such as Flyway's look for). */
    private static Path jar(Path classes, Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file); Stream<Path> walk = Files.walk(classes)) {
            zip.setLevel(Deflater.BEST_SPEED);
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                if (p.equals(classes)) {
                    continue;
                }
                String name = classes.relativize(p).toString().replace(File.separatorChar, '/');
                if (Files.isDirectory(p)) {
                    zip.putNextEntry(new ZipEntry(name + "/"));
                } else {
                    zip.putNextEntry(new ZipEntry(name));
                    Files.copy(p, zip);
                }
                zip.closeEntry();
            }
        }
        return jar;
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind
        }
    }
}
