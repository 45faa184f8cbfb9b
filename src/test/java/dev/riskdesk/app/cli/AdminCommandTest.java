package dev.riskdesk.app.cli;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.OPERATOR;
import static dev.riskdesk.db.schema.Tables.ROLE_PERMISSION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.security.Permission;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code riskdesk admin init} on a real H2 file: the first administrator once, audited; refused afterwards. */
@Tag("db")
class AdminCommandTest {
    @TempDir
    Path dir;

    private String[] init(String password, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "admin";
        all[1] = "init";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRuns.run(password == null ? Map.of() : Map.of("RISKDESK_PASSWORD", password), dir.resolve("riskdesk"), all);
    }

    @Test
    void theFirstAdministratorIsCreatedOnceAuditedUnderTheirOwnName() {
        assertEquals("1", init("short", "--admin", "lin")[0], "a password under 10 characters is refused");
        String[] sameAsName = init("lin.hao.admin", "--admin", "lin.hao.admin");
        assertEquals("1", sameAsName[0]);
        assertTrue(sameAsName[2].contains("must not contain the operator name"), sameAsName[2]);
        String[] noPassword = init(null, "--admin", "lin");
        assertEquals("2", noPassword[0], "no password and no terminal to ask is a usage error");
        assertTrue(noPassword[2].contains("RISKDESK_PASSWORD"), noPassword[2]);

        String[] created = init("correct horse battery", "--admin", "lin", "--display-name", "林浩");
        assertEquals("0", created[0], created[2]);
        assertTrue(created[1].contains("Created the administrator lin"), created[1]);

        String[] again = init("another long password", "--admin", "zhou");
        assertEquals("1", again[0]);
        assertEquals("riskdesk: This database already has operators; an administrator adds more with 'riskdesk operators add'.", again[2].strip());

        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            var admin = db.dsl().selectFrom(OPERATOR).fetchSingle();
            assertEquals("lin", admin.getUsername());
            assertEquals("林浩", admin.getDisplayName());
            assertEquals("ADMIN", admin.getRoleCode());
            var event = db.dsl().selectFrom(AUDIT_EVENT).where(AUDIT_EVENT.ACTION.eq("OPERATOR_CREATED")).fetchSingle();
            assertEquals(admin.getId(), event.getOperatorId(), "audited under the new administrator, not an anonymous identity");
            assertEquals("lin", event.getOperatorName());
        }
        // the administrator signs in with the password given
        String[] signedIn = CliRuns.runAs("lin", "correct horse battery", dir.resolve("riskdesk"), "generate", "--customers", "20", "--months", "13");
        assertEquals("0", signedIn[0], signedIn[2]);
    }

    @Test
    void theBatchRoleHasOnlyTheBatchPermissions() {
        assertEquals("0", CliRuns.run(dir.resolve("riskdesk"), "info")[0]);
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("riskdesk")))) {
            Set<Permission> batch = db.dsl().select(ROLE_PERMISSION.PERMISSION).from(ROLE_PERMISSION).where(ROLE_PERMISSION.ROLE_CODE.eq("BATCH"))
                    .fetch(ROLE_PERMISSION.PERMISSION).stream().map(Permission::valueOf).collect(Collectors.toSet());
            assertEquals(Set.of(Permission.SCORE_RUN, Permission.POLICY_RUN, Permission.DATA_IMPORT, Permission.DATA_GENERATE,
                    Permission.NOTICE_EXPORT, Permission.DASHBOARD_REFRESH, Permission.LIFECYCLE_RUN, Permission.PRIVACY_RETENTION_RUN), batch,
                    "the night jobs: scoring, the policy run with its lifecycle step, imports, notices, the dashboard and the retention run");
        }
    }
}
