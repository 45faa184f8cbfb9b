package dev.riskdesk.scoring.governance;

import static dev.riskdesk.db.schema.Tables.MODEL;
import static dev.riskdesk.db.schema.Tables.MODEL_PROMOTION;
import static dev.riskdesk.db.schema.Tables.OPERATOR;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.ModelPromotionRecord;
import dev.riskdesk.db.schema.tables.records.ModelRecord;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ModelSeat;
import dev.riskdesk.scoring.model.ModelStatus;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Requires;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Who may change a champion, and how: maker-checker, as for limit policy versions. A manager requests the promotion of
 * a model (or the rollback of a seat to the champion the current one replaced), saying why; a second, different manager
 * approves it, and only then the model becomes champion and the one before it is retired, or declines it, saying why;
 * the requester may withdraw it. Each step checks its permission and writes its audit event in the transaction of the
 * change, the approval naming both managers. An approval is refused when the seat's champion or the model changed since
 * the request was made. The first champion of a seat that never had one takes effect at once, as the first version of
 * the limit policy is seeded without a maker: there is no champion to replace and no score to change.
 */
public final class ModelGovernanceService {
    private final Database database;
    private final ModelRepository models;
    private final AuditLog audit;
    private final Clock clock;

    public ModelGovernanceService(Database database, ModelRepository models, AuditLog audit, Clock clock) {
        this.database = database;
        this.models = models;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every request, newest first, with the model it names and who asked and decided. */
    @Requires(Permission.MODEL_VIEW)
    public List<PromotionRequest> requests(Session session) {
        session.require(Permission.MODEL_VIEW);
        return rows(database.dsl(), null);
    }

    /** The request {@code id}. */
    @Requires(Permission.MODEL_VIEW)
    public PromotionRequest request(Session session, long id) {
        session.require(Permission.MODEL_VIEW);
        return find(database.dsl(), id);
    }

    /**
     * Asks for model {@code modelId} to become the champion of its seat; another manager approves it. When the seat never
     * had a champion, the model becomes its first champion at once (the returned request is then APPROVED, kind FIRST).
     */
    @Requires(Permission.MODEL_PROMOTE)
    public PromotionRequest requestPromotion(Session session, long modelId, String reason) {
        session.require(Permission.MODEL_PROMOTE);
        String why = reason(reason, "Say why the model should be champion.");
        return database.transactionResult(tx -> {
            ModelRecord model = lockModel(tx, modelId);
            if (!model.getKind().promotable()) {
                throw UserFacingException.keyed("model.promotion.notPromotable", "Model " + modelId + " is a " + model.getKind()
                        + " challenger; it cannot be champion, because it cannot explain a score in points.", modelId, model.getKind());
            }
            if (model.getStatus() == ModelStatus.CHAMPION) {
                throw UserFacingException.keyed("model.promotion.alreadyChampion", "Model " + modelId + " is the champion already.", modelId);
            }
            ModelSeat seat = ModelSeat.of(model.getKind());
            Long champion = models.championId(tx, seat);
            if (champion == null && !models.everHadChampion(tx, seat)) {
                long id = insert(tx, session, model, PromotionKind.FIRST, PromotionStatus.APPROVED, why, null);
                tx.update(MODEL_PROMOTION).set(MODEL_PROMOTION.DECIDED_BY, Session.actorId(session)).set(MODEL_PROMOTION.DECIDED_AT, now())
                        .where(MODEL_PROMOTION.ID.eq(id)).execute();
                models.makeChampion(tx, session, modelId);
                audit.record(tx, session, "MODEL_FIRST_CHAMPION", "MODEL", modelId, why,
                        "model " + modelId + " (" + model.getKind() + ") first champion of the " + seat.label() + "; request " + id);
                return find(tx, id);
            }
            requireNoPendingRequest(tx, modelId);
            long id = insert(tx, session, model, PromotionKind.PROMOTION, PromotionStatus.REQUESTED, why, champion);
            audit.record(tx, session, "MODEL_PROMOTION_REQUESTED", "MODEL_PROMOTION", id, why,
                    "model " + modelId + " (" + model.getKind() + ") to replace champion " + champion + " of the " + seat.label());
            return find(tx, id);
        });
    }

    /**
     * Asks for {@code seat} to go back to the champion the current one replaced; another manager approves it. Refused
     * when the seat has no champion or its champion was the seat's first.
     */
    @Requires(Permission.MODEL_PROMOTE)
    public PromotionRequest requestRollback(Session session, ModelSeat seat, String reason) {
        session.require(Permission.MODEL_PROMOTE);
        String why = reason(reason, "Say why the seat should go back to its previous champion.");
        return database.transactionResult(tx -> {
            Long champion = models.championId(tx, seat);
            if (champion == null) {
                throw UserFacingException.keyed("model.rollback.noChampion", "The " + seat.label() + " has no champion to roll back.", seat.label());
            }
            Long previous = tx.select(MODEL_PROMOTION.CHAMPION_ID).from(MODEL_PROMOTION)
                    .where(MODEL_PROMOTION.MODEL_ID.eq(champion).and(MODEL_PROMOTION.STATUS.eq(PromotionStatus.APPROVED)))
                    .orderBy(MODEL_PROMOTION.ID.desc()).limit(1).fetchOne(MODEL_PROMOTION.CHAMPION_ID);
            if (previous == null) {
                throw UserFacingException.keyed("model.rollback.noPrevious", "Model " + champion + " is the first champion of the " + seat.label()
                        + ": there is no previous champion to roll back to.", champion, seat.label());
            }
            ModelRecord model = lockModel(tx, previous);
            requireNoPendingRequest(tx, previous);
            long id = insert(tx, session, model, PromotionKind.ROLLBACK, PromotionStatus.REQUESTED, why, champion);
            audit.record(tx, session, "MODEL_ROLLBACK_REQUESTED", "MODEL_PROMOTION", id, why,
                    "model " + previous + " (" + model.getKind() + ") back in place of champion " + champion + " of the " + seat.label());
            return find(tx, id);
        });
    }

    /**
     * A second manager approves request {@code requestId}: its model becomes champion and the champion before it is
     * retired, in one transaction with the audit event that names both managers.
     */
    @Requires(Permission.MODEL_APPROVE)
    public PromotionRequest approve(Session session, long requestId) {
        session.require(Permission.MODEL_APPROVE);
        return database.transactionResult(tx -> {
            PromotionRequest r = find(tx, requestId);
            requireChecker(session, r);
            requirePending(r, "approved");
            ModelRecord model = lockModel(tx, r.modelId());
            Long champion = models.championId(tx, r.seat());
            int version = tx.select(MODEL_PROMOTION.MODEL_VERSION).from(MODEL_PROMOTION).where(MODEL_PROMOTION.ID.eq(requestId))
                    .fetchOne(MODEL_PROMOTION.MODEL_VERSION);
            if (!java.util.Objects.equals(champion, r.championId())) {
                throw UserFacingException.keyed("model.promotion.championChanged", "The champion of the " + r.seat().label() + " changed since request "
                        + requestId + " was made: decline it and ask again.", r.seat().label(), requestId);
            }
            if (model.getVersion() != version) {
                throw modelChanged(r);
            }
            decide(tx, session, r, PromotionStatus.APPROVED, null);
            Long retired = models.makeChampion(tx, session, r.modelId());
            if (!java.util.Objects.equals(retired, r.championId())) {
                throw modelChanged(r);
            }
            audit.record(tx, session, r.kind() == PromotionKind.ROLLBACK ? "MODEL_ROLLBACK_APPROVED" : "MODEL_PROMOTION_APPROVED", "MODEL", r.modelId(),
                    r.reason(), "request " + requestId + ": model " + r.modelId() + " champion of the " + r.seat().label() + ", requested by "
                            + r.requester().username() + ", approved by " + session.username() + (retired == null ? "" : "; retires model " + retired));
            return find(tx, requestId);
        });
    }

    /** A second manager declines request {@code requestId}, saying why; the champion stays. */
    @Requires(Permission.MODEL_APPROVE)
    public PromotionRequest decline(Session session, long requestId, String reason) {
        session.require(Permission.MODEL_APPROVE);
        String why = reason(reason, "Say why the request is declined.");
        return database.transactionResult(tx -> {
            PromotionRequest r = find(tx, requestId);
            requireChecker(session, r);
            requirePending(r, "declined");
            decide(tx, session, r, PromotionStatus.DECLINED, why);
            audit.record(tx, session, "MODEL_PROMOTION_DECLINED", "MODEL_PROMOTION", requestId, why,
                    "request " + requestId + " for model " + r.modelId() + " by " + r.requester().username() + ", declined by " + session.username());
            return find(tx, requestId);
        });
    }

    /** The requester withdraws their own waiting request. */
    @Requires(Permission.MODEL_PROMOTE)
    public PromotionRequest withdraw(Session session, long requestId) {
        session.require(Permission.MODEL_PROMOTE);
        return database.transactionResult(tx -> {
            PromotionRequest r = find(tx, requestId);
            if (!r.requestedBy(session.operatorId())) {
                String requester = r.requester() == null ? "nobody" : r.requester().username();
                throw UserFacingException.keyed("model.promotion.notRequester", "Only the manager who made request " + requestId + " (" + requester
                        + ") may withdraw it.", requestId, requester);
            }
            requirePending(r, "withdrawn");
            decide(tx, session, r, PromotionStatus.WITHDRAWN, null);
            audit.record(tx, session, "MODEL_PROMOTION_WITHDRAWN", "MODEL_PROMOTION", requestId, null, "request " + requestId + " for model " + r.modelId());
            return find(tx, requestId);
        });
    }

    private long insert(DSLContext tx, Session session, ModelRecord model, PromotionKind kind, PromotionStatus status, String why, Long champion) {
        return tx.insertInto(MODEL_PROMOTION)
                .set(MODEL_PROMOTION.MODEL_ID, model.getId())
                .set(MODEL_PROMOTION.KIND, kind)
                .set(MODEL_PROMOTION.STATUS, status)
                .set(MODEL_PROMOTION.REASON, why)
                .set(MODEL_PROMOTION.CHAMPION_ID, champion)
                .set(MODEL_PROMOTION.MODEL_VERSION, model.getVersion())
                .set(MODEL_PROMOTION.REQUESTED_BY, Session.actorId(session))
                .set(MODEL_PROMOTION.REQUESTED_AT, now())
                .returning(MODEL_PROMOTION.ID).fetchOne(MODEL_PROMOTION.ID);
    }

    /** Moves a waiting request to its decision, unless someone else decided it first. */
    private void decide(DSLContext tx, Session session, PromotionRequest r, PromotionStatus status, String note) {
        int changed = tx.update(MODEL_PROMOTION).set(MODEL_PROMOTION.STATUS, status).set(MODEL_PROMOTION.DECIDED_BY, Session.actorId(session))
                .set(MODEL_PROMOTION.DECIDED_AT, now()).set(MODEL_PROMOTION.DECISION_NOTE, note).set(MODEL_PROMOTION.VERSION, MODEL_PROMOTION.VERSION.plus(1))
                .where(MODEL_PROMOTION.ID.eq(r.id()).and(MODEL_PROMOTION.STATUS.eq(PromotionStatus.REQUESTED))).execute();
        if (changed != 1) {
            throw UserFacingException.keyed("model.promotion.decidedMeanwhile", "Request " + r.id() + " was decided by someone else meanwhile: reload it.", r.id());
        }
    }

    private ModelRecord lockModel(DSLContext tx, long modelId) {
        ModelRecord model = tx.selectFrom(MODEL).where(MODEL.ID.eq(modelId)).forUpdate().fetchOne();
        if (model == null) {
            throw UserFacingException.keyed("model.notFound", "There is no model " + modelId + ".", modelId);
        }
        return model;
    }

    private static void requireNoPendingRequest(DSLContext tx, long modelId) {
        Long pending = tx.select(MODEL_PROMOTION.ID).from(MODEL_PROMOTION)
                .where(MODEL_PROMOTION.MODEL_ID.eq(modelId).and(MODEL_PROMOTION.STATUS.eq(PromotionStatus.REQUESTED))).limit(1).fetchOne(MODEL_PROMOTION.ID);
        if (pending != null) {
            throw UserFacingException.keyed("model.promotion.pending", "Model " + modelId + " already waits for approval in request " + pending + ".",
                    modelId, pending);
        }
    }

    private static void requireChecker(Session session, PromotionRequest r) {
        if (r.requestedBy(session.operatorId())) {
            throw UserFacingException.keyed("model.promotion.requesterCannotApprove", "You asked for request " + r.id()
                    + ": another manager must decide it (maker-checker).", r.id());
        }
    }

    private static void requirePending(PromotionRequest r, String participle) {
        if (!r.pending()) {
            throw UserFacingException.keyed("model.promotion.notPending", "Request " + r.id() + " is " + r.status() + " and cannot be " + participle + ".",
                    r.id(), r.status(), participle);
        }
    }

    private static UserFacingException modelChanged(PromotionRequest r) {
        return UserFacingException.keyed("model.promotion.modelChanged", "Model " + r.modelId() + " changed since request " + r.id()
                + " was made: decline it and ask again.", r.modelId(), r.id());
    }

    private static String reason(String reason, String missing) {
        if (reason == null || reason.isBlank()) {
            throw UserFacingException.keyed("model.promotion.reasonMissing", missing);
        }
        return TextLimit.PROMOTE_REASON.check(reason).strip();
    }

    private LocalDateTime now() {
        return LocalDateTime.now(clock);
    }

    private PromotionRequest find(DSLContext dsl, long id) {
        List<PromotionRequest> found = rows(dsl, id);
        if (found.isEmpty()) {
            throw UserFacingException.keyed("model.promotion.notFound", "There is no promotion request " + id + ".", id);
        }
        return found.get(0);
    }

    private static List<PromotionRequest> rows(DSLContext dsl, Long id) {
        Map<Long, PromotionRequest.Actor> actors = new HashMap<>();
        dsl.select(OPERATOR.ID, OPERATOR.USERNAME, OPERATOR.DISPLAY_NAME).from(OPERATOR)
                .forEach(o -> actors.put(o.value1(), new PromotionRequest.Actor(o.value1(), o.value2(), o.value3())));
        return dsl.select(MODEL_PROMOTION.asterisk(), MODEL.NAME, MODEL.KIND).from(MODEL_PROMOTION).join(MODEL).on(MODEL.ID.eq(MODEL_PROMOTION.MODEL_ID))
                .where(id == null ? org.jooq.impl.DSL.noCondition() : MODEL_PROMOTION.ID.eq(id))
                .orderBy(MODEL_PROMOTION.ID.desc()).fetch(r -> row(r, actors));
    }

    private static PromotionRequest row(Record r, Map<Long, PromotionRequest.Actor> actors) {
        ModelKind kind = r.get(MODEL.KIND);
        Long requester = r.get(MODEL_PROMOTION.REQUESTED_BY);
        Long decider = r.get(MODEL_PROMOTION.DECIDED_BY);
        return new PromotionRequest(r.get(MODEL_PROMOTION.ID), r.get(MODEL_PROMOTION.MODEL_ID), r.get(MODEL.NAME), kind, r.get(MODEL_PROMOTION.KIND),
                r.get(MODEL_PROMOTION.STATUS), r.get(MODEL_PROMOTION.REASON), r.get(MODEL_PROMOTION.CHAMPION_ID),
                requester == null ? null : actors.get(requester), r.get(MODEL_PROMOTION.REQUESTED_AT), decider == null ? null : actors.get(decider),
                r.get(MODEL_PROMOTION.DECIDED_AT), r.get(MODEL_PROMOTION.DECISION_NOTE));
    }
}
