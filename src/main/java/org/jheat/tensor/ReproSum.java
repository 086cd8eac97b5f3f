package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Reproducible float64 sums: the same bits for any order of the elements, so for any process count, split, thread
 * count or blocking. Each element's value is cut exactly into three integer parts on a fixed global grid of binary
 * exponents (bins {@value #W} bits apart, the window of three bins chosen by the largest magnitude), and the parts
 * are added as integers, which is associative. As in ReproBLAS (Demmel, Ahrens, Nguyen), the bins only move up:
 * when a larger element arrives, the lowest bin is dropped, and what remains equals what the larger window would have
 * collected from the start, so partial sums with different windows merge exactly.
 *
 * <p>Element {@code x} with window top quantum {@code q} contributes {@code RNE(x / (q·2^-64))}, its value rounded to
 * nearest-even on the grid {@code q·2^-64}: with {@code |x| < 2^32·q}, an error of at most 2^-65 of the largest
 * magnitude's bin, far below a float64 sum's own rounding. The three parts come from the rounding of
 * {@code (a + 1.5·2^52) - 1.5·2^52} (an exact round-to-nearest-even to an integer for {@code |a| < 2^51}) and exact
 * scalings by 2^32; every step is exact or a deterministic function of the element alone. The result is the sum of
 * the parts, rounded once (correctly, except for subnormal results, which round twice but always the same way).
 * NaN and infinities are tracked as flags: NaN, or both infinities, give NaN; one infinity gives it.
 *
 * <p>A partial sum is a {@link States} row per result element: its window, the three bin totals (int64, so processes
 * combine them with an exact MPI SUM after aligning windows with MAX) and the flags. Limit: at most 2^31 elements
 * per result element (a bin total would overflow int64): core.Reproducible refuses larger sums from the global shape on
 * every process; the exact adds here still raise an ArithmeticException should a caller pass more.
 *
 * <pre>{@code
 * ReproSum.States st = ReproSum.states(t, 1, t.size(), 1);   // the whole tensor: one result element
 * Tensor s = ReproSum.finish(st, DType.FLOAT64);               // shape (1)
 * }</pre>
 */
public final class ReproSum {
    /** Bits between bins. */
    static final int W = 32;
    /** Quantum of bin i: 2^(W·i + QMIN); windows are named by their top bin. */
    private static final int QMIN = -1074;
    /** Lowest top bin (its scale 2^1010 is still a normal double, its lowest quantum 2^-1074 the smallest subnormal) and highest (holds |x| up to Double.MAX_VALUE). */
    static final int IMIN = 2, IMAX = 65;
    /**
     * (a + M1) - M1 rounds |a| < 2^51 to the nearest integer, ties to even (M1/ulp is even); M2 and M3 likewise to
     * multiples of 2^-32 and 2^-64 (for |r| < 2^19 and 2^-13): the three cuts of an element scaled by its window.
     */
    static final double M1 = 0x1.8p52, M2 = 0x1.8p20, M3 = 0x1.8p-12;
    /** Elements per window check and flush of the lane accumulators (each part ≤ 2^32, so lanes stay exact). */
    static final int CHUNK = 2048;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    /** Whether the JVM has the Vector API module (the vector loops of this package are used only then). */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Flag bits. */
    static final int NAN = 1, POS_INF = 2, NEG_INF = 4;

    private ReproSum() { }

    /**
     * Partial sums, one per result element: {@code window} (int64, m), {@code bins} (int64, m×3: top, middle, low bin
     * totals) and {@code flags} (int64, m: bits NaN 1, +inf 2, -inf 4 seen; processes combine them with BOR), all host
     * tensors.
     */
    public record States(Tensor window, Tensor bins, Tensor flags) {
        /** Number of result elements. */
        public long size() { return window.size(); }
    }

    /** One result element's partial sum while accumulating. */
    static final class Acc {
        int win = IMIN;
        long b1, b2, b3;
        int flags;

        void shift(int to) {
            int d = to - win;
            if (d <= 0) return;
            if (d == 1) { b3 = b2; b2 = b1; b1 = 0; }
            else if (d == 2) { b3 = b1; b2 = 0; b1 = 0; }
            else { b1 = 0; b2 = 0; b3 = 0; }
            win = to;
        }

        /** Exact sums of parts (integers, multiples of 2^-32 and of 2^-64, all below 2^53 units) into the bins. */
        void add(double p1, double p2, double p3) {
            b1 = Math.addExact(b1, (long) p1);
            b2 = Math.addExact(b2, (long) (p2 * 0x1p32));
            b3 = Math.addExact(b3, (long) (p3 * 0x1p64));
        }

        void reset() {
            win = IMIN;
            b1 = b2 = b3 = 0;
            flags = 0;
        }

        void load(Accs a, int i) {
            win = a.win[i];
            b1 = a.b[3 * i];
            b2 = a.b[3 * i + 1];
            b3 = a.b[3 * i + 2];
            flags = a.flags[i];
        }

        void store(Accs a, int i) {
            a.win[i] = win;
            a.b[3 * i] = b1;
            a.b[3 * i + 1] = b2;
            a.b[3 * i + 2] = b3;
            a.flags[i] = flags;
        }

        void merge(Acc o) {
            int w = Math.max(win, o.win);
            shift(w);
            o.shift(w);
            b1 = Math.addExact(b1, o.b1);
            b2 = Math.addExact(b2, o.b2);
            b3 = Math.addExact(b3, o.b3);
            flags |= o.flags;
        }
    }

    /** Many accumulators as arrays (no object per result element). */
    static final class Accs {
        final int[] win, flags;
        final long[] b;

        Accs(int n) {
            win = new int[n];
            flags = new int[n];
            b = new long[3 * n];
            java.util.Arrays.fill(win, IMIN);
        }
    }

    /** Receives each result element's accumulator: its index in (outer, inner) C order. */
    private interface Sink {
        void accept(long index, Acc a);
    }

    /** The window whose top bin holds {@code |x| <= maxAbs} (finite). */
    static int windowFor(double maxAbs) {
        if (maxAbs == 0) return IMIN;
        int e = Math.getExponent(maxAbs) + 1;   // |x| < 2^e
        int i = Math.ceilDiv(e - W - QMIN, W);
        return Math.max(IMIN, Math.min(IMAX, i));
    }

    /** 1 / (quantum of bin i), a power of two. */
    static double scale(int i) { return SCALES[i]; }

    private static final double[] SCALES = new double[IMAX + 1];

    static {
        for (int i = IMIN; i <= IMAX; i++) SCALES[i] = Math.scalb(1.0, -(W * i + QMIN));
    }

    /** t as a host float64 segment, checked against (outer, red, inner). */
    private static MemorySegment host(Tensor t, long outer, long red, long inner) {
        if (t.dtype() != DType.FLOAT64) throw new IllegalArgumentException("ReproSum: float64 input expected, got " + t.dtype());
        if (outer * red * inner != t.size()) {
            throw new IllegalArgumentException("ReproSum: (" + outer + ", " + red + ", " + inner + ") does not match " + t.size() + " elements");
        }
        return (t.device().isCpu() ? t.contiguous() : t.to(Device.CPU).contiguous()).hostSegment();
    }

    /**
     * The sums of {@code t} (float64) viewed as (outer, red, inner) over {@code red}, rounded once to {@code out}
     * (float64 or float32): shape (outer·inner), host memory. The local reduction: no partial states are kept.
     */
    public static Tensor sum(Tensor t, long outer, long red, long inner, DType out) {
        if (out != DType.FLOAT64 && out != DType.FLOAT32) throw new IllegalArgumentException("ReproSum: float result expected, got " + out);
        MemorySegment seg = host(t, outer, red, inner);
        Tensor r = Tensor.zeros(out, outer * inner);
        MemorySegment rs = r.hostSegment();
        boolean f64 = out == DType.FLOAT64;
        accumulate(seg, outer, red, inner, (i, a) -> {
            double v = result(a.flags, a.win, a.b1, a.b2, a.b3);
            if (f64) rs.setAtIndex(ValueLayout.JAVA_DOUBLE, i, v);
            else rs.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) v);
        });
        return r;
    }

    /**
     * The partial sums of {@code t} (float64) viewed as (outer, red, inner), reduced over {@code red}: one per
     * (outer, inner) pair, in that C order, to be combined across processes ({@link #align}, then SUM and BOR) and
     * {@link #finish}ed. Threads split the work; the result does not depend on how.
     */
    public static States states(Tensor t, long outer, long red, long inner) {
        MemorySegment seg = host(t, outer, red, inner);
        long m = outer * inner;
        Tensor win = Tensor.zeros(DType.INT64, m), bins = Tensor.zeros(DType.INT64, m, 3), flags = Tensor.zeros(DType.INT64, m);
        MemorySegment ws = win.hostSegment(), bs = bins.hostSegment(), fs = flags.hostSegment();
        for (long i = 0; i < m; i++) ws.setAtIndex(ValueLayout.JAVA_LONG, i, IMIN);
        accumulate(seg, outer, red, inner, (i, x) -> {
            ws.setAtIndex(ValueLayout.JAVA_LONG, i, x.win);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3 * i, x.b1);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1, x.b2);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2, x.b3);
            fs.setAtIndex(ValueLayout.JAVA_LONG, i, x.flags);
        });
        return new States(win, bins, flags);
    }

    /**
     * Runs the accumulation and hands every result element's accumulator to {@code sink} (from several threads, each
     * index once). One slab (outer = 1): threads take column blocks when there are many columns, else row ranges with
     * their own accumulators, merged exactly; several slabs: threads take slabs.
     */
    private static void accumulate(MemorySegment seg, long outer, long red, long inner, Sink sink) {
        if (outer * inner == 0) return;
        int threads = Parallel.threads();
        if (outer == 1 && inner >= 64L * threads && red > 0) {
            long cols = (inner + threads - 1) / threads;
            Parallel.forRange(threads, 1, (a, b) -> {
                for (long k = a; k < b; k++) {
                    long j0 = k * cols, j1 = Math.min(inner, j0 + cols);
                    if (j0 >= j1) continue;
                    Accs st = new Accs((int) (j1 - j0));
                    columns(seg, 8 * j0, red, 8 * inner, (int) (j1 - j0), st);
                    Acc x = new Acc();
                    for (int j = 0; j < j1 - j0; j++) {
                        x.load(st, j);
                        sink.accept(j0 + j, x);
                    }
                }
            });
        } else if (outer == 1) {
            int pieces = (int) Math.max(1, Math.min(threads, red * inner / (64L * CHUNK)));
            Accs[] part = new Accs[pieces];
            long step = (red + pieces - 1) / pieces;
            Parallel.forRange(pieces, 1, (a, b) -> {
                for (int k = (int) a; k < b; k++) {
                    part[k] = new Accs(Math.toIntExact(inner));
                    long r0 = k * step, r1 = Math.min(red, r0 + step);
                    if (r0 < r1) slab(seg, r0 * inner * 8, r1 - r0, (int) inner, part[k]);
                }
            });
            Acc x = new Acc(), y = new Acc();
            for (int j = 0; j < inner; j++) {
                x.load(part[0], j);
                for (int k = 1; k < pieces; k++) {
                    y.load(part[k], j);
                    x.merge(y);
                }
                sink.accept(j, x);
            }
        } else if (inner == 1 && red <= CHUNK) {
            // many short rows (a reduction along the last axis): one max, one window and one cut per row
            Parallel.forRange(outer, Math.max(1, 64L * CHUNK / Math.max(1, red)), (a, b) -> {
                Acc x = new Acc();
                double[] res = new double[3];
                int m = (int) red;
                for (long o = a; o < b; o++) {
                    long off = o * red * 8;
                    x.reset();
                    double mx = 0;
                    for (int i = 0; i < m; i++) mx = Math.max(mx, Math.abs(seg.get(D, off + 8L * i)));
                    if (!(mx <= Double.MAX_VALUE)) {
                        careful(seg, off, 8, m, x);
                    } else {
                        x.shift(windowFor(mx));
                        cut(seg, off, m, scale(x.win), res);
                        x.add(res[0], res[1], res[2]);
                    }
                    sink.accept(o, x);
                }
            });
        } else {
            Parallel.forRange(outer, Math.max(1, 64L * CHUNK / Math.max(1, red * inner)), (a, b) -> {
                Accs st = new Accs(Math.toIntExact(inner));
                Acc x = new Acc();
                for (long o = a; o < b; o++) {
                    java.util.Arrays.fill(st.win, IMIN);
                    java.util.Arrays.fill(st.flags, 0);
                    java.util.Arrays.fill(st.b, 0);
                    if (red > 0) slab(seg, o * red * inner * 8, red, (int) inner, st);
                    for (int j = 0; j < inner; j++) {
                        x.load(st, j);
                        sink.accept(o * inner + j, x);
                    }
                }
            });
        }
    }

    /** Accumulates rows × inner contiguous elements at byte offset {@code base} into {@code st[0 … inner)}. */
    private static void slab(MemorySegment seg, long base, long rows, int inner, Accs st) {
        if (inner == 1) {
            Acc x = new Acc();
            x.load(st, 0);
            run(seg, base, rows, x);
            x.store(st, 0);
            return;
        }
        columns(seg, base, rows, 8L * inner, inner, st);
    }

    /**
     * A contiguous run of n float64 into one accumulator, chunk by chunk, in one pass: each chunk is cut at the
     * current window while its max is found; the rare chunk that needs a higher window is cut again from cache.
     */
    static void run(MemorySegment seg, long base, long n, Acc acc) {
        double[] res = new double[3];
        for (long c = 0; c < n; c += CHUNK) {
            int m = (int) Math.min(CHUNK, n - c);
            long off = base + c * 8;
            double mx = VECTOR ? ReproSumVector.cut(seg, off, m, scale(acc.win), res) : cut(seg, off, m, scale(acc.win), res);
            if (!(mx <= Double.MAX_VALUE)) {
                careful(seg, off, 8, m, acc);
                continue;
            }
            int w = windowFor(mx);
            if (w > acc.win) {
                acc.shift(w);
                if (VECTOR) ReproSumVector.cut(seg, off, m, scale(w), res);
                else cut(seg, off, m, scale(w), res);
            }
            acc.add(res[0], res[1], res[2]);
        }
    }

    /**
     * The sums of the three parts of m elements at scale s into res[0..2] (exact: integer-valued, multiples of 2^-32
     * and of 2^-64), four independent lanes; returns max |x| (NaN or infinite when such an element is present, and
     * then the sums are void, as they are when the max needs a higher window than s's).
     */
    static double cut(MemorySegment seg, long off, int m, double s, double[] res) {
        double a1 = 0, a2 = 0, a3 = 0, c1 = 0, c2 = 0, c3 = 0, e1 = 0, e2 = 0, e3 = 0, g1 = 0, g2 = 0, g3 = 0;
        double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            long o = off + 8L * i;
            double v0 = seg.get(D, o), v1 = seg.get(D, o + 8), v2 = seg.get(D, o + 16), v3 = seg.get(D, o + 24);
            m0 = Math.max(m0, Math.abs(v0));
            m1 = Math.max(m1, Math.abs(v1));
            m2 = Math.max(m2, Math.abs(v2));
            m3 = Math.max(m3, Math.abs(v3));
            double x0 = v0 * s, x1 = v1 * s, x2 = v2 * s, x3 = v3 * s;
            double h = (x0 + M1) - M1, r = x0 - h, k = (r + M2) - M2;
            a1 += h; a2 += k; a3 += ((r - k) + M3) - M3;
            h = (x1 + M1) - M1; r = x1 - h; k = (r + M2) - M2;
            c1 += h; c2 += k; c3 += ((r - k) + M3) - M3;
            h = (x2 + M1) - M1; r = x2 - h; k = (r + M2) - M2;
            e1 += h; e2 += k; e3 += ((r - k) + M3) - M3;
            h = (x3 + M1) - M1; r = x3 - h; k = (r + M2) - M2;
            g1 += h; g2 += k; g3 += ((r - k) + M3) - M3;
        }
        for (; i < m; i++) {
            double v = seg.get(D, off + 8L * i);
            m0 = Math.max(m0, Math.abs(v));
            double x = v * s, h = (x + M1) - M1, r = x - h, k = (r + M2) - M2;
            a1 += h; a2 += k; a3 += ((r - k) + M3) - M3;
        }
        // lane sums are integer-valued / on the 2^-32, 2^-64 grids and small: adding them is exact
        res[0] = a1 + c1 + e1 + g1;
        res[1] = a2 + c2 + e2 + g2;
        res[2] = a3 + c3 + e3 + g3;
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** A chunk with NaN or infinities: flags for those, the finite elements as usual (one at a time). */
    static void careful(MemorySegment seg, long off, long stride, int m, Acc acc) {
        double mx = 0;
        for (int i = 0; i < m; i++) {
            double v = seg.get(D, off + stride * i);
            if (Double.isNaN(v)) acc.flags |= NAN;
            else if (v == Double.POSITIVE_INFINITY) acc.flags |= POS_INF;
            else if (v == Double.NEGATIVE_INFINITY) acc.flags |= NEG_INF;
            else mx = Math.max(mx, Math.abs(v));
        }
        acc.shift(windowFor(mx));
        double[] res = new double[3];
        cutStrided(seg, off, stride, m, scale(acc.win), res);
        acc.add(res[0], res[1], res[2]);
    }

    /**
     * rows × cols elements (row stride {@code rowBytes}), one accumulator per column in {@code st}: chunks of rows are
     * cut at each column's current window while the columns' maxima are found (vectors over blocks of columns), and
     * the rare column that needs a higher window is cut again.
     */
    private static void columns(MemorySegment seg, long base, long rows, long rowBytes, int cols, Accs st) {
        int chunkRows = (int) Math.max(1, Math.min(rows, Math.max(64, CHUNK / cols)));
        double[] mx = new double[cols], s = new double[cols], p1 = new double[cols], p2 = new double[cols], p3 = new double[cols];
        double[] res = new double[3];
        Acc x = new Acc();
        for (long r0 = 0; r0 < rows; r0 += chunkRows) {
            int nr = (int) Math.min(chunkRows, rows - r0);
            long o0 = base + r0 * rowBytes;
            for (int j = 0; j < cols; j++) s[j] = scale(st.win[j]);
            int done = VECTOR ? ReproSumVector.columns(seg, o0, nr, rowBytes, cols, s, mx, p1, p2, p3) : 0;
            for (int j = done; j < cols; j++) {
                mx[j] = 0;
                p1[j] = 0;
                p2[j] = 0;
                p3[j] = 0;
            }
            for (int r = 0; r < nr && done < cols; r++) {
                long o = o0 + r * rowBytes;
                for (int j = done; j < cols; j++) {
                    double v = seg.get(D, o + 8L * j);
                    mx[j] = Math.max(mx[j], Math.abs(v));
                    double y = v * s[j], h = (y + M1) - M1, q = y - h, k = (q + M2) - M2;
                    p1[j] += h;
                    p2[j] += k;
                    p3[j] += ((q - k) + M3) - M3;
                }
            }
            for (int j = 0; j < cols; j++) {
                x.load(st, j);
                if (!(mx[j] <= Double.MAX_VALUE)) {
                    careful(seg, o0 + 8L * j, rowBytes, nr, x);
                } else {
                    int w = windowFor(mx[j]);
                    if (w > x.win) {
                        x.shift(w);
                        cutStrided(seg, o0 + 8L * j, rowBytes, nr, scale(w), res);
                        x.add(res[0], res[1], res[2]);
                    } else {
                        x.add(p1[j], p2[j], p3[j]);
                    }
                }
                x.store(st, j);
            }
        }
    }

    /**
     * {@link #cut} of the finite elements among m {@code stride} bytes apart, one lane (a column that changed its
     * window, a chunk with NaN or infinities).
     */
    private static void cutStrided(MemorySegment seg, long off, long stride, int m, double s, double[] res) {
        double a1 = 0, a2 = 0, a3 = 0;
        for (int i = 0; i < m; i++) {
            double v = seg.get(D, off + stride * i);
            if (!(Math.abs(v) <= Double.MAX_VALUE)) continue;
            double y = v * s, h = (y + M1) - M1, q = y - h, k = (q + M2) - M2;
            a1 += h;
            a2 += k;
            a3 += ((q - k) + M3) - M3;
        }
        res[0] = a1;
        res[1] = a2;
        res[2] = a3;
    }

    /** Moves every state up to {@code window} (int64, ≥ each state's own), dropping bins below it. */
    public static void align(States st, Tensor window) {
        MemorySegment w = window.contiguous().hostSegment(), own = st.window().hostSegment(), b = st.bins().hostSegment();
        Acc a = new Acc();
        for (long i = 0; i < st.size(); i++) {
            a.win = (int) own.getAtIndex(ValueLayout.JAVA_LONG, i);
            a.b1 = b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i);
            a.b2 = b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1);
            a.b3 = b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2);
            a.shift((int) w.getAtIndex(ValueLayout.JAVA_LONG, i));
            own.setAtIndex(ValueLayout.JAVA_LONG, i, a.win);
            b.setAtIndex(ValueLayout.JAVA_LONG, 3 * i, a.b1);
            b.setAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1, a.b2);
            b.setAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2, a.b3);
        }
    }

    /** The sums, rounded once to {@code out} (float64 or float32), on the host: shape (m). */
    public static Tensor finish(States st, DType out) {
        if (out != DType.FLOAT64 && out != DType.FLOAT32) throw new IllegalArgumentException("ReproSum: float result expected, got " + out);
        long m = st.size();
        Tensor r = Tensor.empty(out, m);
        MemorySegment w = st.window().hostSegment(), b = st.bins().hostSegment(), f = st.flags().hostSegment();
        for (long i = 0; i < m; i++) {
            r.setDoubleFlat(result((int) f.getAtIndex(ValueLayout.JAVA_LONG, i), (int) w.getAtIndex(ValueLayout.JAVA_LONG, i),
                    b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i), b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1),
                    b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2)), i);
        }
        return r;
    }

    /** One result: NaN for a NaN or both infinities, an infinity when one was seen, else the bins' value. */
    private static double result(int flags, int win, long b1, long b2, long b3) {
        boolean pos = (flags & POS_INF) != 0, neg = (flags & NEG_INF) != 0;
        if ((flags & NAN) != 0 || (pos && neg)) return Double.NaN;
        if (pos) return Double.POSITIVE_INFINITY;
        if (neg) return Double.NEGATIVE_INFINITY;
        return value(win, b1, b2, b3);
    }

    /** b1·2^64 + b2·2^32 + b3 in units of the window's lowest quantum, rounded once to a double. */
    static double value(int win, long b1, long b2, long b3) {
        // carry the low bins into [0, 2^32) so that the total is the 128-bit integer (b1, (b2 << 32) | b3)
        long c = Math.floorDiv(b3, 1L << 32);
        b3 -= c << 32;
        b2 = Math.addExact(b2, c);
        c = Math.floorDiv(b2, 1L << 32);
        b2 -= c << 32;
        long hi = Math.addExact(b1, c), lo = (b2 << 32) | b3;
        boolean negative = hi < 0;
        if (negative) {   // two's complement negation of (hi, lo)
            lo = -lo;
            hi = ~hi + (lo == 0 ? 1 : 0);
        }
        double mag;
        if (hi == 0) {
            mag = unsigned(lo);
        } else {
            int lz = Long.numberOfLeadingZeros(hi);
            long top = lz == 0 ? hi : (hi << lz) | (lo >>> (64 - lz));
            long rest = lz == 0 ? lo : lo << lz;
            mag = Math.scalb(unsigned(top | (rest != 0 ? 1 : 0)), 64 - lz);
        }
        double q = Math.scalb(mag, W * win + QMIN - 2 * W);
        return negative ? -q : q;
    }

    /** An unsigned 64-bit integer rounded to nearest-even (its low bit kept as a sticky bit when halving). */
    private static double unsigned(long v) {
        if (v >= 0) return v;
        return ((double) ((v >>> 1) | (v & 1))) * 2.0;
    }
}
