package org.jheat.sparse;

import static org.jheat.sparse.SparseTesting.as;
import static org.jheat.sparse.SparseTesting.close;
import static org.jheat.sparse.SparseTesting.csrLayouts;
import static org.jheat.sparse.SparseTesting.desc;
import static org.jheat.sparse.SparseTesting.g;
import static org.jheat.sparse.SparseTesting.in;
import static org.jheat.sparse.SparseTesting.layouts;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Factories;
import org.jheat.linalg.CgResult;
import org.jheat.linalg.Lanczos;
import org.jheat.linalg.Linalg;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * DCSR / DCSC matrices against scipy.sparse (scripts/golden/make_sparse.py): factories, conversions, element-wise
 * operations, reductions, slicing and products, every operand in several distributions (balanced, all rows on the
 * last rank, uneven with empty slabs, from replicated and column-split dense arrays).
 */
class SparseTest {

    private static Communication comm() { return Dist.comm(); }

    // ------------------------------------------------------------------------------------------ factories

    @Test
    void fromDenseMatchesScipyStructure() {
        for (String k : new String[] {"A", "B", "C", "Ai", "Af", "Z"}) {
            Tensor full = in(k).dtype() == DType.FLOAT64 && k.equals("Af") ? in(k) : in(k);
            Tensor data = g("csr." + k + ".data"), indptr = g("csr." + k + ".indptr"), indices = g("csr." + k + ".indices");
            for (DCSRMatrix a : csrLayouts(full)) {
                String what = k + " " + desc(a);
                close(full, a.toDense(), what + " toDense");
                long[] c = a.counts(), d = Distribution.displs(c);
                int me = comm().rank();
                Dist.collectively(() -> {
                    assertEquals(data.size(), a.nnz(), what + " nnz");
                    assertEquals(full.dtype(), a.dtype(), what + " dtype");
                    long lo = indptr.getLongFlat(d[me]), hi = indptr.getLongFlat(d[me] + c[me]);
                    assertEquals(hi - lo, a.lnnz(), what + " lnnz");
                    for (long i = 0; i <= c[me]; i++) assertEquals(indptr.getLongFlat(d[me] + i) - lo, a.lindptr().getLongFlat(i), what + " indptr " + i);
                    for (long j = 0; j < hi - lo; j++) {
                        assertEquals(indices.getLongFlat(lo + j), a.lindices().getLongFlat(j), what + " indices " + j);
                        assertEquals(data.getDoubleFlat(lo + j), a.ldata().getDoubleFlat(j), what + " data " + j);
                    }
                    assertEquals(a.lnnz(), a.nnzCounts()[me], what + " nnzCounts");
                    assertArrayEquals(new long[] {c[me], full.shape(1)}, a.lshapeMap()[me], what + " lshapeMap");
                });
            }
            for (DNDarray x : layouts(full)) {
                DCSCMatrix s = Sparse.sparseCscMatrix(x);
                close(full, s.toDense(), k + " csc toDense of " + desc(x));
                long[] c = s.counts(), d = Distribution.displs(c);
                Tensor cp = g("csc." + k + ".indptr"), ci = g("csc." + k + ".indices");
                int me = comm().rank();
                Dist.collectively(() -> {
                    assertEquals(1, s.split());
                    assertEquals(data.size(), s.nnz(), k + " csc nnz");
                    long lo = cp.getLongFlat(d[me]);
                    for (long i = 0; i <= c[me]; i++) assertEquals(cp.getLongFlat(d[me] + i) - lo, s.lindptr().getLongFlat(i), k + " csc indptr");
                    for (long j = 0; j < s.lnnz(); j++) assertEquals(ci.getLongFlat(lo + j), s.lindices().getLongFlat(j), k + " csc indices");
                });
                assertEquals(1, s.toDense().split());
            }
        }
    }

