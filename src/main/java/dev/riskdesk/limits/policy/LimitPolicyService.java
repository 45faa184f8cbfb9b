package dev.riskdesk.limits.policy;

import dev.riskdesk.common.DataFolder;
import static dev.riskdesk.db.schema.Tables.LIMIT_POLICY;

import dev.riskdesk.common.Json;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.LimitPolicyRecord;
import dev.riskdesk.security.AuditLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;

/** Versioned limit policies (LIMIT_POLICY); defaults from data/limit-policy.json on first use. */
public final class LimitPolicyService {
    private final Database database;
    private final AuditLog audit;
    private final VersionedStore<LimitPolicyRecord> versions;

    public LimitPolicyService(Database database, AuditLog audit, Clock clock) {
        this.database = database;
        this.audit = audit;
        this.versions = new VersionedStore<>(new VersionedStore.Columns<>(LIMIT_POLICY.ID, LIMIT_POLICY.VERSION_NO, LIMIT_POLICY.STATUS,
                LIMIT_POLICY.CREATED_BY, LIMIT_POLICY.CREATED_AT, LIMIT_POLICY.ACTIVATED_AT), clock);
    }

    /** A stored policy version: its id, number and parameters. */
    public record Version(long id, int versionNo, LimitPolicy policy) {
    }

    public static LimitPolicy parse(String json, String source) {
        try {
            LimitPolicy policy = Json.MAPPER.readValue(json, LimitPolicy.class);
            if (policy.authority() == null || policy.incomeMonthly() == null || policy.subScoreWeights() == null
                    || policy.roundTo() == null || policy.hiddenCapMonths() == null) {
                throw new UserFacingException("The limit policy " + source + " lacks authority, incomeMonthly, subScoreWeights, hiddenCapMonths or roundTo.");
            }
            return policy;
        } catch (IOException e) {
            throw new UserFacingException("The limit policy " + source + " is not valid: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    public static LimitPolicy parse(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the limit policy " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The active version. Defaults come from data/limit-policy.json, read at run time: when the active version was loaded
     * from that file (no operator stored it) and the file has changed since, the file is stored as the next version, so
     * new default parameters take effect without an operator; a version an operator activated is never replaced.
     */
    public Version active() {
        Path file = DataFolder.file("limit-policy.json");
        LimitPolicyRecord found = versions.active(database.dsl());
        if (found != null && !defaultsChanged(found, file)) {
            return version(found);
        }
        String json = readFile(file);
        parse(json, file.toString());
        try {
            return storeDefaults(file, json);
        } catch (DataAccessException e) {
            LimitPolicyRecord winner = VersionedStore.storedByAnotherMeanwhile(e) ? versions.active(database.dsl()) : null;
            if (winner == null) {
                throw e;
            }
            return version(winner); // a run starting at the same moment stored the defaults: use its row
        }
    }

    /** Stores the defaults file as the next version unless a version an operator made, or the same file, is active by now. */
    private Version storeDefaults(Path file, String json) {
        return database.transactionResult(tx -> {
            LimitPolicyRecord again = versions.active(tx);
            if (again != null && (again.getCreatedBy() != null || again.getParameters().equals(json))) {
                return version(again);
            }
            Version v = store(tx, json);
            if (again != null) {
                audit.record(tx, null, "POLICY_ACTIVATED", "LIMIT_POLICY", v.id(), "defaults file changed", "version " + v.versionNo() + " from " + file);
            }
            return v;
        });
    }

    /** The active policy, or the defaults unsaved (id 0): for read-only callers such as the simulation. */
    public Version activeOrDefaults() {
        Path file = DataFolder.file("limit-policy.json");
        LimitPolicyRecord found = versions.active(database.dsl());
        return found != null && !defaultsChanged(found, file) ? version(found) : new Version(0, 0, parse(file));
    }

    /** True when {@code r} was loaded from the defaults file (no operator) and the file now reads differently. */
    private static boolean defaultsChanged(LimitPolicyRecord r, Path file) {
        return r.getCreatedBy() == null && Files.exists(file) && !r.getParameters().equals(readFile(file));
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UserFacingException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private Version store(DSLContext tx, String json) {
        VersionedStore.Stored stored = versions.storeNext(tx, null, LIMIT_POLICY.PARAMETERS, json);
        return new Version(stored.id(), stored.versionNo(), parse(json, "version " + stored.versionNo()));
    }

    private static Version version(LimitPolicyRecord r) {
        return new Version(r.getId(), r.getVersionNo(), parse(r.getParameters(), "version " + r.getVersionNo()));
    }
}
