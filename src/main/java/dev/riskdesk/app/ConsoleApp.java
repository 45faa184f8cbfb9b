package dev.riskdesk.app;

import javafx.application.Application;

/** Starts the JavaFX console; {@link Launcher} calls it when no CLI command is given. */
final class ConsoleApp {
    private ConsoleApp() {
    }

    static void start(String[] args) {
        Application.launch(RiskDeskApplication.class, args);
    }
}
