package dev.riskdesk.scoring;

import dev.riskdesk.db.Database;

/** Public door to the package-private {@link SyntheticBook} for tests in other packages. */
public final class SyntheticBooks {
    private SyntheticBooks() {
    }

    public static void fill(Database db, int accounts, int months, long seed) {
        SyntheticBook.fill(db, accounts, months, seed);
    }
}
