package org.jheat.core;

import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Reductions;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Reductions and statistics (Heat's {@code statistics} module): min/max, argmin/argmax with GLOBAL indices, mean,
 * var/std from merged partial moments (each process contributes (n, mean, M2) of its slab; they are combined
 * with Chan et al.'s update, never as a naive sum of squares), ptp, and element-wise maximum/minimum.
 *
 * <pre>{@code
 * DNDarray m = Statistics.mean(x, new int[]{0}, false);
 * DNDarray v = Statistics.var(x, null, 1, false);       // sample variance of all elements
 * long i = Statistics.argmax(x, null, false).itemLong();
 * }</pre>
 */
public final class Statistics {
    private Statistics() { }

    /** Maximum over {@code axes} (null: all); NaN propagates; complex values in numpy's lexicographic order. <pre>{@code max(x, new int[] {0}, false)}</pre> */
    public static DNDarray max(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.MAX, x.dtype());
    }
    /** Minimum over {@code axes} (null: all); NaN propagates; complex values in numpy's lexicographic order. <pre>{@code min(x, null, false)}</pre> */
    public static DNDarray min(DNDarray x, int[] axes, boolean keepDims) {
        return Operations.reduce(x, axes, keepDims, Reductions.MIN, x.dtype());
    }
    /** Element-wise larger of a and b (NaN propagates; complex values in numpy's lexicographic order). */
    public static DNDarray maximum(Object a, Object b) {
        return complexOperand(a) || complexOperand(b) ? complexPick(a, b, true) : Operations.binary(Kernels.MAXIMUM, TypeRule.SAME, a, b);
    }
    /** Element-wise smaller of a and b (NaN propagates; complex values in numpy's lexicographic order). */
    public static DNDarray minimum(Object a, Object b) {
        return complexOperand(a) || complexOperand(b) ? complexPick(a, b, false) : Operations.binary(Kernels.MINIMUM, TypeRule.SAME, a, b);
    }

    // ---------------------------------------------------------------- numpy's order of complex numbers
    // lexicographic: by the real part, then by the imaginary part; a value with a NaN part wins (NaN propagates).
    // Composed of real operations (no complex kernel orders anything), so split layouts work as for real arrays.

    /** A complex operand: a complex array, a {@link Complex} scalar or (for type-only checks) a complex dtype. */
    static boolean complexOperand(Object o) {
        return o instanceof Complex || o instanceof DType t && t.isComplex() || o instanceof DNDarray d && d.dtype().isComplex();
    }

    /** maximum / minimum of complex operands: a where a wins (or has a NaN part and b has none first), else b. */
    private static DNDarray complexPick(Object a, Object b, boolean max) {
        Communication comm = a instanceof DNDarray d ? d.comm() : b instanceof DNDarray d ? d.comm() : DNDarray.world();
        DNDarray x = Operations.operand(a, comm), y = Operations.operand(b, comm);
        DNDarray xr = Complexes.real(x), yr = Complexes.real(y), xi = Complexes.imag(x), yi = Complexes.imag(y);
        DNDarray wins = Logical.logicalOr(max ? Relational.gt(xr, yr) : Relational.lt(xr, yr),
                Logical.logicalAnd(Relational.eq(xr, yr), max ? Relational.ge(xi, yi) : Relational.le(xi, yi)));
        DNDarray nx = Logical.isnan(x);
        return Indexing.where(Logical.logicalOr(nx, Logical.logicalAnd(Logical.logicalNot(Logical.isnan(y)), wins)), x, y);
    }

    /**
     * The elements of complex x that are its extreme over {@code axes} (null: all) in numpy's order, as a boolean
     * mask of x's shape; where a NaN is among them, the NaN elements instead. {@code out} gets {re, im} of the extreme
     * (keepDims shape; NaN + NaN·i where a NaN wins).
     */
    private static DNDarray complexExtremeMask(DNDarray x, int[] axes, boolean max, DNDarray[] out) {
        DNDarray re = Complexes.real(x), im = Complexes.imag(x), nan = Logical.isnan(x), ok = Logical.logicalNot(nan);
        double worst = max ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        DNDarray mre = extreme(Indexing.where(nan, worst, re), axes, max);
        DNDarray onRe = Logical.logicalAnd(Relational.eq(re, mre), ok);
        DNDarray mim = extreme(Indexing.where(onRe, im, worst), axes, max);
        DNDarray anyNan = Logical.any(nan, axes, true);
        if (out != null) {
            out[0] = Indexing.where(anyNan, Double.NaN, mre);
            out[1] = Indexing.where(anyNan, Double.NaN, mim);
        }
        return Indexing.where(anyNan, nan, Logical.logicalAnd(onRe, Relational.eq(im, mim)));
    }

    private static DNDarray extreme(DNDarray x, int[] axes, boolean max) {
        return Operations.reduce(x, axes, true, max ? Reductions.MAX : Reductions.MIN, x.dtype());
    }

    /** max / min of a complex array over axes (null: all) in numpy's order (see {@link #complexExtremeMask}). */
    static DNDarray complexExtreme(DNDarray x, int[] axes, boolean keepDims, boolean max) {
        DNDarray[] reIm = new DNDarray[2];
        complexExtremeMask(x, axes, max, reIm);
        DNDarray r = Complexes.complex(reIm[0], reIm[1]);   // the parts keep x's component type
        if (keepDims) return r;
        long[] g = x.gshape();
        boolean[] red = Operations.reducedAxes(axes, g.length);
        long[] kept = new long[g.length];
        int n = 0;
        for (int d = 0; d < g.length; d++) if (!red[d]) kept[n++] = g[d];
        return Shaping.reshape(r, java.util.Arrays.copyOf(kept, n));
    }
    /** Range (max - min) over {@code axes}. */
    public static DNDarray ptp(DNDarray x, int[] axes, boolean keepDims) {
        DNDarray hi = max(x, axes, keepDims), lo = min(x, axes, keepDims);
        return hi.dtype() == DType.BOOL ? Logical.logicalXor(hi, lo) : Arithmetics.sub(hi, lo);
    }

    static DType floatOf(DType t) { return TypeRule.TRUE_DIV.result(t); }

    private static long reducedCount(long[] shape, boolean[] red) {
        long n = 1;
        for (int d = 0; d < shape.length; d++) if (red[d]) n *= shape[d];
        return n;
    }

    /** Arithmetic mean over {@code axes} (null: all); integers give float64. */
    public static DNDarray mean(DNDarray x, int[] axes, boolean keepDims) {
        boolean[] red = Operations.reducedAxes(axes, x.ndim());
        DType out = floatOf(x.dtype());
        DNDarray s = Operations.reduce(x, axes, keepDims, Reductions.SUM, out);
        return Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV, s, (double) reducedCount(x.gshape(), red));
    }

    /**
     * Local sums over the reduced axes, in float64, keeping them as length-1 axes (for broadcasting); always a new
     * tensor, which the callers write into.
     */
    private static Tensor localSum(Tensor t, boolean[] red) {
        Tensor r = t;
        long[] keep = t.shape();
        Backend be = t.backend();
        for (int d = red.length - 1; d >= 0; d--) {
            if (red[d]) {
                r = be.reduce(Reductions.SUM, false, r, d, DType.FLOAT64);
                keep[d] = 1;
            }
        }
        // no axis reduced (var(x, axes = {})): a float64 copy, not a view of t — var divided the mean in place in the
        // caller's array and returned a view of its freed deviations block
        if (r == t) r = t.astype(DType.FLOAT64);
        return r.reshape(keep);
    }

    /**
     * Variance over {@code axes} (null: all) with {@code ddof} delta degrees of freedom (0: population, 1: sample);
     * with {@code ddof >= n} numpy's NaN (no spread, or no elements) or +inf.
     * Each process computes (n, mean, M2) of its slab in two passes; partial moments are merged exactly.
     * <pre>{@code DNDarray v = var(x, new int[]{0}, 1, false); }</pre>
     */
    public static DNDarray var(DNDarray x, int[] axes, int ddof, boolean keepDims) {
        int nd = x.ndim();
        boolean[] red = Operations.reducedAxes(axes, nd);
        if (x.dtype().isComplex()) {
            // numpy: the mean of |x - mean|^2, which is var(real) + var(imag), of the component type
            DNDarray v = var(Complexes.real(x), axes, ddof, keepDims);
            return Operations.binaryInPlace(Kernels.ADD, TypeRule.SAME, v, var(Complexes.imag(x), axes, ddof, keepDims));
        }
        long n = reducedCount(x.gshape(), red);
        if (ddof < 0) throw new IllegalArgumentException("var: ddof must be >= 0, got " + ddof);
        if (ddof >= n) {
            // numpy (and torch): the squared deviations over max(n - ddof, 0), so NaN where they sum to zero or there
            // are no elements, +inf elsewhere (numpy warns "Degrees of freedom <= 0"); a NaN, not an exception, for the
            // sample variance of a one-element group
            if (n == 0) return mean(x, axes, keepDims);   // 0 / 0 in the reduced shape and float dtype
            // M2 / 0 = (population variance · n) / 0, and n > 0: the population variance over 0 gives the same NaN/inf
            return Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV, var(x, axes, 0, keepDims), 0.0);
        }
        DType out = floatOf(x.dtype());
        if (Reproducible.applies(x.dtype(), DType.FLOAT64)) {
            // two exact sums: the mean, then the squared deviations from it (the same bits for any split and np)
            DNDarray xf = x.dtype() == DType.FLOAT64 ? x : x.astype(DType.FLOAT64);
            DNDarray mu = Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV,
                    Operations.reduce(xf, axes, true, Reductions.SUM, DType.FLOAT64), (double) n);
            DNDarray dev = Arithmetics.sub(xf, mu);
            Operations.binaryInPlace(Kernels.MUL, TypeRule.SAME, dev, dev);
            DNDarray v = Operations.binaryInPlace(Kernels.DIV, TypeRule.TRUE_DIV,
                    Operations.reduce(dev, axes, keepDims, Reductions.SUM, DType.FLOAT64), (double) (n - ddof));
            return v.dtype() == out ? v : v.astype(out);
        }
        Tensor local = x.larray();
        Backend be = local.backend();
        long nl = reducedCount(local.shape(), red);
        Tensor mean = localSum(local, red);
        Tensor meanK = mean;
        be.elementwise(Kernels.DIV, false, mean, mean, scalar(local, nl).broadcastTo(mean.shape()));
        Tensor m2 = squaredDeviations(local, meanK, red);
        int split = x.splitAxis();
        Communication comm = x.comm();
        if (split >= 0 && red[split] && comm.size() > 1) {
            int p = comm.size();
            long m = mean.size();
            Tensor part = be.empty(DType.FLOAT64, 2 * m + 1);
            part.setDoubleFlat(nl, 0);
            part.narrow(0, 1, m).copyFrom(mean.reshape(m));
            part.narrow(0, 1 + m, m).copyFrom(m2.reshape(m));
            Tensor all = be.empty(DType.FLOAT64, p * (2 * m + 1));
            comm.allgather(part, all);
            double[] a = all.toDoubleArray();
            double[] cm = new double[(int) m], c2 = new double[(int) m];
            double cn = 0;
            for (int r = 0; r < p; r++) {
                int base = r * (int) (2 * m + 1);
                double nb = a[base];
                if (nb == 0) continue;
                double tot = cn + nb;
                for (int i = 0; i < m; i++) {
                    double mb = a[base + 1 + i], qb = a[base + 1 + (int) m + i];
                    if (cn == 0) {   // the first group as it is: its squared mean may overflow, and inf·0 is NaN
                        cm[i] = mb;
                        c2[i] = qb;
                        continue;
                    }
                    double delta = mb - cm[i];
                    cm[i] += delta * nb / tot;
                    c2[i] += qb + delta * delta * cn * nb / tot;
                }
                cn = tot;
            }
            m2 = Tensor.fromArray(c2).reshape(m2.shape()).to(local.device());
        }
        be.elementwise(Kernels.DIV, false, m2, m2, scalar(local, n - ddof).broadcastTo(m2.shape()));
        long[] g = x.gshape();
        long[] outG = Operations.reducedShape(g, red, keepDims);
        Tensor res = m2.astype(out).reshape(Operations.reducedShape(m2.shape(), red, keepDims));
        boolean global = split >= 0 && red[split] && comm.size() > 1;
        // reducing the split axis replicates the result (also with keepDims, also on one process), as Operations.reduce
        Integer outSplit = split < 0 || red[split] ? null : (keepDims ? split : Operations.shiftedSplit(split, red));
        if (global) res = res.reshape(outG);
        return new DNDarray(res, outG, outSplit, comm, DNDarray.mapLike(x, outG, outSplit == null ? -1 : outSplit));
    }

    /** Elements of one slab of {@link #squaredDeviations}: 8 MiB of float64, which stays in the last-level cache
     * (package-visible so that tests can cut small arrays into many slabs). */
    static long deviationSlab = 1L << 20;

    /**
     * The local sums of (t − center)² over {@code red} (center: the local means, reduced axes of length 1), reduced
     * axes kept with length 1. Slabs of about {@link #deviationSlab} elements along the first axis, each through one
     * reused temporary: the deviations of the whole slab at once were a full-size float64 temporary (fresh memory on
     * a program's first {@code std}, 128 MiB for 2e6×8, and the array's size in memory again for a large one), written
     * and read back from main memory twice.
     */
    private static Tensor squaredDeviations(Tensor t, Tensor center, boolean[] red) {
        Backend be = t.backend();
        long[] s = t.shape();
        long size = Shapes.size(s);
        long rows = s.length == 0 ? 0 : s[0];
        if (size <= deviationSlab || rows < 2) {
            Tensor dev = be.empty(DType.FLOAT64, s);
            Tensor m2 = sumOfSquares(t, center, red, dev);
            dev.free();
            return m2;
        }
        long step = Math.max(1, deviationSlab / (size / rows));
        Tensor m2 = null;
        Tensor dev = null;
        for (long i = 0; i < rows; i += step) {
            long r = Math.min(step, rows - i);
            Tensor part = t.narrow(0, i, r);
            long[] ps = part.shape();
            if (dev == null || dev.shape()[0] != r) {
                if (dev != null) dev.free();
                dev = be.empty(DType.FLOAT64, ps);
            }
            Tensor m = sumOfSquares(part, red[0] ? center : center.narrow(0, i, r), red, dev);
            if (red[0]) {
                // slab sums added in slab order: the same result for any thread count
                if (m2 == null) {
                    m2 = m;
                    continue;
                }
                be.elementwise(Kernels.ADD, false, m2, m2, m);
            } else {
                if (m2 == null) {
                    long[] ms = m.shape();   // the slab's sums: the kept shape, with this slab's rows
                    ms[0] = rows;
                    m2 = be.empty(DType.FLOAT64, ms);
                }
                m2.narrow(0, i, r).copyFrom(m);
            }
            m.free();
        }
        dev.free();
        return m2;
    }

    /** The local sums of (part − c)² over {@code red}, through {@code dev} (float64, part's shape). */
    private static Tensor sumOfSquares(Tensor part, Tensor c, boolean[] red, Tensor dev) {
        Backend be = part.backend();
        be.elementwise(Kernels.SUB, false, dev, part, c.broadcastTo(part.shape()));
        be.elementwise(Kernels.SQUARE, false, dev, dev);
        return localSum(dev, red);
    }

    /** A float64 0-d tensor on {@code like}'s device. */
    private static Tensor scalar(Tensor like, double v) {
        return like.newFull(DType.FLOAT64, v);
    }

    /** Standard deviation: sqrt of {@link #var}. */
    public static DNDarray std(DNDarray x, int[] axes, int ddof, boolean keepDims) {
        DNDarray v = var(x, axes, ddof, keepDims);
        return Operations.unaryInPlace(Kernels.SQRT, TypeRule.FLOAT, v);
    }

    /** Index of the maximum (first occurrence; a NaN wins; complex: lexicographic), over the flattened array (axis null) or along an axis. */
    public static DNDarray argmax(DNDarray x, Integer axis, boolean keepDims) { return arg(x, axis, keepDims, true); }

    /** Index of the minimum (first occurrence; a NaN wins). */
    public static DNDarray argmin(DNDarray x, Integer axis, boolean keepDims) { return arg(x, axis, keepDims, false); }

    /** a beats b (value then index): NaN first, then larger (max) or smaller (min), ties to the smaller index. */
    private static boolean better(double va, long ia, double vb, long ib, boolean max) {
        boolean na = va != va, nb = vb != vb;
        if (na || nb) return na && (!nb || ia < ib);
        if (va == vb) return ia < ib;
        return max ? va > vb : va < vb;
    }

    private static boolean betterL(long va, long ia, long vb, long ib, boolean max) {
        if (va == vb) return ia < ib;
        return max ? va > vb : va < vb;
    }

    private static DNDarray arg(DNDarray x, Integer axis, boolean keepDims, boolean max) {
        String op = max ? "argmax" : "argmin";
        int nd = x.ndim();
        long[] g = x.gshape();
        int ax = axis == null ? -1 : Shapes.normalizeAxis(axis, nd, "axis");
        // numpy: only an empty reduced axis is an error; (4, 0) along axis 0 gives an empty result
        if (ax < 0 ? x.size() == 0 : g[ax] == 0) throw new IllegalArgumentException("attempt to get " + op + " of an empty sequence");
        if (x.dtype().isComplex()) {
            // the first element of the mask of extremes (numpy's order; the first NaN where there is one)
            return arg(complexExtremeMask(x, axis == null ? null : new int[] {axis}, max, null).astype(DType.INT8), axis, keepDims, true);
        }
        boolean integral = x.dtype().isIntegral();
        Tensor local = x.larray();
        int split = x.splitAxis();
        Communication comm = x.comm();
        Distribution cd = split >= 0 ? x.distribution() : null;
        long off = split >= 0 ? cd.displ(comm.rank()) : 0;
        // rows: (M, K) with the reduced axis (or everything) last
        Tensor rows;
        long[] gstr = Shapes.cStrides(g);
        if (ax < 0) {
            rows = local.contiguous().reshape(1, local.size());
        } else {
            int[] perm = new int[nd];
            for (int d = 0, j = 0; d < nd; d++) if (d != ax) perm[j++] = d;
            perm[nd - 1] = ax;
            Tensor moved = local.permute(perm).contiguous();
            long outer = 1;   // from the shape, not size / K: an empty slab must still agree on the row count
            for (int d = 0; d < nd; d++) if (d != ax) outer *= local.shape(d);
            rows = moved.reshape(outer, local.shape(ax));
        }
        long m = rows.shape(0);
        // the local winners (a kernel of the array's device), then m-sized bookkeeping on the host
        Tensor[] vi = rows.backend().argExtreme(rows, max);
        double[] bestV = integral ? null : vi[0].toDoubleArray();
        long[] bestL = integral ? vi[0].toLongArray() : null, bestI = vi[1].toLongArray();
        long[] lshape = local.shape();
        for (int i = 0; i < m; i++) {
            // local index -> global index (flat C order for axis null, position along the axis otherwise)
            if (bestI[i] >= 0) {
                if (ax < 0) {
                    long rem = bestI[i], gi = 0;
                    for (int d = nd - 1; d >= 0; d--) {
                        long li = rem % lshape[d];
                        rem /= lshape[d];
                        gi += (d == split ? li + off : li) * gstr[d];
                    }
                    bestI[i] = gi;
                } else if (ax == split) {
                    bestI[i] += off;
                }
            }
        }
        boolean global = split >= 0 && (ax < 0 || ax == split) && comm.size() > 1;
        if (global) {
            int p = comm.size();
            long[] mine = new long[(int) (2 * m)];
            for (int i = 0; i < m; i++) {
                mine[2 * i] = integral ? bestL[i] : Double.doubleToRawLongBits(bestV[i]);
                mine[2 * i + 1] = bestI[i];
            }
            long[] all = comm.allgather(mine);
            for (int r = 0; r < p; r++) {
                for (int i = 0; i < m; i++) {
                    long v = all[(int) (r * 2 * m + 2 * i)], idx = all[(int) (r * 2 * m + 2 * i + 1)];
                    if (idx < 0) continue;
                    boolean b = bestI[i] < 0 || (integral ? betterL(v, idx, bestL[i], bestI[i], max)
                            : better(Double.longBitsToDouble(v), idx, bestV[i], bestI[i], max));
                    if (b) {
                        bestI[i] = idx;
                        if (integral) bestL[i] = v; else bestV[i] = Double.longBitsToDouble(v);
                    }
                }
            }
        }
        boolean[] red = new boolean[nd];
        if (ax < 0) java.util.Arrays.fill(red, true); else red[ax] = true;
        long[] outG = Operations.reducedShape(g, red, keepDims);
        long[] outL = global || split < 0 ? outG : Operations.reducedShape(lshape, red, keepDims);
        Tensor res = Tensor.fromArray(bestI).reshape(outL).to(local.device());
        Integer outSplit = global || split < 0 || red[split] ? null : (keepDims ? split : Operations.shiftedSplit(split, red));
        return new DNDarray(res, outG, outSplit, comm, DNDarray.mapLike(x, outG, outSplit == null ? -1 : outSplit));
    }
}
