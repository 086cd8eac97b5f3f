package org.jheat.graph;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.core.Index;
import org.jheat.core.Validation;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.sparse.Sparse;
import org.jheat.spatial.Spatial;
import org.jheat.tensor.Csr;
import org.jheat.tensor.DType;
import org.jheat.tensor.SparseKernels;
import org.jheat.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BinaryOperator;
import java.util.function.UnaryOperator;

/**
 * Heat's {@code ht.graph.Laplacian}: the graph Laplacian of a data set, whose vertices are the samples and whose
 * edge weights come from a similarity function (n × n, e.g. the rbf kernel).
 *
 * <p>Adjacency: {@code "fully_connected"} takes A = S; {@code "eNeighbour"} keeps only the entries below
 * ({@code "upper"}) or above ({@code "lower"}) the threshold — their values when {@code weighted}, 1 otherwise.
 * The diagonal of A is zero (no self-loops, also unweighted with an "upper" threshold, where Heat 1.8 counts one in
 * each degree). Definitions with degrees d = A·1 (an isolated vertex counts as degree 1, as in Heat, so its diagonal
 * entry of a normalised L is 1; scipy's {@code csgraph.laplacian(normed=True)} gives 0):
 * <ul>
 *   <li>{@code "simple"}: L = D − A</li>
 *   <li>{@code "norm_sym"} (default): L = I − D^{-1/2}·A·D^{-1/2}</li>
 *   <li>{@code "norm_rw"}: L = I − D^{-1}·A (Heat documents it but raises NotImplementedError)</li>
 * </ul>
 * The similarity matrix is split along its rows when X is (split 0, or split 1: S is symmetric, so a column split
 * is read as its transpose without moving data); only the degree vector (n values) is replicated.
 *
 * <p>{@link #constructSparse} builds the same L of an ε-neighbourhood graph as a {@link DCSRMatrix} without ever
 * holding the n × n similarity: the similarities of this process's rows to one block of columns at a time (the block's
 * samples replicated, about 2²² values a block), of which only the kept entries stay. It needs a pairwise similarity
 * ({@link #rbf}, {@link #euclidean}). The result feeds {@code Linalg.lanczos} directly (spectral clustering). Memory is
 * the graph's entries, O(nnz/p) per process, plus one block.
 *
 * <pre>{@code
 * Laplacian lap = Laplacian.rbf(0.5).definition("norm_sym");          // gamma = 1/(2σ²)
 * DNDarray l = lap.construct(x);                                      // (n, n), split 0 for x split 0
 * DNDarray e = new Laplacian(a -> Spatial.cdist(a)).mode("eNeighbour").threshold("upper", 1.5).construct(x);
 * DCSRMatrix s = Laplacian.euclidean().mode("eNeighbour").threshold("upper", 1.5).constructSparse(x);
 * }</pre>
 */
public final class Laplacian {
    /** Values of the similarity computed at a time by {@link #constructSparse} (per process, one column block). */
    private static final long BLOCK_VALUES = 1L << 22;

    private final UnaryOperator<DNDarray> similarity;
    /** The similarity of X's rows to Y's rows, (n, m); null for a similarity given only as X → S. */
    private final BinaryOperator<DNDarray> pairwise;
    private boolean weighted = true;
    private String definition = "norm_sym";
    private String mode = "fully_connected";
    private String thresholdKey = "upper";
    private double thresholdValue = 1.0;

    /**
     * A Laplacian from a similarity function X (n, f) → S (n, n), with Heat's defaults (weighted, "norm_sym",
     * "fully_connected", threshold "upper" 1.0). <pre>{@code new Laplacian(a -> Spatial.rbf(a, null, 1.0, true)) }</pre>
     */
    public Laplacian(UnaryOperator<DNDarray> similarity) {
        if (similarity == null) throw new IllegalArgumentException("Laplacian: similarity must not be null");
        this.similarity = similarity;
        this.pairwise = null;
    }

    private Laplacian(BinaryOperator<DNDarray> pairwise, UnaryOperator<DNDarray> similarity) {
        this.similarity = similarity;
        this.pairwise = pairwise;
    }

