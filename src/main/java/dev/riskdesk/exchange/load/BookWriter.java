package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.LoadReport.Counts;
import dev.riskdesk.portfolio.BulkWriter;
import dev.riskdesk.portfolio.RowBuffer;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Writes the rows of a load, kind by kind, a batch at a time: each row is matched by its natural key
 * against the stored rows and is new (inserted), changed (updated, a customer's or account's VERSION
 * bumped) or unchanged (counted, untouched). A new account gets its ORIGINATION limit-history row, an
 * account whose limit or status the load changed an IMPORT one. Writes on the caller's connection and
 * commits only where told ({@code commitEachBatch}, a first load); a dry run matches and counts but
 * writes nothing. Collects the accounts and customers the written rows touched and each kind's newest
 * event time, for the feeds.
 */
final class BookWriter implements AutoCloseable {
    /** Rows matched and written per batch. */
    static final int BATCH = 2000;
    private static final List<Field<?>> LIMIT_FIELDS = List.of(LIMIT_CHANGE.ACCOUNT_ID, LIMIT_CHANGE.CHANGED_AT, LIMIT_CHANGE.OLD_LIMIT,
            LIMIT_CHANGE.NEW_LIMIT, LIMIT_CHANGE.OLD_STATUS, LIMIT_CHANGE.NEW_STATUS, LIMIT_CHANGE.SOURCE, LIMIT_CHANGE.REASON_CODES);

    private final Connection connection;
    private final DSLContext dsl;
    private final boolean dryRun;
    private final boolean commitEachBatch;
    private final RowMapping.Context context;
    private final Refs refs;
    private final Set<BookKind> emptyAtStart = new HashSet<>();
    private final Map<String, BulkWriter> inserters = new HashMap<>();
    private final Set<Long> touchedAccounts = new HashSet<>();
    private final Set<Long> touchedCustomers = new HashSet<>();
    private final Map<BookKind, LocalDateTime> newestEvent = new HashMap<>();

    /** {@code dsl} works on {@code connection}, in the database's dialect. */
    BookWriter(Connection connection, DSLContext dsl, boolean dryRun, boolean commitEachBatch, RowMapping.Context context) {
        this.connection = connection;
        this.dsl = dsl;
        this.dryRun = dryRun;
        this.commitEachBatch = commitEachBatch;
        this.context = context;
        this.refs = new Refs(dsl);
        for (BookKind kind : BookKind.values()) {
            if (!dsl.fetchExists(KindTable.of(kind).table())) {
                emptyAtStart.add(kind); // nothing stored to match: every row of this kind is new
            }
        }
    }

    /** The rows of one kind, fed one at a time; {@link #finish} writes what is left and gives the counts. */
    final class KindLoad {
        private final KindTable table;
        private final RowMapping mapping;
        private final String file;
        private final List<BookRow> batch = new ArrayList<>(BATCH);
        private final List<LoadProblem> problems = new ArrayList<>();
        private final int eventTime;
        private long added;
        private long changed;
        private long unchanged;

        KindLoad(BookKind kind, String file) {
            this.table = KindTable.of(kind);
            this.file = file;
            this.mapping = new RowMapping(kind, file, context);
            this.eventTime = kind.feed().isPresent() ? eventTimeColumn(kind) : -1;
        }

        void add(BookRow row) throws SQLException {
            batch.add(row);
            if (batch.size() == BATCH) {
                flush();
            }
        }

        /** Writes the last batch; the counts of the kind, its rows that could not be written (rejected) among them. */
        Counts finish() throws SQLException {
            flush();
            return new Counts(added, changed, unchanged, problems.size());
        }

        List<LoadProblem> problems() {
            return problems;
        }

