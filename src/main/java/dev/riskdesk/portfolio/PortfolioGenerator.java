package dev.riskdesk.portfolio;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;

import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.AppSettings;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseInfo;
import dev.riskdesk.db.TableReset;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.macro.MacroSeries;
import dev.riskdesk.macro.MacroSeriesStore;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the demo portfolio into an empty database: customers simulated one by one on the
 * calling thread, rows written by a second thread in JDBC batches (a bounded queue between them,
 * so memory stays flat whatever the size). Cancelling or failing removes everything it wrote.
 */
public final class PortfolioGenerator {
    private static final Logger LOG = LoggerFactory.getLogger(PortfolioGenerator.class);
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");
    static final int CUSTOMERS_PER_CHUNK = 500;
    static final int QUEUE_CHUNKS = 4;
    static final int FEED_TOLERANCE_HOURS = 24;
    /**
     * The repayment feed is a nightly settlement file already {@link Timeline#REPAYMENT_FEED_LAG} behind the book's as-of,
     * so a day's tolerance would mark it stale from 02:00 on the book's own day; it gets two, and goes stale about
     * when the other feeds do.
     */
    static final int REPAYMENT_FEED_TOLERANCE_HOURS = 48;
    static final List<String> FEEDS = List.of("BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES");

    private final Database database;
    private final AuditLog audit;
    private final BatchJobs jobs;
    private final JobLease lease;
    private final Supplier<ReferenceData> referenceData;

    public PortfolioGenerator(Database database) {
        this(database, new AuditLog(Clock.system(BUSINESS_ZONE)));
    }

    public PortfolioGenerator(Database database, AuditLog audit) {
        this(database, audit, ReferenceData::load);
    }

    public PortfolioGenerator(Database database, Supplier<ReferenceData> referenceData) {
        this(database, new AuditLog(Clock.system(BUSINESS_ZONE)), referenceData);
    }

    public PortfolioGenerator(Database database, AuditLog audit, Supplier<ReferenceData> referenceData) {
        this.database = database;
        this.audit = audit;
        this.jobs = new BatchJobs(database);
        this.lease = new JobLease(database);
        this.referenceData = referenceData;
    }

    /** Generates the book as {@code session}'s operator, who needs DATA_GENERATE; the finished book is audited under that name. */
    @Requires(Permission.DATA_GENERATE)
    public GenerationReport generate(Session session, GeneratorOptions options, Progress progress) {
        session.require(Permission.DATA_GENERATE);
        long started = System.nanoTime();
        DSLContext dsl = database.dsl();
        try {
            refuseNonEmpty(dsl);
        } catch (UserFacingException e) {
            throw lease.refusalIfHeld(JobKind.GENERATE, e); // the book fills because a generation runs
        }
        ReferenceData ref = referenceData.get();
        MacroSeries macro = MacroSeries.load(); // read before anything is written: a bad file refuses the generation
        Timeline timeline = new Timeline(options.months(), options.detailMonths(), options.asOf(), ref.festivals());
        progress.update("Preparing the demo portfolio", 0, options.customers());
        long jobId = lease.start(JobKind.GENERATE, () -> BatchJobs.start(dsl, JobKind.GENERATE, parameters(options), "generator", now(),
                options.customers()));
        JobLease.Renewal heartbeat = lease.keepAlive(jobId);
        CustomerSimulator simulator = new CustomerSimulator(ref, timeline, options.seed());
        Writer writer = new Writer(options.customers(), progress);
        Thread writerThread = new Thread(writer, "portfolio-writer");
        writerThread.setDaemon(true);
        try {
            // the simulator links every row to a parent it wrote before (PortfolioGeneratorTest re-checks every
            // foreign key), so H2 need not look up the parent of each of tens of millions of rows
            referentialChecks(dsl, false);
            writerThread.start();
            simulateAll(options, progress, simulator, writer, writerThread);
            progress.update("Finishing the demo portfolio", options.customers(), options.customers());
            return finishRun(session, dsl, options, jobId, timeline, simulator, writer, heartbeat, started, macro);
        } catch (Progress.CancelledException e) {
            stop(writer, writerThread);
            undo(dsl, jobId);
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(writer, writerThread);
            undo(dsl, jobId);
            throw new Progress.CancelledException();
        } catch (RuntimeException | Error e) {
            stop(writer, writerThread);
            undo(dsl, jobId);
            if (e instanceof UserFacingException) {
                throw e;
            }
            LOG.error("Portfolio generation failed", e);
            throw UserFacingException.keyed("generate.failed", "Generating the demo portfolio failed (" + Database.rootMessage(e)
                    + "); everything it wrote was removed.", e, Database.rootMessage(e));
        } finally {
            heartbeat.close();
        }
    }

