package dev.riskdesk.limits;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.limits.run.FeedStatus;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/** The shipped rules and policy, fresh feeds and one in-memory account, for the engine tests. */
public final class EngineFixtures {
    private EngineFixtures() {
    }

    public static final LocalDateTime AT = LocalDateTime.of(2025, 3, 20, 0, 0);
    public static final RuleSet RULES = RuleSetService.parse(Path.of("data/rules.json"));
    public static final LimitPolicy POLICY = LimitPolicyService.parse(Path.of("data/limit-policy.json"));
    public static final FeedStatus FRESH = feeds(AT);

    public static FeedStatus feeds(LocalDateTime asOf) {
        Map<String, FeedStatus.Feed> m = new java.util.HashMap<>();
        for (String code : List.of("BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES")) {
            m.put(code, new FeedStatus.Feed(code, asOf, 48));
        }
        return new FeedStatus(m);
    }

    public static AccountData account() {
        AccountData a = new AccountData();
        a.accountId = 1;
        a.accountNo = "A0000000001";
        a.status = AccountStatus.ACTIVE;
        a.openedAt = AT.minusYears(2);
        a.creditLimit = Money.of("10000");
        a.availableAmount = Money.of("5000");
        a.outstanding = Money.of("5000");
        a.delinquencyBucket = "CURRENT";
        a.cityTier = 1;
        a.incomeBand = "I3";
        return a;
    }
}
