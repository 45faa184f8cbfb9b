package dev.riskdesk.db;

import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Properties;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.h2.jdbcx.JdbcConnectionPool;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.RenderQuotedNames;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store: the embedded H2 file (the default) or a PostgreSQL server shared by a team. Checks the
 * location, migrates the schema with Flyway (shared scripts plus the engine's own folder), and hands
 * out a jOOQ {@link DSLContext} in the engine's dialect. Services own their transactions through
 * {@link #transaction}. The H2 file's crash recovery, open-markers and probe apply to H2 files only.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    /** The H2 migrations: the shared scripts and the H2-only ones. */
    static final String[] MIGRATIONS = migrations(SQLDialect.H2);
    /** Flyway's afterMigrate callback that seeds the first policy versions, by name: the data layer does not depend on the limits feature. */
    private static final String POLICY_SEED = "dev.riskdesk.limits.versions.PolicySeedCallback";
    /** Connections a console or job keeps to a PostgreSQL server at most (the server's default allows 100 in all). */
    static final int POSTGRES_POOL_SIZE = 8;
    /** How long an open waits for another process that shares the file to finish starting or closing it. */
    static final long BUSY_RETRY_MILLIS = 15_000;
    /** H2's "Database may be already in use". */
    static final int DATABASE_IN_USE = 90020;
    /** H2's "Connection is broken" (the server of the process that shared the file went away). */
    static final int CONNECTION_BROKEN = 90067;
    /**
     * H2's "Database is already closed (... VM shutdown)": through another process's server, the owner closed the file as it
     * exited; a pooled connection made through that server fails so, and the next connection opens the file anew.
     */
    static final int CLOSED_BY_ITS_OWNER = 90121;

    private final DatabaseLocation location;
    private final SQLDialect dialect;
    /** H2's or Hikari's pool. */
    private final Pool pool;
    /** The pool's connections; for an H2 file each is retried while another process sharing it starts or closes. */
    private final DataSource connections;
    private final DSLContext dsl;
    private final String schemaVersion;
    /** This process's open-marker beside the file (null for a database that is not a file); see {@link CrashRecovery}. */
    private final Path openMarker;
    /** Closes the database when the process is asked to stop (SIGTERM, logout, Ctrl+C) without {@link #close}. */
    private final Thread closeAtExit;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Database(DatabaseLocation location, Pool pool, String schemaVersion, Path openMarker) {
        this.location = location;
        this.dialect = dialectOf(location);
        this.pool = pool;
        this.schemaVersion = schemaVersion;
        this.openMarker = openMarker;
        this.closeAtExit = openMarker == null ? null : new Thread(this::closeAtExit, "riskdesk-close-at-exit");
        if (closeAtExit != null) {
            Runtime.getRuntime().addShutdownHook(closeAtExit);
        }
        this.connections = pool.connections();
        this.dsl = DSL.using(connections, dialect, settings(dialect));
    }

    /**
     * A pool, the data source its connections are taken from (for an H2 file, one that retries while the file is busy),
     * and how many of its connections are in use.
     */
    private record Pool(DataSource connections, AutoCloseable closer, IntSupplier inUse) {
        void dispose() {
            try {
                closer.close();
            } catch (Exception e) {
                LOG.warn("Cannot close the connection pool", e);
            }
        }
    }

    /** The jOOQ dialect of the engine at {@code location}. */
    public static SQLDialect dialectOf(DatabaseLocation location) {
        return location.isPostgres() ? SQLDialect.POSTGRES : SQLDialect.H2;
    }

    /**
     * The jOOQ settings for {@code dialect}. The generated classes carry the upper-case names of the H2 scripts;
     * on PostgreSQL they are rendered unquoted, so they name the tables the same scripts created there (folded to lower case).
     */
    public static Settings settings(SQLDialect dialect) {
        Settings settings = new Settings().withExecuteLogging(false).withRenderSchema(false);
        return dialect == SQLDialect.POSTGRES ? settings.withRenderQuotedNames(RenderQuotedNames.NEVER) : settings;
    }

    /** Flyway's locations for {@code dialect}: the shared scripts and the engine's own folder. */
    static String[] migrations(SQLDialect dialect) {
        return new String[] {"classpath:db/migration/common", "classpath:db/migration/" + (dialect == SQLDialect.POSTGRES ? "postgresql" : "h2")};
    }

    /**
     * Opens (and creates or migrates) the database. Every failure an operator can cause, a
     * folder that cannot be written, a file that is not an H2 database, a schema newer than
     * this program, arrives as one {@link UserFacingException} sentence and leaves the file as it was.
     */
    public static Database open(DatabaseLocation location) {
        Path marker = null;
        if (location.isFile()) {
            H2Network.requireLoopback();
            checkFolder(location);
            checkFile(location);
            // Recovery first: a file left by a killed RiskDesk (its open-marker says so) cannot be
            // opened read-only by the probe until H2 has rolled it forward. A clean file has no
            // dead marker, so the probe still sees it before anything is written.
            recover(location);
            DatabaseFileProbe.requireRiskDeskFile(location);
            createWhole(location);
            marker = CrashRecovery.markOpen(location);
        }
        Pool pool;
        try {
            pool = location.isPostgres() ? postgresPool(location) : h2Pool(location);
        } catch (RuntimeException e) {
            if (marker != null) {
                CrashRecovery.deleteQuietly(marker);
            }
            throw e;
        }
        try {
            Flyway flyway = Flyway.configure()
                    .dataSource(pool.connections())
                    .locations(migrations(dialectOf(location)))
                    // policy versions: a new database gets its first limit policy and rule set once the schema is complete
                    .callbacks(POLICY_SEED)
                    .load();
            checkNotNewer(flyway, location);
            if (location.isPostgres()) {
                checkMayMigrate(flyway, pool.connections(), location);
            }
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Migrated {} to schema version {}", location.describe(), result.targetSchemaVersion);
            }
            MigrationInfo current = flyway.info().current();
            return new Database(location, pool, current == null ? "0" : current.getVersion().getVersion(), marker);
        } catch (UserFacingException e) {
            disposeAndUnmark(pool, marker);
            throw e;
        } catch (RuntimeException e) {
            disposeAndUnmark(pool, marker);
            LOG.error("Cannot open database {}", location.describe(), e);
            throw openFailure(location, e);
        }
    }

    /**
     * The first connection, retried while another process sharing the file starts or closes (see {@link SharedFileConnections});
     * a file an older RiskDesk left with H2's empty password is switched to its key file's secret first.
     */
    private static void awaitFirstConnection(JdbcConnectionPool pool, DatabaseLocation location) throws SQLException {
        try (Connection ignored = SharedFileConnections.whileBusy(pool::getConnection, location.describe())) {
            // open and closed: the file is reachable
        } catch (SQLException e) {
            if (!H2Credentials.switchFromEmptyPassword(location, e)) {
                throw e;
            }
            try (Connection ignored = SharedFileConnections.whileBusy(pool::getConnection, location.describe())) {
                // reachable with the secret now
            }
        }
        if (location.isFile()) {
            H2FilePermissions.restrictOpenFiles(location);
        }
    }

    /** H2's pool; its first connection is retried while another process sharing the file starts or closes (see {@link SharedFileConnections}). */
    private static Pool h2Pool(DatabaseLocation location) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(H2Credentials.url(location), H2Credentials.USER, H2Credentials.password(location));
        pool.setMaxConnections(16);
        try {
            awaitFirstConnection(pool, location);
        } catch (SQLException e) {
            pool.dispose();
            LOG.error("Cannot open database {}", location.describe(), e);
            throw openFailure(location, e);
        }
        return new Pool(new SharedFileConnections(pool, location.describe()), pool::dispose, pool::getActiveConnections);
    }

    /** A Hikari pool to the PostgreSQL server; the first connection is made here, so a wrong URL or password fails the open. */
    private static Pool postgresPool(DatabaseLocation location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.jdbcUrl());
        if (location.password() != null) {
            config.setPassword(location.password());
        }
        config.setMaximumPoolSize(POSTGRES_POOL_SIZE);
        config.setMinimumIdle(1);
        config.setPoolName("riskdesk");
        // a server that cannot be reached fails the open at the first attempt, as one sentence
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(10_000);
        try {
            HikariDataSource pool = new HikariDataSource(config);
            return new Pool(pool, pool::close, () -> pool.getHikariPoolMXBean().getActiveConnections());
        } catch (RuntimeException e) {
            LOG.error("Cannot connect to {}", location.describe(), e);
            throw openFailure(location, e);
        }
    }

    /** Whether {@code e} is another process starting or closing the shared file, which passes. */
    /** Whether {@code e} is a connection broken because the process serving the shared file exited (worth running a read again). */
    public static boolean sharedFileWentAway(Throwable e) {
        return busy(e);
    }

    static boolean busy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && (sql.getErrorCode() == DATABASE_IN_USE || sql.getErrorCode() == CONNECTION_BROKEN
                    || sql.getErrorCode() == CLOSED_BY_ITS_OWNER)) {
                return true;
            }
            if (t instanceof java.net.ConnectException || t instanceof java.io.EOFException) {
                return true;
            }
        }
        String message = rootMessage(e);
        // "Lock file recently modified": another process is opening or closing the file right now (H2's file lock);
        // "Another process was faster": another process made the lock file between H2's look and its own attempt
        return message.contains("already in use") || message.contains("Connection refused") || message.contains("Connection is broken")
                || message.contains("Lock file recently modified") || message.contains("Another process was faster");
    }

    /** After an unclean shutdown, brings the file back to its last committed state before anything reads it. */
    private static void recover(DatabaseLocation location) {
        try {
            CrashRecovery.recoverIfUnclean(location);
        } catch (UserFacingException e) {
            throw e; // an encrypted file without its file password
        } catch (RuntimeException e) {
            LOG.error("Cannot recover database {}", location.describe(), e);
            throw openFailure(location, e);
        }
    }

    /** A new file is built whole under a private name, so a kill during its migrations leaves nothing half-made. */
    private static void createWhole(DatabaseLocation location) {
        try {
            NewDatabaseFile.createWhole(location, MIGRATIONS);
        } catch (RuntimeException e) {
            LOG.error("Cannot create database {}", location.describe(), e);
            throw openFailure(location, e);
        }
    }

    private static void disposeAndUnmark(Pool pool, Path marker) {
        pool.dispose();
        if (marker != null) {
            CrashRecovery.deleteQuietly(marker);
        }
    }

    private static void checkFolder(DatabaseLocation location) {
        Path folder = location.file().getParent();
        try {
            H2FilePermissions.createFolder(folder);
        } catch (IOException e) {
            throw UserFacingException.keyed("db.folderCreate", "Cannot create the database folder " + folder + ": " + rootMessage(e), e, folder);
        }
        if (!Files.isWritable(folder) || (Files.exists(location.dataFile()) && !Files.isWritable(location.dataFile()))) {
            throw UserFacingException.keyed("db.folderWrite", "The database folder " + folder + " cannot be written; choose another with --db or RISKDESK_DB.", folder);
        }
    }

    private static void checkFile(DatabaseLocation location) {
        Path file = location.dataFile();
        if (!Files.exists(file)) {
            return;
        }
        byte[] head = new byte[3];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw UserFacingException.keyed("db.fileRead", "Cannot read the database file " + file + ": " + rootMessage(e), e, file);
        }
        if ((read < 3 || !"H:2".equals(new String(head, StandardCharsets.US_ASCII))) && !H2FileEncryption.encrypted(location)) {
            throw UserFacingException.keyed("db.notH2", "The file " + file + " is not a RiskDesk (H2) database; nothing was changed.", file);
        }
    }

    /** Refuses a database whose schema was written by a newer RiskDesk, before Flyway changes anything. */
    static void checkNotNewer(Flyway flyway, DatabaseLocation location) {
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getState().name().startsWith("FUTURE")) {
                throw UserFacingException.keyed("db.newerSchema", "The database " + location.describe() + " has schema version "
                        + info.getVersion() + ", newer than this RiskDesk understands; update RiskDesk. Nothing was changed.",
                        location.describe(), String.valueOf(info.getVersion()));
            }
        }
    }

    /**
     * On a team's server the desks log in with a role that may not change tables: a schema that this RiskDesk
     * still has to migrate is refused in one sentence before Flyway tries, naming the owner as who runs it.
     */
    static void checkMayMigrate(Flyway flyway, DataSource connections, DatabaseLocation location) {
        MigrationInfo[] pending = flyway.info().pending();
        if (pending.length == 0) {
            return;
        }
        try (Connection c = connections.getConnection(); java.sql.Statement s = c.createStatement();
                java.sql.ResultSet r = s.executeQuery("SELECT current_user, has_schema_privilege(current_schema(), 'CREATE')")) {
            r.next();
            if (!r.getBoolean(2)) {
                String version = pending[pending.length - 1].getVersion().getVersion();
                throw UserFacingException.keyed("db.needsOwner", "The database " + location.describe() + " needs schema version " + version
                        + " of this RiskDesk, and the login " + r.getString(1) + " may not change tables; start RiskDesk once with the owner's login"
                        + " (see Team mode). Nothing was changed.", location.describe(), version, r.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The failure to open the database as one sentence, keyed for the console's language. */
    static UserFacingException openFailure(DatabaseLocation location, Throwable e) {
        String message = rootMessage(e);
        String where = location.describe();
        // a wrong file password makes H2 read noise: "Encryption error", or a store header that does not parse
        if (H2FileEncryption.encrypted(location) && (message.contains("Encryption error") || message.contains("Store header is corrupt")
                || message.contains("File corrupted"))) {
            return UserFacingException.keyed("db.filePasswordWrong", "The file password of the database " + where
                    + " is not right; nothing was changed.", e, where);
        }
        if (message.contains("password authentication failed") || message.contains("no password was provided")) {
            return UserFacingException.keyed("db.serverLogin", "The server " + where + " refused the login; check the user in the URL and "
                    + DatabaseLocation.PASSWORD_VARIABLE + ".", e, where);
        }
        if (message.contains("Wrong user name or password") && location.isFile()) {
            return UserFacingException.keyed("db.keyRefused", "The database " + where + " belongs to another program, or its key file "
                    + H2KeyFile.of(location) + " is missing or not its own (the password differs); nothing was changed.", e, where,
                    H2KeyFile.of(location));
        }
        if (message.contains("Wrong user name or password")) {
            return UserFacingException.keyed("db.otherPassword", "The database " + where
                    + " belongs to another program (its password differs); nothing was changed.", e, where);
        }
        if (message.contains("File corrupted") || message.contains("not a valid") || message.contains("Unsupported database file")) {
            return UserFacingException.keyed("db.damaged", "The database file " + where + " is damaged or not a RiskDesk database; nothing was changed.",
                    e, where);
        }
        if (message.contains("non-empty schema")) {
            return foreignTables(location, e);
        }
        if (busy(e)) {
            return UserFacingException.keyed("db.busy", "The database " + where
                    + " is being opened or closed by another process; try again in a moment.", e, where);
        }
        return UserFacingException.keyed("db.cannotOpen", "Cannot open the database " + where + ": " + message, e, where, message);
    }

    static UserFacingException foreignTables(DatabaseLocation location, Throwable e) {
        String where = location.describe();
        return UserFacingException.keyed("db.foreignTables", "The database " + where + " holds tables of another program; nothing was changed.",
                e, where);
    }

    /** The first line of the innermost cause's message (H2 and jOOQ messages run over several lines). */
    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage();
        if (message == null) {
            return t.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** SQLDialect.H2 or SQLDialect.POSTGRES. */
    public SQLDialect dialect() {
        return dialect;
    }

    /** jOOQ on a connection the caller holds (bulk loads, scans), in this database's dialect and settings. */
    public DSLContext using(Connection connection) {
        return DSL.using(connection, dialect, settings(dialect));
    }

    public DatabaseLocation location() {
        return location;
    }

    public String schemaVersion() {
        return schemaVersion;
    }

    /** A raw connection for bulk loads; SQL text still comes from jOOQ. */
    public Connection connection() throws SQLException {
        return connections.getConnection();
    }

    /**
     * A connection outside the pool, for long read-only scans: H2's pooled connection checks its
     * state under a lock on every ResultSet getter, which made a 1,000,000-account feature scan
     * about 40 % slower. The caller closes it.
     */
    public Connection unpooledConnection() throws SQLException {
        if (location.isPostgres()) {
            Properties login = new Properties();
            if (location.password() != null) {
                login.setProperty("password", location.password());
            }
            return java.sql.DriverManager.getConnection(location.jdbcUrl(), login);
        }
        return SharedFileConnections.whileBusy(() -> java.sql.DriverManager.getConnection(H2Credentials.url(location), H2Credentials.USER,
                H2Credentials.password(location)), location.describe());
    }

    public <T> T transactionResult(Function<DSLContext, T> work) {
        return dsl.transactionResult(configuration -> work.apply(configuration.dsl()));
    }

    public void transaction(Consumer<DSLContext> work) {
        dsl.transaction(configuration -> work.accept(configuration.dsl()));
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (closeAtExit != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(closeAtExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or about to: it finds the database closed
            }
        }
        disposeAndUnmark(pool, openMarker);
    }

    /**
     * A process asked to stop (not killed) closes its connections; with none in use the file is closed
     * cleanly (H2 closes it at exit), so its open-marker goes and the next open needs no recovery. A
     * connection still in use (a job in mid-transaction) leaves the marker: the next open recovers.
     */
    private void closeAtExit() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        int inUse = pool.inUse().getAsInt();
        pool.dispose();
        if (inUse == 0) {
            CrashRecovery.deleteQuietly(openMarker);
        }
    }
}
