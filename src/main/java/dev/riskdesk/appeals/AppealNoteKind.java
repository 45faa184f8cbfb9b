package dev.riskdesk.appeals;

/** APPEAL_NOTE.KIND: an operator's note, a status change, or the customer's own words. */
public enum AppealNoteKind {
    NOTE, STATUS, CUSTOMER
}
