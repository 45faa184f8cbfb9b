package dev.riskdesk.scoring;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.SCORE;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import org.jooq.conf.ParamType;
import org.jooq.DSLContext;

/**
 * Scores accounts with the champion scorecard (thin files with the thin-file champion) at the
 * latest month in ACCOUNT_MONTH. One account on demand, or the whole book in chunks that each
 * commit their SCORE rows, the ACCOUNT score columns and the job's LAST_KEY together, so a
 * crashed or cancelled run resumes after the last committed account and writes nothing twice.
 */
public final class ScoringService {
    public static final int DEFAULT_CHUNK = 1000;
    private final Database database;
    private final ModelRepository models;
    private final AuditLog audit;
    private final Clock clock;

    public ScoringService(Database database, ModelRepository models, AuditLog audit, Clock clock) {
        this.database = database;
        this.models = models;
        this.audit = audit;
        this.clock = clock;
    }

    /** The models in force. The thin-file champion is optional: without it thin files use the scorecard. */
    public record Champions(StoredModel scorecard, StoredModel thinFile) {
        Scorecard.Bound boundScorecard() {
            return scorecard.scorecard().bindFeatures();
        }
    }

    private volatile CachedScorer cached;

    public Champions champions() {
        StoredModel sc = models.champion(ModelKind.SCORECARD);
        if (sc == null) {
            throw UserFacingException.keyed("scoring.noChampion",
                    "No scorecard has been promoted to champion yet; train one (riskdesk model train) and promote it.");
        }
        return new Champions(sc, models.champion(ModelKind.THIN_FILE));
    }

    /**
     * The scorer of the current champions, bound once and kept while they stay champions: binding
     * reads and deserialises the models, which costs more than scoring one account.
     */
    private Scorer currentScorer() {
        List<Long> ids = models.championIds();
        CachedScorer cached = this.cached;
        if (cached == null || !cached.championIds().equals(ids)) {
            cached = new CachedScorer(ids, new Scorer(champions()));
            this.cached = cached;
        }
        return cached.scorer();
    }

    private record CachedScorer(List<Long> championIds, Scorer scorer) {
    }

    /** The month scores are computed at: the latest month with history. */
    public int observationMonth() {
        int[] range = new FeatureScanner(database).monthRange();
        if (range == null) {
            throw UserFacingException.keyed("scoring.noHistory", "There is no monthly history to score.");
        }
        return range[1];
    }

    /** A scorer with its models bound once; pure, so single and batch scoring share it. */
    public static final class Scorer {
        private final Champions champions;
        private final Scorecard.Bound main;
        private final Scorecard.Bound thin;

        public Scorer(Champions champions) {
            this.champions = champions;
            this.main = champions.scorecard().scorecard().bindFeatures();
            this.thin = champions.thinFile() == null ? null : champions.thinFile().scorecard().bindFeatures();
        }

        public AccountScore score(FeatureVector v) {
            boolean useThin = v.thinFile() && thin != null;
            StoredModel model = useThin ? champions.thinFile() : champions.scorecard();
            ScoreResult r = (useThin ? thin : main).score(v);
            Scorecard sc = model.scorecard();
            return new AccountScore(v, model.id(), sc, r, SubScores.of(r.score(), sc.scaling(), v), Explanation.reasonCodes(sc, r));
        }
    }

    /** Scores one account now (nothing is written). Null when it has no history in the lookback. */
    public AccountScore scoreAccount(Session session, long accountId) {
        session.require(Permission.MODEL_VIEW);
        Scorer scorer = currentScorer();
        int obs = observationMonth();
        AccountHistory h = new FeatureScanner(database).loadOne(accountId, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs);
        if (h == null) {
            throw UserFacingException.keyed("scoring.noAccount", "There is no account " + accountId + ".", String.valueOf(accountId));
        }
        FeatureVector v = FeatureCalculator.compute(h, obs);
        return v == null ? null : scorer.score(v);
    }

    /** At most this many stored scores are read for an account's history (the newest). */
    public static final int HISTORY_LIMIT = 60;

    /** The account's score now with its explanation, and its stored scores oldest first. */
    public ScoreBreakdown breakdown(Session session, long accountId) {
        AccountScore now = scoreAccount(session, accountId);
        Explanation explanation = now == null ? null : Explanation.of(now.scorecard(), now.result());
        return new ScoreBreakdown(now, explanation, history(session, accountId));
    }

