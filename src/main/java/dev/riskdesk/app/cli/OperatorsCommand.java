package dev.riskdesk.app.cli;

import dev.riskdesk.security.OperatorAdminService.OperatorSummary;
import dev.riskdesk.security.Role;
import dev.riskdesk.security.SignInPolicy;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk operators list|add|disable|enable|reset-password|set-roles|passwd|sign-in-policy}: an administrator
 * manages operators (as the operator named by --user or RISKDESK_USER, who needs OPERATOR_ADMIN); every
 * operator changes their own password with {@code passwd}. New passwords come from
 * RISKDESK_NEW_PASSWORD or are typed twice at the terminal, never from the command line.
 */
@Command(name = "operators", mixinStandardHelpOptions = true,
        description = "Manage operators (needs an administrator's --user), or change your own password (passwd).",
        subcommands = {OperatorsCommand.ListOperators.class, OperatorsCommand.Add.class, OperatorsCommand.Disable.class,
                OperatorsCommand.Enable.class, OperatorsCommand.ResetPassword.class, OperatorsCommand.SetRoles.class,
                OperatorsCommand.Passwd.class, OperatorsCommand.SignIn.class})
final class OperatorsCommand implements Callable<Integer> {
    static final String NEW_PASSWORD = "RISKDESK_NEW_PASSWORD";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: choose one of " + spec.subcommands().keySet());
    }

    private static RiskDeskCli root(CommandSpec spec) {
        return (RiskDeskCli) spec.root().userObject();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List every operator: role, status, lockout and last sign-in.")
    static final class ListOperators implements Callable<Integer>, RiskDeskCli.ReadsOnly {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                out.printf("%-20s %-20s %-14s %-26s %-17s %s%n", "NAME", "DISPLAY NAME", "ROLE", "STATUS", "LOCKED UNTIL", "LAST SIGN-IN");
                for (OperatorSummary o : services.operatorAdmin().list(session)) {
                    String status = (o.active() ? "active" : "disabled") + (o.mustChangePassword() ? ", must change password" : "");
                    out.printf("%-20s %-20s %-14s %-26s %-17s %s%n", o.username(), o.displayName(), o.role(), status,
                            time(o.lockedUntil()), time(o.lastLoginAt()));
                }
            });
        }

        private static String time(LocalDateTime t) {
            return t == null ? "-" : t.withSecond(0).withNano(0).toString().replace('T', ' ');
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an operator with one role. The password comes from $" + NEW_PASSWORD + " or is asked twice "
                    + "(at least 10 characters, not containing the name, not a common password).")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "The new operator's name.")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE", description = "One of: ${COMPLETION-CANDIDATES}.")
        Role role;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "The name the console shows (default: the operator name).")
        String displayName;

        @Override
        public Integer call() throws IOException {
            char[] password = root(spec).newPassword(spec, name, NEW_PASSWORD);
            try {
                return RiskDeskCli.withSession(spec, (services, session, out) -> {
                    services.operatorAdmin().add(session, name, displayName, role, password);
                    out.printf("Added operator %s with role %s.%n", name, role);
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true,
            description = "Disable an operator: they can no longer sign in. The last active administrator cannot be disabled.")
    static final class Disable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.operatorAdmin().disable(session, name, null);
                out.printf("Disabled operator %s.%n", name);
            });
        }
    }

    @Command(name = "sign-in-policy", mixinStandardHelpOptions = true,
            description = "Show the sign-in policy (wrong passwords before a lockout, lockout and idle-lock minutes), or change "
                    + "the parts given as options; the change is audited with the old and new values.")
    static final class SignIn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--max-failures", paramLabel = "N", description = "Wrong passwords in a row that lock a name (1-100).")
        Integer maxFailures;

        @Option(names = "--lockout-minutes", paramLabel = "MINUTES", description = "How long a locked name stays locked (1-1440).")
        Integer lockoutMinutes;

        @Option(names = "--idle-lock-minutes", paramLabel = "MINUTES", description = "Minutes without input before a console locks itself (1-1440).")
        Integer idleMinutes;

        @Override
        public Integer call() throws IOException {
            checkRange("--lockout-minutes", lockoutMinutes);
            checkRange("--idle-lock-minutes", idleMinutes);
            if (maxFailures != null && (maxFailures < SignInPolicy.MIN_FAILURES || maxFailures > SignInPolicy.MAX_FAILURES)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--max-failures must be between 1 and 100, not " + maxFailures + ".");
            }
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                SignInPolicy now = services.operatorAdmin().signInPolicy(session);
                if (maxFailures != null || lockoutMinutes != null || idleMinutes != null) {
                    now = new SignInPolicy(maxFailures == null ? now.maxFailedLogins() : maxFailures,
                            lockoutMinutes == null ? now.lockout() : Duration.ofMinutes(lockoutMinutes),
                            idleMinutes == null ? now.idleLock() : Duration.ofMinutes(idleMinutes));
                    services.operatorAdmin().changeSignInPolicy(session, now);
                    out.println("Changed the sign-in policy.");
                }
                out.printf("Wrong passwords before a lockout: %d%nLockout: %d minutes%nIdle lock: %d minutes%n",
                        now.maxFailedLogins(), now.lockout().toMinutes(), now.idleLock().toMinutes());
            });
        }

        private void checkRange(String option, Integer minutes) {
            if (minutes != null && (minutes < SignInPolicy.MIN_MINUTES || minutes > SignInPolicy.MAX_MINUTES)) {
                throw new CommandLine.ParameterException(spec.commandLine(), option + " must be between 1 and 1440 minutes, not " + minutes + ".");
            }
        }
    }

    @Command(name = "enable", mixinStandardHelpOptions = true, description = "Enable a disabled operator again.")
    static final class Enable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.operatorAdmin().enable(session, name, null);
                out.printf("Enabled operator %s.%n", name);
            });
        }
    }

    @Command(name = "reset-password", mixinStandardHelpOptions = true,
            description = "Give an operator a temporary password (from $" + NEW_PASSWORD + " or asked twice) that they must change "
                    + "at their next sign-in; also lifts a lockout.")
    static final class ResetPassword implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            char[] password = root(spec).newPassword(spec, name, NEW_PASSWORD);
            try {
                return RiskDeskCli.withSession(spec, (services, session, out) -> {
                    services.operatorAdmin().resetPassword(session, name, null, password);
                    out.printf("Reset the password of %s; they must change it at their next sign-in.%n", name);
                });
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    @Command(name = "set-roles", mixinStandardHelpOptions = true,
            description = "Give an operator another role. An operator has exactly one role; the last active administrator keeps theirs.")
    static final class SetRoles implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Parameters(index = "1", paramLabel = "ROLE", description = "One of: ${COMPLETION-CANDIDATES}.")
        Role role;

        @Override
        public Integer call() throws IOException {
            return RiskDeskCli.withSession(spec, (services, session, out) -> {
                services.operatorAdmin().setRole(session, name, null, role);
                out.printf("Operator %s now has the role %s.%n", name, role);
            });
        }
    }

    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Change your own password (the operator of --user or $RISKDESK_USER): the current one from $RISKDESK_PASSWORD "
                    + "or asked, the new one from $" + NEW_PASSWORD + " or asked twice. Also after an administrator's reset.")
    static final class Passwd implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RiskDeskCli root = root(spec);
            String name = root.operatorName(spec);
            char[] current = root.password(spec, name);
            char[] chosen = null;
            try {
                chosen = root.newPassword(spec, name, NEW_PASSWORD);
                char[] next = chosen;
                return RiskDeskCli.withServices(spec, (services, out) -> {
                    services.operators().changeOwnPassword(name, current, next);
                    out.printf("Changed the password of %s.%n", name);
                });
            } finally {
                Arrays.fill(current, '\0');
                if (chosen != null) {
                    Arrays.fill(chosen, '\0');
                }
            }
        }
    }
}
