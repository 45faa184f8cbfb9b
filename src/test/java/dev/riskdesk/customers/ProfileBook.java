package dev.riskdesk.customers;

import dev.riskdesk.db.Database;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * A small hand-made book for the browser and profile tests: {@code accounts} plain accounts
 * (customer and account id = i, names 王测i / 张测i, phone 1380000iiii) and one rich account,
 * {@link #RICH}, with two years of behaviour, a rule hit, a suspension, an appeal, a notice,
 * a decision, an open proposal and scores.
 */
public final class ProfileBook {
    public static final long RICH = 1;
    /** The rich account's "now": events are placed relative to it. */
    public static final LocalDate TODAY = LocalDate.now();

    private ProfileBook() {
    }

    public static void create(Database db, int accounts) {
        db.transaction(tx -> {
            for (int i = 1; i <= accounts; i++) {
                String phone = String.format("1380000%04d", i);
                tx.execute("INSERT INTO CUSTOMER (ID, CUSTOMER_NO, FULL_NAME, GENDER, BIRTH_DATE, PHONE, PHONE_LAST4, ID_NUMBER, CITY,"
                                + " CITY_TIER, INCOME_BAND, OCCUPATION, REGISTERED_AT, REAL_NAME_VERIFIED) VALUES"
                                + " (?, ?, ?, 'M', DATE '1990-01-01', ?, ?, ?, '杭州', ?, 'I3', '职员', TIMESTAMP '2023-01-01 00:00:00', TRUE)",
                        (long) i, String.format("C%010d", i), (i % 2 == 1 ? "王测" : "张测") + i, phone, phone.substring(7),
                        String.format("3301011990%08d", i), 1 + i % 4);
                tx.execute("INSERT INTO ACCOUNT (ID, ACCOUNT_NO, CUSTOMER_ID, PRODUCT, OPENED_AT, STATUS, CREDIT_LIMIT, AVAILABLE_AMOUNT,"
                                + " OUTSTANDING_BALANCE, CURRENT_DPD, DELINQUENCY_BUCKET, SCORE, SCORE_BAND, THIN_FILE) VALUES"
                                + " (?, ?, ?, 'CREDIT_PAY', TIMESTAMP '2023-01-01 00:00:00', ?, ?, ?, ?, ?, ?, ?, ?, FALSE)",
                        (long) i, String.format("A%010d", i), (long) i, i == RICH ? "SUSPENDED" : i % 9 == 0 ? "FROZEN" : "ACTIVE",
                        i == RICH ? 8000 : 1000 * (i % 20 + 1), i == RICH ? 0 : 500, i == RICH ? 7200 : i, i == RICH ? 35 : 0,
                        i == RICH ? "DPD31_60" : "CURRENT", 520 + i % 50, i == RICH ? "D" : "ABCDE".substring(i % 5, i % 5 + 1));
            }
            LocalDateTime now = TODAY.atTime(10, 0);
            LocalDate firstMonth = TODAY.withDayOfMonth(1).minusMonths(23);
            for (int m = 0; m < 24; m++) {
                LocalDate month = firstMonth.plusMonths(m);
                int spend = m == 20 ? 9000 : 1500 + 10 * m;
                int dpd = m == 22 ? 35 : m == 15 ? 5 : 0;
                tx.execute("INSERT INTO ACCOUNT_MONTH VALUES (?, ?, ?, ?, ?, 12, 500, 100, 0, 1, 0, 150, ?, ?, ?, 20, ?, 1, ?)",
                        RICH, month, m < 12 ? 10000 : 8000, 3000 + 150 * m, spend, m == 22 ? 0 : 1500, dpd, dpd > 0,
                        m == 21 ? 2 : 0, m == 21 ? 4 : 0);
                if (m < 23) {
                    String status = m == 22 ? "MISSED" : m == 15 ? "LATE" : "PAID";
                    LocalDate due = month.plusMonths(1).withDayOfMonth(10);
                    tx.execute("INSERT INTO BILL (ACCOUNT_ID, STATEMENT_MONTH, STATEMENT_DATE, DUE_DATE, STATEMENT_AMOUNT, MINIMUM_DUE,"
                                    + " PAID_AMOUNT, PAID_DATE, DAYS_PAST_DUE, STATUS, RECEIVED_AT) VALUES (?, ?, ?, ?, 1500, 150, ?, ?, ?, ?, ?)",
                            RICH, month, month.plusMonths(1), due, m == 22 ? 0 : 1500, m == 22 ? null : due.plusDays(dpd), dpd, status,
                            due.atStartOfDay());
                    if (m != 22) {
                        tx.execute("INSERT INTO REPAYMENT (ACCOUNT_ID, AMOUNT, PAID_AT, RECEIVED_AT, CHANNEL) VALUES (?, 1500, ?, ?, 'APP')",
                                RICH, due.plusDays(dpd).atTime(9, 0), due.plusDays(dpd).atTime(9, 5));
                    }
                }
                for (int t = 0; t < 3; t++) {
                    tx.execute("INSERT INTO TXN (ACCOUNT_ID, TXN_AT, AMOUNT, CATEGORY, MERCHANT, CHANNEL, CITY, RECEIVED_AT)"
                                    + " VALUES (?, ?, ?, ?, '天猫超市', 'APP', '杭州', ?)",
                            RICH, month.atTime(12 + t, 0).plusDays(3 + t), 100 + 400 * t, t == 2 ? "ELECTRONICS" : "GROCERY",
                            month.atTime(12 + t, 1).plusDays(3 + t));
                }
            }
            tx.execute("INSERT INTO LOGIN_EVENT (CUSTOMER_ID, LOGIN_AT, DEVICE_ID, IP_ADDRESS, CITY, NEW_DEVICE, NEW_CITY, SUCCESS, RECEIVED_AT)"
                    + " VALUES (?, ?, 'D-0001', '10.0.0.1', '杭州', FALSE, FALSE, TRUE, ?), (?, ?, 'D-0999', '10.9.9.9', '乌鲁木齐', TRUE, TRUE, TRUE, ?)",
                    RICH, now.minusMonths(5), now.minusMonths(5), RICH, now.minusMonths(2), now.minusMonths(2));
            tx.execute("INSERT INTO CREDIT_INQUIRY (CUSTOMER_ID, INQUIRED_AT, INSTITUTION, INQUIRY_TYPE, RECEIVED_AT) VALUES"
                    + " (?, ?, '某消费金融', 'CASH_LOAN', ?)", RICH, now.minusMonths(2).plusDays(3), now.minusMonths(2).plusDays(3));
            tx.execute("INSERT INTO LIMIT_CHANGE (ACCOUNT_ID, CHANGED_AT, OLD_LIMIT, NEW_LIMIT, OLD_STATUS, NEW_STATUS, SOURCE) VALUES"
                    + " (?, ?, NULL, 10000, NULL, 'ACTIVE', 'ORIGINATION'), (?, ?, 10000, 8000, 'ACTIVE', 'ACTIVE', 'ENGINE'),"
                    + " (?, ?, 8000, 8000, 'ACTIVE', 'SUSPENDED', 'ENGINE')",
                    RICH, firstMonth.atStartOfDay(), RICH, now.minusMonths(11), RICH, now.minusDays(20));
            // a rule set of its own beside the one a new database is seeded with
            tx.execute("INSERT INTO RULE_SET (ID, VERSION_NO, STATUS, CREATED_AT) VALUES (901, 901, 'RETIRED', CURRENT_TIMESTAMP)");
            tx.execute("INSERT INTO RULE (RULE_SET_ID, RULE_CODE, DESCRIPTION_ZH, DESCRIPTION_EN, SEVERITY, ACTION, PARAMETERS, FEEDS)"
                    + " VALUES (901, 'DPD30', '逾期超过30天', 'More than 30 days past due', 'HIGH', 'SUSPEND', '{}', 'BILLS')");
            tx.execute("INSERT INTO RULE_HIT (ID, ACCOUNT_ID, RULE_SET_ID, RULE_CODE, HIT_AT, SEVERITY, ACTION, EVIDENCE, FEED_AS_OF)"
                    + " VALUES (1, ?, 901, 'DPD30', ?, 'HIGH', 'SUSPEND', 'bill missed, 35 days past due', 'BILLS ok')", RICH, now.minusDays(20));
            tx.execute("INSERT INTO SUSPENSION (ID, ACCOUNT_ID, KIND, STATUS, RULE_SET_ID, RULE_CODE, RULE_HIT_ID, REASON_CODES, EVIDENCE,"
                    + " PREVIOUS_STATUS, PREVIOUS_LIMIT, STARTED_AT) VALUES (1, ?, 'RISK', 'ACTIVE', 901, 'DPD30', 1, 'DPD30', 'missed bill',"
                    + " 'ACTIVE', 8000, ?)", RICH, now.minusDays(20));
            tx.execute("INSERT INTO APPEAL (ID, APPEAL_NO, ACCOUNT_ID, APPEAL_TYPE, SUSPENSION_ID, CHANNEL, CONTACT_PREFERENCE, STATEMENT,"
                    + " STATUS, CREATED_AT, SLA_DUE_AT) VALUES (1, 'AP0000001', ?, 'SUSPENSION', 1, 'PHONE', 'SMS', '我已经还款了', 'IN_REVIEW', ?, ?)",
                    RICH, now.minusDays(2), now.plusDays(1));
            tx.execute("INSERT INTO CUSTOMER_NOTICE (ACCOUNT_ID, KIND, CHANNEL, LANGUAGE_TAG, TEMPLATE_CODE, BODY, STATUS, SUSPENSION_ID, CREATED_AT)"
                    + " VALUES (?, 'SUSPENSION', 'SMS', 'zh-CN', 'SUSPENSION', '您的账户因逾期已暂停使用，如有疑问请申诉。', 'EXPORTED', 1, ?)",
                    RICH, now.minusDays(20));
            tx.execute("INSERT INTO LIMIT_PROPOSAL (ID, ACCOUNT_ID, PROPOSAL_TYPE, STATUS, ROUTE, OLD_LIMIT, PROPOSED_LIMIT, EXPOSURE, PD, PRIORITY,"
                    + " REASON_CODES, CREATED_AT) VALUES (1, ?, 'DECREASE', 'AUTO_APPLIED', 'AUTO', 10000, 8000, 3000, 0.05, 150, 'UTIL', ?)", RICH, now.minusMonths(11));
            tx.execute("INSERT INTO LIMIT_DECISION (ID, PROPOSAL_ID, ACCOUNT_ID, ACTION, STATUS, OLD_LIMIT, NEW_LIMIT, DECIDED_AT) VALUES"
                    + " (1, 1, ?, 'AUTO_APPLY', 'APPLIED', 10000, 8000, ?)", RICH, now.minusMonths(11));
            tx.execute("INSERT INTO LIMIT_PROPOSAL (ID, ACCOUNT_ID, PROPOSAL_TYPE, STATUS, ROUTE, OLD_LIMIT, PROPOSED_LIMIT, EXPOSURE, PD, PRIORITY,"
                    + " REASON_CODES, CREATED_AT) VALUES (2, ?, 'DECREASE', 'PENDING', 'REVIEW', 8000, 5000, 7200, 0.2, 1440, 'DPD30', ?)",
                    RICH, now.minusDays(1));
            tx.execute("INSERT INTO MODEL (ID, NAME, KIND, STATUS, FEATURES, TRAINED_AT) VALUES (1, 'fixture', 'SCORECARD', 'RETIRED', 'X', ?)", now);
            for (int m = 0; m < 4; m++) {
                tx.execute("INSERT INTO SCORE (ACCOUNT_ID, MODEL_ID, OBSERVATION_DATE, SCORED_AT, SCORE, PD, BAND, THIN_FILE, CREDIT_SUB,"
                        + " CAPACITY_SUB, STABILITY_SUB, SECURITY_SUB) VALUES (?, 1, ?, ?, ?, 0.1, ?, FALSE, ?, 45, 70, 15)",
                        RICH, TODAY.minusMonths(3 - m), now.minusMonths(3 - m), 640 - 40 * m, m < 2 ? "C" : "D", 60 - 10 * m);
            }
            tx.execute("INSERT INTO AUDIT_EVENT (OCCURRED_AT, OPERATOR_NAME, ACTION, ENTITY_TYPE, ENTITY_ID, REASON) VALUES"
                    + " (?, 'system', 'SUSPENSION_STARTED', 'SUSPENSION', '1', 'DPD30'), (?, 'agent', 'PII_REVEALED', 'CUSTOMER', '2', 'x')",
                    now.minusDays(20), now.minusDays(1));
        });
    }
}
