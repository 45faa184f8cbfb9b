package dev.riskdesk.scoring.model;

/** MODEL.STATUS: one CHAMPION per seat ({@link ModelKind#seat()}); the champion it replaces is RETIRED. */
public enum ModelStatus {
    DRAFT, CHAMPION, RETIRED
}
