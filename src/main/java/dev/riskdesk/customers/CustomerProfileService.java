package dev.riskdesk.customers;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CREDIT_INQUIRY;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;
import static dev.riskdesk.db.schema.Tables.LIMIT_DECISION;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.LOGIN_EVENT;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;
import static dev.riskdesk.db.schema.Tables.SCORE;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;
import static dev.riskdesk.db.schema.Tables.TXN;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.customers.CustomerProfile.Appeal;
import dev.riskdesk.customers.CustomerProfile.AuditRow;
import dev.riskdesk.customers.CustomerProfile.Bill;
import dev.riskdesk.customers.CustomerProfile.Decision;
import dev.riskdesk.customers.CustomerProfile.Flag;
import dev.riskdesk.customers.CustomerProfile.Header;
import dev.riskdesk.customers.CustomerProfile.Lane;
import dev.riskdesk.customers.CustomerProfile.Level;
import dev.riskdesk.customers.CustomerProfile.LimitPoint;
import dev.riskdesk.customers.CustomerProfile.Login;
import dev.riskdesk.customers.CustomerProfile.MonthPoint;
import dev.riskdesk.customers.CustomerProfile.Notice;
import dev.riskdesk.customers.CustomerProfile.Proposal;
import dev.riskdesk.customers.CustomerProfile.Repayment;
import dev.riskdesk.customers.CustomerProfile.ScorePoint;
import dev.riskdesk.customers.CustomerProfile.SubScores;
import dev.riskdesk.customers.CustomerProfile.Suspension;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.customers.CustomerProfile.Transaction;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.Operator;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.PersonalDataMasker;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Reads one account's profile: header figures, the risk timeline, limit and balance history
 * with the decisions, behaviour, flags, suspensions, appeals, notices and (for roles that may
 * see it) the audit trail. Read-only, one snapshot transaction; personal data stays masked.
 */
public final class CustomerProfileService {
    /** A month whose spend is at least this many times the mean of the six before it is a spike. */
    static final double SPIKE_RATIO = 2.0;
    /** …and at least this much, so a jump from ¥10 to ¥30 is not one. */
    static final BigDecimal SPIKE_MINIMUM = new BigDecimal("1000");
    static final Set<ProposalStatus> OPEN_PROPOSAL = Set.of(ProposalStatus.PENDING, ProposalStatus.AWAITING_DATA, ProposalStatus.AWAITING_APPROVAL);

    private final Database database;

    public CustomerProfileService(Database database) {
        this.database = database;
    }

    /** Whether the operator may see the audit trail of a customer (compliance and decision makers). */
    public static boolean mayViewAudit(Session session) {
        return session.has(Permission.AUDIT_VIEW) || session.has(Permission.LIMIT_DECIDE);
    }

    @Requires(Permission.CUSTOMER_VIEW)

    public CustomerProfile profile(Session session, long accountId) {
        session.require(Permission.CUSTOMER_VIEW);
        return database.transactionResult(tx -> read(tx, session, accountId));
    }

    private CustomerProfile read(DSLContext tx, Session session, long accountId) {
        Record a = tx.select().from(ACCOUNT).join(CUSTOMER).on(CUSTOMER.ID.eq(ACCOUNT.CUSTOMER_ID))
                .where(ACCOUNT.ID.eq(accountId)).fetchOne();
        if (a == null) {
            throw UserFacingException.keyed("profileMissing", "Account " + accountId + " does not exist.", accountId);
        }
        long customerId = a.get(CUSTOMER.ID);

        List<LimitPoint> limits = limits(tx, accountId);
        List<MonthPoint> months = months(tx, accountId);
        List<Decision> decisions = decisions(tx, accountId);
        List<Proposal> proposals = proposals(tx, accountId);
        List<Bill> bills = bills(tx, accountId);
        List<Repayment> repayments = repayments(tx, accountId);
        List<Transaction> txns = txns(tx, accountId);
        List<Login> logins = logins(tx, customerId);
        List<Flag> flags = flags(tx, accountId);
        List<Suspension> suspensions = suspensions(tx, accountId);
        List<Appeal> appeals = appeals(tx, accountId);
        List<Notice> notices = session.has(Permission.NOTICE_VIEW) ? notices(tx, accountId) : List.of();
        List<ScorePoint> scores = scores(tx, accountId);
        SubScores subScores = subScores(tx, accountId);

        boolean auditVisible = mayViewAudit(session);
        List<AuditRow> audit = auditVisible ? audit(tx, accountId, customerId, decisions, suspensions, appeals) : List.of();

        Header header = header(a, accountId, customerId, subScores, flags, appeals);
        List<TimelineEvent> timeline = timeline(tx, customerId, bills, months, flags, limits, suspensions);
        return new CustomerProfile(header, List.copyOf(timeline), limits, months, decisions, proposals, bills, repayments, txns,
                logins, flags, suspensions, appeals, notices, audit, scores, auditVisible);
    }

