package org.raftteller.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import java.util.Random;
import java.util.UUID;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The dependency rules of DESIGN.md, kept true by the build.
 *
 * <p>Arrows point one way: ui → cluster → node → storage and the pure core (raft, bank); cli may
 * use them all. The core is pure so that the protocol can be tested by deterministic simulation:
 * no threads, clock, sockets, files, logging or JSON in raft or bank.
 *
 * <p>Packages that other work has not created yet are optional layers, or their rules allow an
 * empty selection, so the rules hold on today's tree and bite as soon as a class arrives.
 *
 * <p>The rules read bytecode, so a use of another package's compile-time constant (a static final
 * String or primitive, inlined by javac) is invisible to them.
 */
@AnalyzeClasses(packages = "org.raftteller", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String RAFT = "org.raftteller.raft..";
    private static final String BANK = "org.raftteller.bank..";
    private static final String UI = "org.raftteller.ui..";
    private static final String CLI = "org.raftteller.cli..";

    /**
     * What the pure core may not touch. java.lang (records included), java.util collections,
     * java.util.function and java.util.random stay allowed; java.util.concurrent does not.
     */
    private static final DescribedPredicate<JavaClass> IMPURE = resideInAnyPackage(
            "io.netty..",
            "javafx..",
            "java.io..",
            "java.nio..",
            "java.net..",
            "java.util.concurrent..",
            "java.time..",
            "com.google.gson..",
            "org.slf4j..")
            .or(belongToAnyOf(Thread.class))
            .as("belong to I/O, threads, time, networking, JSON, logging or JavaFX");

    @ArchTest
    static final ArchRule raftIsPure = noClasses()
            .that().resideInAPackage(RAFT)
            .should().dependOnClassesThat(IMPURE)
            .because("the consensus core is a deterministic state machine (DESIGN.md)");

    @ArchTest
    static final ArchRule bankIsPure = noClasses()
            .that().resideInAPackage(BANK)
            .should().dependOnClassesThat(IMPURE)
            .because("every replica applying the same entries must reach the same bytes")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule raftUsesNothingElseOfRaftTeller = noClasses()
            .that().resideInAPackage(RAFT)
            .should().dependOnClassesThat(projectClassesOutside(RAFT))
            .because("raft imports nothing from the rest of Raft Teller, not even bank");

    @ArchTest
    static final ArchRule bankUsesNothingElseOfRaftTeller = noClasses()
            .that().resideInAPackage(BANK)
            .should().dependOnClassesThat(projectClassesOutside(BANK))
            .because("bank imports nothing from the rest of Raft Teller, not even raft")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule coreReadsNoClockAndNoUnseededRandomness = noClasses()
            .that().resideInAnyPackage(RAFT, BANK)
            .should().callMethod(System.class, "currentTimeMillis")
            .orShould().callMethod(System.class, "nanoTime")
            .orShould().callMethod(Math.class, "random")
            .orShould().callMethod(UUID.class, "randomUUID")
            .orShould().callConstructor(Random.class)
            .because("time comes in as ticks and randomness from an injected seeded source");

    @ArchTest
    static final ArchRule onlyUiUsesJavaFx = noClasses()
            .that().resideOutsideOfPackage(UI)
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("nothing but ui imports JavaFX, so nodes run headless (DESIGN.md)");

    @ArchTest
    static final ArchRule onlyCliUsesUi = noClasses()
            .that().resideOutsideOfPackages(UI, CLI)
            .should().dependOnClassesThat().resideInAPackage(UI)
            .because("the GUI is one client of the nodes; nothing below it may know it");

    @ArchTest
    static final ArchRule layersPointOneWay = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("cli").definedBy(CLI)
            .layer("ui").definedBy(UI)
            .optionalLayer("cluster").definedBy("org.raftteller.cluster..")
            .optionalLayer("node").definedBy("org.raftteller.node..")
            .optionalLayer("storage").definedBy("org.raftteller.storage..")
            .layer("raft").definedBy(RAFT)
            .optionalLayer("bank").definedBy(BANK)

            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("ui").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("cluster").mayOnlyBeAccessedByLayers("ui", "cli")
            .whereLayer("node").mayOnlyBeAccessedByLayers("cluster", "cli")
            .whereLayer("storage").mayOnlyBeAccessedByLayers("node", "cli")
            // The core's value types (roles, terms, entries, the balance) are the shared
            // vocabulary of every layer above it; the ui still reaches nodes only via cluster.
            .whereLayer("raft")
            .mayOnlyBeAccessedByLayers("storage", "node", "cluster", "ui", "cli")
            .whereLayer("bank")
            .mayOnlyBeAccessedByLayers("storage", "node", "cluster", "ui", "cli");

    private static DescribedPredicate<JavaClass> projectClassesOutside(String ownPackage) {
        return resideInAPackage("org.raftteller..")
                .and(not(resideInAPackage(ownPackage)))
                .as("are part of Raft Teller outside " + ownPackage);
    }
}
