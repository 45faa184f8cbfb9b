package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.ui.common.I18n;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/** How appeal values read on screen, in the operator's language. */
final class AppealTexts {
    private AppealTexts() {
    }

    static String status(I18n i18n, Object status) {
        return status == null ? "" : i18n.getOr("appeals.status." + status, status.toString());
    }

    static String type(I18n i18n, Object type) {
        return type == null ? "" : i18n.getOr("appeals.type." + type, type.toString());
    }

    static String outcome(I18n i18n, Object outcome) {
        return outcome == null ? "" : i18n.getOr("appeals.outcome." + outcome, outcome.toString());
    }

    static String channel(I18n i18n, String channel) {
        return channel == null ? "" : i18n.getOr("appeals.channel." + channel, channel);
    }

    /** A rule or reason code in plain words (the code itself when the bundle does not know it). */
    static String reason(I18n i18n, String code) {
        // the appeals' own wording first, then the words every screen uses (rules, scorecard reasons)
        return code == null ? "" : i18n.getOr("appeals.reason." + code, dev.riskdesk.ui.common.ReasonTexts.words(i18n, code));
    }

    static String reasons(I18n i18n, List<String> codes) {
        return codes.stream().map(c -> reason(i18n, c)).collect(Collectors.joining("; "));
    }

    /** "32 h left", "2 d 4 h left", "overdue 15 h"; empty once decided. */
    static String remaining(I18n i18n, Appeals.InboxRow row) {
        Duration d = row.remaining();
        if (d == null) {
            return "";
        }
        long hours = Math.abs(d.toHours());
        String span = hours >= 48 ? i18n.format("appeals.sla.days", hours / 24, hours % 24) : i18n.format("appeals.sla.hours", hours);
        return i18n.format(d.isNegative() ? "appeals.sla.overdue" : "appeals.sla.left", span);
    }
}
