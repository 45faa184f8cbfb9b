package dev.riskdesk.customers;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.CUSTOMER;

import dev.riskdesk.common.TextLimit;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.AccessDeniedException;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import org.jooq.Record3;

/**
 * Reveals a customer's personal data by the minimum-necessary principle: only the fields
 * asked for, only with the permission for each, only with a typed reason, and always audited
 * in the same transaction as the read.
 */
public final class PersonalDataService {
    public static final int MIN_REASON_LENGTH = 5;

    public enum Field {
        NAME(Permission.PII_REVEAL_CONTACT),
        PHONE(Permission.PII_REVEAL_CONTACT),
        ID_NUMBER(Permission.PII_REVEAL_ID_NUMBER);

        private final Permission permission;

        Field(Permission permission) {
            this.permission = permission;
        }

        public Permission permission() {
            return permission;
        }
    }

    private final Database database;
    private final AuditLog audit;

    public PersonalDataService(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    /** Whether the screen should offer to reveal this field at all. */
    public static boolean mayReveal(Session session, Field field) {
        return session.has(field.permission());
    }

    @Requires({Permission.PII_REVEAL_CONTACT, Permission.PII_REVEAL_ID_NUMBER})
    public Map<Field, String> reveal(Session session, long customerId, Set<Field> fields, String reason) {
        if (!session.has(Permission.PII_REVEAL_CONTACT) && !session.has(Permission.PII_REVEAL_ID_NUMBER)) {
            throw new AccessDeniedException(session.username(), Permission.PII_REVEAL_CONTACT); // may reveal nothing at all
        }
        if (fields.isEmpty()) {
            throw UserFacingException.keyed("personal.nothingChosen", "Choose what to reveal.");
        }
        for (Field field : fields) {
            session.require(field.permission());
        }
        TextLimit.REVEAL_REASON.check(reason);
        String why = reason == null ? "" : reason.strip();
        if (why.length() < MIN_REASON_LENGTH) {
            throw UserFacingException.keyed("personal.reasonTooShort",
                    "Type the reason for revealing personal data (at least " + MIN_REASON_LENGTH + " characters).", String.valueOf(MIN_REASON_LENGTH));
        }
        return database.transactionResult(tx -> {
            Record3<String, String, String> r = tx.select(CUSTOMER.FULL_NAME, CUSTOMER.PHONE, CUSTOMER.ID_NUMBER)
                    .from(CUSTOMER).where(CUSTOMER.ID.eq(customerId)).fetchOne();
            if (r == null) {
                throw UserFacingException.keyed("personal.noCustomer", "Customer " + customerId + " does not exist.", String.valueOf(customerId));
            }
            if (r.value1() == null && r.value2() == null && r.value3() == null) {
                // privacy: erased after the retention period or on request; nothing is left to reveal, and nothing is audited as read
                throw UserFacingException.keyed("personal.erased", "Customer " + customerId + "'s personal data has been erased; there is nothing to reveal.",
                        String.valueOf(customerId));
            }
            Map<Field, String> values = new EnumMap<>(Field.class);
            for (Field field : fields) {
                values.put(field, switch (field) {
                    case NAME -> r.value1();
                    case PHONE -> r.value2();
                    case ID_NUMBER -> r.value3();
                });
            }
            audit.record(tx, session, "PII_REVEALED", "CUSTOMER", customerId, why, values.keySet().toString());
            return values;
        });
    }
}
