package org.jheat.cluster;

import org.jheat.comm.Communication;
import org.jheat.comm.SingleProcess;
import org.jheat.core.DNDarray;
import org.jheat.tensor.Device;
import org.jheat.core.Joining;
import org.jheat.core.Redistribution;
import org.jheat.core.Distribution;
import org.jheat.io.IO;
import org.jheat.io.Slice;
import org.jheat.tensor.Backend;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The rows an estimator reads, as this process sees them: one or more chunks of local rows, each with the global
 * index of its first row. Every pass of every algorithm walks the chunks in the same order, so per-row state (labels,
 * distances) is kept by local position. In memory there is one chunk (the local slab; a replicated array
 * contributes a balanced share of its rows, so the work is still divided); from a file the chunks are read one by
 * one with the parallel HDF5 reader (netCDF-4 files are HDF5 files), so the data never has to fit in memory.
 * Floats keep their dtype; other types become float64 (as scikit-learn).
 */
abstract class Samples {
    /** One chunk: local rows (contiguous, float), the global index of the first, its position among the local rows. */
    @FunctionalInterface
    interface ChunkBody {
        void accept(Tensor rows, long globalStart, long localStart);
    }

    final Communication comm;
    /** Where the rows live: every temporary of a pass over them is made here. */
    Device device;
    long n;
    int f;
    DType dtype;
    long localRows;
    /** Column means and the mean of the column variances (population), from {@link #scan}. */
    double[] mean;
    double meanVariance;

    Samples(Communication comm) { this.comm = comm; }

    /** The backend of the rows' device (allocations of the passes over them). */
    Backend backend() { return Backend.forDevice(device); }

    /** Calls {@code body} for each local chunk, in order (collective: every process calls it equally often). */
    abstract void forEach(ChunkBody body);

    /** True when the rows are in memory (required by the median-based updates). */
    abstract boolean inMemory();

    /** The in-memory local rows (only when {@link #inMemory()}). */
    Tensor rows() { throw new UnsupportedOperationException("the samples are read from a file chunk by chunk"); }

    /** The global index of the first in-memory local row. */
    long globalStart() { throw new UnsupportedOperationException("the samples are read from a file chunk by chunk"); }

    /**
     * One collective pass: checks every value is finite and computes the column means and variances (merged per
     * block and across processes with Chan's formulas). The same exception on every process for NaN or infinity.
     */
    void scan(String who) { scan(who, true); }

    /** {@link #scan(String)}, computing the moments only when asked (else just the finiteness check). */
    void scan(String who, boolean moments) {
        int w = 2 * f + 2;
        java.util.List<double[]> parts = new Pass<double[]>(this, null, false, false) {
            @Override double[] newState() { return new double[w]; }

            @Override boolean needsX() { return moments || dtype != DType.FLOAT32; }

            @Override boolean needsXf() { return !needsX(); }

            @Override void block(double[] st, Pass.Block b) {
                int n = b.n, ff = Samples.this.f;
                double nan = 0;
                if (!moments) {
                    int len = n * ff;
                    if (b.xf != null && !needsX()) {
                        float[] xf = b.xf;
                        float fn = 0;
                        for (int i = 0; i < len; i++) fn += xf[i] - xf[i];   // NaN for NaN or infinity, else 0
                        nan = fn;
                    } else {
                        double[] x = b.x;
                        for (int i = 0; i < len; i++) nan += x[i] - x[i];
                    }
                    if (nan != 0) st[1] = 1;
                    st[0] += n;
                    return;
                }
                double[] x = b.x, cm = new double[ff], cs = new double[ff];
                for (int i = 0; i < n; i++) {
                    int o = i * ff;
                    for (int c = 0; c < ff; c++) {
                        double v = x[o + c];
                        nan += v - v;          // NaN for NaN or infinity, else 0
                        cm[c] += v;
                    }
                }
                if (nan != 0) st[1] = 1;
                for (int c = 0; c < ff; c++) cm[c] /= n;
                for (int i = 0; i < n; i++) {
                    int o = i * ff;
                    for (int c = 0; c < ff; c++) {
                        double d = x[o + c] - cm[c];
                        cs[c] += d * d;
                    }
                }
                mergeInto(st, n, cm, cs, ff);
            }
        }.run();
        double[] mine = new double[w];
        for (double[] p : parts) {
            mine[1] = Math.max(mine[1], p[1]);
            mergeInto(mine, p[0], java.util.Arrays.copyOfRange(p, 2, 2 + f), java.util.Arrays.copyOfRange(p, 2 + f, w), f);
        }
        double[] all = Comms.allgather(comm, mine);
        double[] g = new double[w];
        for (int q = 0; q < comm.size(); q++) {
            int o = q * w;
            g[1] = Math.max(g[1], all[o + 1]);
            mergeInto(g, all[o], java.util.Arrays.copyOfRange(all, o + 2, o + 2 + f), java.util.Arrays.copyOfRange(all, o + 2 + f, o + w), f);
        }
        if (g[1] != 0) {
            throw new IllegalArgumentException(who + ": Input X contains NaN or infinity; scikit-learn rejects such data "
                    + "(remove or impute the non-finite values first)");
        }
        mean = java.util.Arrays.copyOfRange(g, 2, 2 + f);
        double sum = 0;
        for (int c = 0; c < f; c++) sum += g[0] > 0 ? g[2 + f + c] / g[0] : 0;
        meanVariance = f == 0 ? 0 : sum / f;
    }