    /** Simulates every customer into chunks for the writer, then waits for the writer to store them all. */
    private static void simulateAll(GeneratorOptions options, Progress progress, CustomerSimulator simulator, Writer writer,
            Thread writerThread) throws InterruptedException {
        int chunkSize = CUSTOMERS_PER_CHUNK;
        Chunk chunk = null;
        for (int i = 0; i < options.customers(); i++) {
            if (chunk == null) {
                chunk = writer.emptyChunk(chunkSize);
                if (progress.isCancelled()) {
                    throw new Progress.CancelledException();
                }
                writer.rethrow();
            }
            simulator.simulate(i, chunk);
            if (chunk.customerCount == chunkSize) {
                writer.put(chunk);
                chunk = null;
            }
        }
        if (chunk != null) {
            writer.put(chunk);
        }
        writer.put(Chunk.END);
        writerThread.join();
        writer.rethrow();
        if (progress.isCancelled()) {
            throw new Progress.CancelledException();
        }
    }

    /** Completes the job, turns the foreign-key checks back on and reports what was generated. */
    private GenerationReport finishRun(Session session, DSLContext dsl, GeneratorOptions options, long jobId, Timeline timeline,
            CustomerSimulator simulator, Writer writer, JobLease.Renewal heartbeat, long started, MacroSeries macro) {
        LocalDateTime asOfTime = timeline.time(timeline.asOfSec);
        LocalDateTime repaymentsAsOf = timeline.time(timeline.repaymentsAsOfSec);
        heartbeat.close();
        finish(session, dsl, options, jobId, asOfTime, repaymentsAsOf, writer.rows, macro);
        referentialChecks(dsl, true);
        Map<String, Long> scenarios = new LinkedHashMap<>();
        for (Scenario s : Scenario.values()) {
            scenarios.put(s.name(), simulator.run.scenarioCounts[s.ordinal()]);
        }
        GenerationReport report = new GenerationReport(options, jobId, Map.copyOf(writer.rows), scenarios,
                simulator.run.accounts, simulator.run.defaulted, asOfTime, repaymentsAsOf,
                Duration.ofNanos(System.nanoTime() - started));
        LOG.info("Generated {} customers x {} months: {} rows in {} ms", options.customers(), options.months(),
                report.totalRows(), report.elapsed().toMillis());
        return report;
    }

    /** True when a generation ran to its end on this database (its GENERATE job is COMPLETED). */
    public boolean finishedBookExists() {
        return jobs.lastCompleted(JobKind.GENERATE) != null;
    }

