package org.attentionlab.engine.train;

import java.util.List;
import java.util.Optional;

import org.attentionlab.engine.trace.Matrix;

/**
 * What the model looks like after {@code step} steps (0 = before training), for the views:
 * the attention maps of a fixed probe input, and for small models the parameters and the
 * gradient ∂L/∂θ at those parameters (the gradient the next step would follow). Immutable, plain
 * numbers only.
 *
 * @param step       optimizer steps taken so far
 * @param attention  the probe's attention maps
 * @param parameters parameters by name (may be empty for large models)
 * @param gradients  ∂L/∂θ by the same names (may be empty)
 */
public record TrainingSnapshot(int step, List<AttentionMap> attention, List<NamedMatrix> parameters,
                               List<NamedMatrix> gradients) {

    public TrainingSnapshot {
        attention = List.copyOf(attention);
        parameters = List.copyOf(parameters);
        gradients = List.copyOf(gradients);
    }

    /** The parameter called {@code name}, if the snapshot has it. */
    public Optional<Matrix> parameter(String name) {
        return parameters.stream().filter(p -> p.name().equals(name)).map(NamedMatrix::value).findFirst();
    }

    /** The gradient of the parameter called {@code name}, if the snapshot has it. */
    public Optional<Matrix> gradient(String name) {
        return gradients.stream().filter(p -> p.name().equals(name)).map(NamedMatrix::value).findFirst();
    }

    /** The maps of one kind, in layer, head, sample order. */
    public List<AttentionMap> attention(AttentionKind kind) {
        return attention.stream().filter(a -> a.kind() == kind).toList();
    }
}
