package dev.riskdesk.scoring.batch;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.jobs.ReadAhead;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureStore;
import dev.riskdesk.scoring.features.MonthRow;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.jooq.impl.DSL;

/**
 * The batch scoring job ({@code riskdesk score --all}): scores the whole book with the champions
 * in chunks that each commit their SCORE rows, the ACCOUNT score columns and the job's LAST_KEY
 * together, so a crashed or cancelled run resumes after the last committed account and writes
 * nothing twice. One account on demand is {@link ScoringService}.
 */
public final class ScoreRunService {
    public static final int DEFAULT_CHUNK = 1000;

    private final Database database;
    private final ModelRepository models;
    private final AuditLog audit;
    private final Clock clock;
    private final BatchJobs jobs;
    private final JobLease lease;
    private final Supplier<ProtectedAttributes> protectedAttributes;

    /** A run whose reason codes leave out the default protected attributes. */
    public ScoreRunService(Database database, ModelRepository models, AuditLog audit, Clock clock) {
        this(database, models, audit, clock, () -> ProtectedAttributes.DEFAULT);
    }

    /** @param protectedAttributes the active limit policy's protected attributes, read when a run starts */
    public ScoreRunService(Database database, ModelRepository models, AuditLog audit, Clock clock,
            Supplier<ProtectedAttributes> protectedAttributes) {
        this.protectedAttributes = protectedAttributes;
        this.database = database;
        this.models = models;
        this.audit = audit;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
        this.lease = new JobLease(database);
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
            return String.format(Locale.ROOT,
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
    @Requires(Permission.SCORE_RUN)
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
    @Requires(Permission.SCORE_RUN)
    public BatchReport scoreAll(Session session, int chunkSize, int readers, Progress progress) {
        session.require(Permission.SCORE_RUN);
        if (chunkSize < 1 || readers < 1) {
            throw new IllegalArgumentException("chunk size and readers must be positive");
        }
        long start = System.currentTimeMillis();
        Plan plan = plan(session);
        ScoreWriter writer = new ScoreWriter(database, clock, plan.jobId(), plan.featuresJob(), plan.obsDate(), plan.done(), plan.after());
        AtomicLong readNanos = new AtomicLong();
        try {
            writer.waitNanos = readAndWrite(plan, writer, chunkSize, readers, readNanos, progress);
        } catch (Progress.CancelledException e) {
            finish(plan, JobStatus.CANCELLED, "Cancelled after account " + writer.lastCommitted + "; run again to resume.",
                    "Stopped with its scoring job " + plan.jobId());
            throw e;
        } catch (RuntimeException e) {
            finish(plan, JobStatus.FAILED, e.getMessage(), e.getMessage());
            throw e;
        }
        progress.update("scoring", writer.done, plan.total());
        finish(plan, JobStatus.COMPLETED, String.format(Locale.ROOT,
                "Scored %d accounts (%d thin-file in this run), %d without recent history skipped", writer.done, writer.thin, writer.skipped),
                "Stored by scoring job " + plan.jobId());
        String source = plan.fromSnapshot() ? "snapshot" : plan.featuresJob() != null ? "history+stored" : "history";
        return new BatchReport(plan.jobId(), plan.resumed(), writer.done, writer.thin, writer.skipped, System.currentTimeMillis() - start,
                source, writer.phases(readers, readNanos.get()));
    }

    /**
     * A run's set-up: the scorer, the observation month, its SCORE job (new or resumed) and, when
     * this run stores the snapshot set, its FEATURES job.
     */
    private record Plan(ScoringService.Scorer scorer, int obs, LocalDate obsDate, long jobId, boolean resumed, long done, long after,
                        long total, FeatureStore store, boolean fromSnapshot, Long featuresJob) {
    }

    private Plan plan(Session session) {
        ScoringService.Champions champions = ScoringService.Champions.current(models);
        ScoringService.Scorer scorer = new ScoringService.Scorer(champions, protectedAttributes.get());
        int obs = ScoringService.observationMonth(database);
        LocalDate obsDate = MonthRow.monthEnd(obs);
        String parameters = "scorecard=" + champions.main().id()
                + ",thinFile=" + (champions.thinFile() == null ? "none" : champions.thinFile().id()) + ",observation=" + obsDate;
        BatchJobRecord job = jobs.unfinished(JobKind.SCORE, parameters);
        long total = database.dsl().fetchCount(ACCOUNT);
        long after = job == null || job.getLastKey() == null ? 0 : job.getLastKey();
        long jobId;
        long done = 0;
        if (job == null) {
            jobId = lease.start(JobKind.SCORE, () -> database.transactionResult(tx -> {
                long id = BatchJobs.start(tx, JobKind.SCORE, parameters, session.username(), LocalDateTime.now(clock), total);
                audit.record(tx, session, "SCORE_RUN_START", "BATCH_JOB", id, null, parameters);
                return id;
            }));
        } else {
            jobId = job.getId();
            done = job.getDoneItems() == null ? 0 : job.getDoneItems();
            lease.claim(JobKind.SCORE, jobId, session.username());
            jobs.resume(jobId, null);
        }
        // the FEATURES job is written under the SCORE job's lease
        try {
            FeatureStore store = new FeatureStore(database);
            String snapshotParameters = store.parameters(obsDate);
            boolean fromSnapshot = store.isComplete(snapshotParameters);
            Long featuresJob = fromSnapshot ? null : featuresJob(session, snapshotParameters, after, total);
            return new Plan(scorer, obs, obsDate, jobId, job != null, done, after, total, store, fromSnapshot, featuresJob);
        } catch (RuntimeException e) {
            jobs.finish(jobId, JobStatus.FAILED, LocalDateTime.now(clock), e.getMessage());
            throw e;
        }
    }

    /**
     * The FEATURES job this run stores the snapshot set under (an unfinished one resumed, or a new
     * one), or null when it stores none: the set is stored by this run only when it and the scores
     * start at the same account, otherwise accounts before the resume point would be missing from a
     * set marked complete.
     */
    private Long featuresJob(Session session, String snapshotParameters, long after, long total) {
        BatchJobRecord unfinished = jobs.unfinished(JobKind.FEATURES, snapshotParameters);
        long storedUpTo = unfinished == null || unfinished.getLastKey() == null ? 0 : unfinished.getLastKey();
        if (storedUpTo != after) {
            return null;
        }
        return unfinished != null ? unfinished.getId()
                : database.transactionResult(tx -> BatchJobs.start(tx, JobKind.FEATURES, snapshotParameters, session.username(),
                        LocalDateTime.now(clock), total));
    }

    /** Reads pages ahead on {@code readers} threads and writes them in account order; returns how long the writer waited. */
    private long readAndWrite(Plan plan, ScoreWriter writer, int chunkSize, int readers, AtomicLong readNanos, Progress progress) {
        Long maxId = database.dsl().select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne().value1();
        long last = maxId == null ? plan.after() : maxId;
        long taskIds = Math.max(FeatureScanner.PAGE_IDS, chunkSize);
        int fromMonth = plan.obs() - FeatureCalculator.LOOKBACK_MONTHS + 1;
        boolean storing = plan.featuresJob() != null;
        // keep every reader busy and one page ready beyond them
        try (ReadAhead<ScorePage> pages = new ReadAhead<>("score-reader", readers, readers + 1, plan.after(),
                from -> from < last ? Math.min(last, from + taskIds) : null,
                (from, to) -> plan.fromSnapshot() ? readSnapshots(plan, from, to, readNanos)
                        : read(plan.scorer(), from, to, fromMonth, plan.obs(), storing, readNanos))) {
            for (ScorePage page = pages.next(); page != null; page = pages.next()) {
                writer.accept(page, chunkSize, progress, plan.total());
            }
            writer.flush(writer.lastVisited);
            return pages.waitNanos();
        }
    }

    /** Ends the SCORE job and its FEATURES job in one transaction, so a kill between them cannot leave one RUNNING. */
    private void finish(Plan plan, JobStatus status, String message, String featuresMessage) {
        LocalDateTime now = LocalDateTime.now(clock);
        database.transaction(tx -> {
            BatchJobs.finish(tx, plan.jobId(), status, now, message);
            if (plan.featuresJob() != null) {
                BatchJobs.finish(tx, plan.featuresJob(), status, now, featuresMessage);
            }
        });
    }

    private ScorePage read(ScoringService.Scorer scorer, long after, long last, int fromMonth, int obs, boolean storing, AtomicLong nanos) {
        long t = System.nanoTime();
        ScorePage.Builder page = new ScorePage.Builder(scorer, storing);
        new FeatureScanner(database).scanRange(after, last, fromMonth, obs, Progress.NONE,
                h -> page.add(h.accountId, FeatureCalculator.compute(h, obs), h.storedScore, h.storedBand, h.storedThinFile));
        nanos.addAndGet(System.nanoTime() - t);
        return page.build(last);
    }

    private static ScorePage readSnapshots(Plan plan, long after, long last, AtomicLong nanos) {
        long t = System.nanoTime();
        ScorePage.Builder page = new ScorePage.Builder(plan.scorer(), false);
        plan.store().scanRange(after, last, plan.obsDate(), plan.obs(),
                s -> page.add(s.accountId(), s.vector(), s.storedScore(), s.storedBand(), s.storedThinFile()));
        nanos.addAndGet(System.nanoTime() - t);
        return page.build(last);
    }
}
