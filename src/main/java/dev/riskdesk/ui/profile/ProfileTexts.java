package dev.riskdesk.ui.profile;

import dev.riskdesk.customers.CustomerProfile;
import dev.riskdesk.customers.CustomerProfile.TimelineEvent;
import dev.riskdesk.ui.common.I18n;
import dev.riskdesk.ui.common.ReasonTexts;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/** A profile's events, rule hits, months and logins in words, in the operator's language. */
final class ProfileTexts {
    private final I18n i18n;

    ProfileTexts(I18n i18n) {
        this.i18n = i18n;
    }

    String monthName(YearMonth month) {
        boolean zh = "zh".equals(i18n.locale().getLanguage());
        return month.format(DateTimeFormatter.ofPattern(zh ? "yy年M月" : "MMM yy", i18n.locale()));
    }

    /** The event in words, with its amounts and dates formatted for the language. */
    String describe(TimelineEvent e) {
        Object[] args = e.args().stream().map(this::formatArg).toArray();
        if ("RULE".equals(e.code())) {
            args[1] = i18n.get("profile.severity." + e.args().get(1));
        } else if ("LIMIT_UP".equals(e.code()) || "LIMIT_DOWN".equals(e.code())) {
            args[2] = i18n.get("profile.source." + e.args().get(2));
        } else if ("STATUS".equals(e.code())) {
            args[0] = i18n.get("common.status." + e.args().get(0));
            args[1] = i18n.get("common.status." + e.args().get(1));
        } else if ("SUSPENDED".equals(e.code()) || "LIFTED".equals(e.code())) {
            args[0] = i18n.get("profile.suspensionKind." + e.args().get(0));
        } else if ("INQUIRY".equals(e.code())) {
            args[1] = i18n.get("profile.inquiryType." + e.args().get(1));
        } else if ("SPEND_SPIKE".equals(e.code())) {
            args[1] = String.format(i18n.locale(), "%.1f", (Double) e.args().get(1));
        }
        return i18n.format("profile.event." + e.code(), args);
    }

    private Object formatArg(Object arg) {
        if (arg instanceof BigDecimal money) {
            return i18n.formats().money(money);
        }
        if (arg instanceof LocalDate date) {
            return monthName(YearMonth.from(date));
        }
        if (arg instanceof Integer n) {
            return i18n.formats().integer(n);
        }
        return arg == null ? "" : arg.toString();
    }

    /** A rule hit in words: the rule set's description in the operator's language, else the bundle's text, else the code. */
    String flagWords(CustomerProfile.Flag x) {
        String description = "zh".equals(i18n.locale().getLanguage()) ? x.descriptionZh() : x.descriptionEn();
        return description == null || description.isBlank() ? ReasonTexts.words(i18n, x.ruleCode()) : description;
    }

    /** What was unusual about a login: a new device, a new city. */
    List<String> anomalies(CustomerProfile.Login l) {
        List<String> list = new ArrayList<>();
        if (l.newDevice()) {
            list.add(i18n.get("profile.login.newDevice"));
        }
        if (l.newCity()) {
            list.add(i18n.get("profile.login.newCity"));
        }
        return list;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