    /** The account's stored scores (SCORE table), oldest first, the newest {@link #HISTORY_LIMIT}. */
    public List<ScoreBreakdown.HistoryPoint> history(Session session, long accountId) {
        session.require(Permission.MODEL_VIEW);
        List<ScoreBreakdown.HistoryPoint> points = new ArrayList<>(database.dsl()
                .select(SCORE.SCORED_AT, SCORE.OBSERVATION_DATE, SCORE.SCORE_, SCORE.BAND).from(SCORE)
                .where(SCORE.ACCOUNT_ID.eq(accountId)).orderBy(SCORE.SCORED_AT.desc(), SCORE.ID.desc()).limit(HISTORY_LIMIT)
                .fetch(r -> new ScoreBreakdown.HistoryPoint(r.value1(), r.value2(), r.value3(), ScoreBand.valueOf(r.value4().trim()))));
        java.util.Collections.reverse(points);
        return points;
    }

    /**
     * @param featureSource where the features came from: {@code snapshot} (the feature store),
     *                      {@code history+stored} (computed and stored as the new snapshot set) or {@code history}
     * @param phases where the run's time went (milliseconds per phase, see {@link Phases}), for the benchmark
     */
    public record BatchReport(long jobId, boolean resumed, long scored, long thinFile, long skipped, long millis, String featureSource,
                              Phases phases) {
    }

    /**
     * Where a batch run's time went. Reading (features and scoring, summed over the reader
     * threads) overlaps the writing; {@code waitMillis} is how long the writer waited for readers.
     */
    public record Phases(int readers, long readMillis, long insertMillis, long snapshotMillis, long accountMillis, long commitMillis,
                         long waitMillis, long accountsRewritten) {
        public String summary() {
            return String.format(java.util.Locale.ROOT,
                    "%d reader thread(s): read+features+score %.1f s (summed); writer: SCORE insert %.1f s, FEATURE_SNAPSHOT write %.1f s,"
                            + " ACCOUNT update %.1f s (%,d rows changed), job ledger + commit %.1f s, waiting for readers %.1f s",
                    readers, readMillis / 1000.0, insertMillis / 1000.0, snapshotMillis / 1000.0, accountMillis / 1000.0, accountsRewritten,
                    commitMillis / 1000.0, waitMillis / 1000.0);
        }
    }

    /** Reader threads for a batch run: the feature pass is the larger half of the work, the writer the other. */
    public static int defaultReaders() {
        return Math.max(1, Integer.getInteger("riskdesk.score.readers", Math.min(2, Runtime.getRuntime().availableProcessors())));
    }

    /** Scores every account in chunks of {@code chunkSize}; resumes the latest unfinished run of the same models and month. */
    public BatchReport scoreAll(Session session, int chunkSize, Progress progress) {
        return scoreAll(session, chunkSize, defaultReaders(), progress);
    }

