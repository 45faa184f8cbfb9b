package dev.riskdesk.macro;

import dev.riskdesk.common.DataFolder;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The monthly macro series: for each month, region (city tier 1..5) and segment (income band I1..I5) the factor the limit
 * policy scales target limits by (1 = neutral, below 1 = a downturn). Shipped as data/macro-series.csv (macro-series.md in
 * the site docs describes its columns, units and source), loaded into MACRO_SERIES when a book is generated.
 */
public record MacroSeries(String source, List<Point> points) {
    public static final String FILE = "macro-series.csv";
    static final List<String> COLUMNS = List.of("month", "city_tier", "income_band", "factor");
    static final List<String> BANDS = List.of("I1", "I2", "I3", "I4", "I5");

    /** One month's factor for one region and segment. */
    public record Point(YearMonth month, int cityTier, String incomeBand, BigDecimal factor) {
    }

    /** The series shipped in the data folder. */
    public static MacroSeries load() {
        return load(DataFolder.file(FILE));
    }

    /** Reads and checks a series file; a bad value is refused naming the file, line and field, and nothing is returned. */
    public static MacroSeries load(Path file) {
        List<Point> points = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true).build().parse(in);
            if (!parser.getHeaderNames().equals(COLUMNS)) {
                throw new UserFacingException(file.getFileName() + " line 1: the columns must be " + String.join(",", COLUMNS)
                        + ", not " + String.join(",", parser.getHeaderNames()) + ".");
            }
            for (CSVRecord r : parser) {
                Point p = point(file, r);
                if (!seen.add(p.month() + "/" + p.cityTier() + "/" + p.incomeBand())) {
                    throw bad(file, r, "month", "a second row for " + p.month() + ", tier " + p.cityTier() + ", " + p.incomeBand());
                }
                points.add(p);
            }
        } catch (IOException e) {
            throw new UserFacingException("Cannot read the macro series " + file.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        if (points.isEmpty()) {
            throw new UserFacingException(file.getFileName() + " holds no month of the macro series.");
        }
        return new MacroSeries(file.getFileName().toString(), List.copyOf(points));
    }

    private static Point point(Path file, CSVRecord r) {
        if (r.size() != COLUMNS.size()) {
            throw bad(file, r, "row", "expected " + COLUMNS.size() + " fields, found " + r.size());
        }
        YearMonth month;
        try {
            month = YearMonth.parse(r.get("month"));
        } catch (DateTimeParseException e) {
            throw bad(file, r, "month", "'" + r.get("month") + "' is not a month (yyyy-MM)");
        }
        int tier;
        try {
            tier = Integer.parseInt(r.get("city_tier"));
        } catch (NumberFormatException e) {
            tier = 0;
        }
        if (tier < 1 || tier > 5) {
            throw bad(file, r, "city_tier", "'" + r.get("city_tier") + "' is not a city tier 1 to 5");
        }
        String band = r.get("income_band");
        if (!BANDS.contains(band)) {
            throw bad(file, r, "income_band", "'" + band + "' is not an income band I1 to I5");
        }
        BigDecimal factor;
        try {
            factor = new BigDecimal(r.get("factor"));
        } catch (NumberFormatException e) {
            factor = null;
        }
        if (factor == null || factor.signum() <= 0 || factor.compareTo(BigDecimal.valueOf(2)) > 0 || factor.scale() > 4) {
            throw bad(file, r, "factor", "'" + r.get("factor") + "' is not a factor above 0 and at most 2 with at most 4 decimals");
        }
        return new Point(month, tier, band, factor);
    }

    private static UserFacingException bad(Path file, CSVRecord r, String field, String problem) {
        return new UserFacingException(file.getFileName() + " line " + (r.getRecordNumber() + 1) + ", field " + field + ": " + problem + ".");
    }
}
