package org.jheat.decomposition;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Statistics;
import org.jheat.linalg.Linalg;

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
