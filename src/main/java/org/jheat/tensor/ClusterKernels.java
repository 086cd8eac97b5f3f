package org.jheat.tensor;

/**
 * A backend's local kernels for distances and clustering: pairwise distance blocks, squared row norms, the argmin
 * of every row of a distance block, the k-means update of per-cluster sums by label, and the exact distance of
 * every row to its assigned centre. {@link Backend#cluster()} returns them; the CPU's are {@link CpuCluster}. Code
 * above {@code tensor} (spatial, cluster) calls them on {@link Tensor}s, so a device backend only brings its own
 * implementation. Shapes and dtypes are the caller's to check (the estimators check global metadata first).
 *
 * <pre>{@code
 * ClusterKernels ck = x.backend().cluster();
 * Tensor d = Tensor.empty(DType.FLOAT32, n, k);          // e.g. |c|² - 2·x·c from one gemm
 * Tensor near = Tensor.empty(DType.INT32, n);
 * ck.argminRows(d, near, false);
 * long moved = ck.meanUpdate(x, near, labels, null, sums);   // or both at once: ck.meanStep(d, x, labels, null, sums)
 * }</pre>
 */
public interface ClusterKernels {
    /**
     * {@code out[i, j] = distance(x[i], y[j])}: x (a, f), y (b, f), out (a, b) float32/float64 with contiguous rows
     * (a view is fine). With {@code gemm} (or for COSINE) one matrix product plus a per-element correction (the
     * quadratic expansion); else the exact differences, summed in double. {@code sigma} is RBF's width.
     * {@code parallel}: use the process's threads (false when the caller already runs one task per thread).
     */
    void distances(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel);

    /** {@code out[i] = Σ_c x[i, c]²} in double, into the 1-d float64 {@code out} of length x.shape(0). */
    void rowSquaredNorms(Tensor x, Tensor out);

    /**
     * The column of every row's minimum: d (n, k) float32 or float64 with contiguous rows, out the contiguous 1-d
     * int32 (n). float32 values are compared exactly (order-preserving 32-bit keys); float64 values exactly with
     * {@code exact}, else as keys whose low log2(k) bits are dropped (values within that window count as equal and
     * the smaller column wins — for the rounding-dominated quadratic expansion, where it avoids a branch per
     * element). Ties go to the smaller column, as numpy's argmin.
     */
    void argminRows(Tensor d, Tensor out, boolean exact);

    /**
     * The k-means update of one block: for every row whose label (the 1-d int32 {@code labels}, updated in place)
     * differs from {@code nearest} (1-d int32), the row moves: weighted, it leaves the old cluster's sum (unless the
     * old label is negative, i.e. unassigned) and joins the new one. {@code acc} is the contiguous float64 tensor
     * {sums (k·f, row-major), weights (k), moved rows (1)}; {@code weights} the rows' weights (1-d float64) or null
     * for 1. Returns the number of rows that moved.
     */
    long meanUpdate(Tensor x, Tensor nearest, Tensor labels, Tensor weights, Tensor acc);

    /**
     * One k-means block in one call: {@link #argminRows} of the distance block d (windowed keys for float64) followed
     * by {@link #meanUpdate} with those nearest centres, without storing them (the Lloyd step's hot path).
     * Returns the number of rows that moved.
     */
    long meanStep(Tensor d, Tensor x, Tensor labels, Tensor weights, Tensor acc);

    /**
     * The fused Lloyd step of one block: the nearest of the (k, f) {@code centres} (x's dtype) for every row of x
     * (n, f), found in one sweep over the rows — with the values and keys of {@link #argminRows} over the gemm path's
     * block {@code |c|² - 2·x·c} (|c|² summed in double, then rounded to x's dtype), up to the rounding of the dot
     * products — followed by {@link #meanUpdate}, without a distance block or a second pass over x. For small k and f,
     * where a skinny gemm, its output and the argmin's read of it cost more than the arithmetic. Returns the number
     * of rows that moved.
     *
     * <pre>{@code long moved = ck.lloydStep(xBlock, centresF32, labels, null, acc); }</pre>
     */
    long lloydStep(Tensor x, Tensor centres, Tensor labels, Tensor weights, Tensor acc);

    /**
     * The nearest-centre part of {@link #lloydStep} alone: the nearest of the (k, f) {@code centres} (x's dtype) for
     * every row of x (n, f) into the contiguous 1-d int32 {@code out}.
     *
     * <pre>{@code ck.nearestCentres(xBlock, centres, nearest); }</pre>
     */
    void nearestCentres(Tensor x, Tensor centres, Tensor out);

    /**
     * {@code out[i]} = the exact squared euclidean (or, with {@code l1}, L1) distance of row i of x (n, f) to row
     * {@code labels[i]} of the float64 {@code centres} (k, f), summed in double into the 1-d float64 out (n).
     */
    void assignedDistances(Tensor x, Tensor centres, Tensor labels, boolean l1, Tensor out);
}
