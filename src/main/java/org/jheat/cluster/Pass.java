package org.jheat.cluster;

import java.util.ArrayList;
import java.util.List;

import org.jheat.spatial.Metric;
import org.jheat.tensor.ClusterKernels;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Parallel;
import org.jheat.tensor.Tensor;

/**
 * One pass over the samples, block by block: the driver under every clustering step. The local rows are divided
 * into one piece per thread; each piece walks its rows in blocks and hands each block to {@link #block}, which
 * updates the piece's own state — so no locks, and the pieces' partial results are merged afterwards in piece
 * order (the result does not depend on thread timing). All work on the rows runs in the backend's kernels
 * ({@link ClusterKernels}, {@link LocalLinalg}) on tensor views of the block; a pass that needs values in Java
 * (moments, records of rows) asks for them with {@link #needsX()}, {@link #needsD()} …, and they are copied into
 * the block's Java buffers through the Tensor API.
 *
 * <p>For small k and f (up to {@link #FUSED_MAX_K}, {@link #FUSED_MAX_F}) the nearest centres come from the fused
 * kernels ({@link ClusterKernels#lloydStep}, {@link ClusterKernels#nearestCentres}) when no distance block is
 * wanted: one sweep per block whose rounding does not depend on the row's place in the block, hence labels that do
 * not depend on the process or thread count. Otherwise squared euclidean distances are one gemm per block, X_b·Cᵀ (in the data's dtype: float32 stays float32),
 * started from the centres' squared norms so that the block holds {@code |c_j|² - 2 x·c_j} — the row's own norm is
 * left out since the argmin does not need it ({@link Block#norms} adds it where a true distance is wanted). Blocks
 * are small enough that BLAS runs each product on the calling thread while the pieces run in parallel; for very wide
 * problems (k·f large) a single piece hands whole blocks to the multi-threaded BLAS instead. L1 distances come from
 * the exact cityblock kernel.
 */
abstract class Pass<S> {
    /** Largest k and feature count for which squared euclidean passes use the fused kernels instead of gemm blocks. */
    static final int FUSED_MAX_K = 64, FUSED_MAX_F = 256;
    /**
     * Whether the fused kernels may be used (system property {@code jheat.cluster.fused}, default true); tests and
     * benchmarks switch it off to run the gemm path.
     */
    static volatile boolean fusedEnabled = !"false".equals(System.getProperty("jheat.cluster.fused"));
    /** Multiply-adds (rows·k·f) up to which OpenBLAS computes a product on the calling thread. */
    private static final long SERIAL_GEMM = 262_144;

