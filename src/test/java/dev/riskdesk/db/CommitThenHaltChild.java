package dev.riskdesk.db;

import java.nio.file.Path;
import java.time.LocalDateTime;

/**
 * The child process of {@link CommitDurabilityTest}: opens the database at {@code args[0]} as the program does, commits
 * {@code args[1]} settings one transaction each, printing "committed N" after each, and halts at once after the last
 * (no close, no shutdown hook: as {@code kill -9} would end it).
 */
public final class CommitThenHaltChild {
    private CommitThenHaltChild() {
    }

    public static void main(String[] args) {
        Database database = Database.open(DatabaseLocation.ofPath(Path.of(args[0])));
        int commits = Integer.parseInt(args[1]);
        for (int i = 1; i <= commits; i++) {
            String key = "durability." + i;
            database.transaction(tx -> AppSettings.put(tx, key, "committed", LocalDateTime.now()));
            System.out.println("committed " + i);
        }
        System.out.flush();
        Runtime.getRuntime().halt(9);
    }
}
