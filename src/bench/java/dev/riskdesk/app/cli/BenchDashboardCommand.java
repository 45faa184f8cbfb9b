package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.app.AppServices;
import dev.riskdesk.security.BenchOperators;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.dashboard.DashboardImages;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = {"Time the dashboard on the book in the database: every chart's data ready (the queries), then every chart ready"
            + " (the queries and drawing all 15 chart images with their hit maps at the screen's 1.5 x, as the screen does off the FX thread),"
            + " drawn one after the other and in parallel."})
final class BenchDashboardCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "20", description = "Timed loads per filter (default ${DEFAULT-VALUE}), after 3 warm-up loads.")
    int runs;

    @Option(names = "--refresh", description = "Rebuild the aggregates first and time that too.")
    boolean refresh;

    private static String timingsMs(DashboardData data) {
        StringBuilder b = new StringBuilder();
        data.timingsMicros().forEach((k, v) -> b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(String.format("%.1f", v / 1000.0)));
        return b.toString();
    }

    /** 3 warm-up runs, then {@code runs} timed ones; prints p50, p95, max. */
    private void time(PrintWriter out, DashboardFilter f, String what, Runnable work) {
        for (int i = 0; i < 3; i++) {
            work.run();
        }
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            long t = System.nanoTime();
            work.run();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        out.printf("%-60s %-26s %9.1f %9.1f %9.1f%n", f.describe(), what, ms[ms.length / 2],
                ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.95) - 1)], ms[ms.length - 1]);
        out.flush();
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (AppServices app = ((RiskDeskCli) spec.root().userObject()).openServices()) {
            DashboardServices services = app.dashboard();
            Session system = BenchOperators.signIn(app.database(), "manager");
            if (refresh) {
                var r = services.refresh.refresh(system, Progress.NONE);
                out.printf("refresh: %,d account-months aggregated in %,d ms%n", r.accountMonths(), r.millis());
            }
            DashboardData all = services.query.load(system, DashboardFilter.all());
            out.printf("book: %,d accounts in the latest month (%s), %d months aggregated%n", all.figures().accounts(), all.snapshotMonth(),
                    all.months().size());
            YearMonth last = all.snapshotMonth();
            List<DashboardFilter> filters = List.of(DashboardFilter.all(),
                    new DashboardFilter(last == null ? null : last.minusMonths(11), last, 2, "I2", "CREDIT_PAY"));
            Function<String, String> text = DashboardImages.englishText();
            out.printf("%-60s %-26s %9s %9s %9s%n", "filter", "what", "p50 ms", "p95 ms", "max ms");
            for (DashboardFilter f : filters) {
                time(out, f, "data", () -> services.query.load(system, f));
                out.printf("  parts of the last load (ms): %s%n", timingsMs(services.query.load(system, f)));
                for (boolean parallel : new boolean[] {false, true}) {
                    time(out, f, parallel ? "data + charts, parallel" : "data + charts, one by one", () -> {
                        DashboardData data = services.query.load(system, f);
                        DashboardImages.render(data, text, false, Locale.ENGLISH, 1.5, parallel);
                    });
                }
            }
            out.flush();
        }
        return 0;
    }
}
