package dev.riskdesk.db;

import java.nio.file.Path;

/** Real H2 file databases with the real migrations, one per test, in a JUnit temp folder. */
public final class TestDatabases {
    private TestDatabases() {
    }

    public static Database fresh(Path folder) {
        return Database.open(DatabaseLocation.ofPath(folder.resolve("riskdesk")));
    }
}
