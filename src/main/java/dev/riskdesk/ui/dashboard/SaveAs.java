package dev.riskdesk.ui.dashboard;

import java.io.File;

/** Asks where to save an export: the view opens a file chooser; null when the user cancels. */
@FunctionalInterface
public interface SaveAs {
    File choose(String name, String extension);
}
