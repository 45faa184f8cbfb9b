package dev.riskdesk.app;

import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.security.Permission;
import dev.riskdesk.security.OperatorService.SignIn;
import dev.riskdesk.security.Session;
import dev.riskdesk.ui.appeals.AppealCaseView;
import dev.riskdesk.ui.appeals.AppealCaseViewModel;
import dev.riskdesk.ui.appeals.AppealsInboxView;
import dev.riskdesk.ui.appeals.AppealsInboxViewModel;
import dev.riskdesk.ui.appeals.RuleQualityView;
import dev.riskdesk.ui.appeals.RuleQualityViewModel;
import dev.riskdesk.ui.audit.AuditLogView;
import dev.riskdesk.ui.audit.AuditLogViewModel;
import dev.riskdesk.ui.backup.BackupView;
import dev.riskdesk.ui.backup.BackupViewModel;
import dev.riskdesk.ui.common.Appearance;
import dev.riskdesk.ui.common.Theme;
import dev.riskdesk.ui.dashboard.DashboardView;
import dev.riskdesk.ui.dashboard.DashboardViewModel;
import dev.riskdesk.ui.data.DataView;
import dev.riskdesk.ui.data.DataViewModel;
import dev.riskdesk.ui.data.ImportWizardModel;
import dev.riskdesk.ui.common.WindowPlacement;
import dev.riskdesk.ui.lifecycle.LifecycleView;
import dev.riskdesk.ui.models.ModelsView;
import dev.riskdesk.ui.models.ModelsViewModel;
import dev.riskdesk.ui.lifecycle.LifecycleViewModel;
import dev.riskdesk.ui.lock.IdleLockOverlay;
import dev.riskdesk.ui.lock.IdleLockViewModel;
import dev.riskdesk.ui.login.ChangePasswordView;
import dev.riskdesk.ui.login.ChangePasswordViewModel;
import dev.riskdesk.ui.login.LoginView;
import dev.riskdesk.ui.login.LoginViewModel;
import dev.riskdesk.ui.operators.OperatorsView;
import dev.riskdesk.ui.operators.OperatorsViewModel;
import dev.riskdesk.ui.overview.OverviewView;
import dev.riskdesk.ui.overview.OverviewViewModel;
import dev.riskdesk.ui.profile.ProfileView;
import dev.riskdesk.ui.profile.ProfileViewModel;
import dev.riskdesk.ui.policy.PolicyView;
import dev.riskdesk.ui.policy.PolicyViewModel;
import dev.riskdesk.ui.privacy.ErasureBarView;
import dev.riskdesk.ui.privacy.ErasureViewModel;
import dev.riskdesk.ui.profiles.ProfilesView;
import dev.riskdesk.ui.profiles.ProfilesViewModel;
import dev.riskdesk.ui.review.ReviewView;
import dev.riskdesk.ui.review.ReviewViewModel;
import dev.riskdesk.ui.score.ScoreView;
import dev.riskdesk.ui.score.ScoreViewModel;
import dev.riskdesk.ui.shell.MainWindow;
import dev.riskdesk.ui.shell.ScreenEntry;
import dev.riskdesk.ui.shell.ShellViewModel;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/** Login window → main window → sign out → login window, in one stage. */
public final class ConsoleFlow {
    static final double LOGIN_WIDTH = 540;
    static final double LOGIN_HEIGHT = 660;

    private final Stage stage;
    private final Appearance appearance;
    private final TaskRunner tasks;
    /** Null while the database is still opening (the login window already shows). */
    private AppServices services;
    private List<DemoOperator> demoOperators = List.of();
    /** The login window's model while it shows, so the database can be handed to it once open. */
    private LoginViewModel login;
    /** Whether the stage shows the main window (not the login window), so its placement is worth keeping. */
    private boolean mainShown;

    public ConsoleFlow(Stage stage, AppServices services, Appearance appearance, List<DemoOperator> demoOperators) {
        this(stage, appearance, services.tasks());
        connect(services, demoOperators);
    }

    /** A console whose database is still opening: the login window can show at once, {@link #connect} follows. */
    public ConsoleFlow(Stage stage, Appearance appearance, TaskRunner tasks) {
        this.stage = stage;
        this.appearance = appearance;
        this.tasks = tasks;
        stage.titleProperty().bind(appearance.i18n().text("common.appTitle"));
        stage.addEventHandler(WindowEvent.WINDOW_CLOSE_REQUEST, e -> rememberMainWindow());
    }

    /** The database is open (and its first start done): the login window on show signs in against it. On the FX thread. */
    public void connect(AppServices services, List<DemoOperator> demoOperators) {
        this.services = services;
        this.demoOperators = List.copyOf(demoOperators);
        if (login != null) {
            login.connect(services.operators(), this.demoOperators);
        }
    }

