package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.CollectiveChecker;
import org.jheat.comm.Communication;
import org.jheat.comm.ReduceOp;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Complex;
import org.jheat.tensor.ComplexKernels;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.ElementFn;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.ReduceFn;
import org.jheat.tensor.Reductions;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * The generic distributed drivers (Heat's {@code __binary_op}, {@code __local_op}, {@code __reduce_op},
 * {@code __cum_op}): every numpy function is a few lines naming its local kernel and type rule.
 *
 * <ul>
 *   <li><b>binary</b>: numpy broadcasting, numpy type promotion with Java scalars as weak operands, and alignment of
 *   the distributions: a replicated operand is sliced locally, an operand split along the same axis with another
 *   distribution is redistributed, an operand split along a DIFFERENT axis is resplit (the smaller operand
 *   moves; Heat raises NotImplementedError there), an operand broadcast along the split axis is gathered.</li>
 *   <li><b>unary</b>: purely local.</li>
 *   <li><b>reduce</b>: local reduction, then one Allreduce only when the split axis is reduced.</li>
 *   <li><b>cumulative</b>: local running reduction, then an Exscan of the slab totals along the split axis.</li>
 * </ul>
 * Every check runs on global metadata before any communication — including the operands' devices: all operands
 * of an operation live on one device (else IllegalArgumentException), the result lives there too, and the local
 * work runs on that device's {@link Backend}.
 *
 * <pre>{@code DNDarray z = Operations.binary(Kernels.ADD, TypeRule.SAME, x, 2.0); }</pre>
 */
public final class Operations {
    private Operations() { }

    // ------------------------------------------------------------------------------------ operands

    private static Communication commOf(Object... ops) {
        for (Object o : ops) if (o instanceof DNDarray d) return d.comm();
        return DNDarray.world();
    }

    /**
     * The backend of an operation on a and b (DNDarrays or Java scalars): their common device's; the default
     * device's when both are scalars.
     *
     * @throws IllegalArgumentException when the arrays live on different devices
     */
    static Backend backendOf(Object a, Object b) {
        Backend ba = a instanceof DNDarray d ? d.larray().backend() : null;
        Backend bb = b instanceof DNDarray d ? d.larray().backend() : null;
        if (ba != null && bb != null && ba != bb) throw Backend.mismatch(ba.device(), bb.device());
        return ba != null ? ba : bb != null ? bb : Backend.forDevice(Device.defaultDevice());
    }

    /** {@link #operand(Object, Communication, Backend)} with a scalar on the default device. */
    static DNDarray operand(Object o, Communication comm) {
        return operand(o, comm, Backend.forDevice(Device.defaultDevice()));
    }

    /**
     * A DNDarray as it is; a Java scalar as a replicated 0-d array of its own (weak) dtype on {@code be}'s device.
     * The scalar's tensor is read-only (the drivers only read operands), so the last scalars a thread used are kept:
     * {@code x * 3.0} in a loop allocates no tensor for the 3.0 after its first iteration.
     */
    static DNDarray operand(Object o, Communication comm, Backend be) {
        if (o instanceof DNDarray d) return d;
        if (o instanceof Complex z) {
            Tensor s = be.empty(DType.COMPLEX128);
            s.setDouble(z.re());
            s.imag().setDouble(z.im());
            return new DNDarray(s, new long[0], null, comm, null);
        }
        if (o instanceof Boolean || o instanceof Number) {
            DType t = DType.ofScalar(o);
            long bits = o instanceof Boolean b ? (b ? 1 : 0)
                    : t == DType.INT64 ? ((Number) o).longValue() : Double.doubleToRawLongBits(((Number) o).doubleValue());
            return new DNDarray(ScalarCache.get(be, t, bits), new long[0], null, comm, null);
        }
        throw new IllegalArgumentException("operand must be a DNDarray or a Java scalar (Boolean, Integer, Long, Float, Double, Complex), got "
                + (o == null ? "null" : o.getClass().getName()));
    }