    /** Chan et al.'s merge of (count nb, means mb, M2 m2b) into {count, flag, means…, M2…} at st. */
    private static void mergeInto(double[] st, double nb, double[] mb, double[] m2b, int f) {
        if (nb == 0) return;
        double na = st[0], nt = na + nb;
        for (int c = 0; c < f; c++) {
            double d = mb[c] - st[2 + c];
            st[2 + c] += d * nb / nt;
            st[2 + f + c] += m2b[c] + d * d * na * nb / nt;
        }
        st[0] = nt;
    }

    // ------------------------------------------------------------------------------------------- factories

    /** The rows of a distributed 2-D array (split 0, 1 or replicated). Global checks only; no communication unless
     *  the array is split along its columns (one resplit). */
    static Samples of(DNDarray x, String who) {
        if (x == null) throw new IllegalArgumentException(who + ": X must not be null");
        if (x.ndim() != 2) {
            throw new IllegalArgumentException(who + ": Expected a 2-D array (n_samples, n_features), got shape " + Shapes.str(x.gshape())
                    + (x.ndim() == 1 ? "; reshape a single feature with reshape(-1, 1)" : ""));
        }
        if (x.dtype().isComplex()) throw new IllegalArgumentException(who + ": complex data is not supported, got " + x.dtype());
        if (x.gshape()[1] == 0) {
            throw new IllegalArgumentException(who + ": Found array with 0 feature(s) (shape=" + Shapes.str(x.gshape())
                    + ") while a minimum of 1 is required");
        }
        boolean rowsSplit = x.splitAxis() >= 0;   // split along columns gives rows split too (one resplit)
        if (x.splitAxis() == 1 && x.comm().size() > 1) x = x.resplit(0);
        DType t = x.dtype().isFloat() ? x.dtype() : DType.FLOAT64;
        Communication comm = x.comm();
        Tensor l = x.larray();
        long g0;
        if (x.splitAxis() == 0 || (rowsSplit && comm.size() == 1)) {
            g0 = comm.size() == 1 ? 0 : x.countsDispls()[1][comm.rank()];
        } else {
            long n = x.gshape()[0];
            g0 = Distribution.start(n, comm.size(), comm.rank());
            l = l.narrow(0, g0, Distribution.count(n, comm.size(), comm.rank()));
        }
        if (l.dtype() != t) l = l.astype(t);
        else l = l.contiguous();
        InMemory s = new InMemory(comm, l, g0, x.gshape()[0], (int) x.gshape()[1]);
        if (rowsSplit) s.rowMap = comm.size() == 1 ? new long[][] {x.gshape()} : x.lshapeMap();
        return s;
    }

    /** Local rows as samples of a one-process clustering (the batch-parallel and candidate reclustering steps). */
    static Samples local(Tensor rows) {
        Tensor l = rows.dtype().isFloat() ? rows.contiguous() : rows.astype(DType.FLOAT64);
        return new InMemory(new SingleProcess(), l, 0, l.shape(0), (int) l.shape(1));
    }

    /** A dataset in an HDF5 or netCDF-4 file, read in chunks of {@code chunkRows} rows per process. */
    static Samples file(String path, String dataset, long chunkRows, Communication comm) {
        if (path == null || dataset == null) throw new IllegalArgumentException("fit: path and dataset name must not be null");
        if (chunkRows < 1) throw new IllegalArgumentException("fit: chunkRows must be >= 1, got " + chunkRows);
        return new FromFile(comm, path, dataset, chunkRows);
    }

    // ------------------------------------------------------------------------------------------- in memory

    static final class InMemory extends Samples {
        private final Tensor rows;
        private final long g0;
        /** Per-row weights (weighted reclustering of candidates), or null for weight 1. */
        double[] weights;

        /** X's local-shape map when it was split along rows; null when replicated (or one process). */
        long[][] rowMap;

