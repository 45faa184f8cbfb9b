package dev.riskdesk.exchange.load;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BILL;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Record2;

/**
 * The row ids behind the natural keys a load refers to (a customer number, an account number, an
 * account's bill of a month), looked up in the database a batch at a time and kept for the rest of
 * the load. Rows written earlier in the same load are found there too (same connection). A dry run
 * writes nothing, so the rows it would add are known by placeholder ids (negative) instead.
 */
final class Refs {
    /** Keys per lookup statement. */
    private static final int LOOKUP = 1000;

    private final DSLContext dsl;
    private final Map<String, Long> customers = new HashMap<>();
    private final Map<String, Long> accounts = new HashMap<>();
    private final Map<Long, Map<LocalDate, Long>> bills = new HashMap<>();
    private final Set<Long> billsRead = new HashSet<>();
    private long nextPlaceholder = -1;

    Refs(DSLContext dsl) {
        this.dsl = dsl;
    }

    Long customer(String customerNo) {
        return customers.get(customerNo);
    }

    Long account(String accountNo) {
        return accounts.get(accountNo);
    }

    Long bill(long accountId, LocalDate month) {
        Map<LocalDate, Long> months = bills.get(accountId);
        return months == null ? null : months.get(month);
    }

    /** Looks up the customer numbers not yet known. */
    void readCustomers(Collection<String> customerNos) {
        List<String> missing = customerNos.stream().filter(k -> k != null && !customers.containsKey(k)).distinct().toList();
        for (int from = 0; from < missing.size(); from += LOOKUP) {
            List<String> part = missing.subList(from, Math.min(missing.size(), from + LOOKUP));
            for (Record2<Long, String> r : dsl.select(CUSTOMER.ID, CUSTOMER.CUSTOMER_NO).from(CUSTOMER).where(CUSTOMER.CUSTOMER_NO.in(part)).fetch()) {
                customers.put(r.value2(), r.value1());
            }
        }
    }

    /** Looks up the account numbers not yet known. */
    void readAccounts(Collection<String> accountNos) {
        List<String> missing = accountNos.stream().filter(k -> k != null && !accounts.containsKey(k)).distinct().toList();
        for (int from = 0; from < missing.size(); from += LOOKUP) {
            List<String> part = missing.subList(from, Math.min(missing.size(), from + LOOKUP));
            for (Record2<Long, String> r : dsl.select(ACCOUNT.ID, ACCOUNT.ACCOUNT_NO).from(ACCOUNT).where(ACCOUNT.ACCOUNT_NO.in(part)).fetch()) {
                accounts.put(r.value2(), r.value1());
            }
        }
    }

    /** Reads the stored bills of the accounts whose bills were not read yet. */
    void readBills(Collection<Long> accountIds) {
        List<Long> missing = new ArrayList<>();
        for (Long id : accountIds) {
            if (id != null && id > 0 && billsRead.add(id)) {
                missing.add(id);
            }
        }
        for (int from = 0; from < missing.size(); from += LOOKUP) {
            List<Long> part = missing.subList(from, Math.min(missing.size(), from + LOOKUP));
            dsl.select(BILL.ID, BILL.ACCOUNT_ID, BILL.STATEMENT_MONTH).from(BILL).where(BILL.ACCOUNT_ID.in(part))
                    .forEach(r -> bills.computeIfAbsent(r.value2(), k -> new HashMap<>()).put(r.value3(), r.value1()));
        }
    }

    /** A dry run's stand-in for a customer it would add. */
    void placeholderCustomer(String customerNo) {
        customers.putIfAbsent(customerNo, nextPlaceholder--);
    }

    /** A dry run's stand-in for an account it would add. */
    void placeholderAccount(String accountNo) {
        accounts.putIfAbsent(accountNo, nextPlaceholder--);
    }

    /** A dry run's stand-in for a bill it would add. */
    void placeholderBill(long accountId, LocalDate month) {
        readBills(List.of(accountId));
        bills.computeIfAbsent(accountId, k -> new HashMap<>()).putIfAbsent(month, nextPlaceholder--);
    }
}
