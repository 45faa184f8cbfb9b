package dev.riskdesk.db;

import dev.riskdesk.common.PrivateFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.flywaydb.core.Flyway;

/**
 * Creates a new database file whole or not at all. H2 commits each DDL statement on its own, so a
 * process killed while the migrations build a new file would leave half a schema that the next
 * open cannot migrate ("Duplicate column name"). The schema is therefore built under a private
 * name ({@code riskdesk.new-PID.mv.db}) and moved into place only once every migration ran; a kill
 * before the move leaves the real name free, and the next open starts over.
 */
final class NewDatabaseFile {
    private static final String PREFIX = ".new-";

    private NewDatabaseFile() {
    }

    /** If the file does not exist yet, builds it fully migrated under a private name and moves it into place. */
    static void createWhole(DatabaseLocation location, String... migrations) {
        Path target = location.dataFile();
        if (Files.exists(target)) {
            return;
        }
        removeLeftovers(location);
        Path base = location.file().resolveSibling(location.file().getFileName() + PREFIX + ProcessHandle.current().pid());
        Path built = base.resolveSibling(base.getFileName() + DatabaseLocation.H2_SUFFIX);
        String url = H2Credentials.fileUrl(base, location) + ";TRACE_LEVEL_FILE=0";
        String password = H2Credentials.password(location);
        try {
            Flyway.configure().dataSource(url, H2Credentials.USER, password).locations(migrations).load().migrate();
            try (Connection c = DriverManager.getConnection(url, H2Credentials.USER, password)) {
                c.createStatement().execute("SHUTDOWN");
            }
            PrivateFiles.restrict(built);
            if (!Files.exists(target)) {
                Files.move(built, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create " + target + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                Files.deleteIfExists(built);
            } catch (IOException ignored) {
                // a leftover is removed by the next creation
            }
        }
    }

    /** Files left by a creation whose process died before its move. */
    private static void removeLeftovers(DatabaseLocation location) {
        String prefix = location.file().getFileName() + PREFIX;
        try (var files = Files.list(location.file().toAbsolutePath().getParent())) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (name.startsWith(prefix) && name.endsWith(DatabaseLocation.H2_SUFFIX) && !alive(name.substring(prefix.length(),
                        name.length() - DatabaseLocation.H2_SUFFIX.length()))) {
                    Files.deleteIfExists(f);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean alive(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return true; // not ours to remove
        }
    }
}
