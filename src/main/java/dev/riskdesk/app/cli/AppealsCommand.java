package dev.riskdesk.app.cli;

import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.appeals.AppealSla;
import dev.riskdesk.appeals.AppealStatus;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.Progress;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riskdesk appeals list|figures|rules|sla|demo}: the appeal inbox from the command line. */
@Command(name = "appeals", mixinStandardHelpOptions = true, description = "Suspension and limit-decrease appeals.",
        subcommands = {AppealsCommand.ListAppeals.class, AppealsCommand.Figures.class, AppealsCommand.Rules.class, AppealsCommand.Sla.class,
                AppealsCommand.Demo.class})
final class AppealsCommand {
    /** A subcommand that prints figures of the appeals, which name no customer: no sign-in. */
    abstract static class Report implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;

        abstract void print(AppealServices appeals, PrintWriter out);

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withServices(spec, (services, out) -> print(services.appeals(), out));
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Open appeals by SLA deadline (or all with --all).")
    static final class ListAppeals implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Option(names = "--all", description = "Include decided and closed appeals.")
        boolean all;
        @Option(names = "--status", description = "Only this status: ${COMPLETION-CANDIDATES}.")
        AppealStatus status;

        /** The list names accounts and operators: an operator who handles appeals signs in (--user) to read it. */
        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> print(services.appeals(), session, out));
        }

        private void print(AppealServices appeals, Session session, PrintWriter out) {
            var rows = appeals.queries().inbox(session, new Appeals.InboxFilter(status, null, null, null, !all));
            out.printf("%-10s %-14s %-15s %-18s %-18s %-10s %9s  %s%n", "appeal", "account", "type", "status", "rule", "assignee",
                    "SLA left", "outcome");
            for (Appeals.InboxRow r : rows) {
                String left = r.remaining() == null ? "" : (r.breached() ? "-" : "") + Math.abs(r.remaining().toHours()) + " h";
                out.printf("%-10s %-14s %-15s %-18s %-18s %-10s %9s  %s%n", r.appealNo(), r.accountNo(), r.type(),
                        r.status() + (r.awaitingApproval() ? "*" : ""), r.ruleCode() == null ? "" : r.ruleCode(),
                        r.assignee() == null ? "-" : r.assignee(), left, r.outcome() == null ? "" : r.outcome());
            }
            out.printf("%,d appeals (* a lift waits for a manager's approval)%n", rows.size());
        }
    }

    @Command(name = "figures", mixinStandardHelpOptions = true, description = "Open appeals by age, handling time, SLA compliance, overturn rate.")
    static final class Figures extends Report {
        @Override
        void print(AppealServices appeals, PrintWriter out) {
            Appeals.InboxFigures f = appeals.figures().figures();
            out.printf("open appeals          %d (under 24 h %d, 24-48 h %d, 2-7 days %d, over 7 days %d; SLA breached %d)%n", f.open(),
                    f.openUnder24h(), f.open24to48h(), f.open2to7d(), f.openOver7d(), f.openBreached());
            out.printf("decided               %d%n", f.decided());
            out.printf("median handling time  %s%n", f.medianHandlingHours() == null ? "-" : String.format("%.1f h", f.medianHandlingHours()));
            out.printf("SLA compliance        %s%n", percent(f.slaCompliance()));
            out.printf("overturn rate         %s%n", percent(f.overturnRate()));
        }
    }

    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Overturn rate per rule and rule version (likely false positives).")
    static final class Rules extends Report {
        @Override
        void print(AppealServices appeals, PrintWriter out) {
            out.printf("%-18s %7s %9s %8s %8s %11s %11s %10s%n", "rule", "version", "triggers", "appeals", "decided", "overturned",
                    "stale data", "overturn");
            for (Appeals.RuleQuality q : appeals.figures().ruleQuality()) {
                out.printf("%-18s %7s %,9d %8d %8d %11d %11d %10s%n", q.ruleCode(), q.ruleVersion() == null ? "-" : "v" + q.ruleVersion(),
                        q.triggers(), q.appeals(), q.decided(), q.overturned(), q.staleData(), percent(q.overturnRate()));
            }
        }
    }

    @Command(name = "sla", mixinStandardHelpOptions = true,
            description = "The SLA hours per appeal type; with --type and --hours a supervisor sets it for appeals registered from now on.")
    static final class Sla implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--type", description = "The appeal type: ${COMPLETION-CANDIDATES}.")
        AppealType type;
        @Option(names = "--hours", description = "The new SLA in hours (1 to 720).")
        Integer hours;

        @Override
        public Integer call() throws IOException {
            if ((type == null) != (hours == null)) {
                throw new ParameterException(spec.commandLine(), "Give both --type and --hours, or neither to list the SLAs.");
            }
            if (hours != null) {
                RiskDeskCli.requireBetween(spec, "--hours", hours, 1, AppealSla.MAX_HOURS);
            }
            if (type == null) {
                return RiskDeskCli.withServices(spec, (services, out) -> print(services.appeals(), out));
            }
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.appeals().sla().setSlaHours(session, type, hours);
                out.printf("The SLA of %s appeals is now %d hours for appeals registered from now on.%n", type, hours);
                print(services.appeals(), out);
            });
        }

        private static void print(AppealServices appeals, PrintWriter out) {
            appeals.sla().slaHours().forEach((t, h) -> out.printf("%-15s %4d h%n", t, h));
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true, description = "Register the demo appeals on a demo book that has none.")
    static final class Demo implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withServices(spec, (services, out) -> {
                // the demo appeals are made by the demo operators themselves (agent, risk, manager), signed in with the
                // demo passwords: only a demo database has them; they exist once the console showed its login
                services.operators().createDemoOperatorsIfEmpty();
                out.printf("Registered %d demo appeals%n", services.demoAppeals().create(Progress.NONE));
            });
        }
    }

    static String percent(Double ratio) {
        return ratio == null ? "-" : String.format("%.1f %%", ratio * 100);
    }
}
