package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The CPU's {@link ClusterKernels}. Rows are copied block by block into Java arrays (one bulk copy for contiguous
 * rows; a segment access per element showed up in profiles of the per-row loops) and the loops run over those arrays
 * with no per-element virtual call. Scratch arrays are kept per thread, so the per-block calls of a clustering pass
 * allocate nothing.
 *
 * <pre>{@code ClusterKernels ck = CpuCluster.INSTANCE; ck.argminRows(d, nearest, false); }</pre>
 */
final class CpuCluster implements ClusterKernels {
    static final CpuCluster INSTANCE = new CpuCluster();
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /**
     * The centre padding of the fused loops: {@link LloydVector}'s 256-bit lanes (literals, so that the JVM without
     * {@code jdk.incubator.vector} never loads that class).
     */
    private static final int FUSED_F32_LANES = 8, FUSED_F64_LANES = 4;
    /** Whether the fused nearest-centre loops run on vectors ({@link LloydVector}; same results as the scalar ones). */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() && LloydVector.USABLE;
        /** Rows of x kept together while a tile of y is swept (exact metrics). */
    private static final int ROW_BLOCK = 32;

    private CpuCluster() { }

    /** Per-thread scratch arrays, grown on demand. */
    private static final class Scratch {
        double[] d1 = new double[0], d2 = new double[0], d3 = new double[0], d4 = new double[0], d5 = new double[0];
        float[] f1 = new float[0], f2 = new float[0];
        int[] i1 = new int[0], i2 = new int[0], i3 = new int[0], i4 = new int[0];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private static double[] grow(double[] a, int n) { return a.length >= n ? a : new double[Math.max(n, a.length * 2)]; }

    private static float[] grow(float[] a, int n) { return a.length >= n ? a : new float[Math.max(n, a.length * 2)]; }

    private static int[] grow(int[] a, int n) { return a.length >= n ? a : new int[Math.max(n, a.length * 2)]; }

    // ------------------------------------------------------------------------------------------- row access

    /** {@code len} elements of row {@code row} of a 2-D tensor from column {@code col0} into dst as doubles. */
    static void readRow(Tensor t, long row, long col0, double[] dst, int dstOff, int len) {
        if (len == 0) return;
        MemorySegment s = t.segment();
        long[] st = t.strides();
        long e = t.offset() + row * st[0] + col0 * st[1];
        DType dt = t.dtype();
        if (dt == DType.FLOAT64 && (st[1] == 1 || len == 1)) {
            MemorySegment.copy(s, F64, e * 8, dst, dstOff, len);
        } else if (dt == DType.FLOAT32) {
            long s1 = st[1] * 4, b = e * 4;
            for (int j = 0; j < len; j++) dst[dstOff + j] = s.get(F32, b + j * s1);
        } else if (dt == DType.FLOAT64) {
            long s1 = st[1] * 8, b = e * 8;
            for (int j = 0; j < len; j++) dst[dstOff + j] = s.get(F64, b + j * s1);
        } else {
            for (int j = 0; j < len; j++) dst[dstOff + j] = t.getDouble(row, col0 + j);
        }
    }

    /** {@code len} doubles into row {@code row} of a 2-D float tensor from column {@code col0}, converted. */
    static void writeRow(Tensor t, long row, long col0, double[] src, int srcOff, int len) {
        if (len == 0) return;
        MemorySegment s = t.segment();
        long[] st = t.strides();
        long e = t.offset() + row * st[0] + col0 * st[1];
        DType dt = t.dtype();
        if (dt == DType.FLOAT64 && (st[1] == 1 || len == 1)) {
            MemorySegment.copy(src, srcOff, s, F64, e * 8, len);
        } else if (dt == DType.FLOAT32) {
            long s1 = st[1] * 4, b = e * 4;
            for (int j = 0; j < len; j++) s.set(F32, b + j * s1, (float) src[srcOff + j]);
        } else if (dt == DType.FLOAT64) {
            long s1 = st[1] * 8, b = e * 8;
            for (int j = 0; j < len; j++) s.set(F64, b + j * s1, src[srcOff + j]);
        } else {
            for (int j = 0; j < len; j++) t.setDouble(src[srcOff + j], row, col0 + j);
        }
    }

