package dev.riskdesk.portfolio;

import java.util.LinkedHashMap;
import java.util.Map;

/** The rows of a run of consecutive customers, handed from the generating to the writing thread. */
final class Chunk {
    static final Chunk END = new Chunk(0);

    final RowBuffer customers;
    final RowBuffer accounts;
    final RowBuffer limitChanges;
    final RowBuffer bills;
    final RowBuffer repayments;
    final RowBuffer txns;
    final RowBuffer logins;
    final RowBuffer inquiries;
    final RowBuffer months;
    final RowBuffer truth;
    int customerCount;

    Chunk(int customersHint) {
        int n = Math.max(1, customersHint);
        customers = new RowBuffer(GeneratedTables.CUSTOMERS.table(), GeneratedTables.CUSTOMERS.fields(), n);
        accounts = new RowBuffer(GeneratedTables.ACCOUNTS.table(), GeneratedTables.ACCOUNTS.fields(), n);
        limitChanges = new RowBuffer(GeneratedTables.LIMIT_CHANGES.table(), GeneratedTables.LIMIT_CHANGES.fields(), n * 2);
        bills = new RowBuffer(GeneratedTables.BILLS.table(), GeneratedTables.BILLS.fields(), n * 8);
        repayments = new RowBuffer(GeneratedTables.REPAYMENTS.table(), GeneratedTables.REPAYMENTS.fields(), n * 8);
        txns = new RowBuffer(GeneratedTables.TXNS.table(), GeneratedTables.TXNS.fields(), n * 30);
        logins = new RowBuffer(GeneratedTables.LOGINS.table(), GeneratedTables.LOGINS.fields(), n * 20);
        inquiries = new RowBuffer(GeneratedTables.INQUIRIES.table(), GeneratedTables.INQUIRIES.fields(), n * 2);
        months = new RowBuffer(GeneratedTables.MONTHS.table(), GeneratedTables.MONTHS.fields(), n * 24);
        truth = new RowBuffer(GeneratedTables.TRUTH.table(), GeneratedTables.TRUTH.fields(), n);
    }

    /** In {@link GeneratedTables#INSERT_ORDER}. */
    RowBuffer[] inInsertOrder() {
        return new RowBuffer[] {customers, accounts, limitChanges, bills, repayments, txns, logins, inquiries, months, truth};
    }

    Map<String, Integer> rowCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (RowBuffer b : inInsertOrder()) {
            counts.put(b.table.getName(), b.rows());
        }
        return counts;
    }

    void clear() {
        for (RowBuffer b : inInsertOrder()) {
            b.clear();
        }
        customerCount = 0;
    }
}
