package dev.riskdesk.accounts;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL_SLA;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.CustomerNoticeRecord;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * The customer notice outbox. Every applied decrease, freeze or suspension queues an SMS and an
 * in-app text that names the reason in plain words and says how to appeal; an export hands the
 * pending ones to the messaging system and marks them EXPORTED in the same transaction.
 */
public final class NoticeService {
    /**
     * APPEAL_SLA.APPEAL_TYPE as the stored text: a notice kind that can be appealed has its appeal type's name, and this
     * package sits below appeals, so it does not use their enum.
     */
    private static final Field<String> SLA_APPEAL_TYPE = DSL.field(APPEAL_SLA.APPEAL_TYPE.getQualifiedName(), String.class);

    public enum Format { CSV, JSON }

    /** Notices claimed, read and marked per statement in an export. */
    private static final int CLAIM_PAGE = 1000;

    private final Database database;
    private final NoticeTemplates templates;
    private final AuditLog audit;
    private final Clock clock;
    private final String defaultLanguage;

    public NoticeService(Database database, NoticeTemplates templates, AuditLog audit, Clock clock, String defaultLanguage) {
        this.database = database;
        this.templates = templates;
        this.audit = audit;
        this.clock = clock;
        this.defaultLanguage = NoticeTemplates.language(defaultLanguage);
    }

    public NoticeTemplates templates() {
        return templates;
    }

    /** What a notice is about. Limits are the credit limits before and after. */
    public record NoticeRequest(long accountId, NoticeKind kind, List<String> reasonCodes, BigDecimal oldLimit, BigDecimal newLimit,
            Long proposalId, Long suspensionId, String language) {
        /** This request in {@code language} (null: the service's default). */
        public NoticeRequest inLanguage(String language) {
            return new NoticeRequest(accountId, kind, reasonCodes, oldLimit, newLimit, proposalId, suspensionId, language);
        }
    }

    /**
     * The language each account's customer reads, as far as the book knows it: the language of the newest appeal outcome
     * notice sent to any of the customer's accounts (the handler chose it for that customer when deciding the appeal,
     * English or Chinese). Accounts whose customer was never sent one are absent: their notices take the default language.
     */
    public static Map<Long, String> customerLanguages(DSLContext tx, List<Long> accountIds) {
        Map<Long, String> languages = new HashMap<>();
        Map<Long, Long> newest = new HashMap<>();
        var asked = ACCOUNT.as("asked");
        List<Long> ids = accountIds.stream().distinct().toList();
        for (int i = 0; i < ids.size(); i += 1000) {
            tx.select(asked.ID, CUSTOMER_NOTICE.ID, CUSTOMER_NOTICE.LANGUAGE_TAG).from(asked)
                    .join(ACCOUNT).on(ACCOUNT.CUSTOMER_ID.eq(asked.CUSTOMER_ID))
                    .join(CUSTOMER_NOTICE).on(CUSTOMER_NOTICE.ACCOUNT_ID.eq(ACCOUNT.ID)).and(CUSTOMER_NOTICE.KIND.eq(NoticeKind.APPEAL_OUTCOME))
                    .where(asked.ID.in(ids.subList(i, Math.min(ids.size(), i + 1000))))
                    .forEach(r -> {
                        if (newest.merge(r.value1(), r.value2(), Math::max).equals(r.value2())) {
                            languages.put(r.value1(), NoticeTemplates.language(r.value3()));
                        }
                    });
        }
        return languages;
    }

    /** Queues the SMS and the in-app notice inside the caller's transaction; returns their ids. */
    public List<Long> queue(DSLContext tx, NoticeRequest request) {
        return rows(tx, List.of(request)).executeReturning(tx, CUSTOMER_NOTICE.ID);
    }

    /** Queues the SMS and the in-app notice of every request inside the caller's transaction, as {@link #queue} does one by one. */
    public void queueAll(DSLContext tx, List<NoticeRequest> requests) {
        if (!requests.isEmpty()) {
            rows(tx, requests).execute(tx);
        }
    }

    /**
     * Queues the SMS and the in-app notice of every request as {@link #queueAll} does, with {@code values} of each account
     * added to (or replacing) the template's values: the lifecycle notices' planned date and grace days, and their
     * business date instead of today.
     */
    public void queueAll(DSLContext tx, List<NoticeRequest> requests, Map<Long, Map<String, String>> values) {
        if (!requests.isEmpty()) {
            rows(tx, requests, values).execute(tx);
        }
    }

    private BulkInsert<CustomerNoticeRecord> rows(DSLContext tx, List<NoticeRequest> requests) {
        return rows(tx, requests, Map.of());
    }

