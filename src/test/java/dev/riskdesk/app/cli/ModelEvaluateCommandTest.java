package dev.riskdesk.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelEvaluateCommandTest {
    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--db";
        all[1] = dir.resolve("db/riskdesk").toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = RiskDeskCli.run(new PrintWriter(out), new PrintWriter(err), all);
        return new Run(exit, out.toString(), err.toString());
    }

    Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, content.getBytes(StandardCharsets.UTF_8));
        return p;
    }

    /** A labelled file with signal in income and job, an id column, missing values of every spelling. */
    static String goodCsv(String sep, String eol, boolean bom) {
        Random random = new Random(3);
        StringBuilder s = new StringBuilder(bom ? "\uFEFF" : "");
        s.append("\"customer_id\"").append(sep).append("\"income\"").append(sep).append("\"job\"").append(sep)
                .append("\"noise\"").append(sep).append("\"default flag\"").append(eol);
        String[] missing = {"", "NA", "?"};
        for (int i = 0; i < 400; i++) {
            double z = random.nextGaussian();
            boolean bad = random.nextDouble() < 1 / (1 + Math.exp(1.5 - 1.8 * z));
            String income = i % 37 == 0 ? missing[i % 3] : String.format(Locale.ROOT, "%.1f", 5000 - 1500 * z + 300 * random.nextGaussian());
            String job = z > 0.5 ? "gig" : z < -0.5 ? "office" : "shop";
            s.append("C").append(1000 + i).append(sep).append(income).append(sep).append(job).append(sep)
                    .append(random.nextInt(100)).append(sep).append(bad ? "yes" : "no").append(eol);
        }
        return s.toString();
    }

    @Test
    void crossValidatesBothModelsOnASemicolonCrlfFileWithBomAndWritesNothing() throws IOException {
        Path csv = write("loans.csv", goodCsv(";", "\r\n", true));
        Run r = run("model", "evaluate", "--csv", csv.toString(), "--target", "default flag", "--folds", "5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("delimiter ';'"), r.out());
        assertTrue(r.out().contains("positive 'yes'"), r.out());
        assertTrue(r.out().contains("ignored: [customer_id"), r.out());
        assertTrue(r.out().contains("categorical: [job]"), r.out());
        double auc = Double.parseDouble(r.out().lines().filter(l -> l.startsWith("scorecard")).findFirst().orElseThrow()
                .trim().split("\\s+")[4]);
        assertTrue(auc > 0.7, r.out());
        assertTrue(r.out().contains("random forest"));
        double boosted = Double.parseDouble(r.out().lines().filter(l -> l.startsWith("gradient boosted")).findFirst().orElseThrow()
                .trim().split("\\s+")[2]);
        assertTrue(boosted > 0.7, r.out());
        assertFalse(Files.exists(dir.resolve("db")), "evaluate must not create or touch a database");
    }

    @Test
    void commaFileWithExplicitPositiveAndDrop() throws IOException {
        Path csv = write("loans.csv", goodCsv(",", "\n", false));
        Run r = run("model", "evaluate", "--csv", csv.toString(), "--target", "default flag", "--positive", "yes", "--drop", "noise", "--folds", "3");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("ignored: [noise, customer_id]"), r.out());
    }

    void assertRefused(String content, String expected, String... extra) throws IOException {
        Path csv = write("bad.csv", content);
        String[] args = new String[6 + extra.length];
        System.arraycopy(new String[] {"model", "evaluate", "--csv", csv.toString(), "--target", "y"}, 0, args, 0, 6);
        System.arraycopy(extra, 0, args, 6, extra.length);
        Run r = run(args);
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
        assertFalse(Files.exists(dir.resolve("db")));
    }

    @Test
    void emptyFileIsRefused() throws IOException {
        assertRefused("", "is empty");
        assertRefused("\uFEFF\r\n", "is empty");
    }

    @Test
    void headerOnlyIsRefused() throws IOException {
        assertRefused("a,b,y\r\n", "no data rows");
    }

    @Test
    void raggedRowNamesTheLine() throws IOException {
        assertRefused("a,b,y\n1,2,0\n3,4,1\n5,6\n7,8,1\n", "line 4: 2 fields, but the header has 3");
    }

    @Test
    void targetWithThreeValuesNeedsPositive() throws IOException {
        assertRefused("a,y\n1,0\n2,1\n3,2\n4,1\n", "line 4, column 'y': the target has more than two values");
    }

    @Test
    void missingTargetValueNamesLineAndColumn() throws IOException {
        assertRefused("a,y\n1,0\n2,NA\n", "line 3, column 'y': the target value is missing");
    }

    @Test
    void unknownTargetAndDropColumnsAreNamed() throws IOException {
        assertRefused("a,b\n1,0\n", "no column 'y'");
        assertRefused("a,y\n1,0\n2,1\n", "--drop zz", "--drop", "zz");
    }

    @Test
    void unclearTwoValuedTargetNeedsPositive() throws IOException {
        assertRefused("a,y\n1,red\n2,blue\n", "--positive");
    }

    @Test
    void tooFewPositivesForTheFolds() throws IOException {
        assertRefused("a,y\n1,0\n2,1\n3,0\n4,0\n", "needs at least 10 of each");
    }

    @Test
    void blankLinesAndQuotedLineBreaksDoNotShiftTheLineNumber() throws IOException {
        assertRefused("a,b,y\n\n1,2,0\n\n\n3,4,1\n\n\n\n\n\n\n\n\n5,6\n", "line 15: 2 fields, but the header has 3");
        assertRefused("a,b,y\r\n\r\n1,\"two\r\nlines\",0\r\n\r\n5,6\r\n", "line 6: 2 fields, but the header has 3");
        assertRefused("\n\na,y\n1,0\n\n2,NA\n", "line 6, column 'y': the target value is missing");
    }

    @Test
    void anEndlessFieldIsRefusedWithItsLineAndFieldNotReadIntoMemory() throws IOException {
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            Run r = run("model", "evaluate", "--csv", zero.toString(), "--target", "y");
            assertEquals(1, r.exit(), r.out() + r.err());
            assertEquals("riskdesk: /dev/zero line 1, field 1: more than 100,000 characters in one field; is this a CSV file?", r.err().strip());
        }
        assertRefused("a,y\n1,0\n\"never closed\n" + "x".repeat(60_000) + "\n" + "y".repeat(60_000) + "\n",
                "line 5, field 1: more than 100,000 characters in one field");
    }

    @Test
    void anEndlessLineIsRefusedWithItsLineAndField() throws IOException {
        assertRefused("a,y\n1,0\n\n" + "1,".repeat(600_000), "line 4, field 500001: more than 1,000,000 characters in one line");
        assertRefused("a,y\n" + ",".repeat(1_200_000), "line 2, field 1000001: more than 1,000,000 characters in one line");
    }
}
