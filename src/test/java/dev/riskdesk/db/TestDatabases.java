package dev.riskdesk.db;

import java.nio.file.Path;

/**
 * Real databases with the real migrations, one per test: H2 files in a JUnit temp folder, and, for the
 * tests that run on both engines, databases on the test PostgreSQL server ({@link TestPostgres}).
 */
public final class TestDatabases {
    private TestDatabases() {
    }

    /** The engines a test can run on. */
    public enum Engine {
        H2, POSTGRES;

        /** A new database with the migrated schema: an H2 file in {@code folder}, or a new database on the test server. */
        public Database fresh(Path folder) {
            return this == H2 ? TestDatabases.fresh(folder) : TestPostgres.fresh();
        }
    }

    /** Both engines, as a parameter source: {@code @MethodSource("dev.riskdesk.db.TestDatabases#both")}. */
    public static java.util.stream.Stream<Engine> both() {
        return java.util.stream.Stream.of(Engine.values());
    }

    /** Flyway's locations of the H2 migrations (the shared folder and the H2 one), for a test that migrates by hand. */
    public static String[] h2MigrationLocations() {
        return Database.MIGRATIONS.clone();
    }

    /** The highest migration version the program ships for H2, read from the shared and the H2 migration folders (SQL and Java). */
    public static String latestMigration() {
        return latestMigration("h2");
    }

    /** The highest migration version for the engine whose migration folder is {@code vendor} ("h2", "postgresql"). */
    public static String latestMigration(String vendor) {
        try (var files = java.util.stream.Stream.concat(migrationFiles("common"), migrationFiles(vendor))) {
            // versions may have parts (V5_3__x.sql is 5.3, as Flyway reads it); compare part by part
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.matches("V\\d+(_\\d+)*__[^$]*\\.(sql|class)")) // Java migrations (db.migration.common) count too
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.'))
                    .max(TestDatabases::compareVersions).orElseThrow();
        } catch (java.io.IOException | java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static java.util.stream.Stream<Path> migrationFiles(String folder) throws java.io.IOException, java.net.URISyntaxException {
        return java.nio.file.Files.list(Path.of(TestDatabases.class.getResource("/db/migration/" + folder).toURI()));
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
