package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.Objects;

/**
 * A local, strided N-dimensional array on off-heap memory: the role torch's tensor plays in Heat. A tensor is a
 * view (shape, strides and offset in elements) over a block of memory of its {@link #device()}; slicing, permuting
 * and broadcasting make new views without copying. Everything that touches the elements — allocation, copies,
 * element access, kernels — goes through the tensor's {@link Backend}, so the same code runs on any device.
 * The static factories ({@link #empty}, {@link #zeros}, {@link #fromArray} …) make CPU tensors;
 * {@link #newEmpty} makes one on this tensor's device and {@link #to(Device)} moves one. C libraries get host
 * memory from {@link #hostSegment()}.
 *
 * <pre>{@code
 * Tensor t = Tensor.fromArray(new double[][]{{1, 2, 3}, {4, 5, 6}});
 * Tensor col = t.select(1, 2);                 // view: [3, 6]
 * Tensor tt = t.transpose().contiguous();      // copy in C order
 * double v = t.getDouble(1, 0);                // 4.0
 * }</pre>
 */
public final class Tensor implements HasDType {
    private final Backend backend;
    private final Memory storage;
    private final MemorySegment segment;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long offset;
    private final long size;

    private Tensor(Backend backend, Memory storage, MemorySegment segment, DType dtype, long[] shape, long[] strides, long offset) {
        this.backend = backend;
        this.storage = storage;
        this.segment = segment;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.offset = offset;
        this.size = Shapes.size(shape);
    }

    // ------------------------------------------------------------------------------------------- factories

    /** Uninitialised contiguous CPU tensor. <pre>{@code Tensor t = Tensor.empty(DType.FLOAT64, 3, 4); }</pre> */
    public static Tensor empty(DType dtype, long... shape) {
        return CpuBackend.INSTANCE.empty(dtype, shape);
    }

    /** Zero-filled contiguous CPU tensor. <pre>{@code Tensor t = Tensor.zeros(DType.INT32, 5); }</pre> */
    public static Tensor zeros(DType dtype, long... shape) {
        return CpuBackend.INSTANCE.zeros(dtype, shape);
    }

    /** CPU tensor filled with {@code value} converted to {@code dtype}. <pre>{@code Tensor.full(DType.FLOAT32, 1.5, 2, 2)}</pre> */
    public static Tensor full(DType dtype, double value, long... shape) {
        return fill(CpuBackend.INSTANCE, dtype, value, shape);
    }

    private static Tensor fill(Backend b, DType dtype, double value, long[] shape) {
        Tensor t = value == 0 ? b.zeros(dtype, shape) : b.empty(dtype, shape);
        if (value != 0) t.fill(value);
        return t;
    }

    /** Uninitialised contiguous tensor on this tensor's device. <pre>{@code Tensor out = x.newEmpty(DType.INT64, 3); }</pre> */
    public Tensor newEmpty(DType dtype, long... shape) { return backend.empty(dtype, shape); }

    /** Zero-filled contiguous tensor on this tensor's device. */
    public Tensor newZeros(DType dtype, long... shape) { return backend.zeros(dtype, shape); }

    /**
     * Copies {@code n} elements of this contiguous int64 tensor, from flat position {@code start}, into {@code dst[off …]}.
     * <pre>{@code long[] ids = new long[10]; t.readLongs(0, ids, 0, 10); }</pre>
     */
    public void readLongs(long start, long[] dst, int off, int n) { backend.readLongs(this, start, dst, off, n); }

    /**
     * Writes {@code src[off …off+n)} into this contiguous int64 tensor at flat position {@code start}.
     * <pre>{@code t.writeLongs(0, new long[] {1, 2, 3}, 0, 3); }</pre>
     */
    public void writeLongs(long start, long[] src, int off, int n) { backend.writeLongs(this, start, src, off, n); }

    /** A tensor filled with {@code value} on this tensor's device. <pre>{@code Tensor one = x.newFull(x.dtype(), 1.0); }</pre> */
    public Tensor newFull(DType dtype, double value, long... shape) { return fill(backend, dtype, value, shape); }

    /** The bytes of {@code shape} elements of {@code dtype}, checked (for backends' allocators). */
    static long byteSize(DType dtype, long[] s) {
        try {
            return Math.multiplyExact(Shapes.size(s), (long) dtype.itemSize());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("shape " + Shapes.str(s) + " of " + dtype + " needs more than 2^63 bytes");
        }
    }

    /** A new contiguous tensor over the whole of {@code memory} (shape already checked), for allocators in this package. */
    static Tensor over(Backend backend, Memory memory, DType dtype, long[] checkedShape) {
        return new Tensor(backend, memory, memory.segment(), dtype, checkedShape, Shapes.cStrides(checkedShape), 0);
    }

