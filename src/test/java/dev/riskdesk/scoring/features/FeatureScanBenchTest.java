package dev.riskdesk.scoring.features;

import dev.riskdesk.common.Progress;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.scoring.ScoringBenchmark;
import dev.riskdesk.scoring.SyntheticBook;
import dev.riskdesk.scoring.model.ModelRepository;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Manual benchmark, off by default: {@code mvn test -Dtest=FeatureScanBenchTest -Driskdesk.bench.accounts=1000000
 * -Driskdesk.bench.dir=/tmp/bench}. Fills a synthetic book of 12 months once (kept for reruns), then times the feature pass.
 */
@Tag("bench")
@Tag("db")
@EnabledIfSystemProperty(named = "riskdesk.bench.accounts", matches = "\\d+")
class FeatureScanBenchTest {
    @Test
    void timeTheFeaturePass() {
        int accounts = Integer.parseInt(System.getProperty("riskdesk.bench.accounts"));
        Path dir = Path.of(System.getProperty("riskdesk.bench.dir", System.getProperty("java.io.tmpdir") + "/riskdesk-bench"));
        try (Database db = Database.open(DatabaseLocation.ofPath(dir.resolve("bench-" + accounts)))) {
            if (db.dsl().fetchCount(dev.riskdesk.db.schema.Tables.ACCOUNT) == 0) {
                long t = System.currentTimeMillis();
                for (int from = 0; from < accounts; from += 20_000) {
                    SyntheticBook.fill(db, from + 1, Math.min(accounts, from + 20_000), 12, from);
                }
                System.out.printf("filled %,d accounts in %.1f s%n", accounts, (System.currentTimeMillis() - t) / 1000.0);
            }
            ScoringBenchmark bench = new ScoringBenchmark(db, new ModelRepository(db, Clock.systemUTC()), Integer.getInteger("riskdesk.bench.threads", 2));
            for (int run = 0; run < 2; run++) {
                ScoringBenchmark.Result r = bench.features(Progress.NONE);
                System.out.printf("features run %d: %,d accounts, %,d vectors in %.1f s (%,.0f accounts/s)%n",
                        run + 1, r.accounts(), r.vectors(), r.millis() / 1000.0, r.perSecond());
            }
        }
    }
}
