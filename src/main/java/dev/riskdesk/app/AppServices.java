package dev.riskdesk.app;

import dev.riskdesk.app.demo.DemoAppeals;
import dev.riskdesk.app.demo.DemoSetup;
import dev.riskdesk.appeals.AppealServices;
import dev.riskdesk.backup.BackupService;
import dev.riskdesk.common.Progress;
import dev.riskdesk.common.TaskRunner;
import dev.riskdesk.customers.CustomerProfileService;
import dev.riskdesk.customers.CustomerSearchService;
import dev.riskdesk.customers.PersonalDataService;
import dev.riskdesk.dashboard.DashboardServices;
import dev.riskdesk.db.AppSettings;
import dev.riskdesk.db.Database;
import dev.riskdesk.db.DatabaseInfo;
import dev.riskdesk.db.DatabaseLocation;
import dev.riskdesk.exchange.export.BookExportService;
import dev.riskdesk.exchange.history.DataHistoryService;
import dev.riskdesk.exchange.load.BookImportService;
import dev.riskdesk.lifecycle.LifecycleServices;
import dev.riskdesk.limits.LimitServices;
import dev.riskdesk.portfolio.PortfolioGenerator;
import dev.riskdesk.portfolio.PortfolioSummaryService;
import dev.riskdesk.privacy.ErasureService;
import dev.riskdesk.privacy.RetentionRunService;
import dev.riskdesk.scoring.ScoringService;
import dev.riskdesk.scoring.batch.ScoreRunService;
import dev.riskdesk.scoring.governance.ModelGovernanceService;
import dev.riskdesk.scoring.model.ModelRepository;
import dev.riskdesk.scoring.model.ProtectedAttributes;
import dev.riskdesk.scoring.model.MonitoringService;
import dev.riskdesk.scoring.model.TrainingService;
import dev.riskdesk.security.AuditLog;
import dev.riskdesk.security.AuditQueryService;
import dev.riskdesk.security.audit.AuditChainVerifier;
import dev.riskdesk.security.DemoOperator;
import dev.riskdesk.security.OperatorAdminService;
import dev.riskdesk.security.OperatorService;
import dev.riskdesk.security.PasswordHasher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * The composition root: every service of the console and the command line, built once by constructor
 * on one database, one business clock and one audit log. No singletons; screens and CLI commands get
 * what they need from here (screens through their constructors).
 */
public final class AppServices implements AutoCloseable {
    /** Business time is China Standard Time wall-clock (see the schema's conventions). */
    public static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    private final Database database;
    private final Clock clock;
    private final TaskRunner tasks;
    private final OperatorService operators;
    private final OperatorAdminService operatorAdmin;
    private final PortfolioSummaryService portfolioSummary;
    private final AuditQueryService auditQuery;
    private final AuditChainVerifier auditChain;
    private final DemoSetup demoSetup;
    private final CustomerSearchService customerSearch;
    private final PersonalDataService personalData;
    private final CustomerProfileService customerProfiles;
    private final ModelRepository models;
    // model governance: promotion and rollback of champions under maker-checker control
    private final ModelGovernanceService modelGovernance;
    private final TrainingService training;
    private final ScoringService scoring;
    private final ScoreRunService scoreRun;
    private final MonitoringService monitoring;
    private final LimitServices limits;
    private final DashboardServices dashboard;
    private final PortfolioGenerator generator;
    private final DemoAppeals demoAppeals;
    private final DataHistoryService dataHistory;
    private final BookExportService bookExport;
    private final BookImportService bookImport;
    private final BackupService backup;
    // privacy: retention and erasure of personal data
    private final ErasureService erasure;
    private final RetentionRunService retention;
    // lifecycle of dormant and never-used accounts
    private final LifecycleServices lifecycle;

    public AppServices(Database database, Clock clock, PasswordHasher hasher, TaskRunner tasks) {
        this.database = database;
        this.clock = clock;
        this.tasks = tasks;
        AuditLog audit = new AuditLog(clock); // one log for every service: each event commits with its change
        this.operators = new OperatorService(database, hasher, audit, clock);
        this.operatorAdmin = new OperatorAdminService(database, hasher, audit, clock);
        this.portfolioSummary = new PortfolioSummaryService(database, clock);
        this.auditQuery = new AuditQueryService(database);
        this.auditChain = new AuditChainVerifier(database);
        this.customerSearch = new CustomerSearchService(database);
        this.personalData = new PersonalDataService(database, audit);
        this.customerProfiles = new CustomerProfileService(database);
        this.models = new ModelRepository(database, clock);
        this.training = new TrainingService(database, models, audit);
        // model governance: promotion and rollback of champions under maker-checker control
        this.modelGovernance = new ModelGovernanceService(database, models, audit, clock);
        this.limits = new LimitServices(database, audit, clock);
        // fairness: the active limit policy names the attributes scoring never gives as a reason
        java.util.function.Supplier<ProtectedAttributes> protectedAttributes = () -> limits.policies.activeOrDefaults().policy().protectedAttributeSet();
        this.scoring = new ScoringService(database, models, protectedAttributes);
        this.scoreRun = new ScoreRunService(database, models, audit, clock, protectedAttributes);
        this.monitoring = new MonitoringService(database, models, clock);
        this.dashboard = new DashboardServices(database, models, limits, audit, clock);
        this.generator = new PortfolioGenerator(database, audit);
        this.demoAppeals = new DemoAppeals(database, operators, clock);
        this.dataHistory = new DataHistoryService(database, clock);
        this.bookExport = new BookExportService(database, audit);
        this.bookImport = new BookImportService(database, audit, clock);
        this.backup = new BackupService(database, audit);
        // privacy: retention and erasure of personal data
        this.erasure = new ErasureService(database, audit, clock);
        this.retention = new RetentionRunService(database, limits.policies, audit, clock);
        this.lifecycle = new LifecycleServices(database, limits.policies, limits.notices, audit, clock);
        this.demoSetup = new DemoSetup(new AppSettings(database), operators, generator, training, modelGovernance, scoreRun, limits, demoAppeals, dashboard, clock,
                lifecycle);
    }

