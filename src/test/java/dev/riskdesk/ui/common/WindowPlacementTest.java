package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.prefs.Preferences;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** Where the main and login windows open, on one or two screens, with and without a remembered place. */
class WindowPlacementTest {
    /** A 1280 × 800 screen with a 24-pixel panel at the top. */
    private static final Rectangle2D LAPTOP = new Rectangle2D(0, 24, 1280, 776);
    private static final Rectangle2D RIGHT = new Rectangle2D(1280, 0, 1920, 1080);

    @Test
    void withNothingRememberedTheMainWindowFillsTheUsableArea() {
        assertEquals(new WindowPlacement(0, 24, 1280, 776, false), WindowPlacement.choose(Optional.empty(), LAPTOP, List.of(LAPTOP)));
    }

    @Test
    void aRememberedPlaceOnAScreenIsKept() {
        WindowPlacement left = new WindowPlacement(1500, 100, 1400, 900, true);
        assertEquals(left, WindowPlacement.choose(Optional.of(left), LAPTOP, List.of(LAPTOP, RIGHT)));
    }

    @Test
    void aPlaceOnAScreenThatIsGoneFallsBackToThePrimaryScreen() {
        WindowPlacement onGoneScreen = new WindowPlacement(1500, 100, 1400, 900, false);
        assertEquals(new WindowPlacement(0, 24, 1280, 776, false), WindowPlacement.choose(Optional.of(onGoneScreen), LAPTOP, List.of(LAPTOP)));
    }

    @Test
    void aPlaceHalfOffTheScreenIsPulledBackWhole() {
        WindowPlacement halfOff = new WindowPlacement(900, -200, 1000, 700, false);
        assertEquals(new WindowPlacement(280, 24, 1000, 700, false), WindowPlacement.choose(Optional.of(halfOff), LAPTOP, List.of(LAPTOP)));
    }

    @Test
    void theLoginWindowIsCentredAndNeverLargerThanTheScreen() {
        assertEquals(new WindowPlacement(370, 82, 540, 660, false), WindowPlacement.centred(540, 660, LAPTOP));
        assertEquals(new WindowPlacement(130, 0, 540, 600, false), WindowPlacement.centred(540, 660, new Rectangle2D(0, 0, 800, 600)));
    }

    @Test
    void thePlaceIsRememberedBetweenRuns() throws Exception {
        Preferences node = Preferences.userRoot().node("dev/riskdesk/test/" + UUID.randomUUID());
        try {
            UiPreferences preferences = new UiPreferences(node);
            assertEquals(Optional.empty(), preferences.mainWindow());
            WindowPlacement placement = new WindowPlacement(12.5, 30, 1200, 760, true);
            preferences.setMainWindow(placement);
            assertEquals(Optional.of(placement), new UiPreferences(node).mainWindow());
            node.put(UiPreferences.MAIN_WINDOW, "garbage;1");
            assertEquals(Optional.empty(), new UiPreferences(node).mainWindow());
        } finally {
            node.removeNode();
        }
    }
}
