package dev.riskdesk.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 user and password of a database: for a file, the secret in its key file ({@link H2KeyFile});
 * for an in-memory or remote H2 URL, H2's default {@code sa} with an empty password as before.
 * A file made by an older RiskDesk still has the empty password; the first open switches it to the
 * secret ({@link #switchFromEmptyPassword}) and logs that it did.
 */
final class H2Credentials {
    private static final Logger LOG = LoggerFactory.getLogger(H2Credentials.class);
    static final String USER = "SA";
    private static final String EMPTY = "";
    /** H2's "Wrong user name or password". */
    static final int WRONG_USER_OR_PASSWORD = 28000;

    private H2Credentials() {
    }

    /**
     * The password the database at {@code location} opens with; a file location gets its secret, created now when it has
     * none, after the file password when the file is encrypted ({@link H2FileEncryption}).
     */
    static String password(DatabaseLocation location) {
        return location.isFile() ? H2FileEncryption.passwordPrefix(location) + H2KeyFile.readOrCreate(location) : EMPTY;
    }

    /** The URL that opens the database at {@code location}: its JDBC URL, with the cipher when the file is encrypted. */
    static String url(DatabaseLocation location) {
        return location.jdbcUrl() + H2FileEncryption.urlOptions(location);
    }

    /** The plain file URL of {@code base} (the location's file or a private copy of it), with the location's cipher. */
    static String fileUrl(java.nio.file.Path base, DatabaseLocation location) {
        return "jdbc:h2:file:" + base + H2FileEncryption.urlOptions(location);
    }

    /** A connection and the password it was opened with (for further connections to the same file, Flyway's). */
    record Accepted(Connection connection, String password) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }

    /**
     * A connection to {@code url} (the file at {@code location}, or a copy of it) without creating a key file: with the
     * secret when there is one, else with H2's empty password of a file an older RiskDesk made, which is also tried when
     * the secret is refused (the key file was written but the switch did not finish).
     */
    static Accepted connect(String url, DatabaseLocation location) throws SQLException {
        String prefix = H2FileEncryption.passwordPrefix(location);
        Optional<String> secret = location.isFile() ? H2KeyFile.read(location).map(k -> prefix + k) : Optional.empty();
        if (secret.isPresent()) {
            try {
                return new Accepted(DriverManager.getConnection(url, USER, secret.get()), secret.get());
            } catch (SQLException e) {
                if (e.getErrorCode() != WRONG_USER_OR_PASSWORD) {
                    throw e;
                }
            }
        }
        return new Accepted(DriverManager.getConnection(url, USER, prefix + EMPTY), prefix + EMPTY);
    }

    /**
     * When {@code refused} says the secret was refused and the file still opens with H2's empty password,
     * sets the secret as the password (ALTER USER) and returns true: the caller connects again.
     */
    static boolean switchFromEmptyPassword(DatabaseLocation location, SQLException refused) throws SQLException {
        if (!location.isFile() || refused.getErrorCode() != WRONG_USER_OR_PASSWORD) {
            return false;
        }
        String secret = H2KeyFile.readOrCreate(location);
        String prefix = H2FileEncryption.passwordPrefix(location);
        Connection c;
        try {
            c = SharedFileConnections.whileBusy(() -> DriverManager.getConnection(url(location), USER, prefix + EMPTY), location.describe());
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_USER_OR_PASSWORD) {
                return false; // neither the secret nor the empty password: not ours, or the key file is not this file's
            }
            throw e;
        }
        try (c; Statement s = c.createStatement()) {
            // the secret is hexadecimal (H2KeyFile), so it can stand in the statement as a literal
            s.execute("ALTER USER " + USER + " SET PASSWORD '" + secret.replace("'", "''") + "'");
        }
        LOG.warn("The database {} opened with H2's empty password; its password is now the secret in {}", location.describe(),
                H2KeyFile.of(location));
        return true;
    }
}
