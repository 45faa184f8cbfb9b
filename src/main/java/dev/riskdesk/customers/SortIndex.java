package dev.riskdesk.customers;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;

import dev.riskdesk.db.schema.Indexes;
import java.util.List;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The index a many-match page walks: the sort column's (value, id) index, or, when the one
 * band or bucket filtered on decides the sort column (bands are score ranges, buckets DPD
 * ranges), the (band, score, id) or (bucket, dpd, id) index, so "band E by score, highest
 * first" does not pass over every A to D account first; one band sorted by limit walks
 * (band, limit, id), the band's part of the limit order (a name search walks it too, see
 * {@link NamePlan}). A null index is the primary key.
 */
record SortIndex(Index index, List<Field<?>> leading) {
    static SortIndex of(CustomerQuery q) {
        // one delinquency bucket or status filtered on: walk that value's part of a (filter, sort
        // column) index, so "DPD90P by score, highest first" or "frozen by balance" do not pass
        // over the many accounts of other buckets or statuses that come first in the sort order
        boolean bucket = q.delinquencyBuckets().size() == 1;
        boolean status = q.statuses().size() == 1;
        return switch (q.sort()) {
            case ACCOUNT -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_ID, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_ID, List.of(ACCOUNT.STATUS))
                    : new SortIndex(null, List.of());
            case CREDIT_LIMIT -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_LIMIT, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_LIMIT, List.of(ACCOUNT.STATUS))
                    : q.scoreBands().size() == 1 ? new SortIndex(Indexes.IX_ACCOUNT_BAND_LIMIT, List.of(ACCOUNT.SCORE_BAND))
                    : new SortIndex(Indexes.IX_ACCOUNT_LIMIT_ID, List.of());
            case BALANCE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_BALANCE, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_BALANCE, List.of(ACCOUNT.STATUS))
                    : new SortIndex(Indexes.IX_ACCOUNT_BALANCE_ID, List.of());
            case SCORE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_SCORE, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : status ? new SortIndex(Indexes.IX_ACCOUNT_STATUS_SCORE, List.of(ACCOUNT.STATUS))
                    : q.scoreBands().size() == 1 ? new SortIndex(Indexes.IX_ACCOUNT_BAND_SCORE_ID, List.of(ACCOUNT.SCORE_BAND))
                    : new SortIndex(Indexes.IX_ACCOUNT_SCORE_ID, List.of());
            case DAYS_PAST_DUE -> bucket ? new SortIndex(Indexes.IX_ACCOUNT_BUCKET_DPD_ID, List.of(ACCOUNT.DELINQUENCY_BUCKET))
                    : new SortIndex(Indexes.IX_ACCOUNT_DPD_ID, List.of());
        };
    }

    /**
     * The index a name search can walk instead of reading every customer of the name: the sort
     * column's own index when the name is all there is, or, with one account filter that is a
     * single band, bucket or status, the index that filter value leads for the sort column; and
     * nothing else (no tier, thin file or rule) thins the walk out. Otherwise null.
     */
    static SortIndex nameWalk(CustomerQuery q) {
        if (q.textKind() != CustomerQuery.TextKind.NAME || !q.cityTiers().isEmpty() || q.thinFile() != null
                || (q.ruleCode() != null && !q.ruleCode().isBlank())) {
            return null;
        }
        int filters = SearchConditions.accountFilters(q);
        SortIndex index = of(q);
        return filters == 0 || (filters == 1 && !index.leading().isEmpty()) ? index : null;
    }

    /** The account table read through this index (the primary key when there is none). */
    Table<?> table() {
        return IndexHint.table(ACCOUNT, index);
    }
}
