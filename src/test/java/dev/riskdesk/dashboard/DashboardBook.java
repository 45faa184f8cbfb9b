package dev.riskdesk.dashboard;

import dev.riskdesk.db.Database;
import java.time.LocalDate;
import org.jooq.impl.DSL;

/**
 * A three-account book with known answers for the dashboard (March 2025 is the latest month):
 * 1 tier 1 / I1 / credit pay, opened Jan 2025: limit 1,000, balances 0, 500, 1,000; DPD 0, 40, 95;
 * 2 tier 2 / I2 / cash loan, opened Feb 2025: limit 2,000, balance 200, 200; DPD 0, 0;
 * 3 tier 1 / I1 / credit pay, opened 2020 (before the data): March only, limit 1,000, balance 950, DPD 10.
 * One suspension (rule DPD30) on account 1 in March, appealed and lifted within the SLA.
 */
public final class DashboardBook {
    private DashboardBook() {
    }

    public static void create(Database db) {
        db.transaction(tx -> {
            Object[][] accounts = {{1L, 1, "I1", "CREDIT_PAY", "2025-01-15"}, {2L, 2, "I2", "CASH_LOAN", "2025-02-10"},
                {3L, 1, "I1", "CREDIT_PAY", "2020-06-01"}};
            for (Object[] a : accounts) {
                long id = (Long) a[0];
                String phone = String.format("1390000%04d", id);
                tx.execute("INSERT INTO CUSTOMER (ID, CUSTOMER_NO, FULL_NAME, GENDER, BIRTH_DATE, PHONE, PHONE_LAST4, ID_NUMBER, CITY,"
                                + " CITY_TIER, INCOME_BAND, OCCUPATION, REGISTERED_AT, REAL_NAME_VERIFIED) VALUES"
                                + " (?, ?, '测试', 'F', DATE '1990-01-01', ?, ?, ?, '杭州', ?, ?, '职员', TIMESTAMP '2020-01-01 00:00:00', TRUE)",
                        id, "C" + id, phone, phone.substring(7), String.format("3301011990%08d", id), a[1], a[2]);
                tx.execute("INSERT INTO ACCOUNT (ID, ACCOUNT_NO, CUSTOMER_ID, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT, AVAILABLE_AMOUNT,"
                                + " OUTSTANDING_BALANCE) VALUES (?, ?, ?, ?, ?, 'ACTIVE', 1000, 0, 0)",
                        id, "A" + id, id, a[3], LocalDate.parse((String) a[4]).atTime(10, 0));
            }
            month(tx, 1, "2025-01-01", 1000, 0, 0);
            month(tx, 1, "2025-02-01", 1000, 500, 40);
            month(tx, 1, "2025-03-01", 1000, 1000, 95);
            month(tx, 2, "2025-02-01", 2000, 200, 0);
            month(tx, 2, "2025-03-01", 2000, 200, 0);
            month(tx, 3, "2025-03-01", 1000, 950, 10);
            tx.execute("INSERT INTO SUSPENSION (ID, ACCOUNT_ID, KIND, STATUS, RULE_CODE, REASON_CODES, PREVIOUS_STATUS, PREVIOUS_LIMIT, STARTED_AT)"
                    + " VALUES (1, 1, 'RISK', 'LIFTED', 'DPD30', 'DPD30', 'ACTIVE', 1000, TIMESTAMP '2025-03-05 10:00:00')");
            tx.execute("INSERT INTO APPEAL (APPEAL_NO, ACCOUNT_ID, APPEAL_TYPE, SUSPENSION_ID, CHANNEL, CONTACT_PREFERENCE, STATEMENT, STATUS,"
                    + " OUTCOME, CREATED_AT, SLA_DUE_AT, DECIDED_AT) VALUES ('AP1', 1, 'SUSPENSION', 1, 'PHONE', 'SMS', '=cmd|calc', 'DECIDED',"
                    + " 'LIFTED', TIMESTAMP '2025-03-06 09:00:00', TIMESTAMP '2025-03-08 09:00:00', TIMESTAMP '2025-03-07 09:00:00')");
        });
    }

    /**
     * Gives the three accounts a scorecard score (model 'DASHBOOK', band B, PD 2 %, sub-scores 60) so the limit engine
     * computes a policy target for them; the dashboard cube is not refreshed.
     */
    public static void scores(Database db) {
        db.transaction(tx -> {
            long model = tx.insertInto(DSL.table("MODEL"), DSL.field("NAME"), DSL.field("KIND"), DSL.field("STATUS"), DSL.field("FEATURES"),
                    DSL.field("TRAINED_AT")).values("DASHBOOK", "SCORECARD", "DRAFT", "[]", LocalDate.parse("2025-01-01").atStartOfDay())
                    .returningResult(DSL.field("ID", Long.class)).fetchOne().value1();
            for (long id = 1; id <= 3; id++) {
                tx.execute("INSERT INTO SCORE (ACCOUNT_ID, MODEL_ID, OBSERVATION_DATE, SCORED_AT, SCORE, PD, BAND, THIN_FILE, CREDIT_SUB,"
                        + " CAPACITY_SUB, STABILITY_SUB, SECURITY_SUB) VALUES (?, ?, DATE '2025-03-31', TIMESTAMP '2025-03-31 12:00:00', 700,"
                        + " 0.02, 'B', FALSE, 60, 60, 60, 60)", id, model);
            }
        });
    }

    private static void month(org.jooq.DSLContext tx, long account, String month, int limit, int balance, int dpd) {
        tx.execute("INSERT INTO ACCOUNT_MONTH VALUES (?, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, ?, 0, 0, 0, 0)",
                account, LocalDate.parse(month), limit, balance, dpd, dpd > 0);
    }
}
