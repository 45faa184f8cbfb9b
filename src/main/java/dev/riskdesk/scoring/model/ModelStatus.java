package dev.riskdesk.scoring.model;

/** MODEL.STATUS: one CHAMPION per kind; the champion it replaces is RETIRED. */
public enum ModelStatus {
    DRAFT, CHAMPION, RETIRED
}
