package dev.riskdesk.scoring;

import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ScoreResult;
import dev.riskdesk.scoring.model.ExplainedModel;
import dev.riskdesk.scoring.model.SubScores;
import java.nio.ByteBuffer;
import java.util.List;

/** One account's score by the champion: points, sub-scores and reason codes. */
public record AccountScore(FeatureVector features, long modelId, ExplainedModel model, ScoreResult result,
                           SubScores subScores, List<String> reasonCodes) {

    /** The points table and the reasons this score was given (protected attributes already left out). */
    public Explanation explanation() {
        return model.explain(features, result, reasonCodes);
    }

    public boolean thinFile() {
        return features.thinFile();
    }

    /** What each sub-score is made of (the same numbers {@link #subScores()} came from). */
    public List<SubScores.Input> subScoreInputs() {
        return SubScores.inputs(result.score(), model.scaling(), features);
    }

    /** SCORE.POINTS: the points of each characteristic as big-endian shorts, in model order. */
    public byte[] packedPoints() {
        return pack(result.points());
    }

    public static byte[] pack(int[] points) {
        ByteBuffer buffer = ByteBuffer.allocate(points.length * 2);
        for (int p : points) {
            buffer.putShort((short) p);
        }
        return buffer.array();
    }

    public static int[] unpack(byte[] packed) {
        ByteBuffer buffer = ByteBuffer.wrap(packed);
        int[] points = new int[packed.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = buffer.getShort();
        }
        return points;
    }
}
