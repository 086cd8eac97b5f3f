package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * Local reduction of one axis: the input is viewed as a contiguous (A, K, B) block and reduced over K into an
 * (A, B) output. With B = 1 every output folds one contiguous run (split over threads along K when there are
 * few outputs); with B > 1 rows of B are combined element-wise, so memory is always read in order.
 *
 * <pre>{@code
 * Tensor colSums = Reduce.apply(Reductions.SUM, false, x, 0, DType.FLOAT64);   // (n, m) -> (m)
 * }</pre>
 */
final class Reduce {
    private static final int BLOCK = Elementwise.BLOCK;
    private static final long GRAIN = 1L << 15;

    private Reduce() { }

    /**
     * Reduces {@code axis} of {@code in} with {@code fn}; the result (the input shape without that axis) has dtype
     * {@code outType}. {@code longPath} selects exact integer arithmetic.
     */
    public static Tensor apply(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        int ax = Shapes.normalizeAxis(axis, in.ndim(), "axis");
        long[] shape = in.shape();
        long a = 1, b = 1, k = shape[ax];
        for (int d = 0; d < ax; d++) a *= shape[d];
        for (int d = ax + 1; d < shape.length; d++) b *= shape[d];
        long[] outShape = new long[shape.length - 1];
        for (int d = 0, j = 0; d < shape.length; d++) if (d != ax) outShape[j++] = shape[d];
        Tensor out = Tensor.empty(outType, outShape);
        if (out.size() == 0) return out;
        Tensor c = in.contiguous();
        MemorySegment src = c.segment();
        long base = c.offset() * c.dtype().itemSize();
        int item = c.dtype().itemSize();
        DType st = c.dtype();
        MemorySegment dst = out.segment();
        final long A = a, K = k, B = b;
        if (B == 1) {
            if (A < Parallel.threads() && K >= 2 * GRAIN) {
                // few long runs: split each run over the threads and combine the partial results
                for (long i = 0; i < A; i++) {
                    long runBase = base + i * K * item;
                    int pieces = Parallel.threads();
                    double[] pd = new double[pieces];
                    long[] pl = new long[pieces];
                    long step = (K + pieces - 1) / pieces;
                    Parallel.forRange(pieces, 1, (p0, p1) -> {
                        for (long p = p0; p < p1; p++) {
                            long from = p * step, to = Math.min(K, from + step);
                            if (longPath) pl[(int) p] = foldRun(fn, src, runBase + from * item, st, Math.max(0, to - from), new long[BLOCK]);
                            else pd[(int) p] = foldRun(fn, src, runBase + from * item, st, Math.max(0, to - from), new double[BLOCK]);
                        }
                    });
                    if (longPath) {
                        long acc = fn.identityL();
                        acc = fn.fold(acc, pl, pieces);
                        Elements.writeLong(dst, i * outType.itemSize(), outType, acc);
                    } else {
                        double acc = fn.fold(fn.identityD(), pd, pieces);
                        Elements.writeDouble(dst, i * outType.itemSize(), outType, acc);
                    }
                }
                return out;
            }
            if (K > 0 && 2 * K <= BLOCK && !longPath) {   // K = 0 (an empty slab): the identity, below
                shortRuns(fn, src, base, st, A, K, dst, outType);
                return out;
            }
            Parallel.forRange(A, Math.max(1, GRAIN / Math.max(1, K)), (i0, i1) -> {
                double[] bd = longPath ? null : new double[BLOCK];
                long[] bl = longPath ? new long[BLOCK] : null;
                for (long i = i0; i < i1; i++) {
                    long off = base + i * K * item;
                    if (longPath) Elements.writeLong(dst, i * outType.itemSize(), outType, foldRun(fn, src, off, st, K, bl));
                    else Elements.writeDouble(dst, i * outType.itemSize(), outType, foldRun(fn, src, off, st, K, bd));
                }
            });
            return out;
        }
        if (2 * B <= BLOCK && K > 1) {
            narrowRows(fn, longPath, src, base, st, A, K, B, dst, outType);
            return out;
        }
        long blocksPerRow = (B + BLOCK - 1) / BLOCK;
        Parallel.forRange(A * blocksPerRow, Math.max(1, GRAIN / Math.max(1, K * BLOCK)), (t0, t1) -> {
            double[] accD = longPath ? null : new double[BLOCK], rowD = longPath ? null : new double[BLOCK];
            long[] accL = longPath ? new long[BLOCK] : null, rowL = longPath ? new long[BLOCK] : null;
            for (long t = t0; t < t1; t++) {
                long i = t / blocksPerRow, j0 = (t % blocksPerRow) * BLOCK;
                int m = (int) Math.min(BLOCK, B - j0);
                long outOff = (i * B + j0) * outType.itemSize();
                if (longPath) {
                    Arrays.fill(accL, 0, m, fn.identityL());
                    for (long kk = 0; kk < K; kk++) {
                        BlockIO.load(src, base + ((i * K + kk) * B + j0) * item, item, st, rowL, m);
                        fn.combine(accL, rowL, m);
                    }
                    BlockIO.store(accL, dst, outOff, outType.itemSize(), outType, m);
                } else {
                    Arrays.fill(accD, 0, m, fn.identityD());
                    for (long kk = 0; kk < K; kk++) {
                        BlockIO.load(src, base + ((i * K + kk) * B + j0) * item, item, st, rowD, m);
                        fn.combine(accD, rowD, m);
                    }
                    BlockIO.store(accD, dst, outOff, outType.itemSize(), outType, m);
                }
            }
        });
        return out;
    }

