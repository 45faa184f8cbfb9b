package dev.riskdesk.exchange.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.riskdesk.exchange.BookKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * 1,200 malformed books made from data/samples by {@link BookMutants} (seeded): each is validated
 * whole, as a load would be, and must be refused with located problems and without an exception.
 */
class BookFuzzTest {
    static final long SEED = 20261207L;
    static final int MUTANTS = 1_200;
    static final CityTiers CITIES = CityTiers.read(Path.of("data/cities.csv"));
    static final Set<String> FILES = Arrays.stream(BookKind.values()).map(BookKind::fileName).collect(Collectors.toSet());

    @TempDir
    Path dir;

    @Test
    void theUndamagedBaseIsAccepted() {
        BookMutants mutants = BookMutants.ofSamples(SEED);
        for (BookKind kind : BookKind.values()) {
            assertEquals(List.of(), validate(mutants.rewritten(kind).files(dir)), kind.fileName());
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS) // a hang guard only
    void everyMutantIsRefusedWithALocatedProblem() {
        long cpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        BookMutants mutants = BookMutants.ofSamples(SEED);
        Map<BookMutants.Damage, Integer> made = new EnumMap<>(BookMutants.Damage.class);
        List<BookMutants.Mutant> all = new ArrayList<>();
        for (BookMutants.Damage d : BookMutants.Damage.values()) {
            all.add(mutants.next(d)); // every damage at least once, whatever the seed
        }
        while (all.size() < MUTANTS) {
            all.add(mutants.next());
        }
        for (BookMutants.Mutant m : all) {
            made.merge(m.damage(), 1, Integer::sum);
            List<LoadProblem> problems;
            try {
                problems = validate(m.files(dir));
            } catch (RuntimeException | Error e) {
                throw new AssertionError(m + " (seed " + SEED + ") escaped with " + e, e);
            }
            check(m, problems);
        }
        System.out.println("BookFuzzTest: " + all.size() + " mutants, seed " + SEED + ", by damage " + made + ", " + (java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000 + " ms CPU");
        assertEquals(MUTANTS, all.size());
    }

    @Test
    void aHeaderOnlyFileNobodyNeedsIsAValidEmptyFile() throws IOException {
        List<LoadProblem> problems = new ArrayList<>();
        FileReadResult r = new BookFileReader().read(BookKind.LOGINS, BookCsv.write(dir, BookKind.LOGINS, BookCsv.header(BookKind.LOGINS) + "\n"),
                null, row -> { }, problems::add);
        assertEquals(List.of(), problems);
        assertEquals(0, r.records());
        assertTrue(r.complete());
    }

    static void check(BookMutants.Mutant m, List<LoadProblem> problems) {
        if (problems.isEmpty()) {
            fail(m + " (seed " + SEED + ") was accepted");
        }
        for (LoadProblem p : problems) {
            assertTrue(FILES.contains(p.file()), m + ": " + p);
            assertTrue(p.line() >= 0, m + ": " + p);
            assertTrue(p.message().startsWith("expected ") && p.message().endsWith("."), m + ": " + p);
            assertTrue(p.value().length() <= 80, m + ": " + p);
        }
        List<LoadProblem> inFile = problems.stream().filter(p -> p.file().equals(m.faultFile())).toList();
        assertFalse(inFile.isEmpty(), m + " has no problem in " + m.faultFile() + ": " + problems);
        if (m.fieldFault()) {
            assertTrue(inFile.stream().anyMatch(p -> !p.column().isEmpty() && p.line() >= 1), m + " names no column: " + inFile);
        }
    }

    /** Validates a whole book as a load does: every kind in order against an empty database. */
    static List<LoadProblem> validate(Map<BookKind, Path> files) {
        List<LoadProblem> problems = new ArrayList<>();
        LoadValidator v = new LoadValidator(BookMutants.AS_OF, KnownKeys.NONE, CITIES, problems::add);
        for (BookKind kind : BookKind.values()) {
            v.check(kind, files.get(kind), null);
        }
        return problems;
    }
}
