package org.jheat.sparse;

import static org.jheat.sparse.SparseTesting.close;
import static org.jheat.sparse.SparseTesting.csrLayouts;
import static org.jheat.sparse.SparseTesting.g;
import static org.jheat.sparse.SparseTesting.in;
import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Matrix Market files written by scipy.io.mmwrite, round trips, and bad input: every invalid call raises the same
 * exception on every process (also when only one process passed the bad part), and the next collective works.
 */
class SparseInputTest {

    private static Communication comm() { return Dist.comm(); }

    /** A path every rank agrees on. */
    private static Path sharedTemp(String name) { return Dist.sharedDir("sparse-").resolve(name); }

    private static Path resource(String name) {
        Path p = sharedTemp(name);
        if (comm().rank() == 0) {
            try (InputStream in = SparseInputTest.class.getResourceAsStream("/golden/sparse/" + name)) {
                Files.copy(in, p);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        comm().barrier();
        return p;
    }

    private static Path write(String name, String text) {
        Path p = sharedTemp(name);
        if (comm().rank() == 0) {
            try {
                Files.writeString(p, text);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        comm().barrier();
        return p;
    }

    @Test
    void readsScipyMatrixMarketFiles() {
        for (String f : new String[] {"general_real", "general_int", "symmetric", "skew", "pattern", "empty_rows"}) {
            DCSRMatrix a = Sparse.loadMtx(resource(f + ".mtx").toString());
            Tensor want = g("mtx." + f);
            if (f.equals("general_int")) want = want.astype(DType.INT64);
            close(want, a.toDense(), f + ".mtx");
            assertTrue(a.isBalanced());
        }
    }

    @Test
    void readsScipyNpzFiles() {
        for (String f : new String[] {"csr_A", "csc_A", "coo_Ai", "csr_Af", "csr_Z"}) {
            String path = resource(f + ".npz").toString();
            Tensor want = f.equals("coo_Ai") ? g("npz." + f).astype(DType.INT32) : g("npz." + f);   // the file holds int32 (the golden format writes int64)
            close(want, Sparse.loadNpz(path).toDense(), f + ".npz");
            DCSCMatrix c = Sparse.loadNpzCsc(path);
            close(want, c.toDense(), f + ".npz as csc");
            assertTrue(c.isBalanced());
        }
        Path bad = write("bad.npz", "not a zip");
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadNpz(bad.toString()));
        assertTrue(e.getMessage().contains("loadNpz"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadNpz(sharedTemp("missing.npz").toString()));
        assertTrue(e.getMessage().contains("missing.npz"), e.getMessage());
    }

    @Test
    void matrixMarketRoundTrip() {
        for (String k : new String[] {"A", "Ai", "Z"}) {
            for (DCSRMatrix a : csrLayouts(in(k))) {
                Path p = sharedTemp("rt.mtx");
                Sparse.saveMtx(a, p.toString());
                DCSRMatrix b = Sparse.loadMtx(p.toString());
                close(in(k), b.toDense(), k + " saved and loaded " + a);
            }
        }
    }

    /**
     * jheat → save_npz file → jheat for csr and csc, deflated and stored, every layout (empty ranks included) and
     * value dtype. With {@code -Djheat.sparse.npzOut=DIR} the files are also kept there with the dense matrix as .npy
     * next to each, for scripts/golden/check_saved_npz.py to read with scipy (a test cannot run python).
     */
    @Test
    void npzRoundTrip() {
        String keep = System.getProperty("jheat.sparse.npzOut");
        int n = 0;
        for (String k : new String[] {"A", "Ai", "Af", "Z"}) {
            for (DCSRMatrix a : csrLayouts(in(k))) {
                for (boolean compressed : new boolean[] {true, false}) {
                    String tag = k + "_" + (n++) + (compressed ? "_deflated" : "_stored");
                    Path p = sharedTemp(tag + "_csr.npz");
                    Sparse.saveNpz(a, p.toString(), compressed);
                    close(in(k), Sparse.loadNpz(p.toString()).toDense(), tag + " csr saved and loaded " + a);
                    DCSCMatrix c = a.toSparseCsc();
                    Path q = sharedTemp(tag + "_csc.npz");
                    Sparse.saveNpz(c, q.toString(), compressed);
                    DCSCMatrix back = Sparse.loadNpzCsc(q.toString());
                    close(in(k), back.toDense(), tag + " csc saved and loaded");
                    boolean noTemp = Boolean.parseBoolean(comm().bcast(comm().rank() == 0 ? String.valueOf(onlyFinalFiles(q.getParent())) : null, 0));
                    Dist.collectively(() -> assertTrue(noTemp, "no temporary file is left next to " + q));
                    if (keep != null && comm().rank() == 0) {
                        try {
                            Files.copy(p, Path.of(keep, tag + "_csr.npz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                            Files.copy(q, Path.of(keep, tag + "_csc.npz"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    if (keep != null && compressed) org.jheat.io.Npy.save(Factories.fromReplicated(in(k), null), Path.of(keep, k + ".npy"));
                }
            }
        }
        // a directory that does not exist: rank 0's failure is raised on every process
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class,
                () -> Sparse.saveNpz(csrLayouts(in("A")).get(0), sharedTemp("no/such/dir/a.npz").toString()));
        assertTrue(e.getMessage().contains("saveNpz") && e.getMessage().contains("no/such/dir"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.saveNpz(csrLayouts(in("A")).get(0), ""));
        assertTrue(e.getMessage().contains("path"), e.getMessage());
    }

    private static boolean onlyFinalFiles(Path dir) {
        try (var files = Files.list(dir)) {
            return files.noneMatch(f -> f.getFileName().toString().contains(".tmp-"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The CRC-32 of a stored member is combined from the processes' parts; check the combination on its own. */
    @Test
    void crcOfConcatenationIsCombinedFromParts() {
        java.util.Random r = new java.util.Random(7);
        for (int len1 : new int[] {0, 1, 13, 1000}) {
            for (int len2 : new int[] {0, 1, 7, 4096, 100_003}) {
                byte[] a = new byte[len1], b = new byte[len2];
                r.nextBytes(a);
                r.nextBytes(b);
                java.util.zip.CRC32 ca = new java.util.zip.CRC32(), cb = new java.util.zip.CRC32(), cab = new java.util.zip.CRC32();
                ca.update(a);
                cb.update(b);
                cab.update(a);
                cab.update(b);
                long want = cab.getValue(), got = Npz.crc32Combine(ca.getValue(), cb.getValue(), len2);
                Dist.collectively(() -> org.junit.jupiter.api.Assertions.assertEquals(want, got, len1 + " + " + len2 + " bytes"));
            }
        }
    }

    @Test
    void malformedMatrixMarketNamesTheLine() {
        String head = "%%MatrixMarket matrix coordinate real general\n% comment\n3 3 4\n";
        Path p = write("bad1.mtx", head + "1 1 1.0\n2 2 2.0\n3 x 3.0\n3 3 4.0\n");
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(p.toString()));
        assertTrue(e.getMessage().contains("line 6"), e.getMessage());
        Path q = write("bad2.mtx", head + "1 1 1.0\n2 2 2.0\n4 1 3.0\n3 3 4.0\n");
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(q.toString()));
        assertTrue(e.getMessage().contains("line 6") && e.getMessage().contains("outside"), e.getMessage());
        Path r = write("bad3.mtx", head + "1 1 1.0\n2 2 2.0\n");
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(r.toString()));
        assertTrue(e.getMessage().contains("declares 4 entries"), e.getMessage());
        Path s = write("bad4.mtx", "%%MatrixMarket matrix array real general\n3 3\n1\n");
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(s.toString()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("coordinate format") && e.getMessage().contains("'array'"), e.getMessage());
        Path c = write("bad5.mtx", "%%MatrixMarket matrix coordinate complex general\n3 3 1\n1 1 1.0 2.0\n");
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(c.toString()));
        assertTrue(e.getMessage().contains("line 1") && e.getMessage().contains("complex"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.loadMtx(sharedTemp("missing.mtx").toString()));
        assertTrue(e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void badLocalPartsFailOnEveryRank() {
        int p = comm().size(), me = comm().rank();
        boolean culprit = me == p - 1;
        // rank p-1 passes a decreasing indptr; the others valid empty parts
        Tensor ip = culprit ? Tensor.fromArray(new long[] {0, 2, 1}) : Tensor.fromArray(new long[] {0});
        Tensor ix = culprit ? Tensor.fromArray(new long[] {0}) : Tensor.empty(DType.INT64, 0);
        Tensor dv = culprit ? Tensor.fromArray(new double[] {1.0}) : Tensor.empty(DType.FLOAT64, 0);
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.sparseCsrMatrix(ip, ix, dv, 3));
        assertTrue(e.getMessage().contains("indptr must not decrease"), e.getMessage());
        Tensor ip2 = culprit ? Tensor.fromArray(new long[] {0, 1}) : Tensor.fromArray(new long[] {0});
        Tensor ix2 = culprit ? Tensor.fromArray(new long[] {3}) : Tensor.empty(DType.INT64, 0);
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.sparseCsrMatrix(ip2, ix2, dv, 3));
        assertTrue(e.getMessage().contains("column index 3") && e.getMessage().contains("[0, 3)"), e.getMessage());
        // COO: an index out of range on one rank only, lengths that differ, non-integer indices
        Tensor r = Tensor.fromArray(new long[] {0, culprit ? 9 : 1}), c = Tensor.fromArray(new long[] {1, 2}), v = Tensor.fromArray(new double[] {1, 2});
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.fromCoo(r, c, v, new long[] {4, 4}));
        assertTrue(e.getMessage().contains("row index 9"), e.getMessage());
        Tensor rl = culprit ? Tensor.fromArray(new long[] {0}) : r;
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.fromCoo(rl, c, v, new long[] {4, 4}));
        assertTrue(e.getMessage().contains("one length"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.fromCoo(v, c, v, new long[] {4, 4}));
        assertTrue(e.getMessage().contains("integers"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.fromCoo(r, c, v, new long[] {4}));
        assertTrue(e.getMessage().contains("2-D shape"), e.getMessage());
    }

    @Test
    void badShapesAndArgumentsFailBeforeCommunicating() {
        DCSRMatrix a = csrLayouts(in("A")).get(1), c = csrLayouts(in("C")).get(0);
        DNDarray d = Factories.fromReplicated(in("D"), 0), w = Factories.fromReplicated(in("W"), 0);
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.add(c));
        assertTrue(e.getMessage().contains("(7, 5)") && e.getMessage().contains("(5, 6)"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.matmul(w));
        assertTrue(e.getMessage().contains("not aligned") && e.getMessage().contains("(7, 5)"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.matmul(a, a));
        assertTrue(e.getMessage().contains("not aligned"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.matmul(d, a));
        assertTrue(e.getMessage().contains("not aligned"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.add(1.5));
        assertTrue(e.getMessage().contains("non-zero scalar"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.power(0));
        assertTrue(e.getMessage().contains("exponent 0"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.mul(d));
        assertTrue(e.getMessage().contains("does not broadcast"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.sum(2));
        assertTrue(e.getMessage().contains("axis 2"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.redistribute(new long[comm().size()]));
        assertTrue(e.getMessage().contains("sum to 0"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.random(3, 3, 1.5, 1));
        assertTrue(e.getMessage().contains("density"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Sparse.sparseCsrMatrix(Factories.fromReplicated(in("v"), 0)));
        assertTrue(e.getMessage().contains("2-D"), e.getMessage());
        e = assertThrowsEverywhere(IllegalArgumentException.class, () -> a.astype(DType.COMPLEX128));
        assertTrue(e.getMessage().contains("real"), e.getMessage());
    }
}
