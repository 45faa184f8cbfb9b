package dev.riskdesk.exchange.load;

import dev.riskdesk.exchange.BookKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The rules between the values of one row that its columns alone cannot say: a temporary limit
 * needs its end, only a cancelled account has a closing time, the available amount stays within the
 * limits, a bill is not due before its statement, and a customer without a city tier lives in a
 * city RiskDesk knows.
 */
final class RowRules {
    /** Where a broken rule goes: the column it is reported on, the value shown, the sentence. */
    interface Broken {
        void rule(String column, Object value, LoadProblem.Text message);
    }

    private static final int A_STATUS = index(BookKind.ACCOUNTS, "status");
    private static final int A_LIMIT = index(BookKind.ACCOUNTS, "credit_limit");
    private static final int A_AVAILABLE = index(BookKind.ACCOUNTS, "available_amount");
    private static final int A_TEMP = index(BookKind.ACCOUNTS, "temp_limit");
    private static final int A_TEMP_EXPIRES = index(BookKind.ACCOUNTS, "temp_limit_expires");
    private static final int A_CLOSED = index(BookKind.ACCOUNTS, "closed_at");
    private static final int B_STATEMENT_DATE = index(BookKind.BILLS, "statement_date");
    private static final int B_DUE_DATE = index(BookKind.BILLS, "due_date");
    private static final int C_CITY = index(BookKind.CUSTOMERS, "city");
    private static final int C_TIER = index(BookKind.CUSTOMERS, "city_tier");

    private final CityTiers cities;

    RowRules(CityTiers cities) {
        this.cities = cities;
    }

    static int index(BookKind kind, String column) {
        return kind.columns().indexOf(kind.column(column));
    }

    void check(BookKind kind, BookRow row, Broken out) {
        switch (kind) {
            case CUSTOMERS -> customer(row, out);
            case ACCOUNTS -> account(row, out);
            case BILLS -> bill(row, out);
            default -> {
            }
        }
    }

    private void customer(BookRow row, Broken out) {
        String city = (String) row.get(C_CITY);
        if (row.get(C_TIER) == null && !cities.known(city)) {
            out.rule("city", city, LoadProblem.Text.of("data.problem.city"));
        }
    }

    private static void account(BookRow row, Broken out) {
        BigDecimal temp = (BigDecimal) row.get(A_TEMP);
        if (temp != null && row.get(A_TEMP_EXPIRES) == null) {
            out.rule("temp_limit_expires", "", LoadProblem.Text.of("data.problem.tempExpires"));
        }
        String status = (String) row.get(A_STATUS);
        LocalDateTime closed = (LocalDateTime) row.get(A_CLOSED);
        if (closed != null && !status.equals("CANCELLED")) {
            out.rule("closed_at", closed, LoadProblem.Text.of("data.problem.closedAt", status));
        }
        BigDecimal ceiling = ((BigDecimal) row.get(A_LIMIT)).add(temp == null ? BigDecimal.ZERO : temp);
        BigDecimal available = (BigDecimal) row.get(A_AVAILABLE);
        if (available.compareTo(ceiling) > 0) {
            out.rule("available_amount", available, LoadProblem.Text.of(temp == null ? "data.problem.available" : "data.problem.availableTemp",
                    ceiling.toPlainString()));
        }
    }

    private static void bill(BookRow row, Broken out) {
        LocalDate statement = (LocalDate) row.get(B_STATEMENT_DATE);
        LocalDate due = (LocalDate) row.get(B_DUE_DATE);
        if (due.isBefore(statement)) {
            out.rule("due_date", due, LoadProblem.Text.of("data.problem.dueDate", statement));
        }
    }
}
