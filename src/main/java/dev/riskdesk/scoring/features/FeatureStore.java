package dev.riskdesk.scoring.features;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.DATA_FEED;
import static dev.riskdesk.db.schema.Tables.FEATURE_SNAPSHOT;

import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.BatchJobRecord;
import dev.riskdesk.jobs.BatchJobs;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Consumer;
import org.jooq.DSLContext;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;

/**
 * The feature store: every account's {@link FeatureVector} at an observation date, packed in one
 * FEATURE_SNAPSHOT row per account, observation date and feature-set version, so a re-score reads
 * one row per account instead of its twelve to twenty-four ACCOUNT_MONTH rows.
 *
 * <p>A snapshot set is usable only when a COMPLETED job of kind FEATURES in BATCH_JOB carries
 * exactly the current {@link #parameters(LocalDate) parameters}: the feature-set version, the
 * observation date and the data version (every data feed's as-of and update time, the number of
 * accounts and the highest account id, the last completed generator job). Any feed refresh, new
 * account or regeneration changes the data version, so the old set is stale and is recomputed
 * from history. Rows of accounts without history in the lookback are stored too (an empty
 * vector), so a complete set has exactly one row per account.
 */
public final class FeatureStore {
    /**
     * Version of the feature definitions. Bump {@link #DEFINITIONS} whenever {@link FeatureCalculator}
     * computes a feature differently; the feature names and count are part of the version anyway.
     */
    static final String DEFINITIONS = "F1";
    public static final String FEATURE_SET = DEFINITIONS + "-" + Feature.COUNT + "-"
            + Integer.toHexString(java.util.Arrays.stream(Feature.values()).map(Enum::name).toList().hashCode());
    private static final byte FORMAT = 1;
    private static final byte NO_HISTORY = 0;
    private final Database database;
    private final BatchJobs jobs;

    public FeatureStore(Database database) {
        this.database = database;
        this.jobs = new BatchJobs(database);
    }

