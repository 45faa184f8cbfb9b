package dev.riskdesk.scoring.governance;

/**
 * MODEL_PROMOTION.KIND: a request to make a model champion, a request to restore the champion before the current
 * one, or the first champion of a seat that never had one (in force at once: there is nothing to replace).
 */
public enum PromotionKind {
    FIRST, PROMOTION, ROLLBACK
}
