package dev.riskdesk.db;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the database lives: {@code --db PATH_OR_JDBC_URL}, else the RISKDESK_DB environment
 * variable, else the platform's user data folder. A file location is opened with H2's
 * AUTO_SERVER so a second console or a CLI job can share it while the console runs.
 */
public record DatabaseLocation(String jdbcUrl, Path file) {

    public static final String ENV_VARIABLE = "RISKDESK_DB";
    static final String BASE_NAME = "riskdesk";
    static final String H2_SUFFIX = ".mv.db";

    /** True when the database is a file on disk (not in memory, not a remote server). */
    public boolean isFile() {
        return file != null;
    }

    /** The H2 data file itself ({@code riskdesk.mv.db}), or null when not a file database. */
    public Path dataFile() {
        return file == null ? null : file.resolveSibling(file.getFileName() + H2_SUFFIX);
    }

    /** What the status bar and {@code info} show. */
    public String describe() {
        return isFile() ? dataFile().toString() : jdbcUrl;
    }

    public static DatabaseLocation resolve(String option, Map<String, String> env) {
        String chosen = option;
        if (chosen == null || chosen.isBlank()) {
            chosen = env.get(ENV_VARIABLE);
        }
        if (chosen == null || chosen.isBlank()) {
            return ofPath(defaultFolder(env).resolve(BASE_NAME));
        }
        return parse(chosen.trim());
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
        String url = "jdbc:h2:file:" + absolute + ";AUTO_SERVER=TRUE";
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
