package org.jheat.graph;

import org.jheat.core.DNDarray;
import org.jheat.spatial.Spatial;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.jheat.testing.MlGolden.Layout;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The graph Laplacian against numpy (src/test/resources/golden/spectral.txt.gz, scripts/golden/make_spectral.py):
 * every definition and adjacency mode, for X replicated, split 0 (also piled on the last process) and split 1.
 */
class LaplacianTest {
    static final MlGolden G = MlGolden.of("spectral.txt.gz");

    static Laplacian make(String graph) {
        double sigma = 1.2, gamma = 1 / (2 * sigma * sigma);
        return switch (graph) {
            case "rbf_full" -> Laplacian.rbf(gamma);
            case "rbf_upper" -> Laplacian.rbf(gamma).mode("eNeighbour").threshold("upper", 0.5);
            case "rbf_lower" -> Laplacian.rbf(gamma).mode("eNeighbour").threshold("lower", 0.5);
            case "rbf_lower_unweighted" -> Laplacian.rbf(gamma).mode("eNeighbour").threshold("lower", 0.5).weighted(false);
            case "euclid_upper_unweighted" -> new Laplacian(a -> Spatial.cdist(a)).mode("eNeighbour").threshold("upper", 1.5).weighted(false);
            default -> new Laplacian(a -> Spatial.cdist(a)).mode("eNeighbour").threshold("upper", 1.5);
        };
    }

    @Test
    void matchesNumpy() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("lap.X");
        for (Layout l : MlGolden.layouts(x, true)) {
            for (String g : new String[] {"rbf_full", "rbf_upper", "rbf_lower", "rbf_lower_unweighted", "euclid_upper", "euclid_upper_unweighted"}) {
                for (String d : new String[] {"norm_sym", "norm_rw", "simple"}) {
                    DNDarray lap = make(g).definition(d).construct(l.x());
                    double[] want = G.get("lap." + g + "." + (d.equals("norm_sym") ? "sym" : d.equals("norm_rw") ? "rw" : "simple")).toDoubleArray();
                    double[] got = lap.toDoubleArray();
                    for (int i = 0; i < want.length; i++) {
                        if (!(Math.abs(want[i] - got[i]) <= 1e-12 * Math.max(1, Math.abs(want[i])))) {
                            fails.add(g + " " + d + " " + l.name() + ": element " + i + " is " + got[i] + ", expected " + want[i]);
                            break;
                        }
                    }
                }
            }
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
    }

    /** The sparse ε-neighbourhood Laplacian is the dense one (every definition, threshold side, weighting, layout). */
    @Test
    void sparseMatchesDense() {
        List<String> fails = new ArrayList<>();
        Tensor x = G.get("lap.X");
        for (Layout l : MlGolden.layouts(x, true)) {
            for (String g : new String[] {"rbf_upper", "rbf_lower", "rbf_lower_unweighted", "euclid_upper", "euclid_upper_unweighted"}) {
                for (String d : new String[] {"norm_sym", "norm_rw", "simple"}) {
                    Laplacian lap = (g.startsWith("euclid_upper") ? Laplacian.euclidean().mode("eNeighbour").threshold("upper", 1.5)
                            .weighted(!g.endsWith("unweighted")) : make(g)).definition(d);
                    double[] want = lap.construct(l.x()).toDoubleArray();
                    org.jheat.sparse.DCSRMatrix s = lap.constructSparse(l.x());
                    double[] got = s.toDense().toDoubleArray();
                    if (s.nnz() >= (long) want.length && !g.equals("rbf_upper")) fails.add(g + " " + d + " " + l.name() + ": not sparse (" + s.nnz() + " entries)");
                    for (int i = 0; i < want.length; i++) {
                        if (!(Math.abs(want[i] - got[i]) <= 1e-12 * Math.max(1, Math.abs(want[i])))) {
                            fails.add(g + " " + d + " " + l.name() + ": element " + i + " is " + got[i] + ", expected " + want[i]);
                            break;
                        }
                    }
                }
            }
        }
        assertTrue(fails.isEmpty(), String.join("\n", fails));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Laplacian.rbf(1).constructSparse(org.jheat.Heat.zeros(5, 2)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Laplacian(a -> Spatial.cdist(a)).mode("eNeighbour").constructSparse(org.jheat.Heat.zeros(5, 2)));
    }

    @Test
    void badOptionsFailOnEveryRank() {
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Laplacian.rbf(1).definition("norm"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Laplacian.rbf(1).mode("knn"));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Laplacian.rbf(1).threshold("middle", 1));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Laplacian.rbf(0));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new Laplacian(a -> a).construct(org.jheat.Heat.zeros(5, 2)));
    }
}
