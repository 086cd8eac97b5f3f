package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuCluster}'s fused nearest-centre loops on vectors: the lanes run over centres (so a row's distances to
 * {@code L} centres come from one fused multiply-add per feature, the row's value broadcast), eight rows at a time so
 * that their multiply-add chains overlap (fewer leave the FMA units idle for their latency). Every lane accumulates its dot product in feature order with one rounding
 * per step, exactly as {@link CpuCluster}'s scalar fallback does with {@link Math#fma} — so both give the same bits
 * and the same labels. Loaded only when the JVM has {@code jdk.incubator.vector} and 256-bit vectors.
 *
 * <p>Centres come transposed and padded: {@code ct[t·kpad + j]} is feature t of centre j, {@code kpad} a multiple of
 * the lane count ({@link #F_LANES} for float32, {@link #D_LANES} for float64); {@code cn[j]} the centres' squared
 * norms. A row's value for centre j is {@code cn[j] - 2·x·c_j}, the quadratic expansion without |x|².
 *
 * <pre>{@code LloydVector.nearest32(seg, byteOffset, n, f, ct, cn, k, kpad, out); }</pre>
 */
final class LloydVector {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_256;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_256;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_256;
    /** Lanes per float32 / float64 vector (centres per chunk). */
    static final int F_LANES = FS.length(), D_LANES = DS.length();
    /** Whether 256-bit vectors are native here (else the emulated ones would be slower than the scalar loop). */
    static final boolean USABLE = FloatVector.SPECIES_PREFERRED.vectorBitSize() >= 256;

    private LloydVector() { }

    /**
     * The nearest centre of each of the n float32 rows of x (row-major, f per row, at byte offset {@code off} of
     * {@code x}) into out: the first minimum of the order-preserving keys of {@code cn[j] - 2·x·c_j} (float32, as the
     * gemm path's block), ties to the smaller j. The rows are read in place: a copy into a Java array first made the
     * step two phases, one bound by memory and one by the multiply-adds, where reading in place overlaps them.
     */
    static void nearest32(MemorySegment x, long off, int n, int f, float[] ct, float[] cn, int k, int kpad, int[] out) {
        int chunks = kpad / F_LANES;
        float[] buf = new float[8 * F_LANES];
        long[] best = new long[8];
        long rb = 4L * f;
        int i = 0;
        for (; i + 7 < n; i += 8) {
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            for (int q = 0; q < chunks; q++) {
                int co = q * F_LANES;
                FloatVector a0 = FloatVector.zero(FS), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                long o = off + i * rb;
                for (int t = 0, ci = co; t < f; t++, ci += kpad, o += 4) {
                    FloatVector c = FloatVector.fromArray(FS, ct, ci);
                    a0 = FloatVector.broadcast(FS, x.get(F32, o)).fma(c, a0);
                    a1 = FloatVector.broadcast(FS, x.get(F32, o + rb)).fma(c, a1);
                    a2 = FloatVector.broadcast(FS, x.get(F32, o + 2 * rb)).fma(c, a2);
                    a3 = FloatVector.broadcast(FS, x.get(F32, o + 3 * rb)).fma(c, a3);
                    a4 = FloatVector.broadcast(FS, x.get(F32, o + 4 * rb)).fma(c, a4);
                    a5 = FloatVector.broadcast(FS, x.get(F32, o + 5 * rb)).fma(c, a5);
                    a6 = FloatVector.broadcast(FS, x.get(F32, o + 6 * rb)).fma(c, a6);
                    a7 = FloatVector.broadcast(FS, x.get(F32, o + 7 * rb)).fma(c, a7);
                }
                // one pick call site in a loop: eight inlined copies exceed C2's node budget, and a pick left as a
                // call boxes its vectors
                a0.intoArray(buf, 0);
                a1.intoArray(buf, F_LANES);
                a2.intoArray(buf, 2 * F_LANES);
                a3.intoArray(buf, 3 * F_LANES);
                a4.intoArray(buf, 4 * F_LANES);
                a5.intoArray(buf, 5 * F_LANES);
                a6.intoArray(buf, 6 * F_LANES);
                a7.intoArray(buf, 7 * F_LANES);
                FloatVector nv = FloatVector.fromArray(FS, cn, co);
                VectorMask<Integer> valid = IS.indexInRange(co, k);
                for (int r = 0; r < 8; r++) best[r] = Math.min(best[r], pick(FloatVector.fromArray(FS, buf, r * F_LANES), nv, valid, co));
            }
            for (int r = 0; r < 8; r++) out[i + r] = (int) best[r];
        }
        for (; i < n; i++) {
            long b = Long.MAX_VALUE;
            long o = off + i * rb;
            for (int q = 0; q < chunks; q++) {
                int co = q * F_LANES;
                FloatVector a = FloatVector.zero(FS);
                for (int t = 0, ci = co; t < f; t++, ci += kpad) a = FloatVector.broadcast(FS, x.get(F32, o + 4L * t)).fma(FloatVector.fromArray(FS, ct, ci), a);
                b = Math.min(b, pick(a, FloatVector.fromArray(FS, cn, co), IS.indexInRange(co, k), co));
            }
            out[i] = (int) b;
        }
    }

    /**
     * The chunk's minimum as {@link CpuCluster}'s key: the order-preserving bits of {@code cn - 2·dot} in the high
     * half, the first column holding it in the low half; lanes past k never win. ({@code cn + (-2·dot)} is never -0,
     * as cn ≥ +0, so the key's -0 → +0 step is not needed here.)
     */
    private static long pick(FloatVector dot, FloatVector cn, VectorMask<Integer> valid, int co) {
        IntVector b = dot.mul(-2f).add(cn).reinterpretAsInts();
        IntVector key = b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.ASHR, 31).and(0x7fffffff));
        if (!valid.allTrue()) key = IntVector.broadcast(IS, Integer.MAX_VALUE).blend(key, valid);
        int m = key.reduceLanes(VectorOperators.MIN);
        return ((long) m << 32) | (co + key.compare(VectorOperators.EQ, m).firstTrue());
    }

    /**
     * {@link #nearest32} for float64 rows, with {@link CpuCluster}'s windowed keys for float64: the low
     * {@code bits} bits of every key replaced by the column (values within that window tie, the smaller column wins).
     */
    static void nearest64(double[] x, int n, int f, double[] ct, double[] cn, int k, int kpad, int bits, int[] out) {
        int chunks = kpad / D_LANES;
        long mask = ~((1L << bits) - 1);
        double[] buf = new double[8 * D_LANES];
        long[] best = new long[8];
        LongVector iota = LongVector.zero(LS).addIndex(1);
        int i = 0;
        for (; i + 7 < n; i += 8) {
            java.util.Arrays.fill(best, Long.MAX_VALUE);
            for (int q = 0; q < chunks; q++) {
                int co = q * D_LANES;
                DoubleVector a0 = DoubleVector.zero(DS), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
                for (int t = 0, ci = co, o = i * f; t < f; t++, ci += kpad, o++) {
                    DoubleVector c = DoubleVector.fromArray(DS, ct, ci);
                    a0 = DoubleVector.broadcast(DS, x[o]).fma(c, a0);
                    a1 = DoubleVector.broadcast(DS, x[o + f]).fma(c, a1);
                    a2 = DoubleVector.broadcast(DS, x[o + 2 * f]).fma(c, a2);
                    a3 = DoubleVector.broadcast(DS, x[o + 3 * f]).fma(c, a3);
                    a4 = DoubleVector.broadcast(DS, x[o + 4 * f]).fma(c, a4);
                    a5 = DoubleVector.broadcast(DS, x[o + 5 * f]).fma(c, a5);
                    a6 = DoubleVector.broadcast(DS, x[o + 6 * f]).fma(c, a6);
                    a7 = DoubleVector.broadcast(DS, x[o + 7 * f]).fma(c, a7);
                }
                a0.intoArray(buf, 0);
                a1.intoArray(buf, D_LANES);
                a2.intoArray(buf, 2 * D_LANES);
                a3.intoArray(buf, 3 * D_LANES);
                a4.intoArray(buf, 4 * D_LANES);
                a5.intoArray(buf, 5 * D_LANES);
                a6.intoArray(buf, 6 * D_LANES);
                a7.intoArray(buf, 7 * D_LANES);
                DoubleVector nv = DoubleVector.fromArray(DS, cn, co);
                VectorMask<Long> valid = LS.indexInRange(co, k);
                LongVector col = iota.add(co);
                for (int r = 0; r < 8; r++) best[r] = Math.min(best[r], pick(DoubleVector.fromArray(DS, buf, r * D_LANES), nv, valid, col, mask));
            }
            for (int r = 0; r < 8; r++) out[i + r] = (int) (best[r] & ~mask);
        }
        for (; i < n; i++) {
            long b = Long.MAX_VALUE;
            int o = i * f;
            for (int q = 0; q < chunks; q++) {
                int co = q * D_LANES;
                DoubleVector a = DoubleVector.zero(DS);
                for (int t = 0, ci = co; t < f; t++, ci += kpad) a = DoubleVector.broadcast(DS, x[o + t]).fma(DoubleVector.fromArray(DS, ct, ci), a);
                b = Math.min(b, pick(a, DoubleVector.fromArray(DS, cn, co), LS.indexInRange(co, k), iota.add(co), mask));
            }
            out[i] = (int) (b & ~mask);
        }
    }

    /** The chunk's smallest windowed key (column in the low bits); lanes past k never win. */
    private static long pick(DoubleVector dot, DoubleVector cn, VectorMask<Long> valid, LongVector col, long mask) {
        LongVector b = dot.mul(-2.0).add(cn).reinterpretAsLongs();
        LongVector key = b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.ASHR, 63).and(0x7fffffffffffffffL));
        key = key.and(mask).or(col);
        if (!valid.allTrue()) key = LongVector.broadcast(LS, Long.MAX_VALUE).blend(key, valid);
        return key.reduceLanes(VectorOperators.MIN);
    }
}
