package org.attentionlab.engine.train;

import java.util.List;

import org.attentionlab.engine.Init;
import org.attentionlab.engine.Tensors;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Learned token embeddings (section 3.4): row i of the table (V, D) is the vector of token i.
 * A lookup is a selection of rows, so its backward pass adds each row of ∂L/∂y back into the
 * row of the table it came from; a token used twice collects both gradients.
 *
 * <p>Shapes: ids (N), table (V, D), output (N, D).
 */
public final class Embedding {

    private final String name;
    private final Parameter table;
    private final int vocabulary;
    private final int width;
    private int[] ids;

    /** @param table (V, D) */
    public Embedding(String name, Parameter table) {
        long[] s = table.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException(name + ": the table " + table + " must be (vocabulary, d_model)");
        }
        this.name = name;
        this.table = table;
        this.vocabulary = (int) s[0];
        this.width = (int) s[1];
    }

    /** N(0, 1/D) entries, so that after the √D scaling of section 3.4 each entry has unit variance. */
    public static Embedding normal(String name, int vocabulary, int dModel, Init init) {
        return new Embedding(name, new Parameter(name + ".weight", init.normal(vocabulary, dModel, 1.0 / Math.sqrt(dModel))));
    }

    /** ids (N) -> (N, D). */
    public INDArray forward(int[] ids) {
        if (ids.length == 0) {
            throw new IllegalArgumentException(name + ": no token ids given");
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0 || ids[i] >= vocabulary) {
                throw new IllegalArgumentException(name + ": token id " + ids[i] + " at position " + i
                        + " is outside the vocabulary 0.." + (vocabulary - 1));
            }
        }
        this.ids = ids.clone();
        // one native gather: INDArray.getRows copies row by row, one op per token
        return Nd4j.pullRows(table.value(), 1, ids);
    }

    /** Adds ∂L/∂y (N, D) into the rows of ∂L/∂table that the last lookup read. */
    public void backward(INDArray dy) {
        Shapes.requireForward(ids, name);
        Shapes.require(dy, name + " output gradient", ids.length, width);
        double[] g = Tensors.toVector(dy);
        double[] acc = new double[vocabulary * width];
        for (int i = 0; i < ids.length; i++) {
            int row = ids[i] * width;
            for (int j = 0; j < width; j++) {
                acc[row + j] += g[i * width + j];
            }
        }
        table.grad().addi(Nd4j.create(acc, new long[] {vocabulary, width}, DataType.DOUBLE).castTo(table.dataType()));
    }

    public Parameter table() {
        return table;
    }

    public List<Parameter> parameters() {
        return List.of(table);
    }

    public int vocabulary() {
        return vocabulary;
    }

    public int width() {
        return width;
    }
}