    final Samples s;
    final Centres ce;
    final boolean l1;
    final boolean distances;
    final int f, k;
    /** Per-row sample weights (local reclustering of weighted candidates), or null for weight 1. */
    final double[] weights;
    /** The weights as a float64 tensor for the kernels (made by {@link #run}). */
    Tensor weightsT;
    /**
     * Whether this pass finds nearest centres with the fused kernels ({@link ClusterKernels#nearestCentres},
     * {@link ClusterKernels#lloydStep}): squared euclidean, small k and f, float data, no distance block wanted.
     */
    final boolean fused;
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
        this.fused = fusedEnabled && this.distances && !l1 && k <= FUSED_MAX_K && f <= FUSED_MAX_F && !needsD()
                && (s.dtype == DType.FLOAT32 || s.dtype == DType.FLOAT64);
    }

    /** A fresh state for one piece. */
    abstract S newState();

    /** Processes one block of rows (see {@link Block}). */
    abstract void block(S st, Block b);

    /** Whether {@link Block#x} (the rows as doubles) is filled. */
    boolean needsX() { return false; }

    /** Whether {@link Block#xf} (float32 rows as stored) is filled. */
    boolean needsXf() { return false; }

    /** Whether the distance block is copied into Java for {@link Block#d(int, int)}. */
    boolean needsD() { return false; }

    /** Whether {@link Block#nearest} (the nearest centres in a Java array) is filled. */
    boolean needsNearest() { return false; }

    /** Whether {@link Block#norms} (the rows' squared norms) is filled. */
    boolean needsNorms() { return false; }

    /**
     * True for a squared-euclidean pass whose {@link #block} takes the argmin of {@link Block#g} itself (in one
     * kernel with its update); then {@link Block#nearestT} and {@link Block#nearest} are not filled.
     */
    boolean fusedArgmin() { return false; }

    /**
     * One block of rows as a pass sees it: {@code n} rows, the first with local index {@code local} and global
     * index {@code global}, as the tensor view {@code rows}; with distances, the block {@code g} (L1: true distances;
     * squared euclidean: without |x|²) and the nearest centres {@code nearestT}. The Java buffers hold what the pass
     * asked for: {@code x[i·f + c]}, {@code xf}, {@link #d(int, int)}, {@code nearest[i]}, {@code norms[i]}.
     */
    static final class Block {
        int n;
        long local, global;
        final double[] x;
        final float[] xf;
        /** The distance block in Java, in the block's dtype (a plain copy: float32 is widened only where read). */
        private final double[] d;
        private final float[] df;
        private final int k;
        final int[] nearest;
        final int[] lab;
        final double[] norms;
        final double[] dist;
        final Tensor g;
        final Tensor nearestT;
        final Tensor scratch;
        /** The block's rows as a view of the chunk. */
        Tensor rows;

        Block(int bRows, int f, int k, DType dtype, boolean distances, boolean l1, Pass<?> p) {
            x = p.needsX() ? new double[bRows * f] : null;
            xf = p.needsXf() ? new float[bRows * f] : null;
            boolean f32 = !l1 && dtype == DType.FLOAT32;
            d = p.needsD() && !f32 ? new double[bRows * Math.max(1, k)] : null;
            df = p.needsD() && f32 ? new float[bRows * Math.max(1, k)] : null;
            this.k = k;
            nearest = new int[bRows];
            lab = new int[bRows];
            norms = new double[bRows];
            dist = new double[bRows];
            Backend be = p.s.backend();
            g = distances && !p.fused ? be.empty(l1 ? DType.FLOAT64 : dtype, bRows, k) : null;
            nearestT = be.empty(DType.INT32, bRows);
            scratch = be.empty(DType.FLOAT64, bRows);
        }

        /** Entry (i, j) of the distance block (filled when the pass {@link #needsD()}). */
        double d(int i, int j) { return df != null ? df[i * k + j] : d[i * k + j]; }

        /** The view of the nearest centres of this block's rows. */
        Tensor nearestView() { return nearestT.narrow(0, 0, n); }

        void free() {
            if (g != null) g.free();
            nearestT.free();
            scratch.free();
        }
    }

    /** Wide problems (k·f large) run as one piece whose gemm uses BLAS's threads. */
    private boolean wide() { return distances && !l1 && !fused && (long) k * f > 16384; }

    /** Rows per block: the products of a block stay below BLAS's threshold for threading (or large when wide). */
    final int blockRows() {
        long kf = Math.max(1, (long) k * Math.max(1, f));
        // fused: about 256 KiB of float32 rows per block, so a block's copy stays in cache for its one sweep
        if (fused) return Math.max(64, Math.min(2048, 65536 / Math.max(1, f)));
        return wide() ? 2048 : (int) Math.max(64, Math.min(2048, SERIAL_GEMM / kf));
    }

    /** Runs the pass; returns the piece states in piece order. */
    @SuppressWarnings("unchecked")
    final List<S> run() {
        int pieces = wide() ? 1 : Parallel.threads();
        int bRows = blockRows();
        Object[] states = new Object[pieces];
        Block[] blocks = new Block[pieces];
        try {
            for (int p = 0; p < pieces; p++) {
                states[p] = newState();
                blocks[p] = new Block(bRows, f, k, s.dtype, distances, l1, this);
            }
            if (weights != null) weightsT = Tensor.fromArray(weights).to(s.device);
            if (distances && !l1 && !fused) {
                norms = s.backend().empty(s.dtype, bRows, k);
                Tensor row = Tensor.fromArray(ce.norms, s.dtype).to(s.device);
                norms.copyFrom(row.reshape(1, k));
                row.free();
            }
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
                            load(bl);
                            block((S) states[p], bl);
                        }
                    }
                });
            });
        } finally {
            for (Block bl : blocks) if (bl != null) bl.free();
            if (norms != null) norms.free();
            if (weightsT != null) weightsT.free();
        }
        List<S> out = new ArrayList<>(pieces);
        for (Object o : states) out.add((S) o);
        return out;
    }

    private void load(Block b) {
        int n = b.n;
        if (b.x != null) b.rows.toDoubleArray(b.x);
        if (b.xf != null) b.rows.toFloatArray(b.xf);
        ClusterKernels ck = b.rows.backend().cluster();
        if (needsNorms()) {
            Tensor nt = b.scratch.narrow(0, 0, n);
            ck.rowSquaredNorms(b.rows, nt);
            nt.toDoubleArray(b.norms);
        }
        if (!distances) return;
        Tensor nb = b.nearestView();
        if (fused) {
            if (!fusedArgmin()) ck.nearestCentres(b.rows, ce.t, nb);
            if (needsNearest()) nb.toIntArray(b.nearest);
            return;
        }
        Tensor gb = b.g.narrow(0, 0, n);
        if (l1) {
            Metric.cityblock().computeSerial(b.rows, ce.t, gb);
            ck.argminRows(gb, nb, true);
        } else {
            // as scikit-learn: the block's output starts as the centres' squared norms, then gemm adds -2·X_b·Cᵀ
            gb.copyFrom(norms.narrow(0, 0, n));
            LocalLinalg.gemm(-2.0, b.rows, ce.t.transpose(), 1.0, gb);
            if (!fusedArgmin()) ck.argminRows(gb, nb, false);
        }
        if (needsNearest()) nb.toIntArray(b.nearest);
        if (b.df != null) gb.toFloatArray(b.df);
        else if (b.d != null) gb.toDoubleArray(b.d);
    }

    /**
     * The exact squared euclidean (L1 with {@link #l1}) distance of every row of the block to row {@code labels[i]}
     * of the float64 {@code centres}, into {@link Block#dist} (returned).
     */
    final double[] assigned(Block b, Tensor centres, Tensor labels) {
        Tensor out = b.scratch.narrow(0, 0, b.n);
        b.rows.backend().cluster().assignedDistances(b.rows, centres, labels, l1, out);
        return out.toDoubleArray(b.dist);
    }

    double weight(long local) { return weights == null ? 1.0 : weights[(int) local]; }
}
