package dev.riskdesk.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the database lives: {@code --db PATH_OR_JDBC_URL}, else the RISKDESK_DB environment
 * variable, else the platform's user data folder. A file location is opened with H2's
 * AUTO_SERVER so a second console or a CLI job can share it while the console runs. A
 * {@code jdbc:postgresql:} URL names a PostgreSQL server shared by a team; its password comes from
 * RISKDESK_DB_PASSWORD, is kept here only to connect, and is never part of {@link #describe()} or
 * {@link #toString()}.
 */
public record DatabaseLocation(String jdbcUrl, Path file, String password) {

    public static final String ENV_VARIABLE = "RISKDESK_DB";
    /** The PostgreSQL login's password (never in the URL a user types, never in a settings file). */
    public static final String PASSWORD_VARIABLE = "RISKDESK_DB_PASSWORD";
    static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    static final String BASE_NAME = "riskdesk";
    static final String H2_SUFFIX = ".mv.db";
    /**
     * How long a transaction waits for a row another holds (H2's default is one second). Audited
     * transactions take the audit chain's head in turn, and a batch chunk holds it until it commits,
     * so an operator's change waits for the chunk instead of failing.
     */
    static final int LOCK_TIMEOUT_MILLIS = 60_000;

    public DatabaseLocation(String jdbcUrl, Path file) {
        this(jdbcUrl, file, null);
    }

    /** True for a PostgreSQL server; everything else is H2 (a file, or in memory). */
    public boolean isPostgres() {
        return jdbcUrl.regionMatches(true, 0, POSTGRES_PREFIX, 0, POSTGRES_PREFIX.length());
    }

    /** The same location with the login's password. */
    public DatabaseLocation withPassword(String secret) {
        return new DatabaseLocation(jdbcUrl, file, secret);
    }

    /** True when the database is a file on disk (not in memory, not a remote server). */
    public boolean isFile() {
        return file != null;
    }

    /** The H2 data file itself ({@code riskdesk.mv.db}), or null when not a file database. */
    public Path dataFile() {
        return file == null ? null : file.resolveSibling(file.getFileName() + H2_SUFFIX);
    }

    /**
     * What the status bar and {@code info} show: the file, or the server URL with no parameter but the
     * user (a password given in the URL is left out as well).
     */
    public String describe() {
        if (isFile()) {
            return dataFile().toString();
        }
        return isPostgres() ? withoutSecrets(jdbcUrl) : jdbcUrl;
    }

    /** Never the password: a location may end up in a log line or an exception message. */
    @Override
    public String toString() {
        return describe();
    }

    /** {@code jdbc:postgresql://host:port/db?user=u&password=p&ssl=true} as {@code jdbc:postgresql://host:port/db?user=u}. */
    static String withoutSecrets(String url) {
        int query = url.indexOf('?');
        String base = query < 0 ? url : url.substring(0, query);
        int at = base.indexOf('@');
        if (at >= 0 && base.startsWith("//", POSTGRES_PREFIX.length())) {
            // user:password@host in the authority part: keep neither
            base = base.substring(0, POSTGRES_PREFIX.length() + 2) + base.substring(at + 1);
        }
        if (query < 0) {
            return base;
        }
        for (String parameter : url.substring(query + 1).split("&")) {
            if (parameter.regionMatches(true, 0, "user=", 0, 5)) {
                return base + "?" + parameter;
            }
        }
        return base;
    }

    public static DatabaseLocation resolve(String option, Map<String, String> env) {
        String chosen = option;
        if (chosen == null || chosen.isBlank()) {
            chosen = env.get(ENV_VARIABLE);
        }
        if (chosen == null || chosen.isBlank()) {
            return ofPath(defaultFolder(env).resolve(BASE_NAME));
        }
        DatabaseLocation location = parse(chosen.trim());
        return location.isPostgres() ? location.withPassword(env.get(PASSWORD_VARIABLE)) : location;
    }

    public static DatabaseLocation parse(String value) {
        if (value.regionMatches(true, 0, "jdbc:", 0, 5)) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.startsWith("jdbc:h2:file:")) {
                String rest = value.substring("jdbc:h2:file:".length());
                int semicolon = rest.indexOf(';');
                return ofPath(Path.of(semicolon < 0 ? rest : rest.substring(0, semicolon)));
            }
            return new DatabaseLocation(value, null);
        }
        Path path = Path.of(value);
        if (Files.isDirectory(path)) {
            path = path.resolve(BASE_NAME);
        }
        return ofPath(path);
    }

    public static DatabaseLocation ofPath(Path base) {
        Path absolute = base.toAbsolutePath().normalize();
        String name = absolute.getFileName().toString();
        if (name.endsWith(H2_SUFFIX)) {
            absolute = absolute.resolveSibling(name.substring(0, name.length() - H2_SUFFIX.length()));
        }
        // WRITE_DELAY=0: a commit is stored before it returns, so a process killed right after it keeps it (H2's default
        // stores up to half a second later: a decision confirmed on screen was lost with the process; decision 0011)
        String url = "jdbc:h2:file:" + absolute + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=" + LOCK_TIMEOUT_MILLIS;
        return new DatabaseLocation(url, absolute);
    }

    /** The platform's user data folder for RiskDesk on this machine. */
    public static Path defaultFolder(Map<String, String> env) {
        return defaultFolder(env, System.getProperty("os.name", ""), Path.of(System.getProperty("user.home")));
    }

    /** Linux: $XDG_DATA_HOME/riskdesk; Windows: %APPDATA%\RiskDesk; macOS: ~/Library/Application Support/RiskDesk. */
    static Path defaultFolder(Map<String, String> env, String osName, Path home) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("APPDATA");
            return (appData == null || appData.isBlank() ? home.resolve("AppData").resolve("Roaming") : Path.of(appData)).resolve("RiskDesk");
        }
        if (os.startsWith("mac")) {
            return home.resolve("Library").resolve("Application Support").resolve("RiskDesk");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return (xdg == null || xdg.isBlank() ? home.resolve(".local").resolve("share") : Path.of(xdg)).resolve("riskdesk");
    }
}
