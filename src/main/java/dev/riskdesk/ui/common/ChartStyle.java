package dev.riskdesk.ui.common;

import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The console's chart look on both themes: background, grid, fonts, legend; shared by every screen's charts. */
public final class ChartStyle {
    private ChartStyle() {
    }

    public static Color foreground(boolean dark) {
        return dark ? new Color(0xc9, 0xd1, 0xd9) : new Color(0x24, 0x29, 0x2f);
    }

    public static void apply(AxesChartStyler s, boolean dark, Locale locale) {
        Color bg = dark ? new Color(0x0d, 0x11, 0x17) : Color.WHITE;
        Color fg = foreground(dark);
        Color grid = dark ? new Color(0x30, 0x36, 0x3d) : new Color(0xd0, 0xd7, 0xde);
        s.setChartBackgroundColor(bg);
        s.setPlotBackgroundColor(bg);
        s.setPlotBorderVisible(false);
        s.setPlotGridLinesColor(grid);
        s.setChartFontColor(fg);
        s.setAxisTickLabelsColor(fg);
        s.setAxisTickMarksColor(grid);
        s.setLegendBackgroundColor(bg);
        s.setLegendBorderColor(grid);
        s.setLegendPosition(Styler.LegendPosition.InsideNW);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        Font font = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        s.setChartTitleFont(font.deriveFont(Font.BOLD, 14f));
        s.setAxisTitleFont(font);
        s.setAxisTickLabelsFont(font.deriveFont(11f));
        s.setLegendFont(font);
        s.setChartTitleBoxVisible(false);
        s.setLocale(locale);
    }
}
