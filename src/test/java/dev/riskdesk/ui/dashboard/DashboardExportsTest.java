package dev.riskdesk.ui.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.Progress;
import dev.riskdesk.dashboard.DashboardBook;
import dev.riskdesk.dashboard.DashboardData;
import dev.riskdesk.dashboard.DashboardExports;
import dev.riskdesk.dashboard.DashboardFilter;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.dashboard.StressResult;
import dev.riskdesk.dashboard.StressTestService;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.TestOperators;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The exports are valid files: the PDF opens with PDFBox and has the expected pages, the PNGs decode. */
@Tag("db")
class DashboardExportsTest {
    @TempDir
    Path dir;

    @Test
    void pdfAndPngExportsOpen() throws Exception {
        try (Database db = TestDatabases.fresh(dir)) {
            Clock clock = Clock.systemDefaultZone();
            AuditLog audit = new AuditLog(clock);
            DashboardServices services = new DashboardServices(db, new ModelRepository(db, clock), new LimitServices(db, audit, clock), audit, clock);
            DashboardBook.create(db);
            services.refresh.refresh(TestOperators.manager(db), Progress.NONE);
            DashboardData data = services.query.load(TestOperators.manager(db), DashboardFilter.all());

            DashboardExports.Report report = new DashboardReport().build(data, LocalDateTime.of(2025, 4, 1, 9, 0), List.of());
            // charts with data in the three-account book: all but the four decision charts and the score distribution (no baseline)
            assertEquals(10, report.charts().size());
            ByteArrayOutputStream pdf = new ByteArrayOutputStream();
            DashboardExports.pdf(report, pdf);
            try (PDDocument doc = Loader.loadPDF(pdf.toByteArray())) {
                assertEquals(DashboardExports.pages(10, false), doc.getNumberOfPages());
                assertEquals(6, doc.getNumberOfPages());
                String cover = new PDFTextStripper() {{ setEndPage(1); }}.getText(doc);
                assertTrue(cover.contains("RiskDesk portfolio dashboard"), cover);
                assertTrue(cover.contains("Filters: months 2025-01"), cover);
                assertTrue(cover.contains("Key figures"), cover);
            }

            // with stress results on the screen, the report ends with their page: chart and figures side by side
            StressResult mild = services.stress.run(TestOperators.manager(db), services.stress.scenarios(TestOperators.manager(db)).get(1), DashboardFilter.all(),
                    Progress.NONE);
            StressResult severe = services.stress.run(TestOperators.manager(db), services.stress.scenarios(TestOperators.manager(db)).get(2), DashboardFilter.all(),
                    Progress.NONE);
            ByteArrayOutputStream withStress = new ByteArrayOutputStream();
            DashboardExports.pdf(new DashboardReport().build(data, LocalDateTime.of(2025, 4, 1, 9, 0), List.of(mild, severe)), withStress);
            try (PDDocument doc = Loader.loadPDF(withStress.toByteArray())) {
                assertEquals(DashboardExports.pages(10, true), doc.getNumberOfPages());
                assertEquals(7, doc.getNumberOfPages());
                PDFTextStripper last = new PDFTextStripper();
                last.setStartPage(7);
                String page = last.getText(doc);
                assertTrue(page.contains("Stress tests"), page);
                assertTrue(page.contains("Mild downturn") && page.contains("Severe downturn"), page);
                assertTrue(page.contains("Projected expected loss") && page.contains("CNY " + String.format(Locale.ROOT, "%,.2f", severe.expectedLoss())), page);
                assertTrue(doc.getPage(6).getResources().getXObjectNames().iterator().hasNext(), "the stress chart is on it");
            }
            ByteArrayOutputStream stressPng = new ByteArrayOutputStream();
            DashboardExports.png(DashboardCharts.build(StressTestService.table(List.of(mild, severe)), k -> k, Double.NaN, false, Locale.ENGLISH, true)
                    .chart(), stressPng);
            assertNotNull(ImageIO.read(new ByteArrayInputStream(stressPng.toByteArray())), "the stress chart's PNG decodes");

            for (String id : new String[] {"exposureByBand", "delinquency", "vintage30", "rollRate", "appeals"}) {
                ByteArrayOutputStream png = new ByteArrayOutputStream();
                DashboardExports.png(DashboardCharts.build(data.chart(id), k -> k, data.psi(), false, Locale.ENGLISH, true).chart(), png);
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
                assertNotNull(image, id + " decodes");
                assertEquals(DashboardCharts.WIDTH, image.getWidth());
            }
        }
    }
}
