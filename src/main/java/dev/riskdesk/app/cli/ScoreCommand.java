package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.AccountScore;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.SubScores;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "score", mixinStandardHelpOptions = true,
        description = "Score every account with the champion (--all; resumes an interrupted run) or explain one account (--account).")
final class ScoreCommand implements Callable<Integer> {
    static final int MAX_READERS = 64;

    @Spec
    CommandSpec spec;

    @Option(names = "--all", description = "Score all accounts in committed chunks.")
    boolean all;

    @Option(names = "--account", paramLabel = "ACCOUNT", description = "Score and explain one account, by its number (CP000000000008) or id;"
            + " nothing is written.")
    String account;

    @Option(names = "--chunk", defaultValue = "" + ScoreRunService.DEFAULT_CHUNK, description = "Accounts per committed chunk.")
    int chunk;

    @Option(names = "--readers", defaultValue = "0",
            description = "With --all: threads reading and scoring ahead of the writer (default: min(2, cores)).")
    int readers;

    @Option(names = "--no-dashboard", description = "With --all: do not refresh the dashboard aggregates afterwards.")
    boolean noDashboard;

    @Option(names = "--lang", defaultValue = "en", description = "Language of reasons: en or zh.")
    String lang;

    @Override
    public Integer call() throws IOException {
        if (all == (account != null)) {
            throw new ParameterException(spec.commandLine(), "Give either --all or --account ACCOUNT.");
        }
        RiskDeskCli.requireBetween(spec, "--chunk", chunk, 1, PolicyCommand.MAX_CHUNK);
        RiskDeskCli.requireBetween(spec, "--readers", readers, 0, MAX_READERS);
        return RiskDeskCli.withSession(spec, (services, session, out) -> {
            if (all) {
                ScoreRunService.BatchReport r = services.scoreRun().scoreAll(session, chunk,
                        readers > 0 ? readers : ScoreRunService.defaultReaders(), ModelCommand.progress(spec.commandLine().getErr()));
                out.printf("Job %d%s: scored %,d accounts (%,d thin-file), %,d without recent history, in %.1f s; features from %s%n", r.jobId(),
                        r.resumed() ? " (resumed)" : "", r.scored(), r.thinFile(), r.skipped(), r.millis() / 1000.0, r.featureSource());
                out.println("Phases: " + r.phases().summary());
                if (!noDashboard) {
                    DashboardCommand.refreshAfterBatch(services, session, out);
                }
            } else {
                explain(out, services.scoring().scoreAccount(session, services.scoring().accountId(account)), "zh".equals(lang) ? Locale.SIMPLIFIED_CHINESE : Locale.ENGLISH);
            }
        });
    }

    private static void explain(PrintWriter out, AccountScore s, Locale locale) {
        if (s == null) {
            out.println("The account has no history in the last 12 months; it is not scored.");
            return;
        }
        Explanation e = s.explanation();
        out.printf("Account %d at %s: score %d, band %s, PD %.2f%%%s (model %d)%n", s.features().accountId(), s.features().observationDate(),
                e.score(), e.band(), 100 * s.result().pd(), s.thinFile() ? ", thin file" : "", s.modelId());
        out.printf("Sub-scores: credit %d (%s), capacity %d (%s), stability %d (%s), security %d (%s)%n",
                s.subScores().credit(), s.subScores().creditBand(), s.subScores().capacity(), s.subScores().capacityBand(),
                s.subScores().stability(), s.subScores().stabilityBand(), s.subScores().security(), s.subScores().securityBand());
        List<SubScores.Input> inputs = s.subScoreInputs();
        for (SubScores.Kind kind : SubScores.Kind.values()) {
            out.printf("  %-9s %3d (%s) = %s%n", kind.name().toLowerCase(Locale.ROOT), s.subScores().value(kind), s.subScores().band(kind),
                    SubScores.explain(kind, inputs, locale));
        }
        out.printf("%-36s %-22s %6s %8s %6s%n", "characteristic", "bin", "points", "avg", "best");
        if (e.basePoints() != 0) {
            out.printf("%-36s %-22s %6d%n", "base (the average account)", "", e.basePoints());
        }
        for (Explanation.Line l : e.lines()) {
            out.printf("%-36s %-22s %6d %8.1f %6d%n", Explanation.featureName(l.characteristic(), locale), l.bin(), l.points(),
                    l.populationAverage(), l.bestPoints());
        }
        if (e.clampAdjustment() != 0) {
            out.printf("%-36s %-22s %6d%n", "range limit 300-850", "", e.clampAdjustment());
        }
        out.println("Reasons:");
        for (String code : e.reasonCodes()) {
            out.printf("  %s  %s%n", code, Explanation.reasonText(code, locale));
        }
        String hint = e.hintText(locale);
        if (hint != null) {
            out.println("What would move this score: " + hint);
        }
    }
}
