package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Signal processing (Heat's {@code signal} module): {@code convolve}, the discrete linear convolution of two 1-d
 * arrays with numpy's modes.
 *
 * <p><b>Semantics</b> (numpy.convolve): {@code full[k] = sum_j a[k - j] * v[j]} for k in [0, n + m - 1);
 * "full" returns all of it, "same" the centred {@code max(n, m)} values starting at {@code (m' - 1) / 2} (m' the
 * shorter length), "valid" the {@code max(n, m) - min(n, m) + 1} values where the arrays overlap completely.
 * As numpy, the arrays are swapped when {@code v} is longer than {@code a}. The result dtype is
 * {@code promote_types(a, v)}: integers are summed exactly in 64 bits and wrap on store like numpy's; bool gives
 * bool (logical or of ands); floats are summed in double precision (float32 results may differ from numpy's
 * float32 sums in the last unit); complex operands (either or both) give numpy's complex convolution, without
 * conjugation, summed in double precision.
 *
 * <p><b>Distribution.</b> The longer array (the signal) may be split; the shorter one (the kernel) is used
 * replicated — gathered when split, as it is the small operand. Each process computes the full-convolution
 * outputs at its own slab's positions {@code [d, e)}, plus the {@code m - 1} trailing outputs on the last
 * process that holds data; the rows it needs from its predecessors come as a halo of width {@code m - 1}
 * ({@link Halos#getHalo}), so nothing else moves. The result is split along 0 with that distribution (the
 * signal's counts, clipped to the mode's window: it may be unbalanced — call {@code balance()} if needed). A
 * replicated signal gives a replicated result. Direct summation ({@link Backend#convolve}, a kernel of the arrays'
 * device): O(n·m / p) per process.
 *
 * <pre>{@code
 * DNDarray a = Heat.array(new double[] {1, 2, 3, 4, 5}, null, 0);
 * DNDarray v = Heat.array(new double[] {0, 1, 0.5}, null, null);
 * DNDarray full = Signal.convolve(a, v, "full");    // [0, 1, 2.5, 4, 5.5, 7, 2.5]
 * DNDarray same = Signal.convolve(a, v, "same");    // [1, 2.5, 4, 5.5, 7]
 * DNDarray valid = Signal.convolve(a, v, "valid");  // [2.5, 4, 5.5]
 * }</pre>
 */
public final class Signal {
    private Signal() { }

    /** {@link #convolve(DNDarray, DNDarray, String)} with mode "full". */
    public static DNDarray convolve(DNDarray a, DNDarray v) { return convolve(a, v, "full"); }

    /**
     * numpy's {@code convolve(a, v, mode)}, mode "full" (null), "same" or "valid". Collective.
     * <pre>{@code DNDarray y = Signal.convolve(signal, kernel, "same"); }</pre>
     *
     * @throws IllegalArgumentException for arrays that are not 1-d, empty arrays or an unknown
     *         mode — on every rank, before any communication
     */
    public static DNDarray convolve(DNDarray a, DNDarray v, String mode) {
        String md = mode == null ? "full" : mode;
        if (!md.equals("full") && !md.equals("same") && !md.equals("valid")) {
            throw new IllegalArgumentException("convolve: mode must be 'full', 'same' or 'valid', got '" + mode + "'");
        }
        if (a.ndim() != 1 || v.ndim() != 1) {
            throw new IllegalArgumentException("convolve: a and v must be 1-d, got shapes " + Shapes.str(a.gshape())
                    + " and " + Shapes.str(v.gshape()));
        }
        Backend be = a.larray().backend();
        if (v.larray().backend() != be) throw Backend.mismatch(a.device(), v.device());
        if (a.size() == 0) throw new IllegalArgumentException("convolve: a cannot be empty");
        if (v.size() == 0) throw new IllegalArgumentException("convolve: v cannot be empty");
        if (v.size() > a.size()) {   // numpy swaps so that the kernel is the shorter one
            DNDarray t = a;
            a = v;
            v = t;
        }
        DType out = DType.promoteTypes(a.dtype(), v.dtype());
        long n = a.size(), m = v.size();
        long off = switch (md) {
            case "full" -> 0;
            case "same" -> (m - 1) / 2;
            default -> m - 1;
        };
        long len = switch (md) {
            case "full" -> n + m - 1;
            case "same" -> n;
            default -> n - m + 1;
        };
        Communication comm = a.comm();
        int p = comm.size(), me = comm.rank();
        Tensor ker = (v.split() == null ? v.larray() : v.gatherAll()).contiguous();
        if (a.split() == null || p == 1) {
            Tensor res = be.convolve(a.larray(), 0, n, ker, off, off + len, out);
            if (a.split() == null) return new DNDarray(res, new long[] {len}, null, comm, null);
            return Redistribution.withMap(res, new long[] {len}, 0, comm, res.device());
        }
        Distribution cd = a.distribution();
        int tail = -1;
        for (int r = 0; r < p; r++) if (cd.count(r) > 0) tail = r;
        long[] counts = new long[p];
        long myLo = 0, myHi = 0;
        for (int r = 0; r < p; r++) {
            long lo = cd.displ(r), hi = lo + cd.count(r) + (r == tail ? m - 1 : 0);   // full-convolution positions of r
            lo = Math.max(lo, off);
            hi = Math.min(hi, off + len);
            counts[r] = Math.max(0, hi - lo);
            if (r == me) {
                myLo = lo;
                myHi = Math.max(lo, hi);
            }
        }
        Tensor prev = Halos.getHalo(a, m - 1)[0];
        long hp = prev.size();
        Tensor ext = be.empty(a.dtype(), hp + a.lshape()[0]);
        if (hp > 0) ext.narrow(0, 0, hp).copyFrom(prev);
        if (a.lshape()[0] > 0) ext.narrow(0, hp, a.lshape()[0]).copyFrom(a.larray());
        Tensor res = be.convolve(ext, cd.displ(me) - hp, n, ker, myLo, myHi, out);
        ext.free();
        long[] g = {len};
        return new DNDarray(res, g, 0, comm, Distribution.of(counts).lshapeMap(g, 0));
    }
}
