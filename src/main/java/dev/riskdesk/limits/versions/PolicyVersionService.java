package dev.riskdesk.limits.versions;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.LIMIT_POLICY;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.RULE_SET;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.LimitPolicyRecord;
import dev.riskdesk.db.schema.tables.records.RuleSetRecord;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.policy.VersionedStore;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.TableField;
import org.jooq.UpdatableRecord;

/**
 * Changes to the limit policy and the rule set under maker-checker control. A manager makes a draft (from the active
 * version, another stored version or a file), edits it and submits it; another manager approves it (the maker never
 * can) or sends it back; an approved version is activated, retiring the one before it, and the activation is audited
 * with the maker's and the approver's names. Rolling back is the same road: a draft from the earlier version,
 * submitted, approved by someone else and activated. Every step checks its permission and writes its audit event in
 * the same transaction; reading versions writes nothing.
 */
public final class PolicyVersionService {
    /** The longest note a draft keeps (LIMIT_POLICY.NOTE, RULE_SET.NOTE). */
    public static final int NOTE_MAX = dev.riskdesk.common.TextLimit.POLICY_NOTE.max();

    private final Database database;
    private final AuditLog audit;
    private final Table<LimitPolicyRecord> policies;
    private final Table<RuleSetRecord> ruleSets;