    @Test
    void fromLocalCsrPartsSortsAndSumsDuplicates() {
        Tensor full = in("A"), ip = g("csr.A.indptr"), ix = g("csr.A.indices"), dv = g("csr.A.data");
        int p = comm().size(), me = comm().rank();
        for (long[] counts : new long[][] {Distribution.counts(7, p), SparseTesting.lastRank(7, p), SparseTesting.uneven(7, p)}) {
            long[] d = Distribution.displs(counts);
            long lo = ip.getLongFlat(d[me]), n = ip.getLongFlat(d[me] + counts[me]) - lo;
            Tensor lip = Tensor.empty(DType.INT64, counts[me] + 1);
            for (long i = 0; i <= counts[me]; i++) lip.setLongFlat(ip.getLongFlat(d[me] + i) - lo, i);
            // columns of each row reversed (unsorted input) and the first entry split into two halves (a duplicate)
            Tensor lix = Tensor.empty(DType.INT64, n + 1), ldv = Tensor.empty(DType.FLOAT64, n + 1);
            Tensor lip2 = Tensor.empty(DType.INT64, counts[me] + 1);
            long w = 0;
            lip2.setLongFlat(0, 0);
            for (long i = 0; i < counts[me]; i++) {
                long s = lip.getLongFlat(i), e = lip.getLongFlat(i + 1);
                for (long j = e - 1; j >= s; j--) {
                    double v = dv.getDoubleFlat(lo + j);
                    if (w == 0) {
                        lix.setLongFlat(ix.getLongFlat(lo + j), w);
                        ldv.setDoubleFlat(v / 2, w++);
                        lix.setLongFlat(ix.getLongFlat(lo + j), w);
                        ldv.setDoubleFlat(v - v / 2, w++);
                    } else {
                        lix.setLongFlat(ix.getLongFlat(lo + j), w);
                        ldv.setDoubleFlat(v, w++);
                    }
                }
                lip2.setLongFlat(w, i + 1);
            }
            Tensor fi = lix.narrow(0, 0, w).copy(), fv = ldv.narrow(0, 0, w).copy();
            DCSRMatrix a = Sparse.sparseCsrMatrix(lip2, fi, fv, 5);
            close(full, a.toDense(), "local CSR parts, counts " + java.util.Arrays.toString(counts));
            assertEquals(g("csr.A.data").size(), a.nnz());
            assertArrayEquals(counts, a.counts());
            DCSCMatrix c = Sparse.sparseCscMatrix(lip2, fi, fv, 5);
            close(full.transpose().contiguous(), c.toDense(), "local CSC parts");
        }
    }

    @Test
    void fromCooSumsDuplicatesFromEveryRank() {
        int p = comm().size(), me = comm().rank();
        for (String k : new String[] {"d", "i"}) {
            Tensor r = g("coo." + k + ".rows"), c = g("coo." + k + ".cols"), v = g("coo." + k + ".vals"), sh = g("coo." + k + ".shape");
            for (int mode = 0; mode < 3; mode++) {
                // mode 0: triplet t on rank t % p; 1: all on rank 0; 2: all on the last rank
                List<Long> mine = new java.util.ArrayList<>();
                for (long t = 0; t < r.size(); t++) {
                    int owner = mode == 0 ? (int) (t % p) : mode == 1 ? 0 : p - 1;
                    if (owner == me) mine.add(t);
                }
                Tensor lr = Tensor.empty(DType.INT64, mine.size()), lc = Tensor.empty(DType.INT64, mine.size()), lv = Tensor.empty(v.dtype(), mine.size());
                for (int j = 0; j < mine.size(); j++) {
                    lr.setLongFlat(r.getLongFlat(mine.get(j)), j);
                    lc.setLongFlat(c.getLongFlat(mine.get(j)), j);
                    if (v.dtype().isFloat()) lv.setDoubleFlat(v.getDoubleFlat(mine.get(j)), j);
                    else lv.setLongFlat(v.getLongFlat(mine.get(j)), j);
                }
                DCSRMatrix a = Sparse.fromCoo(lr, lc, lv, new long[] {sh.getLongFlat(0), sh.getLongFlat(1)});
                close(g("coo." + k + ".dense"), a.toDense(), "coo " + k + " mode " + mode);
                // scipy keeps a duplicate sum of 0 as an explicit entry (tocsr does not eliminate zeros)
                long nnz = a.nnz();
                Dist.collectively(() -> assertEquals(g("coo." + k + ".nnz").getLongFlat(0), nnz, "coo nnz"));
                assertTrue(a.isBalanced());
            }
        }
    }

