package org.jheat.tensor;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link CpuCluster}'s argmin of a distance block on vectors: the lanes are rows (gathered, k apart), so the running
 * minimum over the columns needs no horizontal step. The keys and the tie rule are those of the scalar loops
 * ({@code CpuCluster.nearest}), which finish the rows past the last full vector, so both give the same columns.
 * Loaded only when the JVM has {@code jdk.incubator.vector}.
 *
 * <pre>{@code int done = ClusterVector.argminF32(g, n, k, out); }</pre>
 */
final class ClusterVector {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> IS = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LS = LongVector.SPECIES_PREFERRED;

    private ClusterVector() { }

    /**
     * Rows [0, n) of the row-major float32 block g (k per row): the first column of the least order-preserving key
     * into out[0, n), the lanes being rows read by gathers; returns the rows done (a multiple of the lane count).
     */
    static int argminF32(float[] g, int n, int k, int[] out) {
        int lanes = FS.length(), bound = n - n % lanes;
        int[] map = new int[lanes];
        for (int t = 0; t < lanes; t++) map[t] = t * k;
        for (int i = 0; i < bound; i += lanes) {
            int o = i * k;
            IntVector best = key(FloatVector.fromArray(FS, g, o, map, 0));
            IntVector idx = IntVector.zero(IS);
            for (int j = 1; j < k; j++) {
                IntVector v = key(FloatVector.fromArray(FS, g, o + j, map, 0));
                VectorMask<Integer> lt = v.lt(best);
                best = best.blend(v, lt);
                idx = idx.blend(j, lt);
            }
            idx.intoArray(out, i);
        }
        return bound;
    }

    /** The float's order-preserving signed key, -0 folded onto +0 (they tie, as in numpy). */
    private static IntVector key(FloatVector v) {
        IntVector b = v.add(0.0f).reinterpretAsInts();
        return b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.ASHR, 31).lanewise(VectorOperators.AND, 0x7fffffff));
    }

    /**
     * As {@link #argminF32} for float64 rows with windowed keys: the low {@code bits} of each key are replaced by the
     * column, so values within those bits tie and the first column wins (as the scalar float64 loop).
     */
    static int argminF64(double[] d, int n, int k, int bits, int[] out) {
        int lanes = DS.length(), bound = n - n % lanes;
        long mask = ~((1L << bits) - 1);
        int[] map = new int[lanes];
        for (int t = 0; t < lanes; t++) map[t] = t * k;
        long[] tmp = new long[lanes];
        for (int i = 0; i < bound; i += lanes) {
            int o = i * k;
            LongVector best = LongVector.broadcast(LS, Long.MAX_VALUE);
            for (int j = 0; j < k; j++) {
                LongVector b = DoubleVector.fromArray(DS, d, o + j, map, 0).add(0.0).reinterpretAsLongs();
                b = b.lanewise(VectorOperators.XOR, b.lanewise(VectorOperators.ASHR, 63).lanewise(VectorOperators.AND, 0x7fffffffffffffffL));
                best = best.min(b.lanewise(VectorOperators.AND, mask).lanewise(VectorOperators.OR, (long) j));
            }
            best.lanewise(VectorOperators.AND, ~mask).intoArray(tmp, 0);
            for (int t = 0; t < lanes; t++) out[i + t] = (int) tmp[t];
        }
        return bound;
    }
}
