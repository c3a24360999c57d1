package org.attentionlab.engine.train;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * All trainable parameters of a model, in a fixed order, packed into one flat value buffer and
 * one flat gradient buffer. Each {@link Parameter} becomes a view into both, so the optimizer,
 * the global gradient norm and {@link #zeroGrad()} are a few whole-buffer operations however
 * many tensors the model has (a Transformer has dozens; ND4J's per-call overhead would dominate
 * small models otherwise).
 */
public final class Parameters implements Iterable<Parameter> {

    private final List<Parameter> list;
    private final Map<String, Parameter> byName;
    private final INDArray flatValues;
    private final INDArray flatGrads;

    /** Packs the parameters, in this order; names must be unique and all of one data type. */
    public Parameters(List<Parameter> parameters) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("a model needs at least one parameter");
        }
        DataType type = parameters.get(0).dataType();
        Map<String, Parameter> names = new LinkedHashMap<>();
        long total = 0;
        for (Parameter p : parameters) {
            if (names.put(p.name(), p) != null) {
                throw new IllegalArgumentException("two parameters are named " + p.name());
            }
            if (p.dataType() != type) {
                throw new IllegalArgumentException("parameter " + p.name() + " is " + p.dataType() + " but "
                        + parameters.get(0).name() + " is " + type + "; one model, one precision");
            }
            total += p.length();
        }
        this.list = List.copyOf(parameters);
        this.byName = Collections.unmodifiableMap(names);
        this.flatValues = Nd4j.create(type, total);
        this.flatGrads = Nd4j.create(type, total);
        long offset = 0;
        for (Parameter p : list) {
            long n = p.length();
            p.bind(flatValues.get(interval(offset, offset + n)).reshape('c', p.shape()),
                    flatGrads.get(interval(offset, offset + n)).reshape('c', p.shape()));
            offset += n;
        }
    }

    public List<Parameter> list() {
        return list;
    }

    @Override
    public Iterator<Parameter> iterator() {
        return list.iterator();
    }

    /** The parameter called {@code name}. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named " + name + " (the model has " + byName.keySet() + ")");
        }
        return p;
    }

    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** How many numbers the model learns. */
    public long count() {
        return flatValues.length();
    }

    public DataType dataType() {
        return flatValues.dataType();
    }

    /** Sets every gradient to zero (backward passes add into them). */
    public void zeroGrad() {
        flatGrads.assign(0);
    }

    /** ‖∇θ L‖₂ over all parameters together. */
    public double gradientNorm() {
        return flatGrads.norm2Number().doubleValue();
    }

    /** All values, in parameter order, as one live flat array; engine-internal. */
    INDArray flatValues() {
        return flatValues;
    }

    /** All gradients, in parameter order, as one live flat array; engine-internal. */
    INDArray flatGrads() {
        return flatGrads;
    }

    /** A copy of all values in parameter order (for determinism checks and tests). */
    public double[] valuesCopy() {
        return flatValues.castTo(DataType.DOUBLE).dup().data().asDouble();
    }

    /** A copy of all gradients in parameter order. */
    public double[] gradientsCopy() {
        return flatGrads.castTo(DataType.DOUBLE).dup().data().asDouble();
    }
}
