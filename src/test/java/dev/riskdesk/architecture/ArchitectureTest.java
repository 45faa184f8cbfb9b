package dev.riskdesk.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The allowed directions between packages, checked on every build. */
@AnalyzeClasses(packages = "dev.riskdesk", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule uiHasNoSql = noClasses().that().resideInAPackage("dev.riskdesk.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "dev.riskdesk.db..")
            .because("screens get data only through services, which own transactions, permissions and audit");

    /** Every package outside the shell (app) and the screens (ui) is a feature or shared code: new features are covered without a list. */
    @ArchTest
    static final ArchRule featuresHaveNoJavaFx = noClasses()
            .that().resideInAPackage("dev.riskdesk..").and().resideOutsideOfPackages("dev.riskdesk.ui..", "dev.riskdesk.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("services are shared by the CLI and the console and are tested without the toolkit");

    @ArchTest
    static final ArchRule featuresDoNotKnowTheShell = noClasses()
            .that().resideInAPackage("dev.riskdesk..").and().resideOutsideOfPackages("dev.riskdesk.ui..", "dev.riskdesk.app..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.riskdesk.ui..", "dev.riskdesk.app..")
            .because("the shell composes the features, never the other way round");

    @ArchTest
    static final ArchRule uiDoesNotReachIntoTheShell = noClasses().that().resideInAPackage("dev.riskdesk.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.riskdesk.app..")
            .because("the composition root builds the screens; screens must not look services up");

    /** Nested and anonymous classes of a view count as the view: a cell factory is still the screen. */
    @ArchTest
    static final ArchRule viewsDoNotReachServices = noClasses()
            .that().resideInAPackage("dev.riskdesk.ui..").and().haveNameMatching(".*(View|Dialog|Dialogs)(\\$.*)?")
            .should().dependOnClassesThat().haveSimpleNameEndingWith("Service")
            .because("views only bind: their view models call the services, parse what was typed and are tested without the toolkit");

    /**
     * The generated schema types its status and kind columns with the features' enums (jOOQ forced types): a mirror of
     * the database, not a dependency of the data layer on a feature, so those references do not count as cycles.
     */
    @ArchTest
    static final ArchRule topLevelPackagesAreFreeOfCycles = slices().matching("dev.riskdesk.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(resideInAPackage("dev.riskdesk.db.schema.."), assignableTo(Enum.class))
            .because("a successor must be able to change one feature without dragging in the others");

    // identity: only the sign-in makes sessions
    /** The constructor is package-private; inside the package only the sign-in (and the session's own set-up constant) may call it. */
    @ArchTest
    static final ArchRule onlyTheSignInMakesSessions = noClasses()
            .that().doNotHaveFullyQualifiedName("dev.riskdesk.security.OperatorService")
            .and().doNotHaveFullyQualifiedName("dev.riskdesk.security.Session")
            .should().callConstructorWhere(com.tngtech.archunit.core.domain.JavaConstructorCall.Predicates.target(
                    com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                            com.tngtech.archunit.core.domain.JavaClass.Predicates.type(dev.riskdesk.security.Session.class))))
            .because("a session carries permissions: only signing in with a password may make one");

    @ArchTest
    static final ArchRule screensAreFreeOfCycles = slices().matching("dev.riskdesk.ui.(*)..")
            .should().beFreeOfCycles()
            .because("each screen is a slice that can be changed on its own");
}
