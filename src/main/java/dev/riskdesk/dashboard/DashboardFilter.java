package dev.riskdesk.dashboard;

import java.time.YearMonth;

/**
 * The dashboard's filters; null means "all". The month range bounds the monthly series; the
 * snapshot charts (by band, utilisation, EL) show the last month of the range. {@code product}
 * is the sales channel filter: the book records no acquisition channel, and the product
 * (credit pay at checkout vs cash loan in the app) is how the two lines are sold.
 */
public record DashboardFilter(YearMonth from, YearMonth to, Integer cityTier, String incomeBand, String product) {
    public static DashboardFilter all() {
        return new DashboardFilter(null, null, null, null, null);
    }

    public String describe() {
        return "months " + (from == null ? "first" : from) + " – " + (to == null ? "last" : to)
                + ", city tier " + (cityTier == null ? "all" : cityTier)
                + ", income band " + (incomeBand == null ? "all" : incomeBand)
                + ", channel " + (product == null ? "all" : product);
    }
}
