package dev.riskdesk.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reject file is safe to open in a spreadsheet: a rejected formula-like value is written as text. */
class RejectFileTest {
    @TempDir
    Path dir;

    @Test
    void formulaLikeCellsAreWrittenAsText() throws Exception {
        assertEquals("'=HYPERLINK(\"http://x\")", RejectFile.inert("=HYPERLINK(\"http://x\")"));
        assertEquals("'+1", RejectFile.inert("+1"));
        assertEquals("'@SUM(A1)", RejectFile.inert("@SUM(A1)"));
        assertEquals("王芳", RejectFile.inert("王芳"));
        assertEquals("", RejectFile.inert(""));

        Path file = dir.resolve("rejects.csv");
        RejectFile.write(file, List.of(new LoadProblem("customers.csv", 3, "full_name", "=cmd|' /C calc'!A0", "expected a name, not a formula.")));
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.contains("'=cmd|"), text);
        assertTrue(!text.contains(",=cmd"), text);
    }
}
