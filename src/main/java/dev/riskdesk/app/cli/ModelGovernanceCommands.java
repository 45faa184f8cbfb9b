package dev.riskdesk.app.cli;

import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.governance.PromotionKind;
import dev.riskdesk.scoring.governance.PromotionRequest;
import dev.riskdesk.scoring.governance.PromotionStatus;
import dev.riskdesk.scoring.model.ModelSeat;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk model promote|requests|approve|decline|withdraw|rollback}: a champion changes under maker-checker
 * control ({@link ModelGovernanceService}), as policy versions do. Each command signs in as {@code --user}; the
 * service checks the permission and audits.
 */
final class ModelGovernanceCommands {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private ModelGovernanceCommands() {
    }

    static String line(PromotionRequest r) {
        StringBuilder b = new StringBuilder(String.format("%4d  %-9s  %-9s  model %d (%s, %s)", r.id(), r.kind(), r.status(), r.modelId(), r.modelKind(),
                r.seat() == ModelSeat.THIN_FILE ? "thin-file seat" : "file seat"));
        if (r.championId() != null) {
            b.append(" in place of model ").append(r.championId());
        }
        b.append("; asked by ").append(r.requester() == null ? "nobody" : r.requester()).append(' ').append(time(r.requestedAt()));
        if (r.decider() != null && r.kind() != PromotionKind.FIRST) {
            b.append("; ").append(r.status().name().toLowerCase(java.util.Locale.ROOT)).append(" by ").append(r.decider()).append(' ').append(time(r.decidedAt()));
        }
        b.append(" — ").append(r.reason());
        if (r.decisionNote() != null) {
            b.append(" — ").append(r.decisionNote());
        }
        return b.toString();
    }

    private static String time(LocalDateTime t) {
        return t == null ? "" : TIME.format(t);
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Ask for a scorecard, gradient-boosted or thin-file model to become champion; another manager approves it ('model approve'). "
                    + "The first champion of a seat that never had one takes effect at once.")
    static final class Promote implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "ID", description = "The model to promote.")
        long id;
        @Option(names = "--reason", required = true, description = "Why it should be champion (kept with the request and in the audit trail).")
        String reason;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PromotionRequest r = services.modelGovernance().requestPromotion(session, id, reason);
                if (r.kind() == PromotionKind.FIRST) {
                    out.printf("Model %d is now the champion: the first of its seat, nothing to replace.%n", id);
                } else {
                    out.printf("Promotion of model %d requested (request %d): another manager approves it with 'model approve %d'.%n", id, r.id(), r.id());
                }
                out.println(line(r));
            });
        }
    }

    @Command(name = "requests", mixinStandardHelpOptions = true, description = "List promotion and rollback requests, newest first, with who asked, why and who decided.")
    static final class Requests implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;
        @Option(names = "--waiting", description = "Only the requests that wait for a decision.")
        boolean waiting;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                var all = services.modelGovernance().requests(session).stream().filter(r -> !waiting || r.status() == PromotionStatus.REQUESTED).toList();
                out.println(all.isEmpty() ? (waiting ? "No request waits for a decision." : "No promotion requests yet.") : "Promotion requests (newest first):");
                all.forEach(r -> out.println(line(r)));
            });
        }
    }

    /** A decision on one request. */
    private abstract static class Step implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "REQUEST", description = "The request (see 'model requests').")
        long request;

        abstract PromotionRequest apply(ModelGovernanceService governance, Session session);

        abstract String done(PromotionRequest r);

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PromotionRequest r = apply(services.modelGovernance(), session);
                out.println(done(r));
                out.println(line(r));
            });
        }
    }

    @Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve a request another manager made (never your own): its model becomes champion.")
    static final class Approve extends Step {
        @Override
        PromotionRequest apply(ModelGovernanceService governance, Session session) {
            return governance.approve(session, request);
        }

        @Override
        String done(PromotionRequest r) {
            return "Request " + r.id() + " approved: model " + r.modelId() + " is now the champion" + (r.championId() == null ? "" : "; model " + r.championId()
                    + " is retired") + ".";
        }
    }

    @Command(name = "decline", mixinStandardHelpOptions = true, description = "Decline a request another manager made, saying why; the champion stays.")
    static final class Decline extends Step {
        @Option(names = "--reason", required = true, description = "Why it is declined (kept with the request and in the audit trail).")
        String reason;

        @Override
        PromotionRequest apply(ModelGovernanceService governance, Session session) {
            return governance.decline(session, request, reason);
        }

        @Override
        String done(PromotionRequest r) {
            return "Request " + r.id() + " declined: the champion stays.";
        }
    }

    @Command(name = "withdraw", mixinStandardHelpOptions = true, description = "Withdraw your own waiting request.")
    static final class Withdraw extends Step {
        @Override
        PromotionRequest apply(ModelGovernanceService governance, Session session) {
            return governance.withdraw(session, request);
        }

        @Override
        String done(PromotionRequest r) {
            return "Request " + r.id() + " withdrawn.";
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = "Ask for a seat to go back to the champion the current one replaced; another manager approves it ('model approve').")
    static final class Rollback implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--thin-file", description = "Roll back the thin-file seat (default: the seat for accounts with a file).")
        boolean thinFile;
        @Option(names = "--reason", required = true, description = "Why (kept with the request and in the audit trail).")
        String reason;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                PromotionRequest r = services.modelGovernance().requestRollback(session, thinFile ? ModelSeat.THIN_FILE : ModelSeat.FILE, reason);
                out.printf("Rollback to model %d requested (request %d): another manager approves it with 'model approve %d'.%n", r.modelId(), r.id(), r.id());
                out.println(line(r));
            });
        }
    }
}
