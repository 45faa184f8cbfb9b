package dev.riskdesk.limits.run;

import dev.riskdesk.limits.policy.AccountEvaluation;
import dev.riskdesk.limits.policy.ProposalDraft;
import dev.riskdesk.limits.rules.RuleHitResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** What a policy run counted and where its time went, read-ahead threads and the writer together. */
final class RunCounters {
    long accounts;
    long hits;
    long staleHits;
    long autoApplied;
    long tempEnded;
    final Map<String, Long> proposals = new HashMap<>();
    final AtomicLong readNanos = new AtomicLong();
    final AtomicLong evaluateNanos = new AtomicLong();
    long waitNanos;
    long writeNanos;

    final Map<String, Long> writeParts = new LinkedHashMap<>();

    /** Adds the time since {@code since} to {@code phase}; returns now. */
    long lap(String phase, long since) {
        long now = System.nanoTime();
        writeParts.merge(phase, now - since, Long::sum);
        return now;
    }

    Map<String, Duration> phases(PortfolioReader reader) {
        Map<String, Duration> phases = new LinkedHashMap<>();
        phases.put("read", Duration.ofNanos(readNanos.get()));
        reader.readNanos().forEach((table, nanos) -> phases.put("read " + table, Duration.ofNanos(nanos)));
        phases.put("evaluate", Duration.ofNanos(evaluateNanos.get()));
        phases.put("wait for read-ahead", Duration.ofNanos(waitNanos));
        phases.put("write", Duration.ofNanos(writeNanos));
        writeParts.forEach((k, v) -> phases.put(k, Duration.ofNanos(v)));
        return phases;
    }

    void countDry(AccountEvaluation e) {
        hits += e.hits().size();
        staleHits += e.hits().stream().filter(RuleHitResult::stale).count();
        for (ProposalDraft d : e.proposals()) {
            proposals.merge(d.type() + "/" + d.status(), 1L, Long::sum);
            if (d.autoApply()) {
                autoApplied++;
            }
        }
    }
}
