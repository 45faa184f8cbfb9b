package dev.riskdesk.ui.common;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Audit events as the operator reads them. The services record an action code and a short
 * details text in which amounts are plain decimals, times are ISO and states are codes
 * ({@code OVERRIDE to 40000.00}, {@code 17300.00 -> 40000.00}, {@code NEW → IN_REVIEW}); here the
 * action reads as words, amounts as money, times in the operator's format and each code as the
 * words the console uses for it elsewhere. A code no bundle knows reads as its words in lower case.
 */
public final class AuditTexts {
    private static final Pattern CODE = Pattern.compile("(?<![\\p{L}\\d_])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\\p{L}\\d_])");
    /** A one-word code (NEW, OVERRIDE): read as words only where a bundle has them, as a short word may be an abbreviation. */
    private static final Pattern WORD = Pattern.compile("(?<![\\p{L}\\d_])[A-Z]{3,}(?![\\p{L}\\d_])");
    private static final Pattern AMOUNT = Pattern.compile("(?<![\\d.])-?\\d+\\.\\d{2}(?![\\d.])");
    private static final Pattern ISO_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?");
    /** Where the console already has words for a code, most specific first. */
    private static final List<String> WORDS = List.of("audit.action.", "review.action.", "review.status.", "appeals.status.",
            "appeals.outcome.", "common.role.", "common.status.", "review.decisionReason.", "profile.suspensionKind.", "review.reason.",
            "appeals.reason.", "lifecycle.reason.");

    private AuditTexts() {
    }

    /** The action in words: the bundle's text, else the code's words ("Book imported" for BOOK_IMPORTED). */
    public static String action(I18n i18n, String code) {
        return code == null ? "" : i18n.getOr("audit.action." + code, humanised(code));
    }

    /** The details with amounts, times and codes as the operator reads them; null reads as empty. */
    public static String details(I18n i18n, String details) {
        if (details == null || details.isBlank()) {
            return "";
        }
        String text = details.replace(" -> ", " → ");
        text = replace(ISO_TIME, text, raw -> i18n.formats().dateTime(LocalDateTime.parse(raw)));
        text = replace(AMOUNT, text, raw -> i18n.formats().money(new BigDecimal(raw)));
        text = replace(CODE, text, code -> words(i18n, code));
        return replace(WORD, text, word -> known(i18n, word));
    }

    /** A code in the words the console uses for it elsewhere, else in lower-case words. */
    public static String words(I18n i18n, String code) {
        if (code == null) {
            return "";
        }
        String known = known(i18n, code);
        return known.equals(code) ? humanised(code) : known;
    }

    private static String known(I18n i18n, String code) {
        for (String prefix : WORDS) {
            String words = i18n.getOr(prefix + code, null);
            if (words != null) {
                return words;
            }
        }
        return code;
    }

    /** BOOK_IMPORTED → "Book imported". */
    static String humanised(String code) {
        String words = code.toLowerCase(Locale.ROOT).replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static String replace(Pattern pattern, String text, java.util.function.Function<String, String> how) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            try {
                replacement = how.apply(m.group());
            } catch (RuntimeException notWhatItLooksLike) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