    /** Whether the 2-D t's rows lie back to back (one bulk copy reads them all). */
    private static boolean denseRows(Tensor t) {
        long[] st = t.strides();
        long f = t.shape(1);
        return (st[1] == 1 || f <= 1) && (st[0] == f || t.shape(0) <= 1);
    }

    /** Rows [0, n) of the 2-D float x as doubles into dst (row-major, f per row). */
    private static void readRows(Tensor x, int n, int f, double[] dst, Scratch sc) {
        int len = n * f;
        if (len == 0) return;
        if (denseRows(x)) {
            if (x.dtype() == DType.FLOAT64) {
                MemorySegment.copy(x.segment(), F64, x.offset() * 8, dst, 0, len);
                return;
            }
            if (x.dtype() == DType.FLOAT32) {
                float[] t = sc.f1 = grow(sc.f1, len);
                MemorySegment.copy(x.segment(), F32, x.offset() * 4, t, 0, len);
                for (int i = 0; i < len; i++) dst[i] = t[i];
                return;
            }
        }
        for (int i = 0; i < n; i++) readRow(x, i, 0, dst, i * f, f);
    }

    /**
     * Elements [0, n) of the 1-d t (int32 into an int[], float64 into a double[]) into {@code dst}: one bulk copy
     * when contiguous — these run once or twice per block of every pass, where the general copy's setup showed.
     */
    private static void toJava(Tensor t, Object dst, int n) {
        if (n == 0) return;
        if (t.strides()[0] == 1 || n == 1) {
            ValueLayout l = t.dtype() == DType.INT32 ? ValueLayout.JAVA_INT_UNALIGNED : F64;
            MemorySegment.copy(t.segment(), l, t.offset() * l.byteSize(), dst, 0, n);
        } else if (dst instanceof int[] a) {
            t.toIntArray(a);
        } else {
            t.toDoubleArray((double[]) dst);
        }
    }

    /** The reverse of {@link #toJava}: {@code src[0, n)} into the 1-d t. */
    private static void fromJava(Object src, int n, Tensor t) {
        if (n == 0) return;
        if (t.strides()[0] == 1 || n == 1) {
            ValueLayout l = t.dtype() == DType.INT32 ? ValueLayout.JAVA_INT_UNALIGNED : F64;
            MemorySegment.copy(src, 0, t.segment(), l, t.offset() * l.byteSize(), n);
        } else if (src instanceof int[] a) {
            t.copyFrom(a, 0);
        } else {
            t.copyFrom((double[]) src, 0);
        }
    }

    // ------------------------------------------------------------------------------------------- norms, argmin

    @Override
    public void rowSquaredNorms(Tensor x, Tensor out) {
        int rows = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        Scratch sc = SCRATCH.get();
        double[] res = sc.d3 = grow(sc.d3, rows), r = sc.d2 = grow(sc.d2, rows * f);
        readRows(x, rows, f, r, sc);   // one bulk copy for back-to-back rows, not a segment access per element
        for (int i = 0; i < rows; i++) res[i] = squaredNorm(r, i * f, f);
        fromJava(res, rows, out);
    }

    private static double squaredNorm(double[] r, int o, int f) {
        double s0 = 0, s1 = 0;
        int c = 0;
        for (; c + 1 < f; c += 2) {
            s0 += r[o + c] * r[o + c];
            s1 += r[o + c + 1] * r[o + c + 1];
        }
        if (c < f) s0 += r[o + c] * r[o + c];
        return s0 + s1;
    }

