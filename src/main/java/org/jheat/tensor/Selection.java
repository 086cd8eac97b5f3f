package org.jheat.tensor;

import java.util.Arrays;

/**
 * CPU kernel of argmin/argmax: per row of an (M, K) tensor the best element and its position, streamed block by
 * block. NaN wins (numpy), ties go to the lower position; integers compare exactly as longs.
 *
 * <pre>{@code Tensor[] vi = Selection.argExtreme(rows, true);   // {values, positions} }</pre>
 */
final class Selection {
    private static final int BLOCK = Elementwise.BLOCK;

    private Selection() { }

    /** a beats b (value then index): NaN first, then larger (max) or smaller (min), ties to the smaller index. */
    static boolean better(double va, long ia, double vb, long ib, boolean max) {
        boolean na = va != va, nb = vb != vb;
        if (na || nb) return na && (!nb || ia < ib);
        if (va == vb) return ia < ib;
        return max ? va > vb : va < vb;
    }

    /** {@link #better} for integers. */
    static boolean betterL(long va, long ia, long vb, long ib, boolean max) {
        if (va == vb) return ia < ib;
        return max ? va > vb : va < vb;
    }

    static Tensor[] argExtreme(Tensor in, boolean max) {
        Tensor rows = in.contiguous();
        boolean integral = rows.dtype().isIntegral();
        long m = rows.shape(0), k = rows.shape(1);
        if (m > Integer.MAX_VALUE - 8) throw new IllegalArgumentException("argmin/argmax: more than 2^31 rows on one process");
        double[] bestV = new double[(int) m];
        long[] bestL = new long[(int) m], bestI = new long[(int) m];
        Arrays.fill(bestI, -1);
        var seg = rows.segment();
        int item = rows.dtype().itemSize();
        double[] bd = new double[BLOCK];
        long[] bl = new long[BLOCK];
        for (int i = 0; i < m; i++) {
            for (long c = 0; c < k; c += BLOCK) {
                int len = (int) Math.min(BLOCK, k - c);
                long pos = (rows.offset() + i * k + c) * item;
                if (integral) BlockIO.load(seg, pos, item, rows.dtype(), bl, len);
                else BlockIO.load(seg, pos, item, rows.dtype(), bd, len);
                for (int j = 0; j < len; j++) {
                    long li = c + j;
                    if (bestI[i] < 0 || (integral ? betterL(bl[j], li, bestL[i], bestI[i], max) : better(bd[j], li, bestV[i], bestI[i], max))) {
                        bestI[i] = li;
                        if (integral) bestL[i] = bl[j]; else bestV[i] = bd[j];
                    }
                }
            }
        }
        return new Tensor[] {integral ? Tensor.fromArray(bestL) : Tensor.fromArray(bestV), Tensor.fromArray(bestI)};
    }
}
