package dev.riskdesk.scoring.model;

import dev.riskdesk.scoring.features.Feature;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;

/**
 * Why an account has its score: the points of every characteristic next to the population
 * average and the characteristic's best bin, reason codes ordered by points lost against the
 * best bin, and the smallest single-characteristic change that reaches the next band.
 * The base points (0 for a scorecard), the line points and {@link #clampAdjustment()} add up to the score exactly.
 */
public record Explanation(int score, ScoreBand band, int basePoints, List<Line> lines, int clampAdjustment, List<String> reasonCodes,
                          Hint hint) {
    public static final String BUNDLE = "i18n.scoring";
    public static final int MAX_REASONS = 4;

    public record Line(String characteristic, String bin, int points, double populationAverage, int bestPoints) {
        public int pointsLost() {
            return bestPoints - points;
        }
    }

    /** Move {@code characteristic} from bin {@code from} to bin {@code to}: +gain points, new score and band. */
    public record Hint(String characteristic, Bin from, Bin to, int gain, int newScore, ScoreBand newBand) {
        /** The starting bin's interval label ("[0.3, 0.7)"), as in the points table. */
        public String fromBin() {
            return from.label();
        }
    }

    /** The explanation with the default protected attributes left out of the reason codes. */
    public static Explanation of(Scorecard scorecard, ScoreResult result) {
        return of(scorecard, result, reasonCodes(scorecard, result, ProtectedAttributes.DEFAULT));
    }

    /** The explanation with these reason codes (already free of the policy's protected attributes). */
    public static Explanation of(Scorecard scorecard, ScoreResult result, List<String> reasonCodes) {
        List<Line> lines = new ArrayList<>();
        List<Characteristic> chars = scorecard.characteristics();
        for (int i = 0; i < chars.size(); i++) {
            Characteristic c = chars.get(i);
            lines.add(new Line(c.name(), c.bins().get(result.bins()[i]).label(), result.points()[i], c.averagePoints(), c.maxPoints()));
        }
        return new Explanation(result.score(), result.band(), 0, lines, result.clampAdjustment(), List.copyOf(reasonCodes),
                hint(scorecard, result));
    }

    /**
     * Characteristics that lost points against their best bin, most lost first (ties: model order), at most four;
     * a protected attribute is never a reason, whatever it cost.
     */
    public static List<String> reasonCodes(Scorecard scorecard, ScoreResult result, ProtectedAttributes protectedAttributes) {
        List<Characteristic> chars = scorecard.characteristics();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < chars.size(); i++) {
            if (chars.get(i).maxPoints() - result.points()[i] > 0 && !protectedAttributes.isProtected(chars.get(i).name())) {
                order.add(i);
            }
        }
        order.sort(Comparator.comparingInt((Integer i) -> -(chars.get(i).maxPoints() - result.points()[i])).thenComparingInt(i -> i));
        return order.stream().limit(MAX_REASONS).map(i -> chars.get(i).name()).toList();
    }

    /**
     * The smallest move of one actionable characteristic that lifts the account into the next
     * band: the nearest bin (in bin order) with enough extra points; ties go to the larger gain.
     * Null when the account is in band A or no single change suffices.
     */
    static Hint hint(Scorecard scorecard, ScoreResult result) {
        ScoreBand next = result.band().better();
        if (next == null) {
            return null;
        }
        int needed = next.minScore() - result.score();
        Hint best = null;
        int bestDistance = Integer.MAX_VALUE;
        List<Characteristic> chars = scorecard.characteristics();
        for (int i = 0; i < chars.size(); i++) {
            Characteristic c = chars.get(i);
            if (!actionable(c.name())) {
                continue;
            }
            int current = result.bins()[i];
            for (int b = 0; b < c.bins().size(); b++) {
                Bin target = c.bins().get(b);
                int gain = target.points() - result.points()[i];
                if (target.missing() || gain < needed) {
                    continue;
                }
                int distance = Math.abs(b - current);
                if (distance < bestDistance || (distance == bestDistance && best != null && gain > best.gain())) {
                    int newScore = scorecard.scaling().clamp(result.rawScore() + gain);
                    best = new Hint(c.name(), c.bins().get(current), target, gain, newScore, ScoreBand.ofScore(newScore));
                    bestDistance = distance;
                }
            }
        }
        return best;
    }

    private static boolean actionable(String name) {
        try {
            return Feature.valueOf(name).actionable();
        } catch (IllegalArgumentException e) {
            return false; // OCCUPATION and external columns are not something a customer changes
        }
    }

    /** The plain-language text of a reason code ("reason.UTIL_NOW") in the locale's bundle. */
    public static String reasonText(String code, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String key = "reason." + code;
        return bundle.containsKey(key) ? bundle.getString(key) : code;
    }

    public static String featureName(String code, Locale locale) {
        ResourceBundle bundle = ResourceBundle.getBundle(BUNDLE, locale, ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        String key = "feature." + code;
        return bundle.containsKey(key) ? bundle.getString(key) : code;
    }

    /** The hint as a sentence, the bins in words ("from 70% or more to below 30%"). */
    public String hintText(Locale locale) {
        if (hint == null) {
            return null;
        }
        ResourceBundle bundle = BinWords.bundle(locale);
        return java.text.MessageFormat.format(bundle.getString("hint.move"), featureName(hint.characteristic(), locale),
                BinWords.of(hint.characteristic(), hint.from(), locale), BinWords.of(hint.characteristic(), hint.to(), locale),
                hint.gain(), String.valueOf(hint.newScore()), hint.newBand().name());
    }
}
