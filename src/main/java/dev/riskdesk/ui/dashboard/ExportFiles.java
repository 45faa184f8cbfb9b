package dev.riskdesk.ui.dashboard;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.dashboard.ChartTable;
import dev.riskdesk.dashboard.DashboardExports;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import org.knowm.xchart.internal.chartpart.Chart;

/** Writes the dashboard's exports to files; the view models call these off the FX thread. */
final class ExportFiles {
    /** One export's writing, run by a task. */
    @FunctionalInterface
    interface Writing {
        void write(Path file) throws IOException;
    }

    private ExportFiles() {
    }

    static void csv(Path file, ChartTable table, List<String> headers) throws IOException {
        try (Writer out = PrivateFiles.newWriter(file)) {
            out.write('\uFEFF'); // so spreadsheet programs read the Chinese headers as UTF-8
            DashboardExports.csv(table, headers, out);
        }
    }

    static void png(Path file, Chart<?, ?> chart) throws IOException {
        try (OutputStream out = PrivateFiles.newOutputStream(file)) {
            DashboardExports.png(chart, out);
        }
    }

    static void pdf(Path file, DashboardExports.Report report) throws IOException {
        try (OutputStream out = PrivateFiles.newOutputStream(file)) {
            DashboardExports.pdf(report, out);
        }
    }
}
