package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;

/**
 * The policy's target limit for one account (capacity × sub-score factor × utilisation factor ×
 * macro factor, under the hidden cap, with its working for the evidence) and whether the account
 * may be offered an increase at all. Pure and thread-safe.
 */
final class LimitTargets {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private LimitTargets() {
    }

    /**
     * Why the account may not be offered an increase, or null when it may (不用不提额): THIN_FILE when fewer than
     * increaseMinHistoryMonths monthly records precede this month, NEVER_USED when none of them shows spend or a balance,
     * DORMANT when the last increaseUtilisationMonths show no spend, LOW_UTILISATION when their average balance / limit is
     * below increaseMinUtilisation. A policy without increaseMinUtilisation (stored before it existed) does not check.
     */
    static String increaseIneligible(AccountData a, LimitPolicy p, LocalDateTime at) {
        if (p.increaseMinUtilisation() == null) {
            return null;
        }
        LocalDate thisMonth = at.toLocalDate().withDayOfMonth(1);
        List<AccountData.Month> past = a.months.stream().filter(m -> m.monthStart().isBefore(thisMonth))
                .sorted(Comparator.comparing(AccountData.Month::monthStart).reversed()).toList();
        int months = Math.max(1, p.increaseUtilisationMonths());
        if (past.size() < Math.max(months, p.increaseMinHistoryMonths())) {
            return "THIN_FILE";
        }
        if (past.stream().allMatch(m -> m.spend().signum() == 0 && m.balance().signum() == 0) && a.outstanding.signum() == 0) {
            return "NEVER_USED";
        }
        List<AccountData.Month> recent = past.subList(0, months);
        if (recent.stream().allMatch(m -> m.spend().signum() == 0)) {
            return "DORMANT";
        }
        return averageUtilisation(recent).compareTo(p.increaseMinUtilisation()) < 0 ? "LOW_UTILISATION" : null;
    }

    /** Mean of balance / credit limit over the months (a month with no limit counts as unused). */
    static BigDecimal averageUtilisation(List<AccountData.Month> months) {
        BigDecimal sum = BigDecimal.ZERO;
        for (AccountData.Month m : months) {
            if (m.creditLimit().signum() > 0) {
                sum = sum.add(m.balance().divide(m.creditLimit(), 6, RoundingMode.HALF_UP));
            }
        }
        return sum.divide(BigDecimal.valueOf(months.size()), 4, RoundingMode.HALF_UP);
    }

    /** The policy's target limit: capacity × sub-score factor × utilisation factor × macro factor, under the hidden cap. */
    static LimitTarget of(AccountData a, LimitPolicy p, LocalDateTime at) {
        BigDecimal income = p.incomeMonthly().getOrDefault(a.incomeBand, p.incomeMonthly().get("I1"));
        LocalDate thisMonth = at.toLocalDate().withDayOfMonth(1);
        List<AccountData.Month> past = a.months.stream().filter(m -> m.monthStart().isBefore(thisMonth))
                .sorted(Comparator.comparing(AccountData.Month::monthStart).reversed()).limit(p.spendMonths()).toList();
        BigDecimal avgSpend = past.isEmpty() ? BigDecimal.ZERO
                : past.stream().map(AccountData.Month::spend).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(past.size()), 2, RoundingMode.HALF_UP);
        BigDecimal capacity = income.multiply(p.incomeMultiple()).max(avgSpend.multiply(p.spendMultiple()));

        AccountData.Score s = a.score;
        BigDecimal composite = p.subScoreWeights().get("credit").multiply(BigDecimal.valueOf(s.creditSub()))
                .add(p.subScoreWeights().get("capacity").multiply(BigDecimal.valueOf(s.capacitySub())))
                .add(p.subScoreWeights().get("stability").multiply(BigDecimal.valueOf(s.stabilitySub())))
                .add(p.subScoreWeights().get("security").multiply(BigDecimal.valueOf(s.securitySub())));
        BigDecimal scoreFactor = p.scoreFactorMin().add(p.scoreFactorMax().subtract(p.scoreFactorMin())
                .multiply(composite).divide(HUNDRED, 6, RoundingMode.HALF_UP));

        BigDecimal limit = a.effectiveLimit(at);
        BigDecimal utilisation = limit.signum() == 0 ? BigDecimal.ZERO : a.outstanding.divide(limit, 4, RoundingMode.HALF_UP);
        BigDecimal utilFactor = BigDecimal.ONE;
        for (LimitPolicy.UtilisationBand band : p.utilisationBands()) {
            if (utilisation.compareTo(band.below()) < 0) {
                utilFactor = band.factor();
                break;
            }
        }
        BigDecimal macro = p.macroFactor(YearMonth.from(at), a.cityTier, a.incomeBand);
        BigDecimal raw = capacity.multiply(scoreFactor).multiply(utilFactor).multiply(macro);

        BigDecimal debtBurden = a.outstanding.divide(income.multiply(BigDecimal.valueOf(12)), 4, RoundingMode.HALF_UP);
        BigDecimal cap = income.multiply(p.hiddenCapMonths().getOrDefault(a.incomeBand, BigDecimal.ONE));
        if (debtBurden.compareTo(p.debtBurdenMax()) > 0) {
            cap = cap.multiply(p.debtBurdenCapFactor());
        }
        cap = LimitMath.roundDown(cap, p.roundTo());
        BigDecimal target = LimitMath.roundDown(raw.min(cap), p.roundTo());

        ObjectNode w = Json.object();
        w.put("incomeMonthly", income);
        w.put("avgMonthlySpend", avgSpend);
        w.put("capacity", Money.normalize(capacity));
        w.put("compositeSubScore", composite.setScale(2, RoundingMode.HALF_UP));
        w.put("scoreFactor", scoreFactor.setScale(4, RoundingMode.HALF_UP));
        w.put("utilisation", utilisation);
        w.put("utilisationFactor", utilFactor);
        w.put("macroFactor", macro);
        w.put("debtBurden", debtBurden);
        w.put("hiddenCap", cap);
        w.put("target", target);
        w.put("cappedByHiddenCap", raw.compareTo(cap) > 0);
        if (p.increaseMinUtilisation() != null) {
            String ineligible = increaseIneligible(a, p, at);
            w.put("increaseEligibility", ineligible == null ? "ELIGIBLE" : ineligible);
            w.put("increaseDeadBand", p.increaseDeadBand(limit));
        }
        return new LimitTarget(target, cap, w);
    }
}
