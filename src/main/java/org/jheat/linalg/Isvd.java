package org.jheat.linalg;

import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Indexing;
import org.jheat.core.Joining;
import org.jheat.io.DatasetInfo;
import org.jheat.io.IO;
import org.jheat.io.Slice;
import org.jheat.tensor.DType;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Heat's incremental SVD ({@code isvd(new_data, U_old, S_old, V_old, maxrank)}, Brand, Linear Algebra Appl. 415,
 * 2006): A_old ≈ U·diag(S)·Vᵀ is updated to [A_old, C] for new columns C (m × d) without touching A_old.
 *
 * <p>P = UᵀC, Z = C − U·P (projected twice, classical Gram–Schmidt with re-orthogonalisation, so Z stays orthogonal to
 * U to rounding), Z = Qz·Rz by TSQR, and the small (r + d) square core K = [[diag(S), P], [0, Rz]] = Uk·Sk·Vkᵀ
 * (LAPACK on rank 0, broadcast). Then U ← [U, Qz]·Uk and V ← blockdiag(V, I)·Vk (local products on the row slabs:
 * the old V rows times Vk's top block, the new d rows from Vk's bottom block), truncated to {@code maxrank}.
 * U and C are split along rows (U 0, C 0 or replicated), V along rows.
 *
 * <p>{@link #isvdHdf5} streams a matrix from an HDF5 file in column chunks (each chunk read split along rows with
 * the io readers, never the whole matrix), starting from the SVD of the first chunk.
 *
 * <pre>{@code TruncatedSVD t = Isvd.isvd(newCols, old.U(), old.S(), old.V(), 20L); }</pre>
 */
final class Isvd {
    private Isvd() { }

    static TruncatedSVD isvd(DNDarray c, DNDarray u, DNDarray s, DNDarray v, Long maxrank) {
        Hsvd.checkInput(c, "isvd");
        if (u.ndim() != 2 || s.ndim() != 1 || v.ndim() != 2) {
            throw new IllegalArgumentException("isvd: U and V must be 2-D and S 1-D, got shapes " + Shapes.str(u.gshape()) + ", "
                    + Shapes.str(s.gshape()) + ", " + Shapes.str(v.gshape()));
        }
        long m = c.gshape()[0], d = c.gshape()[1], r = s.gshape()[0], nOld = v.gshape()[0];
        if (u.gshape()[0] != m || u.gshape()[1] != r || v.gshape()[1] != r) {
            throw new IllegalArgumentException("isvd: inconsistent shapes: new data " + Shapes.str(c.gshape()) + ", U " + Shapes.str(u.gshape())
                    + ", S " + Shapes.str(s.gshape()) + ", V " + Shapes.str(v.gshape()) + " (need U (m, r), S (r,), V (n, r))");
        }
        if (maxrank != null && maxrank < 1) throw new IllegalArgumentException("isvd: maxrank must be >= 1, got " + maxrank);
        DType t = Solvers.floatType("isvd", c.dtype(), u.dtype(), s.dtype(), v.dtype());
        boolean dist = c.isDistributed() || u.isDistributed() || v.isDistributed();
        DNDarray cc = rows(c.astype(t), dist), uu = rows(u.astype(t), dist);
        DNDarray p = Matmul.matmul(uu.T(), cc);
        DNDarray z = Arithmetics.sub(cc, Matmul.matmul(uu, p));
        DNDarray p2 = Matmul.matmul(uu.T(), z);
        z = Arithmetics.sub(z, Matmul.matmul(uu, p2));
        p = Arithmetics.add(p, p2).resplit(null);
        QR qz = Qr.qr(z, "reduced");
        long dz = qz.R().gshape()[0];
        // the core K = [[diag(S), P], [0, Rz]], (r + dz) × (r + d), the same on every process
        Tensor k = c.larray().newZeros(t, r + dz, r + d);
        Tensor sl = s.resplit(null).larray().astype(t);
        for (long i = 0; i < r; i++) k.setDouble(sl.getDoubleFlat(i), i, i);
        k.narrow(0, 0, r).narrow(1, r, d).copyFrom(p.larray());
        k.narrow(0, r, dz).narrow(1, r, d).copyFrom(qz.R().resplit(null).larray());
        Tensor[] f = Svd.smallSvd(c.comm(), k, true);
        long keep = maxrank == null ? f[1].size() : Math.min(maxrank, f[1].size());
        Tensor uk = f[0].narrow(1, 0, keep), vk = f[2].narrow(0, 0, keep).transpose();
        // U ← U·Uk[:r] + Qz·Uk[r:], local on the row slabs
        DNDarray qzr = rows(qz.Q(), dist);
        if (dist && !java.util.Arrays.equals(Dnd.counts(qzr), Dnd.counts(uu))) qzr = qzr.redistribute(Dnd.counts(uu));
        Tensor un = LocalLinalg.matmul(uu.larray(), uk.narrow(0, 0, r));
        LocalLinalg.gemm(1.0, qzr.larray(), uk.narrow(0, r, dz), 1.0, un);
        DNDarray unew = Dnd.wrap(un, new long[] {m, keep}, uu.splitAxis(), Dnd.counts(uu), uu);
        // V ← [V·Vk[:r]; Vk[r:]]
        DNDarray vv = rows(v.astype(t), dist);
        DNDarray vold = Dnd.wrap(LocalLinalg.matmul(vv.larray(), vk.narrow(0, 0, r)), new long[] {nOld, keep}, vv.splitAxis() == 0 ? 0 : -1,
                vv.splitAxis() == 0 ? Dnd.counts(vv) : null, vv);
        DNDarray vnewRows = Dnd.wrap(vk.narrow(0, r, d).contiguous(), new long[] {d, keep}, -1, null, vv);
        DNDarray vnew = Joining.concatenate(new DNDarray[] {vold, dist ? vnewRows.resplit(0) : vnewRows}, 0);
        DNDarray snew = Dnd.wrap(f[1].narrow(0, 0, keep).contiguous(), new long[] {keep}, -1, null, c);
        return new TruncatedSVD(unew, snew, vnew, Double.NaN);
    }

