package org.attentionlab.engine;

import org.nd4j.linalg.api.buffer.DataType;

/**
 * Floating-point precision of a computation. float32 is the default (fast); float64 lets small
 * classroom examples show exact values to the last printed digit.
 */
public enum Precision {
    FLOAT32(DataType.FLOAT),
    FLOAT64(DataType.DOUBLE);

    private final DataType dataType;

    Precision(DataType dataType) {
        this.dataType = dataType;
    }

    public DataType dataType() {
        return dataType;
    }
}