    /** Per thread, the 0-d tensors of the last Java scalars used as operands, direct-mapped by value. */
    private static final class ScalarCache {
        private static final int SIZE = 64;
        private static final ThreadLocal<ScalarCache> MINE = ThreadLocal.withInitial(ScalarCache::new);
        private final Tensor[] tensors = new Tensor[SIZE];
        private final long[] bits = new long[SIZE];

        static Tensor get(Backend be, DType t, long bits) {
            ScalarCache c = MINE.get();
            int slot = (int) ((bits * 0x9E3779B97F4A7C15L + t.ordinal()) >>> 58);
            Tensor s = c.tensors[slot];
            if (s != null && c.bits[slot] == bits && s.dtype() == t && s.backend() == be) return s;
            s = be.empty(t);
            if (t == DType.BOOL || t == DType.INT64) s.setLong(bits);
            else s.setDouble(Double.longBitsToDouble(bits));
            c.tensors[slot] = s;
            c.bits[slot] = bits;
            return s;
        }
    }

    private static boolean longPath(ElementFn fn, DType compute) {
        if (fn.hasComplexPath()) return false;
        if (compute.isIntegral() && fn.hasLongPath()) return true;
        if (fn.hasDoublePath()) return false;
        if (fn.hasLongPath()) return true;
        throw new IllegalStateException(fn.name() + " has no kernel");
    }

    /**
     * The kernel an element-wise operation runs (the complex partner for complex operands, see {@link #kernelFor}),
     * its result dtype, whether it runs its exact integer loop, and the dtype its operands are promoted to (which a
     * weak Java scalar is converted to, {@link #weakAs}).
     */
    record Loop(ElementFn fn, DType out, boolean longPath, DType in) { }

    /**
     * The loop of {@code fn(a, b)} (a, b: DNDarrays, DTypes or Java scalars, which are weak), with the operation's
     * argument checks: the one type decision of {@link #binary} and of fused expressions.
     */
    static Loop binaryLoop(ElementFn fn, TypeRule rule, Object a, Object b) {
        DType promoted = DType.resultType(a, b);
        rule.check(fn.name(), promoted);
        if (rule != TypeRule.BOOL && promoted.isInteger()) {   // comparisons with any integer are well defined
            checkIntegerScalar(fn.name(), promoted, a);
            checkIntegerScalar(fn.name(), promoted, b);
        }
        if (fn == Kernels.POW) Arithmetics.checkIntegerPower(typeOf(a), b, fn.name());
        if (fn == Kernels.SUB && promoted == DType.BOOL) {
            throw new IllegalArgumentException("subtract is not supported for bool operands; use logicalXor or bitwiseXor");
        }
        ElementFn k = kernelFor(fn, promoted);
        DType out = rule.result(promoted);
        return new Loop(k, out, longPath(k, rule == TypeRule.BOOL ? promoted : out), promoted);
    }

    /**
     * A weak Java scalar converted to the dtype {@code t} the operation promotes to, as numpy 2 does (NEP 50): rounded to
     * float32 precision when t is float32 or complex64, so that {@code eq(float32Array, 0.1)} compares with float32's 0.1
     * and {@code float32Array - 0.1} subtracts it (the float32 loops compute in double from float32 inputs, which rounds
     * exactly as float32 arithmetic); other scalars are exact in their 0-d operand and returned as they are.
     * <pre>{@code Object s = Operations.weakAs(0.1, DType.FLOAT32);   // 0.10000000149011612 }</pre>
     */
    static Object weakAs(Object o, DType t) {
        if (t != DType.FLOAT32 && t != DType.COMPLEX64) return o;
        if (o instanceof Complex z) return new Complex((float) z.re(), (float) z.im());
        if (o instanceof Number n && !(o instanceof Float)) return (double) n.floatValue();
        return o;
    }

    /** A Java integer scalar (Long, Integer, Short, Byte): a weak integer operand. */
    static boolean javaInteger(Object o) {
        return o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte;
    }