    /** x split along rows when {@code dist} (a column split is resplit, a replicated x sliced), else replicated. */
    private static DNDarray rows(DNDarray x, boolean dist) {
        if (!dist) return x.splitAxis() < 0 ? x : x.resplit(null);
        return x.splitAxis() == 0 ? x : x.resplit(0);
    }

    /**
     * The truncated SVD (rank ≤ maxrank) of the 2-D dataset {@code dataset} of an HDF5 file, read in chunks of
     * {@code chunkColumns} columns (each split along rows): the first chunk's SVD, then one {@link #isvd} update per
     * chunk.
     */
    static TruncatedSVD isvdHdf5(String path, String dataset, long chunkColumns, long maxrank, DType dtype) {
        if (chunkColumns < 1) throw new IllegalArgumentException("isvdHdf5: chunkColumns must be >= 1, got " + chunkColumns);
        if (maxrank < 1) throw new IllegalArgumentException("isvdHdf5: maxrank must be >= 1, got " + maxrank);
        long[] shape = null;
        for (DatasetInfo info : IO.describe(path)) {
            String nm = info.name().startsWith("/") ? info.name().substring(1) : info.name();
            String want = dataset.startsWith("/") ? dataset.substring(1) : dataset;
            if (nm.equals(want)) shape = info.shape();
        }
        if (shape == null) throw new IllegalArgumentException("isvdHdf5: no dataset '" + dataset + "' in " + path);
        if (shape.length != 2) throw new IllegalArgumentException("isvdHdf5: dataset '" + dataset + "' must be 2-D, got shape " + Shapes.str(shape));
        long n = shape[1];
        if (n == 0 || shape[0] == 0) throw new IllegalArgumentException("isvdHdf5: dataset '" + dataset + "' is empty, shape " + Shapes.str(shape));
        TruncatedSVD cur = null;
        for (long start = 0; start < n; start += chunkColumns) {
            long stop = Math.min(n, start + chunkColumns);
            DNDarray chunk = IO.loadHdf5(path, dataset, 0, dtype, Slice.all(), Slice.of(start, stop));
            if (!chunk.dtype().isFloat()) chunk = chunk.astype(DType.FLOAT64);
            if (cur == null) {
                SVD f = Svd.svd(chunk, false, true);
                long keep = Math.min(maxrank, f.S().gshape()[0]);
                cur = new TruncatedSVD(Indexing.get(f.U(), Index.all(), Index.slice(0L, keep)), Indexing.get(f.S(), Index.slice(0L, keep)),
                        Indexing.get(f.Vh().T(), Index.all(), Index.slice(0L, keep)), Double.NaN);
            } else {
                cur = isvd(chunk, cur.U(), cur.S(), cur.V(), maxrank);
            }
        }
        return cur;
    }
}
