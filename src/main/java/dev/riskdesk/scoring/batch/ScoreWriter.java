package dev.riskdesk.scoring.batch;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.SCORE;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.Database;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.features.FeatureStore;
import dev.riskdesk.scoring.model.ScoreResult;
import dev.riskdesk.scoring.model.SubScores;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.conf.ParamType;

/**
 * The one writing thread of a batch scoring run: takes scored pages in account order and commits
 * them in chunks, each chunk's SCORE rows, changed ACCOUNT score columns, snapshot rows and the
 * jobs' LAST_KEY in one transaction. Keeps the run's counters and phase times.
 */
final class ScoreWriter {
    private final Database database;
    private final Clock clock;
    final long jobId;
    final Long featuresJob;
    final LocalDate obsDate;
    final List<AccountScore> pending = new ArrayList<>();
    final List<Boolean> pendingChanged = new ArrayList<>();
    final List<Long> pendingSnapshotIds = new ArrayList<>();
    final List<byte[]> pendingSnapshots = new ArrayList<>();
    long done;
    long thin;
    long skipped;
    long lastVisited;
    long lastCommitted;
    long insertNanos;
    long snapshotNanos;
    long accountNanos;
    long commitNanos;
    long waitNanos;
    long accountsRewritten;

    /**
     * @param featuresJob the FEATURES job whose snapshot rows are written with the scores, or null
     * @param done        accounts the job scored before (a resumed run)
     * @param after       the account the job continues after
     */
    ScoreWriter(Database database, Clock clock, long jobId, Long featuresJob, LocalDate obsDate, long done, long after) {
        this.database = database;
        this.clock = clock;
        this.jobId = jobId;
        this.featuresJob = featuresJob;
        this.obsDate = obsDate;
        this.done = done;
        this.lastVisited = after;
        this.lastCommitted = after;
    }

    void accept(ScorePage page, int chunkSize, Progress progress, long total) {
        for (int i = 0; i < page.ids().length; i++) {
            if (page.snapshots() != null) {
                pendingSnapshotIds.add(page.ids()[i]);
                pendingSnapshots.add(page.snapshots()[i]);
            }
            AccountScore s = page.scores()[i];
            if (s == null) {
                skipped++;
                continue;
            }
            pending.add(s);
            pendingChanged.add(page.changed()[i]);
            thin += s.thinFile() ? 1 : 0;
            if (pending.size() >= chunkSize) {
                // a full chunk ends at its last account: the accounts after it in this page come next time
                flush(page.ids()[i]);
                progress.update("scoring", done, total);
                progress.checkCancelled();
            }
        }
        lastVisited = page.last();
    }

    /** Writes the pending scores (and snapshot rows) and moves LAST_KEY to {@code lastKey} in one transaction. */
    void flush(long lastKey) {
        int n = pending.size();
        LocalDateTime now = LocalDateTime.now(clock);
        long t = System.nanoTime();
        long[] parts = new long[3];
        database.transaction(tx -> {
            long t0 = System.nanoTime();
            if (n > 0) {
                insertScores(tx, jobId, obsDate, now, pending);
            }
            long t1 = System.nanoTime();
            if (featuresJob != null) {
                FeatureStore.write(tx, lastCommitted, lastKey, obsDate, pendingSnapshotIds, pendingSnapshots);
                BatchJobs.advance(tx, featuresJob, lastKey, pendingSnapshotIds.size());
            }
            long t2 = System.nanoTime();
            if (n > 0) {
                accountsRewritten += updateAccounts(tx, pending, pendingChanged);
            }
            parts[0] = t1 - t0;
            parts[1] = t2 - t1;
            parts[2] = System.nanoTime() - t2;
            BatchJobs.advance(tx, jobId, lastKey, n);
        });
        insertNanos += parts[0];
        snapshotNanos += parts[1];
        accountNanos += parts[2];
        commitNanos += System.nanoTime() - t - parts[0] - parts[1] - parts[2];
        pending.clear();
        pendingChanged.clear();
        pendingSnapshotIds.clear();
        pendingSnapshots.clear();
        done += n;
        lastCommitted = lastKey;
    }