    /** The dtype of an operand given as a DNDarray, DType or other HasDType; null for a Java scalar. */
    private static DType typeOf(Object o) {
        return o instanceof DType d ? d : o instanceof org.jheat.tensor.HasDType h ? h.dtype() : null;
    }

    /**
     * A Java integer operand must fit the integer dtype it is weak against: numpy 2 (NEP 50, which jheat's promotion
     * follows) raises for {@code int8_array + 300} rather than wrap it to 44, and so does jheat, on every rank (a
     * test of the arguments alone).
     */
    static void checkIntegerScalar(String op, DType t, Object o) {
        if (!javaInteger(o)) return;
        long v = ((Number) o).longValue();
        int bits = 8 * t.itemSize();
        boolean unsigned = t.numpyName().startsWith("u");
        long lo = unsigned ? 0 : bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1));
        long hi = bits == 64 ? Long.MAX_VALUE : unsigned ? (1L << bits) - 1 : (1L << (bits - 1)) - 1;
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(op + ": the Java integer " + v + " is out of bounds for " + t + " (" + lo + " … " + hi
                    + "); as numpy 2 (NEP 50), a scalar does not widen the array's dtype: cast the array first, e.g. x.astype(DType.INT64)");
        }
    }

    /** The loop of {@code fn(x)} for an operand of dtype t, with the operation's argument check (see {@link #unary}). */
    static Loop unaryLoop(ElementFn fn, TypeRule rule, DType t) {
        rule.check(fn.name(), t);
        ElementFn k = kernelFor(fn, t);
        DType out = rule.result(t);
        return new Loop(k, out, longPath(k, rule == TypeRule.BOOL ? t : out), t);
    }

    /** numpy's ufuncs that need an ordering; on complex operands they raise (as Heat/torch do). */
    private static final java.util.Set<String> ORDERING = java.util.Set.of("less", "less_equal", "greater",
            "greater_equal", "maximum", "minimum", "fmax", "fmin", "clip");

    /**
     * The kernel that computes {@code fn} for operands promoted to {@code promoted}: {@code fn} itself for real types,
     * its complex partner ({@link ComplexKernels#of}) for complex ones.
     * <pre>{@code ElementFn k = Operations.kernelFor(Kernels.MUL, DType.COMPLEX64); }</pre>
     *
     * @throws UnsupportedOperationException when the operation is not defined for complex numbers (an ordering
     *         comparison, maximum, floor …); the check depends on dtypes only, so every process raises it
     */
    public static ElementFn kernelFor(ElementFn fn, DType promoted) {
        if (!promoted.isComplex() || fn.hasComplexPath()) return fn;
        ElementFn c = ComplexKernels.of(fn);
        if (c != null) return c;
        throw complexUnsupported(fn.name(), promoted);
    }

    /** The error for an operation that complex operands do not support (numpy's "not supported for the input types"). */
    static UnsupportedOperationException complexUnsupported(String op, DType t) {
        String why = ORDERING.contains(op) || op.startsWith("arg") || op.equals("max") || op.equals("min")
                || op.startsWith("sort") || op.equals("ptp")
                ? ": complex numbers have no ordering (compare x.real() or abs(x) instead)" : "";
        return new UnsupportedOperationException(op + " is not supported for complex dtype " + t + why);
    }

    // ------------------------------------------------------------------------------------ alignment

    /** The operands' local tensors, ready to broadcast to the output's local shape. */
    record Aligned(Tensor[] locals, long[] localShape, int split, long[][] map) { }

    /**
     * Aligns the distributions of operands broadcast to global shape {@code g}. {@code forceRef} >= 0 makes that
     * operand's distribution the output's (in-place operations); otherwise the largest split operand leads.
     */
    static Aligned align(long[] g, int forceRef, DNDarray... ops) {
        int n = ops.length;
        DNDarray[] o = ops.clone();
        int[] s = new int[n];
        long[] size = new long[n];
        for (int i = 0; i < n; i++) {
            s[i] = splitInResult(g, o[i].gshape(), o[i].splitAxis());
            if (o[i].splitAxis() >= 0 && s[i] < 0) o[i] = o[i].resplit(null);   // broadcast along its own split axis: every process needs it whole
            size[i] = o[i].size();
        }
        int ref = forceRef >= 0 ? forceRef : leader(s, size);
        if (ref < 0 || s[ref] < 0) return alignTo(g, -1, null, o, s);
        return alignTo(g, s[ref], o[ref].distribution(), o, s);
    }

    /**
     * Where an operand of global shape {@code shape} split along {@code split} (-1: replicated) keeps its split in a
     * result of broadcast shape g: the axis of g, or -1 when it is replicated or broadcast along its split axis (then
     * every process needs it whole).
     */
    static int splitInResult(long[] g, long[] shape, int split) {
        if (split < 0) return -1;
        int sOut = split + g.length - shape.length;
        return shape[split] == 1 && g[sOut] != 1 ? -1 : sOut;
    }

    /** The operand whose distribution the result takes: the largest one still split in the result (the first of equals). */
    static int leader(int[] splitInResult, long[] size) {
        int ref = -1;
        for (int i = 0; i < size.length; i++) if (splitInResult[i] >= 0 && (ref < 0 || size[i] > size[ref])) ref = i;
        return ref;
    }

    /**
     * Aligns operands (already gathered where {@link #splitInResult} is -1 for a split operand) to the distribution
     * {@code cd} along result axis {@code split} (-1: replicated result). {@code s[i]} is operand i's split in the result.
     */
    static Aligned alignTo(long[] g, int split, Distribution cd, DNDarray[] o, int[] s) {
        int nd = g.length, n = o.length;
        Tensor[] locals = new Tensor[n];
        if (split < 0) {
            for (int i = 0; i < n; i++) locals[i] = (s[i] >= 0 ? o[i].resplit(null) : o[i]).larray();
            return new Aligned(locals, g.clone(), -1, null);
        }
        Communication comm = o[0].comm();
        int me = comm.rank();
        long[] local = g.clone();
        local[split] = cd.count(me);
        for (int i = 0; i < n; i++) {
            int lead = nd - o[i].ndim(), axis = split - lead;
            boolean hasAxis = axis >= 0 && o[i].gshape()[axis] == g[split];
            if (!hasAxis) {
                locals[i] = (s[i] >= 0 ? o[i].resplit(null) : o[i]).larray();
            } else if (s[i] == split) {
                DNDarray r = o[i].distribution().equals(cd) ? o[i] : o[i].redistribute(cd.counts());
                locals[i] = r.larray();
            } else if (s[i] >= 0) {
                DNDarray r = o[i].resplit(axis);
                if (!r.distribution().equals(cd)) r = r.redistribute(cd.counts());
                locals[i] = r.larray();
            } else {
                locals[i] = o[i].larray().narrow(axis, cd.displ(me), cd.count(me));
            }
        }
        return new Aligned(locals, local, split, cd.lshapeMap(g, split));
    }

    // ------------------------------------------------------------------------------------ element-wise

    /**
     * {@code fn(a, b)} element-wise with broadcasting; a and b are DNDarrays or Java scalars.
     * <pre>{@code DNDarray z = Operations.binary(Kernels.MUL, TypeRule.SAME, x, y); }</pre>
     */
    public static DNDarray binary(ElementFn fn, TypeRule rule, Object a, Object b) {
        if (CollectiveChecker.ON) CheckedCall.note(fn.name(), a, b);
        Communication comm = commOf(a, b);
        Loop loop = binaryLoop(fn, rule, a, b);
        fn = loop.fn();
        Backend be = backendOf(a, b);
        DNDarray x = operand(weakAs(a, loop.in()), comm, be), y = operand(weakAs(b, loop.in()), comm, be);
        long[] g = Shapes.broadcast(x.gshape(), y.gshape());
        DType out = loop.out();
        boolean lp = loop.longPath();
        Aligned al = align(g, -1, x, y);
        Tensor res = be.empty(out, al.localShape());
        be.elementwise(fn, lp, res, broadcastLocal(al.locals()[0], al.localShape()), broadcastLocal(al.locals()[1], al.localShape()));
        return new DNDarray(res, g, al.split() < 0 ? null : al.split(), comm, al.map());
    }

    private static Tensor broadcastLocal(Tensor t, long[] shape) {
        return Arrays.equals(t.shape(), shape) ? t : t.broadcastTo(shape);
    }

    /**
     * {@code x = fn(x, b)} in place (numpy's {@code out=x}): b must broadcast to x's shape, and the result type must
     * cast to x's dtype under numpy's "same_kind" rule. x keeps its distribution. Returns x.
     * <pre>{@code Operations.binaryInPlace(Kernels.ADD, TypeRule.SAME, x, 1); }</pre>
     */
    public static DNDarray binaryInPlace(ElementFn fn, TypeRule rule, DNDarray x, Object b) {
        if (CollectiveChecker.ON) CheckedCall.note(fn.name() + "InPlace", x, b);
        DType promoted = DType.resultType(x, b);
        rule.check(fn.name(), promoted);
        if (rule != TypeRule.BOOL && promoted.isInteger()) checkIntegerScalar(fn.name(), promoted, b);
        if (fn == Kernels.POW) Arithmetics.checkIntegerPower(x.dtype(), b, fn.name());
        DType out = rule.result(promoted);
        if (!DType.canCast(out, x.dtype(), "same_kind")) {
            throw new IllegalArgumentException("cannot cast " + fn.name() + " output from " + out + " to " + x.dtype()
                    + " with casting rule 'same_kind'");
        }
        if (fn == Kernels.SUB && promoted == DType.BOOL) {
            throw new IllegalArgumentException("subtract is not supported for bool operands; use logicalXor or bitwiseXor");
        }
        fn = kernelFor(fn, promoted);
        Backend be = backendOf(x, b);
        DNDarray y = operand(weakAs(b, promoted), x.comm(), be);
        long[] g = Shapes.broadcast(x.gshape(), y.gshape());
        if (!Arrays.equals(g, x.gshape())) {
            throw new IllegalArgumentException(fn.name() + ": operand of shape " + Shapes.str(y.gshape())
                    + " does not broadcast to the in-place target's shape " + Shapes.str(x.gshape()));
        }
        boolean lp = longPath(fn, rule == TypeRule.BOOL ? promoted : out) && x.dtype().isIntegral();
        Aligned al = align(g, 0, x, y);
        Tensor target = x.larray();
        be.elementwise(fn, lp, target, target, broadcastLocal(al.locals()[1], target.shape()));
        return x;
    }

    /**
     * {@code fn(x)} element-wise (local, no communication).
     * <pre>{@code DNDarray r = Operations.unary(Kernels.SQRT, TypeRule.FLOAT, x); }</pre>
     */
    public static DNDarray unary(ElementFn fn, TypeRule rule, DNDarray x) {
        Loop loop = unaryLoop(fn, rule, x.dtype());
        fn = loop.fn();
        DType out = loop.out();
        boolean lp = loop.longPath();
        Tensor in = x.larray();
        Backend be = in.backend();
        Tensor res = be.empty(out, in.shape());
        be.elementwise(fn, lp, res, in);
        return x.withLocal(res);
    }

    /** {@code x = fn(x)} in place (x's dtype must hold the result under "same_kind"). Returns x. */
    public static DNDarray unaryInPlace(ElementFn fn, TypeRule rule, DNDarray x) {
        rule.check(fn.name(), x.dtype());
        fn = kernelFor(fn, x.dtype());
        DType out = rule.result(x.dtype());
        if (!DType.canCast(out, x.dtype(), "same_kind")) {
            throw new IllegalArgumentException("cannot cast " + fn.name() + " output from " + out + " to " + x.dtype()
                    + " with casting rule 'same_kind'");
        }
        Tensor t = x.larray();
        t.backend().elementwise(fn, longPath(fn, x.dtype()) && x.dtype().isIntegral(), t, t);
        return x;
    }

    // ------------------------------------------------------------------------------------ reductions

    /**
     * Normalises reduction axes: null means all; negative axes count from the end; duplicates are an error.
     * <pre>{@code boolean[] r = Operations.reducedAxes(new int[]{-1}, 3); }</pre>
     */
    public static boolean[] reducedAxes(int[] axes, int ndim) {
        boolean[] red = new boolean[ndim];
        if (axes == null) {
            Arrays.fill(red, true);
            return red;
        }
        for (int a : axes) {
            int ax = Shapes.normalizeAxis(a, ndim, "axis");
            if (red[ax]) throw new IllegalArgumentException("duplicate value in axis: " + Arrays.toString(axes));
            red[ax] = true;
        }
        return red;
    }

    /** The shape left after reducing {@code red} axes: dropped, or kept with extent 1 when {@code keepDims}. */
    static long[] reducedShape(long[] shape, boolean[] red, boolean keepDims) {
        long[] r = new long[shape.length];
        int k = 0;
        for (int d = 0; d < shape.length; d++) {
            if (!red[d]) r[k++] = shape[d];
            else if (keepDims) r[k++] = 1;
        }
        return Arrays.copyOf(r, k);
    }

    /** Where a surviving split axis lands after the reduced axes before it are dropped. */
    static int shiftedSplit(int split, boolean[] red) {
        int s = split;
        for (int d = 0; d < split; d++) if (red[d]) s--;
        return s;
    }

    /** The MPI operator that merges partial results of a reduction kernel. */
    static ReduceOp mpiOp(ReduceFn fn) {
        if (fn == Reductions.SUM || fn == Reductions.NANSUM) return ReduceOp.SUM;
        if (fn == Reductions.PROD || fn == Reductions.NANPROD) return ReduceOp.PROD;
        if (fn == Reductions.MIN || fn == Reductions.ALL) return ReduceOp.MIN;
        if (fn == Reductions.MAX || fn == Reductions.ANY) return ReduceOp.MAX;
        throw new IllegalArgumentException("no MPI operator for " + fn);
    }

    /**
     * Reduces {@code axes} (null: all) of x with {@code fn} into {@code outType}; {@code keepDims} keeps them as
     * length-1 axes. The result is split like x when the split axis survives, else replicated.
     * <pre>{@code DNDarray s = Operations.reduce(x, new int[]{0}, false, Reductions.SUM, DType.FLOAT64); }</pre>
     */
    public static DNDarray reduce(DNDarray x, int[] axes, boolean keepDims, ReduceFn fn, DType outType) {
        if (CollectiveChecker.ON) CheckedCall.note(fn.name(), x, axes, keepDims);
        int nd = x.ndim();
        boolean[] red = reducedAxes(axes, nd);
        if (x.dtype().isComplex()) {
            // any/all: a complex value is true when either part is non-zero
            if (fn == Reductions.ALL || fn == Reductions.ANY) return reduce(x.astype(DType.BOOL), axes, keepDims, fn, outType);
            // numpy's nansum/nanprod of complex values: an element with a NaN part counts as 0 (1)
            if (fn == Reductions.NANSUM || fn == Reductions.NANPROD) {
                boolean sum = fn == Reductions.NANSUM;
                DNDarray clean = Searching.where(Logical.isnan(x), sum ? Complex.ZERO : Complex.ONE, x);
                return reduce(clean, axes, keepDims, sum ? Reductions.SUM : Reductions.PROD, outType);
            }
            if (fn == Reductions.MIN || fn == Reductions.MAX) return Statistics.complexExtreme(x, axes, keepDims, fn == Reductions.MAX);
            String op = fn == Reductions.MIN ? "min" : fn == Reductions.MAX ? "max" : fn.name();
            if (fn != Reductions.SUM && fn != Reductions.PROD) throw complexUnsupported(op, x.dtype());
            if (!outType.isComplex()) throw new IllegalArgumentException(op + ": cannot reduce " + x.dtype() + " into " + outType);
        }
        if (fn == Reductions.NANSUM && x.dtype().isFloat() && Reproducible.applies(x.dtype(), outType)) {
            return reduce(Searching.where(Logical.isnan(x), 0.0, x), axes, keepDims, Reductions.SUM, outType);
        }
        long[] g = x.gshape();
        long reducedSize = 1;
        for (int d = 0; d < nd; d++) if (red[d]) reducedSize *= g[d];
        boolean noIdentity = fn == Reductions.MIN || fn == Reductions.MAX;
        if (noIdentity && reducedSize == 0) {
            throw new IllegalArgumentException("zero-size array to reduction operation " + fn.name() + " which has no identity");
        }
        int split = x.splitAxis();
        boolean global = split >= 0 && red[split] && x.comm().size() > 1;
        // integer min/max partials travel as int64 so that the identity of an empty slab fits
        DType work = global && noIdentity && outType.isIntegral() ? DType.INT64 : outType;
        boolean lp = work.isIntegral() && x.dtype().isIntegral();   // never truncate floats (any/all of 0.5)
        Tensor t = x.larray();
        Backend be = t.backend();
        boolean repro = fn == Reductions.SUM && Reproducible.applies(x.dtype(), outType);
        if (repro) {
            t = Reproducible.sum(x, red, global, outType);
        } else if (all(red)) {
            t = localReduce(be, fn, lp, t.contiguous().reshape(t.size()), 0, work);
        } else {
            for (int d = nd - 1; d >= 0; d--) if (red[d]) t = localReduce(be, fn, lp, t, d, work);
        }
        long[] outG = reducedShape(g, red, false);
        int outSplit = -1;
        if (repro) {
            if (!global && split >= 0 && !red[split]) outSplit = shiftedSplit(split, red);
        } else if (global) {
            Tensor c = t.contiguous();
            Tensor nanFlags = null;
            if (noIdentity && work.isFloat()) nanFlags = unaryLocal(Kernels.ISNAN, c, DType.BOOL);
            if (c.size() > 0) x.comm().allreduce(c, mpiOp(fn));
            if (nanFlags != null && nanFlags.size() > 0) {
                x.comm().allreduce(nanFlags, ReduceOp.MAX);
                boolean[] f = nanFlags.toBooleanArray();
                for (int i = 0; i < f.length; i++) if (f[i]) c.setDoubleFlat(Double.NaN, i);
            }
            t = work == outType ? c : c.astype(outType);
        } else if (split >= 0 && !red[split]) {
            outSplit = shiftedSplit(split, red);
        }
        if (keepDims) {
            long[] kg = g.clone(), kl = x.lshape();
            for (int d = 0; d < nd; d++) if (red[d]) { kg[d] = 1; kl[d] = 1; }
            if (global) kl = kg.clone();
            int ks = outSplit < 0 ? -1 : split;
            return new DNDarray(t.reshape(kl), kg, ks < 0 ? null : ks, x.comm(), DNDarray.mapLike(x, kg, ks));
        }
        return new DNDarray(t, outG, outSplit < 0 ? null : outSplit, x.comm(), DNDarray.mapLike(x, outG, outSplit));
    }

    /**
     * One axis of a local reduction. Complex sums add the real and the imaginary parts (views) separately; complex
     * products multiply halves pairwise through the element-wise complex kernel (log2(n) passes, O(n) work), so
     * no backend needs a kernel of its own for them.
     */
    private static Tensor localReduce(Backend be, ReduceFn fn, boolean lp, Tensor t, int d, DType work) {
        if (!work.isComplex()) return be.reduce(fn, lp, t, d, work);
        if (fn == Reductions.SUM) {
            DType c = work.componentType();
            Tensor re = be.reduce(fn, false, t.real(), d, c), im = be.reduce(fn, false, t.imag(), d, c);
            return joinComplex(re, im, work);
        }
        long len = t.shape(d);
        long[] outShape = t.shape();
        outShape[d] = 1;
        if (len == 0) return be.empty(work, outShape).fill(1.0).squeeze(d);
        Tensor cur = t.astype(work);
        ElementFn mul = kernelFor(Kernels.MUL, work);
        while (len > 1) {
            long h = len / 2;
            Tensor a = cur.narrow(d, 0, h);
            be.elementwise(mul, false, a, a, cur.narrow(d, len - h, h));
            len -= h;
        }
        Tensor r = cur.narrow(d, 0, 1).squeeze(d).contiguous();
        return r;
    }

    /** A complex tensor of {@code type} from its real and imaginary parts (same shape, on their device). */
    static Tensor joinComplex(Tensor re, Tensor im, DType type) {
        Tensor c = re.newEmpty(type, re.shape());
        c.real().copyFrom(re);
        c.imag().copyFrom(im);
        return c;
    }

    private static boolean all(boolean[] b) {
        for (boolean v : b) if (!v) return false;
        return true;
    }

    /** {@code fn(t)} into a new local tensor of {@code out} on t's device (the double path). */
    static Tensor unaryLocal(ElementFn fn, Tensor t, DType out) {
        Backend be = t.backend();
        Tensor r = be.empty(out, t.shape());
        be.elementwise(fn, false, r, t);
        return r;
    }

    /**
     * Complex running sums (the parts separately) and products (Hillis–Steele doubling through the element-wise
     * complex multiply: log2(n) passes over two buffers).
     */
    private static Tensor localCumulativeComplex(Backend be, ReduceFn fn, Tensor t, int ax, DType out) {
        if (fn == Reductions.SUM) {
            DType c = out.componentType();
            return joinComplex(be.cumulative(fn, false, t.real(), ax, c), be.cumulative(fn, false, t.imag(), ax, c), out);
        }
        Tensor cur = t.astype(out), next = be.empty(out, t.shape());
        long len = t.shape(ax);
        ElementFn mul = kernelFor(Kernels.MUL, out);
        for (long s = 1; s < len; s <<= 1) {
            next.narrow(ax, 0, s).copyFrom(cur.narrow(ax, 0, s));
            be.elementwise(mul, false, next.narrow(ax, s, len - s), cur.narrow(ax, s, len - s), cur.narrow(ax, 0, len - s));
            Tensor swap = cur;
            cur = next;
            next = swap;
        }
        next.free();
        return cur;
    }

    /**
     * Running reduction along {@code axis} (cumsum, cumprod): local, then the totals of the preceding slabs
     * (one Exscan) are folded in when the axis is the split axis.
     * <pre>{@code DNDarray c = Operations.cumulative(x, 0, Reductions.SUM, Kernels.ADD, DType.INT64); }</pre>
     */
    public static DNDarray cumulative(DNDarray x, int axis, ReduceFn fn, ElementFn combine, DType outType) {
        if (CollectiveChecker.ON) CheckedCall.note("cumulative " + fn.name(), x, axis);
        int ax = Shapes.normalizeAxis(axis, x.ndim(), "axis");
        if (x.dtype().isComplex() && fn != Reductions.SUM && fn != Reductions.PROD) throw complexUnsupported(fn.name(), x.dtype());
        boolean lp = outType.isIntegral();
        Backend be = x.larray().backend();
        Tensor local = outType.isComplex() ? localCumulativeComplex(be, fn, x.larray(), ax, outType)
                : be.cumulative(fn, lp, x.larray(), ax, outType);
        combine = kernelFor(combine, outType);
        Communication comm = x.comm();
        if (ax == x.splitAxis() && comm.size() > 1) {
            long[] ls = local.shape();
            long[] ts = ls.clone();
            ts[ax] = 1;
            Tensor total = be.empty(outType, ts);
            if (lp) total.fill(fn.identityL()); else total.fill(fn.identityD());
            if (ls[ax] > 0) total.copyFrom(local.narrow(ax, ls[ax] - 1, 1));
            Tensor offset = be.empty(outType, ts);
            if (lp) offset.fill(fn.identityL()); else offset.fill(fn.identityD());
            if (total.size() > 0) comm.exscan(total, offset, mpiOp(fn));
            if (local.size() > 0) be.elementwise(combine, lp, local, local, offset.broadcastTo(ls));
        }
        return x.withLocal(local);
    }
}
