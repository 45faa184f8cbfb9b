package dev.riskdesk.ui.common;

import java.awt.Color;

/**
 * One colour per meaning across every chart of the console, so "late" or "limit" looks the
 * same on the profile, the review queue and the dashboard. Chosen to stay distinguishable for
 * the common colour-vision deficiencies and on both light and dark themes.
 */
public enum ChartPalette {
    /** Good outcomes: on-time repayment, band A, lifted appeals. */
    GOOD(new Color(0x1A, 0x7F, 0x37)),
    /** Early warning: late but paid, 1–30 DPD, band C. */
    WARNING(new Color(0xD9, 0x8E, 0x04)),
    /** Bad outcomes: missed repayment, 90+ DPD, suspensions, band E. */
    BAD(new Color(0xCF, 0x22, 0x2E)),
    /** The credit limit line. */
    LIMIT(new Color(0x09, 0x69, 0xDA)),
    /** Credit scores over time (never the limit's blue: a score is not an amount). */
    SCORE(new Color(0x4F, 0x46, 0xE5)),
    /** Balances and exposure. */
    BALANCE(new Color(0x82, 0x50, 0xDF)),
    /** Spending. */
    SPEND(new Color(0x1B, 0x7C, 0x83)),
    /** Population averages and reference lines. */
    REFERENCE(new Color(0x6E, 0x77, 0x81)),
    /** Operator decisions marked on a timeline. */
    DECISION(new Color(0xBF, 0x39, 0x89));

    private final Color color;

    ChartPalette(Color color) {
        this.color = color;
    }

    public Color color() {
        return color;
    }

    /**
     * City tiers 1 to 5, five colours of the Okabe–Ito set told apart with every common colour-vision deficiency: tiers are
     * categories, not a scale, so they are not shades of one colour.
     */
    public static Color tier(int tier) {
        return switch (tier) {
            case 1 -> new Color(0x00, 0x72, 0xB2);
            case 2 -> new Color(0xE6, 0x9F, 0x00);
            case 3 -> new Color(0x00, 0x9E, 0x73);
            case 4 -> new Color(0xCC, 0x79, 0xA7);
            default -> new Color(0x56, 0xB4, 0xE9);
        };
    }

    /** Score bands A (best) to E (worst), graded from GOOD to BAD. */
    public static Color band(char band) {
        return switch (band) {
            case 'A' -> GOOD.color;
            case 'B' -> new Color(0x4A, 0xA8, 0x5C);
            case 'C' -> WARNING.color;
            case 'D' -> new Color(0xE0, 0x6C, 0x1F);
            default -> BAD.color;
        };
    }
}
