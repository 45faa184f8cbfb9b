package dev.riskdesk.scoring.model;

import static dev.riskdesk.db.schema.Tables.MODEL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.ModelRecord;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Stores and reads models (MODEL table) and, for the governance service, makes an approved model champion. The scorecard's bins,
 * WoE, integer points and scaling are stored as JSON, so a loaded scorecard scores exactly as
 * the one that was trained.
 */
public final class ModelRepository {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Database database;
    private final Clock clock;

    public ModelRepository(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** What a new model row holds. */
    public record NewModel(String name, ModelKind kind, List<String> features, Scorecard scorecard, byte[] modelBytes,
                           JsonNode metrics, LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom, LocalDate testTo) {
    }

    /** Inserts a DRAFT model inside the caller's transaction and returns its id. */
    public long insert(DSLContext tx, Session session, NewModel m) {
        try {
            ModelRecord r = tx.newRecord(MODEL);
            r.setName(m.name());
            r.setKind(m.kind());
            r.setStatus(ModelStatus.DRAFT);
            r.setFeatures(String.join(",", m.features()));
            if (m.scorecard() != null) {
                r.setBins(JSON.writeValueAsString(m.scorecard().characteristics()));
                r.setScaling(JSON.writeValueAsString(m.scorecard().scaling()));
            }
            r.setMetrics(m.metrics() == null ? null : JSON.writeValueAsString(m.metrics()));
            r.setModelBytes(m.modelBytes());
            r.setTrainFrom(m.trainFrom());
            r.setTrainTo(m.trainTo());
            r.setTestFrom(m.testFrom());
            r.setTestTo(m.testTo());
            r.setTrainedBy(Session.actorId(session));
            r.setTrainedAt(LocalDateTime.now(clock));
            r.store();
            return r.getId();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public StoredModel load(long id) {
        ModelRecord r = database.dsl().selectFrom(MODEL).where(MODEL.ID.eq(id)).fetchOne();
        if (r == null) {
            throw new UserFacingException("There is no model " + id + ".");
        }
        return read(r);
    }

    /** The champion of a kind, or null when none was promoted yet. */
    public StoredModel champion(ModelKind kind) {
        ModelRecord r = database.dsl().selectFrom(MODEL)
                .where(MODEL.KIND.eq(kind).and(MODEL.STATUS.eq(ModelStatus.CHAMPION))).fetchOne();
        return r == null ? null : read(r);
    }

    /** The champion for accounts with a file (a scorecard or a gradient-boosted model), or null when none was promoted yet. */
    public StoredModel mainChampion() {
        ModelRecord r = database.dsl().selectFrom(MODEL)
                .where(MODEL.KIND.in(ModelKind.MAIN_SEAT).and(MODEL.STATUS.eq(ModelStatus.CHAMPION))).fetchOne();
        return r == null ? null : read(r);
    }

    /** The ids of the current champions (one per kind at most), in id order: cheap, for caches to compare. */
    public List<Long> championIds() {
        return database.dsl().select(MODEL.ID).from(MODEL).where(MODEL.STATUS.eq(ModelStatus.CHAMPION)).orderBy(MODEL.ID).fetch(MODEL.ID);
    }

    /** Every model, newest first, without the model bytes. */
    public List<StoredModel> list() {
        return database.dsl().selectFrom(MODEL).orderBy(MODEL.ID.desc()).fetch().map(this::read);
    }

    /** The champion of {@code seat} inside the caller's transaction, locked until it ends, or null when the seat has none. */
    public Long championId(DSLContext tx, ModelSeat seat) {
        return tx.select(MODEL.ID).from(MODEL).where(MODEL.KIND.in(seat.kinds()).and(MODEL.STATUS.eq(ModelStatus.CHAMPION)))
                .forUpdate().fetchOne(MODEL.ID);
    }

    /** Whether {@code seat} ever had a champion (one now, or a retired one). */
    public boolean everHadChampion(DSLContext tx, ModelSeat seat) {
        return tx.fetchExists(MODEL, MODEL.KIND.in(seat.kinds()).and(MODEL.STATUS.in(ModelStatus.CHAMPION, ModelStatus.RETIRED)));
    }

    /**
     * Makes model {@code id} the champion of its seat inside the caller's transaction and retires the champion before it;
     * returns the retired model's id (null when the seat had none). The caller checks the permission, that another
     * manager approved the change, and audits: see {@code ModelGovernanceService}, the only road to a champion.
     */
    public Long makeChampion(DSLContext tx, Session approvedBy, long id) {
        ModelKind kind = tx.select(MODEL.KIND).from(MODEL).where(MODEL.ID.eq(id)).fetchOne(MODEL.KIND);
        if (kind == null || !kind.promotable()) {
            throw new IllegalStateException("model " + id + " cannot be champion");
        }
        List<Long> retired = tx.update(MODEL).set(MODEL.STATUS, ModelStatus.RETIRED).set(MODEL.VERSION, MODEL.VERSION.plus(1))
                .where(MODEL.KIND.in(kind.seat()).and(MODEL.STATUS.eq(ModelStatus.CHAMPION)))
                .returningResult(MODEL.ID).fetch().map(rec -> rec.value1());
        tx.update(MODEL).set(MODEL.STATUS, ModelStatus.CHAMPION)
                .set(MODEL.PROMOTED_BY, Session.actorId(approvedBy))
                .set(MODEL.PROMOTED_AT, LocalDateTime.now(clock))
                .set(MODEL.VERSION, MODEL.VERSION.plus(1))
                .where(MODEL.ID.eq(id)).execute();
        return retired.isEmpty() ? null : retired.get(0);
    }

    private StoredModel read(ModelRecord r) {
        try {
            Scorecard scorecard = null;
            if (r.getBins() != null && r.getScaling() != null) {
                List<Characteristic> chars = JSON.readValue(r.getBins(), new TypeReference<List<Characteristic>>() { });
                scorecard = new Scorecard(chars, JSON.readValue(r.getScaling(), Scaling.class));
            }
            JsonNode metrics = r.getMetrics() == null ? null : JSON.readTree(r.getMetrics());
            return new StoredModel(r.getId(), r.getName(), r.getKind(), r.getStatus(),
                    Arrays.asList(r.getFeatures().split(",")), scorecard, r.getModelBytes(), metrics,
                    r.getTrainFrom(), r.getTrainTo(), r.getTestFrom(), r.getTestTo(), r.getTrainedAt(), r.getPromotedAt());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Model " + r.getId() + " has unreadable JSON: " + e.getMessage(), e);
        }
    }
}
