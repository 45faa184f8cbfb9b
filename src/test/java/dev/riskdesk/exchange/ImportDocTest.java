package dev.riskdesk.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** import.md documents every column of every kind, as BookKind defines them, and nothing else. */
class ImportDocTest {
    private static final Path DOC = Path.of("src/site/markdown/import.md");
    private static final Pattern KIND_HEADING = Pattern.compile("^### (\\S+) — `([^`]+)`$");
    private static final Pattern COLUMN_ROW = Pattern.compile("^\\| `([^`]+)`( \\(key\\))? \\| [^|]+ \\| (yes|no) \\|.*");

    /** The column tables of import.md by their heading's file name: each row's name, "key" mark and required cell. */
    private static Map<String, List<String>> documented() throws IOException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            Matcher heading = KIND_HEADING.matcher(line);
            if (heading.matches()) {
                current = new ArrayList<>();
                assertEquals(null, tables.put(heading.group(2), current), "documented twice: " + line);
                assertEquals(heading.group(1) + ".csv", heading.group(2), line);
            } else if (current != null && line.startsWith("| `")) {
                Matcher row = COLUMN_ROW.matcher(line);
                assertTrue(row.matches(), "not a column row: " + line);
                current.add(row.group(1) + (row.group(2) != null ? " key" : "") + " required=" + row.group(3));
            } else if (line.startsWith("#")) {
                current = null;
            }
        }
        return tables;
    }

    @Test
    void everyKindsColumnsAreDocumentedInOrderWithTheirKeyAndRequiredMarks() throws IOException {
        Map<String, List<String>> tables = documented();
        Map<String, List<String>> defined = new LinkedHashMap<>();
        for (BookKind kind : BookKind.values()) {
            defined.put(kind.fileName(), kind.columns().stream()
                    .map(c -> c.name() + (c.key() ? " key" : "") + " required=" + (c.required() ? "yes" : "no")).toList());
        }
        assertEquals(defined.keySet().stream().toList(), tables.keySet().stream().toList(), "the kinds documented in import.md");
        defined.forEach((file, columns) -> assertEquals(columns, tables.get(file), "the columns of " + file + " in import.md"));
    }

    @Test
    void theReadmeLinksTheFormat() throws IOException {
        assertTrue(Files.readString(Path.of("README.md")).contains("(src/site/markdown/import.md)"));
    }
}
