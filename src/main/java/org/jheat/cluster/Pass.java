package org.jheat.cluster;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.jheat.spatial.LocalDistances;
import org.jheat.spatial.Metric;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * One pass over the samples, block by block: the driver under every clustering step. The local rows are divided
 * into one piece per thread; each piece walks its rows in blocks, loads a block into a double array and (when the
 * pass needs them) the distances of the block's rows to the centres, then hands the block to {@link #block}, which
 * updates the piece's own state — so no locks, and the pieces' partial results are merged afterwards in piece
 * order (the result does not depend on thread timing).
 *
 * <p>Squared euclidean distances are one gemm per block, X_b·Cᵀ (in the data's dtype: float32 stays float32),
 * turned into {@code |c_j|² - 2 x·c_j} — the row's own norm is left out since the argmin does not need it
 * ({@link #rowNorm} adds it where a true distance is wanted). Blocks are small enough that BLAS runs each product
 * on the calling thread while the pieces run in parallel; for very wide problems (k·f large) a single piece hands
 * whole blocks to the multi-threaded BLAS instead. L1 distances come from the exact kernel of
 * {@link LocalDistances}.
 */
abstract class Pass<S> {
    static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    /** Multiply-adds (rows·k·f) up to which OpenBLAS computes a product on the calling thread. */
    private static final long SERIAL_GEMM = 262_144;

    final Samples s;
    final Centres ce;
    final boolean l1;
    final boolean distances;
    final int f, k;
    /** Per-row sample weights (local reclustering of weighted candidates), or null for weight 1. */
    final double[] weights;

    Pass(Samples s, Centres ce, boolean l1, boolean distances) {
        this.s = s;
        this.ce = ce;
        this.l1 = l1;
        this.distances = distances && ce != null;
        this.f = s.f;
        this.k = ce == null ? 0 : ce.k;
        this.weights = s instanceof Samples.InMemory im ? im.weights : null;
    }

    /** A fresh state for one piece. */
    abstract S newState();

    /**
     * Processes {@code rows} rows: values in {@code x[i·f + c]}, distances in {@code d[i·k + j]} (L1: true distances;
     * squared euclidean: without |x|²). {@code local} and {@code global} are the first row's local and global index.
     */
    abstract void block(S st, int rows, long local, long global, double[] x, double[] d);

    /** Runs the pass; returns the piece states in piece order. */
    @SuppressWarnings("unchecked")
    final List<S> run() {
        boolean wide = distances && !l1 && (long) k * f > 16384;
        int pieces = wide ? 1 : Parallel.threads();
        long kf = Math.max(1, (long) k * Math.max(1, f));
        int bRows = wide ? 2048 : (int) Math.max(64, Math.min(2048, SERIAL_GEMM / kf));
        Object[] states = new Object[pieces];
        Scratch[] scratch = new Scratch[pieces];
        for (int p = 0; p < pieces; p++) {
            states[p] = newState();
            scratch[p] = new Scratch(bRows, f, k, s.dtype, distances, l1);
        }
        try {
            s.forEach((rows, g0, l0) -> {
                long r = rows.shape(0);
                if (r == 0) return;
                long step = (r + pieces - 1) / pieces;
                Parallel.forRange(pieces, 1, (a, b) -> {
                    for (int p = (int) a; p < b; p++) {
                        long r0 = p * step, r1 = Math.min(r, r0 + step);
                        for (long i0 = r0; i0 < r1; i0 += bRows) {
                            int n = (int) Math.min(bRows, r1 - i0);
                            Scratch sc = scratch[p];
                            load(rows, i0, n, sc);
                            if (distances) distances(rows, i0, n, sc);
                            block((S) states[p], n, l0 + i0, g0 + i0, sc.x, sc.d);
                        }
                    }
                });
            });
        } finally {
            for (Scratch sc : scratch) sc.free();
        }
        List<S> out = new ArrayList<>(pieces);
        for (Object o : states) out.add((S) o);
        return out;
    }

    private static final class Scratch {
        final double[] x;
        final float[] tmp;
        final double[] d;
        final Tensor g;

        Scratch(int bRows, int f, int k, DType dtype, boolean distances, boolean l1) {
            x = new double[bRows * f];
            tmp = dtype == DType.FLOAT32 ? new float[bRows * Math.max(f, k)] : null;
            d = new double[bRows * Math.max(1, k)];
            g = distances ? Tensor.empty(l1 ? DType.FLOAT64 : dtype, bRows, k) : null;
        }

        void free() { if (g != null) g.storage().free(); }
    }

    private void load(Tensor rows, long i0, int n, Scratch sc) {
        int len = n * f;
        if (len == 0) return;
        MemorySegment seg = rows.segment();
        long e = rows.offset() + i0 * f;
        if (s.dtype == DType.FLOAT64) {
            MemorySegment.copy(seg, F64, e * 8, sc.x, 0, len);
        } else {
            MemorySegment.copy(seg, F32, e * 4, sc.tmp, 0, len);
            float[] t = sc.tmp;
            double[] x = sc.x;
            for (int i = 0; i < len; i++) x[i] = t[i];
        }
    }

    private void distances(Tensor rows, long i0, int n, Scratch sc) {
        Tensor xb = rows.narrow(0, i0, n), gb = sc.g.narrow(0, 0, n);
        int len = n * k;
        double[] d = sc.d;
        if (l1) {
            LocalDistances.computeSerial(Metric.cityblock(), xb, ce.t, gb);
            MemorySegment.copy(gb.segment(), F64, gb.offset() * 8, d, 0, len);
            return;
        }
        LocalLinalg.gemm(1.0, xb, ce.t.transpose(), 0.0, gb);
        if (s.dtype == DType.FLOAT64) {
            MemorySegment.copy(gb.segment(), F64, gb.offset() * 8, d, 0, len);
        } else {
            MemorySegment.copy(gb.segment(), F32, gb.offset() * 4, sc.tmp, 0, len);
            for (int i = 0; i < len; i++) d[i] = sc.tmp[i];
        }
        double[] cn = ce.norms;
        for (int i = 0, o = 0; i < n; i++, o += k) {
            for (int j = 0; j < k; j++) d[o + j] = cn[j] - 2.0 * d[o + j];
        }
    }

    // ------------------------------------------------------------------------------------------- helpers for blocks

    /** Index of the smallest of d[o … o+k) (the first on ties, as numpy's argmin). */
    static int argmin(double[] d, int o, int k) {
        int best = 0;
        double bv = d[o];
        for (int j = 1; j < k; j++) {
            double v = d[o + j];
            if (v < bv) {
                bv = v;
                best = j;
            }
        }
        return best;
    }

    /** |x_i|² of row i of a block. */
    static double rowNorm(double[] x, int o, int f) {
        double a = 0, b = 0;
        int c = 0;
        for (; c + 1 < f; c += 2) {
            a += x[o + c] * x[o + c];
            b += x[o + c + 1] * x[o + c + 1];
        }
        if (c < f) a += x[o + c] * x[o + c];
        return a + b;
    }

    /** The exact squared euclidean (or L1) distance between row o of x and centre j. */
    static double exact(double[] x, int o, double[] c, int co, int f, boolean l1) {
        double a = 0, b = 0;
        int t = 0;
        if (l1) {
            for (; t + 1 < f; t += 2) {
                a += Math.abs(x[o + t] - c[co + t]);
                b += Math.abs(x[o + t + 1] - c[co + t + 1]);
            }
            if (t < f) a += Math.abs(x[o + t] - c[co + t]);
        } else {
            for (; t + 1 < f; t += 2) {
                double u = x[o + t] - c[co + t], v = x[o + t + 1] - c[co + t + 1];
                a += u * u;
                b += v * v;
            }
            if (t < f) {
                double u = x[o + t] - c[co + t];
                a += u * u;
            }
        }
        return a + b;
    }

    double weight(long local) { return weights == null ? 1.0 : weights[(int) local]; }
}
