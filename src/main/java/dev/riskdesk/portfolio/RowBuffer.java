package dev.riskdesk.portfolio;

import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Rows for one table, column values flattened in insert order, for a {@link BulkWriter}. Filled by
 * one thread (the generator's simulating thread, or the import), bound by the writing one; never
 * shared while being filled.
 */
public final class RowBuffer {
    final Table<?> table;
    final List<Field<?>> fields;
    private Object[] values;
    private int size;

    public RowBuffer(Table<?> table, List<Field<?>> fields, int initialRows) {
        this.table = table;
        this.fields = fields;
        this.values = new Object[Math.max(16, initialRows * fields.size())];
    }

    /** Appends one row; the values must follow {@link #fields}. */
    public void add(Object... row) {
        if (row.length != fields.size()) {
            throw new IllegalArgumentException(table.getName() + ": " + row.length + " values for " + fields.size() + " columns");
        }
        if (size + row.length > values.length) {
            values = Arrays.copyOf(values, Math.max(values.length * 2, size + row.length));
        }
        System.arraycopy(row, 0, values, size, row.length);
        size += row.length;
    }

    public int rows() {
        return size / fields.size();
    }

    Object value(int row, int column) {
        return values[row * fields.size() + column];
    }

    public void clear() {
        Arrays.fill(values, 0, size, null);
        size = 0;
    }
}
