package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.LocalLinalg;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Weighted averages and higher moments (Heat's {@code average}, {@code cov}, {@code skew}, {@code kurtosis}).
 *
 * <ul>
 *   <li>{@code average}: numpy semantics, built from the distributed drivers (multiply, sum), so any split works;
 *   a zero sum of weights is detected collectively and raised on every process.</li>
 *   <li>{@code cov}: two passes over the observations. The data is laid out observation-split (an operand split
 *   along its variables is resplit, one Alltoallv); pass 1 sums each variable locally (one Allreduce) for the
 *   means, pass 2 forms the local products of the CENTRED data by one BLAS gemm (one Allreduce of the V×V
 *   matrix). No sum of raw products, no gather; the result is replicated. Complex data: the conjugated products
 *   X·X^H (numpy), complex128.</li>
 *   <li>{@code skew}, {@code kurtosis}: scipy.stats semantics from two-pass central moments (the mean first,
 *   then means of the centred powers), via the distributed reductions; computed in float64 (float32 input
 *   gives a float32 result).</li>
 * </ul>
 *
 * <pre>{@code
 * DNDarray a = Moments.average(x, 0, w);                 // weighted column means
 * DNDarray c = Moments.cov(x, null, false, false, null); // columns are variables
 * DNDarray s = Moments.skew(x, null, true);
 * }</pre>
 */
public final class Moments {
    private Moments() { }

    // ------------------------------------------------------------------------------------------- average

    /**
     * numpy.average: the mean along {@code axis} (null: all) weighted by {@code weights} (null: unweighted; same
     * shape as x, or 1-d with the length of {@code axis}).
     * <pre>{@code DNDarray a = Moments.average(x, 1, w); }</pre>
     */
    public static DNDarray average(DNDarray x, Integer axis, DNDarray weights) {
        return average(x, axis, weights, false)[0];
    }

    /**
     * numpy.average with {@code returned}: {@code {average}} or, when returned, {@code {average, sumOfWeights}}
     * (the sum broadcast to the average's shape). Integer input averages in float64 (numpy's result_type with f8);
     * complex data or weights average in the promoted complex type (numpy's result_type of data and weights).
     * <pre>{@code DNDarray[] r = Moments.average(x, 0, w, true); DNDarray avg = r[0], wsum = r[1]; }</pre>
     *
     * @throws IllegalArgumentException for weights of an incompatible shape, or no axis when shapes differ
     * @throws ArithmeticException when the weights sum to zero (numpy's ZeroDivisionError), on every process
     */
    public static DNDarray[] average(DNDarray x, Integer axis, DNDarray weights, boolean returned) {
        int nd = x.ndim();
        int ax = axis == null ? -1 : Shapes.normalizeAxis(axis, nd, "axis");
        int[] axes = ax < 0 ? null : new int[] {ax};
        long[] g = x.gshape();
        if (weights == null) {
            DNDarray avg = Statistics.mean(x, axes, false);
            if (!returned) return new DNDarray[] {avg};
            long count = ax < 0 ? x.size() : g[ax];
            return new DNDarray[] {avg, Factories.fullLike(avg, (double) count, null)};
        }
        boolean sameShape = Arrays.equals(weights.gshape(), g);
        if (!sameShape) {
            if (ax < 0) throw new IllegalArgumentException("average: axis must be specified when shapes of a and weights differ");
            if (weights.ndim() != 1) {
                throw new IllegalArgumentException("average: 1D weights expected when shapes of a and weights differ, got shape "
                        + Shapes.str(weights.gshape()));
            }
            if (weights.gshape()[0] != g[ax]) {
                throw new IllegalArgumentException("average: length of weights (" + weights.gshape()[0]
                        + ") not compatible with specified axis " + ax + " of extent " + g[ax]);
            }
        }
        DType rt = DType.promoteTypes(x.dtype(), weights.dtype());
        if (x.dtype().isIntegral()) rt = DType.promoteTypes(rt, DType.FLOAT64);
        DNDarray wf = weights.astype(rt);
        if (!sameShape) {
            // 1-d weights: viewed as (1, …, n, …, 1) they broadcast along the axis; their sum is one scalar
            DNDarray wB = alongAxis(wf, nd, ax);
            DNDarray total = Arithmetics.sum(wf, null, false);
            if (Relational.eq(total, 0.0).itemLong() != 0) throw zeroWeights();
            DNDarray prod = Arithmetics.mul(x.astype(rt), wB);
            DNDarray avg = Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV, Arithmetics.sum(prod, axes, false), total);
            if (!returned) return new DNDarray[] {avg};
            DNDarray s = Factories.fullLike(avg, 0.0, null);
            return new DNDarray[] {avg, Operations.binaryInPlace(Kernels.ADD, TypeRule.SAME, s, total)};
        }
        DNDarray scl = Arithmetics.sum(wf, axes, false);
        // the zero test is a collective any(): every process sees the same answer and throws alike
        if (Logical.any(Relational.eq(scl, 0.0))) throw zeroWeights();
        DNDarray prod = Arithmetics.mul(x.astype(rt), wf);
        DNDarray avg = Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV, Arithmetics.sum(prod, axes, false), scl);
        return returned ? new DNDarray[] {avg, scl} : new DNDarray[] {avg};
    }

    private static ArithmeticException zeroWeights() {
        return new ArithmeticException("average: weights sum to zero, can't be normalized");
    }

    /** A 1-d array viewed with shape (1, …, n, …, 1), n at {@code ax} (local; the split follows the data). */
    private static DNDarray alongAxis(DNDarray w, int nd, int ax) {
        long[] g = new long[nd], l = new long[nd];
        Arrays.fill(g, 1);
        Arrays.fill(l, 1);
        g[ax] = w.gshape()[0];
        l[ax] = w.lshape()[0];
        return new DNDarray(w.larray().reshape(l), g, w.split() == null ? null : ax, w.comm(),
                DNDarray.mapLike(w, g, w.split() == null ? -1 : ax));
    }

    // ------------------------------------------------------------------------------------------- cov

    /**
     * 1 / (N - ddof), and +inf where N - ddof <= 0 as numpy's (which warns "Degrees of freedom <= 0"): the products
     * become ±inf, and NaN where they are 0 (no spread, no observations).
     */
    private static double norm(long n, int dd) { return n - dd <= 0 ? Double.POSITIVE_INFINITY : 1.0 / (n - dd); }

    /** numpy.cov(m) with rows as variables, unbiased. <pre>{@code DNDarray c = Moments.cov(x); }</pre> */
    public static DNDarray cov(DNDarray m) { return cov(m, null, true, false, null); }

    /**
     * numpy.cov: the covariance matrix of the variables in m (and y, appended as further variables); each row is
     * a variable when {@code rowvar}, else each column. Normalised by N - ddof, with ddof = {@code ddof} or, when
     * null, 0 if {@code bias} else 1. float64, replicated; a single variable gives a 0-d result (numpy's squeeze).
     * Complex operands give complex128 and numpy's conjugated products: c = X·X^H / (N - ddof) of the centred
     * data X (Hermitian, real diagonal).
     * <pre>{@code DNDarray c = Moments.cov(x, y, false, false, null); }</pre>
     *
     * N - ddof <= 0 gives numpy's inf/NaN entries (numpy warns).
     *
     * @throws IllegalArgumentException for more than 2 dimensions or mismatched observation counts
     */
    public static DNDarray cov(DNDarray m, DNDarray y, boolean rowvar, boolean bias, Integer ddof) {
        Oriented mo = orient(m, rowvar, "m");
        Oriented yo = y == null ? null : orient(y, rowvar, "y");
        long n = mo.nObs();
        if (yo != null && yo.nObs() != n) {
            throw new IllegalArgumentException("cov: m has " + n + " observations but y has " + yo.nObs());
        }
        long vars = mo.nVars() + (yo == null ? 0 : yo.nVars());
        Communication comm = m.comm();
        boolean cplx = m.dtype().isComplex() || (y != null && y.dtype().isComplex());
        if (vars == 0) return replicatedOf(m.larray().newEmpty(cplx ? DType.COMPLEX128 : DType.FLOAT64, 0, 0), comm);
        int dd = ddof != null ? ddof : (bias ? 0 : 1);
        if (vars > 46340) throw new IllegalArgumentException("cov: too many variables: " + vars);
        // observation-split layout; operands split along their variables are resplit (one Alltoallv)
        DNDarray ma = mo.a().splitAxis() >= 0 && mo.a().splitAxis() != mo.obsAxis() ? mo.a().resplit(mo.obsAxis()) : mo.a();
        DNDarray ya = null;
        if (yo != null) ya = yo.a().splitAxis() >= 0 && yo.a().splitAxis() != yo.obsAxis() ? yo.a().resplit(yo.obsAxis()) : yo.a();
        long[] ref = null;
        if (ma.splitAxis() >= 0) ref = ma.distribution().counts();
        if (ya != null && ya.splitAxis() >= 0) {
            if (ref == null) ref = ya.distribution().counts();
            else if (!Arrays.equals(ref, ya.distribution().counts())) ya = ya.redistribute(ref);
        }
        boolean dist = ref != null && comm.size() > 1;
        long start = ref == null ? 0 : Distribution.displs(ref)[comm.rank()], count = ref == null ? n : ref[comm.rank()];
        int vm = (int) mo.nVars();
        if (cplx) return covComplex(ma, mo.obsAxis(), vm, ya, yo == null ? -1 : yo.obsAxis(), (int) vars, n, dd, start, count, dist);
        double[][] rows = new double[(int) vars][];
        fillRows(rows, 0, ma, mo.obsAxis(), start, count);
        if (ya != null) fillRows(rows, vm, ya, yo.obsAxis(), start, count);
        int v = (int) vars, nl = (int) count;
        // pass 1: means
        double[] mean = new double[v];
        for (int i = 0; i < v; i++) for (int k = 0; k < nl; k++) mean[i] += rows[i][k];
        if (dist) mean = allreduceSum(comm, mean);
        for (int i = 0; i < v; i++) mean[i] /= n;
        // pass 2: products of the centred data
        for (int i = 0; i < v; i++) for (int k = 0; k < nl; k++) rows[i][k] -= mean[i];
        double[] c = gram(rows, null, nl);
        if (dist) c = allreduceSum(comm, c);
        double f = norm(n, dd);
        for (int i = 0; i < v; i++) {
            for (int j = i; j < v; j++) {
                c[i * v + j] *= f;
                c[j * v + i] = c[i * v + j];
            }
        }
        Tensor t = Tensor.fromArray(c).reshape(v, v);
        if (v == 1) t = t.reshape();
        return replicatedOf(t.to(m.device()), comm);
    }

    /**
     * cov of complex operands (already laid out observation-split, {@code [start, start+count)} local): the
     * real and imaginary rows, their means (one Allreduce), then c[i][j] = Σ_k x_i[k]·conj(x_j[k]) of the centred
     * rows for j >= i (one Allreduce), the lower triangle its conjugate.
     */
    private static DNDarray covComplex(DNDarray ma, int mObs, int vm, DNDarray ya, int yObs, int v, long n, int dd,
                                       long start, long count, boolean dist) {
        Communication comm = ma.comm();
        double[][] re = new double[v][], im = new double[v][];
        fillRows(re, 0, Complexes.real(ma), mObs, start, count);
        fillRows(im, 0, Complexes.imag(ma), mObs, start, count);
        if (ya != null) {
            fillRows(re, vm, Complexes.real(ya), yObs, start, count);
            fillRows(im, vm, Complexes.imag(ya), yObs, start, count);
        }
        int nl = (int) count;
        double[] mean = new double[2 * v];
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < nl; k++) {
                mean[2 * i] += re[i][k];
                mean[2 * i + 1] += im[i][k];
            }
        }
        if (dist) mean = allreduceSum(comm, mean);
        for (int i = 0; i < v; i++) {
            double mr = mean[2 * i] / n, mi = mean[2 * i + 1] / n;
            for (int k = 0; k < nl; k++) {
                re[i][k] -= mr;
                im[i][k] -= mi;
            }
        }
        double[] c = gram(re, im, nl);   // interleaved (re, im), row-major
        if (dist) c = allreduceSum(comm, c);
        double f = norm(n, dd);
        for (int i = 0; i < v; i++) {
            for (int j = i; j < v; j++) {
                int u = 2 * (i * v + j), l = 2 * (j * v + i);
                c[u] *= f;
                c[u + 1] = i == j ? 0 : c[u + 1] * f;   // x·conj(x) is real; the sum's rounding cannot make it otherwise
                c[l] = c[u];
                c[l + 1] = -c[u + 1];
            }
        }
        Tensor t = Tensor.fromArray(c).reshape(v, v, 2).viewAsComplex();
        if (v == 1) t = t.reshape();
        return replicatedOf(t.to(ma.device()), comm);
    }

    /**
     * X·X^H of the local rows (v × nl; real when {@code im} is null, else complex with conjugation) by one BLAS
     * gemm: v × v row-major doubles, interleaved (re, im) when complex. Only the upper triangle is read later.
     */
    private static double[] gram(double[][] re, double[][] im, int nl) {
        int v = re.length;
        if (im == null) {
            double[] flat = new double[v * nl];
            for (int i = 0; i < v; i++) System.arraycopy(re[i], 0, flat, i * nl, nl);
            Tensor x = Tensor.fromArray(flat).reshape(v, nl), c = Tensor.fromArray(new double[v * v]).reshape(v, v);
            LocalLinalg.gemm(1, x, x.transpose(), 0, c);
            return c.toDoubleArray();
        }
        double[] z = new double[2 * v * nl], zc = new double[2 * v * nl];
        for (int i = 0; i < v; i++) {
            for (int k = 0; k < nl; k++) {
                int q = 2 * (i * nl + k);
                z[q] = re[i][k];
                z[q + 1] = im[i][k];
                zc[q] = re[i][k];
                zc[q + 1] = -im[i][k];
            }
        }
        Tensor x = Tensor.fromArray(z).reshape(v, nl, 2).viewAsComplex();
        Tensor xh = Tensor.fromArray(zc).reshape(v, nl, 2).viewAsComplex().transpose();
        Tensor c = Tensor.fromArray(new double[2 * v * v]).reshape(v, v, 2);
        LocalLinalg.gemm(1, x, xh, 0, c.viewAsComplex());
        return c.toDoubleArray();
    }

    /** An operand of cov with its observation axis; 1-d arrays are one variable. */
    private record Oriented(DNDarray a, int obsAxis, long nVars, long nObs) { }

    private static Oriented orient(DNDarray a, boolean rowvar, String name) {
        if (a.ndim() > 2) throw new IllegalArgumentException("cov: " + name + " has more than 2 dimensions");
        long[] g = a.gshape();
        if (a.ndim() == 0) return new Oriented(a, -1, 1, 1);
        if (a.ndim() == 1) return new Oriented(a, 0, 1, g[0]);
        // numpy transposes only when !rowvar and there is more than one row
        boolean varsAreRows = rowvar || g[0] == 1;
        return varsAreRows ? new Oriented(a, 1, g[0], g[1]) : new Oriented(a, 0, g[1], g[0]);
    }

    /** Copies the local observations [start, start+count) (of a replicated operand) or the local slab into rows. */
    private static void fillRows(double[][] rows, int from, DNDarray a, int obsAxis, long start, long count) {
        Tensor t = a.larray();
        if (a.ndim() == 0) {
            rows[from] = new double[] {t.getDouble()};
            return;
        }
        if (a.splitAxis() < 0) t = t.narrow(obsAxis, start, count);
        if (a.ndim() == 1) t = t.reshape(1, t.shape(0));
        else if (obsAxis == 0) t = t.transpose();
        double[][] r = Quantiles.localRows(t, 1);
        System.arraycopy(r, 0, rows, from, r.length);
    }

    private static double[] allreduceSum(Communication comm, double[] v) {
        if (v.length == 0) return v;
        Tensor t = Tensor.fromArray(v);
        comm.allreduce(t, ReduceOp.SUM);
        return t.toDoubleArray();
    }

    private static DNDarray replicatedOf(Tensor t, Communication comm) {
        return new DNDarray(t, t.shape(), null, comm, null);
    }

    // ------------------------------------------------------------------------------------------- skew / kurtosis

    /**
     * Sample skewness along {@code axis} (null: all), scipy.stats.skew with bias = !unbiased: g1 = m3 / m2^1.5,
     * unbiased G1 = sqrt(n(n-1)) / (n-2) · g1 (n > 2); NaN where the variance is zero to rounding.
     * <pre>{@code DNDarray s = Moments.skew(x, 0, true); }</pre>
     */
    public static DNDarray skew(DNDarray x, Integer axis, boolean unbiased) {
        return moments(x, axis, unbiased, true, false);
    }

    /**
     * Kurtosis along {@code axis} (null: all), scipy.stats.kurtosis(fisher, bias = !unbiased): b2 = m4 / m2²,
     * unbiased ((n²-1) m4/m2² - 3(n-1)²) / ((n-2)(n-3)) + 3 (n > 3); Fisher's definition subtracts 3 (normal → 0).
     * <pre>{@code DNDarray k = Moments.kurtosis(x, null, true, true); }</pre>
     */
    public static DNDarray kurtosis(DNDarray x, Integer axis, boolean fisher, boolean unbiased) {
        return moments(x, axis, unbiased, false, fisher);
    }

    private static DNDarray moments(DNDarray x, Integer axis, boolean unbiased, boolean skew, boolean fisher) {
        String op = skew ? "skew" : "kurtosis";
        x.dtype().requireReal(op);
        int ax = axis == null ? -1 : Shapes.normalizeAxis(axis, x.ndim(), "axis");
        int[] axes = ax < 0 ? null : new int[] {ax};
        long n = ax < 0 ? x.size() : x.gshape()[ax];
        DType out = x.dtype() == DType.FLOAT32 ? DType.FLOAT32 : DType.FLOAT64;
        double resolution = out == DType.FLOAT32 ? 1e-6 : 1e-15;   // numpy's finfo(dtype).resolution, as scipy uses
        DNDarray xf = x.dtype() == DType.FLOAT64 ? x : x.astype(DType.FLOAT64);
        // two passes: the mean, then the means of the powers of the centred data
        DNDarray meanK = Statistics.mean(xf, axes, true);
        DNDarray mean = Statistics.mean(xf, axes, false);
        DNDarray d = Arithmetics.sub(xf, meanK);
        DNDarray d2 = Arithmetics.mul(d, d);
        DNDarray m2 = Statistics.mean(d2, axes, false);
        DNDarray mk = Statistics.mean(skew ? Arithmetics.mul(d2, d) : Arithmetics.mul(d2, d2), axes, false);
        double[] v2 = m2.larray().toDoubleArray(), vk = mk.larray().toDoubleArray(), mu = mean.larray().toDoubleArray();
        double[] res = new double[v2.length];
        double nn = n;
        for (int i = 0; i < res.length; i++) {
            double a = v2[i], b = vk[i];
            boolean zero = a <= (resolution * mu[i]) * (resolution * mu[i]);
            double r;
            if (zero) {
                r = Double.NaN;
            } else if (skew) {
                r = b / Math.pow(a, 1.5);
                if (unbiased && n > 2) r = Math.sqrt((nn - 1.0) * nn) / (nn - 2.0) * b / Math.pow(a, 1.5);
            } else {
                r = b / (a * a);
                if (unbiased && n > 3) r = 1.0 / (nn - 2) / (nn - 3) * ((nn * nn - 1.0) * b / (a * a) - 3 * (nn - 1) * (nn - 1)) + 3.0;
            }
            if (!skew && fisher) r -= 3;
            res[i] = r;
        }
        Tensor t = Tensor.fromArray(res).reshape(m2.lshape());
        if (out != DType.FLOAT64) t = t.astype(out);
        return m2.withLocal(t.to(m2.device()));
    }
}
