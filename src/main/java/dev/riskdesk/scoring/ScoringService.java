package dev.riskdesk.scoring;

import dev.riskdesk.security.Requires;
import static dev.riskdesk.db.schema.Tables.ACCOUNT;
import static dev.riskdesk.db.schema.Tables.SCORE;

import dev.riskdesk.common.UserFacingException;
import dev.riskdesk.db.Database;
import dev.riskdesk.scoring.features.AccountHistory;
import dev.riskdesk.scoring.features.FeatureCalculator;
import dev.riskdesk.scoring.features.FeatureScanner;
import dev.riskdesk.scoring.features.FeatureVector;
import dev.riskdesk.scoring.model.ExplainedModel;
import dev.riskdesk.scoring.model.Explanation;
import dev.riskdesk.scoring.model.ModelKind;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.scoring.model.ScoreBand;
import dev.riskdesk.scoring.model.ScoreResult;
import dev.riskdesk.scoring.model.StoredModel;
import dev.riskdesk.scoring.model.SubScores;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Scores one account on demand, with its explanation and its stored score history, using the
 * champion (thin files with the thin-file champion) at the latest month in
 * ACCOUNT_MONTH. Nothing is written; the whole book is scored by {@link ScoreRunService}.
 */
public final class ScoringService {
    private final Database database;
    private final ModelRepository models;
    private final Supplier<ProtectedAttributes> protectedAttributes;

    /** A scorer that leaves the default protected attributes out of the reasons. */
    public ScoringService(Database database, ModelRepository models) {
        this(database, models, () -> ProtectedAttributes.DEFAULT);
    }

    /** @param protectedAttributes the active limit policy's protected attributes, read whenever an account is scored */
    public ScoringService(Database database, ModelRepository models, Supplier<ProtectedAttributes> protectedAttributes) {
        this.database = database;
        this.models = models;
        this.protectedAttributes = protectedAttributes;
    }

    /** The attributes never given as a reason, as the active policy names them now. */
    public ProtectedAttributes protectedAttributes() {
        return protectedAttributes.get();
    }

    /**
     * The models in force: {@code main} (a scorecard or a gradient-boosted model) for accounts with a file,
     * {@code thinFile} (optional: without it thin files use the main champion) for thin files.
     */
    public record Champions(StoredModel main, StoredModel thinFile) {
        /** The champions now; refuses when no model for accounts with a file has been promoted. */
        public static Champions current(ModelRepository models) {
            StoredModel main = models.mainChampion();
            if (main == null) {
                throw UserFacingException.keyed("scoring.noChampion",
                        "No scorecard has been promoted to champion yet; train one (riskdesk model train) and promote it.");
            }
            return new Champions(main, models.champion(ModelKind.THIN_FILE));
        }
    }

    private volatile CachedScorer cached;

    public Champions champions() {
        return Champions.current(models);
    }

    /**
     * The scorer of the current champions, bound once and kept while they stay champions: binding
     * reads and deserialises the models, which costs more than scoring one account.
     */
    private Scorer currentScorer() {
        List<Long> ids = models.championIds();
        ProtectedAttributes excluded = protectedAttributes.get();
        CachedScorer cached = this.cached;
        if (cached == null || !cached.championIds().equals(ids) || !cached.excluded().equals(excluded)) {
            cached = new CachedScorer(ids, excluded, new Scorer(champions(), excluded));
            this.cached = cached;
        }
        return cached.scorer();
    }

    private record CachedScorer(List<Long> championIds, ProtectedAttributes excluded, Scorer scorer) {
    }

    /** The month scores are computed at: the latest month with history. */
    public int observationMonth() {
        return observationMonth(database);
    }

    public static int observationMonth(Database database) {
        int[] range = new FeatureScanner(database).monthRange();
        if (range == null) {
            throw UserFacingException.keyed("scoring.noHistory", "There is no monthly history to score.");
        }
        return range[1];
    }

    /** A scorer with its models read once; pure, so single and batch scoring share it. */
    public static final class Scorer {
        private final Champions champions;
        private final ExplainedModel main;
        private final ExplainedModel thin;
        private final ProtectedAttributes excluded;

        /** A scorer whose reasons leave out the default protected attributes. */
        public Scorer(Champions champions) {
            this(champions, ProtectedAttributes.DEFAULT);
        }

        /** @param excluded attributes never given as a reason code */
        public Scorer(Champions champions, ProtectedAttributes excluded) {
            this.champions = champions;
            this.excluded = excluded;
            this.main = champions.main().explained();
            this.thin = champions.thinFile() == null ? null : champions.thinFile().explained();
        }

