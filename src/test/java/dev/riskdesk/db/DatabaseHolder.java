package dev.riskdesk.db;

import java.nio.file.Path;

/** The child process of {@link DatabaseStopTest}: opens a database, prints {@link #OPEN}, and waits to be stopped. */
final class DatabaseHolder {
    static final String OPEN = "database open";

    private DatabaseHolder() {
    }

    public static void main(String[] args) throws InterruptedException {
        Database.open(DatabaseLocation.ofPath(Path.of(args[0])));
        System.out.println(OPEN);
        Thread.sleep(Long.MAX_VALUE);
    }
}
