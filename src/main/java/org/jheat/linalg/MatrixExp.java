package org.jheat.linalg;

import java.util.Arrays;

import org.jheat.comm.SingleProcess;
import org.jheat.core.Arithmetics;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The matrix exponential (Heat 1.8's {@code matrix_exp}, scipy's {@code expm}) by scaling and squaring with a
 * diagonal Padé approximant (Higham 2005: degree 3, 5, 7, 9 or 13 chosen from ‖A‖₁; float32 uses degrees 3, 5, 7
 * with single-precision thresholds). Built on the distributed products: a matrix split along one of its axes runs
 * matmul's ring (split 0 · split 0), one distributed LU solve and the squarings, so no process holds the whole matrix
 * (Heat only allows splits along batch axes). Matrices split along a batch axis, or replicated, are exponentiated
 * locally. The result is split like the input.
 *
 * <pre>{@code DNDarray e = MatrixExp.expm(a); }</pre>
 */
final class MatrixExp {
    private MatrixExp() { }

    private static final double[] B13 = {64764752532480000d, 32382376266240000d, 7771770303897600d, 1187353796428800d,
        129060195264000d, 10559470521600d, 670442572800d, 33522128640d, 1323241920d, 40840800d, 960960d, 16380d, 182d, 1d};
    private static final double[][] B = {
        null, null, null, {120, 60, 12, 1}, null, {30240, 15120, 3360, 420, 30, 1}, null,
        {17297280, 8648640, 1995840, 277200, 25200, 1512, 56, 1}, null,
        {17643225600d, 8821612800d, 2075673600d, 302702400, 30270240, 2162160, 110880, 3960, 90, 1}};
    private static final int[] DEG64 = {3, 5, 7, 9, 13}, DEG32 = {3, 5, 7};
    private static final double[] THETA64 = {1.495585217958292e-2, 2.539398330063230e-1, 9.504178996162932e-1, 2.097847961257068e0,
        5.371920351148152e0};
    private static final double[] THETA32 = {4.258730016922831e-1, 1.880152677804762e0, 3.925724783138660e0};

    /** exp(A) of a (…, n, n) stack, split like a. */
    static DNDarray expm(DNDarray a) {
        Solvers.square(a, "matrixExp");
        DType t = Solvers.floatType("matrixExp", a.dtype());
        DNDarray x = a.dtype() == t ? a : a.astype(t);
        int nd = x.ndim();
        long n = x.gshape()[nd - 1];
        if (!Solvers.matrixSplit(x)) {
            // local matrices: each is exponentiated on a one-process communicator, so no message is ever sent
            Tensor local = x.larray();
            Tensor out = local.newEmpty(t, local.shape());
            SingleProcess self = new SingleProcess();
            Solvers.forEach(Arrays.copyOf(local.shape(), nd - 2), idx -> {
                DNDarray m = new DNDarray(Blocks.at(local, idx).contiguous(), new long[] {n, n}, null, self, x.device(), null);
                Blocks.at(out, idx).copyFrom(expm2(m, t).larray());
            });
            return Dnd.wrap(out, x.gshape(), x.splitAxis(), Dnd.counts(x), x);
        }
        boolean transposed = x.splitAxis() == nd - 1;   // exp(Aᵀ) = exp(A)ᵀ
        DNDarray rows = transposed ? Basics.matrixTranspose(x) : x;
        long[] counts = Dnd.counts(rows);
        int me = x.comm().rank();
        long[] batch = Arrays.copyOf(x.gshape(), nd - 2);
        Tensor out = rows.larray().newEmpty(t, Blocks.concat(batch, counts[me], n));
        Solvers.forEach(batch, idx -> {
            DNDarray m = Dnd.wrap(Blocks.at(rows.larray(), idx), new long[] {n, n}, 0, counts, x);
            DNDarray e = expm2(m, t);
            if (!Dnd.same(Dnd.counts(e), counts)) e = e.redistribute(counts);
            Blocks.at(out, idx).copyFrom(e.larray());
        });
        DNDarray r = Dnd.wrap(out, rows.gshape(), nd - 2, counts, x);
        return transposed ? Basics.matrixTranspose(r) : r;
    }

