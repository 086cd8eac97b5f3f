package org.jheat.cluster;

import org.jheat.tensor.DType;
import org.jheat.tensor.LocalDistances;
import org.jheat.tensor.Tensor;

/**
 * Cluster centres as the kernels use them: the values in double (replicated, identical on every process), the same
 * values as a (k, f) tensor of the data's dtype for the gemm (float32 data multiplies in float32), as a float64
 * tensor for the exact distances, and the squared norms of the rounded values.
 */
final class Centres {
    final int k, f;
    final double[] c;
    final Tensor t;
    final Tensor t64;
    final double[] norms;

    /** The centres c (k·f, row-major) for passes over {@code s}: in its dtype, on its device. */
    Centres(double[] c, int k, int f, Samples s) {
        this.k = k;
        this.f = f;
        this.c = c;
        DType dtype = s.dtype;
        this.t64 = Engine.tensor(c, k, f, DType.FLOAT64, s.device);
        this.t = dtype == DType.FLOAT64 ? t64 : Engine.tensor(c, k, f, dtype, s.device);
        this.norms = LocalDistances.squaredNorms(t);
    }

    void free() {
        if (t != t64) t.free();
        t64.free();
    }
}
