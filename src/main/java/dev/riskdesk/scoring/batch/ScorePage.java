package dev.riskdesk.scoring.batch;

import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.features.FeatureStore;
import dev.riskdesk.scoring.features.FeatureVector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * The visited accounts of one id range (after, last] of a batch scoring run, in id order: their
 * scores (null: no recent history), whether ACCOUNT's score columns change, and the packed
 * snapshot rows to store (null when the features came from the store).
 */
record ScorePage(long[] ids, AccountScore[] scores, boolean[] changed, byte[][] snapshots, long last) {

    /** Collects one page's accounts as a reader visits them and scores them together when the page is complete. */
    static final class Builder {
        private final ScoringService.Scorer scorer;
        private final List<Long> ids = new ArrayList<>();
        private final List<FeatureVector> vectors = new ArrayList<>();
        private final List<Integer> storedScores = new ArrayList<>();
        private final List<String> storedBands = new ArrayList<>();
        private final List<Boolean> storedThinFiles = new ArrayList<>();
        private final List<byte[]> snapshots;

        Builder(ScoringService.Scorer scorer, boolean storing) {
            this.scorer = scorer;
            this.snapshots = storing ? new ArrayList<>() : null;
        }

        void add(long id, FeatureVector v, Integer storedScore, String storedBand, boolean storedThinFile) {
            ids.add(id);
            vectors.add(v);
            storedScores.add(storedScore);
            storedBands.add(storedBand);
            storedThinFiles.add(storedThinFile);
            if (snapshots != null) {
                snapshots.add(FeatureStore.pack(v));
            }
        }

        ScorePage build(long last) {
            List<FeatureVector> scored = vectors.stream().filter(Objects::nonNull).toList();
            Iterator<AccountScore> results = scorer.scoreAll(scored).iterator();
            int n = ids.size();
            AccountScore[] scores = new AccountScore[n];
            boolean[] flags = new boolean[n];
            long[] idArray = new long[n];
            for (int i = 0; i < n; i++) {
                idArray[i] = ids.get(i);
                AccountScore s = vectors.get(i) == null ? null : results.next();
                scores[i] = s;
                Integer storedScore = storedScores.get(i);
                String storedBand = storedBands.get(i);
                flags[i] = s != null && (storedScore == null || storedScore != s.result().score() || storedThinFiles.get(i) != s.thinFile()
                        || storedBand == null || !storedBand.trim().equals(s.result().band().name()));
            }
            return new ScorePage(idArray, scores, flags, snapshots == null ? null : snapshots.toArray(new byte[0][]), last);
        }
    }
}