    /** exp(A) of one matrix, split along rows or replicated. */
    private static DNDarray expm2(DNDarray a, DType t) {
        long n = a.gshape()[0];
        if (n == 0) return a.astype(t);
        double norm = Norms.matrixNorm(a, 1.0, new int[] {0, 1}, false).itemDouble();
        int[] deg = t == DType.FLOAT32 ? DEG32 : DEG64;
        double[] theta = t == DType.FLOAT32 ? THETA32 : THETA64;
        for (int i = 0; i < deg.length - 1; i++) {
            if (norm <= theta[i]) return pade(a, deg[i], t);
        }
        int s = norm <= theta[deg.length - 1] ? 0 : (int) Math.ceil(Math.log(norm / theta[deg.length - 1]) / Math.log(2));
        DNDarray as = s == 0 ? a : Arithmetics.mul(a, Math.scalb(1.0, -s));
        DNDarray r = pade(as, deg[deg.length - 1], t);
        for (int i = 0; i < s; i++) r = Matmul.matmul(r, r);
        return r;
    }

    /** The [m/m] Padé approximant r_m(A) = (V - U)⁻¹(V + U). */
    private static DNDarray pade(DNDarray a, int m, DType t) {
        DNDarray id = identity(a, t);
        DNDarray a2 = Matmul.matmul(a, a);
        DNDarray u, v;
        if (m == 13) {
            DNDarray a4 = Matmul.matmul(a2, a2), a6 = Matmul.matmul(a4, a2);
            double[] b = B13;
            DNDarray w1 = comb(new double[] {b[13], b[11], b[9]}, a6, a4, a2);
            DNDarray w2 = comb(new double[] {b[7], b[5], b[3], b[1]}, a6, a4, a2, id);
            u = Matmul.matmul(a, Arithmetics.add(Matmul.matmul(a6, w1), w2));
            DNDarray z1 = comb(new double[] {b[12], b[10], b[8]}, a6, a4, a2);
            DNDarray z2 = comb(new double[] {b[6], b[4], b[2], b[0]}, a6, a4, a2, id);
            v = Arithmetics.add(Matmul.matmul(a6, z1), z2);
        } else {
            double[] b = B[m];
            int half = m / 2;
            DNDarray[] pw = new DNDarray[half + 1];   // pw[k] = A^(2k)
            pw[0] = id;
            pw[1] = a2;
            for (int k = 2; k <= half; k++) pw[k] = Matmul.matmul(pw[k - 1], a2);
            double[] odd = new double[half + 1], even = new double[half + 1];
            for (int k = 0; k <= half; k++) {
                odd[k] = b[2 * k + 1];
                even[k] = b[2 * k];
            }
            u = Matmul.matmul(a, comb(odd, pw));
            v = comb(even, pw);
        }
        return Solvers.solve(Arithmetics.sub(v, u), Arithmetics.add(v, u));
    }

    /** Σ c_i·X_i. */
    private static DNDarray comb(double[] c, DNDarray... x) {
        DNDarray r = Arithmetics.mul(x[0], c[0]);
        for (int i = 1; i < c.length; i++) r = Arithmetics.add(r, Arithmetics.mul(x[i], c[i]));
        return r;
    }

    /** The identity distributed like a's rows (or replicated like a), on a's communicator. */
    private static DNDarray identity(DNDarray a, DType t) {
        long n = a.gshape()[0];
        if (a.splitAxis() < 0) {
            Tensor e = a.larray().newZeros(t, n, n);
            for (long i = 0; i < n; i++) e.setDouble(1.0, i, i);
            return Dnd.wrap(e, new long[] {n, n}, -1, null, a);
        }
        long[] counts = Dnd.counts(a);
        int me = a.comm().rank();
        long d0 = Distribution.displs(counts)[me];
        Tensor e = a.larray().newZeros(t, counts[me], n);
        for (long i = 0; i < counts[me]; i++) e.setDouble(1.0, i, d0 + i);
        return Dnd.wrap(e, new long[] {n, n}, 0, counts, a);
    }
}