    /**
     * As {@link #scoreAll(Session, int, Progress)} with {@code readers} threads reading and scoring
     * consecutive account-id ranges ahead of the one writer, which commits chunks strictly in
     * account order: the job's LAST_KEY always marks a prefix of the book that is completely written.
     *
     * <p>Features come from the feature store when a complete, current snapshot set exists for the
     * observation date (one FEATURE_SNAPSHOT row per account); otherwise they are computed from
     * history and, when this run covers the book from its start, stored as the new set in the same
     * transactions as the scores (a FEATURES job in the ledger marks it complete at the end).
     */
    public BatchReport scoreAll(Session session, int chunkSize, int readers, Progress progress) {
        session.require(Permission.SCORE_RUN);
        if (chunkSize < 1 || readers < 1) {
            throw new IllegalArgumentException("chunk size and readers must be positive");
        }
        long start = System.currentTimeMillis();
        Champions champions = champions();
        Scorer scorer = new Scorer(champions);
        int obs = observationMonth();
        LocalDate obsDate = MonthRow.monthEnd(obs);
        String parameters = "scorecard=" + champions.scorecard().id()
                + ",thinFile=" + (champions.thinFile() == null ? "none" : champions.thinFile().id()) + ",observation=" + obsDate;
        BatchJobRecord job = database.dsl().selectFrom(BATCH_JOB)
                .where(BATCH_JOB.KIND.eq("SCORE").and(BATCH_JOB.PARAMETERS.eq(parameters))
                        .and(BATCH_JOB.STATUS.in("RUNNING", "FAILED", "CANCELLED")))
                .orderBy(BATCH_JOB.ID.desc()).limit(1).fetchOne();
        boolean resumed = job != null;
        long total = database.dsl().fetchCount(ACCOUNT);
        long after = job == null || job.getLastKey() == null ? 0 : job.getLastKey();
        FeatureStore store = new FeatureStore(database);
        String snapshotParameters = store.parameters(obsDate);
        boolean fromSnapshot = store.isComplete(snapshotParameters);
        Long featuresJob = null;
        if (!fromSnapshot) {
            BatchJobRecord unfinished = store.unfinished(snapshotParameters);
            long storedUpTo = unfinished == null || unfinished.getLastKey() == null ? 0 : unfinished.getLastKey();
            // the set is stored by this run only when it and the scores start at the same account:
            // otherwise accounts before the resume point would be missing from a set marked complete
            if (storedUpTo == after) {
                featuresJob = unfinished != null ? unfinished.getId()
                        : database.transactionResult(tx -> FeatureStore.start(tx, snapshotParameters, session.username(), LocalDateTime.now(clock), total));
            }
        }
        if (job == null) {
            job = database.transactionResult(tx -> {
                BatchJobRecord r = tx.newRecord(BATCH_JOB);
                r.setKind("SCORE");
                r.setStatus("RUNNING");
                r.setParameters(parameters);
                r.setStartedBy(session.username());
                r.setStartedAt(LocalDateTime.now(clock));
                r.setTotalItems(total);
                r.setDoneItems(0L);
                r.store();
                audit.record(tx, session, "SCORE_RUN_START", "BATCH_JOB", r.getId(), null, parameters);
                return r;
            });
        } else {
            long id = job.getId();
            database.transaction(tx -> tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, "RUNNING").where(BATCH_JOB.ID.eq(id)).execute());
        }
        long jobId = job.getId();
        Long maxId = database.dsl().select(org.jooq.impl.DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne().value1();
        Writer writer = new Writer(jobId, featuresJob, obsDate, job.getDoneItems() == null ? 0 : job.getDoneItems(), after);
        int fromMonth = obs - FeatureCalculator.LOOKBACK_MONTHS + 1;
        long taskIds = Math.max(FeatureScanner.PAGE_IDS, chunkSize);
        boolean storeFeatures = featuresJob != null;
        java.util.concurrent.atomic.AtomicLong readNanos = new java.util.concurrent.atomic.AtomicLong();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(readers, r -> {
            Thread t = new Thread(r, "score-reader");
            t.setDaemon(true);
            return t;
        });
        java.util.ArrayDeque<java.util.concurrent.Future<Page>> inflight = new java.util.ArrayDeque<>();
        try {
            long next = after;
            long last = maxId == null ? after : maxId;
            while (next < last || !inflight.isEmpty()) {
                // keep every reader busy and one page ready beyond them
                while (next < last && inflight.size() < readers + 1) {
                    long from = next;
                    long to = Math.min(last, next + taskIds);
                    inflight.add(pool.submit(() -> fromSnapshot ? readSnapshots(store, scorer, from, to, obsDate, obs, readNanos)
                            : read(scorer, from, to, fromMonth, obs, storeFeatures, readNanos)));
                    next = to;
                }
                long waitStart = System.nanoTime();
                Page page = Futures.await(inflight.poll(), "Scoring");
                writer.waitNanos += System.nanoTime() - waitStart;
                writer.accept(page, chunkSize, progress, total);
            }
            writer.flush(writer.lastVisited);
        } catch (Progress.CancelledException e) {
            finish(jobId, "CANCELLED", "Cancelled after account " + writer.lastCommitted + "; run again to resume.");
            finishFeatures(featuresJob, "CANCELLED", "Stopped with its scoring job " + jobId);
            throw e;
        } catch (RuntimeException e) {
            finish(jobId, "FAILED", e.getMessage());
            finishFeatures(featuresJob, "FAILED", e.getMessage());
            throw e;
        } finally {
            pool.shutdownNow();
        }
        progress.update("scoring", writer.done, total);
        String message = String.format(java.util.Locale.ROOT, "Scored %d accounts (%d thin-file in this run), %d without recent history skipped",
                writer.done, writer.thin, writer.skipped);
        finish(jobId, "COMPLETED", message);
        finishFeatures(featuresJob, "COMPLETED", "Stored by scoring job " + jobId);
        Phases phases = new Phases(readers, readNanos.get() / 1_000_000, writer.insertNanos / 1_000_000, writer.snapshotNanos / 1_000_000,
                writer.accountNanos / 1_000_000, writer.commitNanos / 1_000_000, writer.waitNanos / 1_000_000, writer.accountsRewritten);
        String source = fromSnapshot ? "snapshot" : storeFeatures ? "history+stored" : "history";
        return new BatchReport(jobId, resumed, writer.done, writer.thin, writer.skipped, System.currentTimeMillis() - start, source, phases);
    }

    private void finishFeatures(Long featuresJob, String status, String message) {
        if (featuresJob != null) {
            finish(featuresJob, status, message);
        }
    }

