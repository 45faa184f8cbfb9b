package dev.riskdesk.scoring.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One attribute (bin) of a characteristic. Numeric bins cover [lower, upper) with null meaning
 * unbounded; categorical bins list their categories; the missing bin holds missing values.
 * Points are integers so that the points of an account add up to its score exactly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Bin(Double lower, Double upper, List<String> categories, boolean missing,
                  long goods, long bads, double woe, int points) {

    public long count() {
        return goods + bads;
    }

    public double badRate() {
        return count() == 0 ? 0 : (double) bads / count();
    }

    public Bin withPoints(int newPoints) {
        return new Bin(lower, upper, categories, missing, goods, bads, woe, newPoints);
    }

    public boolean contains(double value) {
        return !missing && categories == null && (lower == null || value >= lower) && (upper == null || value < upper);
    }

    /** Text for reports: "[0.3, 0.7)", "missing", "{A, B}". */
    public String label() {
        if (missing) {
            return "missing";
        }
        if (categories != null) {
            return "{" + String.join(", ", categories) + "}";
        }
        return "[" + (lower == null ? "-inf" : fmt(lower)) + ", " + (upper == null ? "+inf" : fmt(upper)) + ")";
    }

    static String fmt(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e12) {
            return String.valueOf((long) d);
        }
        return String.format(java.util.Locale.ROOT, "%.4g", d);
    }
}
