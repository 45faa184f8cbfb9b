package dev.riskdesk.exchange.load;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;

import dev.riskdesk.accounts.ChangedAccounts;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TableReset;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadReport.Counts;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobLease;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads a lender's book, or a daily delta of it, from the book's CSV files ({@link BookKind}).
 *
 * <p>Every file is read and validated before anything is written (the first pass also matches every
 * row against the database, as the write will, so its counts are the ones a load would give). By
 * default one problem rejects the whole load: nothing is written and the load history says so;
 * {@code acceptPartial} writes the valid rows and counts the rest. Every problem goes to the reject
 * file. One import runs at a time (the IMPORT job lease). Its progress message is the name of the
 * file being read; callers word it in their language. Problems carry a bundle key besides their
 * English sentence ({@link LoadProblem}).
 *
 * <p>Crash safety: a load into a book that already holds data (a delta) is one transaction, so a
 * killed one leaves the book as it was. A first load into an empty book commits its rows in short
 * transactions like the generator (decision 6) under a RUNNING IMPORT job, and records its history,
 * feeds and audit event in its last commit; an unfinished one (the process died) is removed by
 * {@link #discardUnfinished} before the next import, so the book is as before that load.
 */
public final class BookImportService {
    private static final Logger LOG = LoggerFactory.getLogger(BookImportService.class);
    /** The audit action of a load that wrote rows (COMPLETED or PARTIAL). */
    public static final String AUDIT_IMPORTED = "BOOK_IMPORTED";
    /** The audit action of a load refused because of problems. */
    public static final String AUDIT_REJECTED = "BOOK_IMPORT_REJECTED";
    static final int DEFAULT_TOLERANCE_HOURS = 24;
    private static final String FIRST_LOAD = "firstLoad=true";

    private final Database database;
    private final AuditLog audit;
    private final Clock clock;
    private final BatchJobs jobs;
    private final JobLease lease;
    private final Supplier<Map<String, Integer>> cityTiers;
    private final Function<LoadRequest, BookSource> sources;

    public BookImportService(Database database, AuditLog audit, Clock clock) {
        this(database, audit, clock, CityTiers::load, null);
    }

    BookImportService(Database database, AuditLog audit, Clock clock, Supplier<Map<String, Integer>> cityTiers,
            Function<LoadRequest, BookSource> sources) { // sources null: the request's files
        this.database = database;
        this.audit = audit;
        this.clock = clock;
        this.jobs = new BatchJobs(database);
        this.lease = new JobLease(database);
        this.cityTiers = memoized(cityTiers);
        this.sources = sources != null ? sources : request -> new FileBookSource(request, CityTiers.of(this.cityTiers.get()));
    }

    /**
     * Reads and validates the request's files and matches their rows against the book, writing
     * nothing: the report's counts are what a load would do, its problems what would reject it.
     * Problems also go to the reject file. Records nothing in the database.
     */
    @Requires(Permission.DATA_IMPORT)
    public LoadReport validate(Session session, LoadRequest request, Progress progress) {
        session.require(Permission.DATA_IMPORT);
        BookSource source = sources.apply(request);
        Check check = check(request, source, progress);
        String rejects = check.problems.isEmpty() ? null : writeRejects(request, check.problems);
        return new LoadReport(0, Outcome.DRY_RUN, check.counts, check.problems, rejects, check.accountsTouched, Map.of());
    }

    /** Loads the request's files (a dry-run request only validates); see the class comment for the rules it keeps. */
    @Requires(Permission.DATA_IMPORT)
    public LoadReport load(Session session, LoadRequest request, Progress progress) {
        session.require(Permission.DATA_IMPORT);
        if (request.dryRun()) {
            return validate(session, request, progress);
        }
        BookSource source = sources.apply(request);
        discardUnfinished();
        LocalDateTime started = now();
        boolean firstLoad = bookEmpty();
        String parameters = "source=" + request.sourceName() + ", kinds=" + source.kinds() + (firstLoad ? ", " + FIRST_LOAD : "");
        long jobId = lease.start(JobKind.IMPORT, () -> database.transactionResult(tx -> BatchJobs.start(tx, JobKind.IMPORT, parameters,
                session.username(), started, 0)));
        try (JobLease.Renewal heartbeat = lease.keepAlive(jobId)) {
            Check check = check(request, source, progress);
            if (!check.problems.isEmpty() && !request.acceptPartial()) {
                return rejected(session, request, check, jobId, started, firstLoad, check.problems);
            }
            return write(session, request, source, check, jobId, started, firstLoad, progress);
        } catch (RuntimeException | Error e) {
            endJob(jobId, e instanceof Progress.CancelledException ? JobStatus.CANCELLED : JobStatus.FAILED, Database.rootMessage(e));
            throw e;
        }
    }

    /** What the first pass found: problems, the lines they reject, counts as a load would give them, file facts. */
    private static final class Check {
        final List<LoadProblem> problems = new ArrayList<>();
        final Map<BookKind, Set<Long>> badLines = new EnumMap<>(BookKind.class);
        final Map<BookKind, Boolean> wholeFileBad = new EnumMap<>(BookKind.class);
        final Map<BookKind, Counts> counts = new LinkedHashMap<>();
        final Map<BookKind, BookSource.FileFacts> files = new LinkedHashMap<>();
        final Map<String, LocalDateTime> feedsInLoad = new HashMap<>();
        Map<BookKind, LocalDateTime> newestEvents = Map.of();
        long accountsTouched;

        void problem(BookKind kind, LoadProblem p) {
            problems.add(p);
            if (p.line() <= 0) {
                wholeFileBad.put(kind, true);
            } else {
                badLines.computeIfAbsent(kind, k -> new java.util.HashSet<>()).add(p.line());
            }
        }

        boolean skip(BookKind kind, long line) {
            return wholeFileBad.getOrDefault(kind, false) || badLines.getOrDefault(kind, Set.of()).contains(line);
        }
    }

    /** The first pass: reads every file, and matches its field-valid rows as a dry-run write would. */
    private Check check(LoadRequest request, BookSource source, Progress progress) {
        Check check = new Check();
        try (Connection c = database.connection()) {
            RowMapping.Context context = new RowMapping.Context(cityTiers.get(), now(), request.asOf());
            source.beginCheck(database.using(c), request.asOf());
            try (BookWriter writer = new BookWriter(c, database.using(c), true, false, context)) {
                for (BookKind kind : source.kinds()) {
                    progress.checkCancelled();
                    progress.update(source.fileName(kind), 0, 1);
                    BookWriter.KindLoad load = writer.start(kind, source.fileName(kind));
                    BookSource.FileFacts facts = source.check(kind, row -> add(load, row), p -> check.problem(kind, p));
                    Counts counts = load.finish();
                    load.problems().forEach(p -> check.problem(kind, p));
                    check.files.put(kind, facts);
                    check.counts.put(kind, counts);
                    if (kind == BookKind.FEEDS) {
                        noteFeeds(source, check);
                    }
                }
                check.newestEvents = Map.copyOf(writer.newestEvents());
                check.accountsTouched = writer.touchedAccounts().size();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        withRejectedCounts(check);
        return check;
    }

    private static void add(BookWriter.KindLoad load, BookRow row) {
        try {
            load.add(row);
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static void noteFeeds(BookSource source, Check check) {
        source.read(BookKind.FEEDS, r -> {
            if (!check.skip(BookKind.FEEDS, r.line())) {
                check.feedsInLoad.put((String) r.get(0), (LocalDateTime) r.get(1));
            }
        }, p -> { });
    }

    /** The counts with each kind's rejected rows: the distinct lines with a problem (all lines of a rejected file are not rows). */
    private static void withRejectedCounts(Check check) {
        check.counts.replaceAll((kind, c) -> new Counts(c.added(), c.changed(), c.unchanged(),
                check.badLines.getOrDefault(kind, Set.of()).size()));
    }

    /** A load with problems and no acceptPartial: nothing written but its history row and audit event. */
    private LoadReport rejected(Session session, LoadRequest request, Check check, long jobId, LocalDateTime started, boolean firstLoad,
            List<LoadProblem> problems) {
        String rejects = writeRejects(request, problems);
        Map<BookKind, Counts> nothing = new LinkedHashMap<>();
        check.counts.forEach((k, c) -> nothing.put(k, new Counts(0, 0, 0, c.rejected())));
        long loadId = database.transactionResult(tx -> {
            long id = LoadHistory.record(tx, new LoadHistory.Entry(jobId, started, now(), session, request.sourceName(), Outcome.REJECTED,
                    firstLoad, nothing, check.files, rejects));
            audit.record(tx, session, AUDIT_REJECTED, "DATA_LOAD", id, problems.size() + " problems",
                    LoadHistory.details(Outcome.REJECTED, request.sourceName(), nothing, Map.of(), 0));
            BatchJobs.finish(tx, jobId, JobStatus.COMPLETED, now(), "Rejected: " + problems.size() + " problems, nothing written");
            return id;
        });
        return new LoadReport(loadId, Outcome.REJECTED, nothing, problems, rejects, 0, Map.of());
    }

    /** The second pass: writes the valid rows, then the feeds, the accounts to re-evaluate, the history and the audit event. */
    private LoadReport write(Session session, LoadRequest request, BookSource source, Check check, long jobId, LocalDateTime started,
            boolean firstLoad, Progress progress) {
        LocalDateTime asOf = asOf(request, check);
        RowMapping.Context context = new RowMapping.Context(cityTiers.get(), started, asOf);
        List<LoadProblem> problems = new ArrayList<>(check.problems);
        Map<BookKind, Counts> counts = new LinkedHashMap<>();
        try (Connection c = database.unpooledConnection()) {
            c.setAutoCommit(false);
            DSLContext tx = database.using(c);
            try {
                if (firstLoad) {
                    TableReset.referentialChecks(tx, KindTable.FIRST_LOAD_DELETE_ORDER, false);
                }
                Map<String, LocalDateTime> feedsBefore = feeds(tx);
                Set<Long> touched;
                Map<BookKind, LocalDateTime> newest;
                try (BookWriter writer = new BookWriter(c, tx, false, firstLoad, context)) {
                    for (BookKind kind : source.kinds()) {
                        counts.put(kind, writeKind(writer, source, kind, check, problems, progress));
                    }
                    touched = writer.touchedAccounts();
                    newest = writer.newestEvents();
                }
                if (problems.size() > check.problems.size() && !request.acceptPartial()) {
                    // the write found what the check did not (a file changed between the passes): nothing stays
                    throw new FilesChanged(problems.subList(check.problems.size(), problems.size()));
                }
                if (firstLoad) {
                    TableReset.referentialChecks(tx, KindTable.FIRST_LOAD_DELETE_ORDER, true);
                }
                moveFeeds(tx, source.kinds(), check, newest, request.asOf(), started);
                keepFeedsForward(tx, feedsBefore);
                Map<String, LocalDateTime> moved = moved(feedsBefore, feeds(tx));
                long accounts = markChanged(tx, touched, moved.keySet(), started);
                Outcome outcome = problems.isEmpty() ? Outcome.COMPLETED : Outcome.PARTIAL;
                String rejects = problems.isEmpty() ? null : writeRejects(request, problems);
                long loadId = LoadHistory.record(tx, new LoadHistory.Entry(jobId, started, now(), session, request.sourceName(), outcome,
                        firstLoad, counts, check.files, rejects));
                audit.record(tx, session, AUDIT_IMPORTED, "DATA_LOAD", loadId, null,
                        LoadHistory.details(outcome, request.sourceName(), counts, moved, accounts));
                BatchJobs.finish(tx, jobId, JobStatus.COMPLETED, now(), outcome + ": " + LoadHistory.total(counts));
                c.commit();
                LOG.info("Import {} of {}: {}", loadId, request.sourceName(), LoadHistory.total(counts));
                return new LoadReport(loadId, outcome, counts, problems, rejects, accounts, moved);
            } catch (FilesChanged e) {
                undo(c, firstLoad);
                List<LoadProblem> all = new ArrayList<>(check.problems);
                all.addAll(e.problems);
                Check again = check;
                again.problems.clear();
                again.problems.addAll(all);
                return rejected(session, request, again, jobId, started, firstLoad, all);
            } catch (SQLException e) {
                undo(c, firstLoad);
                throw new IllegalStateException(e.getMessage(), e);
            } catch (RuntimeException | Error e) {
                undo(c, firstLoad);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static final class FilesChanged extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<LoadProblem> problems;

        FilesChanged(List<LoadProblem> problems) {
            super("problems found while writing", null, false, false);
            this.problems = List.copyOf(problems);
        }
    }

    private Counts writeKind(BookWriter writer, BookSource source, BookKind kind, Check check, List<LoadProblem> problems, Progress progress) {
        BookWriter.KindLoad load = writer.start(kind, source.fileName(kind));
        long[] done = {0};
        String file = source.fileName(kind);
        long total = check.counts.get(kind) == null ? 0 : check.counts.get(kind).total();
        BookSource.FileFacts facts = source.read(kind, row -> {
            if (check.skip(kind, row.line())) {
                return;
            }
            add(load, row);
            if (++done[0] % BookWriter.BATCH == 0) {
                progress.checkCancelled();
                progress.update(file, done[0], total);
            }
        }, p -> { });
        BookSource.FileFacts before = check.files.get(kind);
        if (before != null && !Objects.equals(before.sha256(), facts.sha256())) {
            throw new FilesChanged(List.of(new LoadProblem(facts.file(), 0, "", "", LoadProblem.Text.of("data.problem.changed"))));
        }
        try {
            Counts c = load.finish();
            problems.addAll(load.problems());
            return new Counts(c.added(), c.changed(), c.unchanged(), check.badLines.getOrDefault(kind, Set.of()).size() + c.rejected());
        } catch (SQLException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The load's as-of: the request's, else the newest in feeds.csv, else the newest event in the files, else now. */
    private LocalDateTime asOf(LoadRequest request, Check check) {
        if (request.asOf() != null) {
            return request.asOf();
        }
        return check.feedsInLoad.values().stream().max(LocalDateTime::compareTo)
                .or(() -> check.newestEvents.values().stream().max(LocalDateTime::compareTo)).orElse(now());
    }

    /**
     * Moves the feed of each event kind the load holds to what the load covers: feeds.csv's value when the
     * load has it (written as a row of its own), else the request's as-of, else the kind's newest event;
     * never backwards.
     */
    private static void moveFeeds(DSLContext tx, List<BookKind> kinds, Check check, Map<BookKind, LocalDateTime> newest, LocalDateTime asOf,
            LocalDateTime now) {
        for (BookKind kind : kinds) {
            if (kind.feed().isEmpty() || check.feedsInLoad.containsKey(kind.feed().get())) {
                continue;
            }
            LocalDateTime target = asOf != null ? asOf : newest.get(kind);
            if (target == null) {
                continue;
            }
            String feed = kind.feed().get();
            int moved = tx.update(DATA_FEED).set(DATA_FEED.AS_OF, target).set(DATA_FEED.UPDATED_AT, now)
                    .where(DATA_FEED.CODE.eq(feed)).and(DATA_FEED.AS_OF.lt(target)).execute();
            if (moved == 0 && !tx.fetchExists(DATA_FEED, DATA_FEED.CODE.eq(feed))) {
                tx.insertInto(DATA_FEED).set(DATA_FEED.CODE, feed).set(DATA_FEED.AS_OF, target)
                        .set(DATA_FEED.TOLERANCE_HOURS, DEFAULT_TOLERANCE_HOURS).set(DATA_FEED.UPDATED_AT, now).execute();
            }
        }
    }

    /**
     * A load never moves a feed back in time: a feeds.csv older than the book (an old folder loaded again,
     * or samples loaded into a newer book) leaves the book's as-of where it was.
     */
    private static void keepFeedsForward(DSLContext tx, Map<String, LocalDateTime> before) {
        before.forEach((feed, asOf) -> tx.update(DATA_FEED).set(DATA_FEED.AS_OF, asOf)
                .where(DATA_FEED.CODE.eq(feed)).and(DATA_FEED.AS_OF.lt(asOf)).execute());
    }

    /**
     * Marks for {@code policy run --changed} the accounts the load's rows touched and those waiting for a feed it moved;
     * returns how many accounts the next incremental run has to evaluate.
     */
    private static long markChanged(DSLContext tx, Set<Long> touched, Set<String> movedFeeds, LocalDateTime now) {
        ChangedAccounts.touch(tx, touched, now);
        for (String feed : movedFeeds) {
            ChangedAccounts.touchAwaitingFeed(tx, feed, now);
        }
        return ChangedAccounts.count(tx);
    }

    private static Map<String, LocalDateTime> feeds(DSLContext tx) {
        Map<String, LocalDateTime> feeds = new HashMap<>();
        for (Record2<String, LocalDateTime> r : tx.select(DATA_FEED.CODE, DATA_FEED.AS_OF).from(DATA_FEED).fetch()) {
            feeds.put(r.value1(), r.value2());
        }
        return feeds;
    }

    private static Map<String, LocalDateTime> moved(Map<String, LocalDateTime> before, Map<String, LocalDateTime> after) {
        Map<String, LocalDateTime> moved = new java.util.TreeMap<>();
        after.forEach((feed, asOf) -> {
            if (!asOf.equals(before.get(feed))) {
                moved.put(feed, asOf);
            }
        });
        return moved;
    }

    /** Leaves the book as before the load: rolls the transaction back, and for a first load empties what its commits wrote. */
    private void undo(Connection c, boolean firstLoad) {
        try {
            c.rollback();
            if (firstLoad) {
                DSLContext tx = database.using(c);
                TableReset.empty(tx, KindTable.FIRST_LOAD_DELETE_ORDER);
                TableReset.referentialChecks(tx, KindTable.FIRST_LOAD_DELETE_ORDER, true);
                c.commit();
            }
        } catch (SQLException | RuntimeException e) {
            LOG.error("Could not undo the import", e);
            throw UserFacingException.keyed("import.undoFailed", "The import stopped and what it wrote could not be removed ("
                    + Database.rootMessage(e) + "); run the import again to remove it.", e, Database.rootMessage(e));
        }
    }

    private void endJob(long jobId, JobStatus status, String message) {
        try {
            jobs.finish(jobId, status, now(), message);
        } catch (RuntimeException e) {
            LOG.warn("Could not record the end of import job {}: {}", jobId, Database.rootMessage(e));
        }
    }

    /**
     * After a first load that never finished (its process died, so its IMPORT job is still RUNNING and
     * nothing was undone): empties the tables it fills and closes the job, so the book is as before that
     * load. A delta needs nothing removed (it is one transaction); its job is closed. Does nothing while a
     * live import holds the lease. Returns whether rows were removed.
     */
    public boolean discardUnfinished() {
        if (lease.held(JobKind.IMPORT)) {
            return false;
        }
        List<BatchJobRecord> unfinished = database.dsl().selectFrom(BATCH_JOB).where(BATCH_JOB.KIND.eq(JobKind.IMPORT))
                .and(BATCH_JOB.STATUS.eq(JobStatus.RUNNING)).fetch();
        boolean removed = false;
        for (BatchJobRecord job : unfinished) {
            if (job.getParameters() != null && job.getParameters().contains(FIRST_LOAD)) {
                LOG.warn("Removing the rows of first load {} left by an interrupted import", job.getId());
                DSLContext dsl = database.dsl();
                TableReset.empty(dsl, KindTable.FIRST_LOAD_DELETE_ORDER);
                TableReset.referentialChecks(dsl, KindTable.FIRST_LOAD_DELETE_ORDER, true);
                removed = true;
            }
            database.transaction(tx -> tx.update(BATCH_JOB).set(BATCH_JOB.STATUS, JobStatus.FAILED).set(BATCH_JOB.FINISHED_AT, now())
                    .set(BATCH_JOB.MESSAGE, "Interrupted; nothing of it was kept").set(BATCH_JOB.LEASE_KIND, (JobKind) null)
                    .where(BATCH_JOB.ID.eq(job.getId())).execute());
        }
        return removed;
    }

    /** True when the book holds no customer, account or event: a load into it is a first load. */
    private boolean bookEmpty() {
        DSLContext dsl = database.dsl();
        for (var table : KindTable.FIRST_LOAD_DELETE_ORDER) {
            if (dsl.fetchExists(table)) {
                return false;
            }
        }
        return true;
    }

    private String writeRejects(LoadRequest request, List<LoadProblem> problems) {
        Path target = RejectFile.target(request.rejectFile(), request.files().values(), now());
        RejectFile.write(target, problems);
        return target.toString();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock).withNano(0);
    }

    private static <T> Supplier<T> memoized(Supplier<T> supplier) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
