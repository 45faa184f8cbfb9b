package dev.riskdesk.app.cli;

import dev.riskdesk.security.audit.AuditChainState;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code riskdesk audit verify}: checks the audit trail's hash chain. */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "The tamper-evident audit trail.",
        subcommands = {AuditCommand.Verify.class})
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "Give a subcommand: verify.");
    }

    /**
     * Walks the whole chain (reads only; no login). Exit 0 with "N events, chain intact" and the head's hash,
     * which an administrator writes down or exports: a later verify that does not reach that hash means the
     * log was rewritten. Exit 1 with the first broken event.
     */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check that no audit event was changed, removed or inserted; prints the chain's head hash.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            int[] exit = {0};
            RiskDeskCli.withServices(spec, (services, out) -> {
                AuditChainState state = services.auditChain().verify(ModelCommand.progress(spec.commandLine().getErr()));
                if (state.intact()) {
                    out.printf("%d events, chain intact%n", state.events());
                    if (state.erased() > 0) {
                        out.printf("%d of them with personal data erased (their reason and details verified by the digests kept)%n", state.erased());
                    }
                    out.printf("Head: event %d, hash %s%n", state.last().seq(), state.last().hash());
                } else {
                    spec.commandLine().getErr().println("riskdesk: " + brokenSentence(state));
                    exit[0] = RiskDeskCli.EXIT_FAILURE;
                }
            });
            return exit[0];
        }
    }

    /** The first break as one sentence. */
    static String brokenSentence(AuditChainState state) {
        AuditChainState.Break b = state.broken();
        String intactBefore = " (" + events(state.events()) + " before it intact)";
        return switch (b.problem()) {
            case CHANGED -> "Audit chain broken at event " + b.eventId() + ": changed, its content no longer matches its hash" + intactBefore + ".";
            case MISSING_BEFORE -> "Audit chain broken at event " + b.eventId() + ": " + b.missing() + " event(s) missing before it" + intactBefore + ".";
            case INSERTED -> "Audit chain broken at event " + b.eventId() + ": inserted, not written by the audit log" + intactBefore + ".";
            case MISSING_AFTER -> b.eventId() == null
                    ? "Audit chain broken: all " + b.missing() + " events are missing."
                    : "Audit chain broken after event " + b.eventId() + ": " + b.missing() + " event(s) missing after it, the last ones"
                            + " (" + events(state.events()) + " intact).";
            case ERASED_UNRECORDED -> "Audit chain broken at event " + b.eventId() + ": its reason or details were replaced but no erasure of personal"
                    + " data records it" + intactBefore + ".";
            case NOT_HEAD -> "Audit chain broken at event " + b.eventId() + ": its hash is not the chain's head, the events up to it were rewritten"
                    + intactBefore + ".";
        };
    }

    private static String events(long n) {
        return n == 1 ? "1 event" : n + " events";
    }
}
