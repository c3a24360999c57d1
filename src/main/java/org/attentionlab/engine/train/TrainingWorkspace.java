package org.attentionlab.engine.train;

import java.util.function.Supplier;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs one training step (or one probe or decoding pass) inside an ND4J memory workspace: the
 * hundreds of intermediate arrays of a step come from one block that is reused every step instead
 * of being allocated and freed one by one. Parameters, gradients and optimizer state live outside
 * (they are created before any step) and are only updated in place inside. Nothing created inside
 * may be used after the body returns, so bodies return plain Java values.
 */
public final class TrainingWorkspace {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.3)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private TrainingWorkspace() {
    }

    /** Runs {@code body} in the workspace named {@code id} (one per kind of work and thread). */
    @SuppressWarnings("try") // the workspace is only opened and closed around the body
    public static <T> T run(String id, Supplier<T> body) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id)) {
            return body.get();
        }
    }
}
