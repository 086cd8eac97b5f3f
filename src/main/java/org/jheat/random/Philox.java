package org.jheat.random;

/**
 * Philox4x32-10 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC'11): a counter-based generator.
 * Block {@code (counter, key)} maps to four independent 32-bit words with no state in between, so any element
 * of a random array can be computed from its global index alone.
 *
 * <pre>{@code
 * int[] out = new int[4];
 * Philox.block(0, 0, 0, 0, 0, 0, out);   // known answer: 6627e8d5 e169c58d bc57ac4c 9b00dbd8
 * }</pre>
 */
public final class Philox {
    static final long M0 = 0xD2511F53L;
    static final long M1 = 0xCD9E8D57L;
    private static final int W0 = 0x9E3779B9;
    private static final int W1 = 0xBB67AE85;

    private Philox() { }

    /** Computes the block for counter (c0..c3) and key (k0, k1) into {@code out[0..3]}. */
    public static void block(int c0, int c1, int c2, int c3, int k0, int k1, int[] out) {
        for (int r = 0; r < 10; r++) {
            long p0 = M0 * (c0 & 0xFFFFFFFFL);
            long p1 = M1 * (c2 & 0xFFFFFFFFL);
            int n0 = (int) (p1 >>> 32) ^ c1 ^ k0;
            int n2 = (int) (p0 >>> 32) ^ c3 ^ k1;
            c1 = (int) p1;
            c3 = (int) p0;
            c0 = n0;
            c2 = n2;
            k0 += W0;
            k1 += W1;
        }
        out[0] = c0;
        out[1] = c1;
        out[2] = c2;
        out[3] = c3;
    }

    /** The low 32 bits, as a non-negative long (the lane type of {@link #blocks}). */
    private static final long MASK = 0xFFFFFFFFL;

    /** Whether the JVM was started with {@code --add-modules jdk.incubator.vector} (bin/jheat and the tests are). */
    private static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    /**
     * The 64-bit outputs of the {@code nb} blocks with consecutive counters {@code counter …} (stream 0) in stream
     * order: {@code out[2i] = w0 | w1 << 32} and {@code out[2i + 1] = w2 | w3 << 32} of block i, the bits of
     * {@link #block(long, long, long, int[])}. With the Vector API present the rounds run on vector lanes
     * ({@link PhiloxVector}, several times faster); otherwise, and for the tail, one block at a time.
     */
    static void lanes64(long counter, long key, int nb, long[] out) {
        lanes64(counter, 0, key, nb, out);
    }

    /**
     * The 64-bit outputs of the {@code nb} blocks {@link #block(long, long, long, int[]) block(counter + i, stream,
     * key)}, as {@link #lanes64(long, long, int, long[])} lays them out: many draws addressed by consecutive counters
     * at vector speed. <pre>{@code long[] w = new long[2 * n]; Philox.lanes64(first, stream, key, n, w); }</pre>
     */
    public static void lanes64(long counter, long stream, long key, int nb, long[] out) {
        int done = VECTOR ? PhiloxVector.lanes64(counter, stream, key, nb, out) : 0;
        int[] w = new int[4];
        for (int i = done; i < nb; i++) {
            block(counter + i, stream, key, w);
            out[2 * i] = (w[0] & MASK) | (long) w[1] << 32;
            out[2 * i + 1] = (w[2] & MASK) | (long) w[3] << 32;
        }
    }

    /** {@link #lanes64} turned into float64 uniforms in [0, 1): {@code (bits >>> 11) * 2^-53}, in stream order. */
    static void uniform64(long counter, long key, int nb, double[] out) {
        int done = VECTOR ? PhiloxVector.uniform64(counter, key, nb, out) : 0;
        int[] w = new int[4];
        for (int i = done; i < nb; i++) {
            block(counter + i, 0, key, w);
            out[2 * i] = (((w[0] & MASK) | (long) w[1] << 32) >>> 11) * 0x1.0p-53;
            out[2 * i + 1] = (((w[2] & MASK) | (long) w[3] << 32) >>> 11) * 0x1.0p-53;
        }
    }

    /** Key words of round r ({@code r * W} added to the key, as {@link #block(int, int, int, int, int, int, int[])} does). */
    static long roundKey0(long key, int r) {
        return ((key & MASK) + r * (W0 & MASK)) & MASK;
    }

    /** The second key word of round r. */
    static long roundKey1(long key, int r) {
        return ((key >>> 32) + r * (W1 & MASK)) & MASK;
    }

    /**
     * The block for a 64-bit counter (low word first) and a 64-bit key, with the upper counter words holding
     * {@code stream}.
     */
    public static void block(long counter, long stream, long key, int[] out) {
        block((int) counter, (int) (counter >>> 32), (int) stream, (int) (stream >>> 32), (int) key, (int) (key >>> 32), out);
    }
}
