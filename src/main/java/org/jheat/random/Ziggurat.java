package org.jheat.random;

/**
 * Standard normal deviates by Marsaglia and Tsang's ziggurat with 256 layers and 52-bit mantissas (the layout of
 * numpy's {@code random_standard_normal}): one 64-bit word gives the layer (8 bits), the sign (1 bit) and the
 * abscissa (52 bits), and 99.3% of words return after one multiply and one compare. It replaced Box–Muller, whose
 * log, sqrt, sin and cos per pair cost more than the whole Philox block.
 *
 * <p>Counter-based like the rest of {@link Random}: the rare rejected words draw their further random numbers
 * from Philox blocks addressed by the element's own block counter, lane and attempt (in stream words with the top
 * bit set, which the primary stream never uses), so every element stays a pure function of (seed, counter, global
 * index). The tables and the slow paths use {@code StrictMath}, so the values are the same on every platform.
 *
 * <pre>{@code
 * double z = Ziggurat.normal(bits, blockCounter, lane, key);
 * }</pre>
 */
final class Ziggurat {
    private static final int LAYERS = 256;
    private static final double R = 3.6541528853610088;
    private static final double INV_R = 1 / R;
    private static final double AREA = 4.92867323399e-3;
    private static final long FRAC52 = (1L << 52) - 1;
    private static final double INV53 = 0x1.0p-53;
    private static final long MARK = 1L << 63;

    /** Acceptance bound of layer i (x below x_{i-1}, scaled to 2^52). */
    private static final long[] KI = new long[LAYERS];
    /** Width of layer i divided by 2^52. */
    private static final double[] WI = new double[LAYERS];
    /** exp(-x_i^2 / 2) at the layer edges. */
    private static final double[] FI = new double[LAYERS];

    static {
        double m1 = 0x1.0p52;
        double dn = R, tn = R;
        double q = AREA / StrictMath.exp(-0.5 * dn * dn);
        KI[0] = (long) ((dn / q) * m1);
        KI[1] = 0;
        WI[0] = q / m1;
        WI[LAYERS - 1] = dn / m1;
        FI[0] = 1;
        FI[LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = StrictMath.sqrt(-2 * StrictMath.log(AREA / dn + StrictMath.exp(-0.5 * dn * dn)));
            KI[i + 1] = (long) ((dn / tn) * m1);
            tn = dn;
            FI[i] = StrictMath.exp(-0.5 * dn * dn);
            WI[i] = dn / m1;
        }
    }

    private Ziggurat() { }

    /**
     * The deviate for the 64 random bits {@code r} of lane {@code lane} of Philox block {@code blockCounter} (the
     * address of its further random numbers when {@code r} is rejected).
     */
    static double normal(long r, long blockCounter, int lane, long key) {
        int idx = (int) r & 0xFF;
        long rabs = (r >>> 9) & FRAC52;
        // the sign bit (bit 8 of r) moved into the double's sign: a branch here would be mispredicted half the time
        double x = Double.longBitsToDouble(Double.doubleToRawLongBits(rabs * WI[idx]) ^ (r & 0x100) << 55);
        if (rabs < KI[idx]) return x;
        return slow(r, blockCounter, lane, key);
    }

    private static double slow(long r, long blockCounter, int lane, long key) {
        int[] w = new int[4];
        for (long attempt = 0; ; attempt++) {
            if (attempt > 0) r = extra(blockCounter, lane, attempt, 0, key, w);
            int idx = (int) r & 0xFF;
            long rabs = (r >>> 9) & FRAC52;
            boolean negative = (r & 0x100) != 0;
            double x = rabs * WI[idx];
            if (negative) x = -x;
            if (rabs < KI[idx]) return x;
            if (idx == 0) {   // the tail beyond R (Marsaglia 1964); 1 - U avoids log(0)
                for (long j = 1; ; j += 2) {
                    double xx = -INV_R * StrictMath.log1p(-uniform(blockCounter, lane, attempt, j, key, w));
                    double yy = -StrictMath.log1p(-uniform(blockCounter, lane, attempt, j + 1, key, w));
                    if (yy + yy > xx * xx) return negative ? -(R + xx) : R + xx;
                }
            }
            if ((FI[idx - 1] - FI[idx]) * uniform(blockCounter, lane, attempt, 1, key, w) + FI[idx] < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }

    /** The 64 bits number {@code j} of attempt {@code attempt} of one element (j = 0: its next word). */
    private static long extra(long blockCounter, int lane, long attempt, long j, long key, int[] w) {
        Philox.block(blockCounter, MARK | attempt << 32 | j << 1 | lane, key, w);
        return (w[0] & 0xFFFFFFFFL) | ((long) w[1] << 32);
    }

    private static double uniform(long blockCounter, int lane, long attempt, long j, long key, int[] w) {
        return (extra(blockCounter, lane, attempt, j, key, w) >>> 11) * INV53;
    }
}
