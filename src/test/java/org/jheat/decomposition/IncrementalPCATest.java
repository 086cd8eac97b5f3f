package org.jheat.decomposition;

import static org.jheat.decomposition.PCATest.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.io.IO;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;
import org.jheat.testing.MlGolden.Layout;
import org.junit.jupiter.api.Test;

/**
 * IncrementalPCA against scikit-learn 1.2's (src/test/resources/golden/incremental_pca.txt.gz from
 * scripts/golden/make_decomposition.py) on iris, digits and a generated low-rank set with large means: fit with
 * several batch sizes (a last short batch, a last batch merged into the one before, batches narrower than the
 * features, the default batch size), whiten, nComponents from the first batch, and partialFit on uneven row blocks
 * (a 3-row block leaves processes empty at np=4) — components, variances, ratios, singular values, mean, var, noise
 * variance, sample count, transform and inverseTransform — for every layout of X; the fit straight from an HDF5 file;
 * float32; and bad input on every process.
 */
class IncrementalPCATest {
    static final MlGolden G = MlGolden.of("incremental_pca.txt.gz");

    record Case(String set, Integer k, Long batch, boolean whiten) { }

    static final Map<String, Case> FIT = Map.of(
            "iris.b40", new Case("iris", 2, 40L, false),
            "iris.b16.white", new Case("iris", 2, 16L, true),
            "iris.all", new Case("iris", null, 50L, false),
            "digits.b300", new Case("digits", 10, 300L, false),
            "digits.b100.white", new Case("digits", 10, 100L, true),
            "gen.default", new Case("gen", 5, null, false),
            "gen.wide", new Case("gen", 5, 20L, false),
            "gen.merge", new Case("gen", 12, 20L, false),
            "gen.none", new Case("gen", null, 25L, true));

    static Tensor data(String set) {
        return set.equals("gen") ? G.get("gen.X") : MlGolden.dataset(set).x();
    }

    static IncrementalPCA model(Integer k) {
        return k == null ? new IncrementalPCA() : new IncrementalPCA(k);
    }

    /** Every fitted attribute and transform of the first 20 rows against the golden q. */
    static void compare(List<String> fails, String q, String what, IncrementalPCA m, Tensor x) {
        int k = (int) G.get(q + ".n_components").getLong();
        if (m.nComponents() != k) {
            fails.add(what + ": nComponents " + m.nComponents() + ", expected " + k);
            return;
        }
        if (m.nSamplesSeen() != G.get(q + ".n_samples_seen").getLong()) fails.add(what + ": nSamplesSeen " + m.nSamplesSeen());
        close(fails, what + " components", G.get(q + ".components"), m.components().toDoubleArray(), 1e-8);
        close(fails, what + " explained_variance", G.get(q + ".explained_variance"), m.explainedVariance().toDoubleArray(), 1e-10);
        close(fails, what + " ratio", G.get(q + ".explained_variance_ratio"), m.explainedVarianceRatio().toDoubleArray(), 1e-10);
        close(fails, what + " singular_values", G.get(q + ".singular_values"), m.singularValues().toDoubleArray(), 1e-10);
        close(fails, what + " mean", G.get(q + ".mean"), m.mean().toDoubleArray(), 1e-13);
        close(fails, what + " var", G.get(q + ".var"), m.var().toDoubleArray(), 1e-11);
        double nv = G.get(q + ".noise_variance").getDouble();
        if (Math.abs(nv - m.noiseVariance()) > 1e-9 * Math.max(1, Math.abs(nv))) fails.add(what + ": noise variance " + m.noiseVariance() + ", expected " + nv);
        DNDarray first = Heat.array(x.narrow(0, 0, 20).contiguous(), null, 0);
        DNDarray z = m.transform(first);
        close(fails, what + " transform", G.get(q + ".z"), z.toDoubleArray(), 1e-8);
        close(fails, what + " inverse", G.get(q + ".back"), m.inverseTransform(z).toDoubleArray(), 1e-10);
    }

    static void report(List<String> fails) {
        Dist.collectively(() -> assertTrue(fails.isEmpty(), fails.size() + " mismatches:\n" + String.join("\n", fails.subList(0, Math.min(20, fails.size())))));
    }

    private void fit(String... cases) {
        List<String> fails = new ArrayList<>();
        for (String q : cases) {
            Case c = FIT.get(q);
            Tensor x = data(c.set());
            for (Layout l : MlGolden.layouts(x, true)) {
                IncrementalPCA m = model(c.k()).batchSize(c.batch()).whiten(c.whiten()).fit(l.x());
                compare(fails, q, q + " " + l.name(), m, x);
                if (m.batchSizeUsed() != G.get(q + ".batch_size").getLong()) fails.add(q + ": batch size " + m.batchSizeUsed());
            }
        }
        report(fails);
    }

    @Test
    void fitIris() { fit("iris.b40", "iris.b16.white", "iris.all"); }

    @Test
    void fitDigits() { fit("digits.b300", "digits.b100.white"); }

    @Test
    void fitGenerated() { fit("gen.default", "gen.wide", "gen.merge", "gen.none"); }

