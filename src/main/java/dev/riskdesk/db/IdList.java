package dev.riskdesk.db;

import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Sets of ids in SQL. As a table, they are one array parameter ({@code UNNEST(?)}): a statement about
 * 50,000 accounts binds one value, and H2 joins it row by row through the other side's index. As a
 * condition, they are literals ({@code ID IN (1, 5, 9)}): H2 seeks the index once per value and
 * checks a row against a hash set, where {@code IN (SELECT .. FROM UNNEST(?))} runs the subquery
 * again for every row and {@code = ANY(?)} compares every row with the whole array.
 */
public final class IdList {
    private IdList() {
    }

    /** The distinct ids as a one-column table named {@code alias} with the column {@code column}. */
    public static Table<?> table(Collection<Long> ids, String alias, String column) {
        Long[] sorted = new TreeSet<>(ids).toArray(Long[]::new);
        return DSL.unnest(DSL.val(sorted, SQLDataType.BIGINT.array())).as(alias, column);
    }

    /**
     * {@code column} is one of {@code sortedIds} (ascending): a range when the ids are every value between the first and the
     * last, else the list of literals. (Not both: with the range beside it, H2 walks an index over the whole range when the
     * column is not the index's first.)
     */
    public static Condition among(Field<Long> column, List<Long> sortedIds) {
        long first = sortedIds.get(0);
        long last = sortedIds.get(sortedIds.size() - 1);
        return last - first + 1 == sortedIds.size() ? column.between(first, last) : column.in(sortedIds.stream().map(DSL::inline).toList());
    }
}
