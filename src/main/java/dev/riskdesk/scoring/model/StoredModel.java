package dev.riskdesk.scoring.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

/**
 * A MODEL row read back: the scorecard (bins, WoE, points, scaling) for the scorecard kinds, the
 * serialized model for the forest and the gradient-boosted model, and the training metrics and baselines as JSON.
 */
public record StoredModel(long id, String name, ModelKind kind, ModelStatus status, List<String> features,
                          Scorecard scorecard, byte[] modelBytes, JsonNode metrics,
                          LocalDate trainFrom, LocalDate trainTo, LocalDate testFrom, LocalDate testTo,
                          LocalDateTime trainedAt, LocalDateTime promotedAt) {

    public ForestModel forest() {
        return kind == ModelKind.TREE_ENSEMBLE ? ForestModel.fromBytes(modelBytes) : null;
    }

    /** The model as it scores and explains accounts; null for the forest, which cannot explain itself in points. */
    public ExplainedModel explained() {
        return switch (kind) {
            case SCORECARD, THIN_FILE -> scorecard;
            case GRADIENT_BOOSTED -> BoostedModel.fromBytes(modelBytes);
            case TREE_ENSEMBLE -> null;
        };
    }
}
