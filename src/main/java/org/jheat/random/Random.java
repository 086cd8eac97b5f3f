package org.jheat.random;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Complexes;
import org.jheat.core.Factories;
import org.jheat.core.Redistribution;
import org.jheat.core.Sanitation;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Generator;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Random arrays from a counter-based generator ({@link Philox}): element i of an array (its global C-order
 * index) is a pure function of (seed, counter, i). The same seed therefore gives bit-identical arrays for any
 * number of processes and any split, of any size. Each call advances the shared counter past the blocks it used,
 * identically on every process (calls are collective). The values are computed block by block from their global
 * indices and stored by the array's {@link org.jheat.tensor.Backend#generate} (on the default device).
 *
 * <pre>{@code
 * Random.seed(42);
 * DNDarray u = Random.rand(new long[]{1000, 3}, DType.FLOAT64, 0);    // uniform [0, 1)
 * DNDarray z = Random.randn(new long[]{1000}, DType.FLOAT32, null);   // standard normal
 * DNDarray p = Random.permutation(10);                                // a permutation of 0..9
 * }</pre>
 */
public final class Random {
    /** The generator's state: algorithm name, seed and counter (in Philox blocks). */
    public record State(String algorithm, long seed, long counter) { }

    private static long seed;
    private static long counter;
    private static boolean seeded;

    enum Kind { UNIFORM64, UNIFORM32, NORMAL, INTEGER }

    private static final double INV53 = 0x1.0p-53;
    private static final double INV24 = 0x1.0p-24;

    private Random() { }

    /**
     * Seeds the generator (every process must pass the same seed) and resets the counter.
     * <pre>{@code Random.seed(1234); }</pre>
     */
    public static synchronized void seed(long s) {
        seed = s;
        counter = 0;
        seeded = true;
    }

    /** Seeds from the clock of rank 0, broadcast to all processes (collective). */
    public static synchronized void seed() {
        Communication comm = Communications.world();
        long[] t = {System.nanoTime() ^ System.currentTimeMillis() * 1_000_003L};
        long[] all = comm.allgather(t);
        seed(all[0]);
    }

    /** The current state. <pre>{@code Random.State s = Random.getState(); }</pre> */
    public static synchronized State getState() {
        ensureSeeded();
        return new State("Philox4x32-10", seed, counter);
    }

    /** Restores a state from {@link #getState()}. <pre>{@code Random.setState(saved); }</pre> */
    public static synchronized void setState(State s) {
        if (s == null || !"Philox4x32-10".equals(s.algorithm())) {
            throw new IllegalArgumentException("setState: expected a Philox4x32-10 state, got " + s);
        }
        seed = s.seed();
        counter = s.counter();
        seeded = true;
    }

    private static void ensureSeeded() {
        if (!seeded) seed();
    }

    /** Reserves {@code blocks} counter blocks and returns the first. */
    private static synchronized long advance(long blocks) {
        ensureSeeded();
        long c = counter;
        counter += blocks;
        return c;
    }

    // ------------------------------------------------------------------------------------------- public functions

    /** Uniform [0, 1) float64, replicated. <pre>{@code DNDarray u = Random.rand(3, 4); }</pre> */
    public static DNDarray rand(long... shape) { return rand(shape, DType.FLOAT64, null); }

    /** Uniform [0, 1) of a float dtype (null: float64). <pre>{@code Random.rand(new long[]{10}, DType.FLOAT32, 0) }</pre> */
    public static DNDarray rand(long[] shape, DType dtype, Integer split) {
        return rand(shape, dtype, split, Device.defaultDevice());
    }

    /** numpy's {@code random_sample}: uniform [0, 1) float64. */
    public static DNDarray randomSample(long[] shape, Integer split) { return rand(shape, DType.FLOAT64, split); }

    /** Alias of {@link #randomSample}. */
    public static DNDarray random(long[] shape, Integer split) { return randomSample(shape, split); }

    /** Alias of {@link #randomSample}. */
    public static DNDarray ranf(long[] shape, Integer split) { return randomSample(shape, split); }

    /** Alias of {@link #randomSample}. */
    public static DNDarray sample(long[] shape, Integer split) { return randomSample(shape, split); }

