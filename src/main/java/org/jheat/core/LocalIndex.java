package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.comm.SingleProcess;
import org.jheat.tensor.Tensor;

/**
 * Indexing of a process's own slab with local indices (Heat's {@code x.lloc[…]}), from {@link DNDarray#lloc()}:
 * numpy's indexing rules applied to {@link DNDarray#larray()} alone, without communication, so ranks may index
 * differently. Basic indexing (integers, slices, ellipsis, newaxis) gives a view of the local tensor; index arrays
 * (replicated DNDarrays or Java arrays through {@link Index#of}) give copies. {@link #set} writes into the slab.
 *
 * <pre>{@code
 * DNDarray x = Heat.arange(0, 10, 1, DType.FLOAT64, 0);   // on 2 processes: 5 elements each
 * Tensor first = x.lloc().get(Index.idx(0));               // rank 0: 0.0, rank 1: 5.0
 * x.lloc().set(-1.0, Index.slice(null, 2));                // the first two local elements of every rank
 * }</pre>
 */
public final class LocalIndex {
    /** Local views live on a communicator of their own: nothing they do can reach another process. */
    private static final Communication SELF = new SingleProcess();

    private final DNDarray x;

    LocalIndex(DNDarray x) {
        this.x = x;
    }

    /**
     * {@code x.lloc[idx…]}: the selection from this process's local tensor (a view for basic indexing).
     * <pre>{@code Tensor lastLocalRow = x.lloc().get(Index.idx(-1)); }</pre>
     *
     * @throws IllegalArgumentException for an index that does not fit the local shape, or a distributed index array
     */
    public Tensor get(Index... idx) {
        return Indexing.get(local(x.larray()), local(idx)).larray();
    }

    /**
     * {@code x.lloc[idx…] = value}: writes value (a Java scalar, a {@link Tensor}, or a replicated DNDarray;
     * broadcast, cast to x's dtype) into the selection of this process's local tensor. Returns x.
     * <pre>{@code x.lloc().set(0.0, Index.all(), Index.idx(0));   // local column 0 }</pre>
     *
     * @throws IllegalArgumentException for an index that does not fit the local shape, a distributed value or index
     */
    public DNDarray set(Object value, Index... idx) {
        Object v = value instanceof Tensor t ? local(t) : value instanceof DNDarray d ? local(d, "value") : value;
        Indexing.set(local(x.larray()), v, local(idx));
        return x;
    }

    private static DNDarray local(Tensor t) {
        return new DNDarray(t, t.shape(), null, SELF, null);
    }

    private static DNDarray local(DNDarray d, String what) {
        if (d.isDistributed()) {
            throw new IllegalArgumentException("lloc: a " + what + " must be the same on every process or a local Tensor, got an array split along axis "
                    + d.split() + "; use its larray()");
        }
        return local(d.larray());
    }

    private static Index[] local(Index[] idx) {
        Index[] out = idx.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] instanceof Index.Array a) out[i] = new Index.Array(local(a.array(), "index array"));
        }
        return out;
    }
}
