package dev.riskdesk.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riskdesk.common.TextLimit;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The inventory of the console's text inputs: every {@code new TextField}/{@code new TextArea} in
 * the ui packages is listed here, either with the {@link TextLimit} its view counts against (the
 * view names that limit and shows a {@link TextCounter}) or with why it has none. A new text input
 * fails this test until it is classified. The services' side is TextLimitServicesDbTest.
 */
class FreeTextInventoryTest {
    private static final Path UI = Path.of("src/main/java/dev/riskdesk/ui");
    private static final Pattern INPUT = Pattern.compile("new (TextField|TextArea)\\(");

    /**
     * One text input: what it is, and its limit or (limit null) why it needs none; {@code limitFrom}
     * names the view that passes the limit in, when the input's own file takes it as a parameter.
     */
    record Input(String what, TextLimit limit, String noLimitBecause, String limitFrom) {
        static Input limited(String what, TextLimit limit) {
            return new Input(what, limit, null, null);
        }

        static Input limitedBy(String caller, String what, TextLimit limit) {
            return new Input(what, limit, null, caller);
        }

        static Input exempt(String what, String because) {
            return new Input(what, null, because, null);
        }
    }

    private static final String NUMBER = "a number, parsed and checked by its form; never stored as text";

    static final Map<String, List<Input>> INVENTORY = Map.ofEntries(
            Map.entry("lifecycle/LifecycleView.java", List.of(
                    Input.exempt("account number filter", "a query, never stored; the list reads it as a prefix"),
                    Input.limitedBy("lifecycle/LifecycleViewModel.java", "reason of a keep on request or a declined cancellation",
                            TextLimit.LIFECYCLE_KEEP_REASON))),
            Map.entry("policy/PolicyView.java", List.of(
                    Input.exempt("a field of the policy form", "a number, yes/no or list read by PolicyFields, refused in words naming the field"),
                    Input.limitedBy("policy/PolicyViewModel.java", "note of a new draft, reason of a send-back", TextLimit.POLICY_NOTE))),
            Map.entry("review/DecisionDialog.java", List.of(
                    Input.exempt("new limit of an override", NUMBER),
                    Input.limited("note of confirm, override, reject, approve, decline", TextLimit.DECISION_NOTE),
                    Input.limited("note of a bulk confirmation", TextLimit.DECISION_NOTE))),
            Map.entry("privacy/ErasureBarView.java", List.of(
                    Input.limited("reason for an erasure of personal data on request", TextLimit.ERASURE_REASON))),
            Map.entry("profiles/RevealDialog.java", List.of(
                    Input.limited("reason for revealing personal data", TextLimit.REVEAL_REASON))),
            Map.entry("profiles/ProfilesView.java", List.of(
                    Input.exempt("customer search box", "a query, never stored; the search reads it as a prefix or number"))),
            Map.entry("profile/ActivityTab.java", List.of(
                    Input.exempt("transaction amount filters (min, max)", NUMBER))),
            Map.entry("appeals/AppealDialogs.java", List.of(
                    Input.exempt("account number to look up", "a look-up key, never stored; an unknown number is said in words"),
                    Input.limited("customer's statement", TextLimit.APPEAL_STATEMENT),
                    Input.exempt("new limit of a partial lift", NUMBER),
                    Input.limited("note of an appeal decision", TextLimit.APPEAL_DECISION_NOTE),
                    Input.limited("reason for an assignment", TextLimit.APPEAL_ASSIGN_REASON),
                    Input.limitedBy("appeals/AppealCaseView.java", "note of a move; the same dialog takes a lift approval's note",
                            TextLimit.APPEAL_MOVE_NOTE))),
            Map.entry("appeals/AppealCasePanels.java", List.of(
                    Input.exempt("rule evidence", "read-only display"),
                    Input.limited("note added to the case log", TextLimit.APPEAL_NOTE))),
            Map.entry("dashboard/StressScenarioEditor.java", List.of(
                    Input.limited("one helper for the scenario name (counted) and its numeric shocks and multipliers", TextLimit.STRESS_SCENARIO_NAME))),
            Map.entry("data/ImportWizard.java", List.of(
                    Input.exempt("folder or file to import", "a path the wizard opens; the import checks files and their names"))),
            Map.entry("operators/OperatorsView.java", List.of(
                    Input.exempt("new operator's user name", "OperatorService refuses anything but 2 to 50 letters, digits, dots, dashes or underscores"),
                    Input.exempt("new operator's display name", "OperatorAdminService refuses more than 100 characters (OPERATOR.DISPLAY_NAME) in words"))),
            Map.entry("login/LoginView.java", List.of(
                    Input.exempt("operator name at sign-in", "compared, never stored; operators' names are set on the operator screens"))),
            Map.entry("models/ModelsView.java", List.of(
                    Input.limitedBy("models/ModelsViewModel.java", "reason of a promotion, rollback or declined request", TextLimit.PROMOTE_REASON))),
            Map.entry("backup/BackupView.java", List.of(
                    Input.exempt("backup file, backup to restore, new database path", "paths the backup and restore open; never stored as text"))));

    @Test
    void everyTextInputOfTheConsoleIsInTheInventory() throws IOException {
        Map<String, Integer> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(UI)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                Matcher m = INPUT.matcher(Files.readString(file, StandardCharsets.UTF_8));
                int count = 0;
                while (m.find()) {
                    count++;
                }
                if (count > 0) {
                    found.put(UI.relativize(file).toString().replace('\\', '/'), count);
                }
            }
        }
        Map<String, Integer> listed = new TreeMap<>();
        INVENTORY.forEach((file, inputs) -> listed.put(file, inputs.size()));
        assertEquals(listed, found, "each file's text inputs, as created in code, against the inventory: classify a new one here");
    }

    @Test
    void eachLimitedInputIsCountedByItsViewAndEveryLimitHasAnInput() throws IOException {
        Set<TextLimit> shown = EnumSet.noneOf(TextLimit.class);
        for (var entry : INVENTORY.entrySet()) {
            String source = Files.readString(UI.resolve(entry.getKey()), StandardCharsets.UTF_8);
            for (Input input : entry.getValue()) {
                if (input.limit() == null) {
                    assertTrue(!input.noLimitBecause().isBlank(), input.what());
                    continue;
                }
                String limitSource = input.limitFrom() == null ? source : Files.readString(UI.resolve(input.limitFrom()), StandardCharsets.UTF_8);
                assertTrue(source.contains("new TextCounter(") && limitSource.contains("TextLimit." + input.limit().name()),
                        entry.getKey() + " counts " + input.what() + " against " + input.limit());
                shown.add(input.limit());
            }
        }
        Set<TextLimit> serviceOnly = EnumSet.of(TextLimit.ATTACHMENT_NAME);
        assertEquals(EnumSet.complementOf(EnumSet.copyOf(serviceOnly)), shown,
                "every limit has a counted input, except a picked file's name (checked when it is added): "
                        + shown.stream().map(Enum::name).collect(Collectors.joining(", ")));
    }
}
