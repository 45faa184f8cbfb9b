package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealNoteKind;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.ui.common.I18n;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An appeal note's body as the operator reads it. The workflow writes its status notes as plain
 * sentences with the codes in them ({@code NEW → IN_REVIEW}, {@code IN_REVIEW → DECIDED: UPHELD (RULE_CONFIRMED): …});
 * they are read back here into the operator's language, statuses, outcomes and reasons in words.
 * Notes written by people, and status notes of a shape not known here, are shown as stored.
 */
final class AppealNoteTexts {
    private static final String CODE = "([A-Z][A-Z_]*)";
    private static final Pattern CLAIMED = Pattern.compile("Claimed by (\\S+)(?:; " + CODE + " → " + CODE + ")?");
    private static final Pattern ASSIGNED = Pattern.compile("(Assigned|Reassigned) to ([^:]+?)(?:: (.*))?", Pattern.DOTALL);
    private static final Pattern DECIDED = Pattern.compile(CODE + " → DECIDED: " + CODE + " \\(" + CODE + "\\): (.*); notice (\\d+)", Pattern.DOTALL);
    private static final Pattern PROPOSED = Pattern.compile(CODE + " proposed \\(" + CODE + "\\); waits for a manager's approval, decision (\\d+): (.*)",
            Pattern.DOTALL);
    private static final Pattern MOVED = Pattern.compile(CODE + " → " + CODE + "(?:: (.*))?", Pattern.DOTALL);

    private AppealNoteTexts() {
    }

    static String body(I18n i18n, Appeals.Note note) {
        return note.kind() == AppealNoteKind.STATUS ? status(i18n, note.body()) : note.body();
    }

    static String status(I18n i18n, String body) {
        if (body == null) {
            return "";
        }
        Function<String, String> st = s -> AppealTexts.status(i18n, s);
        Matcher m;
        if ((m = CLAIMED.matcher(body)).matches()) {
            return m.group(2) == null ? i18n.format("appeals.note.claimed", m.group(1))
                    : i18n.format("appeals.note.claimedMoved", m.group(1), st.apply(m.group(2)), st.apply(m.group(3)));
        }
        if ((m = ASSIGNED.matcher(body)).matches()) {
            String text = i18n.format(m.group(1).equals("Assigned") ? "appeals.note.assigned" : "appeals.note.reassigned", m.group(2));
            return m.group(3) == null ? text : text + i18n.format("appeals.note.because", m.group(3));
        }
        if ((m = DECIDED.matcher(body)).matches()) {
            return i18n.format("appeals.note.decided", st.apply(m.group(1)), st.apply("DECIDED"), AppealTexts.outcome(i18n, m.group(2)),
                    AppealTexts.reason(i18n, m.group(3)), m.group(4), m.group(5));
        }
        if ((m = PROPOSED.matcher(body)).matches()) {
            return i18n.format("appeals.note.proposed", AppealTexts.outcome(i18n, m.group(1)), AppealTexts.reason(i18n, m.group(2)), m.group(3),
                    m.group(4));
        }
        if ((m = MOVED.matcher(body)).matches()) {
            String text = i18n.format("appeals.note.moved", st.apply(m.group(1)), st.apply(m.group(2)));
            return m.group(3) == null ? text : text + i18n.format("appeals.note.because", m.group(3));
        }
        return body;
    }
}
