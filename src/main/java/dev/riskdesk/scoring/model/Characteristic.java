package dev.riskdesk.scoring.model;

import java.util.List;

/**
 * A binned feature of a scorecard: its bins with counts, weight of evidence and points, the
 * logistic coefficient on its WoE, and its information value.
 *
 * @param neutralBin the bin used for values not seen in training (an unseen category, or a
 *                   missing value when training had none): the bin whose WoE is nearest zero,
 *                   so an unknown value neither helps nor hurts much
 */
public record Characteristic(String name, boolean categorical, List<Bin> bins, double iv, double beta, int neutralBin,
                             double averagePoints) {

    public int binOf(double value) {
        if (Double.isNaN(value)) {
            for (int i = 0; i < bins.size(); i++) {
                if (bins.get(i).missing()) {
                    return i;
                }
            }
            return neutralBin;
        }
        for (int i = 0; i < bins.size(); i++) {
            if (bins.get(i).contains(value)) {
                return i;
            }
        }
        return neutralBin;
    }

    public int binOf(String category) {
        for (int i = 0; i < bins.size(); i++) {
            Bin b = bins.get(i);
            if (category == null ? b.missing() : b.categories() != null && b.categories().contains(category)) {
                return i;
            }
        }
        return neutralBin;
    }

    public int maxPoints() {
        int max = Integer.MIN_VALUE;
        for (Bin b : bins) {
            max = Math.max(max, b.points());
        }
        return max;
    }

    public Characteristic withBins(List<Bin> newBins, double newBeta, double newAverage) {
        return new Characteristic(name, categorical, List.copyOf(newBins), iv, newBeta, neutralBin, newAverage);
    }
}
