package dev.riskdesk.db;

import java.nio.file.Path;

/** Real H2 file databases with the real migrations, one per test, in a JUnit temp folder. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** The highest migration version the program ships, read from the migration folder. */
    public static String latestMigration() {
        try (var files = java.nio.file.Files.list(Path.of(TestDatabases.class.getResource("/db/migration").toURI()))) {
            return String.valueOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+__.*\\.sql"))
                    .mapToInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))
                    .max().orElseThrow());
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Database fresh(Path folder) {
        return Database.open(DatabaseLocation.ofPath(folder.resolve("riskdesk")));
    }
}
