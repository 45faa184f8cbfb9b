package dev.riskdesk.appeals;

import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_NOTE;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.ROLE_PERMISSION;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.schema.tables.records.AppealRecord;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.LocalDateTime;
import org.jooq.DSLContext;

/** Row steps the appeal services share: find or lock an appeal, check a handler, refuse a move, append a note. */
final class AppealRows {
    private AppealRows() {
    }

    static AppealRecord appeal(DSLContext tx, long appealId) {
        AppealRecord a = tx.selectFrom(APPEAL).where(APPEAL.ID.eq(appealId)).fetchOne();
        if (a == null) {
            throw UserFacingException.keyed("appeal.missing", "Appeal " + appealId + " does not exist.", appealId);
        }
        return a;
    }

    /** Bumps APPEAL.VERSION; someone else's change in between is refused with a reload sentence. */
    static AppealRecord lock(DSLContext tx, long appealId, int expectedVersion) {
        AppealRecord a = appeal(tx, appealId);
        int updated = tx.update(APPEAL).set(APPEAL.VERSION, APPEAL.VERSION.plus(1)).where(APPEAL.ID.eq(appealId))
                .and(APPEAL.VERSION.eq(expectedVersion)).execute();
        if (updated == 0) {
            throw UserFacingException.keyed("appeal.changed", "Appeal " + a.getAppealNo() + " was changed meanwhile; reload it.", a.getAppealNo());
        }
        return a;
    }

    /** The user name of an active operator whose role has {@code permission}, or null. */
    static String operatorWith(DSLContext tx, long operatorId, Permission permission) {
        return tx.select(OPERATOR.USERNAME).from(OPERATOR).join(ROLE_PERMISSION).on(ROLE_PERMISSION.ROLE_CODE.eq(OPERATOR.ROLE_CODE))
                .where(OPERATOR.ID.eq(operatorId)).and(OPERATOR.ACTIVE.isTrue()).and(ROLE_PERMISSION.PERMISSION.eq(permission.name()))
                .fetchOne(OPERATOR.USERNAME);
    }

    static UserFacingException refused(AppealStatus from, AppealStatus to) {
        return UserFacingException.keyed("appeal.transition", "An appeal cannot go from " + from + " to " + to + ".", from, to);
    }

    static void note(DSLContext tx, Session session, long appealId, AppealNoteKind kind, String body, LocalDateTime at) {
        tx.insertInto(APPEAL_NOTE).set(APPEAL_NOTE.APPEAL_ID, appealId).set(APPEAL_NOTE.AUTHOR_ID, Session.actorId(session))
                .set(APPEAL_NOTE.KIND, kind).set(APPEAL_NOTE.BODY, body.length() <= 4000 ? body : body.substring(0, 4000))
                .set(APPEAL_NOTE.CREATED_AT, at).execute();
    }
}
