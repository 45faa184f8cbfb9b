package dev.riskdesk.limits.run;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engine's decisions counted per score band (A–E; "-" for an unscored account): how many accounts of the band
 * would be increased, decreased, frozen, suspended or left as they are. A manager reads it before a policy goes live:
 * the share cut should not fall and the share raised should not rise from band E to band A.
 */
public final class DecisionsByBand {
    /** The decisions counted, in the order they are printed; NONE is no change (or only a proposal waiting for data). */
    public static final List<String> ACTIONS = List.of("INCREASE", "DECREASE", "FREEZE", "SUSPEND", "NONE");
    /** The band of an account without a score. */
    public static final String UNSCORED = "-";

    private final Map<String, long[]> counts = new TreeMap<>();
    private final Map<String, Long> byRules = new TreeMap<>();

    /**
     * One band's figures; {@code adverseByRules} counts the decreases, freezes and suspensions a rule hit acts in
     * (monitoring rules react to conduct, not to the band, so only they may break the order of the bands).
     */
    public record Row(String band, long accounts, Map<String, Long> actions, long adverseByRules) {
        public long count(String action) {
            return actions.getOrDefault(action, 0L);
        }

        /** {@code action}'s share of the band's accounts, 0–1 (four decimals). */
        public BigDecimal share(String action) {
            return share(count(action));
        }

        /** The number decreased, frozen or suspended. */
        public long adverse() {
            return count("DECREASE") + count("FREEZE") + count("SUSPEND");
        }

        /** The share decreased, frozen or suspended. */
        public BigDecimal adverseShare() {
            return share(adverse());
        }

        /** The share decreased by the policy alone, no rule hit acting. */
        public BigDecimal policyAdverseShare() {
            return share(adverse() - adverseByRules);
        }

        private BigDecimal share(long n) {
            return accounts == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(n).divide(BigDecimal.valueOf(accounts), 4, RoundingMode.HALF_UP);
        }
    }

    /** Counts one account of {@code band} (null: unscored) with its decision ({@link #ACTIONS}); {@code byRule}: a rule hit acts in it. */
    void add(String band, String action, boolean byRule) {
        int i = ACTIONS.indexOf(action);
        if (i < 0) {
            throw new IllegalArgumentException("Not a decision the engine makes: " + action);
        }
        String key = band == null ? UNSCORED : band;
        counts.computeIfAbsent(key, b -> new long[ACTIONS.size()])[i]++;
        if (byRule && !"INCREASE".equals(action) && !"NONE".equals(action)) {
            byRules.merge(key, 1L, Long::sum);
        }
    }

    /** The bands A–E in order, then the unscored accounts when there are any. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        counts.forEach((band, c) -> {
            Map<String, Long> actions = new LinkedHashMap<>();
            long accounts = 0;
            for (int i = 0; i < c.length; i++) {
                actions.put(ACTIONS.get(i), c[i]);
                accounts += c[i];
            }
            rows.add(new Row(band, accounts, actions, byRules.getOrDefault(band, 0L)));
        });
        rows.sort((a, b) -> a.band().equals(UNSCORED) ? 1 : b.band().equals(UNSCORED) ? -1 : a.band().compareTo(b.band()));
        return rows;
    }

    /** The row of {@code band}, or an empty one when the book has no account in it. */
    public Row row(String band) {
        return rows().stream().filter(r -> r.band().equals(band)).findFirst().orElse(new Row(band, 0, Map.of(), 0));
    }
}
