package org.jheat.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The layer order of {@code shared/DESIGN.md} as executable rules: a class may use only its own layer and the layers
 * below it, {@code java.lang.foreign} stays in the layers that hand memory to C libraries, and packages form no cycles.
 * Adding an upward import (core importing linalg, tensor importing comm …) fails this test with the offending line.
 */
@Tag("local")
class LayerRulesTest {
    /**
     * Layers from the bottom up; packages on one line are peers and may use each other (the cycle rule still applies).
     * {@code org.jheat} itself is the {@code Heat} facade (core, random, io and the top-level numpy names).
     */
    static final String[][] LAYERS = {
        {"org.jheat.natives.."},
        {"org.jheat.tensor.."},
        {"org.jheat.comm.."},
        {"org.jheat.core.."},
        {"org.jheat.random..", "org.jheat.io..", "org.jheat.linalg..", "org.jheat.fft..", "org.jheat.sparse.."},
        {"org.jheat"},
        {"org.jheat.spatial..", "org.jheat.preprocessing..", "org.jheat.datasets..", "org.jheat.cluster..",
            "org.jheat.regression..", "org.jheat.naivebayes..", "org.jheat.classification..",
            "org.jheat.decomposition..", "org.jheat.graph..", "org.jheat.nn..", "org.jheat.optim.."},
        {"org.jheat.cli.."},
    };

    /** Only these may touch off-heap memory and native calls directly; everything above goes through Tensor. */
    static final String[] FOREIGN_ALLOWED = {"org.jheat.natives..", "org.jheat.tensor..", "org.jheat.comm..", "org.jheat.io.."};

    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/test-classes/")).importPackages("org.jheat");
    }

    @Test
    void noLayerUsesALayerAboveIt() {
        for (int i = 0; i < LAYERS.length; i++) {
            List<String> above = new ArrayList<>();
            for (int j = i + 1; j < LAYERS.length; j++) above.addAll(Arrays.asList(LAYERS[j]));
            if (above.isEmpty()) continue;
            noClasses().that().resideInAnyPackage(LAYERS[i])
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("layers only use layers below them (shared/DESIGN.md)")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void foreignMemoryStaysInTheLowLayers() {
        noClasses().that().resideOutsideOfPackages(FOREIGN_ALLOWED)
                .should().dependOnClassesThat().resideInAPackage("java.lang.foreign..")
                .because("above tensor, memory is reached through Tensor and the backend (a device backend must need no edit there)")
                .check(classes);
    }

    @Test
    void packagesFormNoCycles() {
        slices().matching("org.jheat.(*)..").should().beFreeOfCycles().check(classes);
    }
}
