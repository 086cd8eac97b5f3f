package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * Where local memory is allocated and local compute runs: the one interface through which everything above
 * {@code tensor} reaches a device. Each {@link Device} has one backend ({@link Device#backend()}); every
 * {@link Tensor} knows its own ({@link Tensor#backend()}). The CPU's is {@link CpuBackend}; another device is one
 * more implementation plus its {@code natives} binding, registered through {@link Provider} — nothing above
 * {@code tensor} changes.
 *
 * <p><b>Operands.</b> Unless a method says otherwise, every tensor passed to a backend lives on its device, and
 * tensors it returns live there too. {@link #of(Tensor, Tensor)} picks the backend of an operation from its
 * operands and rejects operands on different devices. Shapes, dtypes and argument checks are the caller's (the
 * drivers in {@code org.jheat.core} check global metadata before any communication); the methods here trust them.
 *
 * <p><b>Methods</b>, by kind:
 * <ul>
 *   <li>memory: {@link #empty}, {@link #zeros}, {@link #copy} (strided, converting, broadcasting; also the transfer
 *   to and from the CPU), {@link #fill}, element access ({@link #readDouble} …), {@link #hostSegment};</li>
 *   <li>element-wise and reductions: {@link #elementwise}, {@link #reduce}, {@link #cumulative},
 *   {@link #generate};</li>
 *   <li>sort and select: {@link #sort}, the sortable-key conversions {@link #readSortKeys},
 *   {@link #writeSortValues}, {@link #writeSortIndices} (for the distributed sample sort), {@link #argExtreme},
 *   {@link #searchsorted};</li>
 *   <li>gather and scatter by index: {@link #gatherRows}, {@link #scatterRows};</li>
 *   <li>counting and binning: {@link #range}, {@link #integerRange}, {@link #histc}, {@link #histogram},
 *   {@link #bincount};</li>
 *   <li>signal: {@link #convolve};</li>
 *   <li>dense linear algebra (BLAS/LAPACK): {@link #linalg()};</li>
 *   <li>distance blocks and clustering steps (argmin of rows, k-means sums by label): {@link #cluster()};</li>
 *   <li>local sparse matrices (CSR conversions, merges, products): {@link #sparse()};</li>
 *   <li>discrete Fourier transforms (FFTW level): {@link #fft()}.</li>
 * </ul>
 *
 * <pre>{@code
 * Backend be = Backend.of(a, b);                 // both on one device, else IllegalArgumentException
 * Tensor out = be.empty(DType.FLOAT64, a.shape());
 * be.elementwise(Kernels.ADD, false, out, a, b);
 * }</pre>
 */
public interface Backend {

    /** A source of backends for one device kind, found with {@link java.util.ServiceLoader} (META-INF/services). */
    interface Provider {
        /** The device kind, e.g. "gpu" (never "cpu"). */
        String kind();

        /** Devices of this kind on this node (indices 0 … count-1); 0 when none is usable. */
        int count();

        /** The backend of device {@code index} (called once per device). */
        Backend open(int index);
    }

    // ------------------------------------------------------------------------------------------- selection

    /** The CPU's backend. <pre>{@code Tensor t = Backend.cpu().zeros(DType.INT64, 4); }</pre> */
    static Backend cpu() { return CpuBackend.INSTANCE; }

    /**
     * The backend of {@code device}. <pre>{@code Backend be = Backend.forDevice(Device.defaultDevice()); }</pre>
     *
     * @throws IllegalArgumentException when the device is not available
     */
    static Backend forDevice(Device device) { return Backends.of(device); }

    /** The backend of an operation on two tensors. @throws IllegalArgumentException when they are on different devices */
    static Backend of(Tensor a, Tensor b) {
        Backend x = a.backend();
        if (b.backend() != x) throw mismatch(a.device(), b.device());
        return x;
    }

    /** The backend of an operation on three tensors. @throws IllegalArgumentException when they are on different devices */
    static Backend of(Tensor a, Tensor b, Tensor c) {
        Backend x = of(a, b);
        if (c.backend() != x) throw mismatch(a.device(), c.device());
        return x;
    }

    /**
     * The common device of operands (null entries are skipped), e.g. of a DNDarray operation before it communicates.
     * <pre>{@code Device d = Backend.commonDevice(x.device(), y.device()); }</pre>
     *
     * @throws IllegalArgumentException when two differ
     */
    static Device commonDevice(Device... devices) {
        Device d = null;
        for (Device e : devices) {
            if (e == null) continue;
            if (d == null) d = e;
            else if (!d.equals(e)) throw mismatch(d, e);
        }
        return d == null ? Device.CPU : d;
    }

    /** The error for operands on two devices. */
    static IllegalArgumentException mismatch(Device a, Device b) {
        return new IllegalArgumentException("operands on different devices: " + a + " and " + b + "; move one with .to(device)");
    }

    // ------------------------------------------------------------------------------------------- memory

    /** The device this backend allocates on and computes on. */
    Device device();

    /** Uninitialised contiguous tensor. */
    Tensor empty(DType dtype, long... shape);

    /** Zero-filled contiguous tensor. */
    Tensor zeros(DType dtype, long... shape);

    /**
     * {@code dst = src} element by element with dtype conversion (numpy's unsafe casts); any strides, {@code src}
     * may be a broadcast view of dst's shape. Both on this backend's device, or — for a device backend — one of
     * them on the CPU: then this is the transfer between host and device.
     */
    void copy(Tensor src, Tensor dst);

    /** Sets every element of {@code t} to {@code value} converted. */
    void fill(Tensor t, double value);

    /** Sets every element of {@code t} to the integer {@code value} (exact for int64). */
    void fill(Tensor t, long value);

    /** The element of {@code t} at byte {@code byteOffset} of its {@link Tensor#segment()}, as a double. */
    double readDouble(Tensor t, long byteOffset);

    /** The element at {@code byteOffset} as a long (floats truncate). */
    long readLong(Tensor t, long byteOffset);

    /** The element at {@code byteOffset} boxed (see {@link Tensor#getObject}). */
    Object readObject(Tensor t, long byteOffset);

    /** Writes the element at {@code byteOffset} from a double (converted). */
    void writeDouble(Tensor t, long byteOffset, double v);

    /** Writes the element at {@code byteOffset} from a long (converted). */
    void writeLong(Tensor t, long byteOffset, long v);

    /**
     * Bulk read: {@code n} elements of the contiguous int64 tensor {@code t} from flat position {@code start} into
     * {@code dst[off …]} (index lists and sort keys that live in Java arrays).
     */
    void readLongs(Tensor t, long start, long[] dst, int off, int n);

    /** Bulk write: {@code src[off …off+n)} into the contiguous int64 tensor {@code t} at flat position {@code start}. */
    void writeLongs(Tensor t, long start, long[] src, int off, int n);

    /**
     * The elements of the contiguous tensor {@code t} in host memory, for C libraries (MPI, HDF5 …): on the CPU the
     * tensor's own memory; on a device a host copy (writes to it do not reach the tensor).
     */
    MemorySegment hostSegment(Tensor t);

    /** Releases {@code t}'s memory now (see {@link Memory#free()}); nothing for wrapped memory. */
    void free(Tensor t);

    // ------------------------------------------------------------------------------------------- element-wise

    /**
     * {@code out = fn(in[0])} or {@code out = fn(in[0], in[1])}; every input has out's shape (broadcast views).
     * {@code longPath} picks the exact integer kernel. {@code out} may be an input (in place) unless broadcast.
     */
    void elementwise(ElementFn fn, boolean longPath, Tensor out, Tensor... in);

    /**
     * {@code out = p(in)}: a fused element-wise expression ({@link ExprProgram}); every input has out's shape
     * (broadcast views) and the program's input dtype, {@code out} may be an input (the same view) for in-place use.
     * The result equals evaluating the nodes one by one with {@link #elementwise} into arrays of each node's dtype,
     * which is what this default does (with full-size temporaries); {@code CpuBackend} computes the whole tree block by
     * block instead ({@code ExprKernel}).
     * <pre>{@code be.evaluate(program, out, x, y.broadcastTo(out.shape())); }</pre>
     */
    default void evaluate(ExprProgram p, Tensor out, Tensor... in) {
        long[] shape = out.shape();
        Tensor[] v = new Tensor[p.size()];
        boolean[] temp = new boolean[p.size()];
        for (int i = 0; i < p.size(); i++) {
            ExprProgram.Node x = p.node(i);
            switch (x.kind()) {
                case INPUT -> v[i] = in[x.input()];
                case CONST -> {
                    Tensor s = empty(x.dtype());
                    if (x.dtype().isFloat()) s.setDouble(x.dvalue()); else s.setLong(x.lvalue());
                    v[i] = s.broadcastTo(shape);
                }
                case OP -> {
                    v[i] = empty(x.dtype(), shape);
                    if (x.b() >= 0) elementwise(x.fn(), x.longPath(), v[i], v[x.a()], v[x.b()]);
                    else elementwise(x.fn(), x.longPath(), v[i], v[x.a()]);
                    temp[i] = true;
                }
                case WHERE -> {
                    v[i] = empty(x.dtype(), shape).copyFrom(v[x.b()]);
                    Tensor a = v[x.a()].astype(x.dtype()), c = v[x.cond()].astype(DType.BOOL);
                    copyWhere(c, a, v[i]);
                    free(a);
                    free(c);
                    temp[i] = true;
                }
            }
        }
        out.copyFrom(v[p.size() - 1]);
        for (int i = 0; i < p.size(); i++) if (temp[i]) free(v[i]);
    }

    /** Reduces {@code axis} of {@code in} with {@code fn} into a new tensor of {@code outType} (the axis dropped). */
    Tensor reduce(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType);

    /** Inclusive running reduction along {@code axis} (cumsum, cumprod) into a new tensor of {@code outType}. */
    Tensor cumulative(ReduceFn fn, boolean longPath, Tensor in, int axis, DType outType);

    /** Fills {@code out} from {@code g} (its double path, or the long path when {@code longPath}), converting to out's dtype. */
    void generate(Generator g, boolean longPath, Tensor out);

    // ------------------------------------------------------------------------------------------- sort / select

    /**
     * Sorts every fiber along {@code axis} (see {@link SortKeys} for the order): {values or null, int64 indices
     * along the axis or null}; {@code k >= 0} keeps the first k of each fiber (topk). Index results, and
     * {@code stable} float sorts, are stable.
     */
    Tensor[] sort(Tensor in, int axis, boolean descending, boolean stable, boolean wantValues, boolean wantIndices, long k);

    /**
     * The 1-d {@code fiber}'s elements as sortable keys into {@code keys[0, n)} ({@link SortKeys}); with
     * {@code ids}, {@code ids[i] = idBase + i} plus {@link SortKeys#NEG_ZERO} for a -0.0 when {@code zeroEq}
     * (which gives ±0 one key).
     */
    void readSortKeys(Tensor fiber, boolean descending, boolean zeroEq, long[] keys, long[] ids, long idBase);

    /** Decodes {@code keys[from, from + n)} (n = fiber length) into the 1-d {@code fiber}; {@code negZeroFlags} restores -0.0 from ids. */
    void writeSortValues(Tensor fiber, long[] keys, long[] ids, int from, boolean descending, boolean negZeroFlags);

    /** Writes {@code ids[from, from + n)} without flags into the 1-d int64 {@code fiber}. */
    void writeSortIndices(Tensor fiber, long[] ids, int from);

    /**
     * One round of the sample sort's bucket scatter: key i (tiebreak {@code ids[i]} without flags, or
     * {@code tbBase + i}) belongs to bucket q = bucketer(key, tiebreak); the s-th key of bucket q (in input order) is
     * written when {@code lo[q] <= s < hi[q]}, at row {@code at[q] + s - lo[q]} of the int64 {@code buf} (rows of 1
     * value, or 2 — key and id — with ids); {@code seen} (length = buckets) is scratch.
     */
    void scatterBucketWindow(long[] keys, long[] ids, int n, long tbBase, SortKeys.Bucketer bucketer, long[] lo, long[] hi,
                             long[] at, long[] seen, Tensor buf);

    /**
     * Per row of the 2-d {@code rows} (M, K): the best element's value and position — the largest ({@code max}) or
     * smallest, NaN first, ties to the lower position. {values (int64 for integer input, else float64), int64
     * positions (-1 for an empty row)}, both of length M.
     */
    Tensor[] argExtreme(Tensor rows, boolean max);

    /**
     * numpy's {@code searchsorted(sorted, x, side)} for every element of x (side right when {@code right}; NaN
     * after every number) into the int64 tensor {@code out} of x's shape; {@code mirror} stores
     * {@code sorted.length - index}.
     */
    void searchsorted(Tensor x, double[] sorted, boolean right, boolean mirror, Tensor out);

    // ------------------------------------------------------------------------------------------- gather / scatter

    /**
     * {@code out[b, …] = src[…, index[0][b], …, index[k-1][b], …]} for b < count: the rows (the axes of src not in
     * the increasing {@code axes}) at the given positions of {@code axes}; out is contiguous, shape [count, rest…].
     */
    void gatherRows(Tensor src, int[] axes, long[][] index, long count, Tensor out);

    /** The reverse of {@link #gatherRows}: {@code dst[…, index[0][b], …] = rows[b, …]}. */
    void scatterRows(Tensor rows, Tensor dst, int[] axes, long[][] index, long count);

    /**
     * Row permutation between two contiguous tensors of one dtype, rows of {@code rowBytes} bytes:
     * {@code dst[order[q]] = src[q]} ({@code scatter}) or {@code dst[q] = src[order[q]]}.
     */
    void moveRows(Tensor src, Tensor dst, long[] order, boolean scatter, long rowBytes);

    /**
     * The coordinates of the nonzero elements of {@code t} (at least 1-d), one int64 tensor per axis in C order, on
     * this backend; {@code shift} is added along {@code shiftAxis} (-1: none).
     */
    Tensor[] nonzero(Tensor t, int shiftAxis, long shift);

    /** {@code dst[i] = src[i]} where the bool {@code mask[i]} is set: three contiguous tensors of one size. */
    void copyWhere(Tensor mask, Tensor src, Tensor dst);

    // ------------------------------------------------------------------------------------------- counting / binning

    /** {min, max} of t's elements as doubles; NaN for both when one is NaN; {+inf, -inf} when empty. */
    double[] range(Tensor t);

    /** {max, ~min} of an integer tensor (so that one MAX-Allreduce merges both); {Long.MIN_VALUE, Long.MIN_VALUE} when empty. */
    long[] integerRange(Tensor t);

    /**
     * torch.histc counts: {@code bins} equal bins over [lo, hi], elements outside or NaN ignored, hi in the last bin;
     * positions computed in float32 for float32 input. An int64 tensor of length bins.
     */
    Tensor histc(Tensor x, int bins, double lo, double hi);

    /**
     * numpy.histogram with the increasing {@code edges} (bins half open, the last closed), made from the range
     * [first, last] (edges[0] and edges[last] may be those rounded to float32; the bin estimate uses the unrounded
     * ends, as numpy does): int64 counts, or with {@code weights} (x's shape) the float64 sums of the weights.
     * Length edges.length - 1.
     */
    Tensor histogram(Tensor x, Tensor weights, double[] edges, double first, double last);

    /** numpy.bincount of the non-negative integers x (values < length): int64 counts, or float64 sums of {@code weights}. */
    Tensor bincount(Tensor x, Tensor weights, int length);

    // ------------------------------------------------------------------------------------------- signal

    /**
     * Full linear convolution outputs at positions [lo, hi) of a 1-d signal of length {@code signalLength} with the
     * 1-d {@code kernel}, from {@code signal}, which holds the signal's elements [signalStart, signalStart +
     * signal.size()) (all those the window needs); integers are summed exactly in 64 bits, floats in double. A new
     * 1-d tensor of {@code outType} whose element 0 is position lo.
     */
    Tensor convolve(Tensor signal, long signalStart, long signalLength, Tensor kernel, long lo, long hi, DType outType);

    // ------------------------------------------------------------------------------------------- linear algebra

    /** This backend's dense linear algebra (BLAS/LAPACK level). */
    LinalgKernels linalg();

    /** This backend's distance and clustering kernels. <pre>{@code x.backend().cluster().argminRows(d, nearest, false); }</pre> */
    ClusterKernels cluster();

    // ------------------------------------------------------------------------------------------- sparse

    /** This backend's local sparse-matrix kernels (CSR). <pre>{@code Csr a = x.backend().sparse().fromDense(x); }</pre> */
    SparseKernels sparse();

    // ------------------------------------------------------------------------------------------- fft

    /** This backend's local Fourier transforms. <pre>{@code Tensor y = x.backend().fft().c2c(x, new int[] {0}, true, 1.0, DType.COMPLEX128); }</pre> */
    FftKernels fft();
}
