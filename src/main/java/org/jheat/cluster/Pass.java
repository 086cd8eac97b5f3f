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
    /** (blockRows, k) in the data's dtype, every row the centres' squared norms: the start of each block's gemm. */
    private Tensor norms;

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

    /** Processes one block of rows (see {@link Block}). */
    abstract void block(S st, Block b);

    /**
     * Whether {@link Block#x} (the rows as doubles) is needed; a pass that reads float32 rows directly from
     * {@link Block#xf} returns false and saves the conversion.
     */
    boolean needsX() { return true; }

    /** Whether the rows are loaded at all (false: the pass reads them itself, see {@link #loadRows}). */
    boolean needsRows() { return true; }

    /** Fills {@link Block#x} with the block's rows as doubles (for passes that load lazily). */
    final void loadRows(Block b) { load(b.rows, 0, b.n, b, true); }

    /** Row i of a block as doubles, read from the chunk. */
    final void readRow(Block b, int i, double[] out) {
        MemorySegment seg = b.rows.segment();
        long e = b.rows.offset() + (long) i * f;
        if (s.dtype == DType.FLOAT64) {
            MemorySegment.copy(seg, F64, e * 8, out, 0, f);
        } else {
            for (int t = 0; t < f; t++) out[t] = seg.getAtIndex(F32, e + t);
        }
    }

    /**
     * One block of rows as a pass sees it: {@code n} rows, the first with local index {@code local} and global
     * index {@code global}; the values as doubles in {@code x[i·f + c]} (when {@link #needsX()}), for float32 data
     * also as stored in {@code xf}; with distances, {@code d[i·k + j]} (L1: true distances; squared euclidean:
     * without |x|²) and the nearest centre of every row in {@code nearest}.
     */
    static final class Block {
        int n;
        long local, global;
        final double[] x;
        final float[] xf;
        final float[] gf;
        final double[] d;
        final int[] nearest;
        final Tensor g;
        /** The block's rows as a view of the chunk (for gemm on them). */
        Tensor rows;

        Block(int bRows, int f, int k, DType dtype, boolean distances, boolean l1) {
            x = new double[bRows * f];
            xf = dtype == DType.FLOAT32 ? new float[bRows * f] : null;
            gf = dtype == DType.FLOAT32 && distances ? new float[bRows * Math.max(1, k)] : null;
            d = new double[bRows * Math.max(1, k)];
            nearest = new int[bRows];
            g = distances ? Tensor.empty(l1 ? DType.FLOAT64 : dtype, bRows, k) : null;
        }

        void free() { if (g != null) g.storage().free(); }
    }

    /** Wide problems (k·f large) run as one piece whose gemm uses BLAS's threads. */
    private boolean wide() { return distances && !l1 && (long) k * f > 16384; }

    /** Rows per block: the products of a block stay below BLAS's threshold for threading (or large when wide). */
    final int blockRows() {
        long kf = Math.max(1, (long) k * Math.max(1, f));
        return wide() ? 2048 : (int) Math.max(64, Math.min(2048, SERIAL_GEMM / kf));
    }

    /** Runs the pass; returns the piece states in piece order. */
    @SuppressWarnings("unchecked")
    final List<S> run() {
        int pieces = wide() ? 1 : Parallel.threads();
        int bRows = blockRows();
        Object[] states = new Object[pieces];
        Block[] blocks = new Block[pieces];
        for (int p = 0; p < pieces; p++) {
            states[p] = newState();
            blocks[p] = new Block(bRows, f, k, s.dtype, distances, l1);
        }
        boolean wantX = needsX(), wantRows = needsRows();
        if (distances && !l1) {
            norms = Tensor.empty(s.dtype, bRows, k);
            double[] row = ce.norms;
            for (int i = 0; i < bRows; i++) LocalDistances.writeRow(norms, i, 0, row, 0, k);
        }
        try {
            s.forEach((rows, g0, l0) -> {
                long r = rows.shape(0);
                if (r == 0) return;
                long step = (r + pieces - 1) / pieces;
                Parallel.forRange(pieces, 1, (a, b) -> {
                    for (int p = (int) a; p < b; p++) {
                        long r0 = p * step, r1 = Math.min(r, r0 + step);
                        Block bl = blocks[p];
                        for (long i0 = r0; i0 < r1; i0 += bRows) {
                            int n = (int) Math.min(bRows, r1 - i0);
                            bl.n = n;
                            bl.local = l0 + i0;
                            bl.global = g0 + i0;
                            bl.rows = rows.narrow(0, i0, n);
                            if (wantRows) load(rows, i0, n, bl, wantX);
                            if (distances) distances(rows, i0, n, bl);
                            block((S) states[p], bl);
                        }
                    }
                });
            });
        } finally {
            for (Block bl : blocks) bl.free();
            if (norms != null) norms.storage().free();
        }
        List<S> out = new ArrayList<>(pieces);
        for (Object o : states) out.add((S) o);
        return out;
    }

    private void load(Tensor rows, long i0, int n, Block b, boolean wantX) {
        int len = n * f;
        if (len == 0) return;
        MemorySegment seg = rows.segment();
        long e = rows.offset() + i0 * f;   // rows is the chunk (i0 > 0) or the block's own view (i0 = 0)
        if (s.dtype == DType.FLOAT64) {
            MemorySegment.copy(seg, F64, e * 8, b.x, 0, len);
        } else {
            MemorySegment.copy(seg, F32, e * 4, b.xf, 0, len);
            if (wantX) {
                float[] t = b.xf;
                double[] x = b.x;
                for (int i = 0; i < len; i++) x[i] = t[i];
            }
        }
    }

    private void distances(Tensor rows, long i0, int n, Block b) {
        Tensor xb = b.rows, gb = b.g.narrow(0, 0, n);
        int len = n * k;
        double[] d = b.d;
        if (l1) {
            LocalDistances.computeSerial(Metric.cityblock(), xb, ce.t, gb);
            MemorySegment.copy(gb.segment(), F64, gb.offset() * 8, d, 0, len);
            nearestExact(d, n, k, b.nearest);
            return;
        }
        // as scikit-learn: the block's output starts as the centres' squared norms, then gemm adds -2·X_b·Cᵀ
        int item = s.dtype.itemSize();
        MemorySegment.copy(norms.segment(), 0, gb.segment(), gb.offset() * item, (long) len * item);
        LocalLinalg.gemm(-2.0, xb, ce.t.transpose(), 1.0, gb);
        if (s.dtype == DType.FLOAT64) {
            MemorySegment.copy(gb.segment(), F64, gb.offset() * 8, d, 0, len);
            nearest(d, n, k, b.nearest);
        } else {
            float[] gf = b.gf;
            MemorySegment.copy(gb.segment(), F32, gb.offset() * 4, gf, 0, len);
            nearest(gf, n, k, b.nearest);
            if (needsD()) for (int i = 0; i < len; i++) d[i] = gf[i];
        }
    }

    /** Whether {@link Block#d} is read (float32 distances are otherwise left as floats). */
    boolean needsD() { return true; }

    /**
     * The exact argmin of float32 rows: the float's order-preserving 32-bit key and the column in one long, the
     * minimum by conditional moves. Four rows go together so that their dependency chains overlap.
     */
    static void nearest(float[] g, int n, int k, int[] out) {
        int i = 0;
        for (; i + 3 < n; i += 4) {
            int o = i * k;
            long b0 = Long.MAX_VALUE, b1 = Long.MAX_VALUE, b2 = Long.MAX_VALUE, b3 = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                b0 = Math.min(b0, key(g[o + j], j));
                b1 = Math.min(b1, key(g[o + k + j], j));
                b2 = Math.min(b2, key(g[o + 2 * k + j], j));
                b3 = Math.min(b3, key(g[o + 3 * k + j], j));
            }
            out[i] = (int) b0;
            out[i + 1] = (int) b1;
            out[i + 2] = (int) b2;
            out[i + 3] = (int) b3;
        }
        for (; i < n; i++) {
            long b = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) b = Math.min(b, key(g[i * k + j], j));
            out[i] = (int) b;
        }
    }

    private static long key(float v, int j) {
        int b = Float.floatToRawIntBits(v);
        b ^= (b >> 31) & 0x7fffffff;
        return ((long) b << 32) | j;
    }

    /**
     * The exact argmin (first minimum) of every row: L1 distances are exact sums, so ties and one-ulp differences are
     * meaningful and resolved as numpy does.
     */
    static void nearestExact(double[] d, int n, int k, int[] out) {
        for (int i = 0, o = 0; i < n; i++, o += k) {
            int best = 0;
            double bv = d[o];
            for (int j = 1; j < k; j++) {
                if (d[o + j] < bv) {
                    bv = d[o + j];
                    best = j;
                }
            }
            out[i] = best;
        }
    }

    /**
     * The argmin of every row of squared-euclidean partial distances, without branches: each value becomes an
     * order-preserving 64-bit key whose low bits are replaced by the column, and the keys' minimum (a conditional
     * move) names the column. Values closer than 2^bits units in the last place count as equal and the smaller column
     * wins — the first minimum, as numpy's argmin, for exact ties; the quadratic expansion's own rounding error is
     * larger than that window. A data-dependent branch here mispredicts about once a row and cost more than the
     * gemm.
     */
    static void nearest(double[] d, int n, int k, int[] out) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, k - 1));
        long mask = ~((1L << bits) - 1);
        for (int i = 0, o = 0; i < n; i++, o += k) {
            long best = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                long v = Double.doubleToRawLongBits(d[o + j]);
                v ^= (v >> 63) & 0x7fffffffffffffffL;
                best = Math.min(best, (v & mask) | j);
            }
            out[i] = (int) (best & ~mask);
        }
    }

    // ------------------------------------------------------------------------------------------- helpers for blocks

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
