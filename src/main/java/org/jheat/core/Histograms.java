package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Counting and binning (Heat's {@code histc}, {@code histogram}, {@code bincount}, {@code digitize},
 * {@code bucketize}). Counting ops count the local elements (kernels of the array's {@link Backend}), then sum
 * the counts with ONE Allreduce when the array is split (a replicated array is counted whole on every process,
 * without communication); the data is never gathered. Data-dependent ranges (the data's min/max) come from small Allreduces, so a data-dependent
 * error (a non-finite range, a negative value for bincount) is raised on every process alike. Binning ops
 * ({@code digitize}, {@code bucketize}) are element-wise and keep the input's distribution; their bins are a
 * small replicated parameter.
 *
 * <pre>{@code
 * DNDarray[] he = Histograms.histogram(x, 10, null, null, false);    // {counts (int64), 11 edges}
 * DNDarray c = Histograms.bincount(labels, null, 0);
 * DNDarray idx = Histograms.digitize(x, new double[] {0, 1, 2}, false);
 * }</pre>
 */
public final class Histograms {
    private Histograms() { }

    /** x's and w's local parts over the same elements, and whether the counts must be summed over processes. */
    private record Paired(Tensor x, Tensor w, boolean distributed) { }

    private static Paired pair(DNDarray x, DNDarray w) {
        if (w == null) return new Paired(x.larray(), null, x.isDistributed());
        Backend.commonDevice(x.device(), w.device());
        // the split operand leads, so a replicated x next to split weights is sliced rather than weights gathered
        int ref = x.splitAxis() < 0 && w.splitAxis() >= 0 ? 1 : 0;
        Operations.Aligned al = Operations.align(x.gshape(), ref, x, w);
        return new Paired(al.locals()[0], al.locals()[1], al.split() >= 0 && x.comm().size() > 1);
    }

    /** Global {min, max} of x (NaN when any element is NaN), via Allreduce when split; {+inf, -inf} when empty. */
    private static double[] range(DNDarray x) {
        double[] mm = x.larray().backend().range(x.larray());
        if (x.isDistributed()) {
            boolean nan = mm[0] != mm[0];
            double inf = Double.NEGATIVE_INFINITY;   // a NaN travels as the flag: MPI's MAX of NaN is undefined
            Tensor t = Tensor.fromArray(new double[] {nan ? inf : -mm[0], nan ? inf : mm[1], nan ? 1 : 0});
            x.comm().allreduce(t, ReduceOp.MAX);
            if (t.getDoubleFlat(2) != 0) return new double[] {Double.NaN, Double.NaN};
            return new double[] {-t.getDoubleFlat(0), t.getDoubleFlat(1)};
        }
        return mm;
    }

    /** Sums local counts over the processes, in place. */
    private static void sum(Communication comm, Tensor counts) {
        if (counts.size() > 0) comm.allreduce(counts, ReduceOp.SUM);
    }

    private static DNDarray replicated(Tensor t, Communication comm) {
        return new DNDarray(t, t.shape(), null, comm, null);
    }

    // ------------------------------------------------------------------------------------------- histc

    /**
     * torch.histc: {@code bins} equal-width bins over [min, max]; elements outside (and NaN) are ignored, an
     * element equal to max counts in the last bin. When {@code min == max} the data's min and max are used (and
     * if those are equal too, the range is widened by 1 on each side). The result is replicated and of x's float
     * type (float64 for integer input).
     * <pre>{@code DNDarray h = Histograms.histc(x, 100, 0, 0);   // 100 bins over [x.min(), x.max()] }</pre>
     *
     * @throws IllegalArgumentException for bins < 1, min > max, a non-finite range (on every process)
     */
    public static DNDarray histc(DNDarray x, long bins, double min, double max) {
        x.dtype().requireReal("histc");
        if (bins < 1) throw new IllegalArgumentException("histc: bins must be > 0, got " + bins);
        if (bins > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("histc: too many bins: " + bins);
        if (Double.isNaN(min) || Double.isNaN(max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            throw new IllegalArgumentException("histc: range of [" + min + ", " + max + "] is not finite");
        }
        if (min > max) throw new IllegalArgumentException("histc: max must be larger than min");
        double lo = min, hi = max;
        if (lo == hi && x.size() > 0) {
            double[] r = range(x);
            lo = r[0];
            hi = r[1];
            if (!(Double.isFinite(lo) && Double.isFinite(hi))) {
                throw new IllegalArgumentException("histc: range of [" + lo + ", " + hi + "] is not finite");
            }
        }
        if (lo == hi) {
            lo -= 1;
            hi += 1;
        }
        DType out = x.dtype().isFloat() ? x.dtype() : DType.FLOAT64;
        Tensor counts = x.larray().backend().histc(x.larray(), (int) bins, lo, hi);
        if (x.isDistributed()) sum(x.comm(), counts);
        return replicated(counts.astype(out), x.comm());
    }

    // ------------------------------------------------------------------------------------------- histogram

    /**
     * numpy.histogram with {@code bins} equal-width bins: returns {hist, binEdges}, both replicated. The range
     * is {@code range} ({lo, hi}) or the data's min and max (an empty array gives [0, 1], equal ends are widened
     * by 0.5); bins are half-open except the last, which includes its right edge; values outside are ignored.
     * hist is int64 counts, the weights' type when {@code weights} (same shape as x) are given, float64 when
     * {@code density}. Edges are float32 for float32 input, else float64.
     * <pre>{@code
     * DNDarray[] r = Histograms.histogram(x, 5, new double[] {-1, 1}, null, true);
     * DNDarray hist = r[0], edges = r[1];
     * }</pre>
     *
     * @throws IllegalArgumentException for bins < 1, a bad range, weights of another shape, or a non-finite
     *         autodetected range (on every process)
     */
    public static DNDarray[] histogram(DNDarray x, long bins, double[] range, DNDarray weights, boolean density) {
        x.dtype().requireReal("histogram");
        if (bins < 1) throw new IllegalArgumentException("histogram: `bins` must be positive, when an integer, got " + bins);
        if (bins > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("histogram: too many bins: " + bins);
        if (range != null) {
            if (range.length != 2) throw new IllegalArgumentException("histogram: range must be {min, max}");
            if (range[0] > range[1]) throw new IllegalArgumentException("histogram: max must be larger than min in range parameter.");
            if (!(Double.isFinite(range[0]) && Double.isFinite(range[1]))) {
                throw new IllegalArgumentException("histogram: supplied range of [" + range[0] + ", " + range[1] + "] is not finite");
            }
        }
        if (weights != null) {
            weights.dtype().requireReal("histogram weights");
            if (!Arrays.equals(weights.gshape(), x.gshape())) {
                throw new IllegalArgumentException("histogram: weights should have the same shape as a: "
                        + Shapes.str(weights.gshape()) + " vs " + Shapes.str(x.gshape()));
            }
        }
        double f0, l0;
        if (range != null) {
            f0 = range[0];
            l0 = range[1];
        } else if (x.size() == 0) {
            f0 = 0;
            l0 = 1;
        } else {
            double[] r = range(x);
            f0 = r[0];
            l0 = r[1];
            if (!(Double.isFinite(f0) && Double.isFinite(l0))) {
                throw new IllegalArgumentException("histogram: autodetected range of [" + f0 + ", " + l0 + "] is not finite");
            }
        }
        if (f0 == l0) {
            f0 -= 0.5;
            l0 += 0.5;
        }
        final double first = f0, last = l0;
        boolean single = x.dtype() == DType.FLOAT32;
        int nb = (int) bins;
        double[] edges = linspace(first, last, nb + 1);
        if (single) for (int i = 0; i < edges.length; i++) edges[i] = (float) edges[i];
        Paired pr = pair(x, weights);
        Communication comm = x.comm();
        Tensor hist = pr.x().backend().histogram(pr.x(), pr.w(), edges, first, last);
        if (pr.distributed()) sum(comm, hist);
        // numpy sums the weights in double and casts to the weights' type
        if (weights != null && weights.dtype() != DType.FLOAT64) hist = hist.astype(weights.dtype());
        if (density) {
            // bins-sized arithmetic on the host, in numpy's order (a sequential total)
            double total = 0;
            double[] h = hist.toDoubleArray();
            for (double c : h) total += c;
            for (int i = 0; i < nb; i++) {
                // numpy's np.diff(bin_edges) is in the edges' dtype: float32 widths for float32 data
                double db = single ? (float) (edges[i + 1] - edges[i]) : edges[i + 1] - edges[i];
                h[i] = h[i] / db / total;
            }
            hist = Tensor.fromArray(h).to(x.device());
        }
        Tensor e = Tensor.fromArray(edges);
        if (single) e = e.astype(DType.FLOAT32);
        return new DNDarray[] {replicated(hist, comm), replicated(e.to(x.device()), comm)};
    }

    /** numpy.linspace(start, stop, num) in float64, step by step as numpy computes it. */
    static double[] linspace(double start, double stop, int num) {
        double[] y = new double[num];
        int div = num - 1;
        double delta = stop - start;
        double step = div > 0 ? delta / div : Double.NaN;
        for (int i = 0; i < num; i++) {
            if (div > 0) y[i] = step == 0 ? (double) i / div * delta : i * step;
            else y[i] = i * delta;
            y[i] += start;
        }
        if (num > 1) y[num - 1] = stop;
        return y;
    }

    // ------------------------------------------------------------------------------------------- bincount

    /**
     * numpy.bincount: occurrences of each value 0…max(x) in a 1-d non-negative integer array (at least
     * {@code minlength} bins); with {@code weights} (same shape) the sums of the weights instead (float64).
     * The global max comes from one Allreduce, the counts are summed with one Allreduce; replicated result.
     * <pre>{@code DNDarray c = Histograms.bincount(labels, null, 10); }</pre>
     *
     * @throws IllegalArgumentException for a non-integer or non-1-d x, negative minlength, mismatched weights, or
     *         a negative value in x (data-dependent, agreed collectively: thrown on every process)
     */
    public static DNDarray bincount(DNDarray x, DNDarray weights, long minlength) {
        if (!x.dtype().isIntegral()) {
            throw new IllegalArgumentException("bincount: cannot cast array data from " + x.dtype()
                    + " to int64 according to the rule 'safe' (integer input required)");
        }
        if (x.ndim() != 1) throw new IllegalArgumentException("bincount: x must be 1-dimensional, got shape " + Shapes.str(x.gshape()));
        if (minlength < 0) throw new IllegalArgumentException("bincount: minlength must be non-negative, got " + minlength);
        if (weights != null) {
            weights.dtype().requireReal("bincount weights");
            if (!Arrays.equals(weights.gshape(), x.gshape())) {
                throw new IllegalArgumentException("bincount: the weights and list don't have the same length: "
                        + Shapes.str(weights.gshape()) + " vs " + Shapes.str(x.gshape()));
            }
        }
        Paired pr = pair(x, weights);
        Backend be = pr.x().backend();
        long[] mm = be.integerRange(pr.x());   // {max, ~min}: one MAX-Allreduce gives both
        long[] g = pr.distributed() ? x.comm().allreduce(mm, ReduceOp.MAX) : mm;
        long max = g[0], min = ~g[1];
        if (x.size() > 0 && min < 0) {
            throw new IllegalArgumentException("bincount: 'list' argument must have no negative elements (found " + min + ")");
        }
        long len = Math.max(x.size() == 0 ? 0 : max + 1, minlength);
        if (len > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("bincount: result of " + len + " bins is too large");
        Communication comm = x.comm();
        Tensor counts = be.bincount(pr.x(), pr.w(), (int) len);
        if (pr.distributed()) sum(comm, counts);
        return replicated(counts, comm);
    }

    // ------------------------------------------------------------------------------------------- digitize / bucketize

    /**
     * numpy.digitize: for each element the index i of the bin with bins[i-1] <= x < bins[i] (increasing bins;
     * {@code right} makes it bins[i-1] < x <= bins[i]); decreasing bins are mirrored as numpy does. Element-wise:
     * the int64 result keeps x's split. NaN sorts after every number.
     * <pre>{@code DNDarray idx = Histograms.digitize(x, new double[] {0, 10, 20}, false); }</pre>
     *
     * @throws IllegalArgumentException when bins are not monotonic
     */
    public static DNDarray digitize(DNDarray x, double[] bins, boolean right) {
        x.dtype().requireReal("digitize");
        if (bins == null) throw new IllegalArgumentException("digitize: bins must not be null");
        int mono = monotonicity(bins);
        if (mono == 0) throw new IllegalArgumentException("digitize: bins must be monotonically increasing or decreasing");
        if (mono > 0) return searchsorted(x, bins, !right, DType.INT64, false);
        double[] rev = new double[bins.length];
        for (int i = 0; i < bins.length; i++) rev[i] = bins[bins.length - 1 - i];
        return searchsorted(x, rev, !right, DType.INT64, true);
    }

    /** digitize with the bins as an array (1-d; a split one is gathered: bins are a small parameter). */
    public static DNDarray digitize(DNDarray x, DNDarray bins, boolean right) {
        return digitize(x, binsOf(bins, "digitize"), right);
    }

    /**
     * torch.bucketize: for each element the index i with boundaries[i-1] < x <= boundaries[i]
     * ({@code right}: boundaries[i-1] <= x < boundaries[i]) — note the opposite sense of digitize's
     * {@code right}. Boundaries must be non-decreasing. int64 result, or int32 with {@code outInt32}; keeps x's
     * split.
     * <pre>{@code DNDarray b = Histograms.bucketize(x, new double[] {1, 3, 5}, false, false); }</pre>
     *
     * @throws IllegalArgumentException when boundaries are not sorted increasingly
     */
    public static DNDarray bucketize(DNDarray input, double[] boundaries, boolean right, boolean outInt32) {
        input.dtype().requireReal("bucketize");
        if (boundaries == null) throw new IllegalArgumentException("bucketize: boundaries must not be null");
        for (int i = 1; i < boundaries.length; i++) {
            if (!(boundaries[i - 1] <= boundaries[i])) {
                throw new IllegalArgumentException("bucketize: boundaries must be sorted in increasing order");
            }
        }
        return searchsorted(input, boundaries, right, outInt32 ? DType.INT32 : DType.INT64, false);
    }

    /** bucketize with the boundaries as a 1-d array. */
    public static DNDarray bucketize(DNDarray input, DNDarray boundaries, boolean right, boolean outInt32) {
        return bucketize(input, binsOf(boundaries, "bucketize"), right, outInt32);
    }

    private static double[] binsOf(DNDarray b, String op) {
        if (b == null) throw new IllegalArgumentException(op + ": bins must not be null");
        if (b.ndim() != 1) throw new IllegalArgumentException(op + ": bins must be 1-dimensional, got shape " + Shapes.str(b.gshape()));
        b.dtype().requireReal(op);
        return b.toDoubleArray();
    }

    /** 1 increasing (non-strict), -1 decreasing, 0 neither (numpy's _monotonicity; fewer than 2 bins: increasing). */
    private static int monotonicity(double[] b) {
        boolean inc = true, dec = true;
        for (int i = 1; i < b.length; i++) {
            inc &= lt(b[i - 1], b[i]) || b[i - 1] == b[i];
            dec &= lt(b[i], b[i - 1]) || b[i - 1] == b[i];
        }
        return inc ? 1 : dec ? -1 : 0;
    }

    /** numpy's sort order for floats: NaN after everything. */
    private static boolean lt(double a, double b) { return a < b || (b != b && a == a); }

    /**
     * numpy.searchsorted(sorted, x, side) element-wise (side right when {@code sideRight}); {@code mirror}
     * returns len - index (digitize with decreasing bins).
     */
    private static DNDarray searchsorted(DNDarray x, double[] sorted, boolean sideRight, DType out, boolean mirror) {
        Tensor local = x.larray();
        Tensor res = local.newEmpty(DType.INT64, local.shape());
        local.backend().searchsorted(local, sorted, sideRight, mirror, res);
        return x.withLocal(out == DType.INT64 ? res : res.astype(out));
    }
}