    /**
     * A tensor of {@code backend} over its {@code memory} with the given layout (strides and offset in elements):
     * how a backend other than the CPU makes its tensors.
     * <pre>{@code Tensor t = Tensor.of(this, block, DType.FLOAT32, new long[] {4}, new long[] {1}, 0); }</pre>
     *
     * @throws IllegalArgumentException when the layout reaches outside the memory
     */
    public static Tensor of(Backend backend, Memory memory, DType dtype, long[] shape, long[] strides, long offset) {
        if (backend == null || memory == null || dtype == null) throw new IllegalArgumentException("backend, memory and dtype must not be null");
        long[] s = Shapes.check(shape, "shape");
        if (strides.length != s.length) throw new IllegalArgumentException("strides " + Arrays.toString(strides) + " do not match shape " + Shapes.str(s));
        long lo = offset, hi = offset;
        for (int d = 0; d < s.length; d++) {
            if (s[d] == 0) { lo = hi = offset; break; }
            long ext = (s[d] - 1) * strides[d];
            if (ext < 0) lo += ext; else hi += ext;
        }
        if (Shapes.size(s) > 0 && (lo < 0 || (hi + 1) * dtype.itemSize() > memory.segment().byteSize())) {
            throw new IllegalArgumentException("layout of shape " + Shapes.str(s) + " reaches outside a block of "
                    + memory.segment().byteSize() + " bytes");
        }
        return new Tensor(backend, memory, memory.segment(), dtype, s, strides.clone(), offset);
    }

    /**
     * A CPU tensor over existing host memory (no copy, no ownership): e.g. a buffer received from a native library.
     * <pre>{@code Tensor t = Tensor.wrap(seg, DType.FLOAT64, 10); }</pre>
     */
    public static Tensor wrap(MemorySegment segment, DType dtype, long... shape) {
        long[] s = Shapes.check(shape, "shape");
        long need = Shapes.size(s) * dtype.itemSize();
        if (segment.byteSize() < need) {
            throw new IllegalArgumentException("segment of " + segment.byteSize() + " bytes is too small for shape "
                    + Shapes.str(s) + " of " + dtype + " (" + need + " bytes)");
        }
        return new Tensor(CpuBackend.INSTANCE, null, segment, dtype, s, Shapes.cStrides(s), 0);
    }

    /**
     * Copies a (nested, rectangular) Java array into a CPU tensor: {@code double[]}, {@code float[][]}, {@code long[][][]}, {@code int},
     * {@code short}, {@code byte}, {@code boolean} leaves; the dtype follows the leaf type.
     * <pre>{@code Tensor t = Tensor.fromArray(new int[][]{{1, 2}, {3, 4}});   // int32, shape (2, 2) }</pre>
     */
    public static Tensor fromArray(Object javaArray) {
        return fromArray(javaArray, null);
    }

    /**
     * Copies a nested Java array converting to {@code dtype} (null: from the leaf type).
     * <pre>{@code Tensor t = Tensor.fromArray(new double[]{1, 2}, DType.FLOAT32); }</pre>
     *
     * @throws IllegalArgumentException for ragged rows ("mismatched Java array rows") or unsupported element types
     */
    public static Tensor fromArray(Object javaArray, DType dtype) {
        long[] shape = shapeOf(javaArray);
        DType leaf = leafType(javaArray);
        Tensor out = empty(dtype == null ? leaf : dtype, shape);
        long[] pos = {0};
        fillFrom(javaArray, leaf, out, pos);
        return out;
    }

    /** Shape of a nested rectangular Java array (validated). <pre>{@code Tensor.shapeOf(new double[2][3]) == [2, 3]}</pre> */
    public static long[] shapeOf(Object javaArray) {
        if (javaArray == null) throw new IllegalArgumentException("array must not be null");
        if (!javaArray.getClass().isArray()) {
            throw new IllegalArgumentException("expected a Java array, got " + javaArray.getClass().getName());
        }
        int depth = 0;
        Class<?> c = javaArray.getClass();
        while (c.isArray()) { depth++; c = c.getComponentType(); }
        long[] shape = new long[depth];
        Object cur = javaArray;
        for (int d = 0; d < depth; d++) {
            int len = Array.getLength(cur);
            shape[d] = len;
            if (len == 0) { for (int e = d + 1; e < depth; e++) shape[e] = 0; break; }
            cur = Array.get(cur, 0);
            if (cur == null && d < depth - 1) throw new IllegalArgumentException("array contains a null row at depth " + (d + 1));
        }
        checkRect(javaArray, shape, 0, "");
        return shape;
    }

    private static void checkRect(Object a, long[] shape, int d, String path) {
        if (a == null) throw new IllegalArgumentException("mismatched Java array rows: null row at " + path);
        int len = Array.getLength(a);
        if (len != shape[d]) {
            throw new IllegalArgumentException("mismatched Java array rows: row " + (path.isEmpty() ? "(top)" : path)
                    + " has length " + len + ", expected " + shape[d] + " (shape " + Shapes.str(shape) + ")");
        }
        if (d + 1 < shape.length) {
            Object[] rows = (Object[]) a;
            for (int i = 0; i < rows.length; i++) checkRect(rows[i], shape, d + 1, path + "[" + i + "]");
        }
    }

    /**
     * The dtype a Java array's element type maps to (double → float64, int → int32, boolean → bool …).
     * <pre>{@code Tensor.dtypeOf(new int[2][3]) == DType.INT32}</pre>
     */
    public static DType dtypeOf(Object javaArray) {
        if (javaArray == null || !javaArray.getClass().isArray()) {
            throw new IllegalArgumentException("expected a Java array, got " + (javaArray == null ? "null" : javaArray.getClass().getName()));
        }
        return leafType(javaArray);
    }

