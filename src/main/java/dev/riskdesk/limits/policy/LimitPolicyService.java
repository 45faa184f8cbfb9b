package dev.riskdesk.limits.policy;

import static dev.riskdesk.db.schema.Tables.LIMIT_POLICY;

import dev.riskdesk.common.Json;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.LimitPolicyRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/** Reads the active limit policy version (LIMIT_POLICY) and parses policies; versions change through {@code PolicyVersionService}. */
public final class LimitPolicyService {
    private final Database database;
    private final VersionedStore<LimitPolicyRecord> versions;

    public LimitPolicyService(Database database, Clock clock) {
        this.database = database;
        this.versions = store(clock);
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
     * The active version. Reading never writes: the first version is stored when the database is made (seeded from
     * data/limit-policy.json, see {@code PolicySeed}) and replaced only by activating an approved version; editing the
     * file afterwards changes nothing.
     */
    public Version active() {
        LimitPolicyRecord found = versions.active(database.dsl());
        if (found == null) {
            throw UserFacingException.keyed("policy.noneActive", "No limit policy is active in this database: make a draft (riskdesk policy draft --file F.json), "
                    + "have it approved and activate it.");
        }
        return version(found);
    }

    /** The active policy: for read-only callers such as the simulation (the same as {@link #active}, kept for them). */
    public Version activeOrDefaults() {
        return active();
    }

    /** The store of LIMIT_POLICY versions on {@code clock}. */
    public static VersionedStore<LimitPolicyRecord> store(Clock clock) {
        return new VersionedStore<>(new VersionedStore.Columns<>(LIMIT_POLICY.ID, LIMIT_POLICY.VERSION_NO, LIMIT_POLICY.STATUS,
                LIMIT_POLICY.CREATED_BY, LIMIT_POLICY.CREATED_AT, LIMIT_POLICY.ACTIVATED_AT, LIMIT_POLICY.BASED_ON, LIMIT_POLICY.NOTE,
                LIMIT_POLICY.SUBMITTED_BY, LIMIT_POLICY.SUBMITTED_AT, LIMIT_POLICY.APPROVED_BY, LIMIT_POLICY.APPROVED_AT,
                LIMIT_POLICY.ACTIVATED_BY, LIMIT_POLICY.RETIRED_AT), clock);
    }

    private static Version version(LimitPolicyRecord r) {
        return new Version(r.getId(), r.getVersionNo(), parse(r.getParameters(), "version " + r.getVersionNo()));
    }
}
