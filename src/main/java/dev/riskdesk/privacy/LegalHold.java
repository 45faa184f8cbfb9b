package dev.riskdesk.privacy;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.APPEAL;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.appeals.AppealStatus;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/** What keeps a customer's personal data from being erased, on request or by the retention run. */
public enum LegalHold {
    /** An account of the customer is not closed (neither cancelled nor given a closing date). */
    ACCOUNT_OPEN,
    /** An appeal on one of the customer's accounts is not decided or closed: the case needs its texts. */
    OPEN_APPEAL,
    /** An account still has a balance or is past due: the debt may have to be collected or disputed. */
    UNPAID_BALANCE;

    private static final List<AppealStatus> OPEN_APPEALS = List.of(AppealStatus.NEW, AppealStatus.IN_REVIEW, AppealStatus.AWAITING_CUSTOMER,
            AppealStatus.ESCALATED);

    /** The holds on customer {@code customerId} now, empty when its personal data may be erased. */
    public static Set<LegalHold> of(DSLContext dsl, long customerId) {
        Set<LegalHold> holds = EnumSet.noneOf(LegalHold.class);
        for (var a : dsl.select(ACCOUNT.STATUS, ACCOUNT.CLOSED_AT, ACCOUNT.OUTSTANDING_BALANCE, ACCOUNT.CURRENT_DPD).from(ACCOUNT)
                .where(ACCOUNT.CUSTOMER_ID.eq(customerId)).fetch()) {
            if (a.value1() != AccountStatus.CANCELLED && a.value2() == null) {
                holds.add(ACCOUNT_OPEN);
            }
            if (a.value3().compareTo(BigDecimal.ZERO) > 0 || a.value4() > 0) {
                holds.add(UNPAID_BALANCE);
            }
        }
        if (dsl.fetchExists(dsl.selectOne().from(APPEAL).join(ACCOUNT).on(ACCOUNT.ID.eq(APPEAL.ACCOUNT_ID))
                .where(ACCOUNT.CUSTOMER_ID.eq(customerId)).and(APPEAL.STATUS.in(OPEN_APPEALS)))) {
            holds.add(OPEN_APPEAL);
        }
        return holds;
    }
}
