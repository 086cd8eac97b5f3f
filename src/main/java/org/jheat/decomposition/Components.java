package org.jheat.decomposition;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Statistics;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * What the PCA estimators share: scikit-learn's sign convention ({@code svd_flip} decided by the sample-side factor),
 * the projection onto fitted components and back, and small replicated vectors.
 */
final class Components {
    private Components() { }

    /**
     * scikit-learn's {@code svd_flip(u, v)} with the decision on u: for each column k of the sample-side factor u
     * (n × k, any split), the sign that makes its entry of largest magnitude positive (for an exact tie between +a
     * and −a, positive). Collective: one max and one min reduction over the rows.
     */
    static double[] flipSigns(DNDarray u) {
        double[] mx = Statistics.max(u, new int[] {0}, false).toDoubleArray();
        double[] mn = Statistics.min(u, new int[] {0}, false).toDoubleArray();
        double[] s = new double[mx.length];
        for (int k = 0; k < s.length; k++) s[k] = mx[k] >= -mn[k] ? 1 : -1;
        return s;
    }

    /**
     * The k orthonormal rows of {@code vt} (k, p) followed by {@code want - k} more, orthonormal and orthogonal to
     * them, replicated: the directions of singular value 0 of data whose rank is below the count asked for. Each new
     * row starts from the standard basis vector e_i least covered by the rows so far (the smallest column norm of the
     * basis: its residual keeps at least (p − rows)/p of its norm), is orthogonalised twice (classical Gram-Schmidt
     * with one reorthogonalisation) and normalised. Local: O(want² · p) operations on the small basis.
     * <pre>{@code DNDarray c = Components.completeRows(vt, 5);   // (3, 8) -> (5, 8) }</pre>
     */
    static DNDarray completeRows(DNDarray vt, int want) {
        Tensor v = vt.resplit(null).larray().astype(DType.FLOAT64);
        int k = (int) v.shape(0), p = (int) v.shape(1);
        if (want > p) throw new IllegalArgumentException("completeRows: " + want + " orthonormal rows do not fit in " + p + " dimensions");
        double[][] rows = new double[want][];
        double[] cover = new double[p];   // Σ over the rows so far of row[i]²
        for (int j = 0; j < k; j++) {
            rows[j] = v.narrow(0, j, 1).reshape(p).toDoubleArray();
            for (int i = 0; i < p; i++) cover[i] += rows[j][i] * rows[j][i];
        }
        for (int j = k; j < want; j++) {
            int best = 0;
            for (int i = 1; i < p; i++) if (cover[i] < cover[best]) best = i;
            double[] r = new double[p];
            r[best] = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int q = 0; q < j; q++) {
                    double c = 0;
                    for (int i = 0; i < p; i++) c += rows[q][i] * r[i];
                    for (int i = 0; i < p; i++) r[i] -= c * rows[q][i];
                }
            }
            double norm = 0;
            for (double x : r) norm += x * x;
            norm = Math.sqrt(norm);
            for (int i = 0; i < p; i++) {
                r[i] /= norm;
                cover[i] += r[i] * r[i];
            }
            rows[j] = r;
        }
        double[] flat = new double[want * p];
        for (int j = 0; j < want; j++) System.arraycopy(rows[j], 0, flat, j * p, p);
        return Factories.replicatedLike(flat, vt, want, p).astype(vt.dtype());
    }

    /** (X − mean)·Cᵀ, optionally divided by √(explained variance) (whiten); rows stay where X's rows are. */
    static DNDarray project(DNDarray x, DNDarray mean, DNDarray components, double[] explainedVariance, boolean whiten) {
        DNDarray z = Linalg.matmul(Arithmetics.sub(x, mean), components.T());
        if (!whiten) return z;
        double[] inv = new double[explainedVariance.length];
        for (int k = 0; k < inv.length; k++) inv[k] = 1 / Math.sqrt(explainedVariance[k]);
        return Arithmetics.mul(z, Factories.replicatedLike(inv, x));
    }

    /** Z·C + mean (with whiten: Z·diag(√var)·C + mean). */
    static DNDarray back(DNDarray z, DNDarray mean, DNDarray components, double[] explainedVariance, boolean whiten) {
        DNDarray zz = z;
        if (whiten) {
            double[] sd = new double[explainedVariance.length];
            for (int k = 0; k < sd.length; k++) sd[k] = Math.sqrt(explainedVariance[k]);
            zz = Arithmetics.mul(z, Factories.replicatedLike(sd, z));
        }
        return Arithmetics.add(Linalg.matmul(zz, components), mean);
    }
}
