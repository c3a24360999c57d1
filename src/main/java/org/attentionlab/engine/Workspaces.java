package org.attentionlab.engine;

import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs a forward pass inside an ND4J memory workspace, so the dozens of intermediate arrays of
 * one call are carved from one reused block instead of being allocated (and zeroed and freed)
 * one by one: allocating a fresh array per op costs more than the arithmetic at classroom sizes.
 * The result is detached (copied out) before the workspace closes. Workspaces are per thread, so
 * each background worker gets its own.
 */
final class Workspaces {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.3)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Workspaces() {
    }

    /** Runs {@code body} in the workspace named {@code id} and returns its result detached. */
    static INDArray scoped(String id, Supplier<INDArray> body) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id)) {
            return body.get().detach();
        }
    }
}
