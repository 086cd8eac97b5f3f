package org.jheat.sparse;

import org.jheat.comm.Communication;
import org.jheat.comm.SingleProcess;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Rounding;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * Arithmetic on one process's stored values through the dense element-wise drivers: a values tensor is wrapped as
 * a replicated array on a private single-process communicator, so numpy's dtype promotion (weak Java scalars) and
 * the block kernels of {@code tensor.Kernels} apply unchanged and nothing is communicated.
 * <pre>{@code Tensor v = Values.mul(a.values(), 2.0); }</pre>
 */
final class Values {
    private static final Communication SELF = new SingleProcess();

    private Values() { }

    static DNDarray wrap(Tensor t) { return new DNDarray(t, t.shape(), null, SELF, null); }

    static Tensor add(Tensor a, Tensor b) { return Arithmetics.add(wrap(a), wrap(b)).larray(); }

    static Tensor sub(Tensor a, Tensor b) { return Arithmetics.sub(wrap(a), wrap(b)).larray(); }

    static Tensor mul(Tensor a, Tensor b) { return Arithmetics.mul(wrap(a), wrap(b)).larray(); }

    static Tensor mul(Tensor a, Number s) { return Arithmetics.mul(wrap(a), s).larray(); }

    static Tensor div(Tensor a, Number s) { return Arithmetics.div(wrap(a), s).larray(); }

    static Tensor pow(Tensor a, Number s) { return Arithmetics.pow(wrap(a), s).larray(); }

    static Tensor neg(Tensor a) { return Arithmetics.neg(wrap(a)).larray(); }

    static Tensor abs(Tensor a) { return Rounding.abs(wrap(a)).larray(); }

    /** The dtype numpy gives {@code a ⊕ b} of two arrays. */
    static DType promote(DType a, DType b) { return DType.promoteTypes(a, b); }

    /** The dtype a product computes in: float64/float32 as they are, every integer and bool in int64. */
    static DType computeType(DType t) {
        return t == DType.FLOAT64 || t == DType.FLOAT32 ? t : t.isFloat() ? DType.FLOAT64 : DType.INT64;
    }

    /** t converted to {@code to} (t itself when it has that dtype). */
    static Tensor as(Tensor t, DType to) { return t.dtype() == to ? t : t.astype(to); }
}
