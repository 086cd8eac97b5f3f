package org.jheat;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Printing;
import org.jheat.random.Random;
import org.jheat.tensor.DType;
import org.jheat.tensor.HasDType;
import org.jheat.tensor.PrintOptions;

/**
 * The numpy-like entry points of jheat, for {@code import static org.jheat.Heat.*;}. Every function that creates
 * or moves data is collective: all processes call it in the same order with the same arguments.
 *
 * <pre>{@code
 * import static org.jheat.Heat.*;
 *
 * seed(42);
 * DNDarray x = rand(new long[]{1_000_000, 8}, FLOAT64, 0);   // split along rows
 * DNDarray y = x.resplit(1);                                  // now along columns
 * print0(arange(10));
 * }</pre>
 *
 * <p>Defaults differ from Heat in one place on purpose: the default floating type is float64 (numpy's and Java's
 * {@code double}), not Heat's float32.
 */
public final class Heat {
    private Heat() { }

    /** bool. */ public static final DType BOOL = DType.BOOL;
    /** int8. */ public static final DType INT8 = DType.INT8;
    /** uint8. */ public static final DType UINT8 = DType.UINT8;
    /** int16. */ public static final DType INT16 = DType.INT16;
    /** int32. */ public static final DType INT32 = DType.INT32;
    /** int64. */ public static final DType INT64 = DType.INT64;
    /** float32. */ public static final DType FLOAT32 = DType.FLOAT32;
    /** float64 (the default floating type). */ public static final DType FLOAT64 = DType.FLOAT64;

    /** The world communicator of this job (size 1 without MPI). <pre>{@code int me = comm().rank(); }</pre> */
    public static Communication comm() { return Communications.world(); }

    // ---------------------------------------------------------------------------------------- factories

    /** Zeros, float64, replicated. <pre>{@code DNDarray z = zeros(3, 4); }</pre> */
    public static DNDarray zeros(long... shape) { return Factories.zeros(shape, DType.FLOAT64, null); }

    /** Zeros. <pre>{@code DNDarray z = zeros(new long[]{1000, 3}, FLOAT32, 0); }</pre> */
    public static DNDarray zeros(long[] shape, DType dtype, Integer split) { return Factories.zeros(shape, dtype, split); }

    /** Ones, float64, replicated. */
    public static DNDarray ones(long... shape) { return Factories.ones(shape, DType.FLOAT64, null); }

    /** Ones. <pre>{@code DNDarray o = ones(new long[]{5}, INT32, 0); }</pre> */
    public static DNDarray ones(long[] shape, DType dtype, Integer split) { return Factories.ones(shape, dtype, split); }

    /** Uninitialised, float64, replicated. */
    public static DNDarray empty(long... shape) { return Factories.empty(shape, DType.FLOAT64, null); }

    /** Uninitialised. */
    public static DNDarray empty(long[] shape, DType dtype, Integer split) { return Factories.empty(shape, dtype, split); }

    /** Filled with {@code value}; dtype null follows the value (int64/float64). <pre>{@code full(new long[]{2, 2}, 7.5, null, 0)}</pre> */
    public static DNDarray full(long[] shape, Number value, DType dtype, Integer split) { return Factories.full(shape, value, dtype, split); }

    /** Same shape, dtype and split as x, zeros. */
    public static DNDarray zerosLike(DNDarray x) { return Factories.zerosLike(x, null); }

    /** Same shape and split as x, zeros of {@code dtype}. */
    public static DNDarray zerosLike(DNDarray x, DType dtype) { return Factories.zerosLike(x, dtype); }

    /** Same shape, dtype and split as x, ones. */
    public static DNDarray onesLike(DNDarray x) { return Factories.onesLike(x, null); }

    /** Same shape, dtype and split as x, uninitialised. */
    public static DNDarray emptyLike(DNDarray x) { return Factories.emptyLike(x, null); }

    /** Same shape, dtype and split as x, filled with {@code value}. */
    public static DNDarray fullLike(DNDarray x, Number value) { return Factories.fullLike(x, value, null); }

