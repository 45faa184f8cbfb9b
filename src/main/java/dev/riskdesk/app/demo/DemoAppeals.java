package dev.riskdesk.app.demo;

import static dev.riskdesk.db.schema.Tables.APPEAL;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.REPAYMENT;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.accounts.SuspensionStatus;
import dev.riskdesk.appeals.AppealOutcome;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.LimitProposalRecord;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.Session;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The demo book's appeals, made through the real services by the demo operators: customers appealing the
 * account-takeover suspensions and some limit decreases the risk team confirmed from the review
 * queue. Decreases on accounts whose repayment was in flight (the generator's REPAYMENT_DELAY
 * truth) are the false positives: the utilisation looked high because the repayment had not
 * arrived; once it arrives the case shows the stale-data banner. Times are spread between the
 * policy run and now, so nothing happens before what it reacts to.
 */
public final class DemoAppeals {
    private final Database database;
    private final OperatorService operators;
    private final Clock clock;

    public DemoAppeals(Database database, OperatorService operators, Clock clock) {
        this.database = database;
        this.operators = operators;
        this.clock = clock;
    }

    /** A clock the demo moves forward while it acts, so events get realistic times. */
    private static final class DemoClock extends Clock {
        private final ZoneId zone;
        private Instant now;

        DemoClock(ZoneId zone, Instant now) {
            this.zone = zone;
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            return new DemoClock(z, now);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static final String[] TAKEOVER_STATEMENTS = {
        "Customer says the purchases in another city were not hers; her phone was lost last week. Wants the card blocked, not her account closed.",
        "Customer insists he made the purchases himself on a business trip with a new phone. Asks for the account to be restored today.",
        "客户称新设备是刚换的手机，异地消费是出差期间本人所为，要求尽快恢复账户。",
        "Customer wrote by letter: did not recognise the login, asks what happens to the disputed amount.",
        "Customer says a family member used the app without permission.",
        "客户来电表示收到暂停短信后才发现账户异常，请求核实并保留账户。",
        "Customer asks why the account was suspended; says she travels often for work.",
        "Customer e-mailed photos of her ID card and train tickets for the trip."};

    private static final String[] DECREASE_STATEMENTS = {
        "Customer says she repaid the full bill on time through her bank; the money left her account days ago.",
        "客户称已按时通过银行转账还款，有转账回单，要求恢复额度。",
        "Customer repaid on time by bank transfer and sent the receipt.",
        "Customer says the high balance was a one-off purchase of a laptop for work, already planned to repay.",
        "Customer asks why the limit was cut although she never missed a payment.",
        "客户表示近期大额消费为装修支出，收入稳定，申请恢复原额度。",
        "Customer is a nurse with stable income; asks to restore the limit.",
        "Customer complains the decrease came without warning.",
        "Customer asks for the old limit back before the holiday season.",
        "Customer says her city's economy does not affect her job as a civil servant.",
        "客户认为宏观经济调整不应适用于其本人，要求复核。",
        "Customer asks whether the decrease is permanent.",
        "Customer wants to know the exact reason for the decrease."};

    /** Creates the appeals; returns how many. Does nothing when the book has appeals or no policy run. */
    public int create(Progress progress) {
        DSLContext dsl = database.dsl();
        if (dsl.fetchExists(APPEAL)) {
            return 0;
        }
        LocalDateTime start = lastPolicyEvent(dsl);
        if (start == null) {
            return 0;
        }
        Script s = script(dsl, start);
        // 1. the takeover suspensions: customers call in
        suspensionAppeals(dsl, s, progress);
        // 2. limit decreases the risk team confirmed from the queue, then appealed
        List<LimitProposalRecord> falsePositives = falsePositives(dsl);
        List<LimitProposalRecord> decreases = new ArrayList<>(falsePositives);
        decreases.addAll(otherDecreases(dsl, falsePositives));
        decreaseAppeals(s, decreases, falsePositives.size(), progress);
        progress.update(null, 20, 20);
        return s.count;
    }

    /** The later of the last suspension and the last limit proposal; null when there is neither. */
    private static LocalDateTime lastPolicyEvent(DSLContext dsl) {
        LocalDateTime start = dsl.select(DSL.max(SUSPENSION.STARTED_AT)).from(SUSPENSION).fetchOne().value1();
        LocalDateTime proposals = dsl.select(DSL.max(LIMIT_PROPOSAL.CREATED_AT)).from(LIMIT_PROPOSAL).fetchOne().value1();
        if (start == null && proposals == null) {
            return null;
        }
        return start == null || (proposals != null && proposals.isAfter(start)) ? proposals : start;
    }

    /** A script on a demo clock spread between {@code start} and now. */
    private Script script(DSLContext dsl, LocalDateTime start) {
        LocalDateTime now = LocalDateTime.now(clock);
        Duration window = Duration.between(start, now);
        if (window.isNegative() || window.toMinutes() < 10) {
            window = Duration.ofMinutes(10); // first start right after midnight: keep the order, squeeze the times
        }
        DemoClock demo = new DemoClock(clock.getZone(), start.atZone(clock.getZone()).toInstant());
        // services of their own on the demo clock, so each appeal's events (and their audit) get the demo's times
        LimitServices limits = new LimitServices(database, new AuditLog(demo), demo);
        // the demo's people act, each with their role: the agent registers and reviews, the manager
        // assigns and approves lifts (four eyes), the risk operator confirms decreases and decides
        return new Script(demo, start, window, limits, operators.signInDemoOperator("agent"), operators.signInDemoOperator("risk"),
                operators.signInDemoOperator("manager"));
    }

    private static void suspensionAppeals(DSLContext dsl, Script s, Progress progress) {
        List<Long> suspensions = dsl.select(SUSPENSION.ID).from(SUSPENSION).where(SUSPENSION.STATUS.eq(SuspensionStatus.ACTIVE))
                .and(SUSPENSION.KIND.eq(SuspensionKind.FRAUD)).orderBy(SUSPENSION.ID).limit(8).fetch(SUSPENSION.ID);
        for (int i = 0; i < suspensions.size(); i++) {
            long suspensionId = suspensions.get(i);
            long accountId = dsl.select(SUSPENSION.ACCOUNT_ID).from(SUSPENSION).where(SUSPENSION.ID.eq(suspensionId)).fetchOne(SUSPENSION.ACCOUNT_ID);
            String channel = List.of("PHONE", "APP", "PHONE", "LETTER", "PHONE", "PHONE", "APP", "EMAIL").get(i);
            long id = s.register(0.05 + 0.04 * i, new Appeals.Registration(accountId, AppealType.SUSPENSION, suspensionId, null, channel,
                    channel.equals("EMAIL") ? "EMAIL" : "SMS", TAKEOVER_STATEMENTS[i]));
            switch (i) {
                case 0 -> s.decide(id, 0.25, AppealOutcome.UPHELD, null, "APPEAL_RISK_CONFIRMED",
                        "Customer confirmed the purchases were not hers; suspension stays until the new card is issued.", false, true);
                case 1 -> s.decide(id, 0.3, AppealOutcome.LIFTED, null, "APPEAL_IDENTITY_VERIFIED",
                        "Identity re-verified by video call with ID card; trip confirmed by train tickets.", true, true);
                case 2 -> s.requestLift(id, 0.38, "Identity re-verified at the branch; waiting for a manager's approval.");
                case 3 -> s.move(id, 0.2, AppealStatus.AWAITING_CUSTOMER, "Letter sent asking for a copy of the ID card.");
                case 4 -> s.move(id, 0.3, AppealStatus.ESCALATED, "Possible family fraud: needs a risk operator.");
                case 5 -> s.assignAgent(id, 0.33);
                default -> { } // new, unassigned
            }
            progress.update(null, i + 1, 20);
        }
    }

    /** Pending decreases on accounts whose repayment was in flight when the proposal was made. */
    private static List<LimitProposalRecord> falsePositives(DSLContext dsl) {
        return dsl.selectFrom(LIMIT_PROPOSAL)
                .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING)).and(LIMIT_PROPOSAL.PROPOSAL_TYPE.eq(ProposalType.DECREASE))
                .and(LIMIT_PROPOSAL.ACCOUNT_ID.in(DSL.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH)
                        .where(GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY"))))
                .and(DSL.exists(DSL.selectOne().from(REPAYMENT).where(REPAYMENT.ACCOUNT_ID.eq(LIMIT_PROPOSAL.ACCOUNT_ID))
                        .and(REPAYMENT.PAID_AT.le(LIMIT_PROPOSAL.CREATED_AT)).and(REPAYMENT.RECEIVED_AT.gt(LIMIT_PROPOSAL.CREATED_AT))))
                .orderBy(LIMIT_PROPOSAL.ID).limit(3).fetch();
    }

    private static List<LimitProposalRecord> otherDecreases(DSLContext dsl, List<LimitProposalRecord> falsePositives) {
        List<LimitProposalRecord> others = new ArrayList<>();
        for (String reasons : List.of("UTILISATION_JUMP", "UTILISATION_JUMP,MACRO_DOWNTURN")) {
            others.addAll(dsl.selectFrom(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING)).and(LIMIT_PROPOSAL.PROPOSAL_TYPE.eq(ProposalType.DECREASE))
                    // the binding reason first, then what else applied: the utilisation jump alone, or with the macro downturn
                    .and(LIMIT_PROPOSAL.REASON_CODES.startsWith("UTILISATION_JUMP"))
                    .and(reasons.contains("MACRO") ? LIMIT_PROPOSAL.REASON_CODES.contains("MACRO_DOWNTURN")
                            : LIMIT_PROPOSAL.REASON_CODES.notContains("MACRO_DOWNTURN"))
                    .and(LIMIT_PROPOSAL.ACCOUNT_ID.notIn(falsePositives.stream().map(LimitProposalRecord::getAccountId).toList()))
                    .orderBy(LIMIT_PROPOSAL.ID).limit(reasons.equals("UTILISATION_JUMP") ? 6 : 4).fetch());
        }
        return others;
    }

