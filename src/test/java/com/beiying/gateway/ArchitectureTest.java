package com.beiying.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.beiying.gateway.config.ConditionalOnRole;
import com.beiying.gateway.worker.CommandHandler;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.RestController;

/**
 * The layering of {@code docs/architecture.md}, kept true: packages form a tree of roles whose
 * arrows point one way. Each rule here is one sentence of that document.
 */
class ArchitectureTest {
    private static final String ROOT = "com.beiying.gateway";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    /** No two packages depend on each other, however far round (subpackages count as packages of their own). */
    static final ArchRule NO_CYCLES = slices().matching(ROOT + ".(**)").should().beFreeOfCycles();

    static final ArchRule LAYERS = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("App").definedBy(ROOT)
            .layer("Ingress").definedBy(ROOT + ".ingress..")
            .layer("Worker").definedBy(ROOT + ".worker..")
            .layer("Simulator").definedBy(ROOT + ".simulator..")
            .layer("Messaging").definedBy(ROOT + ".messaging..")
            .layer("Wallet").definedBy(ROOT + ".wallet..")
            .layer("Bets").definedBy(ROOT + ".bets..")
            .layer("Provider").definedBy(ROOT + ".provider..")
            .layer("Persistence").definedBy(ROOT + ".persistence..")
            .layer("Fields").definedBy(ROOT + ".fields..")
            .layer("Config").definedBy(ROOT + ".config..")
            .layer("Domain").definedBy(ROOT + ".domain..")
            .layer("Error").definedBy(ROOT + ".error..")
            .layer("Security").definedBy(ROOT + ".security..")
            .whereLayer("Ingress").mayNotBeAccessedByAnyLayer()
            .whereLayer("Worker").mayNotBeAccessedByAnyLayer()
            .whereLayer("Simulator").mayNotBeAccessedByAnyLayer()
            .whereLayer("Messaging").mayOnlyBeAccessedByLayers("Ingress", "Worker")
            .whereLayer("Wallet").mayOnlyBeAccessedByLayers("Worker")
            .whereLayer("Bets").mayOnlyBeAccessedByLayers("Ingress", "Worker")
            // Only workers call providers; the ingress holds no adapter and no provider credential
            // and sends what needs a provider to a worker as a command (admin reconciliation too).
            .whereLayer("Provider").mayOnlyBeAccessedByLayers("Worker")
            .whereLayer("Persistence").mayOnlyBeAccessedByLayers("Ingress", "Worker", "Messaging", "Wallet", "Bets")
            .whereLayer("Fields").mayOnlyBeAccessedByLayers("Ingress", "Worker", "Messaging", "Bets")
            .whereLayer("Config").mayOnlyBeAccessedByLayers("App", "Ingress", "Worker", "Simulator", "Messaging", "Wallet",
                    "Provider", "Persistence")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Ingress", "Worker", "Messaging", "Wallet", "Bets", "Provider",
                    "Persistence", "Fields")
            .whereLayer("Error").mayOnlyBeAccessedByLayers("Ingress", "Worker", "Messaging", "Wallet", "Bets", "Provider",
                    "Persistence", "Fields", "Domain")
            .whereLayer("Security").mayOnlyBeAccessedByLayers("Ingress", "Worker", "Messaging", "Persistence", "Fields",
                    "Config", "Domain");

    /** Controllers, the API's and the console's pages alike, decode, delegate and answer: no SQL, no Kafka in them. */
    static final ArchRule CONTROLLERS_WITHOUT_SQL_OR_KAFKA = noClasses().that().areAnnotatedWith(RestController.class)
            .or().areAnnotatedWith(Controller.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.jdbi..", "java.sql..", "org.apache.kafka..",
                    "org.springframework.kafka..");

    /** The simulator plays the providers' side; it shares no code with the gateway's adapters, nor they with it. */
    static final ArchRule SIMULATOR_APART = noClasses().that().resideInAPackage(ROOT + ".simulator..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".provider..", ROOT + ".worker..", ROOT + ".ingress..");

    static final ArchRule ADAPTERS_APART = noClasses().that().resideInAPackage(ROOT + ".provider..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".simulator..");

    /** Generated Avro classes stay at the messaging edge. */
    static final ArchRule AVRO_AT_THE_EDGE = noClasses().that().resideOutsideOfPackage(ROOT + ".messaging..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".messaging.avro..");

    /** The console sits on top of the ingress: it shows the admin API's services to people, and nothing uses it. */
    static final ArchRule CONSOLE_ON_TOP = noClasses().that().resideOutsideOfPackage(ROOT + ".ingress.console..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + ".ingress.console..");

    /** The console reaches providers, Kafka and workers only through the admin services. */
    static final ArchRule CONSOLE_THROUGH_THE_ADMIN_SERVICES = noClasses().that().resideInAPackage(ROOT + ".ingress.console..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".provider..", ROOT + ".messaging..", ROOT + ".worker..",
                    ROOT + ".wallet..", "org.apache.kafka..", "org.springframework.kafka..", "org.jdbi..", "java.sql..");

    /** The console's classes are package-private (types nested in an interface are public by the language): controllers, the guard and the session store are found by Spring, not by name. */
    static final ArchRule CONSOLE_PACKAGE_PRIVATE = classes().that().resideInAPackage(ROOT + ".ingress.console..")
            .and().areTopLevelClasses().should().notHaveModifier(JavaModifier.PUBLIC);

    /**
     * A controller exists only in the role that serves it: a worker or simulator process that
     * scanned a console page would fail to start for want of the admin services it needs.
     */
    static final ArchRule CONTROLLERS_BELONG_TO_A_ROLE = classes().that().areAnnotatedWith(RestController.class)
            .or().areAnnotatedWith(Controller.class).or().areAnnotatedWith(ControllerAdvice.class)
            .should().beAnnotatedWith(ConditionalOnRole.class);

    /** Handlers are found by scanning and need not be seen from outside their feature package. */
    static final ArchRule HANDLERS_PACKAGE_PRIVATE = classes().that().implement(CommandHandler.class)
            .should().notHaveModifier(JavaModifier.PUBLIC);

    @Test
    void packagesHaveNoCycles() {
        NO_CYCLES.check(MAIN);
    }

    @Test
    void layersPointOneWay() {
        LAYERS.check(MAIN);
    }

    @Test
    void controllersHoldNoSqlOrKafka() {
        CONTROLLERS_WITHOUT_SQL_OR_KAFKA.check(MAIN);
    }

    @Test
    void simulatorAndAdaptersShareNoCode() {
        SIMULATOR_APART.check(MAIN);
        ADAPTERS_APART.check(MAIN);
    }

    @Test
    void avroClassesStayInMessaging() {
        AVRO_AT_THE_EDGE.check(MAIN);
    }

    @Test
    void theConsoleSitsOnTopAndGoesThroughTheAdminServices() {
        CONSOLE_ON_TOP.check(MAIN);
        CONSOLE_THROUGH_THE_ADMIN_SERVICES.check(MAIN);
        CONSOLE_PACKAGE_PRIVATE.check(MAIN);
    }

    @Test
    void controllersBelongToARole() {
        CONTROLLERS_BELONG_TO_A_ROLE.check(MAIN);
    }

    @Test
    void handlersArePackagePrivate() {
        HANDLERS_PACKAGE_PRIVATE.check(MAIN);
    }

    /** The cycle rule is not vacuous: it catches the deliberate cycle of the test fixture. */
    @Test
    void cycleRuleCatchesACycle() {
        JavaClasses fixture = new ClassFileImporter().importPackages(ROOT + ".archfixture");
        assertThat(slices().matching(ROOT + ".archfixture.(**)").should().beFreeOfCycles().evaluate(fixture).hasViolation())
                .isTrue();
    }
}
