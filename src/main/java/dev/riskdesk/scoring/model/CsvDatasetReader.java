package dev.riskdesk.scoring.model;

import dev.riskdesk.common.UserFacingException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads an external labelled CSV into a {@link Dataset} for cross-validation. Tolerant of what
 * real files do (UTF-8 BOM, CRLF, comma or semicolon, quoted header, missing values written as
 * empty, NA or ?), strict about what would make results wrong: ragged rows, an unclear target,
 * an empty file are refused with the line and column named.
 */
public final class CsvDatasetReader {
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "?", "null", "nan", "none");

    /** The dataset and what the reader decided about columns, for the report. */
    public record Result(Dataset dataset, String positive, char delimiter, List<String> numeric, List<String> categorical,
                         List<String> ignored) {
    }

    public Result read(Path file, String target, String positive, List<String> drop) {
        CsvRows csv = CsvRows.read(file);
        List<String> header = csv.header();
        List<String[]> rows = csv.rows();
        List<Long> lines = csv.lines();
        char delimiter = csv.delimiter();
        if (rows.isEmpty()) {
            throw new UserFacingException("The file " + file + " has a header but no data rows.");
        }
        int targetCol = header.indexOf(target);
        if (targetCol < 0) {
            throw new UserFacingException("The file " + file + " has no column '" + target + "'; its columns are " + header + ".");
        }
        for (String d : drop) {
            if (!header.contains(d)) {
                throw new UserFacingException("--drop " + d + ": the file has no such column; its columns are " + header + ".");
            }
        }
        // the target: exactly two values, or one named positive
        LinkedHashSet<String> targetValues = new LinkedHashSet<>();
        for (int r = 0; r < rows.size(); r++) {
            String v = rows.get(r)[targetCol].trim();
            if (isMissing(v)) {
                throw new UserFacingException(file + " line " + lines.get(r) + ", column '" + target + "': the target value is missing.");
            }
            targetValues.add(v);
            if (positive == null && targetValues.size() > 2) {
                throw new UserFacingException(file + " line " + lines.get(r) + ", column '" + target + "': the target has more than two values ("
                        + String.join(", ", targetValues) + "); name the positive (bad) value with --positive.");
            }
        }
        String pos = positive != null ? positive : guessPositive(file, target, targetValues);
        if (!targetValues.contains(pos)) {
            throw new UserFacingException("Column '" + target + "' never has the value '" + pos + "'; its values include "
                    + targetValues.stream().limit(10).toList() + ".");
        }
        if (targetValues.size() < 2) {
            throw new UserFacingException("Column '" + target + "' has only the value '" + pos + "'; a model needs both outcomes.");
        }
        int[] labels = new int[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            labels[r] = rows.get(r)[targetCol].trim().equals(pos) ? 1 : 0;
        }
        List<String> numericNames = new ArrayList<>();
        List<String> categoricalNames = new ArrayList<>();
        List<double[]> numeric = new ArrayList<>();
        List<String[]> categorical = new ArrayList<>();
        List<String> ignored = new ArrayList<>(drop);
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (c == targetCol || drop.contains(name)) {
                continue;
            }
            double[] nums = new double[rows.size()];
            String[] cats = new String[rows.size()];
            boolean isNumeric = true;
            Set<String> distinct = new HashSet<>();
            int present = 0;
            for (int r = 0; r < rows.size(); r++) {
                String v = rows.get(r)[c].trim();
                if (isMissing(v)) {
                    nums[r] = Double.NaN;
                    cats[r] = null;
                    continue;
                }
                present++;
                distinct.add(v);
                cats[r] = v;
                if (isNumeric) {
                    try {
                        nums[r] = Double.parseDouble(v);
                        if (!Double.isFinite(nums[r])) {
                            isNumeric = false;
                        }
                    } catch (NumberFormatException e) {
                        isNumeric = false;
                    }
                }
            }
            boolean allDistinct = present == rows.size() && distinct.size() == rows.size();
            if (present == 0 || distinct.size() < 2 || (allDistinct && (!isNumeric || looksLikeId(name)))) {
                ignored.add(name); // empty, constant, or an identifier: nothing to learn, only to overfit
            } else if (isNumeric) {
                numericNames.add(name);
                numeric.add(nums);
            } else {
                categoricalNames.add(name);
                categorical.add(cats);
            }
        }
        if (numericNames.isEmpty() && categoricalNames.isEmpty()) {
            throw new UserFacingException("The file " + file + " has no usable predictor column besides '" + target + "'.");
        }
        Dataset data = new Dataset(numericNames, numeric.toArray(new double[0][]), categoricalNames, categorical.toArray(new String[0][]), labels);
        return new Result(data, pos, delimiter, numericNames, categoricalNames, ignored);
    }

    static boolean isMissing(String v) {
        return MISSING.contains(v.toLowerCase(Locale.ROOT));
    }

    static boolean looksLikeId(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("id") || n.endsWith("_id") || n.endsWith("id") && n.length() <= 12 || n.contains("编号") || n.equals("no");
    }

    /** Comma or semicolon, whichever occurs more often outside quotes on the header line. */
    static char sniffDelimiter(String text) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (!quoted && (ch == '\n' || ch == '\r')) {
                break;
            } else if (!quoted && ch == ',') {
                commas++;
            } else if (!quoted && ch == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }

    private static String guessPositive(Path file, String target, Set<String> values) {
        for (String candidate : List.of("1", "true", "yes", "bad", "y", "default", "是")) {
            for (String v : values) {
                if (v.equalsIgnoreCase(candidate)) {
                    return v;
                }
            }
        }
        throw new UserFacingException("Column '" + target + "' in " + file + " has the values " + values
                + "; say which one means default (bad) with --positive.");
    }
}