    @Test
    void partialFitOnUnevenBlocks() {
        List<String> fails = new ArrayList<>();
        Object[][] cases = {{"gen.partial", "gen", 5, new long[] {8, 25, 6, 30, 21}}, {"gen.partial.none", "gen", null, new long[] {9, 40, 12, 29}},
            {"iris.partial", "iris", 3, new long[] {3, 70, 5, 72}}};
        for (Object[] c : cases) {
            String q = (String) c[0];
            Tensor x = data((String) c[1]);
            for (Integer split : new Integer[] {null, 0, 1}) {
                IncrementalPCA m = model((Integer) c[2]);
                long start = 0;
                for (long b : (long[]) c[3]) {
                    m.partialFit(Heat.array(x.narrow(0, start, b).contiguous(), null, split));
                    start += b;
                }
                compare(fails, q, q + " split=" + split, m, x);
            }
        }
        report(fails);
    }

    @Test
    void fitStraightFromHdf5() throws IOException {
        Tensor x = data("gen");
        Path dir = Path.of("target", "decomposition-tests").toAbsolutePath();
        if (Dist.comm().rank() == 0) Files.createDirectories(dir);
        Dist.comm().barrier();
        String file = dir.resolve("ipca.h5").toString();
        IO.saveHdf5(Heat.array(x, null, 0), file, "grp/X", "w");
        List<String> fails = new ArrayList<>();
        compare(fails, "gen.wide", "gen.wide hdf5", new IncrementalPCA(5).fitHdf5(file, "grp/X", 20), x);
        compare(fails, "gen.merge", "gen.merge hdf5", new IncrementalPCA(12).batchSize(20L).fitHdf5(file, "/grp/X"), x);
        compare(fails, "gen.default", "gen.default hdf5", new IncrementalPCA(5).fitHdf5(file, "grp/X"), x);
        report(fails);
        IllegalArgumentException missing = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(5).fitHdf5(file, "nope"));
        assertTrue(missing.getMessage().contains("no dataset 'nope'"), missing.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(31).fitHdf5(file, "grp/X", 40));
        Dist.comm().barrier();
        if (Dist.comm().rank() == 0) Files.deleteIfExists(Path.of(file));
        Dist.comm().barrier();
    }

    @Test
    void float32StaysFloat32() {
        Tensor x = data("digits");
        DNDarray xf = Heat.array(x, null, 0).astype(DType.FLOAT32);
        IncrementalPCA m = new IncrementalPCA(10).batchSize(300L);
        DNDarray z = m.fitTransform(xf);
        double[] want = G.get("digits.b300.explained_variance").toDoubleArray(), got = m.explainedVariance().toDoubleArray();
        Dist.collectively(() -> {
            assertEquals(DType.FLOAT32, z.dtype());
            assertEquals(DType.FLOAT32, m.components().dtype());
            for (int i = 0; i < want.length; i++) assertEquals(want[i], got[i], 1e-4 * want[i]);
        });
    }

    @Test
    void badInputFailsOnEveryProcess() {
        Tensor x = data("iris");
        DNDarray xd = Heat.array(x, null, 0);
        Dist.collectively(() -> {
            assertThrows(IllegalArgumentException.class, () -> new IncrementalPCA(0));
            assertThrows(IllegalArgumentException.class, () -> new IncrementalPCA(2).batchSize(0L));
            IllegalStateException nf = assertThrows(IllegalStateException.class, () -> new IncrementalPCA(2).transform(xd));
            assertTrue(nf.getMessage().contains("not fitted"), nf.getMessage());
        });
        IllegalArgumentException feat = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(5).fit(xd));
        assertTrue(feat.getMessage().contains("n_features=4"), feat.getMessage());
        IllegalArgumentException rows = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new IncrementalPCA(3).partialFit(Heat.array(x.narrow(0, 0, 2).contiguous(), null, 0)));
        assertTrue(rows.getMessage().contains("batch number of samples 2"), rows.getMessage());
        IllegalArgumentException small = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> new IncrementalPCA(3).batchSize(2L).fit(xd));
        assertTrue(small.getMessage().contains("batchSize=2"), small.getMessage());
        IncrementalPCA m = new IncrementalPCA(2).partialFit(Heat.array(x.narrow(0, 0, 10).contiguous(), null, 0));
        IllegalArgumentException mismatch = Dist.assertThrowsEverywhere(IllegalArgumentException.class,
                () -> m.partialFit(Heat.array(new double[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 0}}, null, 0)));
        assertTrue(mismatch.getMessage().contains("4 features"), mismatch.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> m.transform(Heat.array(new double[][] {{1, 2, 3}}, null, null)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> m.inverseTransform(Heat.array(new double[][] {{1, 2, 3}}, null, null)));
        double[][] bad = new double[7][3];
        bad[5][1] = Double.NaN;
        IllegalArgumentException nan = Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(2).fit(Heat.array(bad, null, 0)));
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(2).partialFit(Heat.array(bad, null, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> new IncrementalPCA(2).fit(Heat.array(x.narrow(0, 0, 0).contiguous(), null, 0)));
    }
}
