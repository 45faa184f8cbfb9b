package dev.riskdesk.scoring.governance;

/** MODEL_PROMOTION.STATUS: REQUESTED until another manager APPROVEs or DECLINEs it, or its requester WITHDRAWs it. */
public enum PromotionStatus {
    REQUESTED, APPROVED, DECLINED, WITHDRAWN
}
