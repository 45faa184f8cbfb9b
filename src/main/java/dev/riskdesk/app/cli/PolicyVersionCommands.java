package dev.riskdesk.app.cli;

import dev.riskdesk.app.AppServices;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.limits.versions.PolicyDiff;
import dev.riskdesk.limits.versions.PolicyDocument;
import dev.riskdesk.limits.versions.PolicyKind;
import dev.riskdesk.limits.versions.PolicyVersionService;
import dev.riskdesk.limits.versions.VersionRow;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk policy versions|show|draft|diff|submit|approve|send-back|withdraw|activate|rollback} for the limit
 * policy, and the same under {@code riskdesk policy rules ...} for the monitoring rule set: changes under
 * maker-checker control ({@link PolicyVersionService}). Each command signs in; the service checks the permission and
 * audits.
 */
final class PolicyVersionCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private PolicyVersionCommands() {
    }

    /** {@code riskdesk policy rules ...}: the same commands for the rule set. */
    @Command(name = "rules", mixinStandardHelpOptions = true, description = "Versions of the monitoring rule set: list, draft, diff, submit, approve, activate, roll back.",
            subcommands = {Versions.class, Show.class, Draft.class, Diff.class, Submit.class, Approve.class, SendBack.class, Withdraw.class, Activate.class,
                    Rollback.class})
    static final class Rules {
    }

    /** The rule set under {@code policy rules}, the limit policy directly under {@code policy}. */
    static PolicyKind kind(CommandSpec spec) {
        return spec.parent() != null && spec.parent().name().equals("rules") ? PolicyKind.RULE_SET : PolicyKind.LIMIT_POLICY;
    }

    static String label(PolicyKind kind) {
        return kind == PolicyKind.LIMIT_POLICY ? "Limit policy" : "Rule set";
    }

    static String line(VersionRow v) {
        StringBuilder b = new StringBuilder(String.format("%4d  %-9s  made by %s %s", v.versionNo(), v.status(), v.maker() == null ? "database set-up" : v.maker(),
                time(v.createdAt())));
        if (v.basedOn() != null) {
            b.append(" from version ").append(v.basedOn());
        }
        if (v.submitter() != null) {
            b.append("; submitted ").append(time(v.submittedAt()));
        }
        if (v.approver() != null) {
            b.append("; approved by ").append(v.approver()).append(' ').append(time(v.approvedAt()));
        }
        if (v.activatedAt() != null) {
            b.append("; active from ").append(time(v.activatedAt()));
            if (v.activator() != null) {
                b.append(" (").append(v.activator().username()).append(')');
            }
        }
        if (v.retiredAt() != null) {
            b.append("; ended ").append(time(v.retiredAt()));
        }
        if (v.note() != null) {
            b.append(" — ").append(v.note());
        }
        return b.toString();
    }

    private static String time(LocalDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    @Command(name = "versions", mixinStandardHelpOptions = true, description = "List every version with its status, maker, approver and dates.")
    static final class Versions implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                out.println(label(kind) + " versions (newest first):");
                services.limits().versions.list(session, kind).forEach(v -> out.println(line(v)));
            });
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print a version in the format of its data/ file (for editing and 'draft --file').")
    static final class Show implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "VERSION", description = "The version to print; default the active one.")
        Integer version;

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PolicyVersionService versions = services.limits().versions;
                int v = version != null ? version : versions.active(session, kind).versionNo();
                out.println(versions.document(session, kind, v).json());
            });
        }
    }

    @Command(name = "draft", mixinStandardHelpOptions = true,
            description = "Make a draft: a copy of the active version (or --from VERSION), or the content of --file; then edit it with --file.")
    static final class Draft implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--from", paramLabel = "VERSION", description = "Copy this version instead of the active one.")
        Integer from;
        @Option(names = "--file", paramLabel = "F.json", description = "The draft's content, in the format of the data/ file (see 'show').")
        Path file;
        @Option(names = "--edit", paramLabel = "DRAFT", description = "Replace the content of your draft DRAFT with --file instead of making a new one.")
        Integer edit;
        @Option(names = "--note", description = "Why the change is made (kept with the version and in the audit trail).")
        String note;

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            if (edit != null && file == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--edit needs --file with the new content");
            }
            if (from != null && file != null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--from and --file cannot be combined");
            }
            PolicyDocument content = file == null ? null : read(kind, file);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PolicyVersionService versions = services.limits().versions;
                VersionRow v = edit != null ? versions.edit(session, kind, edit, content) : versions.draft(session, kind, from, content, note);
                out.println("Draft " + v.versionNo() + " of the " + label(kind).toLowerCase(java.util.Locale.ROOT)
                        + (edit != null ? " updated" : " made" + (v.basedOn() != null ? " from version " + v.basedOn() : " from " + file)) + ".");
                out.println("Next: 'policy" + (kind == PolicyKind.RULE_SET ? " rules" : "") + " diff " + v.versionNo() + "' to see what it changes, then 'submit "
                        + v.versionNo() + "'.");
            });
        }
    }

    static PolicyDocument read(PolicyKind kind, Path file) {
        try {
            return PolicyDocument.parse(kind, Files.readString(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new UserFacingException("There is no file " + file + ".", e);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "What a version changes: its parameters against the active version (or --against VERSION), and its decisions on the book, simulated.")
    static final class Diff implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "DRAFT", description = "The version to compare; default the newest draft or submitted version.")
        Integer version;
        @Option(names = "--against", paramLabel = "VERSION", description = "Compare the parameters against this version instead of the active one.")
        Integer against;
        @Option(names = "--no-simulation", description = "Only the parameters: do not simulate the decisions on the book.")
        boolean noSimulation;

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                int v = version != null ? version : newestOpen(services, session, kind);
                print(out, services.limits().impact.diff(session, kind, v, against, !noSimulation, Progress.NONE));
            });
        }

        private static int newestOpen(AppServices services, dev.riskdesk.security.Session session, PolicyKind kind) {
            return services.limits().versions.list(session, kind).stream()
                    .filter(v -> v.status() == dev.riskdesk.limits.VersionStatus.DRAFT || v.status() == dev.riskdesk.limits.VersionStatus.SUBMITTED
                            || v.status() == dev.riskdesk.limits.VersionStatus.APPROVED)
                    .findFirst().orElseThrow(() -> new UserFacingException("There is no draft, submitted or approved version to compare: name one."))
                    .versionNo();
        }

        static void print(PrintWriter out, PolicyDiff d) {
            out.printf("%s version %d (%s) against version %d (%s)%n", label(d.version().kind()), d.version().versionNo(), d.version().status(),
                    d.against().versionNo(), d.against().status());
            if (d.parameters().isEmpty()) {
                out.println("Parameters: none changed.");
            } else {
                out.printf("Parameters (%d changed):%n", d.parameters().size());
                int width = d.parameters().stream().mapToInt(c -> c.path().length()).max().orElse(10);
                for (PolicyDiff.Change c : d.parameters()) {
                    out.printf("  %-" + width + "s  %s -> %s%n", c.path(), c.before() == null ? "(none)" : c.before(), c.after() == null ? "(none)" : c.after());
                }
            }
            if (d.decisions() != null) {
                out.printf("Decisions on the book, simulated at %s over %,d accounts (every proposal assumed carried out):%n", d.decisions().at(),
                        d.decisions().accounts());
                out.printf("  %-12s %12s %12s %10s%n", "action", "active", "version " + d.version().versionNo(), "change");
                for (PolicyDiff.ActionCount a : d.actions()) {
                    out.printf("  %-12s %,12d %,12d %+,10d%n", a.action(), a.active(), a.candidate(), a.change());
                }
                out.printf("  Accounts whose outcome differs: %,d; exposure change %,.2f -> %,.2f; expected loss change %,.2f -> %,.2f%n",
                        d.decisions().accountsDiffering(), d.decisions().current().exposureChange(), d.decisions().candidate().exposureChange(),
                        d.decisions().current().expectedLossChange(), d.decisions().candidate().expectedLossChange());
                out.println("Decisions by score band (share of the band's accounts, active -> version " + d.version().versionNo() + "):");
                out.printf("  %-9s %10s %18s %18s%n", "band", "accounts", "increased", "cut");
                for (PolicyDiff.BandChange b : d.bands()) {
                    out.printf("  %-9s %,10d %7s -> %-7s %7s -> %-7s%s%n", b.band().equals(dev.riskdesk.limits.run.DecisionsByBand.UNSCORED) ? "unscored" : b.band(), b.accounts(), percent(b.increasedBefore()), percent(b.increasedAfter()),
                            percent(b.cutBefore()), percent(b.cutAfter()), b.changed() ? "" : "  (unchanged)");
                }
            }
        }
    }

    private static String percent(java.math.BigDecimal share) {
        return share.movePointRight(2).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString() + "%";
    }

    /** A step on one version: submit, approve, activate, withdraw. */
    private abstract static class Step implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "VERSION", description = "The version.")
        int version;

        abstract VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind);

        abstract String done();

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                VersionRow v = apply(services.limits().versions, session, kind);
                out.println(label(kind) + " version " + v.versionNo() + " " + done() + ".");
                out.println(line(v));
            });
        }
    }

    @Command(name = "submit", mixinStandardHelpOptions = true, description = "Submit your draft for another manager's approval.")
    static final class Submit extends Step {
        @Override
        VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind) {
            return versions.submit(session, kind, version);
        }

        @Override
        String done() {
            return "submitted: another manager approves it";
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a version another manager submitted (never your own).")
    static final class Approve extends Step {
        @Override
        VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind) {
            return versions.approve(session, kind, version);
        }

        @Override
        String done() {
            return "approved: 'activate' puts it in force";
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, description = "Put an approved version in force; the active one is retired.")
    static final class Activate extends Step {
        @Override
        VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind) {
            return versions.activate(session, kind, version);
        }

        @Override
        String done() {
            return "is active: policy runs from now on use it";
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw your own draft or submitted version.")
    static final class Withdraw extends Step {
        @Override
        VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind) {
            return versions.withdraw(session, kind, version);
        }

        @Override
        String done() {
            return "withdrawn";
        }
    }

    @Command(name = "send-back", mixinStandardHelpOptions = true, description = "Send a submitted version back to its maker as a draft, saying why.")
    static final class SendBack extends Step {
        @Option(names = "--reason", required = true, description = "Why it goes back (kept in the audit trail).")
        String reason;

        @Override
        VersionRow apply(PolicyVersionService versions, dev.riskdesk.security.Session session, PolicyKind kind) {
            return versions.sendBack(session, kind, version, reason);
        }

        @Override
        String done() {
            return "sent back to its maker";
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Restore an earlier version: a draft with its content, submitted at once for another manager to approve and activate.")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--to", required = true, paramLabel = "VERSION", description = "The earlier version to restore.")
        int to;
        @Option(names = "--note", description = "Why (default 'Rollback to version N').")
        String note;

        @Override
        public Integer call() throws IOException {
            PolicyKind kind = kind(spec);
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                VersionRow v = services.limits().versions.rollback(session, kind, to, note);
                out.println(label(kind) + " version " + v.versionNo() + " restores version " + to + " and is submitted: another manager approves and activates it.");
                out.println(line(v));
            });
        }
    }
}
