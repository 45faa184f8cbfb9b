package dev.riskdesk.portfolio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class IdNumbersTest {
    @Test
    void checkCharacterFollowsGb11643() {
        // the standard's published example
        assertEquals('X', IdNumbers.checkChar("11010519491231002"));
        assertTrue(IdNumbers.isValid("11010519491231002X"));
        assertFalse(IdNumbers.isValid("110105194912310021"));
    }

    @Test
    void genderDigitAndBirthDateAreEncoded() {
        String male = IdNumbers.of("310104", LocalDate.of(1990, 3, 7), 123, true);
        String female = IdNumbers.of("310104", LocalDate.of(1990, 3, 7), 123, false);
        assertTrue(male.startsWith("31010419900307"));
        assertEquals(1, (male.charAt(16) - '0') % 2);
        assertEquals(0, (female.charAt(16) - '0') % 2);
        assertTrue(IdNumbers.isValid(male) && IdNumbers.isValid(female));
        assertTrue(IdNumbers.isValid(IdNumbers.of("110105", LocalDate.of(2001, 12, 31), 999, false)));
    }
}
