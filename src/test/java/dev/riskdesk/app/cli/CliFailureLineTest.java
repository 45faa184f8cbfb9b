package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.common.UserFacingException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** A failed command prints one line, even when the database's message runs over several. */
class CliFailureLineTest {
    @Test
    void anUnexpectedFailurePrintsOnlyTheFirstLineOfTheRootMessage() {
        SQLException h2 = new SQLException("Table \"CUSTOMER\" not found; SQL statement:\nselect * from CUSTOMER [42102-224]");
        Exception e = new IllegalStateException("SQL [select * from CUSTOMER];\nTable \"CUSTOMER\" not found", h2);
        assertEquals("riskdesk: SQLException: Table \"CUSTOMER\" not found; SQL statement: (details in the log file)",
                RiskDeskCli.failureLine(e));
    }

    @Test
    void aUserFacingFailurePrintsItsFirstLine() {
        assertEquals("riskdesk: Cannot open the database x: Wrong user name or password",
                RiskDeskCli.failureLine(new UserFacingException("Cannot open the database x: Wrong user name or password\n[28000-224]")));
    }
}
