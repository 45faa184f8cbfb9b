package dev.riskdesk.app.cli;

import dev.riskdesk.accounts.AccountStatus;
import dev.riskdesk.common.DataFolder;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.LimitEngine;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSet;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.limits.run.FeedStatus;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench policy}: engine throughput over synthetic in-memory accounts (rules + policy +
 * guardrails + routing; no database I/O) and the per-account latency distribution. Meant to be
 * attached under the {@code bench} parent command as its {@code policy} subcommand.
 */
@Command(name = "policy", mixinStandardHelpOptions = true, description = "Benchmark the limit engine on synthetic accounts (no database).")
public final class PolicyBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--accounts", defaultValue = "1000000")
    int accounts;

    @Override
    public Integer call() {
        RuleSet rules = RuleSetService.parse(DataFolder.file("rules.json"));
        LimitPolicy policy = LimitPolicyService.parse(DataFolder.file("limit-policy.json"));
        LocalDateTime at = LocalDateTime.of(2025, 3, 20, 0, 0);
        Map<String, FeedStatus.Feed> feeds = new HashMap<>();
        for (String code : new String[] {"BILLS", "REPAYMENTS", "TRANSACTIONS", "LOGINS", "INQUIRIES"}) {
            feeds.put(code, new FeedStatus.Feed(code, at, 48));
        }
        FeedStatus status = new FeedStatus(feeds);
        LimitEngine engine = new LimitEngine();
        Random random = new Random(42);
        long[] nanos = new long[accounts];
        long proposals = 0;
        long start = System.nanoTime();
        for (int i = 0; i < accounts; i++) {
            AccountData a = synthetic(i, random, at);
            long t0 = System.nanoTime();
            proposals += engine.evaluate(a, rules, policy, status, at).proposals().size();
            nanos[i] = System.nanoTime() - t0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] p = dev.riskdesk.common.Percentiles.of(Arrays.stream(nanos).mapToDouble(n -> n / 1e6).toArray());
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%,d accounts in %.1f s (including building the synthetic accounts); %,d proposals%n", accounts, seconds, proposals);
        out.printf("per account evaluation: p50 %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms%n", p[0], p[1], p[2], p[3]);
        out.flush();
        return 0;
    }

    /** About 40 transactions, 6 months, 3 bills, a few logins and inquiries: a typical active account. */
    private static AccountData synthetic(int i, Random r, LocalDateTime at) {
        AccountData a = new AccountData();
        a.accountId = i + 1;
        a.accountNo = "B" + i;
        a.status = AccountStatus.ACTIVE;
        a.openedAt = at.minusYears(2);
        a.creditLimit = Money.ofCents((5000 + r.nextInt(45000)) * 100L);
        a.outstanding = Money.ofCents(r.nextInt(Math.toIntExact(Money.toCents(a.creditLimit))));
        a.availableAmount = a.creditLimit.subtract(a.outstanding);
        a.delinquencyBucket = "CURRENT";
        a.cityTier = 1 + r.nextInt(5);
        a.incomeBand = "I" + (1 + r.nextInt(5));
        int sub = r.nextInt(101);
        a.score = new AccountData.Score(1L, r.nextDouble() * 0.2, "B", sub, r.nextInt(101), r.nextInt(101), r.nextInt(101), "R01,R02", at);
        for (int m = 1; m <= 6; m++) {
            a.months.add(new AccountData.Month(at.toLocalDate().withDayOfMonth(1).minusMonths(m), a.creditLimit, a.outstanding,
                    Money.ofCents(r.nextInt(800000))));
        }
        for (int b = 1; b <= 3; b++) {
            BigDecimal min = Money.ofCents(r.nextInt(100000));
            a.bills.add(new AccountData.Bill(b, at.toLocalDate().minusDays(b * 30L - 10), min.multiply(BigDecimal.TEN), min, min));
        }
        for (int t = 0; t < 40; t++) {
            a.txns.add(new AccountData.Txn(t, at.minusMinutes(r.nextInt(97 * 24 * 60)), Money.ofCents(r.nextInt(200000)), "m", "北京", "D1"));
        }
        a.txns.sort((x, y) -> x.at().compareTo(y.at()));
        for (int l = 0; l < 5; l++) {
            a.logins.add(new AccountData.Login(l, at.minusMinutes(r.nextInt(10 * 24 * 60)), "D1", "北京", r.nextInt(50) == 0, r.nextInt(50) == 0, true));
        }
        for (int q = 0; q < r.nextInt(4); q++) {
            a.inquiries.add(new AccountData.Inquiry(q, at.minusDays(r.nextInt(30)), "x", "CASH_LOAN"));
        }
        return a;
    }
}
