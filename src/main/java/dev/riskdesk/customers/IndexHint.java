package dev.riskdesk.customers;

import org.jooq.Context;
import org.jooq.Index;
import org.jooq.Name;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

/**
 * A table read through a named index: H2's {@code USE INDEX}, which the search's plans rely on. PostgreSQL
 * has no index hints (its planner picks the index from the query and its statistics), so there the hint
 * renders as nothing and the table is read as it is.
 */
final class IndexHint extends CustomQueryPart {
    private final Name index;

    private IndexHint(Name index) {
        this.index = index;
    }

    /** {@code table USE INDEX (index)} on H2; {@code index} null means the primary key (an empty hint). */
    static Table<?> table(Table<?> table, Index index) {
        return DSL.table("{0} {1}", table, new IndexHint(index == null ? null : index.getUnqualifiedName()));
    }

    /** {@code table alias USE INDEX (index)} on H2. */
    static Table<?> table(Name table, Name alias, Index index) {
        return DSL.table("{0} {1} {2}", table, alias, new IndexHint(index.getUnqualifiedName()));
    }

    @Override
    public void accept(Context<?> ctx) {
        if (ctx.family() == SQLDialect.H2) {
            ctx.visit(index == null ? DSL.sql("USE INDEX ()") : DSL.sql("USE INDEX ({0})", index));
        }
    }
}
