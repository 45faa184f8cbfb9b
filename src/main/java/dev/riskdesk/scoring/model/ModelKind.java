package dev.riskdesk.scoring.model;

import java.util.Arrays;
import java.util.List;

/**
 * MODEL.KIND. A kind can be champion when its every score is explained in points per characteristic:
 * the scorecards by their bins, the gradient-boosted model by its exact per-decision contributions.
 * The random forest cannot explain itself that way and stays a challenger.
 */
public enum ModelKind {
    SCORECARD, TREE_ENSEMBLE, THIN_FILE, GRADIENT_BOOSTED;

    public boolean promotable() {
        return this != TREE_ENSEMBLE;
    }

    /** Whether a champion of this kind scores the thin files (else: every account with a file). */
    public boolean forThinFiles() {
        return this == THIN_FILE;
    }

    /** The kinds that compete for the same champion seat as this one (this one included): one champion per seat. */
    public List<ModelKind> seat() {
        return Arrays.stream(values()).filter(k -> k.promotable() && k.forThinFiles() == forThinFiles()).toList();
    }

    /** The kinds that may be the champion for accounts with a file. */
    public static final List<ModelKind> MAIN_SEAT = SCORECARD.seat();
}
