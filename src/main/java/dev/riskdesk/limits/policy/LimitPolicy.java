package dev.riskdesk.limits.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.limits.rules.RuleAction;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.MonthDay;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The parameters of one limit policy version (LIMIT_POLICY.PARAMETERS, defaults in
 * data/limit-policy.json). Every number is BigDecimal so money never passes through double.
 */
@JsonIgnoreProperties(value = {"comment"})
public record LimitPolicy(
        String name,
        Map<String, BigDecimal> incomeMonthly,
        BigDecimal incomeMultiple,
        BigDecimal spendMultiple,
        int spendMonths,
        Map<String, BigDecimal> subScoreWeights,
        BigDecimal scoreFactorMin,
        BigDecimal scoreFactorMax,
        Map<String, BigDecimal> hiddenCapMonths,
        BigDecimal debtBurdenMax,
        BigDecimal debtBurdenCapFactor,
        List<UtilisationBand> utilisationBands,
        List<MacroFactor> macroFactors,
        BigDecimal minChangePercent,
        BigDecimal increaseMinUtilisation,
        int increaseUtilisationMonths,
        int increaseMinHistoryMonths,
        BigDecimal increaseDeadBandPercent,
        BigDecimal increaseDeadBandAmount,
        BigDecimal maxStepUpPercent,
        BigDecimal maxStepDownPercent,
        int minDaysBetweenChanges,
        BigDecimal roundTo,
        BigDecimal pdWhenUnscored,
        BigDecimal lgd,
        BigDecimal ccf,
        TemporaryLimit temporaryLimit,
        Authority authority,
        List<String> protectedAttributes,
        // privacy: retention periods of personal data after an account's closure (absent in versions stored before them)
        Retention retention,
        // limit policy: what each score band decides (absent in versions stored before them: the standard bands)
        Map<String, ScoreBandRule> scoreBands,
        // lifecycle of dormant and never-used accounts (absent in versions stored before it)
        Lifecycle lifecycle) {

    /**
     * The attributes never given as an adverse-action reason (fairness); a version stored before
     * the list existed reads as {@link ProtectedAttributes#DEFAULT_NAMES}.
     */
    @Override
    public List<String> protectedAttributes() {
        return protectedAttributes == null ? ProtectedAttributes.DEFAULT_NAMES : protectedAttributes;
    }

    /** {@link #protectedAttributes()} as the set scoring and the engine filter reasons with. */
    public ProtectedAttributes protectedAttributeSet() {
        return ProtectedAttributes.of(protectedAttributes());
    }

    /**
     * What the score band decides, the standard bands A–E when a policy names none (a version stored before the
     * bands existed): see {@link ScoreBandRule}. A stronger band has a higher multiple and ceiling, more tolerance
     * before a cut and a lower usage bar for an increase, so the policy's cuts fall and its increases rise from E to A.
     */
    public static final Map<String, ScoreBandRule> STANDARD_SCORE_BANDS = Map.of(
            "A", new ScoreBandRule(new BigDecimal("2.20"), new BigDecimal("200000"), new BigDecimal("40"), new BigDecimal("0.02")),
            "B", new ScoreBandRule(new BigDecimal("1.80"), new BigDecimal("150000"), new BigDecimal("30"), new BigDecimal("0.05")),
            "C", new ScoreBandRule(new BigDecimal("1.30"), new BigDecimal("80000"), new BigDecimal("20"), new BigDecimal("0.15")),
            "D", new ScoreBandRule(new BigDecimal("0.80"), new BigDecimal("40000"), new BigDecimal("10"), new BigDecimal("0.40")),
            "E", new ScoreBandRule(new BigDecimal("0.45"), new BigDecimal("15000"), new BigDecimal("0"), new BigDecimal("0.60")));

    /**
     * One score band's part of the policy. {@code targetMultiple} scales the capacity (income or spend) to the band's target
     * limit; {@code ceiling} is the band's hidden cap, the most any line in the band may reach; a line is lowered toward the
     * target only when it stands more than {@code cutTolerancePercent} above it (a line above what income can carry, or above
     * the ceiling, is lowered whatever the tolerance); {@code increaseMinUtilisation} is the average utilisation an increase
     * needs in this band (不用不提额), the policy's increaseMinUtilisation when absent.
     */
    public record ScoreBandRule(BigDecimal targetMultiple, BigDecimal ceiling, BigDecimal cutTolerancePercent, BigDecimal increaseMinUtilisation) {
    }

    /** The rule of score band {@code band} (A–E): this policy's, else the standard one; an unknown band gets E's. */
    public ScoreBandRule scoreBand(String band) {
        Map<String, ScoreBandRule> bands = scoreBands == null ? STANDARD_SCORE_BANDS : scoreBands;
        ScoreBandRule rule = bands.get(band);
        if (rule == null) {
            rule = STANDARD_SCORE_BANDS.containsKey(band) ? STANDARD_SCORE_BANDS.get(band) : bands.getOrDefault("E", STANDARD_SCORE_BANDS.get("E"));
        }
        return rule;
    }

    public record UtilisationBand(BigDecimal below, BigDecimal factor) {
    }

    /** A macro-economic factor for one segment (city tiers × income bands) over a range of months. */
    public record MacroFactor(String fromMonth, String toMonth, List<Integer> cityTiers, List<String> incomeBands, BigDecimal factor) {
        public MacroFactor {
            YearMonth.parse(fromMonth); // a month that is not yyyy-MM fails when the policy is read, not in the run
            if (toMonth != null) {
                YearMonth.parse(toMonth);
            }
        }

        /** {@code month} as yyyy-MM: such texts sort as the months do, so no month is parsed per account. */
        boolean matches(String month, int cityTier, String incomeBand) {
            return month.compareTo(fromMonth) >= 0 && (toMonth == null || month.compareTo(toMonth) <= 0)
                    && (cityTiers == null || cityTiers.contains(cityTier))
                    && (incomeBands == null || incomeBands.contains(incomeBand));
        }
    }

    /** Festival windows (MM-dd) in which good accounts get a temporary limit that expires by itself. */
    public record TemporaryLimit(List<Window> windows, BigDecimal percent, int days, BigDecimal maxPd) {
        public record Window(String from, String to) {
        }

        boolean open(LocalDateTime at) {
            if (windows == null) {
                return false;
            }
            MonthDay day = MonthDay.from(at);
            return windows.stream().anyMatch(w -> !day.isBefore(MonthDay.parse("--" + w.from())) && !day.isAfter(MonthDay.parse("--" + w.to())));
        }
    }

    /** The authority matrix: which changes apply by themselves and which need one or two people. */
    public record Authority(BigDecimal autoDecreaseMaxPercent, BigDecimal autoIncreaseMaxPercent, BigDecimal autoIncreaseMaxAmount,
            BigDecimal autoIncreaseMaxPd, List<RuleAction> autoRuleActions, BigDecimal approvalAboveLimit,
            BigDecimal approvalAboveIncreaseAmount) {
    }

    /**
     * How long personal data of a customer whose accounts are all closed is kept after the last closure, in months, per
     * kind of data (dev.riskdesk.privacy erases each kind when its period has ended). The legal basis of each default is
     * in src/site/markdown/lifecycle.md. A kind absent from a stored version takes its default.
     */
    public record Retention(Integer identityMonths, Integer contactMonths, Integer loginDeviceMonths, Integer appealTextMonths,
                            Integer noticeMonths) {
        /** The defaults: identity 120 months, contact 36, login devices and IPs 6, appeal texts 36, notices 36. */
        public static final Retention DEFAULTS = new Retention(120, 36, 6, 36, 36);

        /** This retention with every absent kind taken from {@link #DEFAULTS}. */
        public Retention withDefaults() {
            return new Retention(identityMonths == null ? DEFAULTS.identityMonths : identityMonths,
                    contactMonths == null ? DEFAULTS.contactMonths : contactMonths,
                    loginDeviceMonths == null ? DEFAULTS.loginDeviceMonths : loginDeviceMonths,
                    appealTextMonths == null ? DEFAULTS.appealTextMonths : appealTextMonths,
                    noticeMonths == null ? DEFAULTS.noticeMonths : noticeMonths);
        }
    }

    /** The retention periods of this version, defaults for what it does not name. */
    public Retention retentionPeriods() {
        return retention == null ? Retention.DEFAULTS : retention.withDefaults();
    }

    /**
     * When an unused credit line is cancelled (dev.riskdesk.lifecycle): dormant after {@code dormantMonths} without a
     * transaction and with no balance, never used when opened at least {@code neverUsedMonths} ago and never drawn; the
     * customer then has {@code graceDays} to use or keep it; a cancellation of an open limit above
     * {@code approvalAboveLimit} needs a manager. A value left out of the JSON (a version stored before it existed) is the default.
     */
    public record Lifecycle(Integer dormantMonths, Integer neverUsedMonths, Integer graceDays, BigDecimal approvalAboveLimit) {
        public static final Lifecycle DEFAULTS = new Lifecycle(12, 6, 30, new BigDecimal("20000"));

        public Lifecycle {
            if (dormantMonths != null && dormantMonths < 1 || neverUsedMonths != null && neverUsedMonths < 1
                    || graceDays != null && graceDays < 0 || approvalAboveLimit != null && approvalAboveLimit.signum() < 0) {
                throw new IllegalArgumentException("lifecycle: months must be at least 1, grace days and the approval amount not negative");
            }
        }

        /** These values, each one left out replaced by its default. */
        public Lifecycle withDefaults() {
            return new Lifecycle(dormantMonths == null ? DEFAULTS.dormantMonths : dormantMonths,
                    neverUsedMonths == null ? DEFAULTS.neverUsedMonths : neverUsedMonths,
                    graceDays == null ? DEFAULTS.graceDays : graceDays,
                    approvalAboveLimit == null ? DEFAULTS.approvalAboveLimit : approvalAboveLimit);
        }
    }

    /** The lifecycle thresholds with defaults for what the stored version leaves out. */
    public Lifecycle lifecycleRules() {
        return lifecycle == null ? Lifecycle.DEFAULTS : lifecycle.withDefaults();
    }

    /**
     * The smallest increase worth a review: max(increaseDeadBandPercent % of the current limit, increaseDeadBandAmount);
     * zero when the policy has no dead band (a version stored before it existed).
     */
    public BigDecimal increaseDeadBand(BigDecimal current) {
        BigDecimal band = increaseDeadBandPercent == null ? BigDecimal.ZERO : LimitMath.percentOf(current, increaseDeadBandPercent);
        return increaseDeadBandAmount == null ? band : dev.riskdesk.common.Money.normalize(band.max(increaseDeadBandAmount));
    }

    /**
     * True when two amounts proposed for one account (limit {@code current}) in the direction {@code type} lie within the
     * review dead band of each other: closer than {@link #increaseDeadBand} for increases, than minChangePercent of the
     * current limit for decreases; other kinds only when equal. A re-run keeps an open proposal that is this close.
     */
    public boolean withinDeadBand(ProposalType type, BigDecimal current, BigDecimal a, BigDecimal b) {
        BigDecimal diff = a.subtract(b).abs();
        return switch (type) {
            case INCREASE -> diff.compareTo(increaseDeadBand(current)) < 0 || diff.signum() == 0;
            case DECREASE -> diff.compareTo(LimitMath.percentOf(current, minChangePercent)) < 0 || diff.signum() == 0;
            default -> diff.signum() == 0;
        };
    }

    /** The monthly aggregates the policy reads: spendMonths for the capacity, the utilisation and history months for increases. */
    public int monthsUsed() {
        return Math.max(spendMonths, Math.max(increaseUtilisationMonths, increaseMinHistoryMonths));
    }

    /** The product of all macro factors that match the segment in that month (1 when none does). */
    public BigDecimal macroFactor(YearMonth month, int cityTier, String incomeBand) {
        BigDecimal factor = BigDecimal.ONE;
        if (macroFactors != null) {
            String text = month.toString();
            for (MacroFactor m : macroFactors) {
                if (m.matches(text, cityTier, incomeBand)) {
                    factor = factor.multiply(m.factor());
                }
            }
        }
        return factor;
    }
}
