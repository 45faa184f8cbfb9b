package dev.riskdesk.app.cli;

import dev.riskdesk.app.Launcher;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Entry point of {@code java -jar target/riskdesk-bench.jar [--db DB] bench SUBCOMMAND}: the
 * product's command line plus the {@code bench} command, which the shipped jar does not contain.
 * Built by {@code mvn -Pbench -DskipTests package}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        Launcher.configureLogFolder();
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new RiskDeskCli());
        cli.addSubcommand(new BenchCommand());
        return RiskDeskCli.execute(cli, out, err, args);
    }
}
