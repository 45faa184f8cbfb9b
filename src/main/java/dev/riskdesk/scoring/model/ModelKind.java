package dev.riskdesk.scoring.model;

/** MODEL.KIND. Only points-based kinds can be champion: explanations need points. */
public enum ModelKind {
    SCORECARD, TREE_ENSEMBLE, THIN_FILE;

    public boolean promotable() {
        return this != TREE_ENSEMBLE;
    }
}
