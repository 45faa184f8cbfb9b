package dev.riskdesk.limits.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.accounts.SuspensionKind;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Money;
import dev.riskdesk.limits.policy.AccountData;
import dev.riskdesk.limits.policy.LimitPolicy;
import dev.riskdesk.limits.run.FeedStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the monitoring rules for one account. Pure: no database, so the batch, the
 * simulation and the benchmark share it. Each hit carries the feeds' as-of times; a hit whose
 * feed does not cover the evidence period, or is older than its tolerance, is marked stale and
 * never suspends, freezes or decreases anything.
 */
public final class RuleEngine {

    public List<RuleHitResult> evaluate(AccountData account, RuleSet ruleSet, LimitPolicy policy, FeedStatus feeds, LocalDateTime at) {
        List<RuleHitResult> hits = new ArrayList<>();
        for (RuleDefinition rule : ruleSet.rules()) {
            if (!rule.enabled()) {
                continue;
            }
            Evidence evidence = switch (rule.code()) {
                case "OVERDUE_DECREASE", "OVERDUE_FREEZE" -> overdue(account, rule, feeds, at);
                case "SPENDING_SPIKE" -> spendingSpike(account, rule, at);
                case "MULTI_LENDING" -> multiLending(account, rule, at);
                case "ACCOUNT_TAKEOVER" -> takeover(account, rule, at);
                case "LOGIN_FREQUENCY" -> loginFrequency(account, rule, at);
                case "UTILISATION_JUMP" -> utilisationJump(account, rule, at);
                case "MACRO_DOWNTURN" -> macroDownturn(account, rule, policy, at);
                default -> null; // an unknown code in a stored rule set is ignored rather than guessed at
            };
            if (evidence != null) {
                hits.add(withFeeds(rule, evidence, feeds, at));
            }
        }
        return hits;
    }

    /** Rules that read raw transactions and for which {@link #needsTxnHistory} knows what they need. */
    private static final java.util.Set<String> TXN_AWARE = java.util.Set.of("SPENDING_SPIKE", "ACCOUNT_TAKEOVER", "UTILISATION_JUMP");

    /**
     * Days of raw transactions every account needs: the spending-spike rule's recent window; older transactions are read only
     * for the accounts {@link #needsTxnHistory} names. -1 when a rule on the TRANSACTIONS feed is not known here: then every
     * account's whole window must be read.
     */
    public static int recentTxnDays(RuleSet rules) {
        int days = 0;
        for (RuleDefinition r : rules.rules()) {
            if (!r.enabled()) {
                continue;
            }
            if (r.feeds().contains("TRANSACTIONS") && !TXN_AWARE.contains(r.code())) {
                return -1;
            }
            if (r.code().equals("SPENDING_SPIKE")) {
                days = Math.max(days, r.intParam("recentDays", 7));
            }
        }
        return days;
    }

