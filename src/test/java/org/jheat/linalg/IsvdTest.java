package org.jheat.linalg;

import static org.jheat.linalg.QrSvdTest.orthError;
import static org.jheat.linalg.QrSvdTest.relDiff;
import static org.jheat.linalg.QrSvdTest.scaleColumns;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.io.IO;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * isvd: updating the SVD of the first columns with the rest gives the SVD of the whole matrix (exactly for a
 * low-rank matrix with maxrank ≥ its rank; the best rank-r error bound otherwise), for replicated and row-split
 * factors and data; the chunk-wise HDF5 variant on a file written by IO.saveHdf5.
 */
class IsvdTest {

    static Tensor reconstruct(TruncatedSVD t) {
        Tensor u = t.U().gatherAll(), s = t.S().gatherAll(), v = t.V().gatherAll();
        return LocalLinalg.matmul(scaleColumns(u, s), v.transpose());
    }

    @Test
    void updatesGiveTheSvdOfTheWholeMatrix() {
        Tensor full = TruncatedSvdTest.lowRank(31, 21, 5, DType.FLOAT64, 4);
        Tensor want = LocalLinalg.svd(full, false, false).s();
        for (Integer split : new Integer[] {null, 0, 1}) {
            DNDarray first = Factories.fromReplicated(full.narrow(1, 0, 7).copy(), split);
            SVD f = Linalg.svd(first);
            TruncatedSVD t = new TruncatedSVD(f.U(), f.S(), f.Vh().T(), Double.NaN);
            for (long[] cols : new long[][] {{7, 6}, {13, 8}}) {
                DNDarray more = Factories.fromReplicated(full.narrow(1, cols[0], cols[1]).copy(), split);
                t = Linalg.isvd(more, t.U(), t.S(), t.V(), 6L);
            }
            TruncatedSVD res = t;
            Tensor rec = reconstruct(res), s = res.S().gatherAll(), u = res.U().gatherAll(), v = res.V().gatherAll();
            String what = "isvd with split " + split;
            Dist.collectively(() -> {
                assertArrayEquals(new long[] {31, 6}, u.shape(), what + ": U shape");
                assertArrayEquals(new long[] {21, 6}, v.shape(), what + ": V shape");
                assertTrue(relDiff(full, rec) < 1e-12, what + ": reconstruction " + relDiff(full, rec));
                for (int i = 0; i < 5; i++) assertEquals(want.getDouble(i), s.getDouble(i), 1e-11 * want.getDouble(0), what + ": singular value " + i);
                assertTrue(orthError(u) < 1e-12 && orthError(v) < 1e-12, what + ": orthonormal factors");
            });
        }
    }

    @Test
    void truncationKeepsTheLeadingDirections() {
        Tensor full = TruncatedSvdTest.decaying(40, 24, DType.FLOAT64, 6);
        DNDarray a0 = Factories.fromReplicated(full.narrow(1, 0, 12).copy(), 0);
        SVD f = Linalg.svd(a0);
        TruncatedSVD t = new TruncatedSVD(f.U(), f.S(), f.Vh().T(), Double.NaN);
        t = Linalg.isvd(Factories.fromReplicated(full.narrow(1, 12, 12).copy(), 0), t.U(), t.S(), t.V(), 8L);
        Tensor rec = reconstruct(t);
        double err = relDiff(full, rec);
        double best = 0, all = 0;
        for (int i = 0; i < 24; i++) {
            all += Math.pow(4, -i);
            if (i >= 8) best += Math.pow(4, -i);
        }
        double bestErr = Math.sqrt(best / all);
        // truncating the first block's SVD is exact here (it is kept whole), so only the final cut loses anything
        Dist.collectively(() -> assertTrue(err < bestErr * 1.0001 + 1e-13, "error " + err + " vs the optimum " + bestErr));
    }

    @Test
    void chunkwiseFromHdf5() throws IOException {
        Tensor full = TruncatedSvdTest.lowRank(26, 19, 4, DType.FLOAT64, 8);
        Path dir = Path.of("target", "linalg-tests").toAbsolutePath();
        if (Dist.comm().rank() == 0) Files.createDirectories(dir);
        Dist.comm().barrier();
        String file = dir.resolve("isvd.h5").toString();
        IO.saveHdf5(Factories.fromReplicated(full, 0), file, "X", "w");
        TruncatedSVD t = Linalg.isvdHdf5(file, "X", 5, 6, null);
        Tensor rec = reconstruct(t);
        Tensor want = LocalLinalg.svd(full, false, false).s(), s = t.S().gatherAll();
        Dist.collectively(() -> {
            assertTrue(relDiff(full, rec) < 1e-12, "reconstruction " + relDiff(full, rec));
            for (int i = 0; i < 4; i++) assertEquals(want.getDouble(i), s.getDouble(i), 1e-11 * want.getDouble(0), "singular value " + i);
        });
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.isvdHdf5(file, "nope", 5, 6, null));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.isvdHdf5(file, "X", 0, 6, null));
        Dist.comm().barrier();
        if (Dist.comm().rank() == 0) {
            try {
                Files.deleteIfExists(Path.of(file));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Test
    void inconsistentShapesFailOnEveryRank() {
        DNDarray u = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 10, 3), 0);
        DNDarray s = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 3), null);
        DNDarray v = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 6, 3), 0);
        DNDarray c = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 9, 2), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.isvd(c, u, s, v, 3L));
        DNDarray c2 = Factories.fromReplicated(Tensor.zeros(DType.FLOAT64, 10, 2), 0);
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.isvd(c2, u, s, v, 0L));
    }
}