    @Override
    public void argminRows(Tensor d, Tensor out, boolean exact) {
        int n = Math.toIntExact(d.shape(0));
        if (n == 0) return;
        fromJava(argminInto(d, exact, SCRATCH.get()), n, out);
    }

    /** The argmin of every row of d into the scratch array {@code sc.i1} (returned). */
    private static int[] argminInto(Tensor d, boolean exact, Scratch sc) {
        int n = Math.toIntExact(d.shape(0)), k = Math.toIntExact(d.shape(1));
        if (k == 0) throw new IllegalArgumentException("argminRows: a row of length 0 has no minimum");
        int len = n * k;
        int[] res = sc.i1 = grow(sc.i1, n);
        boolean dense = denseRows(d);
        if (d.dtype() == DType.FLOAT32) {
            float[] g = sc.f1 = grow(sc.f1, len);
            if (dense) {
                MemorySegment.copy(d.segment(), F32, d.offset() * 4, g, 0, len);
            } else {
                double[] row = sc.d1 = grow(sc.d1, k);
                for (int i = 0; i < n; i++) {
                    readRow(d, i, 0, row, 0, k);
                    for (int j = 0; j < k; j++) g[i * k + j] = (float) row[j];
                }
            }
            nearest(g, n, k, res);
        } else {
            double[] g = sc.d2 = grow(sc.d2, len);
            if (dense && d.dtype() == DType.FLOAT64) MemorySegment.copy(d.segment(), F64, d.offset() * 8, g, 0, len);
            else for (int i = 0; i < n; i++) readRow(d, i, 0, g, i * k, k);
            if (exact) nearestExact(g, n, k, res);
            else nearest(g, n, k, res);
        }
        return res;
    }

    /**
     * The exact argmin of float32 rows: the float's order-preserving 32-bit key and the column in one long, the
     * minimum by conditional moves. Four rows go together so that their dependency chains overlap.
     */
    static void nearest(float[] g, int n, int k, int[] out) {
        int i = ReproSum.VECTOR && k > 1 ? ClusterVector.argminF32(g, n, k, out) : 0;
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
        int b = Float.floatToRawIntBits(v + 0.0f);   // -0 becomes +0: they tie, as in numpy
        b ^= (b >> 31) & 0x7fffffff;
        return ((long) b << 32) | j;
    }

