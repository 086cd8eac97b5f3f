package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Order statistics (Heat's {@code median} and {@code percentile}), exact and with numpy 1.24's semantics.
 *
 * <p><b>Algorithm.</b> When the reduced axis is not the split axis, every process holds whole slices: each local
 * slice is sorted and the wanted ranks are read off. When the reduced axis IS the split axis (or {@code axis} is
 * null on a split array, where the local elements are simply pooled — order does not matter for a quantile), no
 * process sees a whole slice and none is gathered: each needed rank k is found by a <em>distributed selection</em>,
 * vectorised over every output position and every needed rank at once. Each process sorts its local part of
 * every slice once; a candidate range [a, b) per problem then shrinks in rounds: every process proposes the
 * median of its candidates (one Allgather of (pivot, count) pairs), all processes pick the same count-weighted
 * median of the proposals, count the local candidates below / equal to it by binary search (one Allreduce),
 * and keep the side that holds rank k. The weighted median of medians has at least a quarter of the candidates
 * on each side, so a round discards at least a quarter: O(log n) rounds of two small collectives. This also
 * covers shapes where resplitting to another axis would put a whole axis on one process (e.g. (n, 1)).
 *
 * <p><b>NaN</b> propagates as in numpy: a slice holding a NaN gives NaN. <b>Types</b> follow numpy 1.24: median
 * gives float32 for float32 input and float64 otherwise; percentile with "linear" or "midpoint" gives float64,
 * with "lower", "higher" or "nearest" the input dtype. Values travel as doubles, so int64 data beyond 2^53 is
 * rounded. Bool input is rejected.
 *
 * <pre>{@code
 * DNDarray x = Heat.randn(new long[] {1000, 8}, Heat.FLOAT64, 0);
 * DNDarray m = Quantiles.median(x, 0, false);                              // 8 column medians, exact
 * DNDarray p = Quantiles.percentile(x, new double[] {5, 95}, null, "linear", false);   // shape (2,)
 * }</pre>
 */
public final class Quantiles {
    private Quantiles() { }

    private static final int DIRECT = 0, LERP = 1, MEAN = 2;

    /** How one output column is made from the selected order statistics. */
    private record Column(int kind, long idxA, long idxB, double gamma) { }

    /**
     * Median of all elements (flattened). <pre>{@code double m = Quantiles.median(x).itemDouble(); }</pre>
     */
    public static DNDarray median(DNDarray x) { return median(x, null, false); }

    /**
     * Median along {@code axis} (null: of the flattened array); the mean of the two middle values for an even
     * count. A slice holding NaN gives NaN; an empty slice gives NaN (numpy warns).
     * <pre>{@code DNDarray colMedians = Quantiles.median(x, 0, false); }</pre>
     */
    public static DNDarray median(DNDarray x, Integer axis, boolean keepDims) {
        // numpy takes the median of booleans (the mean of the middle pair, as 0/1), not their percentiles
        if (x.dtype() == DType.BOOL) return median(x.astype(DType.UINT8), axis, keepDims);
        checkInput(x, "median");
        int ax = axis == null ? -1 : Shapes.normalizeAxis(axis, x.ndim(), "axis");
        long n = ax < 0 ? x.size() : x.gshape()[ax];
        Column c = n % 2 == 1 ? new Column(DIRECT, n / 2, n / 2, 0) : new Column(MEAN, n / 2 - 1, n / 2, 0);
        DType out = x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        return compute(x, ax, keepDims, n == 0 ? new Column[] {new Column(DIRECT, 0, 0, 0)} : new Column[] {c}, false, out);
    }

    /** The {@code q}-th percentile (0…100, linear) of all elements. <pre>{@code Quantiles.percentile(x, 90) }</pre> */
    public static DNDarray percentile(DNDarray x, double q) { return percentile(x, q, null, "linear", false); }

    /**
     * The {@code q}-th percentile along {@code axis} (null: flattened). {@code interpolation} is numpy's method:
     * "linear" (default when null), "lower", "higher", "nearest" (index rounded half to even) or "midpoint".
     * <pre>{@code DNDarray p90 = Quantiles.percentile(x, 90.0, 1, "nearest", true); }</pre>
     *
     * @throws IllegalArgumentException for q outside [0, 100], an unknown method, or an empty slice (numpy's
     *         IndexError) — on every process, before any communication
     */
    public static DNDarray percentile(DNDarray x, double q, Integer axis, String interpolation, boolean keepDims) {
        return percentile(x, new double[] {q}, axis, interpolation, keepDims, false);
    }

    /**
     * Several percentiles at once; the result has a leading axis of length {@code qs.length} (numpy with an
     * array {@code q}). One selection pass serves all of them.
     * <pre>{@code DNDarray quartiles = Quantiles.percentile(x, new double[] {25, 50, 75}, 0, "linear", false); }</pre>
     */
    public static DNDarray percentile(DNDarray x, double[] qs, Integer axis, String interpolation, boolean keepDims) {
        return percentile(x, qs, axis, interpolation, keepDims, true);
    }

    private static DNDarray percentile(DNDarray x, double[] qs, Integer axis, String interpolation, boolean keepDims,
                                       boolean arrayQ) {
        checkInput(x, "percentile");
        if (qs == null) throw new IllegalArgumentException("percentile: q must not be null");
        String m = interpolation == null ? "linear" : interpolation;
        if (!Arrays.asList("linear", "lower", "higher", "nearest", "midpoint").contains(m)) {
            throw new IllegalArgumentException("percentile: '" + m
                    + "' is not a valid method; use one of linear, lower, higher, nearest, midpoint");
        }
        for (double q : qs) {
            if (!(q >= 0 && q <= 100)) throw new IllegalArgumentException("Percentiles must be in the range [0, 100], got " + q);
        }
        int ax = axis == null ? -1 : Shapes.normalizeAxis(axis, x.ndim(), "axis");
        long n = ax < 0 ? x.size() : x.gshape()[ax];
        if (n == 0 && qs.length > 0) {
            throw new IllegalArgumentException("percentile: cannot take a percentile of an empty slice (numpy: IndexError)");
        }
        Column[] cols = new Column[qs.length];
        for (int j = 0; j < qs.length; j++) cols[j] = column(m, qs[j] / 100.0, n);
        boolean interpolating = m.equals("linear") || m.equals("midpoint");
        return compute(x, ax, keepDims, cols, arrayQ, interpolating ? DType.FLOAT64 : x.dtype());
    }

    /** numpy 1.24's virtual index, bracketing indices and gamma for one quantile (function_base._quantile). */
    private static Column column(String method, double quantile, long n) {
        double s = (n - 1) * quantile;
        switch (method) {
            case "lower": return new Column(DIRECT, (long) Math.floor(s), 0, 0);
            case "higher": return new Column(DIRECT, (long) Math.ceil(s), 0, 0);
            case "nearest": return new Column(DIRECT, (long) Math.rint(s), 0, 0);   // np.around: half to even
            default:
        }
        double vi = method.equals("midpoint") ? 0.5 * (Math.floor(s) + Math.ceil(s)) : s;
        long prev = (long) Math.floor(vi), next = prev + 1;
        double prevUsed = prev;
        if (vi >= n - 1) {
            // numpy sets both indices to -1 (the last element) and computes gamma against that -1
            prev = n - 1;
            next = n - 1;
            prevUsed = -1;
        }
        double gamma = method.equals("midpoint") ? (vi - Math.floor(vi) == 0 ? 0 : 0.5) : vi - prevUsed;
        return new Column(LERP, prev, next, gamma);
    }

    private static void checkInput(DNDarray x, String op) {
        x.dtype().requireReal(op);
        if (x.dtype() == DType.BOOL) throw new IllegalArgumentException(op + " is not supported for bool arrays");
    }

    // ------------------------------------------------------------------------------------------- core

    private static DNDarray compute(DNDarray x, int ax, boolean keepDims, Column[] cols, boolean arrayQ, DType outType) {
        int nd = x.ndim();
        long[] g = x.gshape();
        Communication comm = x.comm();
        int split = x.splitAxis();
        boolean reducesSplit = split >= 0 && (ax < 0 || ax == split);
        boolean dist = reducesSplit && comm.size() > 1;
        long n = ax < 0 ? x.size() : g[ax];

        // the distinct ranks needed by all columns, ascending
        long[] ks = neededRanks(cols, n);
        double[][] rows = localRows(x.larray(), ax);
        int mRows = rows.length;
        int[] len = new int[mRows];
        boolean[] nanRow = new boolean[mRows];
        long[] nanCount = new long[mRows];
        for (int i = 0; i < mRows; i++) {
            double[] r = rows[i];
            Arrays.sort(r);                                   // NaN sorts last
            int l = r.length;
            while (l > 0 && Double.isNaN(r[l - 1])) l--;
            len[i] = l;
            nanCount[i] = r.length - l;
        }
        if (dist && mRows > 0) nanCount = comm.allreduce(nanCount, ReduceOp.SUM);
        for (int i = 0; i < mRows; i++) nanRow[i] = nanCount[i] > 0 || n == 0;

        double[][] vals;
        if (dist) {
            vals = select(comm, rows, len, ks, nanRow);
        } else {
            vals = new double[mRows][ks.length];
            for (int i = 0; i < mRows; i++) {
                if (nanRow[i]) continue;
                for (int t = 0; t < ks.length; t++) vals[i][t] = rows[i][(int) ks[t]];
            }
        }

        // columns (q's) outermost, then the output positions in C order
        int nc = cols.length;
        double[] res = new double[nc * mRows];
        for (int j = 0; j < nc; j++) {
            Column c = cols[j];
            int ia = Arrays.binarySearch(ks, c.idxA()), ib = c.kind() == DIRECT ? ia : Arrays.binarySearch(ks, c.idxB());
            for (int i = 0; i < mRows; i++) {
                double v;
                if (nanRow[i]) {
                    v = Double.NaN;
                } else {
                    double a = vals[i][ia], b = vals[i][ib];
                    v = switch (c.kind()) {
                        case DIRECT -> a;
                        case MEAN -> (a + b) / 2;
                        default -> lerp(a, b, c.gamma());
                    };
                }
                res[j * mRows + i] = v;
            }
        }

        // shapes and split of the result
        boolean[] red = new boolean[nd];
        if (ax < 0) Arrays.fill(red, true); else red[ax] = true;
        long[] outG = Operations.reducedShape(g, red, keepDims);
        long[] outL = Operations.reducedShape(reducesSplit || split < 0 ? g : x.lshape(), red, keepDims);
        Integer outSplit = null;
        if (!reducesSplit && split >= 0) outSplit = keepDims ? split : split - (ax < split ? 1 : 0);
        if (arrayQ) {
            outG = prepend(nc, outG);
            outL = prepend(nc, outL);
            if (outSplit != null) outSplit = outSplit + 1;
        }
        Tensor t = Tensor.fromArray(res).reshape(outL);
        if (outType != DType.FLOAT64) t = t.astype(outType);
        return new DNDarray(t.to(x.device()), outG, outSplit, comm, DNDarray.mapLike(x, outG, outSplit == null ? -1 : outSplit));
    }

    /** numpy's _lerp: a + (b-a)·t, computed from b's side for t ≥ 0.5 so that t = 1 gives b exactly. */
    private static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    private static long[] neededRanks(Column[] cols, long n) {
        if (n == 0) return new long[] {0};
        long[] k = new long[2 * cols.length];
        for (int j = 0; j < cols.length; j++) {
            k[2 * j] = cols[j].idxA();
            k[2 * j + 1] = cols[j].kind() == DIRECT ? cols[j].idxA() : cols[j].idxB();
        }
        return Arrays.stream(k).sorted().distinct().toArray();
    }

    private static long[] prepend(long v, long[] s) {
        long[] r = new long[s.length + 1];
        r[0] = v;
        System.arraycopy(s, 0, r, 1, s.length);
        return r;
    }

    /**
     * The local slices along {@code ax} as Java arrays, one per output position in C order (ax < 0: one slice of
     * all local elements). The row count comes from the shape, so an empty local slab still has every row.
     */
    static double[][] localRows(Tensor local, int ax) {
        int nd = local.ndim();
        Tensor rows;
        if (ax < 0) {
            rows = local.contiguous().reshape(1, local.size());
        } else {
            int[] perm = new int[nd];
            for (int d = 0, j = 0; d < nd; d++) if (d != ax) perm[j++] = d;
            perm[nd - 1] = ax;
            long outer = 1;
            for (int d = 0; d < nd; d++) if (d != ax) outer *= local.shape(d);
            rows = local.permute(perm).contiguous().reshape(outer, local.shape(ax));
        }
        long m = rows.shape(0), k = rows.shape(1);
        if (m > Integer.MAX_VALUE - 8 || k > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("quantiles: local slices of more than 2^31 elements are not supported");
        }
        double[][] out = new double[(int) m][];
        if (k == 0) {
            for (int i = 0; i < m; i++) out[i] = new double[0];
            return out;
        }
        double[] all = rows.size() <= Integer.MAX_VALUE - 8 ? rows.toDoubleArray() : null;
        for (int i = 0; i < m; i++) {
            out[i] = all != null ? Arrays.copyOfRange(all, (int) (i * k), (int) ((i + 1) * k)) : rows.select(0, i).toDoubleArray();
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------- distributed selection

    /**
     * The ks[t]-th smallest element of every row over all processes (rows sorted locally, NaN excluded by
     * {@code len}); rows flagged in {@code skip} are not searched. Collective; all processes get all values.
     */
    static double[][] select(Communication comm, double[][] rows, int[] len, long[] ks, boolean[] skip) {
        int m = rows.length, nk = ks.length, np = m * nk, p = comm.size();
        int[] a = new int[np], b = new int[np];
        long[] kRem = new long[np];
        boolean[] done = new boolean[np];
        double[][] val = new double[m][nk];
        int active = 0;
        for (int i = 0; i < m; i++) {
            for (int t = 0; t < nk; t++) {
                int q = i * nk + t;
                b[q] = len[i];
                kRem[q] = ks[t];
                done[q] = skip[i];
                if (!done[q]) active++;
            }
        }
        double[] pv = new double[p];
        long[] pc = new long[p];
        while (active > 0) {   // identical on every process: it depends only on collective results
            long[] send = new long[2 * np];
            for (int q = 0; q < np; q++) {
                if (done[q] || b[q] <= a[q]) continue;
                double[] r = rows[q / nk];
                send[2 * q] = Double.doubleToRawLongBits(r[(a[q] + b[q] - 1) >>> 1]);
                send[2 * q + 1] = b[q] - a[q];
            }
            long[] all = comm.allgather(send);
            double[] pivot = new double[np];
            long[] counts = new long[2 * np];
            for (int q = 0; q < np; q++) {
                if (done[q]) continue;
                int k = 0;
                for (int r = 0; r < p; r++) {
                    long c = all[r * 2 * np + 2 * q + 1];
                    if (c > 0) {
                        pv[k] = Double.longBitsToDouble(all[r * 2 * np + 2 * q]);
                        pc[k++] = c;
                    }
                }
                pivot[q] = weightedMedian(pv, pc, k);
                double[] r = rows[q / nk];
                int lb = lowerBound(r, a[q], b[q], pivot[q]), ub = upperBound(r, lb, b[q], pivot[q]);
                counts[2 * q] = lb - a[q];
                counts[2 * q + 1] = ub - lb;
            }
            long[] tot = comm.allreduce(counts, ReduceOp.SUM);
            for (int q = 0; q < np; q++) {
                if (done[q]) continue;
                double[] r = rows[q / nk];
                long less = tot[2 * q], eq = tot[2 * q + 1];
                if (kRem[q] < less) {
                    b[q] = lowerBound(r, a[q], b[q], pivot[q]);
                } else if (kRem[q] < less + eq) {
                    done[q] = true;
                    val[q / nk][q % nk] = pivot[q];
                    active--;
                } else {
                    kRem[q] -= less + eq;
                    a[q] = upperBound(r, a[q], b[q], pivot[q]);
                }
            }
        }
        return val;
    }

    /** The count-weighted (lower) median of k proposals; sorts the first k entries of v (and c) in place. */
    private static double weightedMedian(double[] v, long[] c, int k) {
        for (int i = 1; i < k; i++) {   // insertion sort: k is at most the number of processes
            double x = v[i];
            long w = c[i];
            int j = i - 1;
            while (j >= 0 && Double.compare(v[j], x) > 0) {
                v[j + 1] = v[j];
                c[j + 1] = c[j];
                j--;
            }
            v[j + 1] = x;
            c[j + 1] = w;
        }
        long total = 0;
        for (int i = 0; i < k; i++) total += c[i];
        long half = (total + 1) / 2, cum = 0;
        for (int i = 0; i < k; i++) {
            cum += c[i];
            if (cum >= half) return v[i];
        }
        return v[k - 1];
    }

    /** First index in [from, to) whose value is not below v (Double.compare order, as Arrays.sort). */
    private static int lowerBound(double[] r, int from, int to, double v) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(r[mid], v) < 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** First index in [from, to) whose value is above v. */
    private static int upperBound(double[] r, int from, int to, double v) {
        int lo = from, hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Double.compare(r[mid], v) <= 0) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
