package org.jheat.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.Map;

import org.jheat.natives.Fftw;

/**
 * {@link FftKernels} on FFTW 3 through FFM. Every transform is one guru64 plan: the transformed axes are the plan's
 * dimensions and all other axes its "howmany" loop, each with the tensors' own strides, so strided views and
 * transforms along any axis need no transposes. complex64/float32 run FFTW's single-precision library, everything
 * else double precision.
 *
 * <p><b>Plans</b> are made with {@code FFTW_ESTIMATE} (heuristics only: planning neither runs transforms nor touches
 * the arrays, so a plan is made on the call's own arrays) and cached per (kind, precision, dimensions and strides,
 * howmany loop, in-place or not, alignment of both arrays, direction, threads), then run on new arrays with
 * {@code fftw_execute_dft} etc. — FFTW requires the same layout and alignment there, which the key includes.
 * {@code FFTW_MEASURE} would plan faster transforms but runs trial transforms (seconds for large sizes) on
 * scratch arrays, which jheat's one-shot calls on ever new shapes would not amortise. Planning is not thread-safe
 * in FFTW: it happens under one lock; execution runs concurrently. Transforms of at least 2^15 elements use
 * {@link Parallel#threads()} threads ({@code fftw_plan_with_nthreads}), smaller ones one. At most
 * {@value #MAX_PLANS} plans are kept; beyond that a plan is destroyed after its one use.
 */
final class CpuFft implements FftKernels {
    static final CpuFft INSTANCE = new CpuFft();

    private static final int MAX_PLANS = 512;
    private static final long THREADED_MIN = 1L << 15;
    /** Multi-axis transforms at least this large take the blocked path for their strided axes. */
    private static final long BLOCKED_MIN = 1L << 16;
    private static final long BLOCK_BYTES = 512 * 1024;
    private static final Object PLAN_LOCK = new Object();
    private static final Map<String, MemorySegment> PLANS = new HashMap<>();

    private enum Kind { C2C, R2C, C2R }

    private CpuFft() { }

    // ------------------------------------------------------------------------------------------- transforms

    @Override
    public Tensor c2c(Tensor x, int[] axes, boolean forward, double scale, DType out) {
        Tensor y = x.newEmpty(out, x.shape());
        if (y.size() == 0) return y;
        Tensor src = x;
        if (x.dtype() != out || !usable(x)) {
            toComplex(x, y);
            src = y;
        }
        boolean single = out == DType.COMPLEX64;
        int sign = forward ? Fftw.FORWARD : Fftw.BACKWARD;
        int last = y.ndim() - 1;
        int[] slow = java.util.Arrays.stream(axes).filter(a -> a != last && y.shape(a) > 1).toArray();
        if (y.size() < BLOCKED_MIN || slow.length == 0) {
            run(Kind.C2C, single, axes, src, y, 0, sign, -1);
        } else {
            // the unit-stride axis by one plan, every other axis in cache-sized blocks of columns
            int[] fast = java.util.Arrays.stream(axes).filter(a -> a == last || y.shape(a) == 1).toArray();
            if (fast.length > 0) run(Kind.C2C, single, fast, src, y, 0, sign, -1);
            else if (src != y) y.backend().copy(src, y);
            for (int a : slow) blockedPass(y, a, single, sign);
        }
        scale(y, scale);
        return y;
    }

