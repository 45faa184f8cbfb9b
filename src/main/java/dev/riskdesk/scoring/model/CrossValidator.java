package dev.riskdesk.scoring.model;

import dev.riskdesk.common.UserFacingException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Stratified k-fold cross-validation of the scorecard pipeline (binning, WoE, logistic,
 * points), the forest challenger and the gradient-boosted model on any dataset; metrics from the pooled out-of-fold PDs.
 * Nothing is stored.
 */
public final class CrossValidator {

    public record Result(int folds, Metrics scorecard, Metrics forest, Metrics boosted) {
    }

    public Result run(Dataset data, int folds, long seed) {
        return run(data, folds, seed, BoostedModel.ROUNDS);
    }

    /** @param boostedRounds trees of the gradient-boosted model in each fold */
    public Result run(Dataset data, int folds, long seed, int boostedRounds) {
        int[] y = data.labels();
        long bads = java.util.Arrays.stream(y).filter(v -> v == 1).count();
        if (folds < 2) {
            throw new UserFacingException("--folds must be at least 2.");
        }
        if (bads < folds || data.size() - bads < folds) {
            throw new UserFacingException("The file has " + bads + " positive and " + (data.size() - bads)
                    + " negative rows; " + folds + "-fold cross-validation needs at least " + folds + " of each.");
        }
        int[] fold = stratifiedFolds(y, folds, seed);
        double[] scPd = new double[data.size()];
        double[] rfPd = new double[data.size()];
        double[] gbPd = new double[data.size()];
        for (int f = 0; f < folds; f++) {
            List<Integer> trainIdx = new ArrayList<>();
            List<Integer> testIdx = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                (fold[i] == f ? testIdx : trainIdx).add(i);
            }
            Dataset train = data.subset(trainIdx.stream().mapToInt(Integer::intValue).toArray());
            Dataset test = data.subset(testIdx.stream().mapToInt(Integer::intValue).toArray());
            double[] fsc;
            try {
                Scorecard sc = new ScorecardTrainer().train(train, data.numericNames(), data.categoricalNames()).scorecard();
                Scorecard.Bound bound = sc.bind(data.numericNames(), data.categoricalNames());
                fsc = new double[test.size()];
                for (int i = 0; i < test.size(); i++) {
                    fsc[i] = bound.score(test.row(i)).pd();
                }
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("Fold " + (f + 1) + ": " + e.getMessage(), e);
            }
            // the forest learns on a capped sample per fold so ten folds of a large file stay in minutes
            Dataset forestTrain = TrainingService.sample(train, TrainingService.FOREST_ROWS, seed + f);
            double[] frf = ForestModel.train(forestTrain, data.numericNames(), data.categoricalNames(), (int) seed + f).pd(test);
            Dataset boostedTrain = TrainingService.sample(train, TrainingService.BOOSTED_ROWS, seed + f);
            double[] fgb = BoostedModel.train(boostedTrain, data.numericNames(), data.categoricalNames(), seed + f, boostedRounds).pd(test);
            for (int i = 0; i < testIdx.size(); i++) {
                scPd[testIdx.get(i)] = fsc[i];
                rfPd[testIdx.get(i)] = frf[i];
                gbPd[testIdx.get(i)] = fgb[i];
            }
        }
        return new Result(folds, Metrics.of(scPd, y, null), Metrics.of(rfPd, y, null), Metrics.of(gbPd, y, null));
    }

    static int[] stratifiedFolds(int[] y, int folds, long seed) {
        Random random = new Random(seed);
        int[] fold = new int[y.length];
        for (int cls = 0; cls <= 1; cls++) {
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < y.length; i++) {
                if (y[i] == cls) {
                    idx.add(i);
                }
            }
            Collections.shuffle(idx, random);
            for (int k = 0; k < idx.size(); k++) {
                fold[idx.get(k)] = k % folds;
            }
        }
        return fold;
    }
}