    /**
     * The visited accounts of one id range (after, last], in id order: their scores (null: no
     * recent history), whether ACCOUNT's score columns change, and the packed snapshot rows to
     * store (null when the features came from the store).
     */
    private record Page(long[] ids, AccountScore[] scores, boolean[] changed, byte[][] snapshots, long last) {
    }

    /** Collects one page's accounts as a reader visits them. */
    private static final class PageBuilder {
        final List<Long> ids = new ArrayList<>();
        final List<AccountScore> scores = new ArrayList<>();
        final List<Boolean> changed = new ArrayList<>();
        final List<byte[]> snapshots;

        PageBuilder(boolean storing) {
            snapshots = storing ? new ArrayList<>() : null;
        }

        void add(Scorer scorer, long id, FeatureVector v, Integer storedScore, String storedBand, boolean storedThinFile) {
            AccountScore s = v == null ? null : scorer.score(v);
            ids.add(id);
            scores.add(s);
            changed.add(s != null && (storedScore == null || storedScore != s.result().score() || storedThinFile != s.thinFile()
                    || storedBand == null || !storedBand.trim().equals(s.result().band().name())));
            if (snapshots != null) {
                snapshots.add(FeatureStore.pack(v));
            }
        }

        Page build(long last) {
            boolean[] flags = new boolean[changed.size()];
            long[] idArray = new long[ids.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = changed.get(i);
                idArray[i] = ids.get(i);
            }
            return new Page(idArray, scores.toArray(new AccountScore[0]), flags,
                    snapshots == null ? null : snapshots.toArray(new byte[0][]), last);
        }
    }

    private Page read(Scorer scorer, long after, long last, int fromMonth, int obs, boolean storing,
                      java.util.concurrent.atomic.AtomicLong nanos) {
        long t = System.nanoTime();
        PageBuilder page = new PageBuilder(storing);
        new FeatureScanner(database).scanRange(after, last, fromMonth, obs, Progress.NONE,
                h -> page.add(scorer, h.accountId, FeatureCalculator.compute(h, obs), h.storedScore, h.storedBand, h.storedThinFile));
        nanos.addAndGet(System.nanoTime() - t);
        return page.build(last);
    }

    private Page readSnapshots(FeatureStore store, Scorer scorer, long after, long last, LocalDate obsDate, int obs,
                               java.util.concurrent.atomic.AtomicLong nanos) {
        long t = System.nanoTime();
        PageBuilder page = new PageBuilder(false);
        store.scanRange(after, last, obsDate, obs,
                s -> page.add(scorer, s.accountId(), s.vector(), s.storedScore(), s.storedBand(), s.storedThinFile()));
        nanos.addAndGet(System.nanoTime() - t);
        return page.build(last);
    }

    /** The one writing thread's state: scored accounts not yet written, counters and phase times. */
    private final class Writer {
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

        Writer(long jobId, Long featuresJob, LocalDate obsDate, long done, long after) {
            this.jobId = jobId;
            this.featuresJob = featuresJob;
            this.obsDate = obsDate;
            this.done = done;
            this.lastVisited = after;
            this.lastCommitted = after;
        }

        void accept(Page page, int chunkSize, Progress progress, long total) {
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
                    tx.update(BATCH_JOB).set(BATCH_JOB.LAST_KEY, lastKey).set(BATCH_JOB.DONE_ITEMS, BATCH_JOB.DONE_ITEMS.plus(pendingSnapshotIds.size()))
                            .where(BATCH_JOB.ID.eq(featuresJob)).execute();
                }
                long t2 = System.nanoTime();
                if (n > 0) {
                    accountsRewritten += updateAccounts(tx, pending, pendingChanged);
                }
                parts[0] = t1 - t0;
                parts[1] = t2 - t1;
                parts[2] = System.nanoTime() - t2;
                tx.update(BATCH_JOB).set(BATCH_JOB.LAST_KEY, lastKey).set(BATCH_JOB.DONE_ITEMS, BATCH_JOB.DONE_ITEMS.plus(n))
                        .where(BATCH_JOB.ID.eq(jobId)).execute();
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
    }

    private void finish(long jobId, String status, String message) {
        database.transaction(tx -> tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, status)
                .set(BATCH_JOB.FINISHED_AT, LocalDateTime.now(clock))
                .set(BATCH_JOB.MESSAGE, message == null ? null : message.substring(0, Math.min(2000, message.length())))
                .where(BATCH_JOB.ID.eq(jobId)).execute());
    }

    /** SCORE rows per INSERT statement. */
    static final int ROWS_PER_INSERT = 100;

    private static final List<org.jooq.TableField<?, ?>> SCORE_COLUMNS = List.of(SCORE.ACCOUNT_ID, SCORE.MODEL_ID, SCORE.JOB_ID,
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