    /** The exact first minimum of every row (L1 distances are exact sums, so one-ulp differences matter). */
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
     * The argmin of float64 rows without branches: each value becomes an order-preserving 64-bit key whose low bits
     * are replaced by the column, and the keys' minimum (a conditional move) names the column. A data-dependent
     * branch here mispredicts about once a row and cost more than the gemm.
     */
    static void nearest(double[] d, int n, int k, int[] out) {
        int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, k - 1));
        long mask = ~((1L << bits) - 1);
        int done = ReproSum.VECTOR && k > 1 ? ClusterVector.argminF64(d, n, k, bits, out) : 0;
        for (int i = done, o = done * k; i < n; i++, o += k) {
            long best = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                long v = Double.doubleToRawLongBits(d[o + j] + 0.0);   // -0 becomes +0
                v ^= (v >> 63) & 0x7fffffffffffffffL;
                best = Math.min(best, (v & mask) | j);
            }
            out[i] = (int) (best & ~mask);
        }
    }

    // ------------------------------------------------------------------------------------------- k-means sums

    @Override
    public long meanUpdate(Tensor x, Tensor nearest, Tensor labels, Tensor weights, Tensor acc) {
        int n = Math.toIntExact(x.shape(0));
        if (n == 0) return 0;
        Scratch sc = SCRATCH.get();
        int[] near = sc.i1 = grow(sc.i1, n);
        toJava(nearest, near, n);
        return update(x, near, labels, weights, acc, sc);
    }

    @Override
    public long meanStep(Tensor d, Tensor x, Tensor labels, Tensor weights, Tensor acc) {
        if (x.shape(0) == 0) return 0;
        Scratch sc = SCRATCH.get();
        return update(x, argminInto(d, false, sc), labels, weights, acc, sc);
    }

    /** {@link #meanUpdate} with the nearest centres in {@code near[0, n)} (which may be {@code sc.i1}). */
    private static long update(Tensor x, int[] near, Tensor labels, Tensor weights, Tensor acc, Scratch sc) {
        int n = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        int alen = Math.toIntExact(acc.size());
        int k = (alen - 1) / (f + 1), kf = k * f;
        int[] lab = sc.i2 = grow(sc.i2, n);
        int[] ch = sc.i3 = grow(sc.i3, n), old = sc.i4 = grow(sc.i4, n);
        toJava(labels, lab, n);
        int nc = 0;
        for (int i = 0; i < n; i++) {
            int j = near[i], o = lab[i];
            if (o != j) {
                lab[i] = j;
                ch[nc] = i;
                old[nc++] = o;
            }
        }
        if (nc == 0) return 0;
        fromJava(lab, n, labels);
        double[] a = sc.d1 = grow(sc.d1, alen);
        toJava(acc, a, alen);
        double[] w = null;
        if (weights != null) toJava(weights, w = sc.d3 = grow(sc.d3, n), n);
        a[kf + k] += nc;
        // many moves (the first iteration): convert the whole block at once; else only the rows that move
        boolean bulk = nc * 4 > n;
        double[] xs = sc.d2 = grow(sc.d2, bulk ? n * f : f);
        if (bulk) readRows(x, n, f, xs, sc);
        for (int q = 0; q < nc; q++) {
            int i = ch[q], j = near[i], o = old[q];
            int xo = 0;
            if (bulk) xo = i * f;
            else readRow(x, i, 0, xs, 0, f);
            double wi = w == null ? 1.0 : w[i];
            int so = j * f;
            for (int t = 0; t < f; t++) a[so + t] += wi * xs[xo + t];
            a[kf + j] += wi;
            if (o >= 0) {
                int po = o * f;
                for (int t = 0; t < f; t++) a[po + t] -= wi * xs[xo + t];
                a[kf + o] -= wi;
            }
        }
        fromJava(a, alen, acc);
        return nc;
    }

    // ------------------------------------------------------------------------------------------- fused Lloyd step

    @Override
    public long lloydStep(Tensor x, Tensor centres, Tensor labels, Tensor weights, Tensor acc) {
        if (x.shape(0) == 0) return 0;
        Scratch sc = SCRATCH.get();
        return update(x, VECTOR ? nearestFused(x, centres, sc, true) : nearestByGemm(x, centres, sc), labels, weights, acc, sc);
    }

    @Override
    public void nearestCentres(Tensor x, Tensor centres, Tensor out) {
        int n = Math.toIntExact(x.shape(0));
        if (n == 0) return;
        Scratch sc = SCRATCH.get();
        fromJava(VECTOR ? nearestFused(x, centres, sc, true) : nearestByGemm(x, centres, sc), n, out);
    }

    /**
     * Without vectors the fused scalar loops are several times slower than BLAS, so there the nearest centres come
     * from the gemm block |c|² - 2·x·cᵀ and {@link #argminInto} (into {@code sc.i1}, returned), as the gemm path.
     */
    private static int[] nearestByGemm(Tensor x, Tensor centres, Scratch sc) {
        int n = Math.toIntExact(x.shape(0)), k = Math.toIntExact(centres.shape(0));
        double[] cn = new double[k], row = new double[Math.toIntExact(x.shape(1))];
        for (int j = 0; j < k; j++) {
            readRow(centres, j, 0, row, 0, row.length);
            cn[j] = squaredNorm(row, 0, row.length);
        }
        Tensor g = x.newEmpty(x.dtype(), n, k);
        try {
            for (int i = 0; i < n; i++) writeRow(g, i, 0, cn, 0, k);
            LocalLinalg.gemm(-2.0, x, centres.transpose(), 1.0, g);
            return argminInto(g, false, sc);
        } finally {
            g.free();
        }
    }

    /** {@link #nearestCentres} into a new array, on vectors or by the scalar loops (the tests compare the two). */
    static int[] nearestCentres(Tensor x, Tensor centres, boolean vector) {
        int n = Math.toIntExact(x.shape(0));
        if (n == 0) return new int[0];
        return Arrays.copyOf(nearestFused(x, centres, SCRATCH.get(), vector && VECTOR), n);
    }

    /**
     * The nearest centre of every row of x into {@code sc.i1} (returned), from the values the gemm path's block holds:
     * {@code |c_j|² - 2·x·c_j} in x's dtype, |c_j|² summed in double from the centres as stored and then rounded,
     * each dot product accumulated in feature order by fused multiply-adds (as a BLAS micro-kernel does), then the
     * same keys as {@link #argminRows} (exact for float32, windowed for float64). Centres go transposed and padded
     * to whole vectors, so each row's distances to a vector of centres cost one multiply-add per feature.
     */
    private static int[] nearestFused(Tensor x, Tensor centres, Scratch sc, boolean vector) {
        int n = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1)), k = Math.toIntExact(centres.shape(0));
        if (k == 0) throw new IllegalArgumentException("nearestCentres: no centres to choose from");
        boolean f32 = x.dtype() == DType.FLOAT32;
        int lanes = f32 ? FUSED_F32_LANES : FUSED_F64_LANES;
        int kpad = (k + lanes - 1) / lanes * lanes, len = n * f;
        double[] c = sc.d4 = grow(sc.d4, k * f);
        for (int j = 0; j < k; j++) readRow(centres, j, 0, c, j * f, f);
        int[] res = sc.i1 = grow(sc.i1, n);
        if (f32) {
            float[] ct = sc.f2 = grow(sc.f2, kpad * f), cn = new float[kpad];
            Arrays.fill(ct, 0, kpad * f, 0f);
            for (int j = 0; j < k; j++) {
                cn[j] = (float) squaredNorm(c, j * f, f);
                for (int t = 0; t < f; t++) ct[t * kpad + j] = (float) c[j * f + t];
            }
            MemorySegment xs;
            long xo;
            if (denseRows(x)) {
                xs = x.segment();
                xo = x.offset() * 4;
            } else {
                float[] xa = sc.f1 = grow(sc.f1, len);
                double[] row = sc.d1 = grow(sc.d1, f);
                for (int i = 0; i < n; i++) {
                    readRow(x, i, 0, row, 0, f);
                    for (int t = 0; t < f; t++) xa[i * f + t] = (float) row[t];
                }
                xs = MemorySegment.ofArray(xa);
                xo = 0;
            }
            if (vector) LloydVector.nearest32(xs, xo, n, f, ct, cn, k, kpad, res);
            else nearest32(xs, xo, n, f, ct, cn, k, kpad, res);
        } else {
            double[] ct = sc.d5 = grow(sc.d5, kpad * f), cn = new double[kpad];
            Arrays.fill(ct, 0, kpad * f, 0.0);
            for (int j = 0; j < k; j++) {
                cn[j] = squaredNorm(c, j * f, f);
                for (int t = 0; t < f; t++) ct[t * kpad + j] = c[j * f + t];
            }
            double[] xs = sc.d2 = grow(sc.d2, len);
            readRows(x, n, f, xs, sc);
            int bits = 32 - Integer.numberOfLeadingZeros(Math.max(1, k - 1));
            if (vector) LloydVector.nearest64(xs, n, f, ct, cn, k, kpad, bits, res);
            else nearest64(xs, n, f, ct, cn, k, kpad, bits, res);
        }
        return res;
    }

    /** The scalar {@link LloydVector#nearest32}: the same multiply-adds in the same order, so the same labels. */
    private static void nearest32(MemorySegment x, long off, int n, int f, float[] ct, float[] cn, int k, int kpad, int[] out) {
        float[] acc = new float[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(acc, 0f);
            for (int t = 0; t < f; t++) {
                float xv = x.get(F32, off + 4L * ((long) i * f + t));
                int ci = t * kpad;
                for (int j = 0; j < k; j++) acc[j] = Math.fma(xv, ct[ci + j], acc[j]);
            }
            long b = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) b = Math.min(b, key(cn[j] - 2f * acc[j], j));
            out[i] = (int) b;
        }
    }

    /** The scalar {@link LloydVector#nearest64} (windowed keys as {@link #nearest(double[], int, int, int[])}). */
    private static void nearest64(double[] x, int n, int f, double[] ct, double[] cn, int k, int kpad, int bits, int[] out) {
        long mask = ~((1L << bits) - 1);
        double[] acc = new double[k];
        for (int i = 0; i < n; i++) {
            Arrays.fill(acc, 0.0);
            for (int t = 0; t < f; t++) {
                double xv = x[i * f + t];
                int ci = t * kpad;
                for (int j = 0; j < k; j++) acc[j] = Math.fma(xv, ct[ci + j], acc[j]);
            }
            long best = Long.MAX_VALUE;
            for (int j = 0; j < k; j++) {
                long v = Double.doubleToRawLongBits(cn[j] - 2.0 * acc[j] + 0.0);
                v ^= (v >> 63) & 0x7fffffffffffffffL;
                best = Math.min(best, (v & mask) | j);
            }
            out[i] = (int) (best & ~mask);
        }
    }

    @Override
    public void assignedDistances(Tensor x, Tensor centres, Tensor labels, boolean l1, Tensor out) {
        int n = Math.toIntExact(x.shape(0)), f = Math.toIntExact(x.shape(1));
        if (n == 0) return;
        int k = Math.toIntExact(centres.shape(0));
        double[] c = new double[k * f];
        for (int j = 0; j < k; j++) readRow(centres, j, 0, c, j * f, f);
        Scratch sc = SCRATCH.get();
        int[] lab = sc.i1 = grow(sc.i1, n);
        toJava(labels, lab, n);
        double[] xs = sc.d2 = grow(sc.d2, n * f), res = sc.d1 = grow(sc.d1, n);
        readRows(x, n, f, xs, sc);
        for (int i = 0; i < n; i++) res[i] = exact(xs, i * f, c, lab[i] * f, f, l1);
        fromJava(res, n, out);
    }

    /** The exact squared euclidean (or L1) distance between row o of x and row co of c. */
    private static double exact(double[] x, int o, double[] c, int co, int f, boolean l1) {
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

    // ------------------------------------------------------------------------------------------- distance blocks

    @Override
    public void distances(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel) {
        if (x.shape(0) == 0 || y.shape(0) == 0) return;
        if (gemm || kind == DistanceKind.COSINE) gemmBased(kind, sigma, x, y, out, parallel);
        else exactBlock(kind, sigma, x, y, out, parallel);
    }

    private static double[] norms(Tensor x) {
        double[] n = new double[Math.toIntExact(x.shape(0))];
        int f = Math.toIntExact(x.shape(1));
        double[] r = new double[f];
        for (int i = 0; i < n.length; i++) {
            readRow(x, i, 0, r, 0, f);
            n[i] = squaredNorm(r, 0, f);
        }
        return n;
    }

    private static void gemmBased(DistanceKind kind, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel) {
        long a = x.shape(0), b = y.shape(0);
        double[] xn = norms(x), yn = norms(y);
        LocalLinalg.gemm(1.0, x, y.transpose(), 0.0, out);
        double inv = kind == DistanceKind.RBF ? 1.0 / (2 * sigma * sigma) : 0;
        double[] ys = null;
        if (kind == DistanceKind.COSINE) {
            ys = new double[yn.length];
            for (int j = 0; j < ys.length; j++) ys[j] = Math.sqrt(yn[j]);
        }
        double[] yroot = ys;
        Parallel.RangeBody body = (r0, r1) -> {
            double[] row = new double[(int) b];
            for (long i = r0; i < r1; i++) {
                readRow(out, i, 0, row, 0, (int) b);
                double xi = xn[(int) i];
                if (kind == DistanceKind.COSINE) {
                    double xs = Math.sqrt(xi);
                    for (int j = 0; j < b; j++) row[j] = Math.min(2.0, Math.max(0.0, 1.0 - row[j] / (xs * yroot[j])));
                } else {
                    for (int j = 0; j < b; j++) row[j] = Math.max(0.0, xi + yn[j] - 2.0 * row[j]);
                    finish(kind, inv, row, (int) b);
                }
                writeRow(out, i, 0, row, 0, (int) b);
            }
        };
        if (parallel) Parallel.forRange(a, Math.max(1, 16384 / Math.max(1, b)), body);
        else body.run(0, a);
    }

    private static void finish(DistanceKind kind, double inv, double[] acc, int w) {
        switch (kind) {
            case EUCLIDEAN -> { for (int j = 0; j < w; j++) acc[j] = Math.sqrt(acc[j]); }
            case RBF -> { for (int j = 0; j < w; j++) acc[j] = Math.exp(-acc[j] * inv); }
            default -> { }
        }
    }

    private static void exactBlock(DistanceKind kind, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel) {
        long a = x.shape(0);
        int b = Math.toIntExact(y.shape(0)), f = Math.toIntExact(x.shape(1));
        boolean l1 = kind == DistanceKind.CITYBLOCK;
        double inv = kind == DistanceKind.RBF ? 1.0 / (2 * sigma * sigma) : 0;
        int jb = (int) Math.max(16, Math.min(1024, 32768 / Math.max(1, f)));
        int tiles = (b + jb - 1) / jb;
        // y transposed tile by tile: within tile t (width w), feature c of column j is at t*jb*f + c*w + j
        double[] yT = new double[Math.multiplyExact(b, f)];
        double[] yr = new double[f];
        for (int j = 0; j < b; j++) {
            readRow(y, j, 0, yr, 0, f);
            int t = j / jb, w = Math.min(jb, b - t * jb), base = t * jb * f, jj = j - t * jb;
            for (int c = 0; c < f; c++) yT[base + c * w + jj] = yr[c];
        }
        Parallel.RangeBody body = (r0, r1) -> {
            double[] xr = new double[ROW_BLOCK * f];
            double[] acc = new double[jb];
            for (long i0 = r0; i0 < r1; i0 += ROW_BLOCK) {
                int rows = (int) Math.min(ROW_BLOCK, r1 - i0);
                for (int i = 0; i < rows; i++) readRow(x, i0 + i, 0, xr, i * f, f);
                for (int t = 0; t < tiles; t++) {
                    int w = Math.min(jb, b - t * jb), base = t * jb * f;
                    for (int i = 0; i < rows; i++) {
                        Arrays.fill(acc, 0, w, 0.0);
                        int xo = i * f;
                        if (l1) {
                            for (int c = 0; c < f; c++) {
                                double xv = xr[xo + c];
                                int o = base + c * w;
                                for (int j = 0; j < w; j++) acc[j] += Math.abs(xv - yT[o + j]);
                            }
                        } else {
                            for (int c = 0; c < f; c++) {
                                double xv = xr[xo + c];
                                int o = base + c * w;
                                for (int j = 0; j < w; j++) {
                                    double d = xv - yT[o + j];
                                    acc[j] += d * d;
                                }
                            }
                            finish(kind, inv, acc, w);
                        }
                        writeRow(out, i0 + i, (long) t * jb, acc, 0, w);
                    }
                }
            }
        };
        if (parallel) Parallel.forRange(a, Math.max(1, 65536 / Math.max(1, (long) b * Math.max(1, f))), body);
        else body.run(0, a);
    }
}
