package dev.riskdesk.ui.appeals;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.appeals.AppealNoteKind;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.Messages;
import dev.riskdesk.ui.common.I18n;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** The workflow's status notes read in the operator's language; people's notes stay as written. */
class AppealNoteTextsTest {
    private final I18n en = new I18n(Messages.ENGLISH);
    private final I18n zh = new I18n(Messages.CHINESE);

    private static Appeals.Note note(AppealNoteKind kind, String body) {
        return new Appeals.Note(1, kind, "agent", body, LocalDateTime.of(2026, 12, 7, 9, 0));
    }

    @Test
    void statusNotesReadAsWords() {
        assertEquals("Claimed by agent; New → In review", AppealNoteTexts.body(en, note(AppealNoteKind.STATUS, "Claimed by agent; NEW → IN_REVIEW")));
        assertEquals("由 agent 认领;新申诉 → 审核中", AppealNoteTexts.body(zh, note(AppealNoteKind.STATUS, "Claimed by agent; NEW → IN_REVIEW")));
        assertEquals("In review → Escalated: fraud suspected", AppealNoteTexts.body(en, note(AppealNoteKind.STATUS, "IN_REVIEW → ESCALATED: fraud suspected")));
        assertEquals("Reassigned to Li Na: on leave", AppealNoteTexts.body(en, note(AppealNoteKind.STATUS, "Reassigned to Li Na: on leave")));
        assertEquals("In review → Decided: Upheld (" + AppealTexts.reason(en, "RULE_CONFIRMED") + "): checked; notice 4",
                AppealNoteTexts.body(en, note(AppealNoteKind.STATUS, "IN_REVIEW → DECIDED: UPHELD (RULE_CONFIRMED): checked; notice 4")));
    }

    @Test
    void notesWrittenByPeopleStayAsWritten() {
        assertEquals("NEW → IN_REVIEW was wrong", AppealNoteTexts.body(en, note(AppealNoteKind.NOTE, "NEW → IN_REVIEW was wrong")));
        assertEquals("Something else", AppealNoteTexts.body(en, note(AppealNoteKind.STATUS, "Something else")));
    }
}