        public AccountScore score(FeatureVector v) {
            return scoreAll(List.of(v)).get(0);
        }

        /**
         * Scores many accounts, each with the model its file calls for: the same results as one by one
         * (a model may score a list at once, as the gradient-boosted one does).
         */
        public List<AccountScore> scoreAll(List<FeatureVector> vectors) {
            List<FeatureVector> byMain = new ArrayList<>();
            List<FeatureVector> byThin = new ArrayList<>();
            for (FeatureVector v : vectors) {
                (usesThin(v) ? byThin : byMain).add(v);
            }
            Iterator<ScoreResult> mainResults = main.scoreAll(byMain).iterator();
            Iterator<ScoreResult> thinResults = byThin.isEmpty() ? null : thin.scoreAll(byThin).iterator();
            List<AccountScore> out = new ArrayList<>(vectors.size());
            for (FeatureVector v : vectors) {
                boolean useThin = usesThin(v);
                StoredModel model = useThin ? champions.thinFile() : champions.main();
                ExplainedModel explained = useThin ? thin : main;
                ScoreResult r = (useThin ? thinResults : mainResults).next();
                out.add(new AccountScore(v, model.id(), explained, r, SubScores.of(r.score(), explained.scaling(), v),
                        explained.reasonCodes(r, excluded)));
            }
            return out;
        }

        private boolean usesThin(FeatureVector v) {
            return v.thinFile() && thin != null;
        }
    }

    /**
     * The id of the account {@code account} names: its number as the lists show it ({@code CP000000000008}, any case) or
     * its id; refused in words when there is none.
     */
    public long accountId(String account) {
        String text = account.strip().toUpperCase(java.util.Locale.ROOT);
        Long id = database.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ACCOUNT_NO.eq(text)).fetchOne(ACCOUNT.ID);
        if (id == null && text.matches("\\d{1,18}")) {
            id = database.dsl().select(ACCOUNT.ID).from(ACCOUNT).where(ACCOUNT.ID.eq(Long.parseLong(text))).fetchOne(ACCOUNT.ID);
        }
        if (id == null) {
            throw UserFacingException.keyed("scoring.noAccount", "There is no account " + account.strip() + ".", account.strip());
        }
        return id;
    }

    /** Scores one account now (nothing is written). Null when it has no history in the lookback. */
    @Requires(Permission.MODEL_VIEW)
    public AccountScore scoreAccount(Session session, long accountId) {
        session.require(Permission.MODEL_VIEW);
        Scorer scorer = currentScorer();
        int obs = observationMonth();
        AccountHistory h = new FeatureScanner(database).loadOne(accountId, obs - FeatureCalculator.LOOKBACK_MONTHS + 1, obs);
        if (h == null) {
            throw UserFacingException.keyed("scoring.noAccount", "There is no account " + accountId + ".", String.valueOf(accountId));
        }
        FeatureVector v = FeatureCalculator.compute(h, obs);
        return v == null ? null : scorer.score(v);
    }

    /** At most this many stored scores are read for an account's history (the newest). */
    public static final int HISTORY_LIMIT = 60;

    /** The account's score now with its explanation, and its stored scores oldest first. */
    @Requires(Permission.MODEL_VIEW)
    public ScoreBreakdown breakdown(Session session, long accountId) {
        AccountScore now = scoreAccount(session, accountId);
        Explanation explanation = now == null ? null : now.explanation();
        return new ScoreBreakdown(now, explanation, history(session, accountId));
    }

    /** The account's stored scores (SCORE table), oldest first, the newest {@link #HISTORY_LIMIT}. */
    @Requires(Permission.MODEL_VIEW)
    public List<ScoreBreakdown.HistoryPoint> history(Session session, long accountId) {
        session.require(Permission.MODEL_VIEW);
        List<ScoreBreakdown.HistoryPoint> points = new ArrayList<>(database.dsl()
                .select(SCORE.SCORED_AT, SCORE.OBSERVATION_DATE, SCORE.SCORE_, SCORE.BAND).from(SCORE)
                .where(SCORE.ACCOUNT_ID.eq(accountId)).orderBy(SCORE.SCORED_AT.desc(), SCORE.ID.desc()).limit(HISTORY_LIMIT)
                .fetch(r -> new ScoreBreakdown.HistoryPoint(r.value1(), r.value2(), r.value3(), ScoreBand.valueOf(r.value4().trim()))));
        Collections.reverse(points);
        return points;
    }
}
