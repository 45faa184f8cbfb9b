package dev.riskdesk.scoring.model;

import java.util.List;

/**
 * A champion seat: the model that scores accounts with a file (a scorecard or a gradient-boosted model) and the one
 * that scores thin files. Each seat has at most one champion.
 */
public enum ModelSeat {
    FILE, THIN_FILE;

    public static ModelSeat of(ModelKind kind) {
        return kind.forThinFiles() ? THIN_FILE : FILE;
    }

    /** The kinds that may hold this seat. */
    public List<ModelKind> kinds() {
        return this == THIN_FILE ? ModelKind.THIN_FILE.seat() : ModelKind.MAIN_SEAT;
    }

    /** The seat in words, for messages and the audit trail. */
    public String label() {
        return this == THIN_FILE ? "thin-file seat" : "seat for accounts with a file";
    }
}