    /**
     * The transform along a strided axis a of the contiguous complex tensor y, in place: blocks of B neighbouring
     * columns (n × B elements, about {@value #BLOCK_BYTES} bytes) are copied row by row into a private buffer,
     * transformed there (in cache) and copied back, with the blocks spread over the threads. FFTW's own plans for
     * such strides (FFTW_ESTIMATE) walk the whole array once per column and ran 5–7× slower than a pass along the
     * unit-stride axis; this is numpy's (pocketfft's) way of doing the same.
     */
    private static void blockedPass(Tensor y, int a, boolean single, int sign) {
        long[] sh = y.shape();
        long n = sh[a];
        long inner = Shapes.size(java.util.Arrays.copyOfRange(sh, a + 1, sh.length));
        long outer = Shapes.size(java.util.Arrays.copyOfRange(sh, 0, a));
        int item = y.dtype().itemSize();
        long b = Math.max(1, Math.min(inner, BLOCK_BYTES / (n * item)));
        long blocks = (inner + b - 1) / b;
        MemorySegment seg = y.segment();
        long base0 = y.offset() * item;
        DType ct = y.dtype();
        Parallel.forRange(outer * blocks, 1, (t0, t1) -> {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment buf = arena.allocate(n * b * item, 64);
                for (long t = t0; t < t1; t++) {
                    long o = t / blocks, j = (t % blocks) * b, w = Math.min(b, inner - j);
                    long base = base0 + (o * n * inner + j) * item, row = inner * item, len = w * item;
                    for (long k = 0; k < n; k++) MemorySegment.copy(seg, base + k * row, buf, k * len, len);
                    Tensor bt = Tensor.wrap(buf, ct, n, w);
                    run(Kind.C2C, single, new int[] {0}, bt, bt, 0, sign, 1);
                    for (long k = 0; k < n; k++) MemorySegment.copy(buf, k * len, seg, base + k * row, len);
                }
            }
        });
    }

    @Override
    public Tensor r2c(Tensor x, int[] axes, double scale, DType out) {
        int last = axes[axes.length - 1];
        long[] shape = x.shape();
        long n = shape[last];
        shape[last] = n / 2 + 1;
        Tensor y = x.newEmpty(out, shape);
        if (y.size() == 0 || x.size() == 0) return y;
        DType real = out == DType.COMPLEX64 ? DType.FLOAT32 : DType.FLOAT64;
        Tensor src = x.dtype() == real && usable(x) ? x : x.astype(real);
        run(Kind.R2C, out == DType.COMPLEX64, axes, src, y, n, 0, -1);
        if (src != x) src.free();
        scale(y, scale);
        return y;
    }

    @Override
    public Tensor c2r(Tensor x, int axis, long n, double scale, DType out) {
        long[] shape = x.shape();
        shape[axis] = n;
        Tensor y = x.newEmpty(out, shape);
        if (y.size() == 0) return y;
        // FFTW's c2r overwrites its input: it always works on a private copy
        Tensor tmp = x.newEmpty(out == DType.FLOAT32 ? DType.COMPLEX64 : DType.COMPLEX128, x.shape());
        toComplex(x, tmp);
        run(Kind.C2R, out == DType.FLOAT32, new int[] {axis}, tmp, y, n, 0, -1);
        tmp.free();
        scale(y, scale);
        return y;
    }

    /** FFTW needs native memory and positive strides (a broadcast or reversed view is copied first). */
    private static boolean usable(Tensor t) {
        if (!t.segment().isNative()) return false;
        long[] s = t.strides();
        for (int d = 0; d < s.length; d++) if (s[d] <= 0 && t.shape(d) > 1) return false;
        return true;
    }

    /** {@code dst} (contiguous, complex) = {@code src} converted: real parts from a real src, imaginary parts zero. */
    private static void toComplex(Tensor src, Tensor dst) {
        Backend be = dst.backend();
        Tensor d = FftKernels.viewAsReal(dst);
        if (src.dtype().isComplex()) {
            be.copy(FftKernels.viewAsReal(src), d);
        } else {
            be.copy(src, d.select(-1, 0));
            be.fill(d.select(-1, 1), 0.0);
        }
    }

    /**
     * Plans (or finds) and executes one transform from {@code in} to {@code out} over {@code axes}; {@code n} is the
     * logical length of the halved axis for r2c/c2r (the last of axes); {@code threads} -1: by size.
     */
    private static void run(Kind kind, boolean single, int[] axes, Tensor in, Tensor out, long n, int sign, int threads) {
        Fftw f = single ? Fftw.singlePrecision() : Fftw.doublePrecision();
        int nd = in.ndim();
        long[] inSh = in.shape(), is = in.strides(), os = out.strides();
        boolean[] transformed = new boolean[nd];
        for (int a : axes) transformed[a] = true;
        int rank = axes.length, howmany = 0;
        for (int d = 0; d < nd; d++) if (!transformed[d] && inSh[d] != 1) howmany++;
        long[] dn = new long[rank], dis = new long[rank], dos = new long[rank];
        for (int i = 0; i < rank; i++) {
            int a = axes[i];
            dn[i] = kind == Kind.C2C ? inSh[a] : (i == rank - 1 ? n : inSh[a]);
            dis[i] = is[a];
            dos[i] = os[a];
        }
        long[] hn = new long[howmany], his = new long[howmany], hos = new long[howmany];
        for (int d = 0, k = 0; d < nd; d++) {
            if (transformed[d] || inSh[d] == 1) continue;
            hn[k] = inSh[d];
            his[k] = is[d];
            hos[k++] = os[d];
        }
        MemorySegment pin = base(in), pout = base(out);
        boolean inPlace = pin.address() == pout.address();
        if (threads < 0) threads = Math.max(in.size(), out.size()) >= THREADED_MIN ? Parallel.threads() : 1;
        StringBuilder key = new StringBuilder(96).append(kind).append(single ? 'f' : 'd').append(sign).append('/').append(threads)
                .append('/').append(inPlace).append('/').append(f.alignmentOf(pin)).append(',').append(f.alignmentOf(pout));
        for (int i = 0; i < rank; i++) key.append('|').append(dn[i]).append(',').append(dis[i]).append(',').append(dos[i]);
        key.append('#');
        for (int i = 0; i < howmany; i++) key.append('|').append(hn[i]).append(',').append(his[i]).append(',').append(hos[i]);
        String k = key.toString();
        MemorySegment plan;
        boolean keep;
        synchronized (PLAN_LOCK) {
            plan = PLANS.get(k);
            keep = true;
            if (plan == null) {
                try (Arena a = Arena.ofConfined()) {
                    MemorySegment dims = Fftw.iodims(a.allocate(Fftw.IODIM_BYTES * rank, 8), dn, dis, dos);
                    MemorySegment hdims = Fftw.iodims(a.allocate(Fftw.IODIM_BYTES * Math.max(1, howmany), 8), hn, his, hos);
                    f.planWithNthreads(threads);
                    plan = switch (kind) {
                        case C2C -> f.planDft(rank, dims, howmany, hdims, pin, pout, sign, Fftw.ESTIMATE);
                        case R2C -> f.planR2c(rank, dims, howmany, hdims, pin, pout, Fftw.ESTIMATE);
                        case C2R -> f.planC2r(rank, dims, howmany, hdims, pin, pout, Fftw.ESTIMATE | Fftw.DESTROY_INPUT);
                    };
                }
                if (plan.address() == 0) {
                    throw new IllegalStateException("FFTW made no plan for a " + kind + " transform of shape " + Shapes.str(inSh)
                            + " over axes " + java.util.Arrays.toString(axes));
                }
                keep = PLANS.size() < MAX_PLANS;
                if (keep) PLANS.put(k, plan);
            }
        }
        switch (kind) {
            case C2C -> f.executeDft(plan, pin, pout);
            case R2C -> f.executeR2c(plan, pin, pout);
            case C2R -> f.executeC2r(plan, pin, pout);
        }
        if (!keep) {
            synchronized (PLAN_LOCK) {
                f.destroy(plan);
            }
        }
    }

    /** The address of element 0 of a tensor. */
    private static MemorySegment base(Tensor t) {
        return t.segment().asSlice(t.offset() * t.dtype().itemSize());
    }

    // ------------------------------------------------------------------------------------------- element kernels

    /** {@code t *= s} on a contiguous float or complex tensor (complex: both parts). */
    private static void scale(Tensor t, double s) {
        if (s == 1.0 || t.size() == 0) return;
        MemorySegment seg = t.segment();
        boolean single = t.dtype() == DType.FLOAT32 || t.dtype() == DType.COMPLEX64;
        long count = t.size() * (t.dtype().isComplex() ? 2 : 1);
        long off = t.offset() * (t.dtype().isComplex() ? 2 : 1);
        if (single) {
            float sf = (float) s;
            Parallel.forRange(count, 1 << 16, (a, b) -> {
                for (long i = off + a; i < off + b; i++) {
                    seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i, seg.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) * sf);
                }
            });
        } else {
            Parallel.forRange(count, 1 << 16, (a, b) -> {
                for (long i = off + a; i < off + b; i++) {
                    seg.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i, seg.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, i) * s);
                }
            });
        }
    }

    @Override
    public void conjugate(Tensor c) {
        if (!c.isContiguous()) throw new IllegalArgumentException("conjugate needs a contiguous tensor");
        MemorySegment seg = c.segment();
        long off = c.offset() * 2;
        if (c.dtype() == DType.COMPLEX64) {
            Parallel.forRange(c.size(), 1 << 16, (a, b) -> {
                for (long i = a; i < b; i++) {
                    long j = off + 2 * i + 1;
                    seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, j, -seg.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, j));
                }
            });
        } else {
            Parallel.forRange(c.size(), 1 << 16, (a, b) -> {
                for (long i = a; i < b; i++) {
                    long j = off + 2 * i + 1;
                    seg.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j, -seg.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, j));
                }
            });
        }
    }

    /**
     * exp(±2πi k/n) as hi[k / b] * lo[k % b] with two tables of about √n entries each (b = ⌈√n⌉), so each factor
     * costs one complex product instead of a sine and a cosine, with an error of a few ulps.
     */
    @Override
    public void twiddle(Tensor c, long rowStart, long colStart, long n, boolean forward) {
        if (c.ndim() != 2 || !c.isContiguous()) throw new IllegalArgumentException("twiddle needs a contiguous 2-d tensor");
        if (c.size() == 0) return;
        long b = (long) Math.ceil(Math.sqrt((double) n));
        int nb = (int) b, nh = (int) ((n + b - 1) / b + 1);
        double sign = forward ? -1 : 1;
        double[] loRe = new double[nb], loIm = new double[nb], hiRe = new double[nh], hiIm = new double[nh];
        for (int j = 0; j < nb; j++) {
            double t = 2 * Math.PI * j / n;
            loRe[j] = Math.cos(t);
            loIm[j] = sign * Math.sin(t);
        }
        for (int j = 0; j < nh; j++) {
            double t = 2 * Math.PI * ((j * b) % n) / n;
            hiRe[j] = Math.cos(t);
            hiIm[j] = sign * Math.sin(t);
        }
        long rows = c.shape(0), cols = c.shape(1);
        MemorySegment seg = c.segment();
        long off = c.offset() * 2;
        boolean single = c.dtype() == DType.COMPLEX64;
        Parallel.forRange(rows, Math.max(1, (1 << 14) / Math.max(1, cols)), (r0, r1) -> {
            for (long i = r0; i < r1; i++) {
                long row = rowStart + i;
                long k = row < (1L << 31) && colStart < (1L << 31) ? row * colStart % n : mulMod(row, colStart, n);
                long step = row % n;   // k advances by row per column
                long p = off + 2 * i * cols;
                for (long j = 0; j < cols; j++, p += 2) {
                    int h = (int) (k / b), l = (int) (k % b);
                    double wr = hiRe[h] * loRe[l] - hiIm[h] * loIm[l];
                    double wi = hiRe[h] * loIm[l] + hiIm[h] * loRe[l];
                    if (single) {
                        float xr = seg.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, p), xi = seg.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, p + 1);
                        seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, p, (float) (xr * wr - xi * wi));
                        seg.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, p + 1, (float) (xr * wi + xi * wr));
                    } else {
                        double xr = seg.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, p), xi = seg.getAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, p + 1);
                        seg.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, p, xr * wr - xi * wi);
                        seg.setAtIndex(ValueLayout.JAVA_DOUBLE_UNALIGNED, p + 1, xr * wi + xi * wr);
                    }
                    k += step;
                    if (k >= n) k -= n;
                }
            }
        });
    }

    /** (a·b) mod n without overflow. */
    private static long mulMod(long a, long b, long n) {
        return java.math.BigInteger.valueOf(a).multiply(java.math.BigInteger.valueOf(b)).mod(java.math.BigInteger.valueOf(n)).longValue();
    }
}