    private static DType leafType(Object a) {
        Class<?> c = a.getClass();
        while (c.getComponentType().isArray()) c = c.getComponentType();
        Class<?> leaf = c.getComponentType();
        if (leaf == double.class) return DType.FLOAT64;
        if (leaf == float.class) return DType.FLOAT32;
        if (leaf == long.class) return DType.INT64;
        if (leaf == int.class) return DType.INT32;
        if (leaf == short.class) return DType.INT16;
        if (leaf == byte.class) return DType.INT8;
        if (leaf == boolean.class) return DType.BOOL;
        if (leaf == Complex.class) return DType.COMPLEX128;
        throw new IllegalArgumentException("unsupported Java array element type " + leaf.getName()
                + "; allowed: double, float, long, int, short, byte, boolean, Complex");
    }

    private static void fillFrom(Object a, DType leaf, Tensor out, long[] pos) {
        Class<?> comp = a.getClass().getComponentType();
        if (comp.isArray()) {
            for (Object row : (Object[]) a) fillFrom(row, leaf, out, pos);
            return;
        }
        int len = Array.getLength(a);
        if (len == 0) return;
        if (a instanceof Complex[] zs) {
            double[] ri = new double[2 * len];
            for (int i = 0; i < len; i++) {
                if (zs[i] == null) throw new IllegalArgumentException("array contains a null Complex");
                ri[2 * i] = zs[i].re();
                ri[2 * i + 1] = zs[i].im();
            }
            Tensor src = new Tensor(CpuBackend.INSTANCE, null, MemorySegment.ofArray(ri), DType.COMPLEX128, new long[] {len}, new long[] {1}, 0);
            out.backend.copy(src, out.view(new long[] {len}, new long[] {1}, pos[0]));
            pos[0] += len;
            return;
        }
        MemorySegment heap = a instanceof boolean[] b ? boolSegment(b) : asPrimitive(a);
        Tensor src = new Tensor(CpuBackend.INSTANCE, null, heap, leaf, new long[] {len}, new long[] {1}, 0);
        Tensor dst = out.view(new long[] {len}, new long[] {1}, pos[0]);
        out.backend.copy(src, dst);
        pos[0] += len;
    }

    private static MemorySegment boolSegment(boolean[] b) {
        byte[] bytes = new byte[b.length];
        for (int i = 0; i < b.length; i++) bytes[i] = b[i] ? (byte) 1 : 0;
        return MemorySegment.ofArray(bytes);
    }

    private static MemorySegment asPrimitive(Object a) {
        return switch (a) {
            case double[] x -> MemorySegment.ofArray(x);
            case float[] x -> MemorySegment.ofArray(x);
            case long[] x -> MemorySegment.ofArray(x);
            case int[] x -> MemorySegment.ofArray(x);
            case short[] x -> MemorySegment.ofArray(x);
            case byte[] x -> MemorySegment.ofArray(x);
            default -> throw new IllegalArgumentException("unsupported array " + a.getClass());
        };
    }

    // ------------------------------------------------------------------------------------------- metadata

    @Override
    public DType dtype() { return dtype; }

    /** A copy of the shape. <pre>{@code long[] s = t.shape(); }</pre> */
    public long[] shape() { return shape.clone(); }

    /** Extent of one axis (negative counts from the end). <pre>{@code long rows = t.shape(0); }</pre> */
    public long shape(int axis) { return shape[Shapes.normalizeAxis(axis, shape.length, "axis")]; }

    /** A copy of the strides, in elements. */
    public long[] strides() { return strides.clone(); }

    /** Offset of element (0, …, 0) in elements from the start of {@link #segment()}. */
    public long offset() { return offset; }

    /** Number of dimensions. */
    public int ndim() { return shape.length; }

    /** Number of elements. */
    public long size() { return size; }

    /** Bytes of the elements (size × itemSize), not of the underlying storage. */
    public long nbytes() { return size * dtype.itemSize(); }

    /**
     * The backing segment in the device's address space (the whole block: index it with {@link #offset()} and
     * {@link #strides()}); for backends and kernels.
     */
    public MemorySegment segment() { return segment; }

    /** The owning memory block, or null for wrapped memory. */
    public Memory storage() { return storage; }

    /** Where the elements live. <pre>{@code Device d = t.device();   // cpu:0 }</pre> */
    public Device device() { return backend.device(); }

    /** The backend that allocates and computes on this tensor's device. <pre>{@code t.backend().fill(t, 1.0); }</pre> */
    public Backend backend() { return backend; }

    /**
     * The elements as one contiguous segment in the device's memory (host memory for a CPU tensor), for code that
     * knows that memory; only for {@link #isContiguous()} tensors. C libraries on the host use {@link #hostSegment()}.
     */
    public MemorySegment data() {
        if (!isContiguous()) throw new IllegalStateException("data(): tensor is not contiguous; call contiguous() first");
        if (size == 0) return segment.asSlice(0, 0);
        return segment.asSlice(offset * dtype.itemSize(), size * dtype.itemSize());
    }

    /**
     * The elements in C order in host memory, for C libraries (MPI, HDF5, netCDF, file I/O); only for
     * {@link #isContiguous()} tensors. For a CPU tensor this IS its memory: reads and writes act on the tensor (a
     * library may fill a new tensor through it). For a device tensor it is a host copy made now (staging): writes
     * to it do not reach the tensor — read into a CPU tensor and move it with {@link #to(Device)} instead.
     * <pre>{@code FileSlabs.writeFully(channel, pos, t.contiguous().hostSegment()); }</pre>
     */
    public MemorySegment hostSegment() {
        if (!isContiguous()) throw new IllegalStateException("hostSegment(): tensor is not contiguous; call contiguous() first");
        return backend.hostSegment(this);
    }

