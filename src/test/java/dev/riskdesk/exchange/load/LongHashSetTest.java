package dev.riskdesk.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LongHashSetTest {

    @Test
    void holdsWhatWasAddedThroughGrowth() {
        LongHashSet set = new LongHashSet();
        Set<Long> reference = new HashSet<>();
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 200_000; i++) {
            long v = random.nextInt(150_000) * 0x9E3779B97F4A7C15L; // repeats on purpose
            assertEquals(reference.add(v), set.add(v), "add " + v);
        }
        assertEquals(reference.size(), set.size());
        for (long v : reference) {
            assertTrue(set.contains(v));
        }
        assertFalse(set.contains(12345));
    }

    @Test
    void zeroIsAValue() {
        LongHashSet set = new LongHashSet();
        assertFalse(set.contains(0));
        assertTrue(set.add(0));
        assertTrue(set.contains(0));
        assertFalse(set.add(0));
    }

    @Test
    void keyCellsAreKeptApart() {
        assertNotEquals(KeyHash.of("ab", "c"), KeyHash.of("a", "bc"));
        assertNotEquals(KeyHash.of("A1", "2026-11-01"), KeyHash.of("A1", "2026-10-01"));
        assertEquals(KeyHash.of("TX1"), KeyHash.of("TX1"));
        assertNotEquals(KeyHash.of("TX1"), KeyHash.of("TX2"));
    }
}
