package dev.riskdesk.scoring.batch;

import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.features.FeatureStore;
import dev.riskdesk.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.List;

/**
 * The visited accounts of one id range (after, last] of a batch scoring run, in id order: their
 * scores (null: no recent history), whether ACCOUNT's score columns change, and the packed
 * snapshot rows to store (null when the features came from the store).
 */
record ScorePage(long[] ids, AccountScore[] scores, boolean[] changed, byte[][] snapshots, long last) {

    /** Collects one page's accounts as a reader visits them. */
    static final class Builder {
        private final ScoringService.Scorer scorer;
        private final List<Long> ids = new ArrayList<>();
        private final List<AccountScore> scores = new ArrayList<>();
        private final List<Boolean> changed = new ArrayList<>();
        private final List<byte[]> snapshots;

        Builder(ScoringService.Scorer scorer, boolean storing) {
            this.scorer = scorer;
            this.snapshots = storing ? new ArrayList<>() : null;
        }

        void add(long id, FeatureVector v, Integer storedScore, String storedBand, boolean storedThinFile) {
            AccountScore s = v == null ? null : scorer.score(v);
            ids.add(id);
            scores.add(s);
            changed.add(s != null && (storedScore == null || storedScore != s.result().score() || storedThinFile != s.thinFile()
                    || storedBand == null || !storedBand.trim().equals(s.result().band().name())));
            if (snapshots != null) {
                snapshots.add(FeatureStore.pack(v));
            }
        }

        ScorePage build(long last) {
            boolean[] flags = new boolean[changed.size()];
            long[] idArray = new long[ids.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = changed.get(i);
                idArray[i] = ids.get(i);
            }
            return new ScorePage(idArray, scores.toArray(new AccountScore[0]), flags,
                    snapshots == null ? null : snapshots.toArray(new byte[0][]), last);
        }
    }
}