    /** Opens the database the console or the command line was pointed at, with the production clock and hasher. Slow: call off the FX thread. */
    public static AppServices open(DatabaseLocation location, TaskRunner tasks) {
        Database database = Database.open(location);
        try {
            return new AppServices(database, Clock.system(BUSINESS_ZONE), new PasswordHasher(), tasks);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public Clock clock() {
        return clock;
    }

    public OperatorService operators() {
        return operators;
    }

    /** An administrator's management of operators and of the sign-in policy. */
    public OperatorAdminService operatorAdmin() {
        return operatorAdmin;
    }

    public PortfolioSummaryService portfolioSummary() {
        return portfolioSummary;
    }

    public AuditQueryService auditQuery() {
        return auditQuery;
    }

    public AuditChainVerifier auditChain() {
        return auditChain;
    }

    public CustomerSearchService customerSearch() {
        return customerSearch;
    }

    public PersonalDataService personalData() {
        return personalData;
    }

    public CustomerProfileService customerProfiles() {
        return customerProfiles;
    }

    public ModelRepository models() {
        return models;
    }

    /** Model governance: promotion and rollback requests, approved by a second manager. */
    public ModelGovernanceService modelGovernance() {
        return modelGovernance;
    }

    public TrainingService training() {
        return training;
    }

    public ScoringService scoring() {
        return scoring;
    }

    public ScoreRunService scoreRun() {
        return scoreRun;
    }

    public MonitoringService monitoring() {
        return monitoring;
    }

    public LimitServices limits() {
        return limits;
    }

    public AppealServices appeals() {
        return limits.appeals;
    }

    public DashboardServices dashboard() {
        return dashboard;
    }

    /**
     * Where the console's import wizard puts its reject files: a {@code rejects} folder beside the
     * database file (for a database that is no file, one in the temporary folder). Never beside the
     * files being loaded, never the working folder the console was started from.
     */
    public Path importRejectsFolder() {
        DatabaseLocation location = database.location();
        Path file = location.isFile() ? location.file().toAbsolutePath() : null;
        return file != null && file.getParent() != null ? file.getParent().resolve("rejects")
                : Path.of(System.getProperty("java.io.tmpdir"), "riskdesk-rejects");
    }

    /** The feeds and the history of loads, for the Data screen. */
    public DataHistoryService dataHistory() {
        return dataHistory;
    }

    /** The generator of demo books ({@code riskdesk generate} and the first start). */
    public PortfolioGenerator generator() {
        return generator;
    }

    /** Writes the whole book as CSV files ({@code riskdesk export}). */
    public BookExportService bookExport() {
        return bookExport;
    }

    /** Loads a lender's book or its daily delta from the book's CSV files ({@code riskdesk import}, the Data screen's wizard). */
    public BackupService backup() {
        return backup;
    }

    public BookImportService bookImport() {
        return bookImport;
    }

    // privacy: retention and erasure of personal data
    /** Erasure on request and what has been erased (profile, dashboard). */
    public ErasureService erasure() {
        return erasure;
    }

    /** The retention run ({@code riskdesk privacy retention}; the lifecycle run calls it too). */
    public RetentionRunService retention() {
        return retention;
    }

    /** The database itself, for the command line's database report and batch tools; screens never get it. */
    public Database database() {
        return database;
    }

    /** What the status bar shows as the database's location. */
    public String databaseDescription() {
        return database.location().describe();
    }

    /**
     * True when the book is empty, or when a first start began and stopped part-way (cancelled or
     * killed): the first start then creates the demo operators and portfolio, or finishes them.
     */
    public boolean needsFirstStart() {
        return portfolioSummary.isEmpty() || demoSetup.unfinished();
    }

    /** First start: demo operators, then the demo portfolio. Runs off the FX thread. */
    public void createDemoData(Progress progress) {
        operators.createDemoOperatorsIfEmpty();
        progress.checkCancelled();
        demoSetup.create(progress);
    }

    /** The first start's steps, for {@code riskdesk demo}. */
    /** Dormant and never-used accounts: the lifecycle run, the cases and their figures. */
    public LifecycleServices lifecycle() {
        return lifecycle;
    }

    public DemoSetup demoSetup() {
        return demoSetup;
    }

    /** The demo appeals on their own ({@code riskdesk appeals demo}). */
    public DemoAppeals demoAppeals() {
        return demoAppeals;
    }

    /** The demo operators to show on the login window: on a demo database, those of them that exist; none otherwise. */
    public List<DemoOperator> demoOperatorsToShow() {
        if (!DatabaseInfo.isDemo(database.dsl())) {
            return List.of();
        }
        // a demo book made by `riskdesk generate` on a database with no operators: the ones shown must exist
        operators.createDemoOperatorsIfEmpty();
        return operators.existingDemoOperators();
    }

    @Override
    public void close() {
        tasks.shutdown();
        database.close();
    }
}
