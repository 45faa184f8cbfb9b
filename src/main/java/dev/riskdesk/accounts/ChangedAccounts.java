package dev.riskdesk.accounts;

import static dev.riskdesk.db.schema.Tables.CHANGED_ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_HIT;

import dev.riskdesk.db.IdList;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The accounts whose data changed since the last policy run (CHANGED_ACCOUNT): what
 * {@code policy run --changed} evaluates. Every writer that changes an account's data marks it here
 * inside its own transaction, so the mark commits with the change or not at all. {@code at} is when
 * the change is made (the writer's clock), not the data's as-of time: a run evaluates the marks made
 * up to its start and removes them in the commit that writes their results, and a mark made after the
 * run started stays for the next run.
 */
public final class ChangedAccounts {
    private ChangedAccounts() {
    }

    /**
     * Marks the accounts changed at {@code at} (a mark already there takes the new time), in one statement
     * however many ids: the ids travel as one array parameter. Every id must be an existing account.
     */
    public static void touch(DSLContext tx, Collection<Long> accountIds, LocalDateTime at) {
        if (accountIds.isEmpty()) {
            return;
        }
        Table<?> list = IdList.table(accountIds, "T", "ACCOUNT_ID");
        mark(tx, DSL.select(list.field("ACCOUNT_ID", Long.class)).from(list), at);
    }

    /**
     * Marks the accounts that wait for {@code feedCode} (a feed whose as-of time just moved): those with an open stale hit of a
     * rule that reads the feed (the stale-data guard held the rule back), and those with an AWAITING_DATA proposal whose
     * evidence names the feed (a stale hit's feed times or the reason it waits, such as a repayment feed that does not yet
     * cover a bill). Their next evaluation turns the waiting proposal into a real one or withdraws it. Returns how many.
     */
    public static int touchAwaitingFeed(DSLContext tx, String feedCode, LocalDateTime at) {
        String named = "%" + feedCode + "%";
        var staleHits = DSL.selectDistinct(RULE_HIT.ACCOUNT_ID).from(RULE_HIT)
                .where(RULE_HIT.RULE_CODE.in(DSL.selectDistinct(RULE.RULE_CODE).from(RULE).where(RULE.FEEDS.like(named))))
                .and(RULE_HIT.OPEN_FLAG.isTrue()).and(RULE_HIT.STALE.isTrue()).and(RULE_HIT.FEED_AS_OF.like("%\"" + feedCode + "\"%"));
        // the status as its stored text: accounts is below limits and does not use its ProposalStatus
        Field<String> status = DSL.field(LIMIT_PROPOSAL.STATUS.getQualifiedName(), String.class);
        var waiting = DSL.selectDistinct(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL)
                .where(status.eq("AWAITING_DATA")).and(LIMIT_PROPOSAL.EVIDENCE.like(named));
        Table<?> both = staleHits.union(waiting).asTable("W", "ACCOUNT_ID");
        return mark(tx, DSL.select(both.field("ACCOUNT_ID", Long.class)).from(both), at);
    }

    /** How many accounts are marked changed. */
    public static int count(DSLContext dsl) {
        return dsl.fetchCount(CHANGED_ACCOUNT);
    }

    /** The accounts marked up to {@code upTo}, in id order: what an incremental run evaluates. */
    public static List<Long> upTo(DSLContext dsl, LocalDateTime upTo) {
        return dsl.select(CHANGED_ACCOUNT.ACCOUNT_ID).from(CHANGED_ACCOUNT).where(CHANGED_ACCOUNT.CHANGED_AT.le(upTo))
                .orderBy(CHANGED_ACCOUNT.ACCOUNT_ID).fetch(CHANGED_ACCOUNT.ACCOUNT_ID);
    }

    /**
     * Removes the marks made up to {@code upTo} of the accounts {@code sortedIds} (ascending): a run evaluated them and writes
     * their results in this transaction. A mark made later stays for the next run.
     */
    public static void clear(DSLContext tx, List<Long> sortedIds, LocalDateTime upTo) {
        if (!sortedIds.isEmpty()) {
            tx.deleteFrom(CHANGED_ACCOUNT).where(IdList.among(CHANGED_ACCOUNT.ACCOUNT_ID, sortedIds)).and(CHANGED_ACCOUNT.CHANGED_AT.le(upTo)).execute();
        }
    }

    /** Merges one row per account of {@code accounts} (a one-column select of ids) stamped {@code at}; returns the rows merged. */
    private static int mark(DSLContext tx, Select<? extends org.jooq.Record1<Long>> accounts, LocalDateTime at) {
        Table<?> source = accounts.asTable("S", "ACCOUNT_ID");
        Field<Long> id = source.field("ACCOUNT_ID", Long.class);
        return tx.mergeInto(CHANGED_ACCOUNT).using(source).on(CHANGED_ACCOUNT.ACCOUNT_ID.eq(id))
                .whenMatchedThenUpdate().set(CHANGED_ACCOUNT.CHANGED_AT, at)
                .whenNotMatchedThenInsert(CHANGED_ACCOUNT.ACCOUNT_ID, CHANGED_ACCOUNT.CHANGED_AT).values(id, DSL.val(at))
                .execute();
    }
}