    /** Where the run's time went, with the readers' summed time. */
    ScoreRunService.Phases phases(int readers, long readNanos) {
        return new ScoreRunService.Phases(readers, readNanos / 1_000_000, insertNanos / 1_000_000, snapshotNanos / 1_000_000,
                accountNanos / 1_000_000, commitNanos / 1_000_000, waitNanos / 1_000_000, accountsRewritten);
    }

    /** SCORE rows per INSERT statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final List<TableField<?, ?>> SCORE_COLUMNS = List.of(SCORE.ACCOUNT_ID, SCORE.MODEL_ID, SCORE.JOB_ID,
            SCORE.OBSERVATION_DATE, SCORE.SCORED_AT, SCORE.SCORE_, SCORE.PD, SCORE.BAND, SCORE.THIN_FILE, SCORE.CREDIT_SUB,
            SCORE.CAPACITY_SUB, SCORE.STABILITY_SUB, SCORE.SECURITY_SUB, SCORE.REASON_CODES, SCORE.POINTS);

    private static void insertScores(DSLContext tx, long jobId, LocalDate obsDate, LocalDateTime now, List<AccountScore> chunk) {
        Date observation = Date.valueOf(obsDate);
        Timestamp scoredAt = Timestamp.valueOf(now);
        BulkInsert.jdbc(tx, SCORE, SCORE_COLUMNS, chunk.size(), ROWS_PER_INSERT, (insert, p, i) -> {
            AccountScore s = chunk.get(i);
            ScoreResult r = s.result();
            SubScores sub = s.subScores();
            insert.setLong(p + 1, s.features().accountId());
            insert.setLong(p + 2, s.modelId());
            insert.setLong(p + 3, jobId);
            insert.setDate(p + 4, observation);
            insert.setTimestamp(p + 5, scoredAt);
            insert.setInt(p + 6, r.score());
            insert.setDouble(p + 7, r.pd());
            insert.setString(p + 8, r.band().name());
            insert.setBoolean(p + 9, s.thinFile());
            insert.setInt(p + 10, sub.credit());
            insert.setInt(p + 11, sub.capacity());
            insert.setInt(p + 12, sub.stability());
            insert.setInt(p + 13, sub.security());
            insert.setString(p + 14, String.join(",", s.reasonCodes()));
            insert.setBytes(p + 15, s.packedPoints());
        });
    }

    /**
     * Copies score, band and thin-file marker to ACCOUNT for the accounts whose values changed
     * (as read by the scan); a re-score that changes nothing rewrites no account row and no index.
     */
    private static int updateAccounts(DSLContext tx, List<AccountScore> chunk, List<Boolean> changed) {
        // ACCOUNT.VERSION is left alone: scores are not operator edits and must not break their optimistic locks
        String updateSql = tx.update(ACCOUNT).set(ACCOUNT.SCORE, 0).set(ACCOUNT.SCORE_BAND, "E").set(ACCOUNT.THIN_FILE, false)
                .where(ACCOUNT.ID.eq(0L)).getSQL(ParamType.INDEXED);
        int[] count = {0};
        tx.connection(connection -> {
            try (PreparedStatement update = connection.prepareStatement(updateSql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    if (!changed.get(i)) {
                        continue;
                    }
                    AccountScore s = chunk.get(i);
                    update.setInt(1, s.result().score());
                    update.setString(2, s.result().band().name());
                    update.setBoolean(3, s.thinFile());
                    update.setLong(4, s.features().accountId());
                    update.addBatch();
                    count[0]++;
                }
                if (count[0] > 0) {
                    update.executeBatch();
                }
            }
        });
        return count[0];
    }
}
