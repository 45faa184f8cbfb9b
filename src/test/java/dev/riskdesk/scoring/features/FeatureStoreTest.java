package dev.riskdesk.scoring.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FeatureStoreTest {
    private static final LocalDate OBS = LocalDate.of(2026, 11, 30);

    private static FeatureVector vector(String occupation, boolean thin) {
        double[] values = new double[Feature.COUNT];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 0.1 + 1e-9 * i;
        }
        values[Feature.UTIL_NOW.ordinal()] = Double.NaN;
        values[Feature.SPEND_TREND.ordinal()] = -0.0;
        values[Feature.CREDIT_LIMIT.ordinal()] = 123456.78;
        return new FeatureVector(7, OBS, values, occupation, 11, thin);
    }

    @Test
    void packedVectorsReadBackEqualBitForBit() {
        for (FeatureVector v : new FeatureVector[] {vector("教师", false), vector(null, true), vector("", false)}) {
            FeatureVector back = FeatureStore.unpack(7, OBS, FeatureStore.pack(v));
            assertEquals(v, back);
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.get(Feature.SPEND_TREND)));
            assertEquals(v.occupation(), back.occupation());
        }
    }

    @Test
    void anAccountWithoutRecentHistoryIsStoredAsOneByteAndReadsBackAsNull() {
        assertEquals(1, FeatureStore.pack(null).length);
        assertNull(FeatureStore.unpack(7, OBS, FeatureStore.pack(null)));
    }

    @Test
    void theFeatureSetVersionNamesTheDefinitionsAndTheFeatureCount() {
        assertEquals(FeatureStore.DEFINITIONS + "-" + Feature.COUNT, FeatureStore.FEATURE_SET.substring(0, FeatureStore.FEATURE_SET.lastIndexOf('-')));
        // one changed value is a different vector, so the snapshot comparison in ScoringServiceTest can fail
        FeatureVector v = vector("x", false);
        double[] changed = v.values().clone();
        changed[Feature.DPD_NOW.ordinal()] += 1;
        assertNotEquals(v, new FeatureVector(7, OBS, changed, "x", 11, false));
    }
}