    public PolicyVersionService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.policies = new Table<>(LimitPolicyService.store(clock), LIMIT_POLICY.PARAMETERS) {
            @Override
            PolicyDocument read(DSLContext tx, LimitPolicyRecord r) {
                return PolicyDocument.parse(PolicyKind.LIMIT_POLICY, r.getParameters(), "version " + r.getVersionNo());
            }

            @Override
            String contentColumnValue(PolicyDocument document, String note) {
                return document.json();
            }

            @Override
            void writeRows(DSLContext tx, long id, PolicyDocument document) {
                // the parameters live in the version's own row
            }
        };
        this.ruleSets = new Table<>(RuleSetService.store(clock), RULE_SET.SOURCE) {
            @Override
            PolicyDocument read(DSLContext tx, RuleSetRecord r) {
                return PolicyDocument.of(new RuleSet(r.getId(), r.getVersionNo(), RuleSetService.readRules(tx, r.getId())));
            }

            @Override
            String contentColumnValue(PolicyDocument document, String note) {
                return note == null ? "draft" : note.length() > 200 ? note.substring(0, 200) : note;
            }

            @Override
            void writeRows(DSLContext tx, long id, PolicyDocument document) {
                RuleSetService.writeRules(tx, id, document.rules().rules());
            }
        };
    }

    /** How one kind's versions are stored: the versioned table, and where its content lives. */
    private abstract static class Table<R extends UpdatableRecord<R>> {
        final VersionedStore<R> store;
        final TableField<R, String> contentColumn;

        Table(VersionedStore<R> store, TableField<R, String> contentColumn) {
            this.store = store;
            this.contentColumn = contentColumn;
        }

        abstract PolicyDocument read(DSLContext tx, R r);

        abstract String contentColumnValue(PolicyDocument document, String note);

        abstract void writeRows(DSLContext tx, long id, PolicyDocument document);
    }

    private Table<?> table(PolicyKind kind) {
        return kind == PolicyKind.LIMIT_POLICY ? policies : ruleSets;
    }

    /** Every version of {@code kind}, newest first, with who made, submitted, approved and activated it. */
    @Requires({Permission.POLICY_SIMULATE, Permission.RULE_VIEW})
    public List<VersionRow> list(Session session, PolicyKind kind) {
        session.require(kind.viewPermission());
        return rows(database.dsl(), table(kind), kind);
    }

    private <R extends UpdatableRecord<R>> List<VersionRow> rows(DSLContext dsl, Table<R> t, PolicyKind kind) {
        Map<Long, VersionRow.Actor> actors = new HashMap<>();
        dsl.select(OPERATOR.ID, OPERATOR.USERNAME, OPERATOR.DISPLAY_NAME).from(OPERATOR)
                .forEach(o -> actors.put(o.value1(), new VersionRow.Actor(o.value1(), o.value2(), o.value3())));
        return t.store.all(dsl).stream().map(r -> row(kind, t.store.columns(), r, actors)).toList();
    }

    private static <R extends UpdatableRecord<R>> VersionRow row(PolicyKind kind, VersionedStore.Columns<R> c, R r, Map<Long, VersionRow.Actor> actors) {
        return new VersionRow(kind, r.get(c.id()), r.get(c.versionNo()), r.get(c.status()), r.get(c.basedOn()), r.get(c.note()),
                actor(actors, r.get(c.createdBy())), r.get(c.createdAt()), actor(actors, r.get(c.submittedBy())), r.get(c.submittedAt()),
                actor(actors, r.get(c.approvedBy())), r.get(c.approvedAt()), actor(actors, r.get(c.activatedBy())), r.get(c.activatedAt()),
                r.get(c.retiredAt()));
    }

    private static VersionRow.Actor actor(Map<Long, VersionRow.Actor> actors, Long id) {
        return id == null ? null : actors.get(id);
    }

    /** The version {@code versionNo} of {@code kind}. */
    @Requires({Permission.POLICY_SIMULATE, Permission.RULE_VIEW})
    public VersionRow version(Session session, PolicyKind kind, int versionNo) {
        session.require(kind.viewPermission());
        return find(database.dsl(), kind, versionNo);
    }

    /** The active version of {@code kind}. */
    @Requires({Permission.POLICY_SIMULATE, Permission.RULE_VIEW})
    public VersionRow active(Session session, PolicyKind kind) {
        session.require(kind.viewPermission());
        return rows(database.dsl(), table(kind), kind).stream().filter(v -> v.status() == VersionStatus.ACTIVE).findFirst()
                .orElseThrow(() -> UserFacingException.keyed("policy.version.noActive", "No version of the " + label(kind) + " is active.", kind));
    }

    /** The content of the version {@code versionNo}. */
    @Requires({Permission.POLICY_SIMULATE, Permission.RULE_VIEW})
    public PolicyDocument document(Session session, PolicyKind kind, int versionNo) {
        session.require(kind.viewPermission());
        return database.transactionResult(tx -> document(tx, table(kind), kind, versionNo));
    }

    private <R extends UpdatableRecord<R>> PolicyDocument document(DSLContext tx, Table<R> t, PolicyKind kind, int versionNo) {
        R r = t.store.version(tx, versionNo);
        if (r == null) {
            throw noSuchVersion(kind, versionNo);
        }
        return t.read(tx, r);
    }

    private VersionRow find(DSLContext dsl, PolicyKind kind, int versionNo) {
        return rows(dsl, table(kind), kind).stream().filter(v -> v.versionNo() == versionNo).findFirst().orElseThrow(() -> noSuchVersion(kind, versionNo));
    }

    private static UserFacingException noSuchVersion(PolicyKind kind, int versionNo) {
        return UserFacingException.keyed("policy.version.notFound", "There is no version " + versionNo + " of the " + label(kind) + ".", versionNo, kind);
    }

    static String label(PolicyKind kind) {
        return kind == PolicyKind.LIMIT_POLICY ? "limit policy" : "rule set";
    }

    /**
     * A new draft: a copy of version {@code fromVersion} (the active one when null), or {@code document} when given
     * (read from a file; then {@code fromVersion} is ignored). Returns the draft.
     */
    @Requires({Permission.POLICY_EDIT, Permission.RULE_EDIT})
    public VersionRow draft(Session session, PolicyKind kind, Integer fromVersion, PolicyDocument document, String note) {
        session.require(kind.editPermission());
        String cleanNote = note(note);
        return database.transactionResult(tx -> {
            Integer basedOn = null;
            PolicyDocument content = document;
            if (content == null) {
                int from = fromVersion != null ? fromVersion : activeVersionNo(tx, kind);
                content = document(tx, table(kind), kind, from);
                basedOn = from;
            }
            VersionedStore.Stored stored = insertDraft(tx, table(kind), session, content, basedOn, cleanNote);
            audit.record(tx, session, kind.auditAction("DRAFTED"), kind.entityType(), stored.id(), cleanNote,
                    "version " + stored.versionNo() + (basedOn != null ? " from version " + basedOn : " from a file"));
            return find(tx, kind, stored.versionNo());
        });
    }

    private <R extends UpdatableRecord<R>> VersionedStore.Stored insertDraft(DSLContext tx, Table<R> t, Session session, PolicyDocument content,
            Integer basedOn, String note) {
        VersionedStore.Stored stored = t.store.insert(tx, VersionStatus.DRAFT, session, t.contentColumn, t.contentColumnValue(content, note), basedOn, note);
        t.writeRows(tx, stored.id(), content);
        return stored;
    }

    private int activeVersionNo(DSLContext tx, PolicyKind kind) {
        return rows(tx, table(kind), kind).stream().filter(v -> v.status() == VersionStatus.ACTIVE).findFirst()
                .orElseThrow(() -> UserFacingException.keyed("policy.version.noActive", "No version of the " + label(kind) + " is active.", kind))
                .versionNo();
    }

    private static String note(String note) {
        if (note == null || note.isBlank()) {
            return null;
        }
        return dev.riskdesk.common.TextLimit.POLICY_NOTE.check(note).strip();
    }

    /** Replaces the content of the maker's own draft {@code versionNo} with {@code document}. */
    @Requires({Permission.POLICY_EDIT, Permission.RULE_EDIT})
    public VersionRow edit(Session session, PolicyKind kind, int versionNo, PolicyDocument document) {
        session.require(kind.editPermission());
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireMaker(session, v, "edit");
            requireStatus(v, VersionStatus.DRAFT, Step.EDIT);
            if (!editDraft(tx, table(kind), v.id(), document)) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("DRAFT_EDITED"), kind.entityType(), v.id(), null, "version " + versionNo);
            return find(tx, kind, versionNo);
        });
    }

    private <R extends UpdatableRecord<R>> boolean editDraft(DSLContext tx, Table<R> t, long id, PolicyDocument document) {
        VersionedStore.Columns<R> c = t.store.columns();
        String note = tx.select(c.note()).from(c.id().getTable()).where(c.id().eq(id)).fetchOne(c.note());
        if (!t.store.editDraft(tx, id, t.contentColumn, t.contentColumnValue(document, note))) {
            return false;
        }
        t.writeRows(tx, id, document);
        return true;
    }

    /** The maker submits their draft for another manager's approval. */
    @Requires({Permission.POLICY_EDIT, Permission.RULE_EDIT})
    public VersionRow submit(Session session, PolicyKind kind, int versionNo) {
        session.require(kind.editPermission());
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireMaker(session, v, "submit");
            requireStatus(v, VersionStatus.DRAFT, Step.SUBMIT);
            if (!table(kind).store.submit(tx, v.id(), session)) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("SUBMITTED"), kind.entityType(), v.id(), v.note(), "version " + versionNo + basedOnText(v));
            return find(tx, kind, versionNo);
        });
    }

    /** Another manager approves a submitted version; its maker never can. */
    @Requires(Permission.POLICY_APPROVE)
    public VersionRow approve(Session session, PolicyKind kind, int versionNo) {
        session.require(Permission.POLICY_APPROVE);
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireChecker(session, v);
            requireStatus(v, VersionStatus.SUBMITTED, Step.APPROVE);
            if (!table(kind).store.approve(tx, v.id(), session)) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("APPROVED"), kind.entityType(), v.id(), null,
                    "version " + versionNo + " made by " + v.maker().username() + ", approved by " + session.username());
            return find(tx, kind, versionNo);
        });
    }

    /** Another manager sends a submitted version back to its maker as a draft, saying why. */
    @Requires(Permission.POLICY_APPROVE)
    public VersionRow sendBack(Session session, PolicyKind kind, int versionNo, String reason) {
        session.require(Permission.POLICY_APPROVE);
        String why = note(reason);
        if (why == null) {
            throw UserFacingException.keyed("policy.sendBack.reason", "Say why the version goes back to its maker.");
        }
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireChecker(session, v);
            requireStatus(v, VersionStatus.SUBMITTED, Step.SEND_BACK);
            if (!table(kind).store.sendBack(tx, v.id())) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("SENT_BACK"), kind.entityType(), v.id(), why, "version " + versionNo + " back to " + v.maker().username());
            return find(tx, kind, versionNo);
        });
    }

    /** The maker withdraws their draft or submitted version; it stays listed, never to be activated. */
    @Requires({Permission.POLICY_EDIT, Permission.RULE_EDIT})
    public VersionRow withdraw(Session session, PolicyKind kind, int versionNo) {
        session.require(kind.editPermission());
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireMaker(session, v, "withdraw");
            if (v.status() != VersionStatus.DRAFT && v.status() != VersionStatus.SUBMITTED) {
                throw wrongStatus(v, Step.WITHDRAW);
            }
            if (!table(kind).store.withdraw(tx, v.id())) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("WITHDRAWN"), kind.entityType(), v.id(), null, "version " + versionNo);
            return find(tx, kind, versionNo);
        });
    }

    /**
     * Activates an approved version: from now on policy runs use it, and the version active before is retired. Audited
     * with the maker's and the approver's names (and the activator's, as the event's operator).
     */
    @Requires(Permission.POLICY_APPROVE)
    public VersionRow activate(Session session, PolicyKind kind, int versionNo) {
        session.require(Permission.POLICY_APPROVE);
        return database.transactionResult(tx -> {
            VersionRow v = find(tx, kind, versionNo);
            requireStatus(v, VersionStatus.APPROVED, Step.ACTIVATE);
            VersionRow before = rows(tx, table(kind), kind).stream().filter(x -> x.status() == VersionStatus.ACTIVE).findFirst().orElse(null);
            try {
                table(kind).store.activate(tx, v.id(), session);
            } catch (IllegalStateException e) {
                throw changedMeanwhile(v);
            }
            audit.record(tx, session, kind.auditAction("ACTIVATED"), kind.entityType(), v.id(), v.note(),
                    "version " + versionNo + " made by " + v.maker().username() + ", approved by " + v.approver().username()
                            + ", activated by " + session.username() + (before == null ? "" : "; retires version " + before.versionNo()));
            return find(tx, kind, versionNo);
        });
    }

    /**
     * Starts restoring an earlier version: a draft with its content, submitted by {@code session} at once, for another
     * manager to approve and activate as any other change.
     */
    @Requires({Permission.POLICY_EDIT, Permission.RULE_EDIT})
    public VersionRow rollback(Session session, PolicyKind kind, int toVersion, String note) {
        session.require(kind.editPermission());
        VersionRow target = find(database.dsl(), kind, toVersion);
        if (target.status() == VersionStatus.ACTIVE) {
            throw UserFacingException.keyed("policy.rollback.active", "Version " + toVersion + " is the active version already.", toVersion);
        }
        String why = note == null || note.isBlank() ? "Rollback to version " + toVersion : note;
        VersionRow draft = draft(session, kind, toVersion, null, why);
        return submit(session, kind, draft.versionNo());
    }

    private static void requireMaker(Session session, VersionRow v, String verb) {
        if (!v.madeBy(session.operatorId())) {
            String maker = v.maker() == null ? "the database set-up" : v.maker().username();
            // the maker's user name, or null for the database set-up (the console says that in the operator's language)
            throw UserFacingException.keyed("policy.version.notMaker", "Only the maker of version " + v.versionNo() + " (" + maker + ") may " + verb + " it.",
                    v.versionNo(), v.maker() == null ? null : v.maker().username());
        }
    }

    private static void requireChecker(Session session, VersionRow v) {
        if (v.madeBy(session.operatorId())) {
            throw UserFacingException.keyed("policy.version.makerCannotApprove", "You made version " + v.versionNo()
                    + ": another manager must approve it (maker-checker).", v.versionNo());
        }
    }

    private static void requireStatus(VersionRow v, VersionStatus wanted, Step step) {
        if (v.status() != wanted) {
            throw wrongStatus(v, step);
        }
    }

    /** The steps a version goes through, for the sentence that refuses one: its arguments are the version, its status and the step. */
    public enum Step {
        EDIT("edited"), SUBMIT("submitted"), APPROVE("approved"), SEND_BACK("sent back"), WITHDRAW("withdrawn"), ACTIVATE("activated");

        private final String participle;

        Step(String participle) {
            this.participle = participle;
        }
    }

    private static UserFacingException wrongStatus(VersionRow v, Step step) {
        return UserFacingException.keyed("policy.version.wrongStatus", "Version " + v.versionNo() + " is " + v.status() + " and cannot be "
                + step.participle + ".", v.versionNo(), v.status(), step);
    }

    private static UserFacingException changedMeanwhile(VersionRow v) {
        return UserFacingException.keyed("policy.version.changed", "Version " + v.versionNo() + " was changed by someone else meanwhile: reload it.",
                v.versionNo());
    }

    private static String basedOnText(VersionRow v) {
        return v.basedOn() == null ? "" : " (from version " + v.basedOn() + ")";
    }
}
