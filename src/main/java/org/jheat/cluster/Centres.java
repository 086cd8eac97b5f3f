package org.jheat.cluster;

import org.jheat.spatial.LocalDistances;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Cluster centres as the kernels use them: the values in double (replicated, identical on every process), the same
 * values as a (k, f) tensor of the data's dtype for the gemm (float32 data multiplies in float32), and the squared
 * norms of those rounded values.
 */
final class Centres {
    final int k, f;
    final double[] c;
    final Tensor t;
    final double[] norms;

    Centres(double[] c, int k, int f, DType dtype) {
        this.k = k;
        this.f = f;
        this.c = c;
        this.t = Tensor.empty(dtype, k, f);
        for (int j = 0; j < k; j++) LocalDistances.writeRow(t, j, 0, c, j * f, f);
        this.norms = LocalDistances.squaredNorms(t);
    }

    void free() { t.storage().free(); }
}
