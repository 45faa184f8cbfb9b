package dev.riskdesk.exchange.history;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD;
import static dev.riskdesk.db.schema.Tables.DATA_LOAD_FILE;

import dev.riskdesk.db.Database;
import dev.riskdesk.exchange.load.LoadReport.Outcome;
import dev.riskdesk.portfolio.PortfolioSummaryService;
import dev.riskdesk.portfolio.PortfolioSummaryService.FeedStatus;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * What the Data screen reads: each feed's as-of, lag on the business clock and tolerance, and the
 * history of loads, newest first, each with its files. Read-only. It needs {@link Permission#DATA_IMPORT}:
 * the load history names who loaded what from where, which is the import's own operating record
 * (everyone already sees the feeds' freshness on the overview).
 */
public final class DataHistoryService {
    /** How many loads the screen lists; older ones stay in the database and the audit log. */
    public static final int LOADS_SHOWN = 200;

    private final Database database;
    private final Clock clock;

    public DataHistoryService(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** One file of a load with its SHA-256 and counts; {@code kind} as stored (a {@code BookKind} name). */
    public record LoadFile(String fileName, String kind, String sha256, String encoding,
                           long rowsNew, long rowsChanged, long rowsUnchanged, long rowsRejected) {
    }

    /** One load (or dry run): who, when, from which folder, what it did, and its files in name order. */
    public record Load(long id, LocalDateTime startedAt, LocalDateTime finishedAt, String operatorName, String sourceName,
                       Outcome outcome, boolean firstLoad, long rowsNew, long rowsChanged, long rowsUnchanged,
                       long rowsRejected, String rejectFile, List<LoadFile> files) {
        public Load {
            files = List.copyOf(files);
        }
    }

    /** The screen's contents at {@code readAt}; a feed is stale when it lags beyond its tolerance. */
    public record History(List<FeedStatus> feeds, List<Load> loads, LocalDateTime readAt) {
        public History {
            feeds = List.copyOf(feeds);
            loads = List.copyOf(loads);
        }
    }

    @Requires(Permission.DATA_IMPORT)

    public History history(Session session) {
        session.require(Permission.DATA_IMPORT);
        DSLContext dsl = database.dsl();
        LocalDateTime now = LocalDateTime.now(clock);
        return new History(PortfolioSummaryService.feeds(dsl, now), loads(dsl), now);
    }

    private static List<Load> loads(DSLContext dsl) {
        var rows = dsl.selectFrom(DATA_LOAD).orderBy(DATA_LOAD.STARTED_AT.desc(), DATA_LOAD.ID.desc()).limit(LOADS_SHOWN).fetch();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<LoadFile>> files = new LinkedHashMap<>();
        for (var f : dsl.selectFrom(DATA_LOAD_FILE).where(DATA_LOAD_FILE.LOAD_ID.in(rows.getValues(DATA_LOAD.ID)))
                .orderBy(DATA_LOAD_FILE.LOAD_ID, DATA_LOAD_FILE.FILE_NAME).fetch()) {
            files.computeIfAbsent(f.getLoadId(), id -> new ArrayList<>()).add(new LoadFile(f.getFileName(), f.getKind(),
                    f.getSha256(), f.getEncoding(), f.getRowsNew(), f.getRowsChanged(), f.getRowsUnchanged(), f.getRowsRejected()));
        }
        List<Load> loads = new ArrayList<>(rows.size());
        for (var r : rows) {
            loads.add(new Load(r.getId(), r.getStartedAt(), r.getFinishedAt(), r.getOperatorName(), r.getSourceName(),
                    Outcome.valueOf(r.getStatus()), r.getFirstLoad(), r.getRowsNew(), r.getRowsChanged(), r.getRowsUnchanged(),
                    r.getRowsRejected(), r.getRejectFile(), files.getOrDefault(r.getId(), List.of())));
        }
        return loads;
    }
}
