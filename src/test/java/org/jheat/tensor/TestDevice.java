package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * A second device for tests, {@code test:0}: a {@link Backend} registered through {@link Backend.Provider}
 * (src/test/resources/META-INF/services) exactly as a GPU backend would be. Its memory is host memory, but it
 * behaves like a device: it refuses tensors of other devices, its {@link #hostSegment} is a staged copy (writes to
 * it do not reach the tensor), and CPU tensors reach it only through {@link #copy} (the transfer). It runs the CPU
 * kernels on views of its blocks, so results are the CPU's, on this device. Tests use it to check that operations
 * keep their operands' device, reject mixed devices, and that nothing above {@code tensor} touches memory directly.
 *
 * <pre>{@code
 * Tensor t = Tensor.fromArray(new double[] {1, 2}).to(TestDevice.DEVICE);
 * }</pre>
 */
public final class TestDevice implements Backend {
    /** The device of this backend. */
    public static final Device DEVICE = new Device("test", 0);

    /** The ServiceLoader entry point. */
    public static final class Provider implements Backend.Provider {
        /** Public for ServiceLoader. */
        public Provider() { }

        @Override
        public String kind() { return "test"; }

        @Override
        public int count() { return 1; }

        @Override
        public Backend open(int index) { return new TestDevice(); }
    }

    private final Backend cpu = Backend.cpu();
    /** Operations run on this device (for tests that check work happened here). */
    public static final java.util.concurrent.atomic.AtomicLong KERNELS = new java.util.concurrent.atomic.AtomicLong();

    private TestDevice() { }

    /** A CPU view of one of this device's tensors (the kernels run on it). */
    private Tensor cpuView(Tensor t) {
        if (t.backend() != this) {
            throw new IllegalArgumentException("a tensor on " + t.device() + " was given to the " + DEVICE + " backend");
        }
        return Tensor.of(cpu, t.storage(), t.dtype(), t.shape(), t.strides(), t.offset());
    }

    /** One of this device's tensors over a CPU result's memory. */
    private Tensor mine(Tensor t) {
        if (t == null) return null;
        if (t.storage() == null) t = t.copy();
        return Tensor.of(this, t.storage(), t.dtype(), t.shape(), t.strides(), t.offset());
    }

    private Tensor[] mine(Tensor[] ts) {
        Tensor[] r = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) r[i] = mine(ts[i]);
        return r;
    }

    @Override
    public Device device() { return DEVICE; }

    @Override
    public Tensor empty(DType dtype, long... shape) { return mine(cpu.empty(dtype, shape)); }

    @Override
    public Tensor zeros(DType dtype, long... shape) { return mine(cpu.zeros(dtype, shape)); }

    /** Either side on this device or the CPU (the transfer). */
    @Override
    public void copy(Tensor src, Tensor dst) {
        cpu.copy(src.device().isCpu() ? src : cpuView(src), dst.device().isCpu() ? dst : cpuView(dst));
    }

    @Override
    public void fill(Tensor t, double value) { cpu.fill(cpuView(t), value); }

    @Override
    public void fill(Tensor t, long value) { cpu.fill(cpuView(t), value); }

    @Override
    public double readDouble(Tensor t, long byteOffset) { return cpu.readDouble(cpuView(t), byteOffset); }

    @Override
    public long readLong(Tensor t, long byteOffset) { return cpu.readLong(cpuView(t), byteOffset); }

    @Override
    public Object readObject(Tensor t, long byteOffset) { return cpu.readObject(cpuView(t), byteOffset); }

    @Override
    public void writeDouble(Tensor t, long byteOffset, double v) { cpu.writeDouble(cpuView(t), byteOffset, v); }

    @Override
    public void writeLong(Tensor t, long byteOffset, long v) { cpu.writeLong(cpuView(t), byteOffset, v); }

    @Override
    public void readLongs(Tensor t, long start, long[] dst, int off, int n) { cpu.readLongs(cpuView(t), start, dst, off, n); }

    @Override
    public void writeLongs(Tensor t, long start, long[] src, int off, int n) { cpu.writeLongs(cpuView(t), start, src, off, n); }

    /** A staged host copy, as a real device would give. */
    @Override
    public MemorySegment hostSegment(Tensor t) { return cpuView(t).copy().hostSegment(); }

    @Override
    public void free(Tensor t) { cpu.free(cpuView(t)); }

    @Override
    public void elementwise(ElementFn fn, boolean longPath, Tensor out, Tensor... in) {
        KERNELS.incrementAndGet();
        Tensor[] ci = new Tensor[in.length];
        for (int i = 0; i < in.length; i++) ci[i] = cpuView(in[i]);
        cpu.elementwise(fn, longPath, cpuView(out), ci);
    }

    @Override
    public Tensor reduce(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        KERNELS.incrementAndGet();
        return mine(cpu.reduce(fn, longPath, cpuView(in), axis, outType));
    }

    @Override
    public Tensor cumulative(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        KERNELS.incrementAndGet();
        return mine(cpu.cumulative(fn, longPath, cpuView(in), axis, outType));
    }

    @Override
    public void generate(Generator g, boolean longPath, Tensor out) { cpu.generate(g, longPath, cpuView(out)); }

    @Override
    public Tensor[] sort(Tensor in, int axis, boolean descending, boolean stable, boolean wantValues, boolean wantIndices, long k) {
        return mine(cpu.sort(cpuView(in), axis, descending, stable, wantValues, wantIndices, k));
    }

    @Override
    public void readSortKeys(Tensor fiber, boolean descending, boolean zeroEq, long[] keys, long[] ids, long idBase) {
        cpu.readSortKeys(cpuView(fiber), descending, zeroEq, keys, ids, idBase);
    }

    @Override
    public void writeSortValues(Tensor fiber, long[] keys, long[] ids, int from, boolean descending, boolean negZeroFlags) {
        cpu.writeSortValues(cpuView(fiber), keys, ids, from, descending, negZeroFlags);
    }

    @Override
    public void writeSortIndices(Tensor fiber, long[] ids, int from) { cpu.writeSortIndices(cpuView(fiber), ids, from); }

    @Override
    public void scatterBucketWindow(long[] keys, long[] ids, int n, long tbBase, SortKeys.Bucketer bucketer, long[] lo, long[] hi,
                                    long[] at, long[] seen, Tensor buf) {
        cpu.scatterBucketWindow(keys, ids, n, tbBase, bucketer, lo, hi, at, seen, cpuView(buf));
    }

    @Override
    public Tensor[] argExtreme(Tensor rows, boolean max) {
        KERNELS.incrementAndGet();
        return mine(cpu.argExtreme(cpuView(rows), max));
    }

    @Override
    public void searchsorted(Tensor x, double[] sorted, boolean right, boolean mirror, Tensor out) {
        KERNELS.incrementAndGet();
        cpu.searchsorted(cpuView(x), sorted, right, mirror, cpuView(out));
    }

    @Override
    public void gatherRows(Tensor src, int[] axes, long[][] index, long count, Tensor out) {
        cpu.gatherRows(cpuView(src), axes, index, count, cpuView(out));
    }

    @Override
    public void scatterRows(Tensor rows, Tensor dst, int[] axes, long[][] index, long count) {
        cpu.scatterRows(cpuView(rows), cpuView(dst), axes, index, count);
    }

    @Override
    public void moveRows(Tensor src, Tensor dst, long[] order, boolean scatter, long rowBytes) {
        cpu.moveRows(cpuView(src), cpuView(dst), order, scatter, rowBytes);
    }

    @Override
    public Tensor[] nonzero(Tensor t, int shiftAxis, long shift) {
        KERNELS.incrementAndGet();
        return mine(cpu.nonzero(cpuView(t), shiftAxis, shift));
    }

    @Override
    public void copyWhere(Tensor mask, Tensor src, Tensor dst) { cpu.copyWhere(cpuView(mask), cpuView(src), cpuView(dst)); }

    @Override
    public double[] range(Tensor t) { return cpu.range(cpuView(t)); }

    @Override
    public long[] integerRange(Tensor t) { return cpu.integerRange(cpuView(t)); }

    @Override
    public Tensor histc(Tensor x, int bins, double lo, double hi) {
        KERNELS.incrementAndGet();
        return mine(cpu.histc(cpuView(x), bins, lo, hi));
    }

    @Override
    public Tensor histogram(Tensor x, Tensor weights, double[] edges, double first, double last) {
        KERNELS.incrementAndGet();
        return mine(cpu.histogram(cpuView(x), weights == null ? null : cpuView(weights), edges, first, last));
    }

    @Override
    public Tensor bincount(Tensor x, Tensor weights, int length) {
        KERNELS.incrementAndGet();
        return mine(cpu.bincount(cpuView(x), weights == null ? null : cpuView(weights), length));
    }

    @Override
    public Tensor convolve(Tensor signal, long signalStart, long signalLength, Tensor kernel, long lo, long hi, DType outType) {
        KERNELS.incrementAndGet();
        return mine(cpu.convolve(cpuView(signal), signalStart, signalLength, cpuView(kernel), lo, hi, outType));
    }

    private final LinalgKernels linalg = new Linalg();
    private final ClusterKernels cluster = new Cluster();

    /** The CPU's LAPACK/BLAS run on views of this device's blocks; operands of other devices are refused, results are this device's. */
    @Override
    public LinalgKernels linalg() { return linalg; }

    /** The CPU's distance and clustering kernels on views of this device's blocks. */
    @Override
    public ClusterKernels cluster() { return cluster; }

    private Tensor view(Tensor t) { return t == null ? null : cpuView(t); }

    private LocalLinalg.Lu cpuLu(LocalLinalg.Lu f) { return new LocalLinalg.Lu(cpuView(f.lu()), view(f.pivots())); }

    /** {@link LinalgKernels} of this device: the CPU's, on views. */
    private final class Linalg implements LinalgKernels {
        private final LinalgKernels k = cpu.linalg();

        private <T> T run(java.util.function.Supplier<T> op) {
            KERNELS.incrementAndGet();
            return op.get();
        }

        @Override
        public void gemm(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            run(() -> { k.gemm(alpha, cpuView(a), cpuView(b), beta, cpuView(c)); return null; });
        }

        @Override
        public void gemmBatched(double alpha, Tensor a, Tensor b, double beta, Tensor c) {
            run(() -> { k.gemmBatched(alpha, cpuView(a), cpuView(b), beta, cpuView(c)); return null; });
        }

        @Override
        public Tensor matmul(Tensor a, Tensor b) { return run(() -> mine(k.matmul(cpuView(a), cpuView(b)))); }

        @Override
        public void gemv(double alpha, Tensor a, Tensor x, double beta, Tensor y) {
            run(() -> { k.gemv(alpha, cpuView(a), cpuView(x), beta, cpuView(y)); return null; });
        }

        @Override
        public Tensor dot(Tensor a, Tensor b) { return run(() -> mine(k.dot(cpuView(a), cpuView(b)))); }

        @Override
        public void syrk(double alpha, Tensor a, boolean trans, double beta, Tensor c, boolean lower) {
            run(() -> { k.syrk(alpha, cpuView(a), trans, beta, cpuView(c), lower); return null; });
        }

        @Override
        public Tensor gram(Tensor a) { return run(() -> mine(k.gram(cpuView(a)))); }

        @Override
        public void trsm(boolean left, boolean lower, boolean transA, boolean unitDiagonal, double alpha, Tensor a, Tensor b) {
            run(() -> { k.trsm(left, lower, transA, unitDiagonal, alpha, cpuView(a), cpuView(b)); return null; });
        }

        @Override
        public Tensor triangularSolve(Tensor a, Tensor b, boolean lower, boolean transA, boolean unitDiagonal) {
            return run(() -> mine(k.triangularSolve(cpuView(a), cpuView(b), lower, transA, unitDiagonal)));
        }

        @Override
        public LocalLinalg.Lu lu(Tensor a) {
            return run(() -> {
                LocalLinalg.Lu f = k.lu(cpuView(a));
                return new LocalLinalg.Lu(mine(f.lu()), mine(f.pivots()));
            });
        }

        @Override
        public Tensor luSolve(LocalLinalg.Lu factors, Tensor b) { return run(() -> mine(k.luSolve(cpuLu(factors), cpuView(b)))); }

        @Override
        public Tensor luSolve(LocalLinalg.Lu factors, Tensor b, boolean trans) {
            return run(() -> mine(k.luSolve(cpuLu(factors), cpuView(b), trans)));
        }

        @Override
        public Tensor solve(Tensor a, Tensor b) { return run(() -> mine(k.solve(cpuView(a), cpuView(b)))); }

        @Override
        public Tensor inv(Tensor a) { return run(() -> mine(k.inv(cpuView(a)))); }

        @Override
        public LocalLinalg.SlogDet slogdet(Tensor a) {
            return run(() -> {
                LocalLinalg.SlogDet d = k.slogdet(cpuView(a));
                return new LocalLinalg.SlogDet(mine(d.sign()), mine(d.logabsdet()));
            });
        }

        @Override
        public Tensor det(Tensor a) { return run(() -> mine(k.det(cpuView(a)))); }

        @Override
        public Tensor cholesky(Tensor a) { return run(() -> mine(k.cholesky(cpuView(a)))); }

        @Override
        public Tensor cholesky(Tensor a, boolean upper) { return run(() -> mine(k.cholesky(cpuView(a), upper))); }

        private LocalLinalg.QR qr(LocalLinalg.QR f) { return new LocalLinalg.QR(mine(f.q()), mine(f.r())); }

        @Override
        public LocalLinalg.QR qr(Tensor a, String mode) { return run(() -> qr(k.qr(cpuView(a), mode))); }

        @Override
        public LocalLinalg.QR qr(Tensor a) { return run(() -> qr(k.qr(cpuView(a)))); }

        @Override
        public LocalLinalg.Householder householder(Tensor a) {
            return run(() -> {
                LocalLinalg.Householder h = k.householder(cpuView(a));
                return new LocalLinalg.Householder(mine(h.v()), mine(h.t()), mine(h.r()));
            });
        }

        private LocalLinalg.SVD svd(LocalLinalg.SVD f) { return new LocalLinalg.SVD(mine(f.u()), mine(f.s()), mine(f.vh())); }

        @Override
        public LocalLinalg.SVD svd(Tensor a, boolean fullMatrices, boolean computeUV) {
            return run(() -> svd(k.svd(cpuView(a), fullMatrices, computeUV)));
        }

        @Override
        public LocalLinalg.SVD svd(Tensor a) { return run(() -> svd(k.svd(cpuView(a)))); }

        private LocalLinalg.Eigh eigh(LocalLinalg.Eigh f) { return new LocalLinalg.Eigh(mine(f.eigenvalues()), mine(f.eigenvectors())); }

        @Override
        public LocalLinalg.Eigh eigh(Tensor a, boolean lower) { return run(() -> eigh(k.eigh(cpuView(a), lower))); }

        @Override
        public LocalLinalg.Eigh eigh(Tensor a) { return run(() -> eigh(k.eigh(cpuView(a)))); }

        @Override
        public LocalLinalg.Eig eig(Tensor a) {
            return run(() -> {
                LocalLinalg.Eig e = k.eig(cpuView(a));
                return new LocalLinalg.Eig(mine(e.valuesReal()), mine(e.valuesImag()), mine(e.vectorsReal()), mine(e.vectorsImag()));
            });
        }

        @Override
        public Tensor eigvalsh(Tensor a, boolean lower) { return run(() -> mine(k.eigvalsh(cpuView(a), lower))); }

        private LocalLinalg.Lstsq lstsq(LocalLinalg.Lstsq r) {
            return new LocalLinalg.Lstsq(mine(r.x()), mine(r.residuals()), r.rank(), mine(r.singularValues()));
        }

        @Override
        public LocalLinalg.Lstsq lstsq(Tensor a, Tensor b) { return run(() -> lstsq(k.lstsq(cpuView(a), cpuView(b)))); }

        @Override
        public LocalLinalg.Lstsq lstsq(Tensor a, Tensor b, double rcond) { return run(() -> lstsq(k.lstsq(cpuView(a), cpuView(b), rcond))); }

        @Override
        public Tensor lstsqFullRank(Tensor a, Tensor b) { return run(() -> mine(k.lstsqFullRank(cpuView(a), cpuView(b)))); }
    }

    /** {@link ClusterKernels} of this device: the CPU's, on views. */
    private final class Cluster implements ClusterKernels {
        private final ClusterKernels k = cpu.cluster();

        @Override
        public void distances(DistanceKind kind, boolean gemm, double sigma, Tensor x, Tensor y, Tensor out, boolean parallel) {
            KERNELS.incrementAndGet();
            k.distances(kind, gemm, sigma, cpuView(x), cpuView(y), cpuView(out), parallel);
        }

        @Override
        public void rowSquaredNorms(Tensor x, Tensor out) { k.rowSquaredNorms(cpuView(x), cpuView(out)); }

        @Override
        public void argminRows(Tensor d, Tensor out, boolean exact) {
            KERNELS.incrementAndGet();
            k.argminRows(cpuView(d), cpuView(out), exact);
        }

        @Override
        public long meanUpdate(Tensor x, Tensor nearest, Tensor labels, Tensor weights, Tensor acc) {
            return k.meanUpdate(cpuView(x), cpuView(nearest), cpuView(labels), view(weights), cpuView(acc));
        }

        @Override
        public long meanStep(Tensor d, Tensor x, Tensor labels, Tensor weights, Tensor acc) {
            KERNELS.incrementAndGet();
            return k.meanStep(cpuView(d), cpuView(x), cpuView(labels), view(weights), cpuView(acc));
        }

        @Override
        public long lloydStep(Tensor x, Tensor centres, Tensor labels, Tensor weights, Tensor acc) {
            KERNELS.incrementAndGet();
            return k.lloydStep(cpuView(x), cpuView(centres), cpuView(labels), view(weights), cpuView(acc));
        }

        @Override
        public void nearestCentres(Tensor x, Tensor centres, Tensor out) {
            KERNELS.incrementAndGet();
            k.nearestCentres(cpuView(x), cpuView(centres), cpuView(out));
        }

        @Override
        public void assignedDistances(Tensor x, Tensor centres, Tensor labels, boolean l1, Tensor out) {
            k.assignedDistances(cpuView(x), cpuView(centres), cpuView(labels), l1, cpuView(out));
        }
    }

    @Override
    public SparseKernels sparse() { return cpu.sparse(); }

    private final FftKernels fft = new Fft();

    @Override
    public FftKernels fft() { return fft; }

    /** The CPU's transforms on CPU views of this device's tensors, results handed back as this device's. */
    private final class Fft implements FftKernels {
        private final FftKernels k = cpu.fft();

        @Override
        public Tensor c2c(Tensor x, int[] axes, boolean forward, double scale, DType out) {
            KERNELS.incrementAndGet();
            return mine(k.c2c(cpuView(x), axes, forward, scale, out));
        }

        @Override
        public Tensor r2c(Tensor x, int[] axes, double scale, DType out) {
            KERNELS.incrementAndGet();
            return mine(k.r2c(cpuView(x), axes, scale, out));
        }

        @Override
        public Tensor c2r(Tensor x, int axis, long n, double scale, DType out) {
            KERNELS.incrementAndGet();
            return mine(k.c2r(cpuView(x), axis, n, scale, out));
        }

        @Override
        public void twiddle(Tensor c, long rowStart, long colStart, long n, boolean forward) {
            KERNELS.incrementAndGet();
            k.twiddle(cpuView(c), rowStart, colStart, n, forward);
        }

        @Override
        public void conjugate(Tensor c) {
            KERNELS.incrementAndGet();
            k.conjugate(cpuView(c));
        }
    }
}
