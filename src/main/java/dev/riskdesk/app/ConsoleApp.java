package dev.riskdesk.app;

/** Placeholder until the console shell lands. */
final class ConsoleApp {
    private ConsoleApp() {
    }

    static void start(String[] args) {
        throw new UnsupportedOperationException("console not yet built");
    }
}
