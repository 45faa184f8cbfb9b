package dev.riskdesk.privacy;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.APPEAL_ATTACHMENT;
import static dev.riskdesk.db.schema.Tables.APPEAL_NOTE;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.PERSONAL_DATA_ERASURE;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import dev.riskdesk.security.audit.AuditErasure;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Erases kinds of one customer's personal data everywhere they live, inside the caller's transaction, and records
 * the erasure (PERSONAL_DATA_ERASURE and one audit event). What stays: the customer and account rows under
 * pseudonymous numbers, the ledger (bills, repayments, transactions without device and city), limits, decisions and
 * their reasons, scores, aggregates, and every audit event with the customer's former identifiers replaced.
 *
 * <p>Where personal data lives, per kind (see {@link DataKind}): named columns of CUSTOMER, ACCOUNT, LOGIN_EVENT,
 * TXN, APPEAL, APPEAL_NOTE, APPEAL_ATTACHMENT and CUSTOMER_NOTICE; any text column of any table whose rows belong to
 * the customer or its accounts ({@link LinkedTexts}, read from the catalogue), where the former identifiers are
 * replaced by {@value #MASK}; and the audit trail, where the events about the customer, its accounts, appeals,
 * proposals, decisions and suspensions, and any event whose texts quote a former identifier, are erased through
 * {@link AuditErasure} so the hash chain still verifies.
 */
final class PersonalDataEraser {
    /** What replaces a former identifier inside a text that is kept. */
    static final String MASK = "***";
    /** What replaces a free text that is erased whole. */
    static final String ERASED = "[erased]";
    /** Audit actions whose details are the customer's own free text or a file name of theirs: erased whole with the appeal texts. */
    private static final Set<String> FREE_TEXT_ACTIONS = Set.of("APPEAL_NOTE_ADDED", "APPEAL_ATTACHMENT_ADDED", "APPEAL_ATTACHMENT_READ");

    private final AuditLog audit;

    PersonalDataEraser(AuditLog audit) {
        this.audit = audit;
    }

    /** How one erasure came about: its rule, the policy version it took the period from, and a request's operator and reason. */
    record Rule(String code, Integer policyVersion, boolean onRequest, String reason) {
    }

    /** What an erasure changed: the kinds, and how many audit events had personal values in them. */
    record Result(long customerId, Set<DataKind> kinds, int auditEvents) {
    }

    /** The customer's former identifiers that the kinds being erased cover, longest first (a name inside an ID is not cut first). */
    private static List<String> identifiers(DSLContext tx, long customerId, List<Long> accounts, Set<DataKind> kinds) {
        Set<String> ids = new LinkedHashSet<>();
        var c = tx.select(CUSTOMER.FULL_NAME, CUSTOMER.PHONE, CUSTOMER.ID_NUMBER, CUSTOMER.CUSTOMER_NO).from(CUSTOMER)
                .where(CUSTOMER.ID.eq(customerId)).fetchSingle();
        if (kinds.contains(DataKind.IDENTITY)) {
            ids.add(c.value1());
            ids.add(c.value3());
            ids.add(c.value4());
            ids.addAll(tx.select(ACCOUNT.ACCOUNT_NO).from(ACCOUNT).where(ACCOUNT.ID.in(accounts)).fetch(ACCOUNT.ACCOUNT_NO));
        }
        if (kinds.contains(DataKind.CONTACT)) {
            ids.add(c.value2());
        }
        if (kinds.contains(DataKind.LOGIN_DEVICES)) {
            ids.addAll(tx.selectDistinct(LOGIN_EVENT.DEVICE_ID).from(LOGIN_EVENT).where(LOGIN_EVENT.CUSTOMER_ID.eq(customerId)).fetch(LOGIN_EVENT.DEVICE_ID));
            ids.addAll(tx.selectDistinct(LOGIN_EVENT.IP_ADDRESS).from(LOGIN_EVENT).where(LOGIN_EVENT.CUSTOMER_ID.eq(customerId)).fetch(LOGIN_EVENT.IP_ADDRESS));
            ids.addAll(tx.selectDistinct(TXN.DEVICE_ID).from(TXN).where(TXN.ACCOUNT_ID.in(accounts)).fetch(TXN.DEVICE_ID));
        }
        return ids.stream().filter(s -> s != null && s.strip().length() >= 2).map(String::strip)
                .sorted(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder())).toList();
    }

    /** {@code text} with every identifier replaced by {@link #MASK}. */
    static String mask(String text, List<String> identifiers) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String id : identifiers) {
            out = out.replace(id, MASK);
        }
        return out;
    }

    /**
     * Erases {@code kinds} of customer {@code customerId} (kinds already erased are skipped) and records it; the caller
     * has checked the permission and the legal holds. Returns what was erased (no kinds when nothing was left to erase).
     */
    Result erase(DSLContext tx, Session session, long customerId, Set<DataKind> requested, Rule rule, LocalDateTime now) {
        Set<String> done = Set.copyOf(tx.select(PERSONAL_DATA_ERASURE.DATA_KIND).from(PERSONAL_DATA_ERASURE)
                .where(PERSONAL_DATA_ERASURE.CUSTOMER_ID.eq(customerId)).fetch(PERSONAL_DATA_ERASURE.DATA_KIND));
        Set<DataKind> kinds = new TreeSet<>(requested);
        kinds.removeIf(k -> done.contains(k.name()));
        if (kinds.isEmpty()) {
            return new Result(customerId, Set.of(), 0);
        }
        List<Long> accounts = tx.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.CUSTOMER_ID.eq(customerId)).fetch(ACCOUNT.ID);
        List<Long> appeals = tx.select(APPEAL.ID).from(APPEAL).where(APPEAL.ACCOUNT_ID.in(accounts)).fetch(APPEAL.ID);
        List<String> identifiers = identifiers(tx, customerId, accounts, kinds);
        String kindList = kinds.stream().map(Enum::name).collect(Collectors.joining(", "));

        // the erasure event first: the audit events it erases name it, and it names no personal value itself
        audit.record(tx, session, AuditErasure.ACTION, "CUSTOMER", customerId, rule.reason() == null ? null : mask(rule.reason(), identifiers),
                kindList + "; rule " + rule.code() + (rule.policyVersion() == null ? "" : "; limit policy version " + rule.policyVersion()));
        long erasureSeq = AuditErasure.lastRecorded(tx);
        int auditEvents = eraseInAudit(tx, customerId, accounts, appeals, identifiers, kinds.contains(DataKind.APPEAL_TEXT), erasureSeq, now);

        maskLinkedTexts(tx, customerId, accounts, identifiers);
        for (DataKind kind : kinds) {
            eraseNamedColumns(tx, kind, customerId, accounts, appeals);
            tx.insertInto(PERSONAL_DATA_ERASURE).set(PERSONAL_DATA_ERASURE.CUSTOMER_ID, customerId).set(PERSONAL_DATA_ERASURE.DATA_KIND, kind.name())
                    .set(PERSONAL_DATA_ERASURE.ERASED_AT, now).set(PERSONAL_DATA_ERASURE.RULE_CODE, rule.code())
                    .set(PERSONAL_DATA_ERASURE.POLICY_VERSION, rule.policyVersion()).set(PERSONAL_DATA_ERASURE.ON_REQUEST, rule.onRequest())
                    .set(PERSONAL_DATA_ERASURE.OPERATOR_ID, Session.actorId(session))
                    .set(PERSONAL_DATA_ERASURE.REASON, rule.reason() == null ? null : mask(rule.reason(), identifiers)).execute();
        }
        return new Result(customerId, kinds, auditEvents);
    }

    private static void eraseNamedColumns(DSLContext tx, DataKind kind, long customerId, List<Long> accounts, List<Long> appeals) {
        switch (kind) {
            case LOGIN_DEVICES -> {
                tx.update(LOGIN_EVENT).setNull(LOGIN_EVENT.DEVICE_ID).setNull(LOGIN_EVENT.IP_ADDRESS).setNull(LOGIN_EVENT.CITY)
                        .where(LOGIN_EVENT.CUSTOMER_ID.eq(customerId)).execute();
                tx.update(TXN).setNull(TXN.DEVICE_ID).setNull(TXN.CITY).where(TXN.ACCOUNT_ID.in(accounts))
                        .and(TXN.DEVICE_ID.isNotNull().or(TXN.CITY.isNotNull())).execute();
            }
            case CONTACT -> tx.update(CUSTOMER).setNull(CUSTOMER.PHONE).setNull(CUSTOMER.PHONE_LAST4).setNull(CUSTOMER.CITY)
                    .set(CUSTOMER.VERSION, CUSTOMER.VERSION.plus(1)).where(CUSTOMER.ID.eq(customerId)).execute();
            case APPEAL_TEXT -> {
                tx.update(APPEAL).set(APPEAL.STATEMENT, ERASED).where(APPEAL.ID.in(appeals)).execute();
                tx.update(APPEAL_NOTE).set(APPEAL_NOTE.BODY, ERASED).where(APPEAL_NOTE.APPEAL_ID.in(appeals)).execute();
                tx.deleteFrom(APPEAL_ATTACHMENT).where(APPEAL_ATTACHMENT.APPEAL_ID.in(appeals)).execute();
            }
            case NOTICES -> tx.update(CUSTOMER_NOTICE).set(CUSTOMER_NOTICE.BODY, ERASED).where(CUSTOMER_NOTICE.ACCOUNT_ID.in(accounts)).execute();
            case IDENTITY -> {
                LocalDate born = tx.select(CUSTOMER.BIRTH_DATE).from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).fetchSingle().value1();
                tx.update(CUSTOMER).setNull(CUSTOMER.FULL_NAME).setNull(CUSTOMER.ID_NUMBER).setNull(CUSTOMER.OCCUPATION)
                        .set(CUSTOMER.BIRTH_DATE, born.withDayOfYear(1)).set(CUSTOMER.CUSTOMER_NO, pseudonym('C', customerId))
                        .set(CUSTOMER.VERSION, CUSTOMER.VERSION.plus(1)).where(CUSTOMER.ID.eq(customerId)).execute();
                for (long account : accounts) {
                    tx.update(ACCOUNT).set(ACCOUNT.ACCOUNT_NO, pseudonym('A', account)).set(ACCOUNT.VERSION, ACCOUNT.VERSION.plus(1))
                            .where(ACCOUNT.ID.eq(account)).execute();
                }
            }
        }
    }

    /** The pseudonymous number an erased customer ('C') or account ('A') keeps: it says nothing but the row's id. */
    static String pseudonym(char kind, long id) {
        return "ERASED-" + kind + id;
    }

    /** Masks the identifiers in every text column of every table whose rows belong to the customer or its accounts. */
    private static void maskLinkedTexts(DSLContext tx, long customerId, List<Long> accounts, List<String> identifiers) {
        if (identifiers.isEmpty()) {
            return;
        }
        for (LinkedTexts linked : LinkedTexts.read(tx)) {
            Field<Long> key = DSL.field(DSL.quotedName(linked.keyColumn()), SQLDataType.BIGINT);
            Condition mine = linked.keyColumn().equalsIgnoreCase("CUSTOMER_ID") ? key.eq(customerId) : key.in(accounts);
            for (String column : linked.textColumns()) {
                Field<String> text = DSL.field(DSL.quotedName(column), SQLDataType.VARCHAR);
                Field<String> masked = text;
                List<Condition> quoting = new ArrayList<>();
                for (String id : identifiers) {
                    masked = DSL.replace(masked, DSL.inline(id), DSL.inline(MASK));
                    quoting.add(text.contains(id));
                }
                tx.update(DSL.table(DSL.quotedName(linked.table()))).set(text, masked).where(mine).and(DSL.or(quoting)).execute();
            }
        }
    }

    /**
     * Erases the personal values in the audit events about the customer and in any event whose texts quote one of the
     * identifiers; returns how many events changed.
     */
    private static int eraseInAudit(DSLContext tx, long customerId, List<Long> accounts, List<Long> appeals, List<String> identifiers,
                                    boolean freeText, long erasureSeq, LocalDateTime now) {
        List<Condition> about = new ArrayList<>();
        about.add(entity("CUSTOMER", List.of(customerId)));
        about.add(entity("ACCOUNT", accounts));
        about.add(entity("APPEAL", appeals));
        about.add(entity("LIMIT_PROPOSAL", tx.select(LIMIT_PROPOSAL.ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.in(accounts)).fetch(LIMIT_PROPOSAL.ID)));
        about.add(entity("LIMIT_DECISION", tx.select(LIMIT_DECISION.ID).from(LIMIT_DECISION).where(LIMIT_DECISION.ACCOUNT_ID.in(accounts)).fetch(LIMIT_DECISION.ID)));
        about.add(entity("SUSPENSION", tx.select(SUSPENSION.ID).from(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.in(accounts)).fetch(SUSPENSION.ID)));
        for (String id : identifiers) {
            about.add(AUDIT_EVENT.REASON.contains(id).or(AUDIT_EVENT.DETAILS.contains(id)));
        }
        List<Long> events = tx.select(AUDIT_EVENT.ID).from(AUDIT_EVENT).where(DSL.or(about)).and(AUDIT_EVENT.ACTION.ne(AuditErasure.ACTION))
                .fetch(AUDIT_EVENT.ID);
        return AuditErasure.erase(tx, events, (action, text) -> mask(text, identifiers),
                (action, text) -> freeText && FREE_TEXT_ACTIONS.contains(action) ? ERASED : mask(text, identifiers), erasureSeq, now);
    }

    private static Condition entity(String type, List<Long> ids) {
        if (ids.isEmpty()) {
            return DSL.falseCondition();
        }
        return AUDIT_EVENT.ENTITY_TYPE.eq(type).and(AUDIT_EVENT.ENTITY_ID.in(ids.stream().map(String::valueOf).toList()));
    }
}