    /** 0 … stop-1 as int64, replicated. <pre>{@code DNDarray a = arange(10); }</pre> */
    public static DNDarray arange(long stop) { return Factories.arange(0, stop, 1, null, null); }

    /** start … stop-1 as int64, replicated. */
    public static DNDarray arange(long start, long stop) { return Factories.arange(start, stop, 1, null, null); }

    /** numpy's integer arange. <pre>{@code DNDarray a = arange(0, 100, 5, INT32, 0); }</pre> */
    public static DNDarray arange(long start, long stop, long step, DType dtype, Integer split) {
        return Factories.arange(start, stop, step, dtype, split);
    }

    /** numpy's real arange (float64 when dtype is null). <pre>{@code DNDarray a = arange(0.0, 1.0, 0.1, null, 0); }</pre> */
    public static DNDarray arange(double start, double stop, double step, DType dtype, Integer split) {
        return Factories.arange(start, stop, step, dtype, split);
    }

    /** {@code num} values from start to stop inclusive, float64, replicated. <pre>{@code linspace(0, 1, 11)}</pre> */
    public static DNDarray linspace(double start, double stop, long num) { return Factories.linspace(start, stop, num, true, null, null); }

    /** numpy's linspace. */
    public static DNDarray linspace(double start, double stop, long num, boolean endpoint, DType dtype, Integer split) {
        return Factories.linspace(start, stop, num, endpoint, dtype, split);
    }

    /** 10 ** linspace(start, stop, num). <pre>{@code logspace(0, 3, 4)   // 1, 10, 100, 1000}</pre> */
    public static DNDarray logspace(double start, double stop, long num) { return Factories.logspace(start, stop, num, true, 10, null, null); }

    /** numpy's logspace. */
    public static DNDarray logspace(double start, double stop, long num, boolean endpoint, double base, DType dtype, Integer split) {
        return Factories.logspace(start, stop, num, endpoint, base, dtype, split);
    }

    /** n×n identity, float64, replicated. <pre>{@code DNDarray i = eye(4); }</pre> */
    public static DNDarray eye(long n) { return Factories.eye(n, n, 0, null, null); }

    /** n×m with ones on diagonal k. */
    public static DNDarray eye(long n, long m, long k, DType dtype, Integer split) { return Factories.eye(n, m, k, dtype, split); }

    /** Coordinate grids, "xy" indexing. <pre>{@code DNDarray[] g = meshgrid(x, y); }</pre> */
    public static DNDarray[] meshgrid(DNDarray... xs) { return Factories.meshgrid("xy", xs); }

    /** Coordinate grids with indexing "xy" or "ij". */
    public static DNDarray[] meshgrid(String indexing, DNDarray... xs) { return Factories.meshgrid(indexing, xs); }

    /** A replicated array from a Java array or scalar. <pre>{@code DNDarray a = array(new double[][]{{1, 2}, {3, 4}}); }</pre> */
    public static DNDarray array(Object data) { return Factories.array(data, null, null); }

    /** An array from a Java array (each process keeps its slab of {@code split}). <pre>{@code array(rows, FLOAT32, 0)}</pre> */
    public static DNDarray array(Object data, DType dtype, Integer split) { return Factories.array(data, dtype, split); }

    /** Like {@link #array(Object)} but returns a DNDarray argument itself without copying. */
    public static DNDarray asarray(Object data) { return data instanceof DNDarray d ? d : array(data); }

    /** Like {@link #array(Object, DType, Integer)} but avoids copying a DNDarray that already matches. */
    public static DNDarray asarray(Object data, DType dtype, Integer split) {
        if (data instanceof DNDarray d && (dtype == null || d.dtype() == dtype) && java.util.Objects.equals(d.split(), split)) return d;
        return array(data, dtype, split);
    }

    // ---------------------------------------------------------------------------------------- distribution

    /** A copy split along {@code axis} (null: replicated). <pre>{@code DNDarray y = resplit(x, 1); }</pre> */
    public static DNDarray resplit(DNDarray x, Integer axis) { return x.resplit(axis); }

