package dev.riskdesk.db;

import dev.riskdesk.common.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database file back to its last committed state after a process that had it open
 * died without closing it (decision 0011).
 *
 * <p>H2's MVStore writes its maps one by one, and its background writer stores whenever it
 * likes, also in the middle of a transaction; a file left by {@code kill -9} can therefore hold
 * rows of a transaction whose undo log never reached the disk. Such rows look half committed and
 * stay locked by a transaction that no longer exists, and H2 spins on them. Every process that
 * opens the file leaves a marker beside it ({@code <name>.open.<pid>.<n>}, holding the process's
 * start time) and removes it on close. A marker whose process is gone means an unclean shutdown:
 * before the pool opens, the file's committed state is rewritten through SQL (from a copy that is
 * never stored into) into a fresh file that replaces it.
 */
final class CrashRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(CrashRecovery.class);
    private static final String MARKER = ".open.";
    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** Recovery's own connections leave no trace file. */
    private static final String QUIET = ";TRACE_LEVEL_FILE=0";

    private CrashRecovery() {
    }

    /**
     * Recovers the file when a process that had it open died, unless a live process still has
     * it open (then it is that process's file to share, and it recovered it when it opened).
     * Returns whether a recovery ran.
     */
    static boolean recoverIfUnclean(DatabaseLocation location) {
        List<Path> stale = new ArrayList<>();
        for (Path marker : markers(location)) {
            if (ownerAlive(marker)) {
                return false;
            }
            stale.add(marker);
        }
        if (stale.isEmpty()) {
            return false;
        }
        if (Files.exists(location.dataFile()) && !compact(location)) {
            return false;
        }
        for (Path marker : stale) {
            deleteQuietly(marker);
        }
        return true;
    }

    /**
     * Writes the file's last committed state out with {@code SCRIPT} and reads it into a fresh file
     * with {@code RUNSCRIPT}, which replaces the killed file in one move. The script is taken from a
     * copy of the killed file, opened as H2 opens any file after a kill (rolling back what never
     * committed), and that session ends with {@code SHUTDOWN IMMEDIATELY}, which stores nothing:
     * H2 2.5 storing into a store it opened after a kill can overwrite a chunk that store still uses,
     * and the file is then refused by the next open ("File corrupted in chunk N, expected page length
     * 4..384"; decision 0011). A read-only open is no way round it: after a kill during H2's close it
     * showed every table empty. False when another process holds the file meanwhile. Killed
     * part-way, it leaves the old file untouched and its stale marker: the next open starts over.
     */
    private static boolean compact(DatabaseLocation location) {
        long started = System.nanoTime();
        Path file = location.file();
        Path copy = file.resolveSibling(file.getFileName() + ".recovering");
        Path copyData = copy.resolveSibling(copy.getFileName() + DatabaseLocation.H2_SUFFIX);
        Path fresh = file.resolveSibling(file.getFileName() + ".recovered");
        Path freshData = fresh.resolveSibling(fresh.getFileName() + DatabaseLocation.H2_SUFFIX);
        Path script = file.resolveSibling(file.getFileName() + ".recovery.sql.gz");
        try {
            Files.deleteIfExists(freshData);
            Files.deleteIfExists(script);
            if (!copyLocked(location, copyData)) {
                return false;
            }
            scriptWithoutStoring(location, copy, script);
            PrivateFiles.restrict(script);
            // the fresh file gets the key file's secret (the script's CREATE USER IF NOT EXISTS leaves the connecting user as it is)
            try (Connection c = DriverManager.getConnection(H2Credentials.fileUrl(fresh, location) + QUIET, H2Credentials.USER,
                    H2Credentials.password(location));
                    Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM " + quoted(script) + " COMPRESSION GZIP");
                s.execute("SHUTDOWN");
            }
            PrivateFiles.restrict(freshData);
            Files.move(freshData, location.dataFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(script);
            Files.deleteIfExists(copyData);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot recover " + location.describe() + ": " + Database.rootMessage(e), e);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot recover " + location.describe() + ": " + e.getMessage(), e);
        }
        LOG.warn("{} was not closed cleanly; recovered its last committed state in {} ms", location.describe(),
                (System.nanoTime() - started) / 1_000_000);
        return true;
    }

    /** SCRIPT from the copy, then SHUTDOWN IMMEDIATELY: H2 closes it without storing anything. */
    private static void scriptWithoutStoring(DatabaseLocation location, Path copy, Path script) throws SQLException {
        Connection c = H2Credentials.connect(H2Credentials.fileUrl(copy, location) + QUIET, location).connection();
        try (Statement s = c.createStatement()) {
            s.execute("SCRIPT TO " + quoted(script) + " COMPRESSION GZIP");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        try (Statement s = c.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException closedUnderIt) {
            // the shutdown ends this very connection; nothing was stored, which is the point
        }
        try {
            c.close();
        } catch (SQLException alreadyClosed) {
            // closed by the shutdown
        }
    }

    /**
     * Copies the killed file while holding H2's own lock on it (an exclusive file lock, as H2 takes
     * on open), so no other process opens it meanwhile; false when another process holds it.
     */
    private static boolean copyLocked(DatabaseLocation location, Path copyData) throws IOException {
        try (FileChannel channel = FileChannel.open(location.dataFile(), StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock()) {
            if (lock == null) {
                LOG.info("{} was not closed cleanly, but another process has it open now", location.describe());
                return false;
            }
            Files.deleteIfExists(copyData);
            PrivateFiles.createFile(copyData);
            try (FileChannel out = FileChannel.open(copyData, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                long size = channel.size();
                for (long done = 0; done < size; ) {
                    done += channel.transferTo(done, size - done, out);
                }
            }
            return true;
        } catch (OverlappingFileLockException e) {
            return false; // this process holds it: it is open here, not dead
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "''") + "'";
    }

    /** Whether a live process, this one included, has the file open (its open-marker is there). */
    static boolean openElsewhere(DatabaseLocation location) {
        return markers(location).stream().anyMatch(CrashRecovery::ownerAlive);
    }

    /** Leaves this process's marker beside the file; delete it on a clean close. */
    static Path markOpen(DatabaseLocation location) {
        ProcessHandle self = ProcessHandle.current();
        Path marker = location.file().resolveSibling(location.file().getFileName() + MARKER + self.pid() + "." + SEQUENCE.incrementAndGet());
        String started = self.info().startInstant().map(Instant::toString).orElse("");
        try {
            PrivateFiles.createFile(marker);
            Files.writeString(marker, started, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + marker, e);
        }
        return marker;
    }

    static void deleteQuietly(Path marker) {
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            LOG.warn("Cannot delete {}: {}", marker, e.getMessage());
        }
    }

    private static List<Path> markers(DatabaseLocation location) {
        List<Path> found = new ArrayList<>();
        Path folder = location.file().getParent();
        if (!Files.isDirectory(folder)) {
            return found;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder, location.file().getFileName() + MARKER + "*")) {
            stream.forEach(found::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + folder, e);
        }
        return found;
    }

    /** Whether the process that wrote this marker still runs (same pid and same start time, so a reused pid does not count). */
    static boolean ownerAlive(Path marker) {
        String name = marker.getFileName().toString();
        String[] parts = name.substring(name.lastIndexOf(MARKER) + MARKER.length()).split("\\.");
        long pid;
        try {
            pid = Long.parseLong(parts[0]);
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return false;
        }
        String written;
        try {
            written = Files.readString(marker, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return true; // deleted meanwhile by its owner's close: treat as alive, nothing to recover
        }
        String started = process.get().info().startInstant().map(Instant::toString).orElse("");
        return written.isEmpty() || started.isEmpty() || written.equals(started);
    }
}
