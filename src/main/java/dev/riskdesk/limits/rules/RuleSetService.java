package dev.riskdesk.limits.rules;

import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_SET;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.schema.tables.records.RuleSetRecord;
import dev.riskdesk.limits.policy.VersionedStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * Versioned monitoring rule sets: reads the active one and parses rules files. Version 1 is seeded from
 * data/rules.json when the database is made; later versions are activated through {@code PolicyVersionService}, each
 * retiring the one before, so every hit and proposal names the exact rules that produced it.
 */
public final class RuleSetService {
    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private final Database database;
    private final VersionedStore<RuleSetRecord> versions;

    public RuleSetService(Database database, Clock clock) {
        this.database = database;
        this.versions = store(clock);
    }

    /** Parses a rules file (the format of data/rules.json) without storing it. */
    public static RuleSet parse(Path file) {
        try {
            return parse(Json.MAPPER.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the rules file " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parses rules in the format of data/rules.json; {@code source} names them in errors. */
    public static RuleSet parse(JsonNode root, String source) {
        List<RuleDefinition> rules = new ArrayList<>();
        for (JsonNode r : root.path("rules")) {
            String code = r.path("code").asText();
            String severity = r.path("severity").asText();
            if (code.isBlank() || !SEVERITIES.contains(severity)) {
                throw new UserFacingException("The rules file " + source + " has a rule without code or with severity '" + severity + "'.");
            }
            RuleAction action;
            try {
                action = RuleAction.valueOf(r.path("action").asText());
            } catch (IllegalArgumentException e) {
                throw new UserFacingException("Rule " + code + " in " + source + " has an unknown action '" + r.path("action").asText() + "'.");
            }
            List<String> feeds = new ArrayList<>();
            r.path("feeds").forEach(f -> feeds.add(f.asText()));
            rules.add(new RuleDefinition(code, r.path("descriptionZh").asText(), r.path("descriptionEn").asText(), severity, action,
                    r.path("parameters"), List.copyOf(feeds), r.path("enabled").asBoolean(true)));
        }
        if (rules.isEmpty()) {
            throw new UserFacingException("The rules file " + source + " contains no rules.");
        }
        return new RuleSet(null, 0, List.copyOf(rules));
    }

    /**
     * The active rule set. Reading never writes: the first version is stored when the database is made (seeded from
     * data/rules.json, see {@code PolicySeed}) and replaced only by activating an approved version.
     */
    public RuleSet active() {
        RuleSet found = readActive(database.dsl());
        if (found == null) {
            throw UserFacingException.keyed("rules.noneActive", "No rule set is active in this database: make a draft (riskdesk policy rules draft --file F.json), "
                    + "have it approved and activate it.");
        }
        return found;
    }

    /** The active rule set: for read-only callers such as the simulation (the same as {@link #active}, kept for them). */
    public RuleSet activeOrDefaults() {
        return active();
    }

    /** The store of RULE_SET versions on {@code clock}. */
    public static VersionedStore<RuleSetRecord> store(Clock clock) {
        return new VersionedStore<>(new VersionedStore.Columns<>(RULE_SET.ID, RULE_SET.VERSION_NO, RULE_SET.STATUS,
                RULE_SET.CREATED_BY, RULE_SET.CREATED_AT, RULE_SET.ACTIVATED_AT, RULE_SET.BASED_ON, RULE_SET.NOTE,
                RULE_SET.SUBMITTED_BY, RULE_SET.SUBMITTED_AT, RULE_SET.APPROVED_BY, RULE_SET.APPROVED_AT,
                RULE_SET.ACTIVATED_BY, RULE_SET.RETIRED_AT), clock);
    }

    /** Stores {@code rules} as the RULE rows of the version {@code ruleSetId}, replacing the rows it had. */
    public static void writeRules(DSLContext tx, long ruleSetId, List<RuleDefinition> rules) {
        tx.deleteFrom(RULE).where(RULE.RULE_SET_ID.eq(ruleSetId)).execute();
        for (RuleDefinition r : rules) {
            tx.insertInto(RULE)
                    .set(RULE.RULE_SET_ID, ruleSetId)
                    .set(RULE.RULE_CODE, r.code())
                    .set(RULE.DESCRIPTION_ZH, r.descriptionZh())
                    .set(RULE.DESCRIPTION_EN, r.descriptionEn())
                    .set(RULE.SEVERITY, r.severity())
                    .set(RULE.ACTION, r.action())
                    .set(RULE.PARAMETERS, Json.write(r.parameters()))
                    .set(RULE.FEEDS, String.join(",", r.feeds()))
                    .set(RULE.ENABLED, r.enabled())
                    .execute();
        }
    }

    /** The rules of the version {@code ruleSetId}, by code. */
    public static List<RuleDefinition> readRules(DSLContext tx, long ruleSetId) {
        return List.copyOf(tx.selectFrom(RULE).where(RULE.RULE_SET_ID.eq(ruleSetId)).orderBy(RULE.RULE_CODE).fetch(r ->
                new RuleDefinition(r.getRuleCode(), r.getDescriptionZh(), r.getDescriptionEn(), r.getSeverity(),
                        r.getAction(), Json.read(r.getParameters()),
                        r.getFeeds().isBlank() ? List.of() : Arrays.asList(r.getFeeds().split(",")), r.getEnabled())));
    }

    /** {@code rules} in the format of data/rules.json ({@code {"rules": [...]}}), which {@link #parse(JsonNode, String)} reads back. */
    public static JsonNode toJson(List<RuleDefinition> rules) {
        ObjectNode root = Json.object();
        ArrayNode array = root.putArray("rules");
        for (RuleDefinition r : rules) {
            ObjectNode o = array.addObject();
            o.put("code", r.code());
            o.put("descriptionZh", r.descriptionZh());
            o.put("descriptionEn", r.descriptionEn());
            o.put("severity", r.severity());
            o.put("action", r.action().name());
            o.set("parameters", r.parameters() == null || r.parameters().isMissingNode() ? Json.object() : r.parameters().deepCopy());
            ArrayNode feeds = o.putArray("feeds");
            r.feeds().forEach(feeds::add);
            o.put("enabled", r.enabled());
        }
        return root;
    }

    private RuleSet readActive(DSLContext tx) {
        RuleSetRecord set = versions.active(tx);
        return set == null ? null : new RuleSet(set.getId(), set.getVersionNo(), readRules(tx, set.getId()));
    }
}