    /**
     * After a generation that never finished (the process was killed, so its job is still RUNNING and
     * nothing was undone): empties the generated tables and removes the job rows, so generation can
     * start again. Does nothing when a finished book exists, a live generation holds the lease, or
     * nothing was written. Returns whether anything was removed.
     */
    public boolean discardUnfinished() {
        DSLContext dsl = database.dsl();
        if (finishedBookExists() || lease.held(JobKind.GENERATE)) {
            return false; // a book, or one a live generation is still writing
        }
        boolean partial = jobs.latest(JobKind.GENERATE, DSL.noCondition()) != null;
        for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
            partial |= dsl.fetchExists(spec.table());
        }
        if (!partial) {
            return false;
        }
        LOG.warn("Removing a partly generated portfolio left by an interrupted generation");
        emptyAll(dsl);
        referentialChecks(dsl, true);
        BatchJobs.deleteAll(dsl, JobKind.GENERATE);
        return true;
    }

    private static void refuseNonEmpty(DSLContext dsl) {
        int customers = dsl.fetchCount(CUSTOMER);
        if (customers > 0) {
            throw UserFacingException.keyed("generate.notEmpty", "The database already holds " + customers
                    + " customers; the demo portfolio can only be generated into an empty database, so choose a new file with --db.", customers);
        }
        for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
            if (dsl.fetchExists(spec.table())) {
                throw UserFacingException.keyed("generate.tableNotEmpty", "The database already holds rows in " + spec.table().getName()
                        + "; the demo portfolio can only be generated into an empty database, so choose a new file with --db.",
                        spec.table().getName());
            }
        }
    }

    /**
     * The next generated id of the table is {@code next}: the generator wrote its ids itself. On PostgreSQL through the
     * column's sequence (setval needs only the application role's UPDATE on it; ALTER TABLE needs the table's owner).
     */
    private static void restartIdentity(DSLContext tx, GeneratedTables.Spec spec, long next) {
        if (tx.dialect() == SQLDialect.POSTGRES) {
            tx.resultQuery("SELECT setval(pg_get_serial_sequence({0}, {1}), {2}, false)", DSL.inline(spec.table().getName().toLowerCase(Locale.ROOT)),
                    DSL.inline(spec.identity().getName().toLowerCase(Locale.ROOT)), DSL.inline(next)).fetch();
        } else {
            tx.query("ALTER TABLE {0} ALTER COLUMN {1} RESTART WITH {2}", spec.table(), DSL.name(spec.identity().getName()), DSL.inline(next)).execute();
        }
    }

    private void finish(Session session, DSLContext dsl, GeneratorOptions options, long jobId, LocalDateTime asOfTime,
            LocalDateTime repaymentsAsOf, Map<String, Long> rows, MacroSeries macro) {
        LocalDateTime now = now();
        database.transaction(tx -> {
            for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
                if (spec.identity() != null) {
                    Long max = tx.select(DSL.max(spec.identity())).from(spec.table()).fetchOne(0, Long.class);
                    restartIdentity(tx, spec, max == null ? 1 : max + 1);
                }
            }
            for (String feed : FEEDS) {
                boolean repayments = feed.equals("REPAYMENTS");
                LocalDateTime asOf = repayments ? repaymentsAsOf : asOfTime;
                int tolerance = repayments ? REPAYMENT_FEED_TOLERANCE_HOURS : FEED_TOLERANCE_HOURS;
                tx.mergeInto(DATA_FEED)
                        .using(DSL.selectOne())
                        .on(DATA_FEED.CODE.eq(feed))
                        .whenMatchedThenUpdate().set(DATA_FEED.AS_OF, asOf).set(DATA_FEED.TOLERANCE_HOURS, tolerance)
                        .set(DATA_FEED.UPDATED_AT, now)
                        .whenNotMatchedThenInsert(DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.TOLERANCE_HOURS, DATA_FEED.UPDATED_AT)
                        .values(feed, asOf, tolerance, now)
                        .execute();
            }
            MacroSeriesStore.seedIfEmpty(tx, macro, now); // the book's macro series, which the limit engine reads
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put(DatabaseInfo.DEMO_SETTING, "true");
            settings.put("generator.seed", Long.toString(options.seed()));
            settings.put("generator.asOf", options.asOf().toString());
            settings.put("generator.customers", Integer.toString(options.customers()));
            settings.put("generator.months", Integer.toString(options.months()));
            settings.put("generator.detailMonths", Integer.toString(options.detailMonths()));
            settings.forEach((key, value) -> AppSettings.put(tx, key, value, now));
            audit.record(tx, session, "PORTFOLIO_GENERATED", "BATCH_JOB", jobId, null, options.toString());
            long total = rows.values().stream().mapToLong(Long::longValue).sum();
            // customers are generated by number: the last key is the count, and every one is done
            BatchJobs.advance(tx, jobId, options.customers(), options.customers());
            BatchJobs.finish(tx, jobId, JobStatus.COMPLETED, now, "Generated " + options.customers() + " customers, " + total + " rows");
        });
    }

    /** Empties the generated tables, children first, and removes the job row: the database is as it was. */
    private void undo(DSLContext dsl, long jobId) {
        try {
            emptyAll(dsl);
            referentialChecks(dsl, true);
            BatchJobs.delete(dsl, jobId);
        } catch (RuntimeException e) {
            LOG.error("Could not remove the partly generated portfolio", e);
            throw UserFacingException.keyed("generate.undoFailed", "Generation stopped and the partly generated portfolio could not be removed ("
                    + Database.rootMessage(e) + "); delete the database file and generate again.", e, Database.rootMessage(e));
        }
    }

    /**
     * Turns H2's foreign-key checks of the generated tables off (while the generator fills an empty book)
     * or back on, without re-checking the rows (NOCHECK): the generator's rows are consistent by construction.
     */
    private static void referentialChecks(DSLContext dsl, boolean on) {
        TableReset.referentialChecks(dsl, GeneratedTables.INSERT_ORDER.stream().map(GeneratedTables.Spec::table).toList(), on);
    }

    /** Empties the generated tables, children first. */
    private static void emptyAll(DSLContext dsl) {
        TableReset.empty(dsl, GeneratedTables.DELETE_ORDER.stream().map(GeneratedTables.Spec::table).toList());
    }

    private static void stop(Writer writer, Thread thread) {
        writer.abort();
        try {
            thread.join(TimeUnit.MINUTES.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String parameters(GeneratorOptions o) {
        return "customers=" + o.customers() + ", months=" + o.months() + ", seed=" + o.seed() + ", detailMonths="
                + o.detailMonths() + ", asOf=" + o.asOf();
    }

    static LocalDateTime now() {
        return LocalDateTime.now(BUSINESS_ZONE).withNano(0);
    }


    /** The writing thread: one connection outside the pool, autocommit off, a commit per 1,024 rows (BulkWriter). */
    private final class Writer implements Runnable {
        private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(QUEUE_CHUNKS);
        private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(QUEUE_CHUNKS + 2);
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private volatile boolean aborted;
        private final long totalCustomers;
        private final Progress progress;
        final Map<String, Long> rows = new LinkedHashMap<>();

        Writer(long totalCustomers, Progress progress) {
            this.totalCustomers = totalCustomers;
            this.progress = progress;
            for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
                rows.put(spec.table().getName(), 0L);
            }
        }

        Chunk emptyChunk(int size) throws InterruptedException {
            Chunk c = free.poll();
            if (c == null) {
                int allocated = allocatedChunks++;
                if (allocated < QUEUE_CHUNKS + 2) {
                    return new Chunk(size);
                }
                while ((c = free.poll(200, TimeUnit.MILLISECONDS)) == null) {
                    rethrow();
                    if (aborted) {
                        throw new Progress.CancelledException();
                    }
                }
            }
            return c;
        }

        private int allocatedChunks;

        void put(Chunk chunk) throws InterruptedException {
            while (!queue.offer(chunk, 200, TimeUnit.MILLISECONDS)) {
                rethrow();
                if (aborted) {
                    throw new Progress.CancelledException();
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error err) {
                throw err;
            }
            if (t != null) {
                throw new IllegalStateException(t.getMessage(), t);
            }
        }

        void abort() {
            aborted = true;
            queue.clear();
            queue.offer(Chunk.END);
        }

        @Override
        public void run() {
            List<BulkWriter> writers = new ArrayList<>();
            try (Connection connection = database.unpooledConnection()) {
                connection.setAutoCommit(false);
                try {
                    for (GeneratedTables.Spec spec : GeneratedTables.INSERT_ORDER) {
                        writers.add(new BulkWriter(connection, database.dialect(), spec.table(), spec.fields()));
                    }
                    long done = 0;
                    while (true) {
                        Chunk chunk = queue.take();
                        if (chunk == Chunk.END || aborted) {
                            break;
                        }
                        RowBuffer[] buffers = chunk.inInsertOrder();
                        for (int i = 0; i < buffers.length; i++) {
                            writers.get(i).write(buffers[i]);
                            rows.merge(buffers[i].table.getName(), (long) buffers[i].rows(), Long::sum);
                        }
                        done += chunk.customerCount;
                        chunk.clear();
                        free.offer(chunk);
                        progress.update("Generating the demo portfolio", done, totalCustomers);
                    }
                } finally {
                    for (BulkWriter w : writers) {
                        w.close();
                    }
                    if (aborted) {
                        connection.rollback();
                    }
                }
            } catch (SQLException | RuntimeException | InterruptedException e) {
                failure.set(e instanceof SQLException ? new IllegalStateException(e.getMessage(), e) : e);
                aborted = true;
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
