package dev.riskdesk.scoring;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.ACCOUNT_MONTH;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import dev.riskdesk.db.Database;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Random;
import org.jooq.BatchBindStep;

/**
 * A small book with a known latent risk per account, written straight into the real schema,
 * for tests that need training data before (and independently of) the portfolio generator.
 */
public final class SyntheticBook {
    public static final LocalDate FIRST_MONTH = LocalDate.of(2023, 1, 1);

    private SyntheticBook() {
    }

    public static void fill(Database db, int accounts, int months, long seed) {
        fill(db, 1, accounts, months, seed);
    }

    /** Accounts (and customers) with ids {@code firstId..lastId}, so big books can be filled in slices. */
    public static void fill(Database db, int firstId, int lastId, int months, long seed) {
        Random random = new Random(seed);
        db.transaction(tx -> {
            BatchBindStep customers = tx.batch(tx.insertInto(CUSTOMER, CUSTOMER.ID, CUSTOMER.CUSTOMER_NO, CUSTOMER.FULL_NAME, CUSTOMER.GENDER,
                    CUSTOMER.BIRTH_DATE, CUSTOMER.PHONE, CUSTOMER.PHONE_LAST4, CUSTOMER.ID_NUMBER, CUSTOMER.CITY, CUSTOMER.CITY_TIER,
                    CUSTOMER.INCOME_BAND, CUSTOMER.OCCUPATION, CUSTOMER.REGISTERED_AT, CUSTOMER.REAL_NAME_VERIFIED, CUSTOMER.VERIFIED_AT)
                    .values((Long) null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            BatchBindStep accountsStep = tx.batch(tx.insertInto(ACCOUNT, ACCOUNT.ID, ACCOUNT.ACCOUNT_NO, ACCOUNT.CUSTOMER_ID, ACCOUNT.PRODUCT,
                    ACCOUNT.OPENED_AT, ACCOUNT.STATUS, ACCOUNT.CREDIT_LIMIT, ACCOUNT.AVAILABLE_AMOUNT, ACCOUNT.OUTSTANDING_BALANCE)
                    .values((Long) null, null, null, null, null, null, null, null, null));
            String[] jobs = {"ENGINEER", "TEACHER", "SALES", "STUDENT", "FREELANCE"};
            double[] risks = new double[lastId + 1];
            int[] opened = new int[lastId + 1];
            for (int id = firstId; id <= lastId; id++) {
                double z = random.nextGaussian();
                risks[id] = z;
                int income = clamp(3 - (int) Math.round(z + random.nextGaussian() * 0.7), 1, 5);
                int tier = 1 + random.nextInt(5);
                boolean verified = random.nextDouble() > 0.1 + 0.1 * Math.max(0, z);
                String job = jobs[clamp((int) Math.round(2 + z + random.nextGaussian()), 0, 4)];
                opened[id] = random.nextDouble() < 0.85 ? 0 : random.nextInt(months);
                LocalDateTime openedAt = FIRST_MONTH.plusMonths(opened[id]).atTime(10, 0);
                customers.bind((long) id, "C" + id, "Name" + id, id % 2 == 0 ? "F" : "M", LocalDate.of(1970 + random.nextInt(35), 1 + random.nextInt(12), 1),
                        "138" + String.format("%08d", id), String.format("%04d", id % 10000), String.format("%018d", id), "City" + tier, tier,
                        "I" + income, job, openedAt.minusDays(3), verified, verified ? openedAt.minusDays(2) : null);
                accountsStep.bind((long) id, "A" + id, (long) id, "CREDIT_PAY", openedAt, "ACTIVE", money(10000), money(10000), money(0));
            }
            customers.execute();
            accountsStep.execute();
            BatchBindStep monthsStep = tx.batch(tx.insertInto(ACCOUNT_MONTH, ACCOUNT_MONTH.ACCOUNT_ID, ACCOUNT_MONTH.MONTH_START,
                    ACCOUNT_MONTH.CREDIT_LIMIT, ACCOUNT_MONTH.BALANCE, ACCOUNT_MONTH.SPEND, ACCOUNT_MONTH.TXN_COUNT,
                    ACCOUNT_MONTH.ESSENTIAL_SPEND, ACCOUNT_MONTH.LUXURY_SPEND, ACCOUNT_MONTH.FESTIVAL_SPEND,
                    ACCOUNT_MONTH.NIGHT_TXN_COUNT, ACCOUNT_MONTH.BIG_TICKET_COUNT, ACCOUNT_MONTH.MINIMUM_DUE, ACCOUNT_MONTH.PAYMENT,
                    ACCOUNT_MONTH.DAYS_PAST_DUE, ACCOUNT_MONTH.LATE_BILL, ACCOUNT_MONTH.LOGIN_COUNT, ACCOUNT_MONTH.NEW_DEVICE_COUNT,
                    ACCOUNT_MONTH.LOGIN_CITY_COUNT, ACCOUNT_MONTH.INQUIRY_COUNT)
                    .values((Long) null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
            for (int id = firstId; id <= lastId; id++) {
                double z = risks[id];
                int dpd = 0;
                boolean dormant = random.nextDouble() < 0.05;
                for (int m = opened[id]; m < months; m++) {
                    // risk drifts month to month so the future is not fully written in the past
                    double zNow = z + 0.5 * random.nextGaussian();
                    if (dpd > 0) {
                        dpd = random.nextDouble() < 0.55 + 0.1 * z ? dpd + 30 : 0;
                    } else if (random.nextDouble() < 1 / (1 + Math.exp(4.2 - 1.1 * zNow))) {
                        dpd = 1 + random.nextInt(20);
                    }
                    double util = dormant ? 0 : 1 / (1 + Math.exp(-(0.9 * zNow - 0.5)));
                    double spend = dormant ? 0 : Math.max(0, 3000 * (1 + 0.3 * random.nextGaussian()) * (1 + 0.2 * z));
                    int txns = dormant ? 0 : 5 + random.nextInt(20);
                    double minDue = util * 10000 * 0.1;
                    double payment = dpd > 0 ? minDue * random.nextDouble() * 0.5 : minDue * (1 + 3 * random.nextDouble());
                    monthsStep.bind((long) id, FIRST_MONTH.plusMonths(m), money(10000), money(util * 10000), money(spend), txns,
                            money(spend * 0.5), money(spend * Math.min(0.9, Math.max(0, 0.2 + 0.1 * z))), money(spend * 0.1),
                            txns / 5, txns / 10, money(minDue), money(payment), dpd, dpd > 0,
                            5 + random.nextInt(10), random.nextDouble() < 0.05 ? 1 : 0, 1 + (random.nextDouble() < 0.1 ? 1 : 0),
                            poisson(random, Math.exp(-1.5 + 0.7 * zNow)));
                }
            }
            monthsStep.execute();
        });
    }

    public static BigDecimal money(double v) {
        return BigDecimal.valueOf(v).setScale(2, RoundingMode.HALF_UP);
    }

    public static int clamp(int v, int lo, int hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    public static int poisson(Random random, double lambda) {
        double l = Math.exp(-lambda);
        double p = 1;
        int k = 0;
        do {
            k++;
            p *= random.nextDouble();
        } while (p > l);
        return k - 1;
    }

}
