package dev.riskdesk.db;

import java.nio.file.Path;

/** Real H2 file databases with the real migrations, one per test, in a JUnit temp folder. */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** The highest migration version the program ships, read from the migration folder. */
    public static String latestMigration() {
        try (var files = java.nio.file.Files.list(Path.of(TestDatabases.class.getResource("/db/migration").toURI()))) {
            // versions may have parts (V5_3__x.sql is 5.3, as Flyway reads it); compare part by part
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+(_\\d+)*__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(TestDatabases::compareVersions).orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int c = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    public static Database fresh(Path folder) {
        return Database.open(DatabaseLocation.ofPath(folder.resolve("riskdesk")));
    }
}
