package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.db.Database;
import dev.riskdesk.security.Session;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dashboard", mixinStandardHelpOptions = true,
        description = "Time the dashboard's queries (every chart's data ready) on the book in the database.")
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

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Database database = ((RiskDeskCli) spec.root().userObject()).openDatabase()) {
            DashboardServices services = DashboardCommand.services(database);
            Session system = Session.system();
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
            out.printf("%-60s %9s %9s %9s%n", "filter", "p50 ms", "p95 ms", "max ms");
            for (DashboardFilter f : filters) {
                for (int i = 0; i < 3; i++) {
                    services.query.load(system, f);
                }
                double[] ms = new double[runs];
                for (int i = 0; i < runs; i++) {
                    long t = System.nanoTime();
                    services.query.load(system, f);
                    ms[i] = (System.nanoTime() - t) / 1e6;
                }
                out.printf("  parts of the last load (ms): %s%n", timingsMs(services.query.load(system, f)));
                Arrays.sort(ms);
                out.printf("%-60s %9.1f %9.1f %9.1f%n", f.describe(), ms[ms.length / 2], ms[Math.min(ms.length - 1, (int) Math.ceil(ms.length * 0.95) - 1)],
                        ms[ms.length - 1]);
            }
            out.flush();
        }
        return 0;
    }
}
