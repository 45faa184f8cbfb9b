package dev.riskdesk.exchange.export;

import dev.riskdesk.security.Requires;
import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the whole book as one UTF-8 CSV file per {@link BookKind} (the format of {@code import.md}):
 * header = the kind's columns, RFC 4180 quoting, LF line ends. Rows are read in key-set pages within
 * one read-only transaction (a consistent snapshot) and streamed to the files, so memory stays flat
 * whatever the book's size. Files appear under their names only when all are complete. Needs
 * {@link Permission#DATA_EXPORT}; writes one {@code BOOK_EXPORTED} audit event.
 */
public final class BookExportService {
    private static final Logger LOG = LoggerFactory.getLogger(BookExportService.class);
    static final CSVFormat CSV = CSVFormat.RFC4180.builder().setRecordSeparator('\n').get();
    private static final int PROGRESS_ROWS = 10_000;

    private final Database database;
    private final AuditLog audit;

    public BookExportService(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /**
     * Exports the book into {@code folder} (created if missing). Refuses a folder that already holds
     * book files unless {@code overwrite}. On cancel or failure no file is left under a book name.
     */
    @Requires(Permission.DATA_EXPORT)
    public BookExportReport export(Session session, Path folder, boolean overwrite, Progress progress) {
        session.require(Permission.DATA_EXPORT);
        long started = System.nanoTime();
        ExportFolder target = ExportFolder.prepare(folder, overwrite);
        try {
            Map<BookKind, Long> rows = writeAll(target, progress);
            BookExportReport report = new BookExportReport(folder, rows, Duration.ofNanos(System.nanoTime() - started));
            database.transaction(tx -> {
                audit.record(tx, session, "BOOK_EXPORTED", "BOOK", null, null, auditDetails(report));
                publish(target);
            });
            LOG.info("Exported the book to {}: {} in {} ms", folder, report.countsText(), report.elapsed().toMillis());
            return report;
        } catch (IOException | java.io.UncheckedIOException e) {
            throw UserFacingException.keyed("export.write", "Cannot write the book to " + folder + ": " + Database.rootMessage(e)
                    + "; no book file was written.", e, folder, Database.rootMessage(e));
        } finally {
            target.discard();
        }
    }

    static String auditDetails(BookExportReport report) {
        Path name = report.folder().toAbsolutePath().normalize().getFileName();
        return report.countsText() + " rows into folder " + (name == null ? report.folder() : name);
    }

    private static void publish(ExportFolder target) {
        try {
            target.publish();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every kind into its temporary file, in load order, within one read-only snapshot of the book. */
    private Map<BookKind, Long> writeAll(ExportFolder target, Progress progress) throws IOException {
        try (Connection connection = database.unpooledConnection()) {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            DSLContext dsl = database.using(connection);
            // one snapshot for every file: a row written meanwhile cannot leave a reference dangling
            // (PostgreSQL's REPEATABLE READ is a snapshot; H2 names it SNAPSHOT)
            dsl.execute(database.dialect() == SQLDialect.POSTGRES ? "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"
                    : "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SNAPSHOT");
            Map<BookKind, KindSource> sources = new EnumMap<>(BookKind.class);
            long total = 0;
            for (BookKind kind : BookKind.values()) {
                KindSource source = BookSources.of(kind);
                sources.put(kind, source);
                total += source.count(dsl);
            }
            Map<BookKind, Long> rows = new EnumMap<>(BookKind.class);
            long[] done = {0};
            for (BookKind kind : BookKind.values()) {
                progress.checkCancelled();
                rows.put(kind, write(dsl, sources.get(kind), target.part(kind), progress, done, total));
            }
            connection.rollback();
            return rows;
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private static long write(DSLContext dsl, KindSource source, Path file, Progress progress, long[] done, long total) throws IOException {
        BookKind kind = source.kind();
        List<Column> columns = kind.columns();
        String message = "Exporting " + kind.cliName();
        progress.update(message, done[0], total);
        try (Writer writer = PrivateFiles.newWriter(file);
             CSVPrinter csv = new CSVPrinter(writer, CSV)) {
            csv.printRecord(columns.stream().map(Column::name).toList());
            String[] cells = new String[columns.size()];
            long rows = source.read(dsl, values -> {
                for (int i = 0; i < cells.length; i++) {
                    cells[i] = CellFormat.format(columns.get(i).type(), values[i]);
                }
                csv.printRecord((Object[]) cells);
                if (++done[0] % PROGRESS_ROWS == 0) {
                    progress.checkCancelled();
                    progress.update(message, done[0], total);
                }
            }, progress);
            csv.flush();
            progress.update(message, done[0], total);
            return rows;
        }
    }
}