    private static List<LimitPoint> limits(DSLContext tx, long accountId) {
        return tx.selectFrom(LIMIT_CHANGE).where(LIMIT_CHANGE.ACCOUNT_ID.eq(accountId))
                .orderBy(LIMIT_CHANGE.CHANGED_AT, LIMIT_CHANGE.ID).fetch(r -> new LimitPoint(r.getChangedAt(), r.getOldLimit(),
                        r.getNewLimit(), r.getOldStatus(), r.getNewStatus(), r.getSource(), r.getReasonCodes()));
    }

    private static List<MonthPoint> months(DSLContext tx, long accountId) {
        return tx.selectFrom(ACCOUNT_MONTH).where(ACCOUNT_MONTH.ACCOUNT_ID.eq(accountId))
                .orderBy(ACCOUNT_MONTH.MONTH_START).fetch(r -> new MonthPoint(r.getMonthStart(), r.getCreditLimit(), r.getBalance(),
                        r.getSpend(), r.getDaysPastDue()));
    }

    private static List<Decision> decisions(DSLContext tx, long accountId) {
        Operator maker = OPERATOR.as("MAKER");
        Operator checker = OPERATOR.as("CHECKER");
        return tx.select(LIMIT_DECISION.asterisk(), maker.USERNAME, checker.USERNAME).from(LIMIT_DECISION)
                .leftJoin(maker).on(maker.ID.eq(LIMIT_DECISION.MAKER_ID))
                .leftJoin(checker).on(checker.ID.eq(LIMIT_DECISION.CHECKER_ID))
                .where(LIMIT_DECISION.ACCOUNT_ID.eq(accountId)).orderBy(LIMIT_DECISION.DECIDED_AT, LIMIT_DECISION.ID)
                .fetch(r -> new Decision(r.get(LIMIT_DECISION.ID), r.get(LIMIT_DECISION.PROPOSAL_ID), r.get(LIMIT_DECISION.ACTION),
                        r.get(LIMIT_DECISION.STATUS), r.get(LIMIT_DECISION.OLD_LIMIT), r.get(LIMIT_DECISION.NEW_LIMIT),
                        r.get(LIMIT_DECISION.REASON_CODE), r.get(LIMIT_DECISION.NOTE), r.get(maker.USERNAME),
                        r.get(checker.USERNAME), r.get(LIMIT_DECISION.DECIDED_AT)));
    }

