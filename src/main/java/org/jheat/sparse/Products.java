package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.SparseKernels;
import org.jheat.tensor.Tensor;

/**
 * The distributed products. A (rows split) times a row-split operand: each process lists the distinct columns it
 * stores, asks their owners for exactly those rows (one Alltoallv of indices, then one of the rows: dense rows for
 * SpMV/SpMM, CSR rows for SpGEMM) and multiplies locally; the fetch plan is cached on A, so repeated products
 * (iterative solvers) pay only for the rows. A replicated operand needs no communication. Dense × sparse is
 * {@code (Aᵀ·Xᵀ)ᵀ}, with Aᵀ as DCSR — free for a DCSC operand, one exchange of entries for a DCSR one.
 * <pre>{@code DNDarray y = Products.spmm(a, x); }</pre>
 */
final class Products {
    private Products() { }

    private static String shapes(long[] a, long[] b) { return Shapes.str(a) + " and " + Shapes.str(b); }

    /** a · x for a dense 1-D or 2-D x; result split along a's rows. */
    static DNDarray spmm(DCSRMatrix a, DNDarray x) {
        long[] g = x.gshape();
        if (g.length != 1 && g.length != 2) {
            throw new IllegalArgumentException("matmul: the dense operand must be 1-D or 2-D, got shape " + Shapes.str(g));
        }
        if (g[0] != a.shape()[1]) {
            throw new IllegalArgumentException("matmul: shapes " + shapes(a.shape(), g) + " not aligned: " + a.shape()[1] + " (dim 1) != " + g[0] + " (dim 0)");
        }
        Checks.realDType(x.dtype(), "matmul");
        Backend.commonDevice(a.device(), x.device());
        Communication comm = a.comm();
        DType out = Values.promote(a.dtype(), x.dtype()), ct = Values.computeType(out);
        DNDarray xx = g.length == 2 && x.splitAxis() == 1 ? x.resplit(0) : x;
        Tensor xl = xx.larray();
        if (g.length == 1) xl = xl.unsqueeze(1);
        xl = Values.as(xl.contiguous(), ct);
        SparseKernels k = a.local().backend().sparse();
        Tensor y;
        if (xx.splitAxis() < 0 || comm.size() == 1) {
            y = k.spmm(a.local().withValues(Values.as(a.local().values(), ct)), xl);
        } else {
            Exchange.Plan plan = a.plan(xx.countsDispls()[0]);
            Tensor rows = Exchange.fetchDenseRows(plan, xl, comm);
            Csr r = plan.renumbered();
            y = k.spmm(r.withValues(Values.as(r.values(), ct)), rows);
            rows.free();
        }
        y = Values.as(y, out);
        long[] c = a.counts();
        long[][] map = new long[c.length][];
        long m = g.length == 1 ? 1 : g[1];
        for (int r = 0; r < c.length; r++) map[r] = g.length == 1 ? new long[] {c[r]} : new long[] {c[r], m};
        if (g.length == 1) y = y.reshape(y.shape(0));
        long[] shape = g.length == 1 ? new long[] {a.shape()[0]} : new long[] {a.shape()[0], m};
        return new DNDarray(y, shape, 0, comm, a.device(), map);
    }

    /**
     * x · a for a dense x (k,) or (n, k) and the sparse a (k, m) given by its transpose {@code at} (m, k) as DCSR:
     * {@code (at · xᵀ)ᵀ}; a 1-D result is split, a 2-D one split along its columns (axis 1).
     */
    static DNDarray dmsp(DNDarray x, DCSRMatrix at, long[] aShape) {
        long[] g = x.gshape();
        if (g.length != 1 && g.length != 2) {
            throw new IllegalArgumentException("matmul: the dense operand must be 1-D or 2-D, got shape " + Shapes.str(g));
        }
        if (g[g.length - 1] != aShape[0]) {
            throw new IllegalArgumentException("matmul: shapes " + shapes(g, aShape) + " not aligned: " + g[g.length - 1]
                    + " (dim " + (g.length - 1) + ") != " + aShape[0] + " (dim 0)");
        }
        if (g.length == 1) return spmm(at, x);
        return spmm(at, x.T()).T();
    }

    /** a · b of two DCSR matrices (SpGEMM); result rows split like a's. */
    static DCSRMatrix spgemm(DCSRMatrix a, DCSRMatrix b) {
        long[] sa = a.shape(), sb = b.shape();
        if (sa[1] != sb[0]) throw new IllegalArgumentException("matmul: shapes " + shapes(sa, sb) + " not aligned: " + sa[1] + " (dim 1) != " + sb[0] + " (dim 0)");
        Backend.commonDevice(a.device(), b.device());
        Communication comm = a.comm();
        DType out = Values.promote(a.dtype(), b.dtype()), ct = Values.computeType(out);
        SparseKernels k = a.local().backend().sparse();
        Csr c;
        if (comm.size() == 1) {
            c = k.spgemm(a.local().withValues(Values.as(a.local().values(), ct)), b.local().withValues(Values.as(b.local().values(), ct)));
        } else {
            Exchange.Plan plan = a.plan(b.counts());
            Csr rows = Exchange.fetchSparseRows(plan, b.local(), comm);
            Csr r = plan.renumbered();
            c = k.spgemm(r.withValues(Values.as(r.values(), ct)), rows.withValues(Values.as(rows.values(), ct)));
        }
        if (c.dtype() != out) c = c.withValues(c.values().astype(out));
        return DCSRMatrix.of(c, sa[0], sb[1], a.counts(), comm);
    }
}
