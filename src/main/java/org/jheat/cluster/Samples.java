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
import org.jheat.spatial.LocalDistances;
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
    long n;
    int f;
    DType dtype;
    long localRows;
    /** Column means and the mean of the column variances (population), from {@link #scan}. */
    double[] mean;
    double meanVariance;

    Samples(Communication comm) { this.comm = comm; }

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
     * chunk and across processes with Chan's formulas). The same exception on every process for NaN or infinity.
     */
    void scan(String who) {
        double[][] acc = new double[2][];   // mean and M2; sized on the first chunk (a file's width is known only then)
        double[] cnt = {0};
        boolean[] bad = {false};
        forEach((rows, g0, l0) -> {
            if (acc[0] == null) {
                acc[0] = new double[f];
                acc[1] = new double[f];
            }
            long r = rows.shape(0);
            if (r == 0) return;
            double[] cm = new double[f], cs = new double[f], row = new double[f];
            for (long i = 0; i < r; i++) {
                LocalDistances.readRow(rows, i, 0, row, 0, f);
                for (int c = 0; c < f; c++) {
                    double v = row[c];
                    if (!Double.isFinite(v)) bad[0] = true;
                    cm[c] += v;
                }
            }
            for (int c = 0; c < f; c++) cm[c] /= r;
            for (long i = 0; i < r; i++) {
                LocalDistances.readRow(rows, i, 0, row, 0, f);
                for (int c = 0; c < f; c++) {
                    double d = row[c] - cm[c];
                    cs[c] += d * d;
                }
            }
            merge(cnt, acc[0], acc[1], r, cm, cs);
        });
        double[] m = acc[0] == null ? new double[f] : acc[0], m2 = acc[1] == null ? new double[f] : acc[1];
        double[] mine = new double[2 * f + 2];
        mine[0] = cnt[0];
        mine[1] = bad[0] ? 1 : 0;
        System.arraycopy(m, 0, mine, 2, f);
        System.arraycopy(m2, 0, mine, 2 + f, f);
        double[] all = Comms.allgather(comm, mine);
        double[] gm = new double[f], gm2 = new double[f];
        double[] gc = {0};
        boolean anyBad = false;
        for (int q = 0; q < comm.size(); q++) {
            int o = q * (2 * f + 2);
            anyBad |= all[o + 1] != 0;
            double[] qm = new double[f], qs = new double[f];
            System.arraycopy(all, o + 2, qm, 0, f);
            System.arraycopy(all, o + 2 + f, qs, 0, f);
            merge(gc, gm, gm2, all[o], qm, qs);
        }
        if (anyBad) {
            throw new IllegalArgumentException(who + ": Input X contains NaN or infinity; scikit-learn rejects such data "
                    + "(remove or impute the non-finite values first)");
        }
        mean = gm;
        double s = 0;
        for (int c = 0; c < f; c++) s += gc[0] > 0 ? gm2[c] / gc[0] : 0;
        meanVariance = f == 0 ? 0 : s / f;
    }

    private void merge(double[] cnt, double[] m, double[] m2, double nb, double[] mb, double[] m2b) {
        if (nb == 0) return;
        double na = cnt[0], nt = na + nb;
        for (int c = 0; c < f; c++) {
            double d = mb[c] - m[c];
            m[c] += d * nb / nt;
            m2[c] += m2b[c] + d * d * na * nb / nt;
        }
        cnt[0] = nt;
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
        }

        @Override void forEach(ChunkBody body) { body.accept(rows, g0, 0); }

        @Override
        DNDarray assemble(Tensor local) {
            int p = comm.size();
            if (rowMap != null) {
                long[][] map = new long[p][];
                for (int q = 0; q < p; q++) map[q] = new long[] {rowMap[q][0]};
                return new DNDarray(local, new long[] {n}, 0, comm, Device.CPU, map);
            }
            long[] counts = Distribution.counts(n, p);
            Tensor full = Tensor.empty(local.dtype(), n);
            if (p == 1) {
                full.copyFrom(local);
            } else if (n > 0) {
                comm.allgatherv(local.size() == 0 ? full.data().asSlice(0, 0) : local.data(), local.size(), full.data(),
                        counts, Distribution.displs(counts), local.dtype());
            }
            local.storage().free();
            return new DNDarray(full, new long[] {n}, null, comm, Device.CPU, null);
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
                parts.add(Redistribution.withMap(local.narrow(0, off, cnt).copy(), new long[] {len}, 0, comm, Device.CPU));
                off += cnt;
            }
            local.storage().free();
            if (parts.isEmpty()) return Redistribution.withMap(Tensor.empty(DType.INT64, 0), new long[] {0}, 0, comm, Device.CPU);
            return parts.size() == 1 ? parts.get(0) : Joining.concatenate(parts.toArray(new DNDarray[0]), 0);
        }

        @Override
        void forEach(ChunkBody body) {
            long local = 0;
            for (long j = 0; ; j++) {
                long a = j * chunk;
                if (known && a >= n) break;
                DNDarray c = IO.loadHdf5(path, dataset, 0, null, Slice.of(a, a + chunk));
                if (!known && j == 0) {
                    if (c.ndim() != 2) {
                        throw new IllegalArgumentException("fit: dataset '" + dataset + "' in " + path + " must be 2-D (n_samples, "
                                + "n_features), got shape " + Shapes.str(c.gshape()));
                    }
                    if (c.dtype().isComplex()) throw new IllegalArgumentException("fit: complex data is not supported");
                    f = (int) c.gshape()[1];
                    dtype = c.dtype().isFloat() ? c.dtype() : DType.FLOAT64;
                }
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
