package org.jheat.tensor;

/**
 * CPU kernel of the 1-d linear convolution behind {@code org.jheat.core.Signal}: direct summation of the full
 * convolution at a window of output positions, from the part of the signal the window needs. Integers are summed
 * exactly in 64 bits and wrap on store (numpy's integer loops); floats are summed in double precision, complex
 * values as (re, im) pairs of doubles.
 *
 * <pre>{@code Tensor y = Convolution.compute(sig, 0, n, ker, 0, n + m - 1, DType.FLOAT64); }</pre>
 */
final class Convolution {
    private Convolution() { }

    /**
     * Full-convolution outputs at global positions [lo, hi) from {@code sig}, which holds global elements
     * [sigStart, sigStart + sig.size()) of a signal of length n; the result's element 0 is position lo.
     */
    static Tensor compute(Tensor sig, long sigStart, long n, Tensor ker, long lo, long hi, DType out) {
        int ns = (int) sig.size(), m = (int) ker.size();
        int cnt = (int) Math.max(0, hi - lo);
        Tensor res = Tensor.empty(out, cnt);
        if (cnt == 0) return res;
        long sigEnd = Math.min(n, sigStart + ns);
        if (out.isComplex()) {
            // interleaved (re, im); a real operand loads with imaginary part 0
            double[] s = interleaved(sig), k = interleaved(ker), r = new double[2 * cnt];
            for (int i = 0; i < cnt; i++) {
                long f = lo + i;
                double ar = 0, ai = 0;
                int j0 = (int) Math.max(0, f - sigEnd + 1), j1 = (int) Math.min(m - 1, f - sigStart);
                for (int j = j0; j <= j1; j++) {
                    int q = 2 * (int) (f - j - sigStart);
                    double sr = s[q], si = s[q + 1], kr = k[2 * j], ki = k[2 * j + 1];
                    ar += sr * kr - si * ki;
                    ai += sr * ki + si * kr;
                }
                r[2 * i] = ar;
                r[2 * i + 1] = ai;
            }
            BlockIO.storeComplex(r, res.data(), 0, out.itemSize(), out, cnt);
        } else if (out.isIntegral()) {
            long[] s = sig.contiguous().toLongArray(), k = ker.toLongArray(), r = new long[cnt];
            for (int i = 0; i < cnt; i++) {
                long f = lo + i, acc = 0;
                int j0 = (int) Math.max(0, f - sigEnd + 1), j1 = (int) Math.min(m - 1, f - sigStart);
                for (int j = j0; j <= j1; j++) acc += s[(int) (f - j - sigStart)] * k[j];
                r[i] = acc;
            }
            BlockIO.store(r, res.data(), 0, out.itemSize(), out, cnt);
        } else {
            double[] s = sig.contiguous().toDoubleArray(), k = ker.toDoubleArray(), r = new double[cnt];
            for (int i = 0; i < cnt; i++) {
                long f = lo + i;
                double acc = 0;
                int j0 = (int) Math.max(0, f - sigEnd + 1), j1 = (int) Math.min(m - 1, f - sigStart);
                for (int j = j0; j <= j1; j++) acc += s[(int) (f - j - sigStart)] * k[j];
                r[i] = acc;
            }
            BlockIO.store(r, res.data(), 0, out.itemSize(), out, cnt);
        }
        return res;
    }

    /** The elements of a 1-d tensor as interleaved (re, im) doubles. */
    private static double[] interleaved(Tensor t) {
        Tensor c = t.contiguous();
        int n = (int) c.size();
        double[] o = new double[2 * n];
        if (n > 0) BlockIO.loadComplex(c.data(), 0, c.dtype().itemSize(), c.dtype(), o, n);
        return o;
    }
}
