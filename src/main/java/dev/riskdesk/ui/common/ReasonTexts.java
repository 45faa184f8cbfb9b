package dev.riskdesk.ui.common;

import dev.riskdesk.scoring.model.Explanation;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.stream.Collectors;

/**
 * Rule and reason codes (OVERDUE_DECREASE, POLICY_SCORE…) in plain words, for every screen that
 * lists them: the review queue's text, else the appeals' text, else the scorecard's reason text, else the code itself. Screens keep
 * the code in a tooltip for operators who talk in codes. Scorecard reason codes read as the
 * scoring texts ("Several credit applications with other lenders…").
 */
public final class ReasonTexts {
    private ReasonTexts() {
    }

    public static String words(I18n i18n, String code) {
        if (code == null || code.isBlank()) {
            return "";
        }
        return i18n.getOr("review.reason." + code, i18n.getOr("appeals.reason." + code, scorecardReason(i18n, code)));
    }

    /** A scorecard reason code (a characteristic such as INQUIRIES_3M) in the scoring texts, else the code. */
    private static String scorecardReason(I18n i18n, String code) {
        try {
            ResourceBundle scoring = ResourceBundle.getBundle(Explanation.BUNDLE, i18n.formats().locale());
            return scoring.containsKey("reason." + code) ? scoring.getString("reason." + code) : code;
        } catch (MissingResourceException e) {
            return code;
        }
    }

    public static String words(I18n i18n, Collection<String> codes) {
        return codes.stream().map(c -> words(i18n, c)).collect(Collectors.joining("; "));
    }

    /** For a tooltip: one line per code, "CODE: words", so the code stays at hand. */
    public static String tooltip(I18n i18n, Collection<String> codes) {
        return codes.stream().map(c -> c + ": " + words(i18n, c)).collect(Collectors.joining("\n"));
    }

    /** The codes of a stored comma-separated list ("A,B"), without blanks. */
    public static List<String> codes(String commaSeparated) {
        return commaSeparated == null ? List.of()
                : Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A stored comma-separated list in words. */
    public static String wordsOf(I18n i18n, String commaSeparated) {
        return words(i18n, codes(commaSeparated));
    }
}
