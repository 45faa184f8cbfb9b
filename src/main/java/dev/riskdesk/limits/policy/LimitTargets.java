package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The policy's target limit for one account (capacity × score band multiple × sub-score factor ×
 * utilisation factor × macro factor, under the hidden cap, with its working for the evidence), the
 * cut it asks for with its binding driver, and whether the account may be offered an increase at
 * all. Pure and thread-safe.
 */
final class LimitTargets {
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private LimitTargets() {
    }

    /** A level the line stands above, and what sets it. */
    private record Level(BigDecimal amount, LimitDriver driver) {
    }

    /**
     * Why the account may not be offered an increase, or null when it may (不用不提额): THIN_FILE when fewer than
     * increaseMinHistoryMonths monthly records precede this month, NEVER_USED when none of them shows spend or a balance,
     * DORMANT when the last increaseUtilisationMonths show no spend, LOW_UTILISATION when their average balance / limit is
     * below the score band's increaseMinUtilisation (the policy's when the band names none). A policy without increaseMinUtilisation (stored before it existed) does not check.
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
        BigDecimal bandMinimum = a.score == null ? null : p.scoreBand(a.score.band()).increaseMinUtilisation();
        BigDecimal minimum = bandMinimum != null ? bandMinimum : p.increaseMinUtilisation();
        return averageUtilisation(recent).compareTo(minimum) < 0 ? "LOW_UTILISATION" : null;
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

    /**
     * The policy's target limit and the cut it asks for. Target: capacity (the larger of income × incomeMultiple and recent
     * spend × spendMultiple) × the score band's targetMultiple × the sub-score factor × the utilisation factor × the macro
     * factor, under the hidden cap (the lower of what income can carry, hiddenCapMonths of it and half that under heavy debt,
     * and the band's ceiling). The line is lowered when it is above what income can carry, above the band's ceiling, or more
     * than the band's cutTolerancePercent above the target; the lowest of those levels is the cut and its driver is named
     * first. A line within the tolerance keeps its amount.
     */
    static LimitTarget of(AccountData a, LimitPolicy p, LocalDateTime at) {
        BigDecimal income = p.incomeMonthly().getOrDefault(a.incomeBand, p.incomeMonthly().get("I1"));
        LocalDate thisMonth = at.toLocalDate().withDayOfMonth(1);
        List<AccountData.Month> past = a.months.stream().filter(m -> m.monthStart().isBefore(thisMonth))
                .sorted(Comparator.comparing(AccountData.Month::monthStart).reversed()).toList();
        List<AccountData.Month> spendMonths = past.subList(0, Math.min(past.size(), p.spendMonths()));
        BigDecimal avgSpend = spendMonths.isEmpty() ? BigDecimal.ZERO
                : spendMonths.stream().map(AccountData.Month::spend).reduce(BigDecimal.ZERO, BigDecimal::add)
                        .divide(BigDecimal.valueOf(spendMonths.size()), 2, RoundingMode.HALF_UP);
        BigDecimal capacity = income.multiply(p.incomeMultiple()).max(avgSpend.multiply(p.spendMultiple()));

        AccountData.Score s = a.score;
        LimitPolicy.ScoreBandRule band = p.scoreBand(s.band());
        BigDecimal composite = p.subScoreWeights().get("credit").multiply(BigDecimal.valueOf(s.creditSub()))
                .add(p.subScoreWeights().get("capacity").multiply(BigDecimal.valueOf(s.capacitySub())))
                .add(p.subScoreWeights().get("stability").multiply(BigDecimal.valueOf(s.stabilitySub())))
                .add(p.subScoreWeights().get("security").multiply(BigDecimal.valueOf(s.securitySub())));
        BigDecimal scoreFactor = p.scoreFactorMin().add(p.scoreFactorMax().subtract(p.scoreFactorMin())
                .multiply(composite).divide(HUNDRED, 6, RoundingMode.HALF_UP));

        BigDecimal limit = a.effectiveLimit(at);
        BigDecimal utilisation = limit.signum() == 0 ? BigDecimal.ZERO : a.outstanding.divide(limit, 4, RoundingMode.HALF_UP);
        // low use is judged over the recent months too, so a line paid down this month is not taken for an idle one
        List<AccountData.Month> recent = past.subList(0, Math.min(past.size(), Math.max(1, p.increaseUtilisationMonths())));
        BigDecimal usage = recent.isEmpty() ? utilisation : utilisation.max(averageUtilisation(recent));
        BigDecimal utilFactor = BigDecimal.ONE;
        for (LimitPolicy.UtilisationBand b : p.utilisationBands()) {
            if (usage.compareTo(b.below()) < 0) {
                utilFactor = b.factor();
                break;
            }
        }
        BigDecimal macro = p.macroFactor(YearMonth.from(at), a.cityTier, a.incomeBand);

        BigDecimal debtBurden = a.outstanding.divide(income.multiply(BigDecimal.valueOf(12)), 4, RoundingMode.HALF_UP);
        BigDecimal capacityCap = income.multiply(p.hiddenCapMonths().getOrDefault(a.incomeBand, BigDecimal.ONE));
        if (debtBurden.compareTo(p.debtBurdenMax()) > 0) {
            capacityCap = capacityCap.multiply(p.debtBurdenCapFactor());
        }
        capacityCap = LimitMath.roundDown(capacityCap, p.roundTo());
        BigDecimal ceiling = LimitMath.roundDown(band.ceiling(), p.roundTo());
        BigDecimal cap = capacityCap.min(ceiling);

        BigDecimal byBand = capacity.multiply(band.targetMultiple());
        BigDecimal bySubScores = byBand.multiply(scoreFactor);
        BigDecimal byUsage = bySubScores.multiply(utilFactor);
        BigDecimal raw = byUsage.multiply(macro);
        BigDecimal target = LimitMath.roundDown(raw.min(cap), p.roundTo());

        // the cut: every level the line stands above, the lowest binding (at equal levels capacity, then ceiling, then target)
        BigDecimal current = a.creditLimit;
        BigDecimal tolerance = BigDecimal.ONE.add(band.cutTolerancePercent().divide(HUNDRED, 6, RoundingMode.HALF_UP));
        List<Level> levels = new ArrayList<>();
        if (current.compareTo(capacityCap) > 0) {
            levels.add(new Level(capacityCap, LimitDriver.CAPACITY));
        }
        if (current.compareTo(ceiling) > 0) {
            levels.add(new Level(ceiling, LimitDriver.HIDDEN_CAP));
        }
        if (raw.compareTo(cap) < 0 && current.compareTo(target.multiply(tolerance)) > 0) {
            // the first factor without which the line would stand within the tolerance (each stage rounded as the target is)
            LimitDriver why = current.compareTo(LimitMath.roundDown(byBand, p.roundTo()).multiply(tolerance)) > 0 ? LimitDriver.SCORE
                    : current.compareTo(LimitMath.roundDown(bySubScores, p.roundTo()).multiply(tolerance)) > 0 ? LimitDriver.weakestSubScore(s)
                    : current.compareTo(LimitMath.roundDown(byUsage, p.roundTo()).multiply(tolerance)) > 0 ? LimitDriver.LOW_USAGE
                    : LimitDriver.MACRO;
            levels.add(new Level(target, why));
        }
        levels.sort(Comparator.comparing(Level::amount));
        BigDecimal cutTo = levels.isEmpty() ? null : levels.get(0).amount();
        List<LimitDriver> drivers = new ArrayList<>(levels.stream().map(Level::driver).toList());
        if (cutTo == null && target.compareTo(current) > 0) {
            drivers.add(LimitDriver.SCORE); // the band and the sub-scores carry a higher line
        }

        ObjectNode w = Json.object();
        w.put("band", s.band());
        w.put("incomeMonthly", income);
        w.put("avgMonthlySpend", avgSpend);
        w.put("capacity", Money.normalize(capacity));
        w.put("bandMultiple", band.targetMultiple());
        w.put("compositeSubScore", composite.setScale(2, RoundingMode.HALF_UP));
        w.put("scoreFactor", scoreFactor.setScale(4, RoundingMode.HALF_UP));
        w.put("utilisation", utilisation);
        w.put("usage", usage);
        w.put("utilisationFactor", utilFactor);
        w.put("macroFactor", macro);
        w.put("debtBurden", debtBurden);
        w.put("capacityCap", capacityCap);
        w.put("bandCeiling", ceiling);
        w.put("hiddenCap", cap);
        w.put("target", target);
        w.put("cutTolerancePercent", band.cutTolerancePercent());
        w.put("cappedByHiddenCap", raw.compareTo(cap) > 0);
        if (cutTo != null) {
            w.put("cutTo", cutTo);
        }
        if (!drivers.isEmpty()) {
            w.put("driver", drivers.get(0).code());
        }
        if (p.increaseMinUtilisation() != null) {
            String ineligible = increaseIneligible(a, p, at);
            w.put("increaseEligibility", ineligible == null ? "ELIGIBLE" : ineligible);
            w.put("increaseDeadBand", p.increaseDeadBand(limit));
        }
        return new LimitTarget(target, cap, w, cutTo, List.copyOf(drivers));
    }
}
