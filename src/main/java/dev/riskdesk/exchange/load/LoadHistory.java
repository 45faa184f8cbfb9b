package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.DATA_LOAD;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD_FILE;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadReport.Counts;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.security.Session;
import java.time.LocalDateTime;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The history of loads: one DATA_LOAD row per load (who, when, the source folder's name, the outcome
 * and the row counts) and one DATA_LOAD_FILE row per file (its SHA-256, encoding and counts), written
 * in the transaction of the load's data.
 */
final class LoadHistory {
    private LoadHistory() {
    }

    /** What a load did, as its history rows record it. */
    record Entry(long jobId, LocalDateTime startedAt, LocalDateTime finishedAt, Session session, String sourceName, Outcome outcome,
                 boolean firstLoad, Map<BookKind, Counts> counts, Map<BookKind, BookSource.FileFacts> files, String rejectFile) {
    }

    /** Writes the load's rows; returns the DATA_LOAD id. */
    static long record(DSLContext tx, Entry e) {
        Counts total = total(e.counts());
        long id = tx.insertInto(DATA_LOAD).set(DATA_LOAD.JOB_ID, e.jobId() > 0 ? e.jobId() : null)
                .set(DATA_LOAD.STARTED_AT, e.startedAt()).set(DATA_LOAD.FINISHED_AT, e.finishedAt())
                .set(DATA_LOAD.OPERATOR_ID, Session.actorId(e.session())).set(DATA_LOAD.OPERATOR_NAME, e.session().username())
                .set(DATA_LOAD.SOURCE_NAME, cut(e.sourceName(), 255)).set(DATA_LOAD.STATUS, e.outcome().name())
                .set(DATA_LOAD.FIRST_LOAD, e.firstLoad()).set(DATA_LOAD.ROWS_NEW, total.added()).set(DATA_LOAD.ROWS_CHANGED, total.changed())
                .set(DATA_LOAD.ROWS_UNCHANGED, total.unchanged()).set(DATA_LOAD.ROWS_REJECTED, total.rejected())
                .set(DATA_LOAD.REJECT_FILE, cut(e.rejectFile(), 1000))
                .returning(DATA_LOAD.ID).fetchOne().getId();
        for (Map.Entry<BookKind, BookSource.FileFacts> f : e.files().entrySet()) {
            Counts c = e.counts().getOrDefault(f.getKey(), new Counts(0, 0, 0, 0));
            tx.insertInto(DATA_LOAD_FILE).set(DATA_LOAD_FILE.LOAD_ID, id).set(DATA_LOAD_FILE.FILE_NAME, cut(f.getValue().file(), 255))
                    .set(DATA_LOAD_FILE.KIND, f.getKey().name())
                    .set(DATA_LOAD_FILE.SHA256, f.getValue().sha256() == null ? "-".repeat(64) : f.getValue().sha256())
                    .set(DATA_LOAD_FILE.ENCODING, cut(f.getValue().encoding() == null ? "unknown" : f.getValue().encoding(), 20))
                    .set(DATA_LOAD_FILE.ROWS_NEW, c.added()).set(DATA_LOAD_FILE.ROWS_CHANGED, c.changed())
                    .set(DATA_LOAD_FILE.ROWS_UNCHANGED, c.unchanged()).set(DATA_LOAD_FILE.ROWS_REJECTED, c.rejected()).execute();
        }
        return id;
    }

    static Counts total(Map<BookKind, Counts> counts) {
        long a = 0;
        long c = 0;
        long u = 0;
        long r = 0;
        for (Counts k : counts.values()) {
            a += k.added();
            c += k.changed();
            u += k.unchanged();
            r += k.rejected();
        }
        return new Counts(a, c, u, r);
    }

    /** The audit event's details: the outcome and the counts per file. */
    static String details(Outcome outcome, String sourceName, Map<BookKind, Counts> counts, Map<String, LocalDateTime> feedsMoved,
            long accountsTouched) {
        Counts t = total(counts);
        StringBuilder b = new StringBuilder(String.format("%s from %s: %d new, %d changed, %d unchanged, %d rejected", outcome, sourceName,
                t.added(), t.changed(), t.unchanged(), t.rejected()));
        counts.forEach((k, c) -> b.append(String.format("; %s %d/%d/%d/%d", k.fileName(), c.added(), c.changed(), c.unchanged(), c.rejected())));
        if (!feedsMoved.isEmpty()) {
            b.append("; feeds moved: ").append(feedsMoved);
        }
        b.append("; accounts to re-evaluate: ").append(accountsTouched);
        return cut(b.toString(), 8000);
    }

    private static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
