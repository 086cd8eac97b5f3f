package org.jheat.cluster;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.jheat.testing.MlGolden.Layout;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Spectral clustering against scikit-learn's SpectralClustering labels (up to a permutation) on three
 * well-separated blobs (src/test/resources/golden/spectral.txt.gz, scripts/golden/make_spectral.py), for every
 * layout of X; the spectral gap finds 3 clusters; bad input fails on every process.
 */
class SpectralTest {
    static final MlGolden G = MlGolden.of("spectral.txt.gz");

    /** Whether a and b are the same partition (a bijection between their labels). */
    static boolean samePartition(long[] a, long[] b) {
        if (a.length != b.length) return false;
        Map<Long, Long> ab = new HashMap<>(), ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            long x = a[i], y = b[i];
            if (ab.computeIfAbsent(x, k -> y) != y || ba.computeIfAbsent(y, k -> x) != x) return false;
        }
        return true;
    }

    @Test
    void labelsAgreeWithScikitLearn() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("spec.X");
        long[] want = G.get("spec.labels").toLongArray();
        assertTrue(samePartition(want, G.get("spec.truth").toLongArray()), "golden: scikit-learn found the blobs");
        int li = 0;
        for (Layout l : MlGolden.layouts(x, true)) {
            boolean extra = li++ < 2;   // the sparse-vs-dense and euclidean fits on two layouts only (the test's time under MPI)
            Spectral sc = new Spectral(3).gamma(0.5).randomState(0L);
            long[] got = sc.fitPredict(l.x()).toLongArray();
            if (!samePartition(want, got)) fails.add("rbf " + l.name() + ": labels differ from scikit-learn's beyond a permutation");
            Spectral gap = new Spectral().gamma(0.5).randomState(1L).nLanczos(40);
            long[] g2 = gap.fitPredict(l.x()).toLongArray();
            if (gap.nClustersFitted() != 3) fails.add("gap " + l.name() + ": " + gap.nClustersFitted() + " clusters");
            else if (!samePartition(want, g2)) fails.add("gap " + l.name() + ": labels differ");
            // the ε-neighbourhood Laplacian: dense on every layout; sparse (and sparse = dense labels, euclidean) on two
            // layouts, which keeps the test within the MPI watchdog on a loaded machine
            Spectral epsDense = new Spectral(3).gamma(0.5).laplacian("eNeighbour").boundary("lower").threshold(1e-3).randomState(2L).nLanczos(40).sparse(false);
            long[] denseLabels = epsDense.fitPredict(l.x()).toLongArray();
            if (!samePartition(want, denseLabels)) fails.add("eNeighbour (dense Laplacian) " + l.name() + ": labels differ");
            if (extra) {
                Spectral eps = new Spectral(3).gamma(0.5).laplacian("eNeighbour").boundary("lower").threshold(1e-3).randomState(2L).nLanczos(40);
                long[] sparseLabels = eps.fitPredict(l.x()).toLongArray();
                if (!samePartition(want, sparseLabels)) fails.add("eNeighbour (sparse Laplacian) " + l.name() + ": labels differ");
                if (!samePartition(sparseLabels, denseLabels)) fails.add("eNeighbour " + l.name() + ": sparse and dense Laplacian give different labels");
                Spectral epsEuclid = new Spectral(3).metric("euclidean").laplacian("eNeighbour").boundary("upper").threshold(2.0).randomState(3L).nLanczos(40);
                if (!samePartition(want, epsEuclid.fitPredict(l.x()).toLongArray())) fails.add("eNeighbour euclidean (sparse) " + l.name() + ": labels differ");
            }
            if (!samePartition(want, sc.predict(l.x()).toLongArray())) fails.add("predict " + l.name() + ": labels differ");
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
    }

    @Test
    void badInputFailsOnEveryRank() {
        Tensor x = G.get("spec.X");
        DNDarray xd = Heat.array(x, null, 0);
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new Spectral(3).predict(xd));
        Dist.assertThrowsEverywhere(IllegalStateException.class, () -> new Spectral(3).labels());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(3).metric("cosine"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(3).gamma(-1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(3).boundary("both"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(100).fit(xd));
        Tensor bad = x.copy();
        bad.setDouble(Double.NaN, 89, 1);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Spectral(3).fit(Heat.array(bad, null, 0)));
        Spectral sc = new Spectral(3).gamma(0.5).randomState(0L).fit(xd);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> sc.predict(Heat.zeros(10, 3)));
        assertEquals(90, sc.labels().gshape()[0]);
    }
}