    private static List<Proposal> proposals(DSLContext tx, long accountId) {
        return tx.selectFrom(LIMIT_PROPOSAL)
                .where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(accountId)).and(LIMIT_PROPOSAL.STATUS.in(OPEN_PROPOSAL))
                .orderBy(LIMIT_PROPOSAL.CREATED_AT.desc())
                .fetch(r -> new Proposal(r.getId(), r.getProposalType(), r.getStatus(), r.getOldLimit(), r.getProposedLimit(),
                        r.getReasonCodes(), r.getCreatedAt()));
    }

    private static List<Bill> bills(DSLContext tx, long accountId) {
        return tx.selectFrom(BILL).where(BILL.ACCOUNT_ID.eq(accountId)).orderBy(BILL.STATEMENT_MONTH.desc())
                .fetch(r -> new Bill(r.getStatementMonth(), r.getDueDate(), r.getStatementAmount(), r.getMinimumDue(),
                        r.getPaidAmount(), r.getPaidDate(), r.getDaysPastDue(), r.getStatus()));
    }

    private static List<Repayment> repayments(DSLContext tx, long accountId) {
        return tx.selectFrom(REPAYMENT).where(REPAYMENT.ACCOUNT_ID.eq(accountId))
                .orderBy(REPAYMENT.PAID_AT.desc())
                .fetch(r -> new Repayment(r.getPaidAt(), r.getReceivedAt(), r.getAmount(), r.getChannel()));
    }

    private static List<Transaction> txns(DSLContext tx, long accountId) {
        return tx.selectFrom(TXN).where(TXN.ACCOUNT_ID.eq(accountId)).orderBy(TXN.TXN_AT.desc())
                .limit(CustomerProfile.MAX_TRANSACTIONS)
                .fetch(r -> new Transaction(r.getTxnAt(), r.getAmount(), r.getCategory(), r.getMerchant(), r.getChannel(), r.getCity()));
    }

    private static List<Login> logins(DSLContext tx, long customerId) {
        return tx.selectFrom(LOGIN_EVENT).where(LOGIN_EVENT.CUSTOMER_ID.eq(customerId))
                .orderBy(LOGIN_EVENT.LOGIN_AT.desc()).limit(CustomerProfile.MAX_LOGINS)
                .fetch(r -> new Login(r.getLoginAt(), r.getDeviceId(), r.getIpAddress(), r.getCity(), r.getNewDevice(),
                        r.getNewCity(), r.getSuccess()));
    }

    private static List<Flag> flags(DSLContext tx, long accountId) {
        return tx.select(RULE_HIT.asterisk(), RULE.DESCRIPTION_EN, RULE.DESCRIPTION_ZH).from(RULE_HIT)
                .leftJoin(RULE).on(RULE.RULE_SET_ID.eq(RULE_HIT.RULE_SET_ID)).and(RULE.RULE_CODE.eq(RULE_HIT.RULE_CODE))
                .where(RULE_HIT.ACCOUNT_ID.eq(accountId)).orderBy(RULE_HIT.HIT_AT.desc())
                .fetch(r -> new Flag(r.get(RULE_HIT.ID), r.get(RULE_HIT.HIT_AT), r.get(RULE_HIT.RULE_CODE),
                        r.get(RULE.DESCRIPTION_EN), r.get(RULE.DESCRIPTION_ZH), r.get(RULE_HIT.SEVERITY), r.get(RULE_HIT.ACTION),
                        r.get(RULE_HIT.EVIDENCE), r.get(RULE_HIT.STALE), r.get(RULE_HIT.OPEN_FLAG)));
    }

    private static List<Suspension> suspensions(DSLContext tx, long accountId) {
        return tx.selectFrom(SUSPENSION).where(SUSPENSION.ACCOUNT_ID.eq(accountId))
                .orderBy(SUSPENSION.STARTED_AT.desc())
                .fetch(r -> new Suspension(r.getId(), r.getKind(), r.getStatus(), r.getReasonCodes(), r.getEvidence(),
                        r.getStartedAt(), r.getLiftedAt()));
    }

    private static List<Appeal> appeals(DSLContext tx, long accountId) {
        return tx.selectFrom(APPEAL).where(APPEAL.ACCOUNT_ID.eq(accountId)).orderBy(APPEAL.CREATED_AT.desc())
                .fetch(r -> new Appeal(r.getId(), r.getAppealNo(), r.getAppealType(), r.getChannel(), r.getStatus(), r.getOutcome(),
                        r.getCreatedAt(), r.getSlaDueAt(), r.getDecidedAt()));
    }

    private static List<Notice> notices(DSLContext tx, long accountId) {
        return tx.selectFrom(CUSTOMER_NOTICE).where(CUSTOMER_NOTICE.ACCOUNT_ID.eq(accountId))
                .orderBy(CUSTOMER_NOTICE.CREATED_AT.desc())
                .fetch(r -> new Notice(r.getCreatedAt(), r.getKind(), r.getChannel(), r.getStatus(), r.getBody()));
    }

    private static List<ScorePoint> scores(DSLContext tx, long accountId) {
        return tx.selectFrom(SCORE).where(SCORE.ACCOUNT_ID.eq(accountId)).orderBy(SCORE.SCORED_AT, SCORE.ID)
                .fetch(r -> new ScorePoint(r.getScoredAt(), r.getScore(), r.getBand(), r.getPd()));
    }

    private static SubScores subScores(DSLContext tx, long accountId) {
        return tx.selectFrom(SCORE).where(SCORE.ACCOUNT_ID.eq(accountId)).orderBy(SCORE.SCORED_AT.desc(), SCORE.ID.desc())
                .limit(1).fetchOptional(r -> new SubScores(r.getCreditSub(), r.getCapacitySub(), r.getStabilitySub(),
                        r.getSecuritySub(), r.getScoredAt())).orElse(null);
    }

    private static Header header(Record a, long accountId, long customerId, SubScores subScores, List<Flag> flags, List<Appeal> appeals) {
        long openFlags = flags.stream().filter(Flag::open).count();
        Appeal openAppeal = appeals.stream().filter(p -> p.status().open()).findFirst().orElse(null);
        return new Header(accountId, a.get(ACCOUNT.ACCOUNT_NO), customerId, a.get(CUSTOMER.CUSTOMER_NO),
                PersonalDataMasker.name(a.get(CUSTOMER.FULL_NAME)), PersonalDataMasker.phone(a.get(CUSTOMER.PHONE)),
                a.get(CUSTOMER.CITY), a.get(CUSTOMER.CITY_TIER), a.get(ACCOUNT.PRODUCT), a.get(ACCOUNT.OPENED_AT),
                a.get(ACCOUNT.STATUS), a.get(ACCOUNT.CREDIT_LIMIT), a.get(ACCOUNT.AVAILABLE_AMOUNT),
                a.get(ACCOUNT.OUTSTANDING_BALANCE), a.get(ACCOUNT.TEMP_LIMIT), a.get(ACCOUNT.CURRENT_DPD),
                a.get(ACCOUNT.DELINQUENCY_BUCKET), a.get(ACCOUNT.SCORE), a.get(ACCOUNT.SCORE_BAND), a.get(ACCOUNT.THIN_FILE),
                subScores, openFlags, openAppeal, a.get(ACCOUNT.VERSION));
    }

    /** The risk timeline's events from every lane, oldest first. */
    private static List<TimelineEvent> timeline(DSLContext tx, long customerId, List<Bill> bills, List<MonthPoint> months,
            List<Flag> flags, List<LimitPoint> limits, List<Suspension> suspensions) {
        List<TimelineEvent> timeline = new ArrayList<>();
        for (Bill b : bills) {
            timeline.add(repaymentEvent(b));
        }
        timeline.addAll(spendingSpikes(months));
        tx.selectFrom(CREDIT_INQUIRY).where(CREDIT_INQUIRY.CUSTOMER_ID.eq(customerId)).fetch().forEach(r -> timeline.add(
                new TimelineEvent(r.getInquiredAt(), Lane.INQUIRY, Level.WARNING, "INQUIRY",
                        List.of(r.getInstitution(), r.getInquiryType()))));
        // anomalies only: every login would drown the lane
        tx.selectFrom(LOGIN_EVENT).where(LOGIN_EVENT.CUSTOMER_ID.eq(customerId))
                .and(LOGIN_EVENT.NEW_DEVICE.isTrue().or(LOGIN_EVENT.NEW_CITY.isTrue()))
                .fetch().forEach(r -> timeline.add(new TimelineEvent(r.getLoginAt(), Lane.LOGIN,
                        r.getNewCity() ? Level.BAD : Level.WARNING, r.getNewCity() ? "NEW_CITY" : "NEW_DEVICE",
                        List.of(r.getCity(), r.getDeviceId()))));
        for (Flag f : flags) {
            timeline.add(new TimelineEvent(f.hitAt(), Lane.RULE, severityLevel(f.severity()), "RULE",
                    List.of(f.ruleCode(), f.severity())));
        }
        for (LimitPoint l : limits) {
            limitEvent(l).ifPresent(timeline::add);
        }
        for (Suspension s : suspensions) {
            timeline.add(new TimelineEvent(s.startedAt(), Lane.SUSPENSION, Level.BAD, "SUSPENDED",
                    List.of(s.kind(), s.reasonCodes())));
            if (s.liftedAt() != null) {
                timeline.add(new TimelineEvent(s.liftedAt(), Lane.SUSPENSION, Level.GOOD, "LIFTED", List.of(s.kind())));
            }
        }
        timeline.sort(Comparator.comparing(TimelineEvent::at));
        return timeline;
    }

    /** The limit lane's event for one limit change, if it changed the limit or the status. */
    private static Optional<TimelineEvent> limitEvent(LimitPoint l) {
        if (l.oldLimit() == null) {
            return Optional.of(new TimelineEvent(l.at(), Lane.LIMIT, Level.INFO, "LIMIT_OPENED", List.of(l.newLimit())));
        } else if (l.newLimit().compareTo(l.oldLimit()) != 0) {
            boolean up = l.newLimit().compareTo(l.oldLimit()) > 0;
            return Optional.of(new TimelineEvent(l.at(), Lane.LIMIT, up ? Level.GOOD : Level.WARNING, up ? "LIMIT_UP" : "LIMIT_DOWN",
                    List.of(l.oldLimit(), l.newLimit(), l.source())));
        } else if (l.oldStatus() != null && l.oldStatus() != l.newStatus()) {
            return Optional.of(new TimelineEvent(l.at(), Lane.LIMIT, Level.INFO, "STATUS", List.of(l.oldStatus(), l.newStatus())));
        }
        return Optional.empty();
    }

    static TimelineEvent repaymentEvent(Bill b) {
        Level level = switch (b.status()) {
            case PAID -> b.daysPastDue() > 0 ? Level.WARNING : Level.GOOD;
            case LATE, PARTIAL -> Level.WARNING;
            case MISSED -> Level.BAD;
            case OPEN, PENDING -> Level.INFO;
        };
        String code = switch (b.status()) {
            case PAID -> b.daysPastDue() > 0 ? "REPAID_LATE" : "REPAID_ON_TIME";
            case LATE -> "REPAID_LATE";
            case PARTIAL -> "REPAID_PARTIAL";
            case MISSED -> "REPAYMENT_MISSED";
            case OPEN -> "BILL_OPEN";
            case PENDING -> "REPAYMENT_PENDING";
        };
        var at = (b.paidDate() != null ? b.paidDate() : b.dueDate()).atTime(12, 0);
        return new TimelineEvent(at, Lane.REPAYMENT, level, code, List.of(b.amount(), b.daysPastDue(), b.statementMonth()));
    }

    /** Months whose spend is at least {@link #SPIKE_RATIO} times the mean of up to six months before. */
    static List<TimelineEvent> spendingSpikes(List<MonthPoint> months) {
        List<TimelineEvent> spikes = new ArrayList<>();
        for (int i = 1; i < months.size(); i++) {
            BigDecimal sum = BigDecimal.ZERO;
            int n = 0;
            for (int j = Math.max(0, i - 6); j < i; j++) {
                sum = sum.add(months.get(j).spend());
                n++;
            }
            BigDecimal mean = sum.divide(BigDecimal.valueOf(n), 2, RoundingMode.HALF_UP);
            BigDecimal spend = months.get(i).spend();
            if (spend.compareTo(SPIKE_MINIMUM) >= 0 && spend.compareTo(mean.multiply(BigDecimal.valueOf(SPIKE_RATIO))) >= 0) {
                double ratio = mean.signum() == 0 ? 0 : spend.doubleValue() / mean.doubleValue();
                spikes.add(new TimelineEvent(months.get(i).month().plusMonths(1).minusDays(1).atTime(12, 0), Lane.SPENDING,
                        Level.WARNING, mean.signum() == 0 ? "SPEND_FIRST" : "SPEND_SPIKE", List.of(spend, ratio)));
            }
        }
        return spikes;
    }

    private static Level severityLevel(String severity) {
        return switch (severity) {
            case "LOW" -> Level.INFO;
            case "MEDIUM" -> Level.WARNING;
            default -> Level.BAD;
        };
    }

    /** Audit events about the account, its customer, and its proposals, decisions, suspensions and appeals. */
    private static List<AuditRow> audit(DSLContext tx, long accountId, long customerId, List<Decision> decisions,
                                        List<Suspension> suspensions, List<Appeal> appeals) {
        List<String> proposalIds = tx.select(LIMIT_PROPOSAL.ID).from(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.ACCOUNT_ID.eq(accountId))
                .fetch(r -> String.valueOf(r.value1()));
        Condition about = entity("ACCOUNT", List.of(String.valueOf(accountId)))
                .or(entity("CUSTOMER", List.of(String.valueOf(customerId))))
                .or(entity("LIMIT_PROPOSAL", proposalIds))
                .or(entity("LIMIT_DECISION", decisions.stream().map(d -> String.valueOf(d.id())).toList()))
                .or(entity("SUSPENSION", suspensions.stream().map(s -> String.valueOf(s.id())).toList()))
                .or(entity("APPEAL", appeals.stream().map(p -> String.valueOf(p.id())).toList()));
        return tx.selectFrom(AUDIT_EVENT).where(about).orderBy(AUDIT_EVENT.OCCURRED_AT.desc(), AUDIT_EVENT.ID.desc())
                .limit(CustomerProfile.MAX_AUDIT)
                .fetch(r -> new AuditRow(r.getOccurredAt(), r.getOperatorName(), r.getAction(), r.getEntityType(), r.getEntityId(),
                        r.getReason(), r.getDetails()));
    }

    private static Condition entity(String type, List<String> ids) {
        return ids.isEmpty() ? DSL.falseCondition() : AUDIT_EVENT.ENTITY_TYPE.eq(type).and(AUDIT_EVENT.ENTITY_ID.in(ids));
    }
}
