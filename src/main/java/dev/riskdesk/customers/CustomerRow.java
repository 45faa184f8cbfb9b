package dev.riskdesk.customers;

import dev.riskdesk.accounts.AccountStatus;
import java.math.BigDecimal;

/**
 * One line of the profile browser. Personal data arrives masked (张*三, 138****1234,
 * 110***********1234); the full values only come through {@link PersonalDataService#reveal}.
 */
public record CustomerRow(long accountId,
                          long customerId,
                          String accountNo,
                          String customerNo,
                          String maskedName,
                          String maskedPhone,
                          String maskedIdNumber,
                          String city,
                          int cityTier,
                          AccountStatus status,
                          BigDecimal creditLimit,
                          BigDecimal available,
                          BigDecimal balance,
                          int daysPastDue,
                          String delinquencyBucket,
                          Integer score,
                          String scoreBand,
                          boolean thinFile) {
}