    @Test
    void randomIsTheSameForAnyProcessCount() {
        DCSRMatrix r = Sparse.random(37, 23, 0.2, 1234);
        Csr all = org.jheat.tensor.Backend.cpu().sparse().random(0, 37, 23, 0.2, 1234, DType.FLOAT64, org.jheat.tensor.Backend.cpu());
        Tensor want = org.jheat.tensor.Backend.cpu().sparse().toDense(all);
        close(want, r.toDense(), "random");
        long nnz = r.nnz();
        Dist.collectively(() -> assertTrue(nnz > 0.1 * 37 * 23 && nnz < 0.3 * 37 * 23, "density near 0.2: " + nnz));
        close(Tensor.zeros(DType.FLOAT32, 4, 3), Sparse.random(4, 3, 0.0, 1, DType.FLOAT32).toDense(), "density 0");
        DCSRMatrix full = Sparse.random(5, 4, 1.0, 9);
        assertEquals(20, full.nnz());
        DCSRMatrix empty = Sparse.random(0, 4, 0.5, 9);
        assertEquals(0, empty.nnz());
        assertArrayEquals(new long[] {0, 4}, empty.shape());
    }

    // ------------------------------------------------------------------------------------------ element-wise

    @Test
    void elementwiseMatchScipy() {
        String[][] pairs = {{"A", "B"}, {"Ai", "Bi"}, {"A", "Bi"}, {"Af", "B"}, {"A", "A"}};
        for (String[] pr : pairs) {
            List<DCSRMatrix> as = csrLayouts(in(pr[0]));
            List<DCSRMatrix> bs = csrLayouts(in(pr[1]));
            for (int i = 0; i < as.size(); i++) {
                DCSRMatrix a = as.get(i), b = bs.get((i + 1) % bs.size());
                String what = pr[0] + "," + pr[1] + " " + desc(a) + " / " + desc(b);
                for (String op : new String[] {"add", "sub", "mul"}) {
                    DCSRMatrix r = op.equals("add") ? Sparse.add(a, b) : op.equals("sub") ? Sparse.sub(a, b) : Sparse.mul(a, b);
                    String key = op + "." + pr[0] + "." + pr[1];
                    close(g(key), r.toDense(), what + " " + op);
                    long nnz = r.nnz();
                    Dist.collectively(() -> assertEquals(g(key + ".nnz").getLongFlat(0), nnz, what + " " + op + " nnz"));
                    assertArrayEquals(a.counts(), r.counts(), "result rows follow the first operand");
                }
                // the same through DCSC
                DCSCMatrix ca = a.toSparseCsc(), cb = b.toSparseCsc();
                close(g("add." + pr[0] + "." + pr[1]), ca.add(cb).toDense(), what + " csc add");
                close(g("mul." + pr[0] + "." + pr[1]), ca.mul(cb).toDense(), what + " csc mul");
            }
        }
    }

    /**
     * scipy's multiply over the union: a stored NaN against an implicit zero is a stored NaN (nnz 3 here), also through
     * DCSC; a finite value against an implicit zero stays absent.
     */
    @Test
    void productKeepsNaNAgainstAnImplicitZero() {
        double nan = Double.NaN;
        Tensor a = Tensor.fromArray(new double[][] {{1, nan, 0}, {0, 2, 3}}), b = Tensor.fromArray(new double[][] {{4, 0, 0}, {0, 5, 0}});
        for (Integer split : new Integer[] {null, 0}) {
            DCSRMatrix pa = Sparse.sparseCsrMatrix(Factories.fromReplicated(a, split)), pb = Sparse.sparseCsrMatrix(Factories.fromReplicated(b, split));
            DCSRMatrix r = pa.mul(pb);
            long nnz = r.nnz();
            double[] d = r.toDense().gatherAll().toDoubleArray(), dc = pa.toSparseCsc().mul(pb.toSparseCsc()).toDense().gatherAll().toDoubleArray();
            Dist.collectively(() -> {
                assertEquals(3, nnz, "nnz, split " + split);
                assertArrayEquals(new double[] {4, nan, 0, 0, 10, 0}, d, "values, split " + split);
                assertArrayEquals(new double[] {4, nan, 0, 0, 10, 0}, dc, "values through DCSC, split " + split);
            });
        }
    }

