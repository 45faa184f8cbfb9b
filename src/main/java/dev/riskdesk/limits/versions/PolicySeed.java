package dev.riskdesk.limits.versions;

import dev.riskdesk.common.DataFolder;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.limits.VersionStatus;
import dev.riskdesk.limits.policy.LimitPolicyService;
import dev.riskdesk.limits.rules.RuleSetService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.Session;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores version 1 of the limit policy and of the rule set in a database that has none, from the installation's
 * data/limit-policy.json and data/rules.json, ACTIVE, audited as seeded by the database set-up. It runs once, when the
 * database is opened for the first time after its migrations ({@link PolicySeedCallback}); after that the files
 * change nothing, and versions change only through {@link PolicyVersionService}.
 */
public final class PolicySeed {
    private static final Logger LOG = LoggerFactory.getLogger(PolicySeed.class);
    /** The actor of the seed's audit events: the set-up that made the database, no operator (none exists yet). */
    static final Session INITIALISER = Session.databaseSetUp();

    private PolicySeed() {
    }

    /** Seeds each kind that has no version at all; returns how many kinds were seeded. */
    public static int seedIfEmpty(DSLContext tx, Clock clock) {
        int seeded = 0;
        AuditLog audit = new AuditLog(clock);
        for (PolicyKind kind : PolicyKind.values()) {
            Path file;
            try {
                file = DataFolder.file(kind.seedFile());
            } catch (UserFacingException e) {
                LOG.warn("No {} seeded: {}", kind, e.getMessage()); // a draft from a file can still be made and activated
                continue;
            }
            if (seed(tx, clock, audit, kind, file)) {
                seeded++;
            }
        }
        return seeded;
    }

    static boolean seed(DSLContext tx, Clock clock, AuditLog audit, PolicyKind kind, Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        String source = "data/" + kind.seedFile();
        // a database that has versions is left alone, before the file is parsed: every start passes here (console start time)
        if (!(kind == PolicyKind.LIMIT_POLICY ? LimitPolicyService.store(clock) : RuleSetService.store(clock)).empty(tx)) {
            return false;
        }
        PolicyDocument document = PolicyDocument.parse(kind, json, source);
        long id;
        int versionNo;
        if (kind == PolicyKind.LIMIT_POLICY) {
            var store = LimitPolicyService.store(clock);
            var stored = store.insert(tx, VersionStatus.ACTIVE, null, dev.riskdesk.db.schema.Tables.LIMIT_POLICY.PARAMETERS, json, null, "Seeded from " + source);
            id = stored.id();
            versionNo = stored.versionNo();
        } else {
            var store = RuleSetService.store(clock);
            var stored = store.insert(tx, VersionStatus.ACTIVE, null, dev.riskdesk.db.schema.Tables.RULE_SET.SOURCE, source, null, "Seeded from " + source);
            RuleSetService.writeRules(tx, stored.id(), document.rules().rules());
            id = stored.id();
            versionNo = stored.versionNo();
        }
        audit.record(tx, INITIALISER, kind.auditAction("SEEDED"), kind.entityType(), id, null, "version " + versionNo + " from " + source);
        return true;
    }
}