    private static void decreaseAppeals(Script s, List<LimitProposalRecord> decreases, int falsePositives, Progress progress) {
        for (int i = 0; i < decreases.size(); i++) {
            LimitProposalRecord p = decreases.get(i);
            long decisionId = s.confirm(p, 0.02 + 0.01 * i);
            String channel = List.of("PHONE", "APP", "EMAIL").get(i % 3);
            long id = s.register(0.08 + 0.035 * i, new Appeals.Registration(p.getAccountId(), AppealType.LIMIT_DECREASE, null, decisionId, channel,
                    channel.equals("EMAIL") ? "EMAIL" : "APP", DECREASE_STATEMENTS[i % DECREASE_STATEMENTS.length]));
            boolean falsePositive = i < falsePositives;
            if (falsePositive) {
                if (i == 0) {
                    s.assignAgent(id, 0.15);
                } else if (i == 1) {
                    s.decide(id, 0.42, AppealOutcome.LIFTED, null, "APPEAL_STALE_DATA",
                            "Bank receipt shows the repayment was made before the trigger; it reached us late.", false, false);
                }
                continue;
            }
            int k = i - falsePositives;
            BigDecimal partial = p.getOldLimit().add(p.getProposedLimit()).divide(BigDecimal.valueOf(2), 0, RoundingMode.DOWN)
                    .setScale(2, RoundingMode.UNNECESSARY);
            switch (k) {
                case 0 -> s.decide(id, 0.2, AppealOutcome.LIFTED, null, "APPEAL_CIRCUMSTANCES",
                        "One-off purchase, repaid since; utilisation back to normal.", false, true);
                case 1 -> s.decide(id, 0.25, AppealOutcome.PARTIALLY_LIFTED, partial, "APPEAL_PARTIAL_RISK",
                        "Payments on time, but the balance is still high; half of the cut restored.", false, true);
                case 2 -> s.decide(id, 0.3, AppealOutcome.UPHELD, null, "APPEAL_RISK_CONFIRMED",
                        "Utilisation is still near the limit and rising.", false, true);
                case 3 -> s.decide(id, 0.33, AppealOutcome.LIFTED, null, "APPEAL_CIRCUMSTANCES",
                        "Renovation invoice provided; income verified.", false, false);
                case 4 -> s.move(id, 0.3, AppealStatus.AWAITING_CUSTOMER, "Asked for the last three months' payslips.");
                case 6 -> s.decide(id, 0.3, AppealOutcome.UPHELD, null, "APPEAL_POLICY_APPLIES",
                        "Macro adjustment applies to the whole segment; explained to the customer.", false, true);
                case 7 -> s.decide(id, 0.38, AppealOutcome.UPHELD, null, "APPEAL_POLICY_APPLIES",
                        "Segment-wide adjustment; no individual error.", false, false);
                case 8 -> s.assignAgent(id, 0.2);
                default -> { }
            }
            progress.update(null, 8 + i, 20);
        }
    }

