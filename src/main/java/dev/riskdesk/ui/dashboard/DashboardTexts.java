package dev.riskdesk.ui.dashboard;

import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.ui.common.AuditTexts;
import dev.riskdesk.ui.common.I18n;
import java.math.BigDecimal;
import java.util.Locale;

/** How the dashboard writes its values: table cells, a hovered element's figure, bundle texts with the code as fallback. */
final class DashboardTexts {
    private final I18n i18n;

    DashboardTexts(I18n i18n) {
        this.i18n = i18n;
    }

    /**
     * A bundle text; for a value the dashboard's bundle does not name, a code (a rule, a decision reason)
     * in the words the other screens use for it, anything else (an operator's name) as it is.
     */
    String text(String key) {
        String value = key.substring(key.lastIndexOf('.') + 1);
        return i18n.getOr(key, value.matches("[A-Z][A-Z0-9_]*") ? AuditTexts.words(i18n, value) : value);
    }

    /** One table cell: money, a rate or a ratio, a count, or a named value. */
    String cell(String column, Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return i18n.formats().money(d);
        }
        if (value instanceof Double d) {
            return column.toLowerCase(Locale.ROOT).contains("rate") || column.toLowerCase(Locale.ROOT).contains("share")
                    ? i18n.formats().percent(d) : String.format(i18n.locale(), "%.4f", d);
        }
        if (value instanceof Long l) {
            return i18n.formats().integer(l);
        }
        return text("dashboard.value." + value);
    }

    /** "Score band: B" over "Exposure: ¥12,345,678.00": the element's category and its series' value, with its unit. */
    String figureText(String chartId, ChartTable t, ChartHitMap.Element e) {
        Object value = e.row() < 0 ? Double.valueOf(0) : t.rows().get(e.row()).get(t.column(e.column()));
        String shown = cell(e.column(), value);
        if (value instanceof Long) {
            String unit = i18n.getOr("dashboard.unit." + chartId, "");
            shown = unit.isEmpty() ? shown : i18n.format("dashboard.figure.count", shown, unit);
        }
        return i18n.format("dashboard.figure", axisName(chartId), e.category(), e.series(), shown);
    }

    private String axisName(String chartId) {
        return i18n.get(switch (chartId) {
            case "exposureByBand", "badRateByBand" -> "dashboard.axis.band";
            case "utilisation" -> "dashboard.axis.utilisation";
            case "delinquency" -> "dashboard.axis.month";
            case "rollRate" -> "dashboard.axis.fromBucket";
            case "vintage30", "vintage90" -> "dashboard.axis.monthsOnBook";
            case "scoreDistribution" -> "dashboard.axis.score";
            case "decisions", "overridePerformance" -> "dashboard.axis.action";
            case "overridesByOperator" -> "dashboard.axis.operator";
            case "overridesByReason" -> "dashboard.axis.reason";
            case "suspensionsByRule" -> "dashboard.axis.rule";
            case "appeals" -> "dashboard.axis.slaState";
            case "stress" -> "dashboard.col.scenario";
            case "macroFactor" -> "dashboard.axis.month";
            case "fairnessByAge" -> "dashboard.axis.ageGroup";
            case "fairnessByGender" -> "dashboard.axis.gender";
            default -> "dashboard.axis.incomeBand";
        });
    }
}