        private void flush() throws SQLException {
            if (batch.isEmpty()) {
                return;
            }
            refs.readCustomers(mapping.customerRefs(batch));
            refs.readAccounts(mapping.accountRefs(batch));
            if (table.kind() == BookKind.REPAYMENTS) {
                List<Long> accounts = new ArrayList<>();
                batch.forEach(r -> accounts.add(mapping.repaymentAccount(r, refs)));
                refs.readBills(accounts);
            }
            List<Object[]> rows = new ArrayList<>(batch.size());
            for (BookRow row : batch) {
                try {
                    rows.add(mapping.values(row, refs));
                    noteEventTime(row);
                } catch (RowMapping.Unresolved e) {
                    problems.add(e.problem);
                }
            }
            batch.clear();
            Map<String, Stored> stored = emptyAtStart.contains(table.kind()) ? Map.of() : stored(rows);
            List<Object[]> inserts = new ArrayList<>();
            List<Changed> updates = new ArrayList<>();
            for (Object[] row : rows) {
                Stored s = stored.get(key(row));
                if (s == null) {
                    inserts.add(row);
                } else if (differs(row, s.values)) {
                    updates.add(new Changed(row, s));
                } else {
                    unchanged++;
                }
            }
            added += inserts.size();
            changed += updates.size();
            if (!dryRun) {
                insert(inserts);
                update(updates);
                if (commitEachBatch) {
                    connection.commit();
                }
            } else {
                placeholders(inserts);
            }
            touch(inserts);
            for (Changed c : updates) {
                if (table.kind() == BookKind.ACCOUNTS) {
                    touchedAccounts.add(c.stored.id);
                } else if (table.kind() == BookKind.CUSTOMERS) {
                    touchedCustomers.add(c.stored.id);
                } else {
                    touch(List.<Object[]>of(c.row));
                }
            }
        }

        private void noteEventTime(BookRow row) {
            if (eventTime >= 0) {
                Object t = row.get(eventTime);
                LocalDateTime time = t instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) t;
                newestEvent.merge(table.kind(), time, (a, b) -> a.isAfter(b) ? a : b);
            }
        }

        /** The natural key of a mapped row, as {@link #stored} keys the stored ones. */
        private String key(Object[] row) {
            if (table.key().size() == 1) {
                return String.valueOf(row[table.index(table.key().get(0))]);
            }
            return row[table.index(table.key().get(0))] + "|" + row[table.index(table.key().get(1))];
        }

        /** The stored rows with the batch's keys, by key, each with its id and values in field order. */
        private Map<String, Stored> stored(List<Object[]> rows) {
            Map<String, Stored> found = new HashMap<>();
            if (rows.isEmpty()) {
                return found;
            }
            List<Field<?>> select = new ArrayList<>(table.fields());
            if (table.id() != null) {
                select.add(table.id());
            }
            Field<?> first = table.key().get(0);
            List<Object> firstKeys = new ArrayList<>();
            rows.forEach(r -> firstKeys.add(r[table.index(first)]));
            for (Record r : dsl.select(select).from(table.table()).where(first.in(firstKeys)).fetch()) {
                Stored s = stored(r);
                found.put(key(s.values), s);
            }
            if (table.event()) {
                // rows RiskDesk made carry no lender id: their key is a letter and the row id (T42)
                List<Long> ids = new ArrayList<>();
                for (Object k : firstKeys) {
                    Long id = generatedId((String) k);
                    if (id != null && !found.containsKey(k)) {
                        ids.add(id);
                    }
                }
                if (!ids.isEmpty()) {
                    Condition own = table.key().get(0).isNull().and(table.id().in(ids));
                    for (Record r : dsl.select(select).from(table.table()).where(own).fetch()) {
                        Stored s = stored(r);
                        s.values[0] = table.eventLetter() + String.valueOf(s.id);
                        found.putIfAbsent(key(s.values), s);
                    }
                }
            }
            return found;
        }

        private Stored stored(Record r) {
            Object[] values = new Object[table.fields().size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = r.get(i);
            }
            return new Stored(table.id() == null ? null : r.get(table.id()), values);
        }

        /** The id in a key RiskDesk made for its own rows: the letter of the kind and digits. */
        private Long generatedId(String key) {
            if (key.length() < 2 || key.length() > 19 || key.charAt(0) != table.eventLetter()) {
                return null;
            }
            for (int i = 1; i < key.length(); i++) {
                if (!Character.isDigit(key.charAt(i)) || key.charAt(i) > '9') {
                    return null;
                }
            }
            return Long.parseLong(key.substring(1));
        }

        private boolean differs(Object[] row, Object[] stored) {
            for (int i = 0; i < row.length; i++) {
                Field<?> f = table.fields().get(i);
                if (table.notCompared().contains(f) || (row[i] == null && table.defaulted().contains(f))
                        || (table.event() && i == 0)) {
                    continue;
                }
                if (!same(row[i], stored[i])) {
                    return true;
                }
            }
            return false;
        }

