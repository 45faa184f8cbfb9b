package dev.riskdesk.limits.rules;

import dev.riskdesk.common.DataFolder;
import static dev.riskdesk.db.schema.Tables.RULE;
import static dev.riskdesk.db.schema.Tables.RULE_SET;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.jooq.exception.DataAccessException;

/**
 * Versioned monitoring rule sets. The first call loads data/rules.json as version 1; a later
 * version retires the active one, so every hit and proposal names the exact rules that produced it.
 */
public final class RuleSetService {
    private static final Set<String> SEVERITIES = Set.of("LOW", "MEDIUM", "HIGH", "CRITICAL");
    private final Database database;
    private final VersionedStore<RuleSetRecord> versions;

    public RuleSetService(Database database, Clock clock) {
        this.database = database;
        this.versions = new VersionedStore<>(new VersionedStore.Columns<>(RULE_SET.ID, RULE_SET.VERSION_NO, RULE_SET.STATUS,
                RULE_SET.CREATED_BY, RULE_SET.CREATED_AT, RULE_SET.ACTIVATED_AT), clock);
    }

    /** Parses a rules file (the format of data/rules.json) without storing it. */
    public static RuleSet parse(Path file) {
        try {
            return parse(Json.MAPPER.readTree(Files.readString(file)), file.toString());
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the rules file " + file + ": " + e.getMessage(), e);
        }
    }

    static RuleSet parse(JsonNode root, String source) {
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

    /** The active rule set; loads the defaults from data/rules.json the first time. */
    public RuleSet active() {
        RuleSet found = database.transactionResult(this::readActive);
        if (found != null) {
            return found;
        }
        RuleSet defaults = parse(DataFolder.file("rules.json"));
        try {
            return database.transactionResult(tx -> {
                RuleSet again = readActive(tx); // another process may have loaded them meanwhile
                return again != null ? again : store(tx, defaults, "data/rules.json");
            });
        } catch (DataAccessException e) {
            RuleSet winner = VersionedStore.storedByAnotherMeanwhile(e) ? database.transactionResult(this::readActive) : null;
            if (winner == null) {
                throw e;
            }
            return winner; // a run starting at the same moment stored the defaults: use its rule set
        }
    }

    /** The active rule set, or the defaults unsaved (id null): for read-only callers such as the simulation. */
    public RuleSet activeOrDefaults() {
        RuleSet found = readActive(database.dsl());
        return found != null ? found : parse(DataFolder.file("rules.json"));
    }

    private RuleSet store(DSLContext tx, RuleSet candidate, String source) {
        VersionedStore.Stored stored = versions.storeNext(tx, null, RULE_SET.SOURCE, source);
        long id = stored.id();
        for (RuleDefinition r : candidate.rules()) {
            tx.insertInto(RULE)
                    .set(RULE.RULE_SET_ID, id)
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
        return new RuleSet(id, stored.versionNo(), candidate.rules());
    }

    private RuleSet readActive(DSLContext tx) {
        RuleSetRecord set = versions.active(tx);
        if (set == null) {
            return null;
        }
        List<RuleDefinition> rules = tx.selectFrom(RULE).where(RULE.RULE_SET_ID.eq(set.getId())).orderBy(RULE.RULE_CODE).fetch(r ->
                new RuleDefinition(r.getRuleCode(), r.getDescriptionZh(), r.getDescriptionEn(), r.getSeverity(),
                        r.getAction(), Json.read(r.getParameters()),
                        r.getFeeds().isBlank() ? List.of() : Arrays.asList(r.getFeeds().split(",")), r.getEnabled()));
        return new RuleSet(set.getId(), set.getVersionNo(), List.copyOf(rules));
    }
}
