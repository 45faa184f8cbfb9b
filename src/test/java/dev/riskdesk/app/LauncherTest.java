package dev.riskdesk.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code java -jar riskdesk.jar --db X} and {@code --db=X} open the console; anything more is the CLI. */
class LauncherTest {
    @Test
    void bothFormsOfTheDatabaseOptionAloneOpenTheConsole() {
        assertTrue(Launcher.isConsoleOnly(new String[] {"--db", "/tmp/book"}));
        assertTrue(Launcher.isConsoleOnly(new String[] {"--db=/tmp/book"}));
        assertEquals("/tmp/book", RiskDeskApplication.dbOption(List.of("--db=/tmp/book")));
        assertEquals("/tmp/book", RiskDeskApplication.dbOption(List.of("--db", "/tmp/book")));
    }

    @Test
    void aCommandOrAnotherOptionGoesToTheCli() {
        assertFalse(Launcher.isConsoleOnly(new String[] {"--db=/tmp/book", "info"}));
        assertFalse(Launcher.isConsoleOnly(new String[] {"--db", "/tmp/book", "info"}));
        assertFalse(Launcher.isConsoleOnly(new String[] {"--version"}));
        assertFalse(Launcher.isConsoleOnly(new String[] {"--db="}));
    }
}