    /** Standard normal float64, replicated. <pre>{@code DNDarray z = Random.randn(5); }</pre> */
    public static DNDarray randn(long... shape) { return randn(shape, DType.FLOAT64, null); }

    /**
     * Standard normal (a ziggurat over the 64-bit lanes of Philox blocks); for complex64/complex128 torch's complex
     * normal (real and imaginary parts independent N(0, 1/2)). <pre>{@code Random.randn(new long[] {4}, DType.COMPLEX128, 0) }</pre>
     */
    public static DNDarray randn(long[] shape, DType dtype, Integer split) {
        return randn(shape, dtype, split, Device.defaultDevice());
    }

    /**
     * Standard normal on {@code device} (the same values as on the CPU: code that works on a user's array draws its
     * random temporaries on that array's device). <pre>{@code DNDarray g = Random.randn(new long[]{n, k}, DType.FLOAT64, 0, x.device()); }</pre>
     */
    public static DNDarray randn(long[] shape, DType dtype, Integer split, Device device) {
        if (dtype != null && dtype.isComplex()) {
            // torch's complex normal: real and imaginary parts independent N(0, 1/2), so E|z|^2 = 1. The pairs are the
            // reals of shape (…, 2), keyed by their global index like any real array: the same for any process count
            long[] g2 = java.util.Arrays.copyOf(Sanitation.shape(shape), shape.length + 1);
            g2[shape.length] = 2;
            int sp = Sanitation.split(split, shape.length);
            return Complexes.viewAsComplex(generate(g2, dtype.componentType(), sp < 0 ? null : sp, Kind.NORMAL, 0, Math.sqrt(0.5), device));
        }
        return generate(shape, floatType(dtype, "randn"), split, Kind.NORMAL, 0, 1, device);
    }

    /** Uniform [0, 1) of a float dtype on {@code device}. <pre>{@code Random.rand(new long[]{10}, DType.FLOAT32, 0, x.device()) }</pre> */
    public static DNDarray rand(long[] shape, DType dtype, Integer split, Device device) {
        DType t = floatType(dtype, "rand");
        return generate(shape, t, split, t == DType.FLOAT32 ? Kind.UNIFORM32 : Kind.UNIFORM64, 0, 0, device);
    }

    /** Alias of {@link #randn(long[], DType, Integer)}. */
    public static DNDarray standardNormal(long[] shape, DType dtype, Integer split) { return randn(shape, dtype, split); }

    /**
     * Normal with the given mean and standard deviation ({@code std >= 0}).
     * <pre>{@code DNDarray x = Random.normal(10, 2, new long[]{100}, DType.FLOAT64, 0); }</pre>
     */
    public static DNDarray normal(double mean, double std, long[] shape, DType dtype, Integer split) {
        if (!(std >= 0)) throw new IllegalArgumentException("normal: std must be >= 0, got " + std);
        if (!Double.isFinite(mean)) throw new IllegalArgumentException("normal: mean must be finite, got " + mean);
        return generate(shape, floatType(dtype, "normal"), split, Kind.NORMAL, mean, std);
    }

    /**
     * Uniform integers in [low, high); dtype null gives int64.
     * <pre>{@code DNDarray d = Random.randint(1, 7, new long[]{20}, null, 0);   // dice }</pre>
     */
    public static DNDarray randint(long low, long high, long[] shape, DType dtype, Integer split) {
        if (high <= low) throw new IllegalArgumentException("randint: high (" + high + ") must be greater than low (" + low + ")");
        DType t = dtype == null ? DType.INT64 : dtype;
        if (!t.isInteger()) throw new IllegalArgumentException("randint: dtype must be an integer type, got " + t);
        return generate(shape, t, split, Kind.INTEGER, low, high);
    }

    /** Alias of {@link #randint}. */
    public static DNDarray randomInteger(long low, long high, long[] shape, DType dtype, Integer split) {
        return randint(low, high, shape, dtype, split);
    }

    /**
     * A random permutation of 0 … n-1 (int64), split or replicated; each entry is computed from its position by a
     * keyed Feistel bijection, so no process ever holds more than its slab.
     * <pre>{@code DNDarray p = Random.permutation(10, 0); }</pre>
     */
    public static DNDarray permutation(long n, Integer split) { return randperm(n, DType.INT64, split); }