    /**
     * Short runs (at most BLOCK/2 values, e.g. the row sums of (n, 8)): one block load takes many runs, and the runs'
     * results are stored a block at a time, so the per-call costs are paid per block rather than per run.
     */
    private static void shortRuns(ReduceFn fn, MemorySegment src, long base, DType st, long A, long K, MemorySegment dst, DType outType) {
        int k = (int) K, perLoad = BLOCK / k, item = st.itemSize(), oi = outType.itemSize();
        Parallel.forRange(A, Math.max(perLoad, GRAIN / K), (i0, i1) -> {
            double[] buf = new double[perLoad * k], res = new double[perLoad];
            for (long i = i0; i < i1; i += perLoad) {
                int r = (int) Math.min(perLoad, i1 - i);
                BlockIO.load(src, base + i * K * item, item, st, buf, r * k);
                fn.foldRuns(buf, r, k, res);
                BlockIO.store(res, dst, i * oi, oi, outType, r);
            }
        });
    }

    /**
     * Rows of at most BLOCK/2 values (a reduction over the leading axis of a narrow array, e.g. the column sums of
     * (n, 8)): each block load takes as many whole rows as fit, so the per-load cost is paid once per block rather than
     * once per short row; when there are fewer outputs than threads, the rows are split over the threads and the
     * partial results combined in thread order.
     */
    private static void narrowRows(ReduceFn fn, boolean longPath, MemorySegment src, long base, DType st, long A, long K, long B,
                                   MemorySegment dst, DType outType) {
        int b = (int) B, rowsPerLoad = BLOCK / b, item = st.itemSize(), threads = Parallel.threads();
        boolean inPlace = st == DType.FLOAT64 && fn.readsF64();
        long minRows = Math.max(1, GRAIN / B);   // rows worth a thread of their own
        int pieces = A >= threads ? 1 : (int) Math.max(1, Math.min(threads, K / minRows));
        int oi = outType.itemSize();
        double[][] partD = !longPath && pieces > 1 ? new double[(int) (A * pieces)][] : null;
        long[][] partL = longPath && pieces > 1 ? new long[(int) (A * pieces)][] : null;
        long step = (K + pieces - 1) / pieces;
        Parallel.forRange(A * pieces, 1, (t0, t1) -> {
            double[] bufD = longPath ? null : new double[rowsPerLoad * b];
            long[] bufL = longPath ? new long[rowsPerLoad * b] : null;
            for (long t = t0; t < t1; t++) {
                long i = t / pieces, from = Math.min(K, (t % pieces) * step), to = Math.min(K, from + step);
                double[] accD = longPath ? null : new double[b];
                long[] accL = longPath ? new long[b] : null;
                if (longPath) Arrays.fill(accL, fn.identityL());
                else Arrays.fill(accD, fn.identityD());
                for (long kk = from; kk < to; kk += rowsPerLoad) {
                    int r = (int) Math.min(rowsPerLoad, to - kk);
                    long off = base + (i * K + kk) * B * item;
                    if (longPath) {
                        BlockIO.load(src, off, item, st, bufL, r * b);
                        fn.combineRows(accL, bufL, r, b);
                    } else if (inPlace) {
                        fn.combineRowsF64(accD, src, off, r, b);
                    } else {
                        BlockIO.load(src, off, item, st, bufD, r * b);
                        fn.combineRows(accD, bufD, r, b);
                    }
                }
                if (pieces == 1) {   // the only piece of output row i: straight to the output
                    if (longPath) BlockIO.store(accL, dst, i * B * oi, oi, outType, b);
                    else BlockIO.store(accD, dst, i * B * oi, oi, outType, b);
                } else if (longPath) {
                    partL[(int) t] = accL;
                } else {
                    partD[(int) t] = accD;
                }
            }
        });
        if (pieces == 1) return;
        for (long i = 0; i < A; i++) {
            if (longPath) {
                long[] acc = partL[(int) (i * pieces)];
                for (int p = 1; p < pieces; p++) fn.combine(acc, partL[(int) (i * pieces + p)], b);
                BlockIO.store(acc, dst, i * B * oi, oi, outType, b);
            } else {
                double[] acc = partD[(int) (i * pieces)];
                for (int p = 1; p < pieces; p++) fn.combine(acc, partD[(int) (i * pieces + p)], b);
                BlockIO.store(acc, dst, i * B * oi, oi, outType, b);
            }
        }
    }

