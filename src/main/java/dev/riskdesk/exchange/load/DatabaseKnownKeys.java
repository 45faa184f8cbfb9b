package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The database's customer and account numbers, read once into memory (1,000,000 of each take about
 * 150 MB), and its bills looked up one at a time through UK_BILL_MONTH (a load asks only for the
 * bills it does not carry itself). Reads only.
 */
public final class DatabaseKnownKeys implements KnownKeys {
    private final DSLContext dsl;
    private final Set<String> customers;
    private final Set<String> accounts;

    private DatabaseKnownKeys(DSLContext dsl, Set<String> customers, Set<String> accounts) {
        this.dsl = dsl;
        this.customers = customers;
        this.accounts = accounts;
    }

    /** Reads the keys now; {@code dsl} is kept for the bill look-ups, so it must stay open while the load validates. */
    public static DatabaseKnownKeys read(DSLContext dsl) {
        Set<String> customers = new HashSet<>();
        try (var cursor = dsl.select(CUSTOMER.CUSTOMER_NO).from(CUSTOMER).fetchSize(10_000).fetchLazy()) {
            cursor.forEach(r -> customers.add(r.value1()));
        }
        Set<String> accounts = new HashSet<>();
        try (var cursor = dsl.select(ACCOUNT.ACCOUNT_NO).from(ACCOUNT).fetchSize(10_000).fetchLazy()) {
            cursor.forEach(r -> accounts.add(r.value1()));
        }
        return new DatabaseKnownKeys(dsl, customers, accounts);
    }

    @Override
    public boolean customer(String customerNo) {
        return customers.contains(customerNo);
    }

    @Override
    public boolean account(String accountNo) {
        return accounts.contains(accountNo);
    }

    @Override
    public boolean bill(String accountNo, LocalDate statementMonth) {
        return accounts.contains(accountNo) && dsl.fetchExists(dsl.selectOne().from(BILL).join(ACCOUNT).on(ACCOUNT.ID.eq(BILL.ACCOUNT_ID))
                .where(ACCOUNT.ACCOUNT_NO.eq(accountNo)).and(BILL.STATEMENT_MONTH.eq(statementMonth)));
    }
}
