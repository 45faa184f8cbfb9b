package dev.riskdesk.accounts;

import static dev.riskdesk.db.schema.Tables.AUDIT_EVENT;
import static dev.riskdesk.db.schema.Tables.CUSTOMER_NOTICE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riskdesk.db.EngineResolver;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitsFixture;
import dev.riskdesk.security.TestOperators;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@Tag("db")
@ExtendWith(EngineResolver.class)
class NoticeExportDbTest {
    private static final Pattern NOTICE_ID = Pattern.compile("\"noticeId\" : (\\d+)");
    @TempDir
    Path dir;
    LimitsFixture f;

    @BeforeEach
    void open(TestDatabases.Engine engine) {
        f = new LimitsFixture(dir, engine);
    }

    @AfterEach
    void close() {
        f.close();
    }

    private void queueNotices(int accounts) {
        f.db.transaction(tx -> {
            for (int i = 0; i < accounts; i++) {
                long id = f.account("10000", "3000", "I3", 1);
                f.notices.queue(tx, new NoticeService.NoticeRequest(id, NoticeKind.LIMIT_DECREASE, List.of("MULTI_LENDING"),
                        new BigDecimal("10000"), new BigDecimal("8000"), null, null, "en"));
            }
        });
    }

    private static List<Long> exportedIds(String json) {
        List<Long> ids = new ArrayList<>();
        Matcher m = NOTICE_ID.matcher(json);
        while (m.find()) {
            ids.add(Long.parseLong(m.group(1)));
        }
        return ids;
    }

    @Test
    void twoExportsAtOnceExportEachNoticeExactlyOnceWithOneAuditEventPerRealExport() throws Exception {
        for (int round = 0; round < 3; round++) {
            queueNotices(300);
            int pending = f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.STATUS.eq(NoticeStatus.PENDING));
            int auditsBefore = f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("NOTICES_EXPORTED"));
            CyclicBarrier together = new CyclicBarrier(2);
            ExecutorService threads = Executors.newFixedThreadPool(2);
            List<Future<String>> exports = new ArrayList<>();
            List<Integer> counts = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    exports.add(threads.submit(() -> {
                        together.await();
                        StringWriter out = new StringWriter();
                        int n = f.notices.exportPending(TestOperators.batch(f.db), NoticeService.Format.JSON, out);
                        synchronized (counts) {
                            counts.add(n);
                        }
                        return out.toString();
                    }));
                }
                List<Long> all = new ArrayList<>();
                for (Future<String> e : exports) {
                    all.addAll(exportedIds(e.get()));
                }
                Set<Long> distinct = new HashSet<>(all);
                assertEquals(all.size(), distinct.size(), "no notice exported twice");
                assertEquals(pending, all.size(), "every pending notice exported");
                assertEquals(pending, counts.stream().mapToInt(Integer::intValue).sum());
                assertEquals(0, f.db.dsl().fetchCount(CUSTOMER_NOTICE, CUSTOMER_NOTICE.STATUS.eq(NoticeStatus.PENDING)));
                long realExports = counts.stream().filter(n -> n > 0).count();
                assertEquals(auditsBefore + realExports, f.db.dsl().fetchCount(AUDIT_EVENT, AUDIT_EVENT.ACTION.eq("NOTICES_EXPORTED")));
            } finally {
                threads.shutdownNow();
            }
        }
    }
}