    /**
     * The rbf similarity exp(−γ·|x − y|²) (σ = sqrt(1/(2γ)), as Heat's Spectral builds it).
     * <pre>{@code Laplacian lap = Laplacian.rbf(1.0); }</pre>
     *
     * @throws IllegalArgumentException when gamma is not a positive finite number
     */
    public static Laplacian rbf(double gamma) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) throw new IllegalArgumentException("Laplacian.rbf: gamma must be a positive finite number, got " + gamma);
        double sigma = Math.sqrt(1 / (2 * gamma));
        return new Laplacian((a, b) -> Spatial.rbf(a, b, sigma, true), a -> Spatial.rbf(a, null, sigma, true));
    }

    /** Euclidean distances as the similarity (Heat's Spectral with metric "euclidean"). <pre>{@code Laplacian.euclidean()}</pre> */
    public static Laplacian euclidean() {
        return new Laplacian((a, b) -> Spatial.cdist(a, b, true), a -> Spatial.cdist(a, null, true));
    }

    /**
     * The definition: "simple", "norm_sym" or "norm_rw". <pre>{@code lap.definition("norm_rw"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public Laplacian definition(String d) {
        if (!"simple".equals(d) && !"norm_sym".equals(d) && !"norm_rw".equals(d)) {
            throw new IllegalArgumentException("Laplacian: invalid definition '" + d + "'; allowed: 'simple', 'norm_sym', 'norm_rw'");
        }
        this.definition = d;
        return this;
    }

    /**
     * How the adjacency follows from the similarity: "fully_connected" or "eNeighbour".
     * <pre>{@code lap.mode("eNeighbour"); }</pre>
     *
     * @throws IllegalArgumentException for another name
     */
    public Laplacian mode(String m) {
        if (!"fully_connected".equals(m) && !"eNeighbour".equals(m)) {
            throw new IllegalArgumentException("Laplacian: invalid mode '" + m + "'; allowed: 'fully_connected', 'eNeighbour'");
        }
        this.mode = m;
        return this;
    }

    /**
     * The ε-neighbourhood boundary: key "upper" keeps similarities &lt; value, "lower" keeps those &gt; value.
     * <pre>{@code lap.threshold("lower", 0.5); }</pre>
     *
     * @throws IllegalArgumentException for another key or a NaN value
     */
    public Laplacian threshold(String key, double value) {
        if (!"upper".equals(key) && !"lower".equals(key)) {
            throw new IllegalArgumentException("Laplacian: invalid threshold key '" + key + "'; allowed: 'upper', 'lower'");
        }
        if (Double.isNaN(value)) throw new IllegalArgumentException("Laplacian: the threshold value must not be NaN");
        this.thresholdKey = key;
        this.thresholdValue = value;
        return this;
    }

    /** Whether ε-neighbourhood edges keep their similarity (true, default) or weigh 1. <pre>{@code lap.weighted(false); }</pre> */
    public Laplacian weighted(boolean w) {
        this.weighted = w;
        return this;
    }

    /** The definition. <pre>{@code lap.definition()}</pre> */
    public String definition() { return definition; }

    /** The adjacency mode. <pre>{@code lap.mode()}</pre> */
    public String mode() { return mode; }

    /** The threshold key ("upper" or "lower"). <pre>{@code lap.thresholdKey()}</pre> */
    public String thresholdKey() { return thresholdKey; }

    /** The threshold value. <pre>{@code lap.thresholdValue()}</pre> */
    public double thresholdValue() { return thresholdValue; }

    /** Whether ε-neighbourhood edges are weighted. <pre>{@code lap.weighted()}</pre> */
    public boolean weighted() { return weighted; }

    /**
     * The Laplacian of the samples x (n, f). Collective. The similarity's result is turned into L in place (as Heat
     * does), so a similarity function should return a new array.
     * <pre>{@code DNDarray l = lap.construct(x); }</pre>
     *
     * @throws IllegalArgumentException when the similarity does not return a square (n, n) real matrix
     */
    public DNDarray construct(DNDarray x) {
        if (x == null) throw new IllegalArgumentException("Laplacian.construct: X must not be null");
        DNDarray s = similarity.apply(x);
        long n = x.ndim() >= 1 ? x.gshape()[0] : -1;
        if (s.ndim() != 2 || s.gshape()[0] != n || s.gshape()[1] != n) {
            throw new IllegalArgumentException("Laplacian.construct: the similarity must return an (n, n) = (" + n + ", " + n
                    + ") matrix, got shape " + java.util.Arrays.toString(s.gshape()));
        }
        if (!s.dtype().isFloat()) s = s.astype(DType.FLOAT64);
        if (s.splitAxis() == 1) s = s.T();   // symmetric: the transpose of a column split is a row split, same values
        if (s == x) s = s.copy();
        // every step below works in place on s: n² fresh elements per step would cost more (page faults) than the
        // arithmetic, and the similarity matrix is the one large array of the computation
        s.fillDiagonal(0.0);
        DNDarray a = s;
        if (mode.equals("eNeighbour")) {
            DNDarray keep = thresholdKey.equals("upper") ? s.lt(thresholdValue) : s.gt(thresholdValue);
            if (weighted) {
                s.set(0.0, Index.mask(Heat.logicalNot(keep)));
            } else {
                // the zeroed diagonal passes an "upper" threshold: without this each vertex had a self-loop of weight
                // 1 in its degree (as Heat 1.8's code does, against its zero-diagonal adjacency and constructSparse)
                a = keep.astype(s.dtype());
                a.fillDiagonal(0.0);
            }
        }
        DNDarray deg = a.sum(1);
        double[] d = (deg.splitAxis() >= 0 ? deg.resplit(null) : deg).toDoubleArray();
        double[] dd = new double[d.length];
        for (int i = 0; i < d.length; i++) dd[i] = d[i] == 0 ? 1.0 : d[i];
        switch (definition) {
            case "simple" -> {
                a.mulInPlace(-1.0);
                setDiagonal(a, d);
                return a;
            }
            case "norm_sym" -> {
                DNDarray r = Heat.array(sqrt(dd), s.dtype(), null).to(s.device());
                a.divInPlace(r.reshape(n, 1)).divInPlace(r.reshape(1, n)).mulInPlace(-1.0);
            }
            default -> a.divInPlace(Heat.array(dd, s.dtype(), null).to(s.device()).reshape(n, 1)).mulInPlace(-1.0);
        }
        a.fillDiagonal(1.0);
        return a;
    }

    /**
     * The Laplacian of an ε-neighbourhood graph of the samples x (n, f) as a sparse matrix (rows split like x's rows
     * when x is split along them, balanced otherwise): the same L as {@link #construct}, each process computing the
     * similarities of its rows block of columns by block and keeping only the graph's edges. Collective.
     * <pre>{@code DCSRMatrix l = Laplacian.rbf(0.5).mode("eNeighbour").threshold("lower", 0.01).constructSparse(x); }</pre>
     *
     * @throws IllegalArgumentException on every process when the mode is not "eNeighbour" (a fully connected graph is
     *     dense), the similarity was given only as a function X → S (use {@link #rbf} or {@link #euclidean}), or x is
     *     not a 2-D array
     */
    public DCSRMatrix constructSparse(DNDarray x) {
        String who = "Laplacian.constructSparse";
        if (x == null) throw new IllegalArgumentException(who + ": X must not be null");
        if (!mode.equals("eNeighbour")) {
            throw new IllegalArgumentException(who + ": needs mode 'eNeighbour' (a fully connected graph is dense; use construct), got '" + mode + "'");
        }
        if (pairwise == null) {
            throw new IllegalArgumentException(who + ": needs a pairwise similarity (Laplacian.rbf or Laplacian.euclidean); a function X -> S makes the dense n x n matrix");
        }
        Validation.check2d(x, who);
        DNDarray xf = x.dtype().isFloat() ? x : x.astype(DType.FLOAT64);
        if (xf.splitAxis() != 0) xf = xf.resplit(0);   // a replicated x is sliced locally; a column split moves once
        long n = xf.gshape()[0];
        long[] counts = xf.countsDispls()[0];
        int me = xf.comm().rank();
        long lo = xf.countsDispls()[1][me], mine = counts[me], most = 1;
        for (long c : counts) most = Math.max(most, c);
        long block = Math.max(1, Math.min(n, BLOCK_VALUES / most));
        SparseKernels k = xf.larray().backend().sparse();
        List<Tensor[]> parts = new ArrayList<>();
        long total = 0;
        DType dt = xf.dtype();
        for (long c0 = 0; c0 < n; c0 += block) {
            long c1 = Math.min(n, c0 + block);
            DNDarray yb = xf.get(Index.slice(c0, c1)).resplit(null);
            DNDarray s = pairwise.apply(xf, yb);
            if (s.splitAxis() != 0) s = s.resplit(0);
            // no self loops: NaN on this block's part of the diagonal is kept by neither threshold
            Tensor sl = s.larray();
            for (long i = Math.max(lo, c0); i < Math.min(lo + mine, c1); i++) sl.setDouble(Double.NaN, i - lo, i - c0);
            DNDarray keep = thresholdKey.equals("upper") ? s.lt(thresholdValue) : s.gt(thresholdValue);
            DNDarray a;
            if (weighted) {
                s.set(0.0, Index.mask(Heat.logicalNot(keep)));
                a = s;
            } else {
                a = keep.astype(dt);
            }
            Csr l = Sparse.sparseCsrMatrix(a).local();
            parts.add(new Tensor[] {k.rowIndices(l, lo), k.shift(l.indices(), c0), l.values()});
            total += l.nnz();
            sl.storage().free();
        }
        Tensor[] coo = new Tensor[3];
        for (int j = 0; j < 3; j++) {
            coo[j] = parts.isEmpty() ? xf.larray().newEmpty(j < 2 ? DType.INT64 : dt, 0) : parts.get(0)[j].newEmpty(parts.get(0)[j].dtype(), total);
            long off = 0;
            for (Tensor[] t : parts) {
                if (t[j].size() > 0) coo[j].narrow(0, off, t[j].size()).copyFrom(t[j]);
                off += t[j].size();
            }
        }
        DCSRMatrix adj = Sparse.fromCoo(coo[0], coo[1], coo[2], new long[] {n, n});
        if (!java.util.Arrays.equals(adj.counts(), counts)) adj = adj.redistribute(counts);
        DNDarray deg = adj.sum(1);
        double[] d = (deg.splitAxis() >= 0 ? deg.resplit(null) : deg).toDoubleArray();
        double[] dd = new double[d.length];
        for (int i = 0; i < d.length; i++) dd[i] = d[i] == 0 ? 1.0 : d[i];
        return switch (definition) {
            case "simple" -> diagonal(adj, d).sub(adj);
            case "norm_sym" -> {
                double[] r = new double[d.length];
                for (int i = 0; i < d.length; i++) r[i] = 1 / Math.sqrt(dd[i]);
                DNDarray rv = Heat.array(r, dt, null);
                yield diagonal(adj, null).sub(adj.mul(rv.reshape(n, 1)).mul(rv));
            }
            default -> {
                double[] r = new double[d.length];
                for (int i = 0; i < d.length; i++) r[i] = 1 / dd[i];
                yield diagonal(adj, null).sub(adj.mul(Heat.array(r, dt, null).reshape(n, 1)));
            }
        };
    }

    /** The diagonal matrix of d (ones for null) with a's rows and dtype. */
    private static DCSRMatrix diagonal(DCSRMatrix a, double[] d) {
        long lo = a.rowDispl(), m = a.lshape()[0];
        long[] ip = new long[(int) m + 1], ix = new long[(int) m];
        double[] v = new double[(int) m];
        for (int i = 0; i < m; i++) {
            ip[i + 1] = i + 1;
            ix[i] = lo + i;
            v[i] = d == null ? 1.0 : d[(int) (lo + i)];
        }
        return Sparse.sparseCsrMatrix(Tensor.fromArray(ip), Tensor.fromArray(ix), Tensor.fromArray(v).astype(a.dtype()), a.shape()[1]);
    }

    private static double[] sqrt(double[] d) {
        double[] r = new double[d.length];
        for (int i = 0; i < d.length; i++) r[i] = Math.sqrt(d[i]);
        return r;
    }

    /** Writes d into the diagonal entries this process holds (the local part of a row-split or replicated matrix). */
    private static void setDiagonal(DNDarray l, double[] d) {
        long off = l.splitAxis() == 0 ? l.distribution().displ(l.comm().rank()) : 0;
        Tensor t = l.larray();
        for (long i = 0; i < t.shape(0); i++) t.setDouble(d[(int) (off + i)], i, off + i);
    }
}
