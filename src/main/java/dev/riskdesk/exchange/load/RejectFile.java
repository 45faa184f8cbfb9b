package dev.riskdesk.exchange.load;

import dev.riskdesk.common.PrivateFiles;
import dev.riskdesk.common.UserFacingException;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The reject file of a load: every problem as a CSV row {@code file,line,column,value,message}
 * (UTF-8 with BOM, so Excel shows the Chinese values). It goes where the operator said, or to a new
 * file in the working folder, and never inside the folder being loaded nor over one of its files.
 */
final class RejectFile {
    private static final String[] HEADER = {"file", "line", "column", "value", "message"};

    private RejectFile() {
    }

    /**
     * Where the rejects of a load go: {@code requested} if given (refused inside the loaded folder), else
     * {@code riskdesk-rejects-<time>.csv} in the working folder, or in the temporary folder when the
     * working folder is the loaded one.
     */
    static Path target(Path requested, Collection<Path> inputs, LocalDateTime now) {
        Path cwd = Path.of("").toAbsolutePath();
        if (requested != null) {
            Path p = requested.toAbsolutePath().normalize();
            if (inside(p, inputs)) {
                throw UserFacingException.keyed("import.rejectsInside", "The reject file " + requested
                        + " lies in the folder being loaded; choose one outside it (files being loaded are only read).", requested.toString());
            }
            return p;
        }
        Path folder = inside(cwd.resolve("x"), inputs) ? Path.of(System.getProperty("java.io.tmpdir")) : cwd;
        String stem = "riskdesk-rejects-" + now.format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path p = folder.resolve(stem + ".csv");
        for (int n = 2; Files.exists(p); n++) {
            p = folder.resolve(stem + "-" + n + ".csv");
        }
        return p;
    }

    /** True when {@code p} is one of the inputs or lies in one of their folders. */
    private static boolean inside(Path p, Collection<Path> inputs) {
        for (Path in : inputs) {
            Path file = in.toAbsolutePath().normalize();
            Path folder = file.getParent();
            if (p.equals(file) || (folder != null && p.startsWith(folder))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A cell a spreadsheet would not run as a formula: values that start with {@code = + - @}, a tab or
     * a carriage return get a leading apostrophe (the rejected values are the load's own hostile input).
     */
    static String inert(String cell) {
        if (cell == null || cell.isEmpty()) {
            return cell;
        }
        char c = cell.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + cell : cell;
    }

    /** Writes every problem to {@code target}. */
    static void write(Path target, List<LoadProblem> problems) {
        try {
            if (target.getParent() != null) {
                PrivateFiles.createFolder(target.getParent());
            }
            try (Writer w = PrivateFiles.newWriter(target)) {
                w.write('\uFEFF');
                CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(HEADER).build());
                for (LoadProblem p : problems) {
                    csv.printRecord(inert(p.file()), p.line(), inert(p.column()), inert(p.value()), p.message());
                }
                csv.flush();
            }
        } catch (IOException e) {
            throw UserFacingException.keyed("import.rejectsWrite", "Cannot write the reject file " + target + ": " + e.getMessage(), e,
                    target.toString(), String.valueOf(e.getMessage()));
        }
    }
}
