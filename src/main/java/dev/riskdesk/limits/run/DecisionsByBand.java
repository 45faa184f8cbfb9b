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

    /** One band's figures. */
    public record Row(String band, long accounts, Map<String, Long> actions) {
        public long count(String action) {
            return actions.getOrDefault(action, 0L);
        }

        /** {@code action}'s share of the band's accounts, 0–1 (four decimals). */
        public BigDecimal share(String action) {
            return accounts == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(count(action)).divide(BigDecimal.valueOf(accounts), 4, RoundingMode.HALF_UP);
        }

        /** The share decreased, frozen or suspended. */
        public BigDecimal adverseShare() {
            return accounts == 0 ? BigDecimal.ZERO
                    : BigDecimal.valueOf(count("DECREASE") + count("FREEZE") + count("SUSPEND"))
                            .divide(BigDecimal.valueOf(accounts), 4, RoundingMode.HALF_UP);
        }
    }

    /** Counts one account of {@code band} (null: unscored) with its decision ({@link #ACTIONS}). */
    void add(String band, String action) {
        int i = ACTIONS.indexOf(action);
        if (i < 0) {
            throw new IllegalArgumentException("Not a decision the engine makes: " + action);
        }
        counts.computeIfAbsent(band == null ? UNSCORED : band, b -> new long[ACTIONS.size()])[i]++;
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
            rows.add(new Row(band, accounts, actions));
        });
        rows.sort((a, b) -> a.band().equals(UNSCORED) ? 1 : b.band().equals(UNSCORED) ? -1 : a.band().compareTo(b.band()));
        return rows;
    }

    /** The row of {@code band}, or an empty one when the book has no account in it. */
    public Row row(String band) {
        return rows().stream().filter(r -> r.band().equals(band)).findFirst().orElse(new Row(band, 0, Map.of()));
    }
}