    /** A balanced version of x ({@code x} itself when already balanced). */
    public static DNDarray balance(DNDarray x) { return x.balance(); }

    /** A copy with the given counts along the split axis. */
    public static DNDarray redistribute(DNDarray x, long[] targetCounts) { return x.redistribute(targetCounts); }

    // ---------------------------------------------------------------------------------------- random

    /** Seeds the counter-based generator. <pre>{@code seed(42); }</pre> */
    public static void seed(long s) { Random.seed(s); }

    /** Uniform [0, 1) float64, replicated. <pre>{@code DNDarray u = rand(3, 3); }</pre> */
    public static DNDarray rand(long... shape) { return Random.rand(shape); }

    /** Uniform [0, 1). <pre>{@code DNDarray u = rand(new long[]{1000}, FLOAT32, 0); }</pre> */
    public static DNDarray rand(long[] shape, DType dtype, Integer split) { return Random.rand(shape, dtype, split); }

    /** Standard normal float64, replicated. */
    public static DNDarray randn(long... shape) { return Random.randn(shape); }

    /** Standard normal. */
    public static DNDarray randn(long[] shape, DType dtype, Integer split) { return Random.randn(shape, dtype, split); }

    /** Uniform integers in [low, high). <pre>{@code randint(0, 10, new long[]{5}, null, 0)}</pre> */
    public static DNDarray randint(long low, long high, long[] shape, DType dtype, Integer split) {
        return Random.randint(low, high, shape, dtype, split);
    }

    /** Normal(mean, std). */
    public static DNDarray normal(double mean, double std, long[] shape, DType dtype, Integer split) {
        return Random.normal(mean, std, shape, dtype, split);
    }

    /** A random permutation of 0 … n-1 (int64). <pre>{@code DNDarray p = permutation(10, 0); }</pre> */
    public static DNDarray permutation(long n, Integer split) { return Random.permutation(n, split); }

    /** x with its entries along axis 0 shuffled. */
    public static DNDarray permutation(DNDarray x) { return Random.permutation(x); }

    /** A random permutation of 0 … n-1 of {@code dtype}. */
    public static DNDarray randperm(long n, DType dtype, Integer split) { return Random.randperm(n, dtype, split); }

    // ---------------------------------------------------------------------------------------- types

    /** numpy's promote_types. <pre>{@code promoteTypes(INT8, UINT8) == INT16}</pre> */
    public static DType promoteTypes(DType a, DType b) { return DType.promoteTypes(a, b); }

    /** numpy's result_type for dtypes, arrays and Java scalars (NEP 50). <pre>{@code resultType(x, 2.0)}</pre> */
    public static DType resultType(Object... operands) { return DType.resultType(operands); }

    /** numpy's can_cast. <pre>{@code canCast(INT32, FLOAT64, "safe")}</pre> */
    public static boolean canCast(DType from, DType to, String casting) { return DType.canCast(from, to, casting); }

    /** numpy's issubdtype with abstract kinds ("floating", "integer", …). */
    public static boolean issubdtype(DType t, String kind) { return DType.issubdtype(t, kind); }

    /** The dtype of an array or of a Java scalar (Heat's {@code heat_type_of}). */
    public static DType heatTypeOf(Object o) { return o instanceof HasDType h ? h.dtype() : DType.ofScalar(o); }

    // ---------------------------------------------------------------------------------------- printing

    /** Prints on rank 0 (collective when an argument is a DNDarray). <pre>{@code print0("x =", x); }</pre> */
    public static void print0(Object... values) { Printing.print0(values); }

    /** The print options in force. */
    public static PrintOptions getPrintoptions() { return PrintOptions.get(); }

    /** Sets the print options. <pre>{@code setPrintoptions(getPrintoptions().withPrecision(3)); }</pre> */
    public static void setPrintoptions(PrintOptions o) { PrintOptions.set(o); }

    /** Print each process's local data from now on. */
    public static void localPrinting() { Printing.localPrinting(); }

    /** Print global arrays (the default). */
    public static void globalPrinting() { Printing.globalPrinting(); }
}
