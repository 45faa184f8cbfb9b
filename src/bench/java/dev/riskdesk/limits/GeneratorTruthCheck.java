package dev.riskdesk.limits;

import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.GENERATOR_TRUTH;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.SUSPENSION;

import dev.riskdesk.accounts.BillStatus;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Select;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * What the limit engine did to the generator's injected cases (GENERATOR_TRUTH): every account
 * takeover must be suspended; no repayment delay may be suspended or cut for being overdue, and
 * while the repayment is still in flight none may be cut at all. An account the generator made
 * both a takeover and a repayment delay is a takeover (its suspension is right): it is counted
 * apart and left out of the delay counts. So is a delay account that, after its delayed repayment, truly missed a later
 * bill (still unpaid past its due date): a cut for that is right, whatever happened to the earlier repayment. The first-start test and {@code bench policy-run} read
 * the same counts.
 */
public final class GeneratorTruthCheck {
    private GeneratorTruthCheck() {
    }

    /**
     * Counts of accounts (suspension rows where said). {@code delaysCut} is any automatically
     * applied decrease, freeze or suspension of a repayment-delay account, whatever the reason
     * (a policy cut from the score of an account delayed months ago can be legitimate).
     */
    public record Result(long takeovers, long takeoversSuspended, long takeoverSuspensions, long delaysAlsoTakeovers, long delaysNowDelinquent, long delays,
            long delaysSuspended, long delaysCutForOverdue, long delaysCut, long inFlight, long inFlightCut) {

        /** True when the guarantees hold: takeovers suspended once each, no delay suspended or cut for overdue, none in flight cut. */
        public boolean holds() {
            return takeoversSuspended == takeovers && takeoverSuspensions == takeovers && delaysSuspended == 0 && delaysCutForOverdue == 0
                    && inFlightCut == 0;
        }
    }

    public static Result check(DSLContext dsl) {
        var takeovers = truth("ACCOUNT_TAKEOVER", "%", null);
        Condition notTakeover = GENERATOR_TRUTH.ACCOUNT_ID.notIn(takeovers);
        Condition missedLater = DSL.exists(DSL.selectOne().from(BILL).where(BILL.ACCOUNT_ID.eq(GENERATOR_TRUTH.ACCOUNT_ID))
                .and(BILL.STATUS.eq(BillStatus.MISSED)).and(BILL.DUE_DATE.gt(DSL.cast(GENERATOR_TRUTH.EVENT_AT, java.time.LocalDate.class))));
        Condition onlyDelayed = notTakeover.and(DSL.not(missedLater));
        var delays = truth("REPAYMENT_DELAY", "%", onlyDelayed);
        var inFlight = truth("REPAYMENT_DELAY", "in flight%", onlyDelayed);
        Condition applied = LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AUTO_APPLIED);
        Condition cut = applied.and(LIMIT_PROPOSAL.PROPOSAL_TYPE.in(ProposalType.DECREASE, ProposalType.FREEZE, ProposalType.SUSPEND));
        return new Result(
                accounts(dsl, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO.eq("ACCOUNT_TAKEOVER")),
                accounts(dsl, SUSPENSION.ACCOUNT_ID, SUSPENSION.ACCOUNT_ID.in(takeovers)),
                dsl.fetchCount(SUSPENSION, SUSPENSION.ACCOUNT_ID.in(takeovers)),
                accounts(dsl, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY").and(notTakeover.not())),
                accounts(dsl, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY").and(notTakeover).and(missedLater)),
                accounts(dsl, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY").and(onlyDelayed)),
                accounts(dsl, SUSPENSION.ACCOUNT_ID, SUSPENSION.ACCOUNT_ID.in(delays)),
                accounts(dsl, LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.ACCOUNT_ID.in(delays).and(applied)
                        .and(LIMIT_PROPOSAL.REASON_CODES.contains("OVERDUE"))),
                accounts(dsl, LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.ACCOUNT_ID.in(delays).and(cut)),
                accounts(dsl, GENERATOR_TRUTH.ACCOUNT_ID, GENERATOR_TRUTH.SCENARIO.eq("REPAYMENT_DELAY")
                        .and(GENERATOR_TRUTH.DETAILS.like("in flight%")).and(onlyDelayed)),
                accounts(dsl, LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.ACCOUNT_ID.in(inFlight).and(cut)));
    }

    private static Select<Record1<Long>> truth(String scenario, String detailsLike, Condition also) {
        return DSL.select(GENERATOR_TRUTH.ACCOUNT_ID).from(GENERATOR_TRUTH).where(GENERATOR_TRUTH.SCENARIO.eq(scenario))
                .and(GENERATOR_TRUTH.DETAILS.like(detailsLike)).and(also == null ? DSL.noCondition() : also);
    }

    private static long accounts(DSLContext dsl, TableField<?, Long> accountId, Condition where) {
        return dsl.select(DSL.countDistinct(accountId)).from(accountId.getTable()).where(where).fetchOne(0, Long.class);
    }
}
