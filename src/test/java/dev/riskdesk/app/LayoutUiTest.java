package dev.riskdesk.app;

import static dev.riskdesk.db.schema.Tables.LIMIT_PROPOSAL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.riskdesk.app.demo.DemoSetup;
import dev.riskdesk.appeals.AppealType;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.limits.ProposalStatus;
import dev.riskdesk.limits.ProposalType;
import dev.riskdesk.common.Progress;
import dev.riskdesk.db.TestDatabases;
import dev.riskdesk.portfolio.GeneratorOptions;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.testsupport.LayoutChecker;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The layout check: every screen, tab and reachable dialog of the console at 1280 × 800 (the headless
 * screen), in English and Chinese, light (and dark in Chinese), on a small demo book, each as the first role that
 * sees it; fails on any clipped text, node outside the window or raw code ({@link LayoutChecker}).
 * A new screen in the sidebar is checked without a change here; a view or dialog opened from a
 * screen is one line in {@link #DRILLS}.
 */
@Tag("ui")
@ExtendWith(ApplicationExtension.class)
class LayoutUiTest {
    /** The roles in the order they are tried: each checks the screens no earlier role has seen. */
    private static final List<String> ROLES = List.of("manager", "admin", "risk", "agent");
    /** Screens better checked by a later role: the agent's inbox holds the demo appeals (a manager's shows those assigned to them). */
    private static final java.util.Map<String, String> CHECKED_BY = java.util.Map.of("appeals", "agent");
    private static final int CUSTOMERS = 600;

    /**
     * What a screen opens beyond itself: a view reached from a row (closed again with {@code back}) or a
     * dialog (closed with Esc). {@code row}: a table whose first row is selected first, or null.
     */
    record Drill(String screen, String row, boolean allRows, String open, String back) {
        static Drill view(String screen, String row, String open, String back) {
            return new Drill(screen, row, false, open, back);
        }

        static Drill dialog(String screen, String row, String open) {
            return new Drill(screen, row, false, open, null);
        }

        /** A dialog for several rows: every row of the table is selected first. */
        static Drill dialogForAll(String screen, String table, String open) {
            return new Drill(screen, table, true, open, null);
        }
    }

    private static final List<Drill> DRILLS = List.of(
            Drill.dialog("overview", null, "#aboutButton"),
            Drill.view("profiles", "#profiles-table", "#profiles-open", "#profile-back"),
            Drill.dialog("profiles", "#profiles-table", "#profiles-reveal"),
            Drill.dialog("review", "#review-table", "#review-override"),
            Drill.dialogForAll("review", "#review-table", "#review-bulk"),
            Drill.view("appeals", "#appeals-table", "#appeals-open", "#appeal-back"),
            Drill.dialog("appeals", null, "#appeals-register"),
            Drill.dialog("operators", null, "#operators-add"),
            Drill.dialog("data", null, "#data-import"),
            // models: the approval of a promotion another manager asked for (see onePromotionRequest)
            Drill.dialog("models", "#models-requests", "#models-approve"));

    /** Fields of a screen that start at one left edge, though they sit in different cards. */
    private static final java.util.Map<String, List<String[]>> ALIGNED = java.util.Map.of(
            "backup", List.<String[]>of(new String[] {"#backup-file", "#restore-from", "#restore-into"}));

    /** Screens also checked in a smaller window than the screen's (1100 × 700), where they must still fit. */
    private static final List<String> SMALL_WINDOW = List.of("overview", "profiles");

    /** Problems known and not yet fixed, each to be removed with its fix (a problem not listed fails the test). */
    private static final List<String> KNOWN = List.of();
    /** Screens that landed after the check and do not pass it yet: checked once they fit. */
    private static final List<String> NOT_YET = List.of();

    @TempDir
    Path dir;
    TestConsole console;
    Stage stage;
    final LayoutChecker checker = new LayoutChecker();

    @Start
    void start(Stage stage) {
        this.stage = stage; // the book is made in the test, off the FX thread and past the setup's timeout
    }

    @AfterEach
    void close() throws Exception {
        Theme.LIGHT.apply();
        if (console != null) {
            console.close();
        }
    }

    @Test
    void everyScreenTabAndDialogShowsItsTextsWholeInsideTheWindowInBothLanguagesAndThemes(FxRobot robot) throws Exception {
        long started = System.nanoTime();
        console = new TestConsole(TestDatabases.fresh(dir), Clock.system(AppServices.BUSINESS_ZONE));
        console.services.demoSetup().run(GeneratorOptions.of(CUSTOMERS, GeneratorOptions.DEFAULT_MONTHS, 42,
                LocalDate.now(console.services.clock())), Progress.NONE, DemoSetup.StepListener.NONE);
        oneAppeal();
        onePolicyChange();
        onePromotionRequest();
        long booked = System.nanoTime();
        robot.interact(() -> console.showLogin(stage));
        TestConsole.waitUntilVisible(robot, "#loginButton", 20);
        robot.interact(() -> checker.checkAll("login en"));
        Set<String> seen = new LinkedHashSet<>();
        for (String role : ROLES) {
            TestConsole.signIn(robot, role, "#mainWindow", 20);
            console.settle(30);
            List<String> screens = new ArrayList<>();
            for (Node item : robot.lookup("#sidebar .nav-item").queryAll()) {
                String screen = item.getId().substring("nav-".length());
                // -Dlayout.screens=policy checks one screen while working on it
                if (CHECKED_BY.getOrDefault(screen, role).equals(role) && !NOT_YET.contains(screen) && System.getProperty("layout.screens", screen).contains(screen)
                        && seen.add(screen)) {
                    screens.add(screen);
                }
            }
            for (String language : List.of("en", "zh")) {
                for (Theme theme : Theme.values()) {
                    if (!System.getProperty("layout.only", language + "-" + theme).contains(language + "-" + theme)) {
                        continue; // -Dlayout.only=zh-LIGHT while working on one combination
                    }
                    if (theme == Theme.DARK && language.equals("en") && !System.getProperty("layout.only", "").contains("en-DARK")) {
                        continue; // the themes differ in colour, not in size: dark is checked in Chinese, the longer language on screen
                    }
                    switchTo(robot, language, theme);
                    for (String screen : screens) {
                        String where = role + " " + language + " " + theme.name().toLowerCase() + " " + screen;
                        robot.clickOn("#nav-" + screen);
                        console.settle(30);
                        checkWithTabs(robot, where);
                        for (String[] fields : ALIGNED.getOrDefault(screen, List.of())) {
                            robot.interact(() -> checker.checkAligned(stage.getScene(), where, fields));
                        }
                        for (Drill drill : DRILLS) {
                            // the themes differ in colour, not in size: the views and dialogs behind a screen are opened in the light theme
                            if (drill.screen().equals(screen) && theme == Theme.LIGHT) {
                                drill(robot, drill, where);
                            }
                        }
                    }
                }
            }
            switchTo(robot, "en", Theme.LIGHT);
            checkInSmallWindow(robot, role, screens);
            robot.clickOn("#signOut");
            TestConsole.waitUntilVisible(robot, "#loginButton", 20);
        }
        System.out.printf("Layout check: demo book of %d customers in %.1f s, screens checked in %.1f s%n", CUSTOMERS,
                (booked - started) / 1e9, (System.nanoTime() - booked) / 1e9);
        checker.forgive(KNOWN);
        assertEquals("", checker.report(), "layout problems (kind, node, text, [first places seen])");
    }

    /**
     * One appeal, so the inbox, the case and its dialogs have something to show: a risk operator
     * confirms a pending decrease, the customer appeals it by phone (a book this small has no takeover).
     */
    private void oneAppeal() {
        var dsl = console.db.dsl();
        var proposal = dsl.selectFrom(LIMIT_PROPOSAL).where(LIMIT_PROPOSAL.STATUS.eq(ProposalStatus.PENDING))
                .and(LIMIT_PROPOSAL.PROPOSAL_TYPE.eq(ProposalType.DECREASE)).orderBy(LIMIT_PROPOSAL.ID).limit(1).fetchOne();
        assertNotNull(proposal, "the demo book has a decrease to review");
        var risk = console.services.operators().signInDemoOperator("risk");
        var agent = console.services.operators().signInDemoOperator("agent");
        long decisionId = console.services.limits().decisions.confirm(risk, proposal.getId(), proposal.getVersion(), "Confirmed from the queue")
                .decisionId();
        console.services.appeals().registration().register(agent, new Appeals.Registration(proposal.getAccountId(), AppealType.LIMIT_DECREASE,
                null, decisionId, "PHONE", "APP", "我每月按时还款，请恢复我的额度。"), List.of());
    }

    /**
     * A limit-policy version another manager made and submitted, so the Policy screen shows more than the seed: a
     * version waiting for approval (its status the longest word of the list) and the checker's Approve step.
     */
    private void onePolicyChange() {
        var other = dev.riskdesk.security.TestOperators.second(console.db, dev.riskdesk.security.Role.MANAGER);
        var versions = console.services.limits().versions;
        var draft = versions.draft(other, dev.riskdesk.limits.versions.PolicyKind.LIMIT_POLICY, null, null, "Band E ceiling lower");
        versions.submit(other, dev.riskdesk.limits.versions.PolicyKind.LIMIT_POLICY, draft.versionNo());
    }

    /** A second manager asks for the gradient-boosted model to become champion, so the demo manager's Models screen has a request to approve. */
    private void onePromotionRequest() {
        var other = dev.riskdesk.security.TestOperators.second(console.db, dev.riskdesk.security.Role.MANAGER);
        long boosted = console.services.models().list().stream().filter(m -> m.kind() == dev.riskdesk.scoring.model.ModelKind.GRADIENT_BOOSTED)
                .findFirst().orElseThrow().id();
        console.services.modelGovernance().requestPromotion(other, boosted, "Out-of-time AUC higher than the scorecard's on the last three months");
    }

    /** The screens of {@link #SMALL_WINDOW} this role checks, in English at 1100 × 700; the window is put back after. */
    private void checkInSmallWindow(FxRobot robot, String role, List<String> screens) throws Exception {
        double width = stage.getWidth();
        double height = stage.getHeight();
        robot.interact(() -> {
            stage.setWidth(1100);
            stage.setHeight(700);
        });
        for (String screen : screens) {
            if (SMALL_WINDOW.contains(screen)) {
                robot.clickOn("#nav-" + screen);
                console.settle(30);
                String where = role + " en light 1100x700 " + screen;
                robot.interact(() -> checker.checkAll(where));
            }
        }
        robot.interact(() -> {
            stage.setWidth(width);
            stage.setHeight(height);
        });
        console.settle(30);
    }

    private void switchTo(FxRobot robot, String language, Theme theme) throws Exception {
        ToggleButton toggle = robot.lookup(language.equals("zh") ? "#languageZh" : "#languageEn").queryAs(ToggleButton.class);
        if (!toggle.isSelected()) {
            robot.clickOn(toggle);
        }
        if (themeOf(robot) != theme) {
            robot.clickOn("#themeToggle");
        }
        console.settle(30);
    }

    /** The theme the console shows: the theme toggle's icon names what it switches to. */
    private static Theme themeOf(FxRobot robot) {
        String icon = robot.lookup("#themeToggle .ikonli-font-icon").queryAs(org.kordamp.ikonli.javafx.FontIcon.class).getIconLiteral();
        return icon.contains("sunny") ? Theme.DARK : Theme.LIGHT;
    }

    /** Checks the windows, then each tab of each tab pane on show (nested ones too), back on the first tab. */
    private void checkWithTabs(FxRobot robot, String where) throws Exception {
        robot.interact(() -> checker.checkAll(where));
        for (Node node : robot.lookup(".tab-pane").queryAll()) {
            if (!(node instanceof TabPane pane) || !node.isVisible() || node.getScene() == null) {
                continue;
            }
            List<Tab> tabs = List.copyOf(pane.getTabs());
            for (int i = 1; i < tabs.size(); i++) {
                Tab tab = tabs.get(i);
                robot.interact(() -> pane.getSelectionModel().select(tab));
                console.settle(30);
                String tabWhere = where + "/" + (tab.getId() != null ? tab.getId() : "tab" + i);
                robot.interact(() -> checker.checkAll(tabWhere));
            }
            robot.interact(() -> pane.getSelectionModel().select(0));
            console.settle(30);
        }
    }

    private void drill(FxRobot robot, Drill drill, String where) throws Exception {
        String drillWhere = where + " > " + drill.open();
        Node open = robot.lookup(drill.open()).query();
        if (drill.row() != null) {
            TableView<?> table = robot.lookup(drill.row()).queryAs(TableView.class);
            if (drill.allRows()) {
                robot.interact(() -> table.getSelectionModel().selectAll());
                console.settle(30);
            }
            // the first row whose action is enabled (a row may be one the role cannot act on)
            for (int i = 0; i < Math.min(10, table.getItems().size()) && !drill.allRows() && (i == 0 || open.isDisabled()); i++) {
                int row = i;
                robot.interact(() -> table.getSelectionModel().clearAndSelect(row));
                console.settle(30);
            }
        }
        if (open.isDisabled()) {
            checker.note("unreachable", drill.open(), drillWhere);
            return;
        }
        int windows = showingWindows();
        robot.clickOn(open);
        console.settle(30);
        if (drill.back() == null) {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> showingWindows() > windows);
            console.settle(30);
            checkWithTabs(robot, drillWhere);
            closeDialog(robot, windows, drillWhere);
        } else {
            checkWithTabs(robot, drillWhere);
            robot.clickOn(drill.back());
            console.settle(30);
        }
    }

    private void closeDialog(FxRobot robot, int windows, String drillWhere) throws Exception {
        robot.type(KeyCode.ESCAPE);
        try {
            WaitForAsyncUtils.waitFor(3, TimeUnit.SECONDS, () -> showingWindows() == windows);
        } catch (java.util.concurrent.TimeoutException notClosedByEsc) {
            checker.note("esc", drillWhere, "the dialog stays open on Esc");
            robot.interact(() -> {
                Window top = Window.getWindows().get(Window.getWindows().size() - 1);
                if (top instanceof Stage stage) {
                    stage.close();
                } else {
                    top.hide();
                }
            });
        }
        console.settle(30);
    }

    private static int showingWindows() {
        return (int) Window.getWindows().stream().filter(w -> w.isShowing() && !(w instanceof javafx.stage.PopupWindow)).count();
    }
}