    /** A random permutation of 0 … n-1, replicated. */
    public static DNDarray permutation(long n) { return permutation(n, null); }

    /** Torch's {@code randperm}: a permutation of 0 … n-1 of an integer dtype. */
    public static DNDarray randperm(long n, DType dtype, Integer split) {
        return randperm(n, dtype, split, Device.defaultDevice());
    }

    /** {@link #randperm(long, DType, Integer)} on {@code device}. <pre>{@code Random.randperm(10, null, 0, x.device()) }</pre> */
    public static DNDarray randperm(long n, DType dtype, Integer split, Device device) {
        Sanitation.nonNegative(n, "randperm: n");
        DType t = dtype == null ? DType.INT64 : dtype;
        if (!t.isInteger() && !t.isFloat()) throw new IllegalArgumentException("randperm: dtype must be numeric, got " + t);
        DNDarray x = Factories.empty(new long[] {n}, t, split, device);
        long stream = advance(1);
        Tensor l = x.larray();
        long start = x.split() == null ? 0 : Distribution.start(n, x.comm().size(), x.comm().rank());
        Feistel f = new Feistel(n, seed, stream);
        l.backend().generate(new Generator() {
            @Override
            public void longs(long row, long col, long[] out, int m) {
                int[] buf = new int[4];
                for (int i = 0; i < m; i++) out[i] = f.apply(start + col + i, buf);
            }
        }, true, l);
        return x;
    }

    /**
     * A copy of {@code x} with its entries along axis 0 shuffled (numpy's {@code permutation(array)}).
     * <pre>{@code DNDarray shuffled = Random.permutation(x); }</pre>
     */
    public static DNDarray permutation(DNDarray x) {
        if (x.ndim() == 0) throw new IllegalArgumentException("permutation: x must have at least one dimension");
        DNDarray perm = randperm(x.gshape()[0], DType.INT64, x.split() != null && x.split() == 0 ? 0 : null, x.device());
        return Redistribution.takeAlongAxis0(x, perm);
    }

    /** dtype null means float64 (numpy's default, as randint's null means int64); another dtype must be a float. */
    private static DType floatType(DType t, String op) {
        if (t == null) return DType.FLOAT64;
        if (!t.isFloat()) throw new IllegalArgumentException(op + ": dtype must be float32 or float64 (or null for float64), got " + t);
        return t;
    }

    // ------------------------------------------------------------------------------------------- generation

    private static DNDarray generate(long[] shape, DType dtype, Integer split, Kind kind, double p0, double p1) {
        return generate(shape, dtype, split, kind, p0, p1, Device.defaultDevice());
    }

    private static DNDarray generate(long[] shape, DType dtype, Integer split, Kind kind, double p0, double p1, Device device) {
        long[] g = Sanitation.shape(shape);
        int perBlock = kind == Kind.UNIFORM32 ? 4 : 2;
        DNDarray x = Factories.empty(g, dtype, split, device);
        long total = Shapes.size(g);
        long base = advance((total + perBlock - 1) / perBlock);
        Tensor l = x.larray();
        if (l.size() == 0) return x;
        // the local slab's elements come in runs along the last axis that are contiguous in global index
        int nd = g.length;
        long[] gstr = Shapes.cStrides(g);
        long[] lshape = l.shape();
        int s = x.splitAxis();
        long off = s < 0 ? 0 : Distribution.start(g[s], x.comm().size(), x.comm().rank());
        long key = seed;
        boolean integer = kind == Kind.INTEGER;
        l.backend().generate(new Generator() {
            /** Global C-order index of element 0 of local row r (runs along the last axis are contiguous globally). */
            private long rowStart(long r) {
                long gidx = 0, rem = r;
                for (int d = nd - 2; d >= 0; d--) {
                    long i = rem % lshape[d];
                    rem /= lshape[d];
                    gidx += (d == s ? i + off : i) * gstr[d];
                }
                if (nd > 0 && s == nd - 1) gidx += off;
                return gidx;
            }

            @Override
            public boolean flat() {
                return s <= 0;   // replicated or split along the first axis: the local slab is one range of global indices
            }

            @Override
            public void doubles(long row, long col, double[] out, int m) {
                reals(kind, base, key, rowStart(row) + col, m, p0, p1, out);
            }

            @Override
            public void longs(long row, long col, long[] out, int m) {
                integers(base, key, rowStart(row) + col, m, (long) p0, (long) p1, out);
            }
        }, integer, l);
        return x;
    }