    /**
     * Inclusive running reduction along {@code axis} (cumsum with SUM, cumprod with PROD): out[…, k, …] =
     * in[…, 0, …] ⊕ … ⊕ in[…, k, …], written as {@code outType}.
     * <pre>{@code Tensor c = Reduce.cumulative(Reductions.SUM, false, x, 0, DType.FLOAT64); }</pre>
     */
    public static Tensor cumulative(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        int ax = Shapes.normalizeAxis(axis, in.ndim(), "axis");
        long[] shape = in.shape();
        long a = 1, b = 1, k = shape[ax];
        for (int d = 0; d < ax; d++) a *= shape[d];
        for (int d = ax + 1; d < shape.length; d++) b *= shape[d];
        Tensor out = Tensor.empty(outType, shape);
        if (out.size() == 0) return out;
        Tensor c = in.contiguous();
        MemorySegment src = c.segment(), dst = out.segment();
        long base = c.offset() * c.dtype().itemSize();
        int item = c.dtype().itemSize(), oitem = outType.itemSize();
        DType st = c.dtype();
        final long K = k, B = b;
        long blocksPerRow = (B + BLOCK - 1) / BLOCK;
        Parallel.forRange(a * blocksPerRow, Math.max(1, GRAIN / Math.max(1, K * BLOCK)), (t0, t1) -> {
            double[] accD = longPath ? null : new double[BLOCK], rowD = longPath ? null : new double[BLOCK];
            long[] accL = longPath ? new long[BLOCK] : null, rowL = longPath ? new long[BLOCK] : null;
            for (long t = t0; t < t1; t++) {
                long i = t / blocksPerRow, j0 = (t % blocksPerRow) * BLOCK;
                int m = (int) Math.min(BLOCK, B - j0);
                if (longPath) Arrays.fill(accL, 0, m, fn.identityL());
                else Arrays.fill(accD, 0, m, fn.identityD());
                for (long kk = 0; kk < K; kk++) {
                    long e = (i * K + kk) * B + j0;
                    if (longPath) {
                        BlockIO.load(src, base + e * item, item, st, rowL, m);
                        fn.combine(accL, rowL, m);
                        BlockIO.store(accL, dst, e * oitem, oitem, outType, m);
                    } else {
                        BlockIO.load(src, base + e * item, item, st, rowD, m);
                        fn.combine(accD, rowD, m);
                        BlockIO.store(accD, dst, e * oitem, oitem, outType, m);
                    }
                }
            }
        });
        return out;
    }

    private static double foldRun(ReduceFn fn, MemorySegment s, long off, DType t, long len, double[] buf) {
        double acc = fn.identityD();
        int item = t.itemSize();
        boolean inPlace = t == DType.FLOAT64 && fn.readsF64();
        for (long c = 0; c < len; c += BLOCK) {
            int m = (int) Math.min(BLOCK, len - c);
            if (inPlace) {
                acc = fn.foldF64(acc, s, off + c * item, m);   // the same blocks, so the same bits as the copies
            } else {
                BlockIO.load(s, off + c * item, item, t, buf, m);
                acc = fn.fold(acc, buf, m);
            }
        }
        return acc;
    }

    private static long foldRun(ReduceFn fn, MemorySegment s, long off, DType t, long len, long[] buf) {
        long acc = fn.identityL();
        int item = t.itemSize();
        for (long c = 0; c < len; c += BLOCK) {
            int m = (int) Math.min(BLOCK, len - c);
            BlockIO.load(s, off + c * item, item, t, buf, m);
            acc = fn.fold(acc, buf, m);
        }
        return acc;
    }
}