        InMemory(Communication comm, Tensor rows, long g0, long n, int f) {
            super(comm);
            this.rows = rows;
            this.g0 = g0;
            this.n = n;
            this.f = f;
            this.dtype = rows.dtype();
            this.localRows = rows.shape(0);
            this.device = rows.device();
        }

        @Override void forEach(ChunkBody body) { body.accept(rows, g0, 0); }

        @Override
        DNDarray assemble(Tensor local) {
            int p = comm.size();
            if (rowMap != null) {
                long[][] map = new long[p][];
                for (int q = 0; q < p; q++) map[q] = new long[] {rowMap[q][0]};
                return new DNDarray(local, new long[] {n}, 0, comm, local.device(), map);
            }
            long[] counts = Distribution.counts(n, p);
            Tensor full = local.newEmpty(local.dtype(), n);
            if (p == 1) {
                full.copyFrom(local);
            } else if (n > 0) {
                comm.allgatherv(local.contiguous(), full, counts, Distribution.displs(counts));
            }
            local.storage().free();
            return new DNDarray(full, new long[] {n}, null, comm, full.device(), null);
        }
        @Override boolean inMemory() { return true; }
        @Override Tensor rows() { return rows; }
        @Override long globalStart() { return g0; }
    }

    // ------------------------------------------------------------------------------------------- from a file

    /**
     * Chunk j holds the global rows [j·C, (j+1)·C) with C = chunkRows × processes, loaded split along rows (each
     * process reads its balanced part). The number of rows is found on the first pass: it ends at the first chunk
     * shorter than C (every process sees the same global shapes, so they stop together).
     */
    static final class FromFile extends Samples {
        private final String path, dataset;
        private final long chunk;
        private boolean known;
        /** Global length of every chunk (the last may be shorter), from the first pass. */
        private final java.util.List<Long> lengths = new java.util.ArrayList<>();

        FromFile(Communication comm, String path, String dataset, long chunkRows) {
            super(comm);
            this.path = path;
            this.dataset = dataset;
            this.chunk = Math.multiplyExact(chunkRows, (long) comm.size());
            DNDarray probe = IO.loadHdf5(path, dataset, null, null, Slice.of(0, 1));   // width and type, one row
            if (probe.ndim() != 2) {
                throw new IllegalArgumentException("fit: dataset '" + dataset + "' in " + path + " must be 2-D (n_samples, "
                        + "n_features), got shape " + Shapes.str(probe.gshape()));
            }
            if (probe.dtype().isComplex()) throw new IllegalArgumentException("fit: complex data is not supported");
            f = (int) probe.gshape()[1];
            dtype = probe.dtype().isFloat() ? probe.dtype() : DType.FLOAT64;
            device = probe.device();
        }

        @Override boolean inMemory() { return false; }

        @Override
        DNDarray assemble(Tensor local) {
            int p = comm.size(), r = comm.rank();
            java.util.List<DNDarray> parts = new java.util.ArrayList<>();
            long off = 0;
            for (long len : lengths) {
                if (len == 0) continue;
                long cnt = Distribution.count(len, p, r);
                parts.add(Redistribution.withMap(local.narrow(0, off, cnt).copy(), new long[] {len}, 0, comm, local.device()));
                off += cnt;
            }
            local.storage().free();
            if (parts.isEmpty()) return Redistribution.withMap(local.newEmpty(DType.INT64, 0), new long[] {0}, 0, comm, local.device());
            return parts.size() == 1 ? parts.get(0) : Joining.concatenate(parts.toArray(new DNDarray[0]), 0);
        }

        @Override
        void forEach(ChunkBody body) {
            long local = 0;
            for (long j = 0; ; j++) {
                long a = j * chunk;
                if (known && a >= n) break;
                DNDarray c = IO.loadHdf5(path, dataset, 0, null, Slice.of(a, a + chunk));
                long len = c.gshape()[0];
                if (!known) lengths.add(len);
                Tensor raw = c.larray();
                Tensor t = raw.dtype() != dtype ? raw.astype(dtype) : raw.contiguous();
                long g0 = a + c.countsDispls()[1][comm.rank()];
                body.accept(t, g0, local);
                local += t.shape(0);
                if (t != raw) t.storage().free();
                if (raw.storage() != null) raw.storage().free();
                if (len < chunk) {
                    if (!known) {
                        n = a + len;
                        localRows = local;
                        known = true;
                    }
                    break;
                }
            }
        }
    }

    /**
     * A per-sample result (int64, one value per local row in chunk order) as a distributed 1-D array laid out like
     * the samples: split along rows like X, replicated when X was replicated (one Allgatherv), balanced when read from
     * a file (the chunks' parts concatenated).
     */
    abstract DNDarray assemble(Tensor local);
}