    /** Philox blocks computed per {@link Philox#lanes64} call. */
    private static final int CHUNK = 256;

    /** Per thread: the 64-bit lanes of a chunk of blocks, and their uniforms. */
    private record Scratch(long[] bits, double[] unit) { }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(() -> new Scratch(new long[2 * CHUNK], new double[2 * CHUNK]));

    /**
     * Elements {@code g0 … g0 + len - 1} of a real stream starting at block {@code base}: float64 uniforms and
     * normals take 64 bits (words 0-1 or 2-3 of block g/2), float32 uniforms 32 bits (word g%4 of block g/4).
     */
    static void reals(Kind kind, long base, long key, long g0, int len, double mean, double std, double[] out) {
        Scratch sc = SCRATCH.get();
        long[] bits = sc.bits();
        int per = kind == Kind.UNIFORM32 ? 4 : 2;
        for (int j = 0; j < len; ) {
            long g = g0 + j, b0 = g / per;
            int lane0 = (int) (g % per);
            int m = Math.min(len - j, CHUNK * per - lane0), nb = (lane0 + m + per - 1) / per;
            switch (kind) {
                case UNIFORM64 -> {
                    Philox.uniform64(base + b0, key, nb, sc.unit());
                    System.arraycopy(sc.unit(), lane0, out, j, m);
                }
                case UNIFORM32 -> {
                    Philox.lanes64(base + b0, key, nb, bits);
                    for (int k = 0; k < m; k++) {
                        int q = lane0 + k;
                        out[j + k] = ((bits[q >>> 1] >>> ((q & 1) << 5) & 0xFFFFFFFFL) >>> 8) * INV24;
                    }
                }
                default -> {
                    Philox.lanes64(base + b0, key, nb, bits);
                    for (int k = 0; k < m; k++) {
                        int q = lane0 + k;
                        out[j + k] = mean + std * Ziggurat.normal(bits[q], base + b0 + (q >>> 1), q & 1, key);
                    }
                }
            }
            j += m;
        }
    }

    /** Uniform integers in [low, high) from the 64-bit lanes of the stream starting at block {@code base}. */
    static void integers(long base, long key, long g0, int len, long low, long high, long[] out) {
        long range = high - low;   // as unsigned: exact even when high - low overflows a signed long
        long[] bits = SCRATCH.get().bits();
        for (int j = 0; j < len; ) {
            long g = g0 + j;
            int lane0 = (int) (g & 1);
            int m = Math.min(len - j, 2 * CHUNK - lane0);
            Philox.lanes64(base + (g >>> 1), key, (lane0 + m + 1) / 2, bits);
            for (int k = 0; k < m; k++) out[j + k] = low + Math.unsignedMultiplyHigh(bits[lane0 + k], range);
            j += m;
        }
    }

    private static long bits64(int lo, int hi) {
        return (lo & 0xFFFFFFFFL) | ((long) hi << 32);
    }

    /** A keyed bijection of [0, n): a 4-round balanced Feistel network on 2k bits with cycle walking. */
    private static final class Feistel {
        private final long n;
        private final int half;
        private final long mask;
        private final long key;
        private final long stream;

        Feistel(long n, long key, long stream) {
            this.n = n;
            int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(Math.max(1, n - 1)));
            if ((bits & 1) == 1) bits++;
            this.half = bits / 2;
            this.mask = (1L << half) - 1;
            this.key = key;
            this.stream = stream;
        }

        long apply(long i, int[] w) {
            long x = i;
            do {
                long left = x >>> half, right = x & mask;
                for (int round = 0; round < 4; round++) {
                    Philox.block(right | ((long) round << 40), stream, key, w);
                    long f = bits64(w[0], w[1]) & mask;
                    long t = left ^ f;
                    left = right;
                    right = t;
                }
                x = (left << half) | right;
            } while (x >= n);
            return x;
        }
    }
}
