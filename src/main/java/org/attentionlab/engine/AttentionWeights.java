package org.attentionlab.engine;

/**
 * The parameters of one multi-head attention block as plain arrays, the form views edit and
 * files store. Projections multiply from the right (x·W), head i owns columns
 * [i·d_k, (i+1)·d_k) of W^Q and W^K and [i·d_v, (i+1)·d_v) of W^V.
 *
 * @param wq (d_model, h·d_k)
 * @param bq (h·d_k)
 * @param wk (d_model, h·d_k)
 * @param bk (h·d_k)
 * @param wv (d_model, h·d_v)
 * @param bv (h·d_v)
 * @param wo (h·d_v, d_model)
 * @param bo (d_model)
 */
public record AttentionWeights(double[][] wq, double[] bq, double[][] wk, double[] bk, double[][] wv, double[] bv,
                               double[][] wo, double[] bo) {

    public AttentionWeights {
        wq = Tensors.copy(wq);
        wk = Tensors.copy(wk);
        wv = Tensors.copy(wv);
        wo = Tensors.copy(wo);
        bq = bq.clone();
        bk = bk.clone();
        bv = bv.clone();
        bo = bo.clone();
    }

    /** Zero biases. */
    public static AttentionWeights withoutBias(double[][] wq, double[][] wk, double[][] wv, double[][] wo) {
        return new AttentionWeights(wq, new double[wq[0].length], wk, new double[wk[0].length], wv,
                new double[wv[0].length], wo, new double[wo[0].length]);
    }
}
