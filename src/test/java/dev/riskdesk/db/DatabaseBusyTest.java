package dev.riskdesk.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** Which engine failures on open mean "another process is opening or closing the file" and are retried. */
class DatabaseBusyTest {
    @Test
    void anotherProcessOpeningOrClosingTheFileIsBusy() {
        assertTrue(Database.busy(new SQLException("Database may be already in use", "90020", Database.DATABASE_IN_USE)));
        assertTrue(Database.busy(new IllegalStateException("open failed",
                new SQLException("Error opening database: \"Lock file recently modified\" [8000-252]", "08000", 8000))));
        // two processes started together: the other one made the lock file first (seen in SharedFileProcessesTest)
        assertTrue(Database.busy(new IllegalStateException("open failed",
                new SQLException("Error opening database: \"Another process was faster\" [8000-252]", "08000", 8000))));
        assertTrue(Database.busy(new IllegalStateException(new java.net.ConnectException("Connection refused"))));
    }

    @Test
    void aConnectionIsRetriedWhileTheFileIsBusyAndOtherFailuresPassAtOnce() throws SQLException {
        int[] calls = {0};
        java.sql.Connection connection = SharedFileConnections.whileBusy(() -> {
            if (++calls[0] < 3) {
                throw new SQLException("Error opening database: \"Lock file recently modified\" [8000-252]", "08000", 8000);
            }
            return null; // stands for the connection once the other process has finished
        }, "test");
        assertEquals(null, connection);
        assertEquals(3, calls[0], "two busy answers, then the connection");

        calls[0] = 0;
        SQLException wrong = assertThrows(SQLException.class, () -> SharedFileConnections.whileBusy(() -> {
            calls[0]++;
            throw new SQLException("Wrong user name or password [28000-252]", "28000", 28000);
        }, "test"));
        assertEquals(28000, wrong.getErrorCode());
        assertEquals(1, calls[0], "not retried");
    }

    @Test
    void otherFailuresAreNotRetried() {
        assertFalse(Database.busy(new SQLException("Wrong user name or password [28000-252]", "28000", 28000)));
        assertFalse(Database.busy(new SQLException("File corrupted while reading record", "90030", 90030)));
    }
}
