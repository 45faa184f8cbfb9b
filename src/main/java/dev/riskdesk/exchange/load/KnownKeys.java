package dev.riskdesk.exchange.load;

import java.time.LocalDate;

/**
 * The keys the database already holds, for references a load does not carry itself (a daily delta's
 * repayment of an account loaded last month). {@link DatabaseKnownKeys} reads them from a database;
 * {@link #NONE} is an empty book.
 */
public interface KnownKeys {

    /** An empty database: nothing is known. */
    KnownKeys NONE = new KnownKeys() {
        @Override
        public boolean customer(String customerNo) {
            return false;
        }

        @Override
        public boolean account(String accountNo) {
            return false;
        }

        @Override
        public boolean bill(String accountNo, LocalDate statementMonth) {
            return false;
        }
    };

    boolean customer(String customerNo);

    boolean account(String accountNo);

    /** A bill of {@code accountNo} for the month starting {@code statementMonth}. */
    boolean bill(String accountNo, LocalDate statementMonth);
}
