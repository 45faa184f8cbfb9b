package dev.riskdesk.dashboard;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** The dashboard's exports: a chart as PNG, its data as CSV, the whole dashboard as a PDF report. */
public final class DashboardExports {
    /** Charts per PDF page after the cover page. */
    public static final int CHARTS_PER_PAGE = 2;

    private DashboardExports() {
    }

    /** A chart as PNG, drawn by XChart at the chart's own size. */
    public static void png(Chart<?, ?> chart, OutputStream out) {
        try {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A chart's table as CSV with the given header texts. Text cells that a spreadsheet would run
     * as a formula (starting with =, +, -, @, tab or carriage return) get a leading apostrophe;
     * numbers are written as numbers.
     */
    public static void csv(ChartTable table, List<String> headers, Writer out) {
        try {
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT);
            csv.printRecord(headers.stream().map(DashboardExports::safe).toList());
            for (List<Object> row : table.rows()) {
                csv.printRecord(row.stream().map(DashboardExports::cell).toList());
            }
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal d) {
            return d.toPlainString();
        }
        if (value instanceof Number) {
            return value;
        }
        return safe(String.valueOf(value));
    }

    /** Neutralises spreadsheet formula injection (OWASP CSV injection). */
    public static String safe(String text) {
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            return "'" + text;
        }
        return text;
    }

    /**
     * What goes into the PDF report. Texts must be Latin-1 (the report uses the standard Helvetica font).
     *
     * @param stress the stress results shown on the screen, or null when none was run or re-opened
     */
    public record Report(String title, List<String> lines, List<String[]> keyFigures, List<ReportChart> charts, StressSection stress) {
    }

    /**
     * The stress-test page: its chart, then the figures, one row per metric and one column per
     * scenario ({@code header} starts with the metric column's title).
     */
    public record StressSection(String title, List<String> lines, BufferedImage chart, List<String> header, List<List<String>> rows) {
    }

    /** Scenario columns that fit across one A4 page beside the metric names. */
    public static final int STRESS_COLUMNS = 5;

    public record ReportChart(String title, BufferedImage image) {
    }

    /** Number of pages {@link #pdf} writes: a cover page, then {@link #CHARTS_PER_PAGE} charts per page, then the stress page if any. */
    public static int pages(int charts, boolean stress) {
        return 1 + (charts + CHARTS_PER_PAGE - 1) / CHARTS_PER_PAGE + (stress ? 1 : 0);
    }

    public static void pdf(Report report, OutputStream out) {
        try (PDDocument doc = new PDDocument()) {
            PDType1Font bold = new PDType1Font(Standard14Fonts.FontName.HELVETICA_BOLD);
            PDType1Font plain = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
            PDRectangle a4 = PDRectangle.A4;
            float margin = 48;
            PDPage cover = new PDPage(a4);
            doc.addPage(cover);
            try (PDPageContentStream s = new PDPageContentStream(doc, cover)) {
                float y = a4.getHeight() - margin;
                y = text(s, bold, 20, margin, y, report.title());
                y -= 8;
                for (String line : report.lines()) {
                    y = text(s, plain, 11, margin, y, line);
                }
                y -= 16;
                y = text(s, bold, 13, margin, y, "Key figures");
                for (String[] kv : report.keyFigures()) {
                    text(s, plain, 11, margin, y, kv[0]);
                    y = text(s, bold, 11, margin + 220, y, kv[1]);
                }
            }
            float slot = (a4.getHeight() - 2 * margin) / CHARTS_PER_PAGE;
            for (int i = 0; i < report.charts().size(); i += CHARTS_PER_PAGE) {
                PDPage page = new PDPage(a4);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    for (int j = 0; j < CHARTS_PER_PAGE && i + j < report.charts().size(); j++) {
                        ReportChart chart = report.charts().get(i + j);
                        float top = a4.getHeight() - margin - j * slot;
                        text(s, bold, 12, margin, top, chart.title());
                        PDImageXObject image = LosslessFactory.createFromImage(doc, chart.image());
                        float maxW = a4.getWidth() - 2 * margin;
                        float maxH = slot - 30;
                        float scale = Math.min(maxW / image.getWidth(), maxH / image.getHeight());
                        float w = image.getWidth() * scale;
                        float h = image.getHeight() * scale;
                        s.drawImage(image, margin, top - 20 - h, w, h);
                    }
                }
            }
            if (report.stress() != null) {
                stressPage(doc, report.stress(), bold, plain, margin);
            }
            doc.save(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stressPage(PDDocument doc, StressSection stress, PDType1Font bold, PDType1Font plain, float margin) throws IOException {
        PDRectangle a4 = PDRectangle.A4;
        PDPage page = new PDPage(a4);
        doc.addPage(page);
        try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
            float y = a4.getHeight() - margin;
            y = text(s, bold, 14, margin, y, stress.title());
            for (String line : stress.lines()) {
                y = text(s, plain, 10, margin, y, line);
            }
            PDImageXObject image = LosslessFactory.createFromImage(doc, stress.chart());
            float maxW = a4.getWidth() - 2 * margin;
            float scale = Math.min(maxW / image.getWidth(), 300f / image.getHeight());
            float h = image.getHeight() * scale;
            s.drawImage(image, margin, y - 6 - h, image.getWidth() * scale, h);
            y -= h + 20;
            int columns = Math.min(stress.header().size(), 1 + STRESS_COLUMNS);
            float first = 180;
            float width = (maxW - first) / Math.max(1, columns - 1);
            for (int c = 0; c < columns; c++) {
                text(s, bold, 9, c == 0 ? margin : margin + first + (c - 1) * width, y, stress.header().get(c));
            }
            y -= 15;
            for (List<String> row : stress.rows()) {
                for (int c = 0; c < Math.min(columns, row.size()); c++) {
                    text(s, plain, 9, c == 0 ? margin : margin + first + (c - 1) * width, y, row.get(c));
                }
                y -= 13.5f;
            }
            if (stress.header().size() > columns) {
                text(s, plain, 9, margin, y - 6, "Only the first " + STRESS_COLUMNS + " scenarios fit on this page; the CSV export has all of them.");
            }
        }
    }

    private static float text(PDPageContentStream s, PDType1Font font, float size, float x, float y, String text) throws IOException {
        s.beginText();
        s.setFont(font, size);
        s.newLineAtOffset(x, y - size);
        s.showText(latin1(text));
        s.endText();
        return y - size * 1.5f;
    }

    /** Helvetica covers Latin-1 only: anything else becomes '?' rather than failing the report. */
    private static String latin1(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            b.append(c == '–' || c == '—' ? '-' : c == '≥' ? '>' : c < 256 && c >= 32 ? c : '?');
        }
        return b.toString();
    }
}
