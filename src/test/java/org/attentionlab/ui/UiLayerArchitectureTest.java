package org.attentionlab.ui;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Only {@code org.attentionlab.ui} may use JavaFX or ControlsFX (DESIGN.md, "The house"). */
class UiLayerArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.attentionlab");

    @Test
    void nothingOutsideUiUsesJavaFx() {
        noClasses().that().resideOutsideOfPackage("org.attentionlab.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "com.sun.javafx..")
                .because("the engine, text, bleu, io, lesson and cli packages must run headless and be testable "
                        + "without a display; only org.attentionlab.ui talks to JavaFX")
                .check(MAIN);
    }

    @Test
    void mainOnlyLaunchesTheAppAndDoesNotExtendApplication() {
        noClasses().that().haveFullyQualifiedName("org.attentionlab.Main")
                .should().beAssignableTo("javafx.application.Application")
                .check(MAIN);
        noClasses().that().haveFullyQualifiedName("org.attentionlab.Main")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(MAIN);
    }

    @Test
    void uiDoesNotKeepNd4jArraysInFields() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields()
                .that().areDeclaredInClassesThat().resideInAPackage("org.attentionlab.ui..")
                .should().haveRawType("org.nd4j.linalg.api.ndarray.INDArray")
                .because("the UI holds only immutable trace records, never a live ND4J array")
                .check(MAIN);
    }
}
