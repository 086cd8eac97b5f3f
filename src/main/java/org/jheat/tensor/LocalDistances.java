package org.jheat.tensor;

/**
 * Pairwise distances between the rows of two local 2-D tensors, on the operands' backend
 * ({@link ClusterKernels#distances}): the kernels under {@code org.jheat.spatial.Spatial#cdist} and the clustering
 * estimators. The matrix-product forms (quadratic expansion, cosine) are one BLAS gemm plus a per-element
 * correction; the exact metrics run a Java kernel that keeps a transposed tile of {@code y} in cache.
 *
 * <pre>{@code
 * Tensor d = Tensor.empty(DType.FLOAT64, x.shape(0), y.shape(0));
 * LocalDistances.compute(DistanceKind.EUCLIDEAN, false, Double.NaN, x, y, d);
 * }</pre>
 */
public final class LocalDistances {
    private LocalDistances() { }

    /**
     * {@code out[i, j] = kind(x[i], y[j])} using the process's threads; x (a, f), y (b, f), out (a, b) float32 or
     * float64 with contiguous rows. For the gemm-based forms x and y should have out's dtype (else they are converted).
     * <pre>{@code LocalDistances.compute(DistanceKind.CITYBLOCK, false, Double.NaN, x, y, out); }</pre>
     *
     * @throws IllegalArgumentException for shapes that do not fit, a non-float out or operands on different devices
     */
    public static void compute(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out) {
        compute(kind, gemm, sigma, x, y, out, true);
    }

    /**
     * {@link #compute} on the calling thread only (for callers that already run one task per thread).
     * <pre>{@code LocalDistances.computeSerial(DistanceKind.CITYBLOCK, false, Double.NaN, block, centres, d); }</pre>
     */
    public static void computeSerial(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out) {
        compute(kind, gemm, sigma, x, y, out, false);
    }

    private static void compute(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel) {
        if (x.ndim() != 2 || y.ndim() != 2 || out.ndim() != 2) throw new IllegalArgumentException("distances: x, y and out must be 2-D");
        if (x.shape(1) != y.shape(1) || out.shape(0) != x.shape(0) || out.shape(1) != y.shape(0)) {
            throw new IllegalArgumentException("distances: shapes do not fit: x " + Shapes.str(x.shape()) + ", y " + Shapes.str(y.shape())
                    + ", out " + Shapes.str(out.shape()));
        }
        if (!out.dtype().isFloat()) throw new IllegalArgumentException("distances: out must be float32 or float64, got " + out.dtype());
        if (out.shape(1) > 1 && out.strides()[1] != 1) throw new IllegalArgumentException("distances: out rows must be contiguous");
        if (x.shape(0) == 0 || y.shape(0) == 0) return;
        Backend.of(x, y, out).cluster().distances(kind, gemm, sigma, x, y, out, parallel);
    }

    /**
     * Squared euclidean norms of the rows of a 2-D tensor, in double. <pre>{@code double[] n2 = LocalDistances.squaredNorms(c); }</pre>
     */
    public static double[] squaredNorms(Tensor x) {
        Tensor out = x.newEmpty(DType.FLOAT64, x.shape(0));
        try {
            x.backend().cluster().rowSquaredNorms(x, out);
            return out.toDoubleArray();
        } finally {
            out.free();
        }
    }
}
