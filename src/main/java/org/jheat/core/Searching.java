package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * numpy's {@code nonzero} and {@code where} for distributed arrays (Heat's {@code indexing} module; also reachable
 * as {@link Indexing#nonzero} and {@link Indexing#where}). nonzero is local up to one Allgather of the counts: its
 * index arrays are split along 0 with each process's count of its nonzero elements (unbalanced, like Heat's);
 * three-argument where aligns its operands like a binary operation and moves nothing else.
 *
 * <pre>{@code
 * DNDarray[] ij = Searching.nonzero(x.gt(0));          // global (row, column) indices of the positive entries
 * DNDarray relu = Searching.where(x.gt(0), x, 0.0);    // x where x > 0, else 0
 * }</pre>
 */
public final class Searching {
    private Searching() { }

    /**
     * The indices of the nonzero elements, one int64 array per axis (numpy's {@code nonzero}): global indices, in C
     * order of the global array. When x is split, the arrays are split along 0 with each process's count of its
     * nonzero elements (unbalanced; one Allgather of the counts); otherwise replicated. x split along a later axis is
     * first resplit along 0 as bool (its slabs interleave in C order). A 0-d x counts as 1-d.
     * <pre>{@code DNDarray[] ij = Searching.nonzero(x.gt(0)); DNDarray rows = ij[0]; }</pre>
     */
    public static DNDarray[] nonzero(DNDarray x) {
        if (x.splitAxis() > 0 && x.comm().size() > 1) {
            // slabs along a later axis interleave in C order: move the (1-byte) truth values to split 0 first
            x = (x.dtype() == DType.BOOL ? x : x.astype(DType.BOOL)).resplit(0);
        }
        Tensor t = x.ndim() == 0 ? x.larray().unsqueeze(0) : x.larray();
        int nd = t.ndim();
        int split = x.ndim() == 0 ? -1 : x.splitAxis();
        long shift = split >= 0 && x.comm().size() > 1 ? x.distribution().displ(x.comm().rank()) : 0;
        Tensor[] out = t.backend().nonzero(t, split, shift);
        long nnz = out[0].size();
        DNDarray[] res = new DNDarray[nd];
        Communication comm = x.comm();
        if (split < 0) {
            for (int d = 0; d < nd; d++) res[d] = new DNDarray(out[d], new long[] {nnz}, null, comm, x.device(), null);
            return res;
        }
        Distribution counts = Distribution.of(comm.allgather(nnz));
        long[] g = {counts.total()};
        for (int d = 0; d < nd; d++) res[d] = new DNDarray(out[d], g, 0, comm, x.device(), counts.lshapeMap(g, 0));
        return res;
    }

    /**
     * numpy's {@code where(cond)}: the same as {@link #nonzero}.
     * <pre>{@code DNDarray[] idx = Searching.where(x.lt(0)); }</pre>
     */
    public static DNDarray[] where(DNDarray cond) { return nonzero(cond); }

    /** The result dtype of {@code where(cond, a, b)}: numpy's result type of a and b (DNDarrays, DTypes or weak scalars). */
    static DType whereType(Object a, Object b) {
        return DType.resultType(a, b);
    }

    /**
     * numpy's {@code where(cond, a, b)}: a where cond is nonzero, else b, element-wise with broadcasting; a and b are
     * DNDarrays or Java scalars, the result dtype is {@code resultType(a, b)}. Distributions are aligned as for
     * binary operations (the largest split operand leads).
     * <pre>{@code DNDarray r = Searching.where(x.gt(0), x, 0.0);   // relu }</pre>
     */
    public static DNDarray where(DNDarray cond, Object a, Object b) {
        if (cond == null) throw new IllegalArgumentException("where: cond must not be null");
        Communication comm = cond.comm();
        DType out = whereType(a, b);
        Backend be = cond.larray().backend();   // scalars live where cond lives
        DNDarray x = Operations.operand(a, comm, be), y = Operations.operand(b, comm, be);
        long[] g = Shapes.broadcast(Shapes.broadcast(cond.gshape(), x.gshape()), y.gshape());
        Operations.Aligned al = Operations.align(g, -1, cond, x, y);
        long[] ls = al.localShape();
        Tensor res = cond.larray().newEmpty(out, ls);
        res.copyFrom(al.locals()[2].broadcastTo(ls));
        Tensor av = al.locals()[1].broadcastTo(ls).astype(out);
        Tensor cv = al.locals()[0].broadcastTo(ls).astype(DType.BOOL);
        res.backend().copyWhere(cv, av, res);
        av.storage().free();
        cv.storage().free();
        return new DNDarray(res, g, al.split() < 0 ? null : al.split(), comm, cond.device(), al.map());
    }
}