        private void insert(List<Object[]> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            RowBuffer buffer = new RowBuffer(table.table(), table.fields(), rows.size());
            for (Object[] row : rows) {
                for (Field<?> f : table.defaulted()) {
                    int i = table.index(f);
                    if (row[i] == null) {
                        row[i] = context.loadTime();
                    }
                }
                buffer.add(row);
            }
            inserter(table.table(), table.fields()).write(buffer);
            if (table.kind() == BookKind.ACCOUNTS) {
                originations(rows);
            }
        }

        /** An ORIGINATION limit-history row for each new account, at its opening, with the limit and status it has now. */
        private void originations(List<Object[]> rows) throws SQLException {
            List<String> numbers = new ArrayList<>();
            rows.forEach(r -> numbers.add((String) r[0]));
            refs.readAccounts(numbers);
            RowBuffer limits = new RowBuffer(LIMIT_CHANGE, LIMIT_FIELDS, rows.size());
            for (Object[] r : rows) {
                limits.add(refs.account((String) r[0]), r[table.index(ACCOUNT.OPENED_AT)], null,
                        r[table.index(ACCOUNT.CREDIT_LIMIT)], null,
                        r[table.index(ACCOUNT.STATUS)], "ORIGINATION", "IMPORT");
            }
            inserter(LIMIT_CHANGE, LIMIT_FIELDS).write(limits);
        }

        private void update(List<Changed> rows) throws SQLException {
            if (rows.isEmpty()) {
                return;
            }
            List<Field<?>> set = table.updated();
            StringBuilder sql = new StringBuilder("UPDATE ").append(table.table().getName()).append(" SET ");
            List<String> assignments = new ArrayList<>();
            for (Field<?> f : set) {
                String name = f.getName();
                assignments.add(name + (table.defaulted().contains(f) ? " = COALESCE(?, " + name + ")" : " = ?"));
            }
            if (table.versioned()) {
                assignments.add("VERSION = VERSION + 1");
            }
            sql.append(String.join(", ", assignments));
            List<Field<?>> where = table.id() != null ? List.of(table.id()) : table.key();
            sql.append(" WHERE ");
            for (int i = 0; i < where.size(); i++) {
                sql.append(i > 0 ? " AND " : "").append(where.get(i).getName()).append(" = ?");
            }
            try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
                for (Changed c : rows) {
                    int p = 1;
                    for (Field<?> f : set) {
                        BulkWriter.bind(ps, p++, c.row[table.index(f)], f.getDataType().getSQLType());
                    }
                    if (table.id() != null) {
                        ps.setLong(p, c.stored.id);
                    } else {
                        for (Field<?> f : where) {
                            BulkWriter.bind(ps, p++, c.row[table.index(f)], f.getDataType().getSQLType());
                        }
                    }
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            if (table.kind() == BookKind.ACCOUNTS) {
                limitChanges(rows);
            }
        }

        /** An IMPORT limit-history row for each account whose limit or status the load changed. */
        private void limitChanges(List<Changed> rows) throws SQLException {
            int limit = table.index(ACCOUNT.CREDIT_LIMIT);
            int status = table.index(ACCOUNT.STATUS);
            int last = table.index(ACCOUNT.LAST_LIMIT_CHANGE);
            RowBuffer limits = new RowBuffer(LIMIT_CHANGE, LIMIT_FIELDS, rows.size());
            for (Changed c : rows) {
                boolean limitMoved = !same(c.row[limit], c.stored.values[limit]);
                if (limitMoved || !same(c.row[status], c.stored.values[status])) {
                    LocalDateTime at = limitMoved && c.row[last] != null ? (LocalDateTime) c.row[last]
                            : context.asOf() != null ? context.asOf() : context.loadTime();
                    limits.add(c.stored.id, at, c.stored.values[limit], c.row[limit], name(c.stored.values[status]), c.row[status], "IMPORT", "IMPORT");
                }
            }
            if (limits.rows() > 0) {
                inserter(LIMIT_CHANGE, LIMIT_FIELDS).write(limits);
            }
        }

        /** A dry run writes nothing: what it would add is known to the later kinds by placeholder ids. */
        private void placeholders(List<Object[]> rows) {
            for (Object[] r : rows) {
                switch (table.kind()) {
                    case CUSTOMERS -> refs.placeholderCustomer((String) r[0]);
                    case ACCOUNTS -> refs.placeholderAccount((String) r[0]);
                    case BILLS -> refs.placeholderBill((Long) r[0], (LocalDate) r[1]);
                    default -> {
                    }
                }
            }
        }

        private void touch(List<Object[]> rows) {
            for (Object[] r : rows) {
                if (table.kind() == BookKind.CUSTOMERS) {
                    Long id = refs.customer((String) r[0]);
                    if (id != null) {
                        touchedCustomers.add(id);
                    } else {
                        newCustomers.add((String) r[0]);
                    }
                } else if (table.kind() == BookKind.ACCOUNTS) {
                    Long id = refs.account((String) r[0]);
                    if (id != null) {
                        touchedAccounts.add(id);
                    }
                } else if (table.account() != null) {
                    touchedAccounts.add((Long) r[table.index(table.account())]);
                } else if (table.customer() != null) {
                    touchedCustomers.add((Long) r[table.index(table.customer())]);
                }
            }
        }
    }

