package dev.riskdesk.scoring.model;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.MODEL;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.ModelRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Stores and reads models (MODEL table) and promotes a draft to champion. The scorecard's bins,
 * WoE, integer points and scaling are stored as JSON, so a loaded scorecard scores exactly as
 * the one that was trained.
 */
public final class ModelRepository {
    static final ObjectMapper JSON = new ObjectMapper();
    private final Database database;
    private final AuditLog audit;
    private final Clock clock;

    public ModelRepository(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
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

    /**
     * Makes a draft (or retired) model the champion of its seat and retires the old one, with an audit
     * event in the same transaction: a scorecard or a gradient-boosted model for accounts with a file
     * (promoting one retires the champion of the other kind), a thin-file scorecard for thin files.
     * Needs {@link Permission#MODEL_PROMOTE}.
     */
    @Requires(Permission.MODEL_PROMOTE)
    public void promote(Session session, long id, String reason) {
        session.require(Permission.MODEL_PROMOTE);
        TextLimit.PROMOTE_REASON.check(reason);
        database.transaction(tx -> {
            ModelRecord r = tx.selectFrom(MODEL).where(MODEL.ID.eq(id)).forUpdate().fetchOne();
            if (r == null) {
                throw new UserFacingException("There is no model " + id + ".");
            }
            ModelKind kind = r.getKind();
            if (!kind.promotable()) {
                throw new UserFacingException("Model " + id + " is a " + kind + " challenger; it cannot be champion, because it cannot explain a score in points.");
            }
            if (r.getStatus() == ModelStatus.CHAMPION) {
                throw new UserFacingException("Model " + id + " is already the champion.");
            }
            List<Long> retired = tx.update(MODEL).set(MODEL.STATUS, ModelStatus.RETIRED).set(MODEL.VERSION, MODEL.VERSION.plus(1))
                    .where(MODEL.KIND.in(kind.seat()).and(MODEL.STATUS.eq(ModelStatus.CHAMPION)))
                    .returningResult(MODEL.ID).fetch().map(rec -> rec.value1());
            tx.update(MODEL).set(MODEL.STATUS, ModelStatus.CHAMPION)
                    .set(MODEL.PROMOTED_BY, Session.actorId(session))
                    .set(MODEL.PROMOTED_AT, LocalDateTime.now(clock))
                    .set(MODEL.VERSION, MODEL.VERSION.plus(1))
                    .where(MODEL.ID.eq(id)).execute();
            audit.record(tx, session, "MODEL_PROMOTE", "MODEL", id, reason,
                    "kind=" + kind + ", retired=" + retired);
        });
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
