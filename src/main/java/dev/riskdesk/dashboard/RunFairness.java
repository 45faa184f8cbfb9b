package dev.riskdesk.dashboard;

import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.BATCH_JOB;
import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riskdesk.common.Json;
import dev.riskdesk.jobs.JobKind;
import dev.riskdesk.jobs.JobStatus;
import dev.riskdesk.limits.fairness.FairnessTable;
import dev.riskdesk.limits.fairness.FairnessTally;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.run.PortfolioReader;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.db.Database;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * The fairness table of what the engine last decided: the latest completed full policy run's decisions (each account's
 * first proposal of that run that does not wait for data), counted over the book it evaluated, by age on the run's
 * evaluation date and by gender, with the back-test cohort's later bad rate. The dashboard shows it; {@code policy simulate}
 * builds the same table for a candidate policy beside its pass.
 */
public final class RunFairness {
    private static final int CHUNK = 10_000;

    /** The table and the policy-run job it describes. */
    public record Result(long jobId, FairnessTable table) {
    }

    private RunFairness() {
    }

    /** Null when no full policy run has completed or the book has no monthly history. */
    public static Result ofLatestRun(Database database) {
        DSLContext dsl = database.dsl();
        Long jobId = null;
        LocalDateTime at = null;
        for (var job : dsl.select(BATCH_JOB.ID, BATCH_JOB.PARAMETERS).from(BATCH_JOB)
                .where(BATCH_JOB.KIND.eq(JobKind.POLICY_RUN).and(BATCH_JOB.STATUS.eq(JobStatus.COMPLETED)))
                .orderBy(BATCH_JOB.ID.desc()).limit(20).fetch()) {
            JsonNode params = Json.read(job.value2());
            if (params.path("scope").asText("ALL").equals("ALL") && params.hasNonNull("at")) {
                jobId = job.value1();
                at = LocalDateTime.parse(params.path("at").asText());
                break;
            }
        }
        int[] months = new FeatureScanner(database).monthRange();
        if (jobId == null || months == null) {
            return null;
        }
        FairnessTally tally = new FairnessTally(at, months[1]);
        long after = 0;
        while (true) {
            List<Long> ids = dsl.select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.gt(after).and(PortfolioReader.IN_BOOK))
                    .orderBy(ACCOUNT.ID).limit(CHUNK).fetch(ACCOUNT.ID);
            if (ids.isEmpty()) {
                break;
            }
            Map<Long, String> actions = new HashMap<>();
            ids.forEach(id -> actions.put(id, null));
            long from = ids.get(0);
            long to = ids.get(ids.size() - 1);
            // ordered by id: the first proposal of the run for an account is the one kept
            dsl.select(LIMIT_PROPOSAL.ACCOUNT_ID, LIMIT_PROPOSAL.PROPOSAL_TYPE).from(LIMIT_PROPOSAL)
                    .where(LIMIT_PROPOSAL.JOB_ID.eq(jobId).and(LIMIT_PROPOSAL.ACCOUNT_ID.between(from, to))
                            .and(LIMIT_PROPOSAL.STATUS.ne(ProposalStatus.AWAITING_DATA)))
                    .orderBy(LIMIT_PROPOSAL.ID).forEach(r -> {
                        if (actions.containsKey(r.value1()) && actions.get(r.value1()) == null) {
                            actions.put(r.value1(), r.value2().name());
                        }
                    });
            tally.add(dsl, actions);
            after = to;
        }
        return new Result(jobId, tally.table(dsl));
    }
}