    public void showLogin() {
        login = new LoginViewModel(tasks, this::signedIn);
        if (services != null) {
            login.connect(services.operators(), demoOperators);
        }
        rememberMainWindow();
        mainShown = false;
        show(new LoginView(login, appearance).build(), WindowPlacement.centred(LOGIN_WIDTH, LOGIN_HEIGHT, Screen.getPrimary().getVisualBounds()),
                LOGIN_WIDTH, LOGIN_HEIGHT);
    }

    /** After a sign-in: the change of a temporary password first, when an administrator reset it; then the main window. */
    private void signedIn(SignIn signIn) {
        login = null;
        if (!signIn.mustChangePassword()) {
            showMain(signIn);
            return;
        }
        ChangePasswordViewModel model = new ChangePasswordViewModel(services.operators(), services.tasks(), signIn, this::showMain,
                () -> signOut(signIn.session()));
        show(new ChangePasswordView(model, appearance.i18n()).build(),
                WindowPlacement.centred(LOGIN_WIDTH, LOGIN_HEIGHT, Screen.getPrimary().getVisualBounds()), LOGIN_WIDTH, LOGIN_HEIGHT);
    }

    void showMain(SignIn signIn) {
        Session session = signIn.session();
        ShellViewModel[] shell = new ShellViewModel[1];
        shell[0] = new ShellViewModel(session, screens(session, () -> shell[0].refreshStatus()), services.databaseDescription(),
                services.portfolioSummary()::dataAsOf, services.tasks(), this::signOut);
        WindowPlacement placement = WindowPlacement.choose(appearance.preferences().mainWindow(), Screen.getPrimary().getVisualBounds(),
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        IdleLockViewModel lock = new IdleLockViewModel(services.operators(), session, services.tasks(), signIn.idleLock(), () -> signOut(session));
        show(new IdleLockOverlay(lock, appearance.i18n()).wrap(new MainWindow(shell[0], appearance).build()), placement, WindowPlacement.MIN_WIDTH, WindowPlacement.MIN_HEIGHT);
        mainShown = true;
    }

    /**
     * Every screen the console has; the shell shows those the operator's role may use.
     * {@code dataChanged} refreshes the shell's status bar after an import.
     */
    private List<ScreenEntry> screens(Session session, Runnable dataChanged) {
        return List.of(
                new ScreenEntry("overview", "shell.nav.overview", "mdi2v-view-dashboard-outline", null,
                        () -> new OverviewView(new OverviewViewModel(services.portfolioSummary(), services.tasks()), appearance.i18n()).build()),
                new ScreenEntry("dashboard", "shell.nav.dashboard", "mdi2c-chart-box-outline", Permission.PORTFOLIO_VIEW,
                        () -> new DashboardView(new DashboardViewModel(services.dashboard(), session, services.tasks()), appearance.i18n(),
                                appearance.themeProperty()).build()),
                new ScreenEntry("profiles", "shell.nav.profiles", "mdi2a-account-search-outline", Permission.CUSTOMER_VIEW,
                        () -> new ProfilesView(new ProfilesViewModel(services.customerSearch(), services.personalData(), session,
                                services.tasks()), appearance.i18n(), (accountId, back) -> profile(session, accountId, back)).build()),
                new ScreenEntry("review", "shell.nav.review", "mdi2c-clipboard-check-outline", Permission.LIMIT_DECIDE,
                        () -> new ReviewView(new ReviewViewModel(services.limits().queue, services.limits().decisions, session, services.tasks()),
                                appearance.i18n(), (accountId, back) -> profile(session, accountId, back)).build()),
                new ScreenEntry("appeals", "shell.nav.appeals", "mdi2s-scale-balance", Permission.APPEAL_HANDLE,
                        () -> new AppealsInboxView(new AppealsInboxViewModel(services.appeals(), session, services.tasks()), appearance.i18n(),
                                (appealId, back) -> appealCase(session, appealId, back)).build()),
                new ScreenEntry("ruleQuality", "shell.nav.ruleQuality", "mdi2f-filter-check-outline", Permission.RULE_VIEW,
                        () -> new RuleQualityView(new RuleQualityViewModel(services.appeals(), session, services.tasks()), appearance.i18n()).build()),
                new ScreenEntry("audit", "shell.nav.audit", "mdi2c-clipboard-text-clock-outline", Permission.AUDIT_VIEW,
                        () -> new AuditLogView(new AuditLogViewModel(services.auditQuery(), services.auditChain(), session, services.tasks()), appearance.i18n()).build()),
                new ScreenEntry("operators", "shell.nav.operators", "mdi2a-account-group-outline", Permission.OPERATOR_ADMIN,
                        () -> new OperatorsView(new OperatorsViewModel(services.operatorAdmin(), session, services.tasks()), appearance.i18n()).build()),
                new ScreenEntry("data", "shell.nav.data", "mdi2d-database-import-outline", Permission.DATA_IMPORT,
                        () -> new DataView(new DataViewModel(services.dataHistory(), new ImportWizardModel.Importer(
                                services.bookImport()::validate, services.bookImport()::load, services.importRejectsFolder()), session, services.tasks(),
                                dataChanged), appearance.i18n()).build()),
                new ScreenEntry("backup", "shell.nav.backup", "mdi2b-backup-restore", Permission.DATABASE_ADMIN,
                        () -> new BackupView(new BackupViewModel(services.backup(), session, services.tasks()), appearance.i18n()).build()),
                // dormant and never-used accounts: cancellation cases, keep on request, manager approval
                new ScreenEntry("lifecycle", "shell.nav.lifecycle", "mdi2t-timer-sand", Permission.LIFECYCLE_VIEW,
                        () -> new LifecycleView(new LifecycleViewModel(services.lifecycle().queries, services.lifecycle().cases, session,
                                services.tasks()), appearance.i18n()).build()),
                // policy versions: limit policy and rule set drafts, differences, maker-checker approval, activation
                new ScreenEntry("policy", "shell.nav.policy", "mdi2t-tune-variant", Permission.POLICY_SIMULATE,
                        () -> new PolicyView(new PolicyViewModel(services.limits().versions, services.limits().impact, session, services.tasks()),
                                appearance.i18n()).build()),
                // models: the registry, the champion seats, promotion and rollback under maker-checker control
                new ScreenEntry("models", "shell.nav.models", "mdi2c-chart-bell-curve", Permission.MODEL_VIEW,
                        () -> new ModelsView(new ModelsViewModel(services.models(), services.modelGovernance(), session, services.tasks()),
                                appearance.i18n()).build()));
    }

    /** One customer's profile, opened from the browser (or the review queue); {@code back} returns there. */
    private Node profile(Session session, long accountId, Runnable back) {
        ProfileViewModel model = new ProfileViewModel(services.customerProfiles(), session, services.tasks(), services.clock(), accountId);
        // privacy: what of the customer's personal data was erased, and a manager's erasure on request
        ErasureViewModel erasure = new ErasureViewModel(services.erasure(), session, services.tasks());
        erasure.setOnErased(model::load);
        model.profileProperty().addListener((obs, old, p) -> {
            if (p != null && (old == null || old.header().customerId() != p.header().customerId())) {
                erasure.load(p.header().customerId());
            }
        });
        return new ProfileView(model, appearance.i18n(), services.tasks(), appearance.themeProperty(), back, profileTabs(session, accountId),
                List.of(() -> new ErasureBarView(erasure, appearance.i18n()).build())).build();
    }

    /** One appeal, opened from the inbox; {@code back} returns there. */
    private Node appealCase(Session session, long appealId, Runnable back) {
        AppealCaseViewModel model = new AppealCaseViewModel(services.appeals(), services.scoring(), session, services.tasks(), appealId);
        return new AppealCaseView(model, appearance.i18n(), back).build();
    }

    /** Tabs of the profile that come from other features: the score breakdown, for roles that may see models. */
    private List<ProfileView.ExtraTab> profileTabs(Session session, long accountId) {
        if (!session.has(Permission.MODEL_VIEW)) {
            return List.of();
        }
        return List.of(new ProfileView.ExtraTab("profile.tab.score", "profile-tab-score",
                () -> new ScoreView(new ScoreViewModel(services.scoring(), session, services.tasks(), accountId), appearance.i18n(),
                        services.tasks(), appearance.themeProperty()).build()));
    }

    private void signOut(Session session) {
        services.tasks().submit(progress -> {
            services.operators().signOut(session);
            return null;
        }, done -> showLogin(), error -> showLogin());
    }

    /** Keeps where the operator left the main window, for the next sign-in and the next start. */
    private void rememberMainWindow() {
        if (mainShown && stage.isShowing()) {
            appearance.preferences().setMainWindow(new WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight(),
                    stage.isMaximized()));
        }
    }

    /**
     * Puts {@code root} into the stage at {@code placement} (outer size, decorations included), no
     * smaller than {@code minWidth} × {@code minHeight}. Both windows stay resizable: a window manager
     * keeps a fixed-size window's size hints and would hold the main window at the login window's size.
     */
    private void show(Parent root, WindowPlacement placement, double minWidth, double minHeight) {
        stage.setMaximized(false);
        stage.setScene(Theme.style(new Scene(root)));
        stage.setResizable(true);
        stage.setMinWidth(Math.min(minWidth, placement.width()));
        stage.setMinHeight(Math.min(minHeight, placement.height()));
        stage.setX(placement.x());
        stage.setY(placement.y());
        stage.setWidth(placement.width());
        stage.setHeight(placement.height());
        if (!stage.isShowing()) {
            stage.show();
            // Some window managers place a newly mapped window by their own rule (openbox: top-left);
            // moving it once it is on screen puts it where it belongs.
            stage.setX(placement.x());
            stage.setY(placement.y());
        }
        stage.setMaximized(placement.maximized());
    }
}
