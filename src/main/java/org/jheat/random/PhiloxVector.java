package org.jheat.random;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Philox4x32-10 on vectors of 64-bit lanes, one block per lane: each 32-bit word sits in the low half of a lane,
 * so the 32x32→64-bit products of a round are one lane-wise multiply and their halves a shift and a mask. The
 * two 64-bit outputs of each block are interleaved in registers (a two-table {@code selectFrom}) and stored in
 * stream order. Loaded only when the JVM has {@code jdk.incubator.vector} ({@link Philox} checks), so jheat still
 * runs without it.
 *
 * <pre>{@code
 * int done = PhiloxVector.lanes64(counter, key, nb, out);   // blocks 0 … done-1; the caller computes the rest
 * }</pre>
 */
final class PhiloxVector {
    private static final VectorSpecies<Long> S = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    private static final long MASK = 0xFFFFFFFFL;
    private static final int L = S.length();
    /** Lane indices that interleave two vectors a, b into (a0 b0 a1 b1 …) and its second half. */
    private static final LongVector LO = LongVector.fromArray(S, interleave(0), 0), HI = LongVector.fromArray(S, interleave(L / 2), 0);

    private PhiloxVector() { }

    private static long[] interleave(int from) {
        long[] ix = new long[L];
        for (int i = 0; i < L; i++) ix[i] = (i & 1) * L + from + i / 2;
        return ix;
    }

    /** {@link Philox#lanes64} for blocks {@code 0 … k-1}, k the largest multiple of the lane count ≤ nb; returns k. */
    static int lanes64(long counter, long key, int nb, long[] out) {
        return run(counter, 0, key, nb, out, null);
    }

    /** {@link #lanes64} with the upper counter words holding {@code stream}; returns the blocks done. */
    static int lanes64(long counter, long stream, long key, int nb, long[] out) {
        return run(counter, stream, key, nb, out, null);
    }

    /** {@link Philox#uniform64} for blocks {@code 0 … k-1}, as {@link #lanes64}; returns k. */
    static int uniform64(long counter, long key, int nb, double[] out) {
        return run(counter, 0, key, nb, null, out);
    }

    private static int run(long counter, long stream, long key, int nb, long[] bits, double[] unit) {
        int bound = S.loopBound(nb);
        if (bound == 0 || D.length() != L) return 0;
        long[] k0 = new long[10], k1 = new long[10];
        for (int r = 0; r < 10; r++) {
            k0[r] = Philox.roundKey0(key, r);
            k1[r] = Philox.roundKey1(key, r);
        }
        LongVector iota = LongVector.zero(S).addIndex(1);
        LongVector s0 = LongVector.broadcast(S, stream & MASK), s1 = LongVector.broadcast(S, stream >>> 32);
        for (int i = 0; i < bound; i += L) {
            LongVector c = iota.add(counter + i);
            LongVector x0 = c.and(MASK), x1 = c.lanewise(VectorOperators.LSHR, 32), x2 = s0, x3 = s1;
            for (int r = 0; r < 10; r++) {
                LongVector p0 = x0.mul(Philox.M0), p1 = x2.mul(Philox.M1);
                x0 = p1.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x1).lanewise(VectorOperators.XOR, k0[r]);
                x2 = p0.lanewise(VectorOperators.LSHR, 32).lanewise(VectorOperators.XOR, x3).lanewise(VectorOperators.XOR, k1[r]);
                x1 = p1.and(MASK);
                x3 = p0.and(MASK);
            }
            LongVector a = x0.or(x1.lanewise(VectorOperators.LSHL, 32)), b = x2.or(x3.lanewise(VectorOperators.LSHL, 32));
            LongVector lo = LO.selectFrom(a, b), hi = HI.selectFrom(a, b);
            if (bits != null) {
                lo.intoArray(bits, 2 * i);
                hi.intoArray(bits, 2 * i + L);
            } else {
                toUnit(lo).intoArray(unit, 2 * i);
                toUnit(hi).intoArray(unit, 2 * i + L);
            }
        }
        return bound;
    }

    /** (bits >>> 11) * 2^-53: the top 53 bits as a double in [0, 1). */
    private static DoubleVector toUnit(LongVector v) {
        return ((DoubleVector) v.lanewise(VectorOperators.LSHR, 11).convert(VectorOperators.L2D, 0)).mul(0x1.0p-53);
    }
}