    /** Moves the demo clock to a point in the window and acts as the demo's agent, risk operator and manager. */
    private static final class Script {
        private final DemoClock demo;
        private final LocalDateTime start;
        private final Duration window;
        private final LimitServices limits;
        private final AppealServices appeals;
        private final Session agent;
        private final Session risk;
        private final Session manager;
        private final java.util.Map<Long, Double> registeredAt = new java.util.HashMap<>();
        private int count;

        Script(DemoClock demo, LocalDateTime start, Duration window, LimitServices limits, Session agent, Session risk, Session manager) {
            this.demo = demo;
            this.start = start;
            this.window = window;
            this.limits = limits;
            this.appeals = limits.appeals;
            this.agent = agent;
            this.risk = risk;
            this.manager = manager;
        }

        /** Moves to {@code delta} of the window after the appeal's registration. */
        private void at(long id, double delta) {
            at(registeredAt.get(id) + delta);
        }

        private void at(double fraction) {
            double f = Math.min(0.98, fraction);
            demo.now = start.plusSeconds((long) (window.toSeconds() * f)).atZone(demo.zone).toInstant();
        }

        long confirm(LimitProposalRecord p, double fraction) {
            at(fraction);
            return limits.decisions.confirm(risk, p.getId(), p.getVersion(), "Confirmed from the review queue").decisionId();
        }

