package org.jheat.sparse;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.DType;
import org.jheat.testing.OnDevice;
import org.junit.jupiter.api.Test;

/**
 * The sparse package with its operands on a second device ({@link org.jheat.tensor.TestDevice}): matrices built from
 * device arrays keep their local CSR arrays there, and every product, element-wise result, reduction, conversion and
 * redistribution lives on that device and equals the CPU's bit for bit. 11×7 and 7×5 matrices with about a third of
 * the entries non-zero (and empty rows) over any number of processes, so slabs are uneven or empty at np 4.
 */
class SparseDeviceTest {
    private static final Integer[] SPLITS = {null, 0, 1};

    /** A rows×cols matrix with roughly a third of its entries non-zero and an empty row. */
    private static DNDarray sparseish(int rows, int cols, int salt, Integer split) {
        double[][] v = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                int h = (i * 7 + j * 5 + salt) % 11;
                v[i][j] = (i == 3 || h > 3) ? 0 : h - 1.5 + 0.25 * j;
            }
        }
        return Factories.array(v, null, split);
    }

    @Test
    void sparseMatricesStayOnTheDevice() {
        OnDevice d = new OnDevice();
        for (Integer s : SPLITS) {
            String n = " split " + s;
            DNDarray a = sparseish(11, 7, 0, s), b = sparseish(11, 7, 3, s), c = sparseish(7, 5, 1, s);
            DNDarray x = Factories.arange(-3.0, 4.0, 1.0, null, s == null ? null : 0);
            d.same("csr toDense" + n, a, m -> Sparse.sparseCsrMatrix(m).toDense());
            d.same("csc toDense" + n, a, m -> Sparse.sparseCscMatrix(m).toDense());
            d.same("csr↔csc" + n, a, m -> new DNDarray[] {
                    Sparse.sparseCsrMatrix(m).toSparseCsc().toDense(), Sparse.sparseCscMatrix(m).toSparseCsr().toDense(),
                    Sparse.sparseCsrMatrix(m).transpose().toDense()});
            d.same("spmv" + n, new DNDarray[] {a, x}, in -> new DNDarray[] {
                    Sparse.matmul(Sparse.sparseCsrMatrix(in[0]), in[1]), Sparse.matmul(Sparse.sparseCscMatrix(in[0]), in[1])});
            d.same("spmm" + n, new DNDarray[] {a, c}, in -> new DNDarray[] {Sparse.matmul(Sparse.sparseCsrMatrix(in[0]), in[1])});
            d.same("dense × sparse" + n, new DNDarray[] {Linalg.transpose(b), a}, in -> new DNDarray[] {
                    Sparse.matmul(in[0], Sparse.sparseCsrMatrix(in[1])), Sparse.matmul(in[0], Sparse.sparseCscMatrix(in[1]))});
            d.same("spgemm" + n, new DNDarray[] {a, c}, in -> new DNDarray[] {
                    Sparse.matmul(Sparse.sparseCsrMatrix(in[0]), Sparse.sparseCsrMatrix(in[1])).toDense(),
                    Sparse.matmul(Sparse.sparseCscMatrix(in[0]), Sparse.sparseCscMatrix(in[1])).toDense()});
            d.same("element-wise" + n, new DNDarray[] {a, b}, in -> {
                DCSRMatrix p = Sparse.sparseCsrMatrix(in[0]), q = Sparse.sparseCsrMatrix(in[1]);
                return new DNDarray[] {p.add(q).toDense(), p.sub(q).toDense(), p.mul(q).toDense(), p.mul(2.5).toDense(),
                        p.div(4).toDense(), p.neg().abs().toDense(), p.power(2).toDense(), p.mul(in[1]).toDense(),
                        p.add(in[1]), p.astype(DType.FLOAT32).toDense()};
            });
            d.same("reductions" + n, a, m -> {
                DCSRMatrix p = Sparse.sparseCsrMatrix(m);
                return new DNDarray[] {p.sum(), p.sum(0), p.sum(1), p.mean(), p.mean(0), p.mean(1),
                        Sparse.sparseCscMatrix(m).sum(0)};
            });
            d.same("slices and balance" + n, a, m -> {
                DCSRMatrix p = Sparse.sparseCsrMatrix(m);
                return new DNDarray[] {p.getRows(2, 9).toDense(), p.getColumns(1, 5).toDense(), p.balanceByNnz().toDense(),
                        p.balance().toDense()};
            });
        }
        d.check();
    }

    /** Saving a matrix whose arrays live on the device writes what the CPU's copy writes (rank 0 stages on the host). */
    @Test
    void savingFromTheDeviceWritesTheSameFile() throws java.io.IOException {
        DNDarray a = sparseish(11, 7, 0, 0);
        java.nio.file.Path dir = org.jheat.testing.Dist.sharedDir("sparse-device-");
        String npz = dir.resolve("a.npz").toString(), mtx = dir.resolve("a.mtx").toString();
        Sparse.saveNpz(Sparse.sparseCsrMatrix(a.to(OnDevice.TEST)), npz);
        Sparse.saveMtx(Sparse.sparseCsrMatrix(a.to(OnDevice.TEST)), mtx);
        DNDarray fromNpz = Sparse.loadNpz(npz).toDense(), fromMtx = Sparse.loadMtx(mtx).toDense();
        org.jheat.testing.Dist.collectively(() -> {
            org.junit.jupiter.api.Assertions.assertTrue(fromNpz.gatherAll().contentEquals(a.gatherAll()), "npz written from the device");
            org.junit.jupiter.api.Assertions.assertTrue(fromMtx.gatherAll().contentEquals(a.gatherAll()), "mtx written from the device");
        });
    }
}
