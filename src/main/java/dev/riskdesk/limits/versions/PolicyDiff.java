package dev.riskdesk.limits.versions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.limits.run.DecisionsByBand;
import dev.riskdesk.limits.run.PolicySimulationService;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a version changes against another: its parameters field by field (old -> new), and, when simulated against
 * the book, its decisions (accounts by action under the active version and under this one).
 */
public record PolicyDiff(VersionRow version, VersionRow against, List<Change> parameters, PolicySimulationService.Report decisions) {

    /** One field whose value differs; {@code before} or {@code after} is null where the field does not exist. */
    public record Change(String path, String before, String after) {
        /** The score band the field belongs to ({@code scoreBands.C.ceiling}: C), or null for a field of the whole policy. */
        public String band() {
            String[] parts = path.split("\\.");
            return parts.length == 3 && parts[0].equals("scoreBands") ? parts[1] : null;
        }
    }

    /**
     * One score band's decisions under the active version and under the compared one: its accounts and the shares
     * increased and cut (decreased, frozen or suspended), 0–1.
     */
    public record BandChange(String band, long accounts, BigDecimal increasedBefore, BigDecimal increasedAfter, BigDecimal cutBefore,
            BigDecimal cutAfter) {
        /** Whether the version changes what this band gets. */
        public boolean changed() {
            return increasedBefore.compareTo(increasedAfter) != 0 || cutBefore.compareTo(cutAfter) != 0;
        }
    }

    /** A decision count: accounts with {@code action} under the active version and under the compared one. */
    public record ActionCount(String action, long active, long candidate) {
        public long change() {
            return candidate - active;
        }
    }

    /** The fields of two form trees that differ, in the order of the newer document, then fields only the older has. */
    static List<Change> changes(JsonNode before, JsonNode after) {
        Map<String, JsonNode> old = JsonLeaves.of(before);
        Map<String, JsonNode> now = JsonLeaves.of(after);
        Set<String> paths = new LinkedHashSet<>(now.keySet());
        paths.addAll(old.keySet());
        List<Change> changes = new ArrayList<>();
        for (String path : paths) {
            JsonNode a = old.get(path);
            JsonNode b = now.get(path);
            if (!JsonLeaves.same(a, b)) {
                changes.add(new Change(path, a == null ? null : JsonLeaves.text(a), b == null ? null : JsonLeaves.text(b)));
            }
        }
        return changes;
    }

    /** The decisions per score band (A–E, then the unscored accounts), before and after; empty when not simulated. */
    public List<BandChange> bands() {
        if (decisions == null) {
            return List.of();
        }
        Set<String> bands = new LinkedHashSet<>();
        decisions.currentByBand().rows().forEach(r -> bands.add(r.band()));
        decisions.candidateByBand().rows().forEach(r -> bands.add(r.band()));
        return bands.stream().map(b -> {
            DecisionsByBand.Row before = decisions.currentByBand().row(b);
            DecisionsByBand.Row after = decisions.candidateByBand().row(b);
            return new BandChange(b, Math.max(before.accounts(), after.accounts()), before.share("INCREASE"), after.share("INCREASE"),
                    before.adverseShare(), after.adverseShare());
        }).toList();
    }

    /** The decisions by action, every action either version takes; empty when not simulated. */
    public List<ActionCount> actions() {
        if (decisions == null) {
            return List.of();
        }
        Set<String> actions = new TreeSet<>(decisions.current().actions().keySet());
        actions.addAll(decisions.candidate().actions().keySet());
        return actions.stream().map(a -> new ActionCount(a, decisions.current().actions().getOrDefault(a, 0L),
                decisions.candidate().actions().getOrDefault(a, 0L))).toList();
    }
}
