package dev.riskdesk.app.cli;

import dev.riskdesk.common.Progress;
import dev.riskdesk.exchange.BookKind;
import dev.riskdesk.exchange.load.BookFolder;
import dev.riskdesk.exchange.load.LoadProblem;
import dev.riskdesk.exchange.load.LoadReport;
import dev.riskdesk.exchange.load.LoadRequest;
import dev.riskdesk.limits.run.ChangedRunService;
import dev.riskdesk.limits.run.PolicyRunService;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code riskdesk import --dir DIR} (every book file the folder holds) or {@code riskdesk import KIND --file F.csv}
 * (one kind): validates, then loads, all or nothing unless {@code --accept-partial}.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Load a lender's book or a daily delta from the book's CSV files (format: import.md) into the database.",
                "With --dir every book file the folder holds is loaded; with KIND --file one file of that kind "
                        + "(KIND: customers, accounts, statements, bills, transactions, repayments, inquiries, logins, feeds).",
                "Everything is validated before anything is written; by default one problem means nothing is imported."})
final class ImportCommand implements Callable<Integer> {
    /** Problems printed; the reject file holds them all. */
    static final int SHOWN_PROBLEMS = 20;
    /** Accounts per transaction of the evaluation after a load (as {@code policy run}'s default). */
    static final int EVALUATE_CHUNK = 5000;
    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "KIND", description = "The kind of the one file given with --file.")
    String kind;

    @Option(names = "--dir", paramLabel = "DIR", description = "A folder of book files (customers.csv, accounts.csv, ...).")
    Path dir;

    @Option(names = "--file", paramLabel = "F.csv", description = "One file of the given KIND.")
    Path file;

    @Option(names = "--dry-run", description = "Validate and count only; write nothing.")
    boolean dryRun;

    @Option(names = "--accept-partial", description = "Load the valid rows and reject the others (default: one problem rejects the load).")
    boolean acceptPartial;

    @Option(names = "--encoding", paramLabel = "GB18030|UTF-8", description = "The files' encoding (default: detected per file).")
    String encoding;

    @Option(names = "--as-of", paramLabel = "yyyy-MM-dd HH:mm",
            description = "What the load covers: no time may lie after it, and the feeds move to it (default: feeds.csv, else the newest event).")
    String asOf;

    @Option(names = "--rejects", paramLabel = "FILE", description = "Where every problem goes as CSV (default: riskdesk-rejects-<time>.csv here).")
    Path rejects;

    @Option(names = "--no-evaluate", description = "Do not run the policy over the accounts the load touched afterwards (policy run --changed).")
    boolean noEvaluate;

    @Override
    public Integer call() throws IOException {
        LoadRequest request = request();
        int[] exit = {0};
        RiskDeskCli.withSession(spec, (services, session, out) -> {
            LoadReport r = services.bookImport().load(session, request, ModelCommand.progress(spec.commandLine().getErr()));
            print(out, r, request.sourceName());
            if (!r.problems().isEmpty()) {
                exit[0] = RiskDeskCli.EXIT_FAILURE;
            }
            boolean committed = r.loadId() > 0 && r.outcome() != LoadReport.Outcome.REJECTED;
            if (committed && r.accountsTouched() > 0) {
                if (noEvaluate) {
                    out.println("Re-evaluate them with: riskdesk policy run --changed");
                } else {
                    // awaiting-data proposals of the touched accounts become real proposals or are withdrawn
                    PolicyRunService.RunReport p = services.limits().changedRuns.run(session,
                            new ChangedRunService.Options(false, EVALUATE_CHUNK, null), Progress.NONE);
                    PolicyCommand.Run.print(out, p, false, " (changed accounts)");
                }
            }
        });
        return exit[0];
    }

    /** The request the options describe; a bad combination, kind, folder, file, encoding or time is a usage error (exit 2). */
    LoadRequest request() {
        if ((dir == null) == (file == null)) {
            throw usage("give either --dir DIR or KIND --file F.csv");
        }
        Map<BookKind, Path> files = new EnumMap<>(BookKind.class);
        String source;
        if (dir != null) {
            if (kind != null) {
                throw usage("KIND goes with --file, not with --dir (a folder's files are recognised by their names)");
            }
            if (!Files.isDirectory(dir)) {
                throw usage("the folder " + dir + " does not exist");
            }
            files.putAll(BookFolder.files(dir));
            if (files.isEmpty()) {
                throw usage("the folder " + dir + " holds no book file (" + Arrays.stream(BookKind.values()).map(BookKind::fileName)
                        .collect(Collectors.joining(", ")) + ")");
            }
            source = BookFolder.sourceName(dir);
        } else {
            if (kind == null) {
                throw usage("--file needs the KIND of the file before it, for example: import repayments --file F.csv");
            }
            BookKind k = BookKind.byCliName(kind).orElseThrow(() -> usage("unknown KIND " + kind + "; one of "
                    + Arrays.stream(BookKind.values()).map(BookKind::cliName).collect(Collectors.joining(", "))));
            if (!Files.isRegularFile(file)) {
                throw usage("the file " + file + " does not exist");
            }
            files.put(k, file);
            source = file.getFileName().toString();
        }
        return new LoadRequest(source, files, charset(), time(), dryRun, acceptPartial, rejects);
    }

    private Charset charset() {
        if (encoding == null) {
            return null;
        }
        return switch (encoding.toUpperCase(Locale.ROOT)) {
            case "UTF-8", "UTF8" -> StandardCharsets.UTF_8;
            case "GB18030", "GBK" -> Charset.forName("GB18030");
            default -> throw usage("--encoding must be GB18030 or UTF-8 (was " + encoding + ")");
        };
    }

    private LocalDateTime time() {
        if (asOf == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(asOf.strip().replace('T', ' '), AS_OF);
        } catch (DateTimeParseException e) {
            throw usage("--as-of must be yyyy-MM-dd HH:mm (was " + asOf + ")");
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The report as the command prints it: per file, the feeds moved, the accounts to re-evaluate, the first problems. */
    static void print(PrintWriter out, LoadReport r, String source) {
        String what = switch (r.outcome()) {
            case DRY_RUN -> "Dry run of " + source + ": nothing written";
            case REJECTED -> "Import " + r.loadId() + " of " + source + " REJECTED: nothing written";
            case PARTIAL -> "Import " + r.loadId() + " of " + source + " PARTIAL: valid rows written, the others rejected";
            case COMPLETED -> "Import " + r.loadId() + " of " + source + " completed";
        };
        out.println(what);
        r.counts().forEach((k, c) -> out.printf("  %-18s new %,10d  changed %,10d  unchanged %,10d  rejected %,8d%n", k.fileName(),
                c.added(), c.changed(), c.unchanged(), c.rejected()));
        if (!r.feedsMoved().isEmpty()) {
            out.println("Feeds moved: " + r.feedsMoved().entrySet().stream().map(e -> e.getKey() + " to " + e.getValue().format(AS_OF))
                    .collect(Collectors.joining(", ")));
        }
        if (r.outcome() != LoadReport.Outcome.REJECTED) {
            out.printf("Accounts to re-evaluate: %,d%n", r.accountsTouched());
        }
        if (!r.problems().isEmpty()) {
            out.printf("%,d problem%s%s:%n", r.problems().size(), r.problems().size() == 1 ? "" : "s",
                    r.problems().size() > SHOWN_PROBLEMS ? ", the first " + SHOWN_PROBLEMS : "");
            for (LoadProblem p : r.problems().subList(0, Math.min(SHOWN_PROBLEMS, r.problems().size()))) {
                out.printf("  %s:%d%s: %s%n", p.file(), p.line(), p.column().isEmpty() ? "" : " " + p.column(), p.message());
            }
            out.println("All problems: " + r.rejectFile());
        }
    }
}
