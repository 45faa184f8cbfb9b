package dev.riskdesk.scoring.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BoostedPointsTest {

    @Test
    void roundedPointsAddUpToTheTotalAndStayWithinAPointOfTheirRoundedValue() {
        double[] exact = {10.4, -3.6, 0.5, 7.5, -0.49};
        for (int total = 10; total <= 18; total++) {
            int[] points = BoostedModel.apportion(exact, total);
            assertEquals(total, Arrays.stream(points).sum());
            for (int i = 0; i < exact.length; i++) {
                assertTrue(Math.abs(points[i] - Math.round(exact[i])) <= 1, "total " + total + ", point " + i + ": " + points[i]);
            }
        }
        // when rounding already gives the total nothing moves
        assertEquals(Arrays.toString(new int[] {10, -4, 1, 8, 0}), Arrays.toString(BoostedModel.apportion(exact, 15)));
        // one point short: it is taken from the value rounded up the most (0.5 → 1, 7.5 → 8; the first in model order)
        assertEquals(Arrays.toString(new int[] {10, -4, 0, 8, 0}), Arrays.toString(BoostedModel.apportion(exact, 14)));
    }
}