        long register(double fraction, Appeals.Registration r) {
            at(fraction);
            count++;
            long id = appeals.registration().register(agent, r, List.of());
            registeredAt.put(id, fraction);
            return id;
        }

        private int version(long id) {
            return appeals.queries().detail(risk, id).row().version();
        }

        void assignAgent(long id, double fraction) {
            at(id, fraction);
            appeals.workflow().assign(manager, id, version(id), agent.operatorId(), "demo: first-line agent");
            appeals.workflow().move(agent, id, version(id), AppealStatus.IN_REVIEW, "Statement read; checking the evidence.");
        }

        void move(long id, double fraction, AppealStatus to, String note) {
            assignAgent(id, fraction - 0.05);
            at(id, fraction);
            appeals.workflow().move(agent, id, version(id), to, note);
            if (to == AppealStatus.ESCALATED) {
                appeals.workflow().assign(manager, id, version(id), risk.operatorId(), "demo: escalated to a risk operator");
            }
        }

        void decide(long id, double fraction, AppealOutcome outcome, BigDecimal newLimit, String reason, String note, boolean identity,
                boolean close) {
            assignAgent(id, fraction - 0.1);
            at(id, fraction);
            boolean done = appeals.workflow().decide(risk, id, version(id), new Appeals.Decision(outcome, newLimit, reason, note, identity, null));
            if (!done) {
                at(id, fraction + 0.05);
                appeals.workflow().approveLift(manager, id, version(id), "Second approval: evidence checked.", null);
            }
            if (close) {
                at(id, fraction + 0.1);
                appeals.workflow().move(risk, id, version(id), AppealStatus.CLOSED, "Customer informed by phone.");
            }
        }

        void requestLift(long id, double fraction, String note) {
            assignAgent(id, fraction - 0.1);
            at(id, fraction);
            appeals.workflow().decide(risk, id, version(id), new Appeals.Decision(AppealOutcome.LIFTED, null, "APPEAL_IDENTITY_VERIFIED", note, true, null));
        }
    }
}
