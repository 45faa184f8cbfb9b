package dev.riskdesk.dashboard;

import java.util.List;

/**
 * The figures behind one chart: column keys (bundle keys under {@code dashboard.col.}) and
 * rows of plain values (String, Long, Double, BigDecimal). The chart, its data view and its
 * CSV export all read this one table.
 */
public record ChartTable(String id, List<String> columns, List<List<Object>> rows) {
    public ChartTable {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    public int column(String key) {
        int i = columns.indexOf(key);
        if (i < 0) {
            throw new IllegalArgumentException("No column " + key + " in " + id);
        }
        return i;
    }

    public double number(int row, String key) {
        Object v = rows.get(row).get(column(key));
        return v == null ? Double.NaN : ((Number) v).doubleValue();
    }

    public String text(int row, String key) {
        return String.valueOf(rows.get(row).get(column(key)));
    }
}
