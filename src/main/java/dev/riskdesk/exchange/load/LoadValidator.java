package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.Column;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Validates a whole load, file by file in {@link BookKind} order, writing nothing: each file's
 * fields through {@link BookFileReader}, then across rows and files: natural keys unique within the
 * load, references present in the load or the database ({@link KnownKeys}), event times not after
 * the load's as-of, and the {@link RowRules}. Problems stream to one sink; each file's result says
 * which lines are rejected, for {@code --accept-partial}.
 *
 * <p>Rejection spreads forwards: a row referring to a customer, account or bill whose row in this
 * load was rejected is rejected too (even when the database holds that key), and so is every row
 * referring into a file that was rejected whole. Of rows sharing a key the first one counts; each
 * later one is a duplicate and rejected. Keys of customers and accounts are kept as strings; the
 * keys of the other kinds as 64-bit hashes ({@link KeyHash} says what a collision would do).
 *
 * <p>Rows that pass every check are handed on as they are read (a later row cannot undo that,
 * except a file-level problem, after which {@link RejectedLines#all()} says the whole file is out).
 */
public final class LoadValidator {
    /** The columns holding an event's time, none of which may be after the load's as-of. */
    public static final Set<String> EVENT_TIMES = Set.of("txn_at", "paid_at", "login_at", "inquired_at", "received_at", "statement_date");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    private static final int R_ACCOUNT = RowRules.index(BookKind.REPAYMENTS, "account_no");
    private static final int R_MONTH = RowRules.index(BookKind.REPAYMENTS, "statement_month");

    private final LocalDateTime asOf;
    private final KnownKeys known;
    private final Consumer<LoadProblem> sink;
    private final RowRules rules;
    private final BookFileReader reader = new BookFileReader();
    private final Map<BookKind, FileReadResult> results = new EnumMap<>(BookKind.class);
    private final Set<String> customers = new HashSet<>();
    private final Set<String> rejectedCustomers = new HashSet<>();
    private final Set<String> accounts = new HashSet<>();
    private final Set<String> rejectedAccounts = new HashSet<>();
    private final Map<BookKind, LongHashSet> hashedKeys = new EnumMap<>(BookKind.class);
    private final LongHashSet rejectedBills = new LongHashSet();
    private final Set<BookKind> abandoned = EnumSet.noneOf(BookKind.class);
    private BookKind last;
    private long problems;

    /**
     * @param asOf   the load's as-of; null when it is the newest event time in the files (nothing can be after it)
     * @param known  the keys the database holds ({@link KnownKeys#NONE} for an empty one)
     * @param cities the cities a customer without a tier may name
     * @param sink   every problem of the load, in file order
     */
    public LoadValidator(LocalDateTime asOf, KnownKeys known, CityTiers cities, Consumer<LoadProblem> sink) {
        this.asOf = asOf;
        this.known = known;
        this.rules = new RowRules(cities);
        this.sink = p -> {
            problems++;
            sink.accept(p);
        };
    }

    /** Checks one file; kinds must come in {@link BookKind} order, each at most once. */
    public FileReadResult check(BookKind kind, Path file, Charset encoding) {
        return check(kind, file, encoding, row -> { });
    }

    /** Checks one file, handing every row that passed all checks (so far) to {@code accepted}. */
    public FileReadResult check(BookKind kind, Path file, Charset encoding, Consumer<BookRow> accepted) {
        if (last != null && kind.ordinal() <= last.ordinal()) {
            throw new IllegalStateException(kind.fileName() + " must be checked before " + last.fileName() + ", and once");
        }
        last = kind;
        FileProblems gate = new FileProblems(BookFileReader.nameOf(file), sink);
        FileReadResult result = reader.read(kind, file, encoding, new FileCheck(kind, gate, accepted), gate);
        if (result.rejected().all()) {
            abandoned.add(kind);
        }
        if (kind != BookKind.BILLS) {
            hashedKeys.remove(kind); // keys are unique per kind; only the bills' are referred to later
        }
        results.put(kind, result);
        return result;
    }

    /** The files checked so far, in load order. */
    public Map<BookKind, FileReadResult> results() {
        return Collections.unmodifiableMap(results);
    }

    /** Problems found so far in all files. */
    public long problems() {
        return problems;
    }

    /** True when no file checked so far had a problem. */
    public boolean clean() {
        return problems == 0;
    }

    private enum Ref { OK, MISSING, REJECTED }

    private Ref customer(String no) {
        if (customers.contains(no)) {
            return abandoned.contains(BookKind.CUSTOMERS) || rejectedCustomers.contains(no) ? Ref.REJECTED : Ref.OK;
        }
        return known.customer(no) ? Ref.OK : Ref.MISSING;
    }

    private Ref account(String no) {
        if (accounts.contains(no)) {
            return abandoned.contains(BookKind.ACCOUNTS) || rejectedAccounts.contains(no) ? Ref.REJECTED : Ref.OK;
        }
        return known.account(no) ? Ref.OK : Ref.MISSING;
    }

    private Ref bill(String accountNo, LocalDate month) {
        long h = KeyHash.of(accountNo, month.toString());
        LongHashSet bills = hashedKeys.get(BookKind.BILLS);
        if (bills != null && bills.contains(h)) {
            return abandoned.contains(BookKind.BILLS) || rejectedBills.contains(h) ? Ref.REJECTED : Ref.OK;
        }
        return known.bill(accountNo, month) ? Ref.OK : Ref.MISSING;
    }

    static String shown(Object value) {
        if (value instanceof LocalDateTime t) {
            return t.format(TIME);
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return value == null ? "" : value.toString();
    }

    /** The cross checks of one file, fed by the reader record by record. */
    private final class FileCheck implements RowSink {
        private final BookKind kind;
        private final FileProblems gate;
        private final Consumer<BookRow> accepted;
        private final List<Column> columns;
        private final int[] keyColumns;
        private boolean bad;
        private long line;

        FileCheck(BookKind kind, FileProblems gate, Consumer<BookRow> accepted) {
            this.kind = kind;
            this.gate = gate;
            this.accepted = accepted;
            this.columns = kind.columns();
            this.keyColumns = kind.keyColumns().stream().mapToInt(columns::indexOf).toArray();
        }

        @Override
        public void row(BookRow row) {
            line = row.line();
            bad = false;
            String[] key = new String[keyColumns.length];
            for (int i = 0; i < key.length; i++) {
                key[i] = row.get(keyColumns[i]).toString();
            }
            boolean first = firstOfKey(key);
            if (!first) {
                problem(columns.get(keyColumns[0]).name(), String.join(" ", key), keyColumns.length == 1
                        ? LoadProblem.Text.of("data.problem.duplicateKey", columns.get(keyColumns[0]).name(), key[0])
                        : LoadProblem.Text.of("data.problem.duplicateKey2", columns.get(keyColumns[0]).name(),
                                columns.get(keyColumns[1]).name(), String.join(" ", key)));
            }
            references(row);
            times(row);
            rules.check(kind, row, this::problem);
            if (!bad) {
                accepted.accept(row);
            } else if (first) {
                rejectKey(key);
            }
        }

        @Override
        public void rejected(long line, String[] cells) {
            if (cells == null) {
                return;
            }
            String[] key = new String[keyColumns.length];
            for (int i = 0; i < key.length; i++) {
                Column c = columns.get(keyColumns[i]);
                String cell = cells[keyColumns[i]];
                if (c.type() == dev.riskdesk.exchange.ColumnType.MONTH) {
                    LocalDate month = FieldParser.month(cell);
                    cell = month == null ? "" : month.toString();
                }
                if (cell.isEmpty()) {
                    return;
                }
                key[i] = cell;
            }
            if (firstOfKey(key)) {
                rejectKey(key);
            }
        }

        /** Records the key as seen; false when it was seen before. */
        private boolean firstOfKey(String[] key) {
            return switch (kind) {
                case CUSTOMERS -> customers.add(key[0]);
                case ACCOUNTS -> accounts.add(key[0]);
                default -> hashedKeys.computeIfAbsent(kind, k -> new LongHashSet()).add(hash(key));
            };
        }

        private void rejectKey(String[] key) {
            switch (kind) {
                case CUSTOMERS -> rejectedCustomers.add(key[0]);
                case ACCOUNTS -> rejectedAccounts.add(key[0]);
                case BILLS -> rejectedBills.add(hash(key));
                default -> {
                }
            }
        }

        private static long hash(String[] key) {
            return key.length == 1 ? KeyHash.of(key[0]) : KeyHash.of(key[0], key[1]);
        }

        private void references(BookRow row) {
            for (int c = 0; c < columns.size(); c++) {
                BookKind target = columns.get(c).references();
                if (target == null) {
                    continue;
                }
                String no = (String) row.get(c);
                String name = columns.get(c).name();
                Ref ref = target == BookKind.CUSTOMERS ? customer(no) : account(no);
                String what = target == BookKind.CUSTOMERS ? "data.problem.customer" : "data.problem.account";
                if (ref == Ref.MISSING) {
                    problem(name, no, LoadProblem.Text.of(what + "Missing", name, target.fileName(), no));
                } else if (ref == Ref.REJECTED) {
                    problem(name, no, LoadProblem.Text.of(what + "Rejected", name, no, target.fileName()));
                } else if (kind == BookKind.REPAYMENTS && row.get(R_MONTH) != null && c == R_ACCOUNT) {
                    billReference(no, (LocalDate) row.get(R_MONTH));
                }
            }
        }

        private void billReference(String accountNo, LocalDate month) {
            String shownMonth = month.toString().substring(0, 7);
            Ref ref = bill(accountNo, month);
            if (ref == Ref.MISSING) {
                problem("statement_month", shownMonth, LoadProblem.Text.of("data.problem.billMissing", accountNo, shownMonth));
            } else if (ref == Ref.REJECTED) {
                problem("statement_month", shownMonth, LoadProblem.Text.of("data.problem.billRejected", accountNo, shownMonth));
            }
        }

        private void times(BookRow row) {
            if (asOf == null) {
                return;
            }
            for (int c = 0; c < columns.size(); c++) {
                Object v = row.get(c);
                if (v == null || !EVENT_TIMES.contains(columns.get(c).name())) {
                    continue;
                }
                LocalDateTime at = v instanceof LocalDate d ? d.atStartOfDay() : (LocalDateTime) v;
                if (at.isAfter(asOf)) {
                    problem(columns.get(c).name(), shown(v), LoadProblem.Text.of("data.problem.afterAsOf", shown(asOf)));
                }
            }
        }

        private void problem(String column, Object value, LoadProblem.Text message) {
            bad = true;
            gate.row(line, column, shown(value), message);
        }
    }
}
