package org.jheat.tensor;

/**
 * Values computed from element positions, for {@link Backend#generate}: ranges (arange, linspace), random numbers
 * (counter-based, a function of the global index) and permutations. The output is seen as rows along its last
 * axis; a call fills {@code n} consecutive elements of one row. Calls may come from several threads at once, so an
 * implementation keeps no mutable state outside its arguments. Override the block loop of the path used: doubles
 * (stored converted to the output's dtype) or longs (exact integers).
 *
 * <pre>{@code
 * Generator iota = new Generator() {
 *     public void longs(long row, long col, long[] out, int n) { for (int i = 0; i < n; i++) out[i] = col + i; }
 * };
 * t.backend().generate(iota, true, t);   // t (1-d) = 0, 1, 2, …
 * }</pre>
 */
public abstract class Generator {
    /** For subclasses. */
    protected Generator() { }

    /**
     * Values of elements {@code col … col + n - 1} of row {@code row} (rows: C order over all axes but the last;
     * a 0-d or 1-d output is one row).
     */
    public void doubles(long row, long col, double[] out, int n) {
        throw new UnsupportedOperationException(getClass().getName() + " has no floating-point path");
    }

    /**
     * Whether the output's elements are consecutive in this generator's sequence across rows too (a random array
     * split along its first axis or replicated: each element's value depends on its global C-order index, and the
     * local slab is one range of them). Then a backend may fill narrow rows many at a time: one call may start at
     * {@code (row, col)} and run on into the following rows. Default false.
     */
    public boolean flat() { return false; }

    /** The integer path of {@link #doubles}. */
    public void longs(long row, long col, long[] out, int n) {
        throw new UnsupportedOperationException(getClass().getName() + " has no integer path");
    }
}
