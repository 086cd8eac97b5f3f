package org.jheat.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.jheat.testing.MlGolden;

/** Shared helpers of the sparse tests: the scipy goldens (scripts/golden/make_sparse.py), layouts, comparisons. */
final class SparseTesting {
    private SparseTesting() { }

    static MlGolden gold() { return MlGolden.of("sparse.txt.gz"); }

    static Tensor g(String key) { return gold().get(key); }

    static Tensor in(String name) { return g("in." + name); }

    /** Dense layouts of a 2-D (or 1-D) tensor: replicated, split along each axis balanced, all on the last rank, uneven with empty ranks. */
    static List<DNDarray> layouts(Tensor full) {
        List<DNDarray> out = new ArrayList<>();
        out.add(Factories.fromReplicated(full, null));
        int p = Dist.comm().size();
        for (int s = 0; s < full.ndim(); s++) {
            DNDarray b = Factories.fromReplicated(full, s);
            out.add(b);
            if (p == 1) continue;
            out.add(b.redistribute(lastRank(full.shape(s), p)));
            out.add(b.redistribute(uneven(full.shape(s), p)));
        }
        return out;
    }

    /** Everything on the last rank. */
    static long[] lastRank(long n, int p) {
        long[] c = new long[p];
        c[p - 1] = n;
        return c;
    }

    /** Rank 0 empty, the rest spread unevenly (n/2 on the last rank). */
    static long[] uneven(long n, int p) {
        long[] c = new long[p];
        if (p == 1) {
            c[0] = n;
            return c;
        }
        c[p - 1] = n / 2;
        long rest = n - n / 2;
        for (int r = 1; r < p - 1 && rest > 0; r++) {
            c[r] = Math.min(rest, 1 + r);
            rest -= c[r];
        }
        c[p - 2 < 1 ? p - 1 : p - 2] += rest;
        return c;
    }

    /** DCSR forms of a dense matrix: from each dense layout, plus the balanced one redistributed unevenly. */
    static List<DCSRMatrix> csrLayouts(Tensor full) {
        List<DCSRMatrix> out = new ArrayList<>();
        for (DNDarray d : layouts(full)) out.add(Sparse.sparseCsrMatrix(d));
        int p = Dist.comm().size();
        if (p > 1) out.add(out.get(1).redistribute(uneven(full.shape(0), p)));
        return out;
    }

    static double tol(DType t) { return t == DType.FLOAT32 ? 3e-6 : t == DType.FLOAT64 ? 1e-12 : 0; }

    /** The gathered x equals want: dtype, shape, values (within the dtype's tolerance); on every rank. */
    static void close(Tensor want, DNDarray x, String what) {
        Tensor got = x.gatherAll();
        Dist.collectively(() -> closeLocal(want, got, what));
    }

    static void closeLocal(Tensor want, Tensor got, String what) {
        assertEquals(want.dtype(), got.dtype(), what + ": dtype");
        assertArrayEquals(want.shape(), got.shape(), () -> what + ": shape " + Shapes.str(got.shape()) + ", expected " + Shapes.str(want.shape()));
        double rtol = tol(want.dtype());
        double scale = 1;
        for (long i = 0; i < want.size(); i++) scale = Math.max(scale, Math.abs(want.getDoubleFlat(i)));
        for (long i = 0; i < want.size(); i++) {
            double a = want.getDoubleFlat(i), b = got.getDoubleFlat(i);
            boolean ok = rtol == 0 ? want.getLongFlat(i) == got.getLongFlat(i) || a == b : a == b || Math.abs(a - b) <= rtol * scale;
            long at = i;
            assertTrue(ok, () -> what + ": element " + at + " is " + b + ", expected " + a + "\nexpected " + want + "\nactual   " + got);
        }
    }

    /** The same matrix in dtype t (values compared within t's tolerance). */
    static Tensor as(Tensor t, DType d) { return t.dtype() == d ? t : t.astype(d); }

    static String desc(DCSRMatrix a) { return a.toString(); }

    static String desc(DNDarray x) {
        return Shapes.str(x.gshape()) + " split=" + x.split() + (x.split() == null ? "" : " counts " + java.util.Arrays.toString(x.countsDispls()[0]));
    }
}
