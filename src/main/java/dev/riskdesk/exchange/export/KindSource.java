package dev.riskdesk.exchange.export;

import dev.riskdesk.common.Progress;
import dev.riskdesk.exchange.BookKind;
import java.util.List;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.TableField;
import org.jooq.impl.DSL;

/**
 * Where one kind's rows come from: the table (with its joins) read in key-set pages of
 * {@code pageKey} (the table's id, or the account id for the monthly statements), and the values of
 * a row in the kind's column order. Each page is one short query read through a lazy cursor, so
 * memory holds one row at a time and no cursor stays open for long whatever the book's size.
 *
 * @param pageKey null for a small table read in one query ({@code DATA_FEED})
 */
record KindSource(BookKind kind, TableField<?, Long> pageKey, long pageSpan, Table<?> from, List<? extends Field<?>> fields,
                  List<? extends SortField<?>> order, Function<Record, Object[]> values) {
    private static final int FETCH_SIZE = 1_000;

    /** What a page's rows are handed to, in key order. */
    @FunctionalInterface
    interface RowSink {
        void accept(Object[] values) throws java.io.IOException;
    }

    /** The rows the kind will write (for progress). */
    long count(DSLContext dsl) {
        Table<?> base = pageKey == null ? from : pageKey.getTable();
        return dsl.fetchCount(base);
    }

    /** Reads every row in key order into {@code sink}; returns how many. */
    long read(DSLContext dsl, RowSink sink, Progress progress) throws java.io.IOException {
        if (pageKey == null) {
            return readPage(dsl, DSL.noCondition(), sink);
        }
        Long last = dsl.select(DSL.max(pageKey)).from(pageKey.getTable()).fetchOne().value1();
        Long first = dsl.select(DSL.min(pageKey)).from(pageKey.getTable()).fetchOne().value1();
        long rows = 0;
        long after = first == null ? 0 : first - 1;
        while (last != null && after < last) {
            progress.checkCancelled();
            long upTo = Math.min(last, after + pageSpan);
            long page = readPage(dsl, pageKey.gt(after).and(pageKey.le(upTo)), sink);
            rows += page;
            after = upTo;
            if (page == 0) { // a gap in the ids: jump to the next key instead of walking empty pages
                Long next = dsl.select(DSL.min(pageKey)).from(pageKey.getTable()).where(pageKey.gt(upTo)).fetchOne().value1();
                after = next == null ? last : next - 1;
            }
        }
        return rows;
    }

    private long readPage(DSLContext dsl, Condition range, RowSink sink) throws java.io.IOException {
        long rows = 0;
        try (Cursor<Record> cursor = dsl.select(fields).from(from).where(range).orderBy(order).fetchSize(FETCH_SIZE).fetchLazy()) {
            for (Record r : cursor) {
                sink.accept(values.apply(r));
                rows++;
            }
        }
        return rows;
    }
}
