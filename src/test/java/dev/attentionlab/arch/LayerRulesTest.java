package dev.attentionlab.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers, checked on the compiled classes: text → engine → trace, read by render, io and
 * export, shown by ui, driven by cli. Each package may use only the ones below it.
 */
@AnalyzeClasses(packages = "dev.attentionlab", importOptions = ImportOption.DoNotIncludeTests.class)
class LayerRulesTest {
    private static final String ENGINE = "dev.attentionlab.engine..";
    private static final String JDK = "java..";
    /** The incubating Vector API, which only the engine's fast matrix kernel uses. */
    private static final String VECTOR_API = "jdk.incubator.vector..";
    private static final String JACKSON = "com.fasterxml.jackson..";
    /** ONNX files are protobuf: io reads them through classes generated from onnx.proto. */
    private static final String PROTOBUF = "com.google.protobuf..";

    @ArchTest
    static final ArchRule engineDependsOnNoOtherProjectPackage = classes().that().resideInAPackage(ENGINE)
            .should().onlyDependOnClassesThat().resideInAnyPackage(ENGINE, JDK, VECTOR_API)
            .because("the engine is the math; everything else reads what it computes");

    @ArchTest
    static final ArchRule engineDoesNoIo = noClasses().that().resideInAPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio.file..", "javafx..", JACKSON);

    @ArchTest
    static final ArchRule renderPaintsFromTheEngineOnly = classes().that().resideInAPackage("dev.attentionlab.render..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.attentionlab.render..", ENGINE, JDK)
            .because("the same painting serves the screen and PNG/SVG export, so it must not need JavaFX");

    @ArchTest
    static final ArchRule ioReadsAndWritesEngineValuesOnly = classes().that().resideInAPackage("dev.attentionlab.io..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.attentionlab.io..", ENGINE, JDK, JACKSON, PROTOBUF);

    @ArchTest
    static final ArchRule exportSitsOnRenderAndIo = classes().that().resideInAPackage("dev.attentionlab.export..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.attentionlab.export..", "dev.attentionlab.render..",
                    "dev.attentionlab.io..", ENGINE, JDK, JACKSON);

    @ArchTest
    static final ArchRule fixturesUseTheEngineAndIo = classes().that().resideInAPackage("dev.attentionlab.fixtures..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("dev.attentionlab.fixtures..", "dev.attentionlab.io..", ENGINE, JDK, JACKSON);

    @ArchTest
    static final ArchRule uiNeverUsesTheCli = noClasses().that().resideInAPackage("dev.attentionlab.ui..")
            .should().dependOnClassesThat().resideInAPackage("dev.attentionlab.cli..");

    /** The window's view-models read and save the user's files through io's SessionFiles, so tests can hand in another store. */
    @ArchTest
    static final ArchRule theWindowReachesFilesThroughSessionFiles = noClasses().that().resideInAPackage("dev.attentionlab.ui..")
            .should().dependOnClassesThat().haveFullyQualifiedName("dev.attentionlab.io.LessonFile")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.attentionlab.io.WeightsImport")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.attentionlab.io.TextFiles")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.attentionlab.io.ModelFile");

    /**
     * The screenshot harness drives the window from outside, as the window tests do (it stays in ui to
     * reach the same package-private parts they reach): no class of the window may call it.
     */
    @ArchTest
    static final ArchRule theWindowDoesNotDependOnItsScreenshotHarness = noClasses().that().resideInAPackage("dev.attentionlab.ui..")
            .and().haveNameNotMatching("dev\\.attentionlab\\.ui\\.Screenshots(\\$.*)?")
            .should().dependOnClassesThat().haveNameMatching("dev\\.attentionlab\\.ui\\.Screenshots(\\$.*)?");

    @ArchTest
    static final ArchRule onlyUiAndTheLauncherTouchJavaFx = noClasses().that()
            .resideInAnyPackage(ENGINE, "dev.attentionlab.render..", "dev.attentionlab.io..", "dev.attentionlab.export..", "dev.attentionlab.fixtures..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    /** Matrix.wrap and raw share an array without copying: fast inside the engine, a way to change a trace outside it. */
    @ArchTest
    static final ArchRule onlyTheEngineSharesMatrixArrays = noClasses().that().resideOutsideOfPackage(ENGINE)
            .should().callMethod(dev.attentionlab.engine.tensor.Matrix.class, "wrap", int.class, int.class, float[].class)
            .orShould().callMethod(dev.attentionlab.engine.tensor.Matrix.class, "raw")
            .orShould().callMethod(dev.attentionlab.engine.model.LmParameters.class, "arrays")
            .because("outside the engine, matrices are values: Matrix.of copies");

    @ArchTest
    static final ArchRule packagesHaveNoCycles = slices().matching("dev.attentionlab.(*)..").should().beFreeOfCycles();
}