    /**
     * Releases this tensor's memory block now, for an op's temporaries; this tensor and every view of its block
     * must not be used afterwards. Nothing happens for wrapped memory.
     * <pre>{@code tmp.free(); }</pre>
     */
    public void free() { backend.free(this); }

    /** True when the elements lie in C order without gaps. <pre>{@code if (!t.isContiguous()) t = t.contiguous(); }</pre> */
    public boolean isContiguous() {
        if (size == 0) return true;
        long expect = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            if (shape[i] != 1 && strides[i] != expect) return false;
            expect *= shape[i];
        }
        return true;
    }

    // ------------------------------------------------------------------------------------------- element access

    private long byteOffset(long[] idx) {
        if (idx.length != shape.length) {
            throw new IllegalArgumentException("expected " + shape.length + " indices, got " + idx.length);
        }
        long o = offset;
        for (int d = 0; d < idx.length; d++) {
            long i = idx[d] < 0 ? idx[d] + shape[d] : idx[d];
            if (i < 0 || i >= shape[d]) {
                throw new IndexOutOfBoundsException("index " + idx[d] + " is out of bounds for axis " + d + " with size " + shape[d]);
            }
            o += i * strides[d];
        }
        return o * dtype.itemSize();
    }

    private long flatByteOffset(long i) {
        if (i < 0 || i >= size) throw new IndexOutOfBoundsException("flat index " + i + " out of range [0, " + size + ")");
        long o = offset;
        for (int d = shape.length - 1; d >= 0; d--) {
            long s = shape[d];
            o += (i % s) * strides[d];
            i /= s;
        }
        return o * dtype.itemSize();
    }

    /** Element as double. <pre>{@code double v = t.getDouble(1, 2); }</pre> */
    public double getDouble(long... idx) { return backend.readDouble(this, byteOffset(idx)); }

    /** Element as long. */
    public long getLong(long... idx) { return backend.readLong(this, byteOffset(idx)); }

    /** Element as its boxed Java value (Boolean, Byte, Short for uint8, Integer, Long, Float, Double). */
    public Object getObject(long... idx) { return backend.readObject(this, byteOffset(idx)); }

    /** Sets an element from a double (converted). <pre>{@code t.setDouble(3.5, 0, 1); }</pre> */
    public void setDouble(double v, long... idx) { backend.writeDouble(this, byteOffset(idx), v); }

    /** Sets an element from a long (converted). */
    public void setLong(long v, long... idx) { backend.writeLong(this, byteOffset(idx), v); }

    /** Element at C-order position {@code i} of the logical array. <pre>{@code double last = t.getDoubleFlat(t.size() - 1); }</pre> */
    public double getDoubleFlat(long i) { return backend.readDouble(this, flatByteOffset(i)); }

    /** Element at C-order position {@code i}, as long. */
    public long getLongFlat(long i) { return backend.readLong(this, flatByteOffset(i)); }

    /** Element at C-order position {@code i}, boxed. */
    public Object getObjectFlat(long i) { return backend.readObject(this, flatByteOffset(i)); }

    /** Sets the element at C-order position {@code i}. */
    public void setDoubleFlat(double v, long i) { backend.writeDouble(this, flatByteOffset(i), v); }

    /** Sets the element at C-order position {@code i}. */
    public void setLongFlat(long v, long i) { backend.writeLong(this, flatByteOffset(i), v); }

    // ------------------------------------------------------------------------------------------- views

    private Tensor view(long[] newShape, long[] newStrides, long newOffset) {
        return new Tensor(backend, storage, segment, dtype, newShape, newStrides, newOffset);
    }

    /**
     * The real part as a view (numpy's {@code x.real}): for a complex tensor a float32/float64 view of the same memory
     * (strides doubled, in units of the component), writable; a real tensor itself.
     * <pre>{@code Tensor re = z.real(); re.fill(0.0);   // zeroes z's real parts }</pre>
     */
    public Tensor real() {
        if (!dtype.isComplex()) return this;
        return new Tensor(backend, storage, segment, dtype.componentType(), shape.clone(), doubled(strides), 2 * offset);
    }

    /**
     * The imaginary part (numpy's {@code x.imag}): for a complex tensor a view of the same memory, one component past
     * the real part; for a real tensor a new tensor of zeros (numpy returns a read-only zero array there).
     * <pre>{@code Tensor im = z.imag(); }</pre>
     */
    public Tensor imag() {
        if (!dtype.isComplex()) return backend.zeros(dtype, shape);
        return new Tensor(backend, storage, segment, dtype.componentType(), shape.clone(), doubled(strides), 2 * offset + 1);
    }

    /**
     * torch's {@code view_as_complex}: a float32/float64 tensor whose last axis has length 2 and unit stride (and whose
     * other strides are even) as a complex64/complex128 view without that axis, (re, im) pairs in place.
     * <pre>{@code Tensor z = Tensor.zeros(DType.FLOAT64, 5, 2).viewAsComplex();   // complex128, shape (5) }</pre>
     *
     * @throws IllegalArgumentException when the layout is not (…, 2) pairs
     */
    public Tensor viewAsComplex() {
        int nd = shape.length;
        if (!dtype.isFloat() || nd == 0 || shape[nd - 1] != 2 || strides[nd - 1] != 1 || offset % 2 != 0) {
            throw new IllegalArgumentException("viewAsComplex needs a float32/float64 tensor with a last axis of 2 adjacent "
                    + "components, got " + dtype + " of shape " + Shapes.str(shape));
        }
        long[] st = new long[nd - 1];
        for (int d = 0; d < nd - 1; d++) {
            if (strides[d] % 2 != 0 && shape[d] > 1) {
                throw new IllegalArgumentException("viewAsComplex: stride " + strides[d] + " of axis " + d + " is not a whole number of pairs");
            }
            st[d] = strides[d] / 2;
        }
        return new Tensor(backend, storage, segment, dtype.toComplex(), Arrays.copyOf(shape, nd - 1), st, offset / 2);
    }

    private static long[] doubled(long[] st) {
        long[] r = new long[st.length];
        for (int i = 0; i < st.length; i++) r[i] = 2 * st[i];
        return r;
    }

    /** The element at {@code idx} as a {@link Complex} (any dtype; real types give imaginary part 0). <pre>{@code Complex c = z.getComplex(1, 2); }</pre> */
    public Complex getComplex(long... idx) {
        return new Complex(real().getDouble(idx), dtype.isComplex() ? imag().getDouble(idx) : 0);
    }

    /** The element at C-order flat index {@code i} as a {@link Complex}. <pre>{@code Complex c = z.getComplexFlat(0); }</pre> */
    public Complex getComplexFlat(long i) {
        return new Complex(real().getDoubleFlat(i), dtype.isComplex() ? imag().getDoubleFlat(i) : 0);
    }

    /**
     * Sets the element at {@code idx} to {@code v}; a real tensor takes the real part only after checking that the
     * imaginary part is 0 (numpy raises when a complex value with non-zero imaginary part goes into a real array).
     * <pre>{@code z.setComplex(new Complex(1, -1), 0, 0); }</pre>
     *
     * @throws IllegalArgumentException for a real tensor and {@code v.im() != 0}
     */
    public void setComplex(Complex v, long... idx) {
        if (!dtype.isComplex()) {
            if (v.im() != 0) throw new IllegalArgumentException("cannot store complex value " + v + " in a " + dtype + " tensor");
            setDouble(v.re(), idx);
            return;
        }
        real().setDouble(v.re(), idx);
        imag().setDouble(v.im(), idx);
    }

    /**
     * Elements [start, start+length) along {@code axis} (a view).
     * <pre>{@code Tensor rows = t.narrow(0, 2, 3); }</pre>
     */
    public Tensor narrow(int axis, long start, long length) {
        int ax = Shapes.normalizeAxis(axis, shape.length, "axis");
        if (start < 0 || length < 0 || start + length > shape[ax]) {
            throw new IllegalArgumentException("narrow: [" + start + ", " + (start + length) + ") is outside [0, "
                    + shape[ax] + "] of axis " + ax);
        }
        long[] s = shape.clone();
        s[ax] = length;
        return view(s, strides.clone(), length == 0 ? offset : offset + start * strides[ax]);
    }

    /**
     * numpy slice {@code start:stop:step} along {@code axis} (a view); null bounds are omitted ones, negative
     * bounds count from the end, out-of-range bounds are clipped, as in Python.
     * <pre>{@code Tensor rev = t.slice(0, null, null, -1); Tensor even = t.slice(1, 0L, null, 2); }</pre>
     */
    public Tensor slice(int axis, Long start, Long stop, long step) {
        int ax = Shapes.normalizeAxis(axis, shape.length, "axis");
        long[] r = sliceIndices(shape[ax], start, stop, step);
        long[] s = shape.clone();
        long[] st = strides.clone();
        s[ax] = r[3];
        st[ax] = strides[ax] * step;
        return view(s, st, r[3] == 0 ? offset : offset + r[0] * strides[ax]);
    }

    /**
     * Python's {@code slice(start, stop, step).indices(len)} plus the element count: {start, stop, step, count}.
     * <pre>{@code Tensor.sliceIndices(10, null, null, -1) == [9, -1, -1, 10]}</pre>
     */
    public static long[] sliceIndices(long len, Long start, Long stop, long step) {
        if (step == 0) throw new IllegalArgumentException("slice step cannot be zero");
        long lo = step > 0 ? 0 : -1, hi = step > 0 ? len : len - 1;
        long b = start == null ? (step > 0 ? lo : hi) : clip(start < 0 ? start + len : start, lo, hi);
        long e = stop == null ? (step > 0 ? hi : lo) : clip(stop < 0 ? stop + len : stop, lo, hi);
        long count = step > 0 ? (e > b ? (e - b + step - 1) / step : 0) : (b > e ? (b - e - step - 1) / (-step) : 0);
        return new long[] {b, e, step, count};
    }

    private static long clip(long v, long lo, long hi) { return Math.max(lo, Math.min(hi, v)); }

    /** The sub-tensor at {@code index} of {@code axis}, dropping that axis (a view). <pre>{@code Tensor row = t.select(0, 1); }</pre> */
    public Tensor select(int axis, long index) {
        int ax = Shapes.normalizeAxis(axis, shape.length, "axis");
        long i = index < 0 ? index + shape[ax] : index;
        if (i < 0 || i >= shape[ax]) {
            throw new IndexOutOfBoundsException("index " + index + " is out of bounds for axis " + ax + " with size " + shape[ax]);
        }
        return view(remove(shape, ax), remove(strides, ax), offset + i * strides[ax]);
    }

    /**
     * Every 1-d fiber along {@code axis} as a view, in C order over the other axes (a 0-d tensor has none).
     * <pre>{@code for (Tensor column : t.fibers(0)) column.fill(0.0);   // each column of a 2-d t }</pre>
     */
    public Tensor[] fibers(int axis) {
        int ax = Shapes.normalizeAxis(axis, shape.length, "axis");
        long[] starts = SortKeys.fiberStarts(this, ax);
        long[] fs = {shape[ax]}, fst = {strides[ax]};
        Tensor[] out = new Tensor[starts.length];
        for (int f = 0; f < starts.length; f++) out[f] = view(fs, fst, starts[f]);
        return out;
    }

    /** Axes reordered: output axis i is input axis {@code axes[i]} (a view). <pre>{@code t.permute(1, 0, 2)}</pre> */
    public Tensor permute(int... axes) {
        if (axes.length != shape.length) {
            throw new IllegalArgumentException("permute: axes " + Arrays.toString(axes) + " do not match a "
                    + shape.length + "-dimensional tensor");
        }
        long[] s = new long[axes.length], st = new long[axes.length];
        boolean[] seen = new boolean[axes.length];
        for (int i = 0; i < axes.length; i++) {
            int a = Shapes.normalizeAxis(axes[i], shape.length, "axes[" + i + "]");
            if (seen[a]) throw new IllegalArgumentException("permute: repeated axis " + axes[i] + " in " + Arrays.toString(axes));
            seen[a] = true;
            s[i] = shape[a];
            st[i] = strides[a];
        }
        return view(s, st, offset);
    }

    /** All axes reversed (numpy's {@code .T}; a view). <pre>{@code Tensor tt = t.transpose(); }</pre> */
    public Tensor transpose() {
        int[] ax = new int[shape.length];
        for (int i = 0; i < ax.length; i++) ax[i] = ax.length - 1 - i;
        return permute(ax);
    }

    /** Two axes exchanged (a view). <pre>{@code t.swapaxes(0, 2)}</pre> */
    public Tensor swapaxes(int a, int b) {
        int x = Shapes.normalizeAxis(a, shape.length, "axis1"), y = Shapes.normalizeAxis(b, shape.length, "axis2");
        int[] ax = new int[shape.length];
        for (int i = 0; i < ax.length; i++) ax[i] = i;
        ax[x] = y;
        ax[y] = x;
        return permute(ax);
    }

    /** A new axis of length 1 at {@code axis} in [-(ndim+1), ndim] (a view). <pre>{@code t.unsqueeze(0)}</pre> */
    public Tensor unsqueeze(int axis) {
        int ax = Shapes.normalizeAxis(axis, shape.length + 1, "axis");
        long[] s = new long[shape.length + 1], st = new long[shape.length + 1];
        for (int i = 0, j = 0; i < s.length; i++) {
            if (i == ax) {
                s[i] = 1;
                st[i] = ax < shape.length ? strides[ax] * shape[ax] : 1;
            } else {
                s[i] = shape[j];
                st[i] = strides[j];
                j++;
            }
        }
        return view(s, st, offset);
    }

    /** Removes axis {@code axis}, which must have length 1 (a view). */
    public Tensor squeeze(int axis) {
        int ax = Shapes.normalizeAxis(axis, shape.length, "axis");
        if (shape[ax] != 1) {
            throw new IllegalArgumentException("cannot squeeze axis " + axis + " of length " + shape[ax] + "; it must have length 1");
        }
        return view(remove(shape, ax), remove(strides, ax), offset);
    }

    /** Removes every axis of length 1 (a view). */
    public Tensor squeeze() {
        Tensor t = this;
        for (int i = shape.length - 1; i >= 0; i--) if (shape[i] == 1) t = t.squeeze(i);
        return t;
    }

    /**
     * numpy's {@code broadcast_to}: a read-only-in-spirit view with zero strides on broadcast axes.
     * <pre>{@code Tensor b = Tensor.zeros(DType.FLOAT64, 3).broadcastTo(4, 3); }</pre>
     */
    public Tensor broadcastTo(long... target) {
        long[] tgt = Shapes.check(target, "shape");
        if (tgt.length < shape.length) {
            throw new IllegalArgumentException("cannot broadcast shape " + Shapes.str(shape) + " to fewer dimensions " + Shapes.str(tgt));
        }
        long[] st = new long[tgt.length];
        int lead = tgt.length - shape.length;
        for (int i = 0; i < tgt.length; i++) {
            if (i < lead) { st[i] = 0; continue; }
            long s = shape[i - lead];
            if (s == tgt[i]) st[i] = strides[i - lead];
            else if (s == 1) st[i] = 0;
            else throw new IllegalArgumentException("cannot broadcast shape " + Shapes.str(shape) + " to " + Shapes.str(tgt));
        }
        return view(tgt, st, offset);
    }

    /**
     * The same elements in a new shape (one extent may be -1): a view when contiguous, else a C-order copy.
     * <pre>{@code Tensor m = Tensor.zeros(DType.INT64, 12).reshape(3, -1); }</pre>
     */
    public Tensor reshape(long... newShape) {
        long[] s = Shapes.inferReshape(size, newShape);
        Tensor c = contiguous();
        return c.view(s, Shapes.cStrides(s), c.offset);
    }

    /** A 1-d C-order view or copy. */
    public Tensor flatten() { return reshape(size); }

    private static long[] remove(long[] a, int i) {
        long[] r = new long[a.length - 1];
        System.arraycopy(a, 0, r, 0, i);
        System.arraycopy(a, i + 1, r, i, a.length - i - 1);
        return r;
    }

    // ------------------------------------------------------------------------------------------- copies

    /** This tensor if contiguous, else a C-order copy (same device). <pre>{@code Tensor c = t.contiguous(); }</pre> */
    public Tensor contiguous() { return isContiguous() ? this : copy(); }

    /** A new contiguous tensor with the same elements. */
    public Tensor copy() { return astype(dtype); }

    /** A new contiguous tensor converted to {@code target} (numpy's unsafe cast rules). <pre>{@code t.astype(DType.INT32)}</pre> */
    public Tensor astype(DType target) {
        Tensor out = backend.empty(target, shape);
        backend.copy(this, out);
        return out;
    }

    /**
     * Copies {@code src} (same shape, or broadcastable to it; same device) into this tensor, converting the type.
     * <pre>{@code dst.narrow(0, 0, 2).copyFrom(src); }</pre>
     *
     * @throws IllegalArgumentException when src lives on another device (move it with {@link #to(Device)})
     */
    public Tensor copyFrom(Tensor src) {
        Backend.of(this, src).copy(Arrays.equals(src.shape, shape) ? src : src.broadcastTo(shape), this);
        return this;
    }

    /**
     * This tensor on {@code target}: itself when it is there already, else a contiguous copy on that device.
     * <pre>{@code Tensor h = t.to(Device.CPU); }</pre>
     *
     * @throws IllegalArgumentException when the device is not available
     */
    public Tensor to(Device target) {
        if (target.equals(device())) return this;
        Backend tb = Backend.forDevice(target);
        Tensor out = tb.empty(dtype, shape);
        // the device side of a host/device pair moves the data; between two devices, through the host
        if (device().isCpu()) tb.copy(this, out);
        else if (target.isCpu()) backend.copy(this, out);
        else tb.copy(to(Device.CPU), out);
        return out;
    }

    /** Sets every element to {@code value} (converted). <pre>{@code t.fill(1.0); }</pre> */
    public Tensor fill(double value) {
        if (size > 0) backend.fill(this, value);
        return this;
    }

    /** Sets every element to the integer {@code value} (exact for int64). */
    public Tensor fill(long value) {
        if (size > 0) backend.fill(this, value);
        return this;
    }

    // ------------------------------------------------------------------------------------------- conversion

    /** Copies the elements into a CPU tensor over a Java array (the device's backend moves them when not on the CPU). */
    private void toHeap(MemorySegment heap, DType t) {
        backend.copy(this, new Tensor(CpuBackend.INSTANCE, null, heap, t, shape.clone(), Shapes.cStrides(shape), 0));
    }

    private void checkJavaSize() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("tensor of " + size + " elements does not fit a Java array");
        }
    }

    /** The elements in C order as doubles. <pre>{@code double[] v = t.toDoubleArray(); }</pre> */
    public double[] toDoubleArray() {
        checkJavaSize();
        double[] a = new double[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.FLOAT64);
        return a;
    }

    /**
     * The elements in C order as doubles, written into {@code dst} when it is large enough (else into a new array);
     * returns the array written. Loops that copy many equal-sized blocks reuse one buffer instead of allocating.
     * <pre>{@code double[] buf = null; for (Tensor b : blocks) buf = b.toDoubleArray(buf); }</pre>
     */
    public double[] toDoubleArray(double[] dst) {
        checkJavaSize();
        double[] a = dst != null && dst.length >= size ? dst : new double[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.FLOAT64);
        return a;
    }

    /**
     * The elements in C order as doubles, written into {@code dst} from position {@code off} (a row or block into a
     * larger Java buffer, without allocating). <pre>{@code x.select(0, i).toDoubleArray(buf, i * f); }</pre>
     *
     * @throws IndexOutOfBoundsException when dst is too short
     */
    public double[] toDoubleArray(double[] dst, int off) {
        Objects.checkFromIndexSize(off, size, dst.length);
        toHeap(MemorySegment.ofArray(dst).asSlice((long) off * 8), DType.FLOAT64);
        return dst;
    }

    /** The elements in C order as floats, into {@code dst} from 0 when it is large enough (else into a new array). */
    public float[] toFloatArray(float[] dst) {
        checkJavaSize();
        float[] a = dst != null && dst.length >= size ? dst : new float[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.FLOAT32);
        return a;
    }

    /** The elements in C order as ints, into {@code dst} from 0 when it is large enough (else into a new array). */
    public int[] toIntArray(int[] dst) {
        checkJavaSize();
        int[] a = dst != null && dst.length >= size ? dst : new int[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.INT32);
        return a;
    }

    /**
     * Sets the elements (C order) from {@code src[off …]}, converting to this tensor's dtype; any strides (a row of a
     * matrix, a column block …). <pre>{@code out.select(0, i).copyFrom(row, 0); }</pre>
     *
     * @throws IndexOutOfBoundsException when src is too short
     */
    public Tensor copyFrom(double[] src, int off) {
        Objects.checkFromIndexSize(off, size, src.length);
        if (size > 0) backend.copy(heapView(MemorySegment.ofArray(src).asSlice((long) off * 8), DType.FLOAT64), this);
        return this;
    }

    /** {@link #copyFrom(double[], int)} from an int array. <pre>{@code labels.narrow(0, i0, n).copyFrom(buf, 0); }</pre> */
    public Tensor copyFrom(int[] src, int off) {
        Objects.checkFromIndexSize(off, size, src.length);
        if (size > 0) backend.copy(heapView(MemorySegment.ofArray(src).asSlice((long) off * 4), DType.INT32), this);
        return this;
    }

    /** A C-order CPU tensor of this shape over Java-array memory (a source or target of one copy). */
    private Tensor heapView(MemorySegment heap, DType t) {
        return new Tensor(CpuBackend.INSTANCE, null, heap, t, shape.clone(), Shapes.cStrides(shape), 0);
    }

    /** The elements in C order as floats. */
    public float[] toFloatArray() {
        checkJavaSize();
        float[] a = new float[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.FLOAT32);
        return a;
    }

    /** The elements in C order as longs (floats truncated). */
    public long[] toLongArray() {
        checkJavaSize();
        long[] a = new long[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.INT64);
        return a;
    }

    /** The elements in C order as ints (wrapping like a C cast). */
    public int[] toIntArray() {
        checkJavaSize();
        int[] a = new int[(int) size];
        toHeap(MemorySegment.ofArray(a), DType.INT32);
        return a;
    }

    /** The elements in C order as {@link Complex} values (real types: imaginary part 0). <pre>{@code Complex[] v = z.toComplexArray(); }</pre> */
    public Complex[] toComplexArray() {
        checkJavaSize();
        double[] ri = new double[2 * (int) size];
        toHeap(MemorySegment.ofArray(ri), DType.COMPLEX128);
        Complex[] a = new Complex[(int) size];
        for (int i = 0; i < a.length; i++) a[i] = new Complex(ri[2 * i], ri[2 * i + 1]);
        return a;
    }

    /** The elements in C order as booleans ({@code != 0}). */
    public boolean[] toBooleanArray() {
        checkJavaSize();
        byte[] b = new byte[(int) size];
        toHeap(MemorySegment.ofArray(b), DType.BOOL);
        boolean[] a = new boolean[b.length];
        for (int i = 0; i < b.length; i++) a[i] = b[i] != 0;
        return a;
    }

    /**
     * The elements as a nested Java array of the dtype's Java type: double[][] for a 2-d float64, boolean[] for
     * a 1-d bool, short for uint8 (0…255), {@link Complex} for complex types; a 0-d tensor gives its boxed value.
     * <pre>{@code double[][] m = (double[][]) t.toNestedArray(); }</pre>
     */
    public Object toNestedArray() {
        if (shape.length == 0) return getObject();
        Object flat = switch (dtype) {
            case BOOL -> toBooleanArray();
            case INT8 -> { checkJavaSize(); byte[] a = new byte[(int) size]; toHeap(MemorySegment.ofArray(a), DType.INT8); yield a; }
            case UINT8, INT16 -> { checkJavaSize(); short[] a = new short[(int) size]; toHeap(MemorySegment.ofArray(a), DType.INT16); yield a; }
            case INT32 -> toIntArray();
            case INT64 -> toLongArray();
            case FLOAT32 -> toFloatArray();
            case FLOAT64 -> toDoubleArray();
            case COMPLEX64, COMPLEX128 -> toComplexArray();
        };
        return nest(flat, 0, new int[] {0});
    }

    private Object nest(Object flat, int d, int[] pos) {
        Class<?> leaf = flat.getClass().getComponentType();
        int n = (int) shape[d];
        if (d == shape.length - 1) {
            Object row = Array.newInstance(leaf, n);
            System.arraycopy(flat, pos[0], row, 0, n);
            pos[0] += n;
            return row;
        }
        Class<?> rowType = leaf;
        for (int i = d + 1; i < shape.length; i++) rowType = rowType.arrayType();
        Object arr = Array.newInstance(rowType, n);
        for (int i = 0; i < n; i++) Array.set(arr, i, nest(flat, d + 1, pos));
        return arr;
    }

    /**
     * True when both have the same dtype, shape and element values: bitwise (so -0.0 differs from 0.0), except that any
     * NaN equals any NaN, as numpy's {@code array_equal(a, b, equal_nan=True)}. A NaN's sign and payload carry no
     * meaning: {@code nan1 * nan2} returns one operand's NaN, and which one depends on the operand order the JIT chose
     * for the (commutative) instruction.
     * <pre>{@code assertTrue(a.contentEquals(b)); }</pre>
     */
    public boolean contentEquals(Tensor o) {
        Backend.of(this, o);
        if (o.dtype != dtype || !Arrays.equals(o.shape, shape)) return false;
        Tensor a = contiguous(), b = o.contiguous();
        MemorySegment x = a.hostSegment(), y = b.hostSegment();
        long at = x.mismatch(y);
        if (at == -1) return true;
        boolean f64 = dtype == DType.FLOAT64 || dtype == DType.COMPLEX128, f32 = dtype == DType.FLOAT32 || dtype == DType.COMPLEX64;
        if (!f64 && !f32) return false;
        long step = f64 ? 8 : 4;
        for (long i = at / step * step; i < x.byteSize(); i += step) {
            boolean same = f64
                    ? Double.doubleToLongBits(x.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i)) == Double.doubleToLongBits(y.get(ValueLayout.JAVA_DOUBLE_UNALIGNED, i))
                    : Float.floatToIntBits(x.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i)) == Float.floatToIntBits(y.get(ValueLayout.JAVA_FLOAT_UNALIGNED, i));
            if (!same) return false;
        }
        return true;
    }

    /** numpy-style text of the whole tensor (see {@link TensorPrinter}). */
    @Override
    public String toString() {
        return TensorPrinter.format(this, PrintOptions.get());
    }
}
