package dev.riskdesk.scoring;

import dev.riskdesk.db.Database;

/** Public door to the package-private {@link SyntheticBook} for tests in other packages. */
public final class SyntheticBooks {
    private SyntheticBooks() {
    }

    public static void fill(Database db, int accounts, int months, long seed) {
        SyntheticBook.fill(db, accounts, months, seed);
    }

    /** Accounts with ids firstId..lastId, for filling big benchmark books in slices. */
    public static void fillSlice(Database db, int firstId, int lastId, int months, long seed) {
        SyntheticBook.fill(db, firstId, lastId, months, seed);
    }
}
