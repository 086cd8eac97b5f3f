package org.jheat.tensor;

/**
 * The local kernels of a reduction (sum, prod, min, max, any, all …): an identity, a fold of a block into an
 * accumulator, and an element-wise combine of a block of partial results into a block of accumulators. Double
 * path for floating reductions, long path for exact integer/bool ones.
 *
 * <pre>{@code
 * static final ReduceFn SUM = new ReduceFn("sum", 0, 0) {
 *     public double fold(double acc, double[] b, int n) { … }
 *     public void combine(double[] acc, double[] b, int n) { for (int i = 0; i < n; i++) acc[i] += b[i]; }
 *     …
 * };
 * }</pre>
 */
public abstract class ReduceFn {
    private final String name;
    private final double identityD;
    private final long identityL;

    /** @param name numpy name @param identityD identity of the double path @param identityL identity of the long path */
    protected ReduceFn(String name, double identityD, long identityL) {
        this.name = name;
        this.identityD = identityD;
        this.identityL = identityL;
    }

    /** The numpy name. */
    public String name() { return name; }

    /** Identity of the floating path (0 for sum, +inf for min …). */
    public double identityD() { return identityD; }

    /** Identity of the integer path. */
    public long identityL() { return identityL; }

    /** {@code acc ⊕ b[0] ⊕ … ⊕ b[n-1]}. */
    public abstract double fold(double acc, double[] b, int n);

    /** {@code acc ⊕ b[0] ⊕ … ⊕ b[n-1]} exactly in 64-bit integers. */
    public abstract long fold(long acc, long[] b, int n);

    /** {@code acc[i] = acc[i] ⊕ b[i]}. */
    public abstract void combine(double[] acc, double[] b, int n);

    /** {@code acc[i] = acc[i] ⊕ b[i]}. */
    public abstract void combine(long[] acc, long[] b, int n);

    /**
     * {@code acc[j] = acc[j] ⊕ rows[q·b + j]} for q < r, j < b: r consecutive rows of b values folded into b
     * accumulators (a reduction over the leading axis of a narrow array). Kernels on hot paths override it with a
     * loop over the rows in place; this one copies each row out.
     */
    public void combineRows(double[] acc, double[] rows, int r, int b) {
        double[] row = new double[b];
        for (int q = 0; q < r; q++) {
            System.arraycopy(rows, q * b, row, 0, b);
            combine(acc, row, b);
        }
    }

    /**
     * {@code out[q] = identity ⊕ runs[q·k] ⊕ … ⊕ runs[q·k + k - 1]} for q < r: r consecutive runs of k values folded
     * one by one (a reduction over the last axis of a narrow array). Hot kernels override it; this one copies each
     * run out.
     */
    public void foldRuns(double[] runs, int r, int k, double[] out) {
        double[] run = new double[k];
        for (int q = 0; q < r; q++) {
            System.arraycopy(runs, q * k, run, 0, k);
            out[q] = fold(identityD, run, k);
        }
    }

    /**
     * Whether {@link #foldF64} and {@link #combineRowsF64} read float64 in place (else blocks are copied out and
     * {@link #fold} / {@link #combineRows(double[], double[], int, int)} run on them).
     */
    public boolean readsF64() {
        return false;
    }

    /**
     * {@link #fold(double, double[], int)} of n native float64 values read in place from {@code src} at byte offset
     * {@code off}, with the same arithmetic in the same order (so the same bits); only when {@link #readsF64}.
     * <pre>{@code double acc = fn.readsF64() ? fn.foldF64(acc0, seg, off, n) : ...; }</pre>
     */
    public double foldF64(double acc, java.lang.foreign.MemorySegment src, long off, int n) {
        throw new UnsupportedOperationException(name + " has no in-place float64 fold");
    }

    /**
     * {@link #combineRows(double[], double[], int, int)} of r rows of b native float64 values read in place from
     * {@code src} at byte offset {@code off}, with the same arithmetic in the same order (so the same bits); only when
     * {@link #readsF64}.
     * <pre>{@code if (fn.readsF64()) fn.combineRowsF64(acc, seg, off, r, b); }</pre>
     */
    public void combineRowsF64(double[] acc, java.lang.foreign.MemorySegment src, long off, int r, int b) {
        throw new UnsupportedOperationException(name + " has no in-place float64 row combination");
    }

    /** {@link #combineRows(double[], double[], int, int)} of the integer path. */
    public void combineRows(long[] acc, long[] rows, int r, int b) {
        long[] row = new long[b];
        for (int q = 0; q < r; q++) {
            System.arraycopy(rows, q * b, row, 0, b);
            combine(acc, row, b);
        }
    }

    @Override
    public String toString() { return name; }
}
