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
 * per result element (a bin total would overflow int64; raised as an ArithmeticException).
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
    /** (a + M) - M rounds |a| < 2^51 to the nearest integer, ties to even (M is even). */
    private static final double M = 0x1.8p52;
    private static final double TW = 0x1p32;
    /** Elements per window check and flush of the lane accumulators (each part ≤ 2^32, so lanes stay exact). */
    static final int CHUNK = 2048;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    /** Flag bits. */
    static final int NAN = 1, POS_INF = 2, NEG_INF = 4;

    private ReproSum() { }

    /**
     * Partial sums, one per result element: {@code window} (int64, m), {@code bins} (int64, m×3: top, middle, low bin
     * totals) and {@code flags} (int64, m×3: NaN, +inf, -inf seen, 0 or 1), all host tensors.
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

        void add(double p1, double p2, double p3) {
            b1 = Math.addExact(b1, (long) p1);
            b2 = Math.addExact(b2, (long) p2);
            b3 = Math.addExact(b3, (long) p3);
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

    /** The window whose top bin holds {@code |x| <= maxAbs} (finite). */
    static int windowFor(double maxAbs) {
        if (maxAbs == 0) return IMIN;
        int e = Math.getExponent(maxAbs) + 1;   // |x| < 2^e
        int i = Math.ceilDiv(e - W - QMIN, W);
        return Math.max(IMIN, Math.min(IMAX, i));
    }

    /** 1 / (quantum of bin i), a power of two. */
    static double scale(int i) { return Math.scalb(1.0, -(W * i + QMIN)); }

    /**
     * The partial sums of {@code t} (float64, contiguous) viewed as (outer, red, inner), reduced over {@code red}: one
     * per (outer, inner) pair, in that C order. Threads split the work; the result does not depend on how.
     */
    public static States states(Tensor t, long outer, long red, long inner) {
        if (t.dtype() != DType.FLOAT64) throw new IllegalArgumentException("ReproSum: float64 input expected, got " + t.dtype());
        if (outer * red * inner != t.size()) {
            throw new IllegalArgumentException("ReproSum: (" + outer + ", " + red + ", " + inner + ") does not match " + t.size() + " elements");
        }
        Tensor host = t.device().isCpu() ? t.contiguous() : t.to(Device.CPU).contiguous();
        MemorySegment seg = host.hostSegment();
        long m = outer * inner;
        Acc[] acc = new Acc[Math.toIntExact(m)];
        for (int i = 0; i < acc.length; i++) acc[i] = new Acc();
        if (red > 0 && m > 0) {
            if (outer == 1) {
                // one slab: threads take row ranges, each its own accumulators, merged exactly
                int pieces = (int) Math.max(1, Math.min(Parallel.threads(), red * inner / (64L * CHUNK)));
                Acc[][] part = new Acc[pieces][];
                long step = (red + pieces - 1) / pieces;
                Parallel.forRange(pieces, 1, (a, b) -> {
                    for (int k = (int) a; k < b; k++) {
                        Acc[] mine = k == 0 ? acc : fresh(acc.length);
                        part[k] = mine;
                        long r0 = k * step, r1 = Math.min(red, r0 + step);
                        if (r0 < r1) slab(seg, r0 * inner * 8, r1 - r0, inner, mine, 0);
                    }
                });
                for (int k = 1; k < pieces; k++) for (int i = 0; i < acc.length; i++) acc[i].merge(part[k][i]);
            } else {
                Parallel.forRange(outer, Math.max(1, 64L * CHUNK / Math.max(1, red * inner)), (a, b) -> {
                    for (long o = a; o < b; o++) slab(seg, o * red * inner * 8, red, inner, acc, (int) (o * inner));
                });
            }
        }
        Tensor win = Tensor.empty(DType.INT64, m), bins = Tensor.empty(DType.INT64, m, 3), flags = Tensor.empty(DType.INT64, m, 3);
        MemorySegment ws = win.hostSegment(), bs = bins.hostSegment(), fs = flags.hostSegment();
        for (int i = 0; i < acc.length; i++) {
            Acc x = acc[i];
            ws.setAtIndex(ValueLayout.JAVA_LONG, i, x.win);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i, x.b1);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i + 1, x.b2);
            bs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i + 2, x.b3);
            fs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i, (x.flags & NAN) != 0 ? 1 : 0);
            fs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i + 1, (x.flags & POS_INF) != 0 ? 1 : 0);
            fs.setAtIndex(ValueLayout.JAVA_LONG, 3L * i + 2, (x.flags & NEG_INF) != 0 ? 1 : 0);
        }
        return new States(win, bins, flags);
    }

    private static Acc[] fresh(int n) {
        Acc[] a = new Acc[n];
        for (int i = 0; i < n; i++) a[i] = new Acc();
        return a;
    }

    /** Accumulates rows × inner elements at byte offset {@code base} into {@code acc[at … at+inner)}. */
    private static void slab(MemorySegment seg, long base, long rows, long inner, Acc[] acc, int at) {
        if (inner == 1) {
            run(seg, base, rows, acc[at]);
            return;
        }
        columns(seg, base, rows, (int) inner, acc, at);
    }

    /** A contiguous run of n float64 into one accumulator, chunk by chunk. */
    static void run(MemorySegment seg, long base, long n, Acc acc) {
        for (long c = 0; c < n; c += CHUNK) {
            int m = (int) Math.min(CHUNK, n - c);
            long off = base + c * 8;
            double mx = VECTOR ? ReproSumVector.maxAbs(seg, off, m) : maxAbs(seg, off, m);
            if (!(mx <= Double.MAX_VALUE)) {
                careful(seg, off, 8, m, acc);
                continue;
            }
            acc.shift(windowFor(mx));
            double s = scale(acc.win);
            if (VECTOR) ReproSumVector.parts(seg, off, m, s, acc);
            else parts(seg, off, m, s, acc);
        }
    }

    static double maxAbs(MemorySegment seg, long off, int m) {
        double m0 = 0, m1 = 0, m2 = 0, m3 = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            long o = off + 8L * i;
            m0 = Math.max(m0, Math.abs(seg.get(D, o)));
            m1 = Math.max(m1, Math.abs(seg.get(D, o + 8)));
            m2 = Math.max(m2, Math.abs(seg.get(D, o + 16)));
            m3 = Math.max(m3, Math.abs(seg.get(D, o + 24)));
        }
        for (; i < m; i++) m0 = Math.max(m0, Math.abs(seg.get(D, off + 8L * i)));
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** The three parts of finite elements at scale s added into acc (four independent lanes, then exact totals). */
    static void parts(MemorySegment seg, long off, int m, double s, Acc acc) {
        double a1 = 0, a2 = 0, a3 = 0, c1 = 0, c2 = 0, c3 = 0, e1 = 0, e2 = 0, e3 = 0, g1 = 0, g2 = 0, g3 = 0;
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            long o = off + 8L * i;
            double x0 = seg.get(D, o) * s, x1 = seg.get(D, o + 8) * s, x2 = seg.get(D, o + 16) * s, x3 = seg.get(D, o + 24) * s;
            double h = (x0 + M) - M, r = (x0 - h) * TW, k = (r + M) - M;
            a1 += h; a2 += k; a3 += ((r - k) * TW + M) - M;
            h = (x1 + M) - M; r = (x1 - h) * TW; k = (r + M) - M;
            c1 += h; c2 += k; c3 += ((r - k) * TW + M) - M;
            h = (x2 + M) - M; r = (x2 - h) * TW; k = (r + M) - M;
            e1 += h; e2 += k; e3 += ((r - k) * TW + M) - M;
            h = (x3 + M) - M; r = (x3 - h) * TW; k = (r + M) - M;
            g1 += h; g2 += k; g3 += ((r - k) * TW + M) - M;
        }
        for (; i < m; i++) {
            double x = seg.get(D, off + 8L * i) * s;
            double h = (x + M) - M, r = (x - h) * TW, k = (r + M) - M;
            a1 += h; a2 += k; a3 += ((r - k) * TW + M) - M;
        }
        acc.add(a1, a2, a3);
        acc.add(c1, c2, c3);
        acc.add(e1, e2, e3);
        acc.add(g1, g2, g3);
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
        double s = scale(acc.win), p1 = 0, p2 = 0, p3 = 0;
        for (int i = 0; i < m; i++) {
            double v = seg.get(D, off + stride * i);
            if (!(Math.abs(v) <= Double.MAX_VALUE)) continue;
            double x = v * s, h = (x + M) - M, r = (x - h) * TW, k = (r + M) - M;
            p1 += h; p2 += k; p3 += ((r - k) * TW + M) - M;
        }
        acc.add(p1, p2, p3);
    }

    /** rows × inner (row stride inner), one accumulator per column: a window per column and chunk of rows. */
    private static void columns(MemorySegment seg, long base, long rows, int inner, Acc[] acc, int at) {
        long rowBytes = 8L * inner;
        int chunkRows = (int) Math.max(1, Math.min(rows, CHUNK / inner));
        double[] mx = new double[inner], s = new double[inner], p1 = new double[inner], p2 = new double[inner], p3 = new double[inner];
        for (long r0 = 0; r0 < rows; r0 += chunkRows) {
            int nr = (int) Math.min(chunkRows, rows - r0);
            long o0 = base + r0 * rowBytes;
            java.util.Arrays.fill(mx, 0);
            for (int r = 0; r < nr; r++) {
                long o = o0 + r * rowBytes;
                for (int j = 0; j < inner; j++) mx[j] = Math.max(mx[j], Math.abs(seg.get(D, o + 8L * j)));
            }
            boolean bad = false;
            for (int j = 0; j < inner; j++) {
                if (!(mx[j] <= Double.MAX_VALUE)) {
                    bad = true;
                    continue;
                }
                Acc a = acc[at + j];
                a.shift(windowFor(mx[j]));
                s[j] = scale(a.win);
            }
            if (bad) {
                for (int j = 0; j < inner; j++) {
                    if (!(mx[j] <= Double.MAX_VALUE)) {
                        careful(seg, o0 + 8L * j, rowBytes, nr, acc[at + j]);
                        s[j] = Double.NaN;   // done: skipped below
                    }
                }
            }
            java.util.Arrays.fill(p1, 0);
            java.util.Arrays.fill(p2, 0);
            java.util.Arrays.fill(p3, 0);
            for (int r = 0; r < nr; r++) {
                long o = o0 + r * rowBytes;
                for (int j = 0; j < inner; j++) {
                    double x = seg.get(D, o + 8L * j) * s[j];
                    double h = (x + M) - M, q = (x - h) * TW, k = (q + M) - M;
                    p1[j] += h;
                    p2[j] += k;
                    p3[j] += ((q - k) * TW + M) - M;
                }
            }
            for (int j = 0; j < inner; j++) if (!Double.isNaN(s[j])) acc[at + j].add(p1[j], p2[j], p3[j]);
        }
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
            boolean nan = f.getAtIndex(ValueLayout.JAVA_LONG, 3 * i) != 0, pos = f.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1) != 0,
                    neg = f.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2) != 0;
            double v;
            if (nan || (pos && neg)) v = Double.NaN;
            else if (pos) v = Double.POSITIVE_INFINITY;
            else if (neg) v = Double.NEGATIVE_INFINITY;
            else {
                v = value((int) w.getAtIndex(ValueLayout.JAVA_LONG, i), b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i),
                        b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 1), b.getAtIndex(ValueLayout.JAVA_LONG, 3 * i + 2));
            }
            r.setDoubleFlat(v, i);
        }
        return r;
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