    /** What the data looks like now: changes whenever a feed, the account list or a generation changes. */
    public String dataVersion() {
        DSLContext dsl = database.dsl();
        StringBuilder s = new StringBuilder();
        for (var feed : dsl.select(DATA_FEED.CODE, DATA_FEED.AS_OF, DATA_FEED.UPDATED_AT).from(DATA_FEED).orderBy(DATA_FEED.CODE).fetch()) {
            s.append(feed.value1()).append('@').append(feed.value2()).append('/').append(feed.value3()).append(';');
        }
        var accounts = dsl.select(DSL.count(), DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne();
        Long generation = jobs.lastCompleted(JobKind.GENERATE);
        s.append("accounts=").append(accounts.value1()).append('/').append(accounts.value2()).append(";generate=").append(generation);
        return s.toString();
    }

    /** The FEATURES job parameters of the snapshot set at {@code observation} for the data as it is now. */
    public String parameters(LocalDate observation) {
        return "featureSet=" + FEATURE_SET + ",observation=" + observation + ",data=" + dataVersion();
    }

    /**
     * Whether a complete, current snapshot set exists for these parameters: the latest FEATURES job
     * at this feature set and observation date has exactly them and completed. A later job at the
     * same key (a recomputation for newer data, even one that stopped half-way) has replaced rows,
     * so an older completed job no longer vouches for the set.
     */
    public boolean isComplete(String parameters) {
        String key = parameters.substring(0, parameters.indexOf(",data=") + ",data=".length());
        BatchJobRecord latest = jobs.latest(JobKind.FEATURES, BATCH_JOB.PARAMETERS.startsWith(key));
        return latest != null && latest.getStatus() == JobStatus.COMPLETED && parameters.equals(latest.getParameters());
    }

    /** FEATURE_VALUES of one account: null (no history in the lookback) packs to one byte. */
    public static byte[] pack(FeatureVector v) {
        if (v == null) {
            return new byte[] {NO_HISTORY};
        }
        byte[] occupation = v.occupation() == null ? null : v.occupation().getBytes(StandardCharsets.UTF_8);
        int occupationLength = occupation == null ? 0 : occupation.length;
        ByteBuffer b = ByteBuffer.allocate(1 + 1 + 2 + 2 + occupationLength + Feature.COUNT * 8);
        b.put(FORMAT);
        b.put((byte) (v.thinFile() ? 1 : 0));
        b.putShort((short) v.monthsOfHistory());
        b.putShort((short) (occupation == null ? -1 : occupationLength));
        if (occupation != null) {
            b.put(occupation);
        }
        // the doubles' exact bits (NaN included): a vector read back is equal to the computed one
        for (double value : v.values()) {
            b.putLong(Double.doubleToRawLongBits(value));
        }
        return b.array();
    }

    /** The vector packed by {@link #pack}, or null for an account without history in the lookback. */
    public static FeatureVector unpack(long accountId, LocalDate observation, byte[] packed) {
        if (packed.length == 1 && packed[0] == NO_HISTORY) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(packed);
        if (b.get() != FORMAT) {
            throw new IllegalStateException("Unknown FEATURE_SNAPSHOT format for account " + accountId);
        }
        boolean thin = b.get() == 1;
        int months = b.getShort();
        int occupationLength = b.getShort();
        String occupation = null;
        if (occupationLength >= 0) {
            occupation = new String(packed, b.position(), occupationLength, StandardCharsets.UTF_8);
            b.position(b.position() + occupationLength);
        }
        double[] values = new double[Feature.COUNT];
        for (int i = 0; i < values.length; i++) {
            values[i] = Double.longBitsToDouble(b.getLong());
        }
        return new FeatureVector(accountId, observation, values, occupation, months, thin);
    }

    /** One account's stored vector and its ACCOUNT score columns as read by a snapshot scan. */
    public record Stored(long accountId, FeatureVector vector, Integer storedScore, String storedBand, boolean storedThinFile) {
    }

    /**
     * Calls {@code sink} per account with id in (after, last], in id order: ACCOUNT (for the
     * stored score) merged with its snapshot row. Accounts without a snapshot row (which a
     * complete set does not have) are computed from history, one query each.
     */
    public void scanRange(long after, long lastAccountId, LocalDate observation, int obs, Consumer<Stored> sink) {
        DSLContext dsl = database.dsl();
        Long maxId = dsl.select(DSL.max(ACCOUNT.ID)).from(ACCOUNT).fetchOne().value1();
        long last = maxId == null ? after : Math.min(lastAccountId, maxId);
        String accountSql = dsl.select(ACCOUNT.ID, ACCOUNT.SCORE, ACCOUNT.SCORE_BAND, ACCOUNT.THIN_FILE).from(ACCOUNT)
                .where(ACCOUNT.ID.gt(0L).and(ACCOUNT.ID.le(0L))).orderBy(ACCOUNT.ID).getSQL(ParamType.INDEXED);
        String snapshotSql = dsl.select(FEATURE_SNAPSHOT.ACCOUNT_ID, FEATURE_SNAPSHOT.FEATURE_VALUES).from(FEATURE_SNAPSHOT)
                .where(FEATURE_SNAPSHOT.ACCOUNT_ID.gt(0L).and(FEATURE_SNAPSHOT.ACCOUNT_ID.le(0L))
                        .and(FEATURE_SNAPSHOT.OBSERVATION_DATE.eq(LocalDate.of(2000, 1, 1))).and(FEATURE_SNAPSHOT.FEATURE_SET.eq("")))
                .orderBy(FEATURE_SNAPSHOT.ACCOUNT_ID).getSQL(ParamType.INDEXED);
        Date observationDate = Date.valueOf(observation);
        try (Connection connection = last - after > FeatureScanner.PAGE_IDS ? database.unpooledConnection() : database.connection();
             PreparedStatement a = connection.prepareStatement(accountSql);
             PreparedStatement s = connection.prepareStatement(snapshotSql)) {
            a.setFetchSize(5000);
            s.setFetchSize(5000);
            for (long pageAfter = after; pageAfter < last; pageAfter += FeatureScanner.PAGE_IDS * 5) {
                long pageLast = Math.min(last, pageAfter + FeatureScanner.PAGE_IDS * 5);
                a.setLong(1, pageAfter);
                a.setLong(2, pageLast);
                s.setLong(1, pageAfter);
                s.setLong(2, pageLast);
                s.setDate(3, observationDate);
                s.setString(4, FEATURE_SET);
                try (ResultSet ar = a.executeQuery(); ResultSet sr = s.executeQuery()) {
                    boolean pending = sr.next();
                    while (ar.next()) {
                        long id = ar.getLong(1);
                        int score = ar.getInt(2);
                        Integer storedScore = ar.wasNull() ? null : score;
                        String band = ar.getString(3);
                        boolean thin = ar.getBoolean(4);
                        while (pending && sr.getLong(1) < id) {
                            pending = sr.next();
                        }
                        FeatureVector v;
                        if (pending && sr.getLong(1) == id) {
                            v = unpack(id, observation, sr.getBytes(2));
                            pending = sr.next();
                        } else {
                            AccountHistory h = new FeatureScanner(database).loadOne(id, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs);
                            v = h == null ? null : FeatureCalculator.compute(h, obs);
                        }
                        sink.accept(new Stored(id, v, storedScore, band, thin));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Feature snapshot scan failed: " + e.getMessage(), e);
        }
    }

    /** Snapshot rows per INSERT statement. */
    static final int ROWS_PER_INSERT = 100;

    /**
     * Replaces the snapshot rows of accounts in (after, last] at this observation date and feature
     * set with {@code ids}/{@code values}, inside the caller's transaction.
     */
    public static void write(DSLContext tx, long after, long last, LocalDate observation, List<Long> ids, List<byte[]> values) {
        Date observationDate = Date.valueOf(observation);
        // rows of a stale set at the same key are replaced; an index range scan when there are none
        tx.deleteFrom(FEATURE_SNAPSHOT).where(FEATURE_SNAPSHOT.ACCOUNT_ID.gt(after).and(FEATURE_SNAPSHOT.ACCOUNT_ID.le(last))
                .and(FEATURE_SNAPSHOT.OBSERVATION_DATE.eq(observation)).and(FEATURE_SNAPSHOT.FEATURE_SET.eq(FEATURE_SET))).execute();
        BulkInsert.jdbc(tx, FEATURE_SNAPSHOT, List.of(FEATURE_SNAPSHOT.ACCOUNT_ID, FEATURE_SNAPSHOT.OBSERVATION_DATE,
                FEATURE_SNAPSHOT.FEATURE_SET, FEATURE_SNAPSHOT.FEATURE_VALUES), ids.size(), ROWS_PER_INSERT, (insert, p, i) -> {
            insert.setLong(p + 1, ids.get(i));
            insert.setDate(p + 2, observationDate);
            insert.setString(p + 3, FEATURE_SET);
            insert.setBytes(p + 4, values.get(i));
        });
    }
}
