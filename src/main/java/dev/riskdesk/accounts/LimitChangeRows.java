package dev.riskdesk.accounts;

import static dev.riskdesk.db.schema.Tables.LIMIT_CHANGE;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.db.BulkInsert;
import dev.riskdesk.db.schema.tables.records.LimitChangeRecord;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.jooq.DSLContext;

/** LIMIT_CHANGE history rows (the limit history chart), collected and written with multi-row inserts. */
public final class LimitChangeRows {
    private final BulkInsert<LimitChangeRecord> rows = BulkInsert.into(LIMIT_CHANGE, LIMIT_CHANGE.ACCOUNT_ID, LIMIT_CHANGE.CHANGED_AT,
            LIMIT_CHANGE.OLD_LIMIT, LIMIT_CHANGE.NEW_LIMIT, LIMIT_CHANGE.OLD_STATUS, LIMIT_CHANGE.NEW_STATUS, LIMIT_CHANGE.SOURCE,
            LIMIT_CHANGE.DECISION_ID, LIMIT_CHANGE.REASON_CODES);

    public void add(long accountId, LocalDateTime at, BigDecimal oldLimit, BigDecimal newLimit, AccountStatus oldStatus, AccountStatus newStatus, String source,
            Long decisionId, String reasonCodes) {
        rows.add(accountId, at, oldLimit, newLimit, oldStatus, newStatus, source, decisionId,
                reasonCodes == null || reasonCodes.length() <= 200 ? reasonCodes : reasonCodes.substring(0, 200));
    }

    public void execute(DSLContext tx) {
        rows.execute(tx);
    }
}
