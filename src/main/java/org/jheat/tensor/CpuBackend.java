package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The CPU's {@link Backend}: host memory from {@link Storage} (malloc'd blocks counted for the garbage collector,
 * reused through a cache), and the block kernels of this package — {@link StridedCopy} for every layout change and
 * conversion, {@link Elementwise} and {@link Reduce} for element-wise operations and reductions (with their float64
 * direct loops), {@link LocalSort}, {@link Selection}, {@link Gather}, {@link Binning}, {@link Convolution} — split
 * over {@link Parallel#threads()} threads. {@link #hostSegment} is the tensor's own memory.
 *
 * <pre>{@code
 * Backend cpu = Backend.cpu();
 * Tensor t = cpu.zeros(DType.FLOAT64, 3);
 * cpu.fill(t, 2.0);
 * }</pre>
 */
public final class CpuBackend implements Backend {
    /** The one instance (tensors compare backends by identity). */
    static final CpuBackend INSTANCE = new CpuBackend();
    private static final int BLOCK = Elementwise.BLOCK;

    private CpuBackend() { }

    private Tensor own(Tensor t) {
        if (t.backend() != this) {
            throw new IllegalArgumentException("a tensor on " + t.device() + " was given to the CPU backend; move it with .to(Device.CPU)");
        }
        return t;
    }

    @Override
    public Device device() { return Device.CPU; }

    @Override
    public String toString() { return "CpuBackend"; }

    // ------------------------------------------------------------------------------------------- memory

    private Tensor allocate(DType dtype, long[] shape, boolean zero) {
        if (dtype == null) throw new IllegalArgumentException("dtype must not be null");
        long[] s = Shapes.check(shape, "shape");
        Storage st = Storage.allocate(Tensor.byteSize(dtype, s), zero);
        return Tensor.over(this, st, dtype, s);
    }

    @Override
    public Tensor empty(DType dtype, long... shape) { return allocate(dtype, shape, false); }

    @Override
    public Tensor zeros(DType dtype, long... shape) { return allocate(dtype, shape, true); }

    @Override
    public void copy(Tensor src, Tensor dst) { StridedCopy.copy(own(src), own(dst)); }

    @Override
    public void fill(Tensor t, double value) {
        if (value == 0 && Double.doubleToRawLongBits(value) == 0 && t.isContiguous()) {
            t.data().fill((byte) 0);
            return;
        }
        Fill.fill(t, value);
    }

    @Override
    public void fill(Tensor t, long value) {
        if (value == 0 && t.isContiguous()) {
            t.data().fill((byte) 0);
            return;
        }
        Fill.fill(t, value);
    }

    @Override
    public double readDouble(Tensor t, long byteOffset) { return Elements.readDouble(t.segment(), byteOffset, t.dtype()); }

    @Override
    public long readLong(Tensor t, long byteOffset) { return Elements.readLong(t.segment(), byteOffset, t.dtype()); }

    @Override
    public Object readObject(Tensor t, long byteOffset) { return Elements.readObject(t.segment(), byteOffset, t.dtype()); }

    @Override
    public void writeDouble(Tensor t, long byteOffset, double v) { Elements.writeDouble(t.segment(), byteOffset, t.dtype(), v); }

    @Override
    public void writeLong(Tensor t, long byteOffset, long v) { Elements.writeLong(t.segment(), byteOffset, t.dtype(), v); }

    @Override
    public void readLongs(Tensor t, long start, long[] dst, int off, int n) {
        if (n > 0) MemorySegment.copy(longs(t, start, n), ValueLayout.JAVA_LONG, 0, dst, off, n);
    }

    @Override
    public void writeLongs(Tensor t, long start, long[] src, int off, int n) {
        if (n > 0) MemorySegment.copy(src, off, longs(t, start, n), ValueLayout.JAVA_LONG, 0, n);
    }

    private static MemorySegment longs(Tensor t, long start, int n) {
        if (t.dtype() != DType.INT64 || !t.isContiguous()) {
            throw new IllegalArgumentException("bulk long access needs a contiguous int64 tensor, got " + t.dtype()
                    + (t.isContiguous() ? "" : " (not contiguous)"));
        }
        if (start < 0 || start + n > t.size()) {
            throw new IndexOutOfBoundsException("elements [" + start + ", " + (start + n) + ") of a tensor of " + t.size());
        }
        return t.data().asSlice(start * 8, (long) n * 8);
    }

    @Override
    public MemorySegment hostSegment(Tensor t) { return own(t).data(); }

    @Override
    public void free(Tensor t) {
        Memory m = t.storage();
        if (m != null) m.free();
    }

    // ------------------------------------------------------------------------------------------- element-wise

    @Override
    public void elementwise(ElementFn fn, boolean longPath, Tensor out, Tensor... in) {
        own(out);
        for (Tensor t : in) own(t);
        Elementwise.apply(fn, longPath, out, in);
    }

    @Override
    public void evaluate(ExprProgram p, Tensor out, Tensor... in) {
        own(out);
        for (Tensor t : in) own(t);
        ExprKernel.evaluate(p, out, in);
    }

    @Override
    public Tensor reduce(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        return Reduce.apply(fn, longPath, own(in), axis, outType);
    }

    @Override
    public Tensor cumulative(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType) {
        return Reduce.cumulative(fn, longPath, own(in), axis, outType);
    }

    @Override
    public void generate(Generator g, boolean longPath, Tensor out) {
        own(out);
        if (out.size() == 0) return;
        Tensor o = out.isContiguous() ? out : empty(out.dtype(), out.shape());
        long inner = o.ndim() == 0 ? 1 : o.shape(o.ndim() - 1);
        long perRow = (inner + BLOCK - 1) / BLOCK, size = o.size();
        // narrow rows of a flat generator, many per call (blocks of BLOCK elements across rows): one call per row of 8
        // was 2.6x slower for randn (2e6, 8) than for (16e6), and too short for the vector Philox
        boolean flat = g.flat() && inner < BLOCK;
        long chunks = flat ? (size + BLOCK - 1) / BLOCK : size / inner * perRow;
        MemorySegment seg = o.segment();
        DType t = o.dtype();
        int item = t.itemSize();
        long base = o.offset();
        Parallel.forRange(chunks, 8, (c0, c1) -> {
            double[] d = longPath ? null : new double[BLOCK];
            long[] l = longPath ? new long[BLOCK] : null;
            for (long c = c0; c < c1; c++) {
                long first = c * BLOCK;
                long row = flat ? first / inner : c / perRow, col = flat ? first % inner : (c % perRow) * BLOCK;
                int len = (int) Math.min(BLOCK, flat ? size - first : inner - col);
                long at = (base + row * inner + col) * item;
                if (longPath) {
                    g.longs(row, col, l, len);
                    BlockIO.store(l, seg, at, item, t, len);
                } else {
                    g.doubles(row, col, d, len);
                    BlockIO.store(d, seg, at, item, t, len);
                }
            }
        });
        if (o != out) {
            StridedCopy.copy(o, out);
            o.free();
        }
    }

    // ------------------------------------------------------------------------------------------- sort / select

    @Override
    public Tensor[] sort(Tensor in, int axis, boolean descending, boolean stable, boolean wantValues, boolean wantIndices, long k) {
        int ax = Shapes.normalizeAxis(axis, own(in).ndim(), "axis");
        boolean idxPath = wantIndices || k >= 0 || (stable && in.dtype().isFloat());
        return SortKernels.sortFibers(in, ax, descending, idxPath, wantValues, wantIndices, k);
    }

    private static void requireFiber(Tensor f, int n, String what) {
        if (f.ndim() != 1) throw new IllegalArgumentException(what + ": fiber must be 1-d, got shape " + Shapes.str(f.shape()));
        if (f.shape(0) > n) throw new IllegalArgumentException(what + ": fiber of " + f.shape(0) + " elements exceeds the " + n + " keys");
    }

    @Override
    public void readSortKeys(Tensor fiber, boolean descending, boolean zeroEq, long[] keys, long[] ids, long idBase) {
        requireFiber(own(fiber), keys.length, "readSortKeys");
        SortKernels.readKeys(fiber, fiber.offset(), fiber.strides()[0], (int) fiber.size(), descending, zeroEq, keys, ids, idBase,
                new SortKernels.Buffers());
    }

    @Override
    public void writeSortValues(Tensor fiber, long[] keys, long[] ids, int from, boolean descending, boolean negZeroFlags) {
        requireFiber(own(fiber), keys.length - from, "writeSortValues");
        SortKernels.writeValues(fiber, fiber.offset(), fiber.strides()[0], keys, ids, from, (int) fiber.size(), descending, negZeroFlags,
                new SortKernels.Buffers());
    }

    @Override
    public void writeSortIndices(Tensor fiber, long[] ids, int from) {
        requireFiber(own(fiber), ids.length - from, "writeSortIndices");
        if (fiber.dtype() != DType.INT64) throw new IllegalArgumentException("writeSortIndices: fiber must be int64, got " + fiber.dtype());
        SortKernels.writeIndices(fiber, fiber.offset(), fiber.strides()[0], ids, from, (int) fiber.size(), new SortKernels.Buffers());
    }

    @Override
    public void scatterBucketWindow(long[] keys, long[] ids, int n, long tbBase, SortKeys.Bucketer bucketer, long[] lo, long[] hi,
                                    long[] at, long[] seen, Tensor buf) {
        if (own(buf).dtype() != DType.INT64) throw new IllegalArgumentException("scatterBucketWindow: buf must be int64, got " + buf.dtype());
        SortKernels.scatterBucketWindow(keys, ids, n, tbBase, bucketer, lo, hi, at, seen, buf);
    }

    @Override
    public Tensor[] argExtreme(Tensor rows, boolean max) { return Selection.argExtreme(own(rows), max); }

    @Override
    public void searchsorted(Tensor x, double[] sorted, boolean right, boolean mirror, Tensor out) {
        Binning.searchsorted(own(x), sorted, right, mirror, own(out));
    }

    // ------------------------------------------------------------------------------------------- gather / scatter

    @Override
    public void gatherRows(Tensor src, int[] axes, long[][] index, long count, Tensor out) {
        IndexKernels.gatherRows(own(src), axes, index, count, own(out));
    }

    @Override
    public void scatterRows(Tensor rows, Tensor dst, int[] axes, long[][] index, long count) {
        IndexKernels.scatterRows(own(rows), own(dst), axes, index, count);
    }

    @Override
    public void moveRows(Tensor src, Tensor dst, long[] order, boolean scatter, long rowBytes) {
        IndexKernels.moveRows(own(src), own(dst), order, scatter, rowBytes);
    }

    @Override
    public Tensor[] nonzero(Tensor t, int shiftAxis, long shift) { return IndexKernels.nonzero(own(t), shiftAxis, shift); }

    @Override
    public void copyWhere(Tensor mask, Tensor src, Tensor dst) { IndexKernels.copyWhere(own(mask), own(src), own(dst)); }

    // ------------------------------------------------------------------------------------------- counting / binning

    @Override
    public double[] range(Tensor t) { return Binning.range(own(t)); }

    @Override
    public long[] integerRange(Tensor t) { return Binning.integerRange(own(t)); }

    @Override
    public Tensor histc(Tensor x, int bins, double lo, double hi) { return Binning.histc(own(x), bins, lo, hi); }

    @Override
    public Tensor histogram(Tensor x, Tensor weights, double[] edges, double first, double last) {
        return Binning.histogram(own(x), weights == null ? null : own(weights), edges, first, last);
    }

    @Override
    public Tensor bincount(Tensor x, Tensor weights, int length) {
        return Binning.bincount(own(x), weights == null ? null : own(weights), length);
    }

    // ------------------------------------------------------------------------------------------- signal

    @Override
    public Tensor convolve(Tensor signal, long signalStart, long signalLength, Tensor kernel, long lo, long hi, DType outType) {
        return Convolution.compute(own(signal), signalStart, signalLength, own(kernel), lo, hi, outType);
    }

    // ------------------------------------------------------------------------------------------- linear algebra

    @Override
    public LinalgKernels linalg() { return CpuLinalg.INSTANCE; }

    @Override
    public ClusterKernels cluster() { return CpuCluster.INSTANCE; }

    @Override
    public SparseKernels sparse() { return CpuSparse.INSTANCE; }

    @Override
    public FftKernels fft() { return CpuFft.INSTANCE; }
}
