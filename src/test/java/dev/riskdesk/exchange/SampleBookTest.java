package dev.riskdesk.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.exchange.load.BookFileReader;
import dev.riskdesk.exchange.load.BookRow;
import dev.riskdesk.exchange.load.FileReadResult;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.exchange.load.RowSink;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** data/samples: a small consistent book an importer following BookKind accepts, and its dialect variants with the same rows. */
class SampleBookTest {
    private static final Path SAMPLES = Path.of("data/samples");
    private static final Charset GB18030 = Charset.forName("GB18030");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void theSamplesAreSmallWellSpelledAndEveryKeyAndReferenceHolds() throws IOException {
        BookFolder book = BookFolder.read(SAMPLES);
        book.rows.forEach((kind, rows) -> {
            assertFalse(rows.isEmpty(), kind.fileName() + " is empty");
            assertTrue(rows.size() < 40, kind.fileName() + " has " + rows.size() + " rows");
        });
        book.assertSpelling();
        book.assertKeysAndReferences();
    }

    @Test
    void noTimeIsAfterItsFeedsAsOf() throws IOException {
        BookFolder book = BookFolder.read(SAMPLES);
        Map<String, LocalDateTime> feeds = book.rows.get(BookKind.FEEDS).stream()
                .collect(Collectors.toMap(r -> r.get(0), r -> LocalDateTime.parse(r.get(1), TIME)));
        assertEquals(BookKind.FEEDS.column("feed").allowed().size(), feeds.size());
        LocalDateTime earliest = feeds.values().stream().min(LocalDateTime::compareTo).orElseThrow();
        book.rows.forEach((kind, rows) -> {
            LocalDateTime asOf = kind.feed().map(feeds::get).orElse(earliest);
            for (Column c : kind.columns()) {
                if (c.type() != ColumnType.TIMESTAMP || kind == BookKind.FEEDS || c.name().equals("temp_limit_expires")) {
                    continue;
                }
                for (String v : book.column(kind, c.name())) {
                    assertTrue(v.isEmpty() || !LocalDateTime.parse(v, TIME).isAfter(asOf), kind.fileName() + " " + c.name() + " " + v);
                }
            }
        });
    }

    @Test
    void theDialectFilesHoldTheSameRowsInTheirDialect() throws IOException {
        BookFolder book = BookFolder.read(SAMPLES);
        Path dialects = SAMPLES.resolve("dialects");

        assertEquals(book.rows.get(BookKind.REPAYMENTS), normalised(BookFolder.parse(BookKind.REPAYMENTS,
                crlfOnly(BookFolder.text(dialects.resolve("repayments.csv"), GB18030)), ';')));

        byte[] customers = Files.readAllBytes(dialects.resolve("customers.csv"));
        assertThrows(CharacterCodingException.class, () -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(customers)),
                "the GB18030 customers file must not be valid UTF-8");
        assertEquals(book.rows.get(BookKind.CUSTOMERS), normalised(BookFolder.parse(BookKind.CUSTOMERS,
                crlfOnly(BookFolder.text(dialects.resolve("customers.csv"), GB18030)), ';')));

        byte[] transactions = Files.readAllBytes(dialects.resolve("transactions.csv"));
        assertEquals(List.of((byte) 0xEF, (byte) 0xBB, (byte) 0xBF), List.of(transactions[0], transactions[1], transactions[2]));
        assertEquals(book.rows.get(BookKind.TRANSACTIONS), BookFolder.parse(BookKind.TRANSACTIONS,
                BookFolder.text(dialects.resolve("transactions.csv"), StandardCharsets.UTF_8), '\t'));
    }

    @Test
    void theImportersReaderAcceptsEveryFileAndReadsTheDialectsAsTheSameValues() {
        for (BookKind kind : BookKind.values()) {
            List<List<Object>> rows = readClean(kind, SAMPLES.resolve(kind.fileName()), "UTF-8", ',', "LF");
            assertFalse(rows.isEmpty(), kind.fileName());
        }
        Path dialects = SAMPLES.resolve("dialects");
        assertEquals(readClean(BookKind.REPAYMENTS, SAMPLES.resolve("repayments.csv"), "UTF-8", ',', "LF"),
                readClean(BookKind.REPAYMENTS, dialects.resolve("repayments.csv"), GB18030, "GB18030", ';', "CRLF"));
        // repayments hold ASCII only: read without --encoding the same bytes are UTF-8, with the same values
        assertEquals(readClean(BookKind.REPAYMENTS, SAMPLES.resolve("repayments.csv"), "UTF-8", ',', "LF"),
                readClean(BookKind.REPAYMENTS, dialects.resolve("repayments.csv"), "UTF-8", ';', "CRLF"));
        assertEquals(readClean(BookKind.CUSTOMERS, SAMPLES.resolve("customers.csv"), "UTF-8", ',', "LF"),
                readClean(BookKind.CUSTOMERS, dialects.resolve("customers.csv"), "GB18030", ';', "CRLF"));
        assertEquals(readClean(BookKind.TRANSACTIONS, SAMPLES.resolve("transactions.csv"), "UTF-8", ',', "LF"),
                readClean(BookKind.TRANSACTIONS, dialects.resolve("transactions.csv"), "UTF-8 BOM", '\t', "LF"));
    }

    /** The typed values of every row of {@code file} as the import reads them (encoding detected); no problem allowed; the dialect as expected. */
    private static List<List<Object>> readClean(BookKind kind, Path file, String encoding, char delimiter, String lineEnding) {
        return readClean(kind, file, null, encoding, delimiter, lineEnding);
    }

    private static List<List<Object>> readClean(BookKind kind, Path file, Charset forced, String encoding, char delimiter, String lineEnding) {
        List<List<Object>> rows = new ArrayList<>();
        List<LoadProblem> problems = new ArrayList<>();
        FileReadResult result = new BookFileReader().read(kind, file, forced, new RowSink() {
            @Override
            public void row(BookRow row) {
                rows.add(Arrays.asList(row.values()));
            }
        }, problems::add);
        assertEquals(List.of(), problems, file.toString());
        assertEquals(rows.size(), result.records(), file.toString());
        assertEquals(encoding, result.encodingLabel(), file.toString());
        assertEquals(delimiter, result.dialect().delimiter(), file.toString());
        assertEquals(lineEnding, result.dialect().lineEnding(), file.toString());
        return rows;
    }

    /** Every line of a CRLF file ends in CRLF. */
    private static String crlfOnly(String text) {
        assertEquals(text.split("\n", -1).length - 1, text.split("\r\n", -1).length - 1, "a line without CR");
        return text;
    }

    /** {@code yyyy/MM/dd[ HH:mm[:ss]]} spelled as the export does. */
    private static List<List<String>> normalised(List<List<String>> rows) {
        return rows.stream().map(r -> r.stream().map(v -> {
            if (v.matches("\\d{4}/\\d{2}/\\d{2}.*")) {
                String dashed = v.substring(0, 10).replace('/', '-') + v.substring(10);
                return dashed.matches(".* \\d{2}:\\d{2}") ? dashed + ":00" : dashed;
            }
            return v;
        }).toList()).toList();
    }
}