    private final List<String> newCustomers = new ArrayList<>();

    private record Stored(Long id, Object[] values) {
    }

    private record Changed(Object[] row, Stored stored) {
    }

    KindLoad start(BookKind kind, String file) {
        return new KindLoad(kind, file);
    }

    private BulkWriter inserter(Table<?> table, List<Field<?>> fields) throws SQLException {
        BulkWriter w = inserters.get(table.getName());
        if (w == null) {
            w = new BulkWriter(connection, dsl.dialect(), table, fields, false);
            inserters.put(table.getName(), w);
        }
        return w;
    }

    /** The column of a kind's event time (the newest moves its feed when the load names no as-of). */
    private static int eventTimeColumn(BookKind kind) {
        String name = switch (kind) {
            case BILLS -> "statement_date";
            case TRANSACTIONS -> "txn_at";
            case REPAYMENTS -> "paid_at";
            case INQUIRIES -> "inquired_at";
            case LOGINS -> "login_at";
            default -> throw new IllegalArgumentException(kind + " has no feed");
        };
        return kind.columns().indexOf(kind.column(name));
    }

    /** Accounts whose rows the load added or changed, with the accounts of customers it added or changed (new customers included). */
    Set<Long> touchedAccounts() {
        if (!dryRun && !newCustomers.isEmpty()) {
            refs.readCustomers(newCustomers);
            newCustomers.forEach(n -> touchedCustomers.add(refs.customer(n)));
            newCustomers.clear();
        }
        Set<Long> all = new HashSet<>(touchedAccounts);
        all.removeIf(id -> id == null || (id < 0 && !dryRun));
        List<Long> customers = new ArrayList<>(touchedCustomers);
        customers.removeIf(id -> id == null || id < 0);
        for (int from = 0; from < customers.size(); from += 1000) {
            all.addAll(dsl.select(ACCOUNT.ID).from(ACCOUNT)
                    .where(ACCOUNT.CUSTOMER_ID.in(customers.subList(from, Math.min(customers.size(), from + 1000))))
                    .fetch(ACCOUNT.ID));
        }
        return all;
    }

    /** The newest event time of each event kind written. */
    Map<BookKind, LocalDateTime> newestEvents() {
        return newestEvent;
    }

    /** The same value as stored: money by amount, text without CHAR padding, a stored enum by name. */
    static boolean same(Object file, Object stored) {
        if (file == null || stored == null) {
            return file == stored;
        }
        if (file instanceof BigDecimal a && stored instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (file instanceof Number a && stored instanceof Number b) {
            return a.longValue() == b.longValue();
        }
        if (file instanceof String a) {
            return a.stripTrailing().equals(name(stored).stripTrailing());
        }
        return file.equals(stored);
    }

    private static String name(Object value) {
        return value instanceof Enum<?> e ? e.name() : value == null ? null : value.toString();
    }

    @Override
    public void close() throws SQLException {
        for (BulkWriter w : inserters.values()) {
            w.close();
        }
    }
}