    private BulkInsert<CustomerNoticeRecord> rows(DSLContext tx, List<NoticeRequest> requests, Map<Long, Map<String, String>> extra) {
        Map<Long, String> accountNos = new HashMap<>();
        List<Long> ids = requests.stream().map(NoticeRequest::accountId).distinct().toList();
        for (int i = 0; i < ids.size(); i += 1000) {
            tx.select(ACCOUNT.ID, ACCOUNT.ACCOUNT_NO).from(ACCOUNT).where(ACCOUNT.ID.in(ids.subList(i, Math.min(ids.size(), i + 1000))))
                    .forEach(r -> accountNos.put(r.value1(), r.value2()));
        }
        Map<NoticeKind, String> sla = new EnumMap<>(NoticeKind.class);
        LocalDateTime now = LocalDateTime.now(clock);
        BulkInsert<CustomerNoticeRecord> rows = BulkInsert.into(CUSTOMER_NOTICE, CUSTOMER_NOTICE.ACCOUNT_ID, CUSTOMER_NOTICE.KIND,
                CUSTOMER_NOTICE.CHANNEL, CUSTOMER_NOTICE.LANGUAGE_TAG, CUSTOMER_NOTICE.TEMPLATE_CODE, CUSTOMER_NOTICE.BODY,
                CUSTOMER_NOTICE.STATUS, CUSTOMER_NOTICE.PROPOSAL_ID, CUSTOMER_NOTICE.SUSPENSION_ID, CUSTOMER_NOTICE.CREATED_AT);
        for (NoticeRequest request : requests) {
            String lang = request.language() == null ? defaultLanguage : NoticeTemplates.language(request.language());
            String accountNo = accountNos.get(request.accountId());
            Map<String, String> values = new LinkedHashMap<>();
            values.put("accountTail", accountNo == null ? "" : accountNo.substring(Math.max(0, accountNo.length() - 4)));
            values.put("oldLimit", request.oldLimit() == null ? "" : request.oldLimit().toPlainString());
            values.put("newLimit", request.newLimit() == null ? "" : request.newLimit().toPlainString());
            values.put("reason", templates.reasonText(request.reasonCodes(), lang));
            values.put("date", now.toLocalDate().toString());
            values.put("slaHours", sla.computeIfAbsent(request.kind(), k -> slaHours(tx, k)));
            values.putAll(extra.getOrDefault(request.accountId(), Map.of()));
            for (String channel : List.of("SMS", "APP")) {
                rows.add(request.accountId(), request.kind(), channel, lang, request.kind().name() + "_" + channel,
                        templates.render(request.kind(), channel, lang, values), NoticeStatus.PENDING, request.proposalId(), request.suspensionId(), now);
            }
        }
        return rows;
    }

    /** The SLA hours of an appeal against a notice of this kind (for the appeal line); empty for kinds nobody appeals against. */
    private static String slaHours(DSLContext tx, NoticeKind kind) {
        Integer hours = tx.select(APPEAL_SLA.SLA_HOURS).from(APPEAL_SLA).where(SLA_APPEAL_TYPE.eq(kind.name())).fetchOne(APPEAL_SLA.SLA_HOURS);
        return hours == null ? "" : hours.toString();
    }

    /** The outcome of an appeal for the customer: decision, reason in plain words and the limit now. */
    public record AppealOutcomeNotice(long accountId, long appealId, String appealNo, String channel, String outcome, String reasonCode,
            BigDecimal limit, String language) {
    }

    /** Queues the appeal outcome notice on the customer's preferred channel inside the caller's transaction; returns its id. */
    public long queueAppealOutcome(DSLContext tx, AppealOutcomeNotice n) {
        String lang = n.language() == null ? defaultLanguage : NoticeTemplates.language(n.language());
        String accountNo = tx.select(ACCOUNT.ACCOUNT_NO).from(ACCOUNT).where(ACCOUNT.ID.eq(n.accountId())).fetchOne(ACCOUNT.ACCOUNT_NO);
        LocalDateTime now = LocalDateTime.now(clock);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("accountTail", accountNo == null ? "" : accountNo.substring(Math.max(0, accountNo.length() - 4)));
        values.put("appealNo", n.appealNo());
        values.put("decision", templates.outcomeText(n.outcome(), lang));
        values.put("reason", templates.reasonText(List.of(n.reasonCode()), lang));
        values.put("newLimit", n.limit() == null ? "" : n.limit().toPlainString());
        values.put("date", now.toLocalDate().toString());
        String templateChannel = "EMAIL".equals(n.channel()) ? "APP" : n.channel(); // an e-mail carries the in-app text
        return tx.insertInto(CUSTOMER_NOTICE)
                .set(CUSTOMER_NOTICE.ACCOUNT_ID, n.accountId())
                .set(CUSTOMER_NOTICE.KIND, NoticeKind.APPEAL_OUTCOME)
                .set(CUSTOMER_NOTICE.CHANNEL, n.channel())
                .set(CUSTOMER_NOTICE.LANGUAGE_TAG, lang)
                .set(CUSTOMER_NOTICE.TEMPLATE_CODE, NoticeKind.APPEAL_OUTCOME.name() + "_" + n.outcome() + "_" + templateChannel)
                .set(CUSTOMER_NOTICE.BODY, templates.render(NoticeKind.APPEAL_OUTCOME, templateChannel, lang, values))
                .set(CUSTOMER_NOTICE.STATUS, NoticeStatus.PENDING)
                .set(CUSTOMER_NOTICE.APPEAL_ID, n.appealId())
                .set(CUSTOMER_NOTICE.CREATED_AT, now)
                .returning(CUSTOMER_NOTICE.ID).fetchOne().getId();
    }

