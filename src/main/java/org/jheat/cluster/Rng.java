package org.jheat.cluster;

import org.jheat.core.DNDarray;
import org.jheat.random.Philox;
import org.jheat.random.Random;
import org.jheat.tensor.DType;

/**
 * The estimators' random numbers: Philox blocks keyed by the random state and addressed by (stream, counter), so
 * a draw for sample i depends on its global index only — the same choices for any number of processes and any
 * split, with no state shared between calls. Streams separate the purposes (first centre, each oversampling
 * round, each restart …).
 */
final class Rng {
    /** Stream purposes, combined with the restart index by {@link #stream}. */
    static final int FIRST = 1, ROUND = 2, RANDOM = 3, TOPUP = 4, PLUSPLUS = 5, LOCAL = 6;

    private final long key;
    private final int[] block = new int[4];

    Rng(long key) { this.key = key; }

    /**
     * The key of a fit: the random state when given, else a draw from jheat's global generator (the same on every
     * process, since that generator is counter-based and every process calls it).
     */
    static long key(Long randomState) {
        if (randomState != null) return randomState * 0x9E3779B97F4A7C15L + 0x632BE59BD9B4E019L;
        DNDarray r = Random.randint(0, Long.MAX_VALUE, new long[] {1}, DType.INT64, null);
        return r.larray().getLongFlat(0);
    }

    static long stream(int purpose, long run, long sub) { return (run << 40) ^ ((long) purpose << 32) ^ sub; }

    /** Uniform in [0, 1) with 53 random bits (not thread-safe: one scratch block; see the overload). */
    double uniform(long stream, long counter) { return uniform(stream, counter, block); }

    /** Uniform in [0, 1) using the caller's 4-int scratch (one per thread). */
    double uniform(long stream, long counter, int[] scratch) {
        Philox.block(counter, stream, key, scratch);
        return unit((scratch[0] & 0xFFFFFFFFL) | (long) scratch[1] << 32);
    }

    /** 53 bits of a block's first two words (w0 low, w1 high): 27 from w0, 26 from w1, as a double in [0, 1). */
    private static double unit(long w) {
        long hi = (w & 0xFFFFFFFFL) >>> 5, lo = (w >>> 32) >>> 6;
        return (hi * 67108864.0 + lo) * 0x1.0p-53;
    }

    /**
     * {@link #uniform(long, long, int[])} for the counters {@code counter … counter + n - 1} into out[0, n), the
     * blocks computed on vector lanes; {@code bits} is the caller's scratch of at least 2n longs.
     */
    void uniforms(long stream, long counter, int n, double[] out, long[] bits) {
        Philox.lanes64(counter, stream, key, n, bits);
        for (int i = 0; i < n; i++) out[i] = unit(bits[2 * i]);
    }

    /** Uniform integer in [0, bound). */
    long below(long stream, long counter, long bound) {
        long v = (long) (uniform(stream, counter) * bound);
        return Math.min(v, bound - 1);
    }
}
