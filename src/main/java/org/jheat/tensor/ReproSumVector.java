package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link ReproSum}'s chunk loops on vectors: the same exact parts per element, so the same bin totals (integer sums
 * do not depend on the lanes' order). Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <pre>{@code double mx = ReproSumVector.maxAbs(seg, off, m); ReproSumVector.parts(seg, off, m, s, acc); }</pre>
 */
final class ReproSumVector {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final double M = 0x1.8p52;
    private static final double TW = 0x1p32;

    private ReproSumVector() { }

    /** max |x| over m float64 at byte offset off; NaN when any is NaN. */
    static double maxAbs(MemorySegment seg, long off, int m) {
        DoubleVector mx = DoubleVector.zero(S);
        int i = 0, bound = S.loopBound(m);
        for (; i < bound; i += L) mx = mx.max(DoubleVector.fromMemorySegment(S, seg, off + 8L * i, ByteOrder.nativeOrder()).abs());
        double r = mx.reduceLanes(VectorOperators.MAX);
        if (i < m) r = Math.max(r, ReproSum.maxAbs(seg, off + 8L * i, m - i));
        return r;
    }

    /** The three parts of m finite float64 at scale s, added into acc. */
    static void parts(MemorySegment seg, long off, int m, double s, ReproSum.Acc acc) {
        DoubleVector a1 = DoubleVector.zero(S), a2 = a1, a3 = a1, c1 = a1, c2 = a1, c3 = a1;
        int i = 0, bound2 = m - m % (2 * L);
        for (; i < bound2; i += 2 * L) {
            DoubleVector x = DoubleVector.fromMemorySegment(S, seg, off + 8L * i, ByteOrder.nativeOrder()).mul(s);
            DoubleVector y = DoubleVector.fromMemorySegment(S, seg, off + 8L * (i + L), ByteOrder.nativeOrder()).mul(s);
            DoubleVector h = x.add(M).sub(M), r = x.sub(h).mul(TW), k = r.add(M).sub(M);
            a1 = a1.add(h);
            a2 = a2.add(k);
            a3 = a3.add(r.sub(k).mul(TW).add(M).sub(M));
            h = y.add(M).sub(M);
            r = y.sub(h).mul(TW);
            k = r.add(M).sub(M);
            c1 = c1.add(h);
            c2 = c2.add(k);
            c3 = c3.add(r.sub(k).mul(TW).add(M).sub(M));
        }
        lanes(acc, a1, a2, a3);
        lanes(acc, c1, c2, c3);
        if (i < m) ReproSum.parts(seg, off + 8L * i, m - i, s, acc);
    }

    private static void lanes(ReproSum.Acc acc, DoubleVector p1, DoubleVector p2, DoubleVector p3) {
        for (int j = 0; j < L; j++) acc.add(p1.lane(j), p2.lane(j), p3.lane(j));
    }
}
