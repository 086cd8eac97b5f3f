package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReproSum}'s chunk loops on vectors: the same exact parts per element, so the same bin totals (exact sums do
 * not depend on the lanes' order). Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <pre>{@code double mx = ReproSumVector.cut(seg, off, m, s, res); }</pre>
 */
final class ReproSumVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final double M1 = ReproSum.M1, M2 = ReproSum.M2, M3 = ReproSum.M3;

    private ReproSumVector() { }

    /** {@link ReproSum#cut} on vectors: the part sums of m float64 at scale s into res[0..2]; returns max |x|. */
    static double cut(MemorySegment seg, long off, int m, double s, double[] res) {
        DoubleVector a1 = DoubleVector.zero(S), a2 = a1, a3 = a1, c1 = a1, c2 = a1, c3 = a1, mx = a1, my = a1;
        int i = 0, bound2 = m - m % (2 * L);
        for (; i < bound2; i += 2 * L) {
            DoubleVector v = DoubleVector.fromMemorySegment(S, seg, off + 8L * i, ByteOrder.nativeOrder());
            DoubleVector u = DoubleVector.fromMemorySegment(S, seg, off + 8L * (i + L), ByteOrder.nativeOrder());
            mx = mx.max(v.abs());
            my = my.max(u.abs());
            DoubleVector x = v.mul(s), y = u.mul(s);
            DoubleVector h = x.add(M1).sub(M1), r = x.sub(h), k = r.add(M2).sub(M2);
            a1 = a1.add(h);
            a2 = a2.add(k);
            a3 = a3.add(r.sub(k).add(M3).sub(M3));
            h = y.add(M1).sub(M1);
            r = y.sub(h);
            k = r.add(M2).sub(M2);
            c1 = c1.add(h);
            c2 = c2.add(k);
            c3 = c3.add(r.sub(k).add(M3).sub(M3));
        }
        // integer-valued / grid-valued lane sums, small: the reductions are exact in any order
        double p1 = a1.add(c1).reduceLanes(VectorOperators.ADD), p2 = a2.add(c2).reduceLanes(VectorOperators.ADD);
        double p3 = a3.add(c3).reduceLanes(VectorOperators.ADD), max = mx.max(my).reduceLanes(VectorOperators.MAX);
        if (i < m) {
            max = Math.max(max, ReproSum.cut(seg, off + 8L * i, m - i, s, res));
            p1 += res[0];
            p2 += res[1];
            p3 += res[2];
        }
        res[0] = p1;
        res[1] = p2;
        res[2] = p3;
        return max;
    }

    /**
     * The fused pass of {@link ReproSum}'s column loop for the columns [0, k), k the largest multiple of the lane
     * count ≤ cols: per column, max |x| into mx and the part sums at scale s[j] into p1..p3 over nr rows of
     * {@code rowBytes}; returns k.
     */
    static int columns(MemorySegment seg, long o0, int nr, long rowBytes, int cols, double[] s, double[] mx, double[] p1,
                       double[] p2, double[] p3) {
        int bound = S.loopBound(cols);
        for (int j0 = 0; j0 < bound; j0 += L) {
            DoubleVector sv = DoubleVector.fromArray(S, s, j0), a1 = DoubleVector.zero(S), a2 = a1, a3 = a1, m = a1;
            long o = o0 + 8L * j0;
            for (int r = 0; r < nr; r++, o += rowBytes) {
                DoubleVector v = DoubleVector.fromMemorySegment(S, seg, o, ByteOrder.nativeOrder());
                m = m.max(v.abs());
                DoubleVector x = v.mul(sv), h = x.add(M1).sub(M1), q = x.sub(h), k = q.add(M2).sub(M2);
                a1 = a1.add(h);
                a2 = a2.add(k);
                a3 = a3.add(q.sub(k).add(M3).sub(M3));
            }
            m.intoArray(mx, j0);
            a1.intoArray(p1, j0);
            a2.intoArray(p2, j0);
            a3.intoArray(p3, j0);
        }
        return bound;
    }
}