    /**
     * True when a rule needs this account's transactions older than {@code recentFrom}, given the recent ones and the logins
     * already loaded: the spending spike only when the recent spend reaches its minimum (below it the rule cannot hit,
     * whatever the baseline), the takeover only after a new-device, new-city login before {@code recentFrom}.
     */
    public static boolean needsTxnHistory(AccountData a, RuleSet rules, LocalDateTime at, LocalDateTime recentFrom) {
        for (RuleDefinition rule : rules.rules()) {
            if (!rule.enabled()) {
                continue;
            }
            if (rule.code().equals("SPENDING_SPIKE")) {
                LocalDateTime from = at.minusDays(rule.intParam("recentDays", 7));
                LocalDateTime baselineFrom = from.minusDays(rule.intParam("baselineDays", 90));
                BigDecimal recent = BigDecimal.ZERO;
                for (AccountData.Txn t : a.txns) {
                    if (!t.at().isBefore(from) && !t.at().isAfter(at)) {
                        recent = recent.add(t.amount());
                    }
                }
                if ((a.openedAt == null || !a.openedAt.isAfter(baselineFrom)) && recent.compareTo(rule.decimalParam("minRecentAmount", "3000")) >= 0) {
                    return true;
                }
            } else if (rule.code().equals("ACCOUNT_TAKEOVER")) {
                LocalDateTime from = at.minusDays(rule.intParam("lookbackDays", 10));
                for (AccountData.Login l : a.logins) {
                    if (l.success() && l.newDevice() && l.newCity() && !l.at().isBefore(from) && !l.at().isAfter(at) && l.at().isBefore(recentFrom)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Evidence plus, per feed, the time up to which the feed must be complete for the evidence to hold. */
    private record Evidence(ObjectNode json, Map<String, LocalDateTime> mustCover) {
        Evidence(ObjectNode json) {
            this(json, Map.of());
        }
    }

    private static RuleHitResult withFeeds(RuleDefinition rule, Evidence evidence, FeedStatus feeds, LocalDateTime at) {
        Map<String, LocalDateTime> asOf = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String code : rule.feeds()) {
            FeedStatus.Feed feed = feeds.feed(code);
            if (feed == null) {
                asOf.put(code, null);
                problems.add(code + " has no as-of time");
                continue;
            }
            asOf.put(code, feed.asOf());
            if (!feed.fresh(at)) {
                problems.add(code + " as of " + feed.asOf() + " is older than its " + feed.toleranceHours() + " h tolerance");
            }
            LocalDateTime needed = evidence.mustCover().get(code);
            if (needed != null && feed.asOf().isBefore(needed)) {
                problems.add(code + " as of " + feed.asOf() + " does not cover " + needed);
            }
        }
        boolean stale = !problems.isEmpty();
        String reason = stale ? String.join("; ", problems) : null;
        if (stale) {
            evidence.json().put("staleReason", reason);
        }
        return new RuleHitResult(rule, evidence.json(), asOf, stale, reason);
    }

    /**
     * Oldest bill still below its minimum due, counting only repayments received by {@code at}.
     * The claim "N days past due" needs the repayment feed to be complete up to due date + grace + N.
     */
    private static Evidence overdue(AccountData a, RuleDefinition rule, FeedStatus feeds, LocalDateTime at) {
        int minDays = rule.intParam("minDaysPastDue", 30);
        int grace = rule.intParam("graceDays", 1);
        LocalDate today = at.toLocalDate();
        AccountData.Bill worst = oldestUnpaidPastDue(a, at);
        if (worst == null) {
            return null;
        }
        BigDecimal worstPaid = paidTowards(a, worst, at);
        long dpd = ChronoUnit.DAYS.between(worst.dueDate(), today);
        if (dpd < minDays) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("billId", worst.id());
        json.put("dueDate", worst.dueDate().toString());
        json.put("minimumDue", worst.minimumDue());
        json.put("paidAmount", worstPaid);
        json.put("daysPastDue", dpd);
        json.put("thresholdDays", minDays);
        // a payment made by due + grace may still be in flight: the repayment feed must reach past that moment
        LocalDateTime mustCover = worst.dueDate().plusDays(grace).atStartOfDay();
        if (worst.repaymentPending()) {
            // the bill shows a repayment made and not yet received: only the feed reaching the evaluation time can confirm the arrears
            json.put("repaymentPending", true);
            mustCover = at;
        }
        return new Evidence(json, Map.of("REPAYMENTS", mustCover));
    }

    /** The oldest bill past its due date whose minimum due has not been received by {@code at}, or null. */
    public static AccountData.Bill oldestUnpaidPastDue(AccountData a, LocalDateTime at) {
        LocalDate today = at.toLocalDate();
        AccountData.Bill worst = null;
        for (AccountData.Bill bill : a.bills) {
            if (bill.dueDate().isBefore(today) && paidTowards(a, bill, at).compareTo(bill.minimumDue()) < 0
                    && (worst == null || bill.dueDate().isBefore(worst.dueDate()))) {
                worst = bill;
            }
        }
        return worst;
    }

    private static BigDecimal paidTowards(AccountData a, AccountData.Bill bill, LocalDateTime at) {
        BigDecimal received = BigDecimal.ZERO;
        for (AccountData.Repayment r : a.repayments) {
            if (r.billId() != null && r.billId() == bill.id() && !r.receivedAt().isAfter(at)) {
                received = received.add(r.amount());
            }
        }
        return received.max(bill.paidAmount());
    }

    private static Evidence spendingSpike(AccountData a, RuleDefinition rule, LocalDateTime at) {
        int recentDays = rule.intParam("recentDays", 7);
        int baselineDays = rule.intParam("baselineDays", 90);
        BigDecimal multiplier = rule.decimalParam("multiplier", "3");
        BigDecimal minRecent = rule.decimalParam("minRecentAmount", "3000");
        LocalDateTime recentFrom = at.minusDays(recentDays);
        LocalDateTime baselineFrom = recentFrom.minusDays(baselineDays);
        if (a.openedAt != null && a.openedAt.isAfter(baselineFrom)) {
            return null; // no 90-day history of its own to compare with
        }
        BigDecimal recent = BigDecimal.ZERO;
        BigDecimal base = BigDecimal.ZERO;
        List<AccountData.Txn> recentTxns = new ArrayList<>();
        for (AccountData.Txn t : a.txns) {
            if (t.at().isAfter(at)) {
                continue;
            }
            if (!t.at().isBefore(recentFrom)) {
                recent = recent.add(t.amount());
                recentTxns.add(t);
            } else if (!t.at().isBefore(baselineFrom)) {
                base = base.add(t.amount());
            }
        }
        BigDecimal baselineForPeriod = Money.normalize(base.multiply(BigDecimal.valueOf(recentDays))
                .divide(BigDecimal.valueOf(baselineDays), 6, RoundingMode.HALF_UP));
        if (recent.compareTo(minRecent) < 0 || recent.compareTo(baselineForPeriod.multiply(multiplier)) < 0) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("recentDays", recentDays);
        json.put("recentSpend", Money.normalize(recent));
        json.put("baselineSpendSamePeriod", baselineForPeriod);
        json.put("multiplier", multiplier);
        recentTxns.sort((x, y) -> y.amount().compareTo(x.amount()));
        json.set("largestRecentTxns", txnArray(recentTxns.subList(0, Math.min(5, recentTxns.size()))));
        return new Evidence(json);
    }

    private static Evidence multiLending(AccountData a, RuleDefinition rule, LocalDateTime at) {
        int windowDays = rule.intParam("windowDays", 30);
        int minInquiries = rule.intParam("minInquiries", 5);
        LocalDateTime from = at.minusDays(windowDays);
        ArrayNode list = Json.array();
        for (AccountData.Inquiry q : a.inquiries) {
            if (q.at().isAfter(from) && !q.at().isAfter(at)) {
                ObjectNode node = list.addObject();
                node.put("inquiryId", q.id());
                node.put("at", q.at().toString());
                node.put("institution", q.institution());
                node.put("type", q.type());
            }
        }
        if (list.size() < minInquiries) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("windowDays", windowDays);
        json.put("inquiries", list.size());
        json.put("threshold", minInquiries);
        json.set("events", list);
        return new Evidence(json);
    }

    private static Evidence takeover(AccountData a, RuleDefinition rule, LocalDateTime at) {
        int lookbackDays = rule.intParam("lookbackDays", 10);
        int windowHours = rule.intParam("windowHours", 24);
        BigDecimal minAmount = rule.decimalParam("minTxnAmount", "1000");
        int minCount = rule.intParam("minTxnCount", 2);
        LocalDateTime from = at.minusDays(lookbackDays);
        for (AccountData.Login login : a.logins) {
            if (!login.success() || !login.newDevice() || !login.newCity() || login.at().isBefore(from) || login.at().isAfter(at)) {
                continue;
            }
            LocalDateTime until = login.at().plusHours(windowHours);
            List<AccountData.Txn> big = new ArrayList<>();
            for (AccountData.Txn t : a.txns) {
                if (t.at().isAfter(login.at()) && !t.at().isAfter(until) && !t.at().isAfter(at) && t.amount().compareTo(minAmount) >= 0) {
                    big.add(t);
                }
            }
            if (big.size() >= minCount) {
                ObjectNode json = Json.object();
                ObjectNode l = json.putObject("login");
                l.put("loginId", login.id());
                l.put("at", login.at().toString());
                l.put("deviceId", login.deviceId());
                l.put("city", login.city());
                json.put("windowHours", windowHours);
                json.put("minTxnAmount", minAmount);
                json.set("highValueTxns", txnArray(big));
                json.put("suspensionKind", rule.textParam("suspensionKind", SuspensionKind.FRAUD.name()));
                return new Evidence(json);
            }
        }
        return null;
    }

    private static Evidence loginFrequency(AccountData a, RuleDefinition rule, LocalDateTime at) {
        int lookbackDays = rule.intParam("lookbackDays", 7);
        int windowHours = rule.intParam("windowHours", 24);
        int maxLogins = rule.intParam("maxLogins", 30);
        LocalDateTime from = at.minusDays(lookbackDays);
        List<LocalDateTime> times = new ArrayList<>();
        for (AccountData.Login l : a.logins) {
            if (!l.at().isBefore(from) && !l.at().isAfter(at)) {
                times.add(l.at());
            }
        }
        times.sort(null);
        int best = 0;
        LocalDateTime bestStart = null;
        int start = 0;
        for (int end = 0; end < times.size(); end++) {
            while (times.get(start).plusHours(windowHours).isBefore(times.get(end))) {
                start++;
            }
            if (end - start + 1 > best) {
                best = end - start + 1;
                bestStart = times.get(start);
            }
        }
        if (best < maxLogins) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("maxLoginsInWindow", best);
        json.put("windowStart", bestStart.toString());
        json.put("windowHours", windowHours);
        json.put("threshold", maxLogins);
        return new Evidence(json);
    }

    private static Evidence utilisationJump(AccountData a, RuleDefinition rule, LocalDateTime at) {
        int monthsBack = rule.intParam("monthsBack", 3);
        BigDecimal minJump = rule.decimalParam("minJumpPoints", "40").movePointLeft(2);
        BigDecimal minUtil = rule.decimalParam("minUtilisation", "0.80");
        BigDecimal limit = a.effectiveLimit(at);
        if (limit.signum() <= 0) {
            return null;
        }
        YearMonth past = YearMonth.from(at).minusMonths(monthsBack);
        AccountData.Month then = a.months.stream().filter(m -> YearMonth.from(m.monthStart()).equals(past)).findFirst().orElse(null);
        if (then == null || then.creditLimit().signum() <= 0) {
            return null;
        }
        BigDecimal now = a.outstanding.divide(limit, 4, RoundingMode.HALF_UP);
        BigDecimal before = then.balance().divide(then.creditLimit(), 4, RoundingMode.HALF_UP);
        if (now.compareTo(minUtil) < 0 || now.subtract(before).compareTo(minJump) < 0) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("utilisationNow", now);
        json.put("utilisationThen", before);
        json.put("thenMonth", past.toString());
        json.put("outstanding", a.outstanding);
        json.put("limit", limit);
        return new Evidence(json);
    }

    private static Evidence macroDownturn(AccountData a, RuleDefinition rule, LimitPolicy policy, LocalDateTime at) {
        BigDecimal below = rule.decimalParam("factorBelow", "1");
        BigDecimal factor = policy.macroFactor(YearMonth.from(at), a.cityTier, a.incomeBand);
        if (factor.compareTo(below) >= 0) {
            return null;
        }
        ObjectNode json = Json.object();
        json.put("segment", a.segment());
        json.put("month", YearMonth.from(at).toString());
        json.put("macroFactor", factor);
        return new Evidence(json);
    }

    private static ArrayNode txnArray(List<AccountData.Txn> txns) {
        ArrayNode array = Json.array();
        for (AccountData.Txn t : txns) {
            ObjectNode node = array.addObject();
            node.put("txnId", t.id());
            node.put("at", t.at().toString());
            node.put("amount", t.amount());
            node.put("merchant", t.merchant());
            node.put("city", t.city());
            node.put("deviceId", t.deviceId());
        }
        return array;
    }
}