    @Test
    void scalarsAbsPowerAndDenseOperands() {
        for (String k : new String[] {"A", "Ai", "Af"}) {
            for (DCSRMatrix a : csrLayouts(in(k))) {
                String what = k + " " + desc(a);
                close(g("scale." + k), a.mul(2.5).toDense(), what + " * 2.5");
                close(g("div." + k), a.div(4).toDense(), what + " / 4");
                close(g("abs." + k), a.abs().toDense(), what + " abs");
                close(g("pow2." + k), a.power(2).toDense(), what + " power 2");
                close(g("pow3." + k), a.power(3).toDense(), what + " power 3");
                close(in(k), a.add(0).toDense(), what + " + 0");
                close(g("T." + k), a.T().toDense(), what + " T");
                close(g("T." + k), a.transpose().toDense(), what + " transpose");
                close(g("scale." + k), a.T().mul(2.5).T().toDense(), what + " csc scale");
                DCSRMatrix back = a.toSparseCsc().toSparseCsr();
                close(in(k), back.toDense(), what + " csr -> csc -> csr");
            }
        }
        for (String[] pr : new String[][] {{"A", "W"}, {"A", "r"}, {"A", "c"}, {"Ai", "W"}, {"Ai", "c"}}) {
            for (DCSRMatrix a : csrLayouts(in(pr[0]))) {
                for (DNDarray w : layouts(in(pr[1]))) {
                    close(g("muld." + pr[0] + "." + pr[1]), a.mul(w).toDense(), pr[0] + " multiply " + pr[1] + " " + desc(a) + " " + desc(w));
                }
                close(g("muld." + pr[0] + "." + pr[1]), a.toSparseCsc().mul(Factories.fromReplicated(in(pr[1]), null)).toDense(), "csc multiply");
            }
        }
        Tensor row1 = in("r").reshape(5).contiguous();
        close(g("muld.A.r"), csrLayouts(in("A")).get(1).mul(Factories.fromReplicated(row1, 0)).toDense(), "multiply 1-D row");
        for (DNDarray w : layouts(in("W"))) {
            DCSRMatrix a = csrLayouts(in("A")).get(1);
            Tensor want = in("A").copy();
            for (long i = 0; i < want.size(); i++) want.setDoubleFlat(in("A").getDoubleFlat(i) + in("W").getDoubleFlat(i), i);
            close(want, a.add(w), "sparse + dense " + desc(w));
        }
    }

    @Test
    void reductionsMatchScipy() {
        for (String k : new String[] {"A", "Ai", "Af"}) {
            for (DCSRMatrix a : csrLayouts(in(k))) {
                String what = k + " " + desc(a);
                close(g("sum." + k), a.sum(), what + " sum");
                close(g("sum0." + k), a.sum(0), what + " sum 0");
                close(g("sum1." + k), a.sum(1), what + " sum 1");
                close(g("sum1." + k), a.sum(-1), what + " sum -1");
                close(as(g("mean." + k), a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64), a.mean(), what + " mean");
                close(as(g("mean0." + k), a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64), a.mean(0), what + " mean 0");
                close(as(g("mean1." + k), a.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64), a.mean(1), what + " mean 1");
                DCSCMatrix c = a.toSparseCsc();
                close(g("sum0." + k), c.sum(0), what + " csc sum 0");
                close(g("sum1." + k), c.sum(1), what + " csc sum 1");
                close(g("sum." + k), c.sum(), what + " csc sum");
            }
        }
    }

