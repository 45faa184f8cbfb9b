package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.CHANGED_ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import dev.riskdesk.limits.ProposalStatus;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The accounts a load hands to {@code policy run --changed}: those its rows touched and, when a feed
 * moved, those whose proposals wait for data. Written as CHANGED_ACCOUNT rows in the load's transaction.
 */
final class ChangedAccountRows {
    private static final int PER_STATEMENT = 500;

    private ChangedAccountRows() {
    }

    /** Marks the accounts; returns how many are marked by this load. */
    static long touch(DSLContext tx, Set<Long> touched, boolean feedMoved, LocalDateTime now) {
        Set<Long> all = new HashSet<>(touched);
        all.removeIf(id -> id == null || id <= 0);
        if (feedMoved) {
            all.addAll(tx.selectDistinct(LIMIT_PROPOSAL.ACCOUNT_ID).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.AWAITING_DATA)).fetch(LIMIT_PROPOSAL.ACCOUNT_ID));
        }
        List<Long> ids = new ArrayList<>(all);
        for (int from = 0; from < ids.size(); from += PER_STATEMENT) {
            var batch = tx.batch(tx.mergeInto(CHANGED_ACCOUNT, CHANGED_ACCOUNT.ACCOUNT_ID, CHANGED_ACCOUNT.CHANGED_AT)
                    .key(CHANGED_ACCOUNT.ACCOUNT_ID).values((Long) null, (LocalDateTime) null));
            for (Long id : ids.subList(from, Math.min(ids.size(), from + PER_STATEMENT))) {
                batch = batch.bind(id, now);
            }
            batch.execute();
        }
        return ids.size();
    }
}
