package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The one local loop behind every element-wise operation: walks the output in C order over runs that are
 * contiguous in all operands at once (dimensions coalesced jointly), loads each run block by block into
 * {@code double[]} or {@code long[]} (converting dtypes, expanding broadcasts), calls the operation's block loop,
 * and stores the block converted to the output dtype. Large outputs are split over {@link Parallel#threads()}.
 * A kernel with a complex path ({@link ElementFn#hasComplexPath()}) gets interleaved (re, im) blocks instead.
 *
 * <pre>{@code
 * Elementwise.apply(fn, false, out, a.broadcastTo(out.shape()), b.broadcastTo(out.shape()));
 * }</pre>
 */
final class Elementwise {
    /** Elements per block: small enough for L1, large enough to amortise the call. */
    public static final int BLOCK = 1024;
    /**
     * Elements per call of a direct loop ({@link ElementFn#directF64}, {@code FusedF64}): a large operation calls its
     * loop many times rather than once per thread, so the JIT compiles the loop as a method with its exit in the
     * profile. Called once over 5e7 elements, it was compiled on the stack (OSR) only, the compiled code was thrown
     * away at the loop's first exit, and the next call ran interpreted until it was compiled again.
     */
    static final long DIRECT_CHUNK = 1L << 16;
    private static final long GRAIN = 1L << 15;

    private Elementwise() { }

    /**
     * {@code out = fn(a)} or {@code out = fn(a, b)}; every input has out's shape (use broadcast views).
     * {@code longPath} selects the integer kernel (exact int64 arithmetic) instead of the floating one.
     * {@code out} may be one of the inputs (in place) when it is not a broadcast view.
     */
    public static void apply(ElementFn fn, boolean longPath, Tensor out, Tensor... in) {
        long[] shape = out.shape();
        for (Tensor t : in) {
            if (!Arrays.equals(shape, t.shape())) {
                throw new IllegalArgumentException(fn.name() + ": operand shape " + Shapes.str(t.shape())
                        + " differs from output shape " + Shapes.str(shape));
            }
        }
        long size = out.size();
        if (size == 0) return;
        if (size == 1) {
            single(fn, longPath, out, in);
            return;
        }
        forEachRun(out, in, (seg, types, st, dims) -> new Runner(fn, longPath, seg, types, st, dims));
    }

    /** The loop over one run of elements, {@code len} long, starting at byte offsets {@code off} of the operands. */
    interface Run {
        /** Processes one run; {@code off[j]} is operand j's byte offset (the output last). */
        void run(long[] off, long len);
    }

    /** Makes one {@link Run} per thread from the operands' segments, dtypes and coalesced byte strides. */
    interface RunFactory {
        /** {@code st[j][dims - 1]} is operand j's byte stride along the runs (the output is operand k - 1). */
        Run make(MemorySegment[] seg, DType[] types, long[][] st, int dims);
    }

    /**
     * Walks {@code out} (with inputs of its shape) in C order over runs that are contiguous in all operands at once
     * (dimensions coalesced jointly), split over the process's threads; the one loop structure of the element-wise
     * kernels and of fused expressions ({@link ExprKernel}).
     */
    static void forEachRun(Tensor out, Tensor[] in, RunFactory factory) {
        long[] shape = out.shape();
        int k = in.length + 1;
        Tensor[] ts = new Tensor[k];
        System.arraycopy(in, 0, ts, 0, in.length);
        ts[k - 1] = out;
        // joint coalescing: n[d] extents, st[j][d] byte strides of operand j
        int nd = shape.length;
        long[] n = new long[Math.max(1, nd)];
        long[][] st = new long[k][n.length];
        long[][] strides = new long[k][];
        for (int j = 0; j < k; j++) strides[j] = ts[j].strides();
        int dims = 0;
        for (int d = 0; d < nd; d++) {
            if (shape[d] == 1) continue;
            boolean merge = dims > 0;
            for (int j = 0; j < k && merge; j++) {
                merge = st[j][dims - 1] == strides[j][d] * ts[j].dtype().itemSize() * shape[d];
            }
            if (merge) {
                n[dims - 1] *= shape[d];
                for (int j = 0; j < k; j++) st[j][dims - 1] = strides[j][d] * ts[j].dtype().itemSize();
            } else {
                n[dims] = shape[d];
                for (int j = 0; j < k; j++) st[j][dims] = strides[j][d] * ts[j].dtype().itemSize();
                dims++;
            }
        }
        if (dims == 0) {
            n[0] = 1;
            dims = 1;
        }
        final int D = dims;
        final long inner = n[D - 1];
        final long rows = out.size() / inner;
        MemorySegment[] seg = new MemorySegment[k];
        long[] base = new long[k];
        DType[] types = new DType[k];
        for (int j = 0; j < k; j++) {
            seg[j] = ts[j].segment();
            base[j] = ts[j].offset() * ts[j].dtype().itemSize();
            types[j] = ts[j].dtype();
        }
        if (rows == 1) {
            Parallel.forRange(inner, GRAIN, (a, b) -> {
                long[] off = new long[k];
                for (int j = 0; j < k; j++) off[j] = base[j] + a * st[j][D - 1];
                factory.make(seg, types, st, D).run(off, b - a);
            });
            return;
        }
        Parallel.forRange(rows, Math.max(1, GRAIN / inner), (from, to) -> {
            Run r = factory.make(seg, types, st, D);
            long[] idx = new long[D - 1];
            long[] off = new long[k];
            long rem = from;
            for (int j = 0; j < k; j++) off[j] = base[j];
            for (int d = D - 2; d >= 0; d--) {
                idx[d] = rem % n[d];
                rem /= n[d];
                for (int j = 0; j < k; j++) off[j] += idx[d] * st[j][d];
            }
            for (long row = from; row < to; row++) {
                r.run(off, inner);
                for (int d = D - 2; d >= 0; d--) {
                    if (++idx[d] < n[d]) {
                        for (int j = 0; j < k; j++) off[j] += st[j][d];
                        break;
                    }
                    idx[d] = 0;
                    for (int j = 0; j < k; j++) off[j] -= (n[d] - 1) * st[j][d];
                }
            }
        });
    }

    /**
     * One element (scalars, 1-element arrays, a reduction's result): no coalescing, threads or block buffers, whose
     * set-up costs more than the arithmetic here.
     */
    private static void single(ElementFn fn, boolean longPath, Tensor out, Tensor[] in) {
        int k = in.length;
        if (fn.hasComplexPath()) {
            double[] a = new double[2], b = k > 1 ? new double[2] : null, o = new double[2];
            BlockIO.loadComplex(in[0].segment(), in[0].offset() * in[0].dtype().itemSize(), 0, in[0].dtype(), a, 1);
            if (k > 1) BlockIO.loadComplex(in[1].segment(), in[1].offset() * in[1].dtype().itemSize(), 0, in[1].dtype(), b, 1);
            fn.applyComplex(a, b, o, 1);
            BlockIO.storeComplex(o, out.segment(), out.offset() * out.dtype().itemSize(), 0, out.dtype(), 1);
        } else if (longPath) {
            long[] a = new long[1], b = k > 1 ? new long[1] : null, o = new long[1];
            BlockIO.load(in[0].segment(), in[0].offset() * in[0].dtype().itemSize(), 0, in[0].dtype(), a, 1);
            if (k > 1) BlockIO.load(in[1].segment(), in[1].offset() * in[1].dtype().itemSize(), 0, in[1].dtype(), b, 1);
            fn.apply(a, b, o, 1);
            BlockIO.store(o, out.segment(), out.offset() * out.dtype().itemSize(), 0, out.dtype(), 1);
        } else {
            double[] a = new double[1], b = k > 1 ? new double[1] : null, o = new double[1];
            BlockIO.load(in[0].segment(), in[0].offset() * in[0].dtype().itemSize(), 0, in[0].dtype(), a, 1);
            if (k > 1) BlockIO.load(in[1].segment(), in[1].offset() * in[1].dtype().itemSize(), 0, in[1].dtype(), b, 1);
            fn.apply(a, b, o, 1);
            BlockIO.store(o, out.segment(), out.offset() * out.dtype().itemSize(), 0, out.dtype(), 1);
        }
    }

    /** Per-thread block buffers and the inner-run loop. */
    private static final class Runner implements Run {
        private final ElementFn fn;
        private final boolean longPath;
        private final MemorySegment[] seg;
        private final DType[] types;
        private final long[][] st;
        private final int inner;
        private final boolean direct;
        /** A unary float64 run contiguous in input and output: {@link ElementFn#directUnaryF64} may take it. */
        private final boolean directUnary;
        private final boolean complex;
        /** Block buffers, made on the first block-path run and sized to it (a direct loop or a tiny op needs no 24 KB). */
        private double[][] dbuf;
        private long[][] lbuf;
        private int cap;

        Runner(ElementFn fn, boolean longPath, MemorySegment[] seg, DType[] types, long[][] st, int dims) {
            this.fn = fn;
            this.longPath = longPath;
            this.seg = seg;
            this.types = types;
            this.st = st;
            this.inner = dims - 1;
            int k = seg.length;
            boolean d = k == 3 && !longPath && st[2][inner] == 8;
            for (int j = 0; j < k && d; j++) d = types[j] == DType.FLOAT64 && (j == 2 || st[j][inner] == 8 || st[j][inner] == 0);
            this.direct = d && !fn.hasComplexPath();
            this.directUnary = k == 2 && !longPath && !fn.hasComplexPath() && types[0] == DType.FLOAT64 && types[1] == DType.FLOAT64
                    && st[0][inner] == 8 && st[1][inner] == 8;
            this.complex = fn.hasComplexPath();
        }

        /** The direct binary loop over the run in pieces of {@link #DIRECT_CHUNK}; false when the kernel has none for these strides. */
        private boolean directRun(long[] off, long len) {
            long s0 = st[0][inner], s1 = st[1][inner];
            for (long c = 0; c < len; c += DIRECT_CHUNK) {
                long m = Math.min(DIRECT_CHUNK, len - c);
                if (!fn.directF64(seg[0], off[0] + c * s0, s0, seg[1], off[1] + c * s1, s1, seg[2], off[2] + c * 8, m)) {
                    if (c == 0) return false;
                    throw new AssertionError(fn + ": the direct loop declined a later piece of a run it took");
                }
            }
            return true;
        }

        /** The direct unary loop over the run in pieces of {@link #DIRECT_CHUNK}; false when the kernel has none. */
        private boolean directUnaryRun(long[] off, long len) {
            for (long c = 0; c < len; c += DIRECT_CHUNK) {
                long m = Math.min(DIRECT_CHUNK, len - c);
                if (!fn.directUnaryF64(seg[0], off[0] + c * 8, seg[1], off[1] + c * 8, m)) {
                    if (c == 0) return false;
                    throw new AssertionError(fn + ": the direct loop declined a later piece of a run it took");
                }
            }
            return true;
        }

        @Override
        public void run(long[] off, long len) {
            int k = seg.length, last = k - 1;
            if (direct && directRun(off, len)) return;
            if (directUnary && directUnaryRun(off, len)) return;
            if (len > cap) {
                cap = (int) Math.min(BLOCK, len);
                if (longPath) lbuf = new long[k][cap]; else dbuf = new double[k][complex ? 2 * cap : cap];
            }
            for (long c = 0; c < len; c += BLOCK) {
                int m = (int) Math.min(BLOCK, len - c);
                if (complex) {
                    for (int j = 0; j < last; j++) BlockIO.loadComplex(seg[j], off[j] + c * st[j][inner], st[j][inner], types[j], dbuf[j], m);
                    fn.applyComplex(dbuf[0], k > 2 ? dbuf[1] : null, dbuf[last], m);
                    BlockIO.storeComplex(dbuf[last], seg[last], off[last] + c * st[last][inner], st[last][inner], types[last], m);
                } else if (longPath) {
                    for (int j = 0; j < last; j++) BlockIO.load(seg[j], off[j] + c * st[j][inner], st[j][inner], types[j], lbuf[j], m);
                    fn.apply(lbuf[0], k > 2 ? lbuf[1] : null, lbuf[last], m);
                    BlockIO.store(lbuf[last], seg[last], off[last] + c * st[last][inner], st[last][inner], types[last], m);
                } else {
                    for (int j = 0; j < last; j++) BlockIO.load(seg[j], off[j] + c * st[j][inner], st[j][inner], types[j], dbuf[j], m);
                    fn.apply(dbuf[0], k > 2 ? dbuf[1] : null, dbuf[last], m);
                    BlockIO.store(dbuf[last], seg[last], off[last] + c * st[last][inner], st[last][inner], types[last], m);
                }
            }
        }
    }
}