    @Test
    void rowAndColumnSlices() {
        for (String k : new String[] {"A", "Ai", "Af"}) {
            for (DCSRMatrix a : csrLayouts(in(k))) {
                for (long[] lh : new long[][] {{0, 7}, {2, 6}, {5, 7}, {3, 3}, {-4, -1}}) {
                    DCSRMatrix r = a.getRows(lh[0], lh[1]);
                    close(g("rows." + k + "." + lh[0] + "." + lh[1]), r.toDense(), k + " rows " + lh[0] + ":" + lh[1] + " " + desc(a));
                    close(g("rows." + k + "." + lh[0] + "." + lh[1]), r.balance().toDense(), k + " rows balanced");
                }
                for (long[] lh : new long[][] {{1, 4}, {0, 5}, {4, 4}}) {
                    close(g("cols." + k + "." + lh[0] + "." + lh[1]), a.getColumns(lh[0], lh[1]).toDense(), k + " cols " + lh[0] + ":" + lh[1]);
                    close(g("cols." + k + "." + lh[0] + "." + lh[1]), a.toSparseCsc().getColumns(lh[0], lh[1]).toDense(), k + " csc cols");
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------ products

    @Test
    void sparseTimesDenseMatchesScipy() {
        String[][] pairs = {{"A", "D"}, {"A", "v"}, {"Ai", "Di"}, {"Af", "Df"}, {"A", "Di"}, {"Z", "v4"}};
        for (String[] pr : pairs) {
            for (DCSRMatrix a : csrLayouts(in(pr[0]))) {
                for (DNDarray x : layouts(in(pr[1]))) {
                    String what = pr[0] + " @ " + pr[1] + " " + desc(a) + " " + desc(x);
                    DNDarray y = Sparse.matmul(a, x);
                    close(g("spmm." + pr[0] + "." + pr[1]), y, what);
                    assertEquals(0, y.split());
                    assertArrayEquals(a.counts(), y.countsDispls()[0], what + " result rows follow the sparse operand");
                    DNDarray again = a.matmul(x);   // the cached fetch plan
                    close(g("spmm." + pr[0] + "." + pr[1]), again, what + " (again)");
                }
                close(g("spmm." + pr[0] + "." + pr[1]), Sparse.matmul(a.toSparseCsc(), Factories.fromReplicated(in(pr[1]), 0)), "csc @ dense");
            }
        }
        for (String[] pr : new String[][] {{"X", "A"}, {"x", "A"}, {"X", "Ai"}}) {
            for (DCSRMatrix a : csrLayouts(in(pr[1]))) {
                for (DNDarray x : layouts(in(pr[0]))) {
                    String what = pr[0] + " @ " + pr[1] + " " + desc(a) + " " + desc(x);
                    close(g("dmsp." + pr[0] + "." + pr[1]), Sparse.matmul(x, a), what);
                    close(g("dmsp." + pr[0] + "." + pr[1]), Sparse.matmul(x, a.T().T().toSparseCsc()), what + " (csc)");
                }
            }
        }
    }

    @Test
    void sparseTimesSparseMatchesScipy() {
        for (String[] pr : new String[][] {{"A", "C"}, {"Ai", "Ci"}, {"Af", "C"}, {"C", "W5"}}) {
            List<DCSRMatrix> as = csrLayouts(in(pr[0])), bs = csrLayouts(in(pr[1]));
            for (int i = 0; i < as.size(); i++) {
                for (int j = 0; j < bs.size(); j += 2) {
                    DCSRMatrix a = as.get(i), b = bs.get((i + j) % bs.size());
                    String what = pr[0] + " @ " + pr[1] + " " + desc(a) + " " + desc(b);
                    DCSRMatrix c = Sparse.matmul(a, b);
                    close(g("spgemm." + pr[0] + "." + pr[1]), c.toDense(), what);
                    long nnz = c.nnz();
                    Dist.collectively(() -> assertEquals(g("spgemm." + pr[0] + "." + pr[1] + ".nnz").getLongFlat(0), nnz, what + " nnz"));
                    assertArrayEquals(a.counts(), c.counts());
                }
            }
            close(g("spgemm." + pr[0] + "." + pr[1]), Sparse.matmul(as.get(0).toSparseCsc(), bs.get(0).toSparseCsc()).toDense(), "csc @ csc");
        }
    }

    @Test
    void spmvWithLongRowsAndManyEmptyRows() {
        // long rows, and many rows most of them empty
        for (long[] shape : new long[][] {{23, 20000}, {9000, 3}}) {
            double density = shape[1] > 10 ? 0.3 : 0.05;
            DCSRMatrix a = Sparse.random(shape[0], shape[1], density, 11);
            DNDarray x = Factories.arange(0L, shape[1], 1L, DType.FLOAT64, 0);
            Tensor want = Linalg.matmul(a.toDense(), x).gatherAll();
            Tensor got = Sparse.matmul(a, x).gatherAll();
            Dist.collectively(() -> {
                for (long i = 0; i < shape[0]; i++) assertEquals(want.getDoubleFlat(i), got.getDoubleFlat(i), 1e-9 * Math.max(1, Math.abs(want.getDoubleFlat(i))), "row " + i);
            });
            close(want, Sparse.matmul(a.redistribute(SparseTesting.uneven(shape[0], comm().size())), x), "uneven rows " + shape[0]);
            // float32: each result element is the float64 sum rounded once (the dense product sums in another order: one ulp)
            DCSRMatrix af = a.astype(DType.FLOAT32);
            DNDarray xf = x.astype(DType.FLOAT32), xm = Factories.arange(0L, 3 * shape[1], 1L, DType.FLOAT32, 0).reshape(shape[1], 3);
            Tensor gotF = Sparse.matmul(af, xf).gatherAll();
            Tensor wantF = Linalg.matmul(af.toDense().astype(DType.FLOAT64), xf.astype(DType.FLOAT64)).gatherAll();
            Tensor gotM = Sparse.matmul(af.redistribute(SparseTesting.uneven(shape[0], comm().size())), xm).gatherAll();
            Tensor wantM = Linalg.matmul(af.toDense().astype(DType.FLOAT64), xm.astype(DType.FLOAT64)).gatherAll();
            Dist.collectively(() -> {
                assertEquals(DType.FLOAT32, gotF.dtype());
                assertEquals(DType.FLOAT32, gotM.dtype());
                for (long i = 0; i < shape[0]; i++) assertEquals((float) wantF.getDoubleFlat(i), gotF.getDoubleFlat(i), Math.ulp((float) wantF.getDoubleFlat(i)), "float32 row " + i);
                for (long i = 0; i < 3 * shape[0]; i++) assertEquals((float) wantM.getDoubleFlat(i), gotM.getDoubleFlat(i), Math.ulp((float) wantM.getDoubleFlat(i)), "float32 matrix element " + i);
            });
        }
    }

    @Test
    void randomProductsAgreeWithDenseMatmul() {
        DCSRMatrix a = Sparse.random(61, 47, 0.08, 5);
        DCSRMatrix b = Sparse.random(47, 33, 0.1, 6);
        DNDarray da = a.toDense(), db = b.toDense();
        Tensor want = Linalg.matmul(da, db).gatherAll();
        close(want, Sparse.matmul(a, b).toDense(), "random spgemm");
        close(want, Sparse.matmul(a.redistribute(SparseTesting.uneven(61, comm().size())), b.balanceByNnz()).toDense(), "random spgemm, other distributions");
        DCSRMatrix cf = Sparse.matmul(a.astype(DType.FLOAT32), b.astype(DType.FLOAT32));
        assertEquals(DType.FLOAT32, cf.dtype());
        close(Linalg.matmul(da.astype(DType.FLOAT32), db.astype(DType.FLOAT32)).gatherAll(), cf.toDense(), "random float32 spgemm");
        for (DNDarray x : layouts(db.gatherAll())) close(want, Sparse.matmul(a, x), "random spmm " + desc(x));
        Tensor wantT = Linalg.matmul(db.T(), da.T()).gatherAll();
        for (DNDarray x : layouts(db.gatherAll().transpose().contiguous())) close(wantT, Sparse.matmul(x, a.T()), "random dense @ csc " + desc(x));
        DCSRMatrix n = a.balanceByNnz();
        close(da.gatherAll(), n.toDense(), "balanceByNnz keeps the matrix");
        long[] per = n.nnzCounts();
        long max = 0;
        for (long c : per) max = Math.max(max, c);
        long lim = a.nnz() / comm().size() + 47;   // at most one row above the ideal share
        long mx = max;
        Dist.collectively(() -> assertTrue(mx <= lim, "balanceByNnz: " + java.util.Arrays.toString(per)));
    }

    // ------------------------------------------------------------------------------------------ solvers, Heat

    /** A 29 x 29 symmetric positive definite band matrix (2.5 on the diagonal, -1 beside it, 0.25 two away), from COO on rank 0. */
    private static DCSRMatrix spd(int n) {
        List<long[]> rc = new java.util.ArrayList<>();
        List<Double> v = new java.util.ArrayList<>();
        if (comm().rank() == 0) {
            for (int i = 0; i < n; i++) {
                for (int d = -2; d <= 2; d++) {
                    int j = i + d;
                    if (j < 0 || j >= n) continue;
                    rc.add(new long[] {i, j});
                    v.add(d == 0 ? 2.5 : Math.abs(d) == 1 ? -1.0 : 0.25);
                }
            }
        }
        Tensor r = Tensor.empty(DType.INT64, rc.size()), c = Tensor.empty(DType.INT64, rc.size()), x = Tensor.empty(DType.FLOAT64, rc.size());
        for (int k = 0; k < rc.size(); k++) {
            r.setLongFlat(rc.get(k)[0], k);
            c.setLongFlat(rc.get(k)[1], k);
            x.setDoubleFlat(v.get(k), k);
        }
        return Sparse.fromCoo(r, c, x, new long[] {n, n});
    }

    @Test
    void cgAndLanczosOnSparseMatrices() {
        int n = 29;
        DCSRMatrix a = spd(n);
        DNDarray dense = a.toDense();
        for (DCSRMatrix m : new DCSRMatrix[] {a, a.redistribute(SparseTesting.uneven(n, comm().size()))}) {
            for (DNDarray b : layouts(Factories.arange(0L, n, 1L, DType.FLOAT64, null).gatherAll())) {
                CgResult r = Linalg.cg(m, b, Factories.zeros(new long[] {n}, DType.FLOAT64, null), 1e-13, 10L * n);
                DNDarray x = r.x();
                // one Krylov implementation: the sparse iteration is the dense one, step for step
                CgResult rd = Linalg.cg(dense, b, Factories.zeros(new long[] {n}, DType.FLOAT64, null), 1e-13, 10L * n);
                double[] hs = r.residuals(), hd = rd.residuals();
                Dist.collectively(() -> {
                    assertTrue(r.converged(), "sparse cg converged");
                    assertEquals(rd.iterations(), r.iterations(), "sparse and dense cg iterations");
                    for (int i = 0; i < hs.length; i++) assertEquals(hd[i], hs[i], 1e-9 * (1 + hd[0]), "residual " + i);
                });
                Tensor want = Linalg.solve(dense, Factories.arange(0L, n, 1L, DType.FLOAT64, null)).gatherAll();
                Tensor got = x.gatherAll();
                Dist.collectively(() -> {
                    for (int i = 0; i < n; i++) assertEquals(want.getDoubleFlat(i), got.getDoubleFlat(i), 1e-8, "cg x[" + i + "]");
                });
            }
            Lanczos l = Linalg.lanczos(m, 10, Factories.ones(new long[] {n}, DType.FLOAT64, 0));
            DNDarray[] vt = {l.V(), l.T()};
            Tensor td = Linalg.lanczos(dense, 10, Factories.ones(new long[] {n}, DType.FLOAT64, 0)).T().gatherAll();
            // a CSC operand (used through its transpose's rows) gives the same T
            Tensor tc = Linalg.lanczos(m.toSparseCsc(), 10, Factories.ones(new long[] {n}, DType.FLOAT64, 0)).T().gatherAll();
            Tensor v = vt[0].gatherAll(), t = vt[1].gatherAll();
            Tensor vtv = Linalg.matmul(vt[0].T(), vt[0]).gatherAll();
            Tensor vtav = Linalg.matmul(vt[0].T(), m.matmul(vt[0])).gatherAll();
            Dist.collectively(() -> {
                assertArrayEquals(new long[] {n, 10}, v.shape());
                for (int i = 0; i < 10; i++) {
                    for (int j = 0; j < 10; j++) {
                        assertEquals(i == j ? 1.0 : 0.0, vtv.getDouble(i, j), 1e-10, "VtV " + i + "," + j);
                        assertEquals(t.getDouble(i, j), vtav.getDouble(i, j), 1e-9, "VtAV = T " + i + "," + j);
                        assertEquals(td.getDouble(i, j), t.getDouble(i, j), 1e-9, "sparse T = dense T " + i + "," + j);
                        assertEquals(td.getDouble(i, j), tc.getDouble(i, j), 1e-9, "CSC T = dense T " + i + "," + j);
                    }
                }
            });
        }
        // an invariant subspace after one step (v0 an eigenvector of the identity) continues with an orthogonal vector
        DCSRMatrix eye = Sparse.sparseCsrMatrix(Factories.eye(6, 6, 0, DType.FLOAT64, 0));
        DNDarray ve = Linalg.lanczos(eye, 4, Factories.ones(new long[] {6}, DType.FLOAT64, null)).V();
        Tensor vtv = Linalg.matmul(ve.T(), ve).gatherAll();
        Dist.collectively(() -> {
            for (int i = 0; i < 4; i++) for (int j = 0; j < 4; j++) assertEquals(i == j ? 1.0 : 0.0, vtv.getDouble(i, j), 1e-10);
        });
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cg(csrLayouts(in("A")).get(0), Factories.zeros(new long[] {7}, DType.FLOAT64, null)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.lanczos(a, n + 1, Factories.ones(new long[] {n}, DType.FLOAT64, 0)));
        Dist.assertThrowsEverywhere(IllegalArgumentException.class, () -> Linalg.cg(a, Factories.zeros(new long[] {n + 1}, DType.FLOAT64, null)));
        // an integer SPD matrix computes in float64
        CgResult ri = Linalg.cg(a.mul(4).astype(DType.INT64), Factories.ones(new long[] {n}, DType.FLOAT64, 0));
        Dist.collectively(() -> assertEquals(DType.FLOAT64, ri.x().dtype()));
    }

    @Test
    void heatMatmulDispatchesOnSparseOperands() {
        DCSRMatrix a = csrLayouts(in("A")).get(1);
        close(g("spmm.A.D"), org.jheat.Heat.matmul(a, Factories.fromReplicated(in("D"), 0)), "Heat.matmul(sparse, dense)");
        close(g("dmsp.X.A"), org.jheat.Heat.matmul(Factories.fromReplicated(in("X"), 1), a), "Heat.matmul(dense, sparse)");
        close(g("spgemm.A.C"), org.jheat.Heat.matmul(a, Sparse.sparseCsrMatrix(Factories.fromReplicated(in("C"), null))).toDense(), "Heat.matmul(sparse, sparse)");
        close(g("dmsp.X.A"), org.jheat.Heat.matmul(Factories.fromReplicated(in("X"), 0), a.toSparseCsc()), "Heat.matmul(dense, csc)");
        close(g("spmm.A.D"), org.jheat.Heat.matmul(a.toSparseCsc(), Factories.fromReplicated(in("D"), null)), "Heat.matmul(csc, dense)");
        close(g("spmm.A.D"), Linalg.matmul(a, Factories.fromReplicated(in("D"), 1)), "Linalg.matmul(sparse, dense)");
        close(g("dmsp.X.A"), Linalg.matmul(Factories.fromReplicated(in("X"), null), a.toSparseCsc()), "Linalg.matmul(dense, csc)");
        close(g("spgemm.A.C"), Linalg.matmul(a, Sparse.sparseCsrMatrix(Factories.fromReplicated(in("C"), 1))).toDense(), "Linalg.matmul(sparse, sparse)");
    }
}