    /**
     * Writes every PENDING notice to {@code out} and marks them EXPORTED, in one transaction: if
     * writing fails nothing is marked. The notices are claimed before they are written (only rows
     * still PENDING), so two exports at once never write the same notice; an export that claimed
     * nothing records no audit event. Only the account number identifies the customer (minimum
     * necessary information); the messaging system resolves the contact itself.
     */
    @Requires(Permission.NOTICE_EXPORT)
    public int exportPending(Session session, Format format, Writer out) {
        session.require(Permission.NOTICE_EXPORT);
        return database.transactionResult(tx -> {
            List<Long> ids = claimPending(tx, LocalDateTime.now(clock));
            List<Map.Entry<String, CustomerNoticeRecord>> rows = new ArrayList<>();
            for (int i = 0; i < ids.size(); i += CLAIM_PAGE) {
                tx.select(ACCOUNT.ACCOUNT_NO, CUSTOMER_NOTICE.asterisk()).from(CUSTOMER_NOTICE).join(ACCOUNT).on(ACCOUNT.ID.eq(CUSTOMER_NOTICE.ACCOUNT_ID))
                        .where(CUSTOMER_NOTICE.ID.in(ids.subList(i, Math.min(ids.size(), i + CLAIM_PAGE)))).orderBy(CUSTOMER_NOTICE.ID)
                        .forEach(r -> rows.add(Map.entry(r.get(ACCOUNT.ACCOUNT_NO), r.into(CUSTOMER_NOTICE))));
            }
            try {
                if (format == Format.CSV) {
                    try (CSVPrinter csv = new CSVPrinter(nonClosing(out), CSVFormat.DEFAULT.builder()
                            .setHeader("notice_id", "account_no", "kind", "channel", "language", "template", "body", "created_at").build())) {
                        for (var row : rows) {
                            CustomerNoticeRecord n = row.getValue();
                            csv.printRecord(n.getId(), row.getKey(), n.getKind(), n.getChannel(), n.getLanguageTag(), n.getTemplateCode(),
                                    n.getBody(), n.getCreatedAt());
                        }
                    }
                } else {
                    ObjectMapper mapper = new ObjectMapper();
                    ArrayNode array = mapper.createArrayNode();
                    for (var row : rows) {
                        CustomerNoticeRecord n = row.getValue();
                        ObjectNode o = array.addObject();
                        o.put("noticeId", n.getId());
                        o.put("accountNo", row.getKey());
                        o.put("kind", n.getKind().name());
                        o.put("channel", n.getChannel());
                        o.put("language", n.getLanguageTag());
                        o.put("template", n.getTemplateCode());
                        o.put("body", n.getBody());
                        o.put("createdAt", n.getCreatedAt().toString());
                    }
                    out.write(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(array));
                    out.write(System.lineSeparator());
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (!ids.isEmpty()) {
                audit.record(tx, session, "NOTICES_EXPORTED", "CUSTOMER_NOTICE", null, null, ids.size() + " notices as " + format);
            }
            return ids.size();
        });
    }

    /**
     * Marks the PENDING notices EXPORTED page by page and returns the ids this transaction changed.
     * Each page locks the rows it reads, passing over those another export has locked (so neither
     * waits for the other), and the update takes only rows still PENDING: of two exports at once,
     * each notice goes to exactly one.
     */
    private static List<Long> claimPending(DSLContext tx, LocalDateTime now) {
        List<Long> claimed = new ArrayList<>();
        long after = 0;
        while (true) {
            List<Long> page = tx.select(CUSTOMER_NOTICE.ID).from(CUSTOMER_NOTICE)
                    .where(CUSTOMER_NOTICE.STATUS.eq(NoticeStatus.PENDING)).and(CUSTOMER_NOTICE.ID.gt(after))
                    .orderBy(CUSTOMER_NOTICE.ID).limit(CLAIM_PAGE).forUpdate().skipLocked().fetch(CUSTOMER_NOTICE.ID);
            if (page.isEmpty()) {
                return claimed;
            }
            after = page.get(page.size() - 1);
            tx.update(CUSTOMER_NOTICE).set(CUSTOMER_NOTICE.STATUS, NoticeStatus.EXPORTED).set(CUSTOMER_NOTICE.EXPORTED_AT, now)
                    .where(CUSTOMER_NOTICE.ID.in(page)).and(CUSTOMER_NOTICE.STATUS.eq(NoticeStatus.PENDING))
                    .returning(CUSTOMER_NOTICE.ID).fetch(CUSTOMER_NOTICE.ID).stream().sorted().forEach(claimed::add);
        }
    }

    private static Writer nonClosing(Writer out) {
        return new java.io.FilterWriter(out) {
            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
