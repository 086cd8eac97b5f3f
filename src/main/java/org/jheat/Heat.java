package org.jheat;

import java.util.List;
import java.util.Map;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.core.DNDarray;
import org.jheat.core.Factories;
import org.jheat.core.Partitioned;
import org.jheat.core.Arithmetics;
import org.jheat.core.Complexes;
import org.jheat.core.Exponential;
import org.jheat.core.Expr;
import org.jheat.core.Expressions;
import org.jheat.core.Logical;
import org.jheat.core.Histograms;
import org.jheat.core.Sets;
import org.jheat.core.Signal;
import org.jheat.core.Sorting;
import org.jheat.core.Index;
import org.jheat.core.Indexing;
import org.jheat.core.Joining;
import org.jheat.core.Manipulations;
import org.jheat.core.Padding;
import org.jheat.core.Shaping;
import org.jheat.io.CsvOptions;
import org.jheat.io.IO;
import org.jheat.io.Slice;
import org.jheat.io.ZarrOptions;
import org.jheat.linalg.Linalg;
import org.jheat.sparse.DCSCMatrix;
import org.jheat.sparse.DCSRMatrix;
import org.jheat.sparse.Sparse;
import org.jheat.core.Moments;
import org.jheat.core.Printing;
import org.jheat.core.Quantiles;
import org.jheat.core.Relational;
import org.jheat.core.Rounding;
import org.jheat.core.Statistics;
import org.jheat.core.Trigonometrics;
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
    /** numpy's full with a complex value (dtype null: complex128). <pre>{@code full(new long[]{3}, new Complex(1, 2), null, 0)}</pre> */
    public static DNDarray full(long[] shape, org.jheat.tensor.Complex value, DType dtype, Integer split) { return Factories.full(shape, value, dtype, split); }

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

    /**
     * An array from a partition description (Heat's {@code from_partitioned}), on the world communicator; see
     * {@link Factories#fromPartitioned}. <pre>{@code DNDarray y = fromPartitioned(x.partitioned()); }</pre>
     */
    public static DNDarray fromPartitioned(Partitioned p) { return Factories.fromPartitioned(p, Communications.world()); }

    /** {@link #fromPartitioned} on a given communicator. <pre>{@code DNDarray y = fromPartitioned(p, comm); }</pre> */
    public static DNDarray fromPartitioned(Partitioned p, Communication comm) { return Factories.fromPartitioned(p, comm); }

    /**
     * An array from a partition dictionary (Heat's {@code from_partition_dict}; {@code Partitioned.toMap()}'s form), on
     * the world communicator. <pre>{@code DNDarray y = fromPartitionDict(x.partitioned().toMap()); }</pre>
     */
    public static DNDarray fromPartitionDict(Map<String, ?> dict) { return Factories.fromPartitionDict(dict, Communications.world()); }

    /** {@link #fromPartitionDict} on a given communicator. <pre>{@code DNDarray y = fromPartitionDict(d, comm); }</pre> */
    public static DNDarray fromPartitionDict(Map<String, ?> dict, Communication comm) { return Factories.fromPartitionDict(dict, comm); }

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

    /** A deep copy (Heat's {@code copy}). <pre>{@code DNDarray y = copy(x); }</pre> */
    public static DNDarray copy(DNDarray x) { return x.copy(); }

    /** All entries along the split axis on one process (Heat's {@code collect}). <pre>{@code collect(x, 0)}</pre> */
    public static DNDarray collect(DNDarray x, int targetRank) { return x.collect(targetRank); }

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

    // ---------------------------------------------------------------------------------------- element-wise operations, reductions, statistics

    /** numpy's add: see {@link Arithmetics#add(Object, Object)}. <pre>{@code add(x, y)}</pre> */
    public static DNDarray add(Object a, Object b) { return Arithmetics.add(a, b); }
    /** numpy's sub: see {@link Arithmetics#sub(Object, Object)}. <pre>{@code sub(x, y)}</pre> */
    public static DNDarray sub(Object a, Object b) { return Arithmetics.sub(a, b); }
    /** numpy's subtract: see {@link Arithmetics#subtract(Object, Object)}. <pre>{@code subtract(x, y)}</pre> */
    public static DNDarray subtract(Object a, Object b) { return Arithmetics.subtract(a, b); }
    /** numpy's mul: see {@link Arithmetics#mul(Object, Object)}. <pre>{@code mul(x, y)}</pre> */
    public static DNDarray mul(Object a, Object b) { return Arithmetics.mul(a, b); }
    /** numpy's multiply: see {@link Arithmetics#multiply(Object, Object)}. <pre>{@code multiply(x, y)}</pre> */
    public static DNDarray multiply(Object a, Object b) { return Arithmetics.multiply(a, b); }
    /** numpy's div: see {@link Arithmetics#div(Object, Object)}. <pre>{@code div(x, y)}</pre> */
    public static DNDarray div(Object a, Object b) { return Arithmetics.div(a, b); }
    /** numpy's divide: see {@link Arithmetics#divide(Object, Object)}. <pre>{@code divide(x, y)}</pre> */
    public static DNDarray divide(Object a, Object b) { return Arithmetics.divide(a, b); }
    /** numpy's floordiv: see {@link Arithmetics#floordiv(Object, Object)}. <pre>{@code floordiv(x, y)}</pre> */
    public static DNDarray floordiv(Object a, Object b) { return Arithmetics.floordiv(a, b); }
    /** numpy's floorDivide: see {@link Arithmetics#floorDivide(Object, Object)}. <pre>{@code floorDivide(x, y)}</pre> */
    public static DNDarray floorDivide(Object a, Object b) { return Arithmetics.floorDivide(a, b); }
    /** numpy's fmod: see {@link Arithmetics#fmod(Object, Object)}. <pre>{@code fmod(x, y)}</pre> */
    public static DNDarray fmod(Object a, Object b) { return Arithmetics.fmod(a, b); }
    /** numpy's remainder: see {@link Arithmetics#remainder(Object, Object)}. <pre>{@code remainder(x, y)}</pre> */
    public static DNDarray remainder(Object a, Object b) { return Arithmetics.remainder(a, b); }
    /** numpy's mod: see {@link Arithmetics#mod(Object, Object)}. <pre>{@code mod(x, y)}</pre> */
    public static DNDarray mod(Object a, Object b) { return Arithmetics.mod(a, b); }
    /** numpy's divmod: see {@link Arithmetics#divmod(Object, Object)}. <pre>{@code divmod(x, y)}</pre> */
    public static DNDarray[] divmod(Object a, Object b) { return Arithmetics.divmod(a, b); }
    /** numpy's pow: see {@link Arithmetics#pow(Object, Object)}. <pre>{@code pow(x, y)}</pre> */
    public static DNDarray pow(Object a, Object b) { return Arithmetics.pow(a, b); }
    /** numpy's power: see {@link Arithmetics#power(Object, Object)}. <pre>{@code power(x, y)}</pre> */
    public static DNDarray power(Object a, Object b) { return Arithmetics.power(a, b); }
    /** numpy's neg: see {@link Arithmetics#neg(DNDarray)}. <pre>{@code neg(x)}</pre> */
    public static DNDarray neg(DNDarray x) { return Arithmetics.neg(x); }
    /** numpy's negative: see {@link Arithmetics#negative(DNDarray)}. <pre>{@code negative(x)}</pre> */
    public static DNDarray negative(DNDarray x) { return Arithmetics.negative(x); }
    /** numpy's pos: see {@link Arithmetics#pos(DNDarray)}. <pre>{@code pos(x)}</pre> */
    public static DNDarray pos(DNDarray x) { return Arithmetics.pos(x); }
    /** numpy's positive: see {@link Arithmetics#positive(DNDarray)}. <pre>{@code positive(x)}</pre> */
    public static DNDarray positive(DNDarray x) { return Arithmetics.positive(x); }
    /** numpy's reciprocal: see {@link Arithmetics#reciprocal(DNDarray)}. <pre>{@code reciprocal(x)}</pre> */
    public static DNDarray reciprocal(DNDarray x) { return Arithmetics.reciprocal(x); }
    /** numpy's bitwiseAnd: see {@link Arithmetics#bitwiseAnd(Object, Object)}. <pre>{@code bitwiseAnd(x, y)}</pre> */
    public static DNDarray bitwiseAnd(Object a, Object b) { return Arithmetics.bitwiseAnd(a, b); }
    /** numpy's bitwiseOr: see {@link Arithmetics#bitwiseOr(Object, Object)}. <pre>{@code bitwiseOr(x, y)}</pre> */
    public static DNDarray bitwiseOr(Object a, Object b) { return Arithmetics.bitwiseOr(a, b); }
    /** numpy's bitwiseXor: see {@link Arithmetics#bitwiseXor(Object, Object)}. <pre>{@code bitwiseXor(x, y)}</pre> */
    public static DNDarray bitwiseXor(Object a, Object b) { return Arithmetics.bitwiseXor(a, b); }
    /** numpy's invert: see {@link Arithmetics#invert(DNDarray)}. <pre>{@code invert(x)}</pre> */
    public static DNDarray invert(DNDarray x) { return Arithmetics.invert(x); }
    /** numpy's bitwiseNot: see {@link Arithmetics#bitwiseNot(DNDarray)}. <pre>{@code bitwiseNot(x)}</pre> */
    public static DNDarray bitwiseNot(DNDarray x) { return Arithmetics.bitwiseNot(x); }
    /** numpy's leftShift: see {@link Arithmetics#leftShift(Object, Object)}. <pre>{@code leftShift(x, y)}</pre> */
    public static DNDarray leftShift(Object a, Object b) { return Arithmetics.leftShift(a, b); }
    /** numpy's rightShift: see {@link Arithmetics#rightShift(Object, Object)}. <pre>{@code rightShift(x, y)}</pre> */
    public static DNDarray rightShift(Object a, Object b) { return Arithmetics.rightShift(a, b); }
    /** numpy's copysign: see {@link Arithmetics#copysign(Object, Object)}. <pre>{@code copysign(x, y)}</pre> */
    public static DNDarray copysign(Object a, Object b) { return Arithmetics.copysign(a, b); }
    /** numpy's hypot: see {@link Arithmetics#hypot(Object, Object)}. <pre>{@code hypot(x, y)}</pre> */
    public static DNDarray hypot(Object a, Object b) { return Arithmetics.hypot(a, b); }
    /** numpy's gcd: see {@link Arithmetics#gcd(Object, Object)}. <pre>{@code gcd(x, y)}</pre> */
    public static DNDarray gcd(Object a, Object b) { return Arithmetics.gcd(a, b); }
    /** numpy's lcm: see {@link Arithmetics#lcm(Object, Object)}. <pre>{@code lcm(x, y)}</pre> */
    public static DNDarray lcm(Object a, Object b) { return Arithmetics.lcm(a, b); }
    /** numpy's sum: see {@link Arithmetics#sum(DNDarray)}. <pre>{@code sum(x)}</pre> */
    public static DNDarray sum(DNDarray x) { return Arithmetics.sum(x); }
    /**
     * Reproducible float sums (and mean, var, std, vector norms and the dot product of vectors, which use them): the
     * same bits for any process count, split and thread count, exact sums rounded once; off by default
     * ({@code JHEAT_REPRODUCIBLE=1} turns it on). Every process must make the same call.
     * <pre>{@code Heat.setReproducible(true); }</pre>
     */
    public static void setReproducible(boolean on) { org.jheat.core.Reproducible.set(on); }
    /** Whether reproducible reductions are on ({@link #setReproducible}). */
    public static boolean isReproducible() { return org.jheat.core.Reproducible.isOn(); }
    /** numpy's sum: see {@link Arithmetics#sum(DNDarray, int[], boolean)}. <pre>{@code sum(x, null, false)}</pre> */
    public static DNDarray sum(DNDarray x, int[] axes, boolean keepDims) { return Arithmetics.sum(x, axes, keepDims); }
    /** numpy's prod: see {@link Arithmetics#prod(DNDarray, int[], boolean)}. <pre>{@code prod(x, null, false)}</pre> */
    public static DNDarray prod(DNDarray x, int[] axes, boolean keepDims) { return Arithmetics.prod(x, axes, keepDims); }
    /** numpy's nansum: see {@link Arithmetics#nansum(DNDarray, int[], boolean)}. <pre>{@code nansum(x, null, false)}</pre> */
    public static DNDarray nansum(DNDarray x, int[] axes, boolean keepDims) { return Arithmetics.nansum(x, axes, keepDims); }
    /** numpy's nanprod: see {@link Arithmetics#nanprod(DNDarray, int[], boolean)}. <pre>{@code nanprod(x, null, false)}</pre> */
    public static DNDarray nanprod(DNDarray x, int[] axes, boolean keepDims) { return Arithmetics.nanprod(x, axes, keepDims); }
    /** numpy's cumsum: see {@link Arithmetics#cumsum(DNDarray, int)}. <pre>{@code cumsum(x, 1)}</pre> */
    public static DNDarray cumsum(DNDarray x, int axis) { return Arithmetics.cumsum(x, axis); }
    /** numpy's cumprod: see {@link Arithmetics#cumprod(DNDarray, int)}. <pre>{@code cumprod(x, 1)}</pre> */
    public static DNDarray cumprod(DNDarray x, int axis) { return Arithmetics.cumprod(x, axis); }
    /** numpy's cumproduct: see {@link Arithmetics#cumproduct(DNDarray, int)}. <pre>{@code cumproduct(x, 1)}</pre> */
    public static DNDarray cumproduct(DNDarray x, int axis) { return Arithmetics.cumproduct(x, axis); }
    /** numpy's diff: see {@link Arithmetics#diff(DNDarray, int, int)}. <pre>{@code diff(x, 1, 1)}</pre> */
    public static DNDarray diff(DNDarray x, int n, int axis) { return Arithmetics.diff(x, n, axis); }
    /** numpy's nanToNum: see {@link Arithmetics#nanToNum(DNDarray, double, double, double)}. <pre>{@code nanToNum(x, 1, 1, 1)}</pre> */
    public static DNDarray nanToNum(DNDarray x, double nan, double posinf, double neginf) { return Arithmetics.nanToNum(x, nan, posinf, neginf); }
    /** numpy's nanToNum: see {@link Arithmetics#nanToNum(DNDarray)}. <pre>{@code nanToNum(x)}</pre> */
    public static DNDarray nanToNum(DNDarray x) { return Arithmetics.nanToNum(x); }
    /** numpy's exp: see {@link Exponential#exp(DNDarray)}. <pre>{@code exp(x)}</pre> */
    public static DNDarray exp(DNDarray x) { return Exponential.exp(x); }
    /** numpy's expm1: see {@link Exponential#expm1(DNDarray)}. <pre>{@code expm1(x)}</pre> */
    public static DNDarray expm1(DNDarray x) { return Exponential.expm1(x); }
    /** numpy's exp2: see {@link Exponential#exp2(DNDarray)}. <pre>{@code exp2(x)}</pre> */
    public static DNDarray exp2(DNDarray x) { return Exponential.exp2(x); }
    /** numpy's log: see {@link Exponential#log(DNDarray)}. <pre>{@code log(x)}</pre> */
    public static DNDarray log(DNDarray x) { return Exponential.log(x); }
    /** numpy's log2: see {@link Exponential#log2(DNDarray)}. <pre>{@code log2(x)}</pre> */
    public static DNDarray log2(DNDarray x) { return Exponential.log2(x); }
    /** numpy's log10: see {@link Exponential#log10(DNDarray)}. <pre>{@code log10(x)}</pre> */
    public static DNDarray log10(DNDarray x) { return Exponential.log10(x); }
    /** numpy's log1p: see {@link Exponential#log1p(DNDarray)}. <pre>{@code log1p(x)}</pre> */
    public static DNDarray log1p(DNDarray x) { return Exponential.log1p(x); }
    /** numpy's sqrt: see {@link Exponential#sqrt(DNDarray)}. <pre>{@code sqrt(x)}</pre> */
    public static DNDarray sqrt(DNDarray x) { return Exponential.sqrt(x); }
    /** numpy's square: see {@link Exponential#square(DNDarray)}. <pre>{@code square(x)}</pre> */
    public static DNDarray square(DNDarray x) { return Exponential.square(x); }
    /** numpy's logaddexp: see {@link Exponential#logaddexp(Object, Object)}. <pre>{@code logaddexp(x, y)}</pre> */
    public static DNDarray logaddexp(Object a, Object b) { return Exponential.logaddexp(a, b); }
    /** numpy's logaddexp2: see {@link Exponential#logaddexp2(Object, Object)}. <pre>{@code logaddexp2(x, y)}</pre> */
    public static DNDarray logaddexp2(Object a, Object b) { return Exponential.logaddexp2(a, b); }
    /** numpy's sin: see {@link Trigonometrics#sin(DNDarray)}. <pre>{@code sin(x)}</pre> */
    public static DNDarray sin(DNDarray x) { return Trigonometrics.sin(x); }
    /** numpy's cos: see {@link Trigonometrics#cos(DNDarray)}. <pre>{@code cos(x)}</pre> */
    public static DNDarray cos(DNDarray x) { return Trigonometrics.cos(x); }
    /** numpy's tan: see {@link Trigonometrics#tan(DNDarray)}. <pre>{@code tan(x)}</pre> */
    public static DNDarray tan(DNDarray x) { return Trigonometrics.tan(x); }
    /** numpy's arcsin: see {@link Trigonometrics#arcsin(DNDarray)}. <pre>{@code arcsin(x)}</pre> */
    public static DNDarray arcsin(DNDarray x) { return Trigonometrics.arcsin(x); }
    /** numpy's asin: see {@link Trigonometrics#asin(DNDarray)}. <pre>{@code asin(x)}</pre> */
    public static DNDarray asin(DNDarray x) { return Trigonometrics.asin(x); }
    /** numpy's arccos: see {@link Trigonometrics#arccos(DNDarray)}. <pre>{@code arccos(x)}</pre> */
    public static DNDarray arccos(DNDarray x) { return Trigonometrics.arccos(x); }
    /** numpy's acos: see {@link Trigonometrics#acos(DNDarray)}. <pre>{@code acos(x)}</pre> */
    public static DNDarray acos(DNDarray x) { return Trigonometrics.acos(x); }
    /** numpy's arctan: see {@link Trigonometrics#arctan(DNDarray)}. <pre>{@code arctan(x)}</pre> */
    public static DNDarray arctan(DNDarray x) { return Trigonometrics.arctan(x); }
    /** numpy's atan: see {@link Trigonometrics#atan(DNDarray)}. <pre>{@code atan(x)}</pre> */
    public static DNDarray atan(DNDarray x) { return Trigonometrics.atan(x); }
    /** numpy's arctan2: see {@link Trigonometrics#arctan2(Object, Object)}. <pre>{@code arctan2(x, y)}</pre> */
    public static DNDarray arctan2(Object a, Object b) { return Trigonometrics.arctan2(a, b); }
    /** numpy's atan2: see {@link Trigonometrics#atan2(Object, Object)}. <pre>{@code atan2(x, y)}</pre> */
    public static DNDarray atan2(Object a, Object b) { return Trigonometrics.atan2(a, b); }
    /** numpy's sinh: see {@link Trigonometrics#sinh(DNDarray)}. <pre>{@code sinh(x)}</pre> */
    public static DNDarray sinh(DNDarray x) { return Trigonometrics.sinh(x); }
    /** numpy's cosh: see {@link Trigonometrics#cosh(DNDarray)}. <pre>{@code cosh(x)}</pre> */
    public static DNDarray cosh(DNDarray x) { return Trigonometrics.cosh(x); }
    /** numpy's tanh: see {@link Trigonometrics#tanh(DNDarray)}. <pre>{@code tanh(x)}</pre> */
    public static DNDarray tanh(DNDarray x) { return Trigonometrics.tanh(x); }
    /** numpy's arcsinh: see {@link Trigonometrics#arcsinh(DNDarray)}. <pre>{@code arcsinh(x)}</pre> */
    public static DNDarray arcsinh(DNDarray x) { return Trigonometrics.arcsinh(x); }
    /** numpy's asinh: see {@link Trigonometrics#asinh(DNDarray)}. <pre>{@code asinh(x)}</pre> */
    public static DNDarray asinh(DNDarray x) { return Trigonometrics.asinh(x); }
    /** numpy's arccosh: see {@link Trigonometrics#arccosh(DNDarray)}. <pre>{@code arccosh(x)}</pre> */
    public static DNDarray arccosh(DNDarray x) { return Trigonometrics.arccosh(x); }
    /** numpy's acosh: see {@link Trigonometrics#acosh(DNDarray)}. <pre>{@code acosh(x)}</pre> */
    public static DNDarray acosh(DNDarray x) { return Trigonometrics.acosh(x); }
    /** numpy's arctanh: see {@link Trigonometrics#arctanh(DNDarray)}. <pre>{@code arctanh(x)}</pre> */
    public static DNDarray arctanh(DNDarray x) { return Trigonometrics.arctanh(x); }
    /** numpy's atanh: see {@link Trigonometrics#atanh(DNDarray)}. <pre>{@code atanh(x)}</pre> */
    public static DNDarray atanh(DNDarray x) { return Trigonometrics.atanh(x); }
    /** numpy's deg2rad: see {@link Trigonometrics#deg2rad(DNDarray)}. <pre>{@code deg2rad(x)}</pre> */
    public static DNDarray deg2rad(DNDarray x) { return Trigonometrics.deg2rad(x); }
    /** numpy's radians: see {@link Trigonometrics#radians(DNDarray)}. <pre>{@code radians(x)}</pre> */
    public static DNDarray radians(DNDarray x) { return Trigonometrics.radians(x); }
    /** numpy's rad2deg: see {@link Trigonometrics#rad2deg(DNDarray)}. <pre>{@code rad2deg(x)}</pre> */
    public static DNDarray rad2deg(DNDarray x) { return Trigonometrics.rad2deg(x); }
    /** numpy's degrees: see {@link Trigonometrics#degrees(DNDarray)}. <pre>{@code degrees(x)}</pre> */
    public static DNDarray degrees(DNDarray x) { return Trigonometrics.degrees(x); }
    /** numpy's abs: see {@link Rounding#abs(DNDarray)}. <pre>{@code abs(x)}</pre> */
    public static DNDarray abs(DNDarray x) { return Rounding.abs(x); }
    /** numpy's absolute: see {@link Rounding#absolute(DNDarray)}. <pre>{@code absolute(x)}</pre> */
    public static DNDarray absolute(DNDarray x) { return Rounding.absolute(x); }
    /** numpy's real (a view for complex arrays): see {@link Complexes#real(DNDarray)}. <pre>{@code real(z)}</pre> */
    public static DNDarray real(DNDarray x) { return Complexes.real(x); }
    /** numpy's imag (a view for complex arrays): see {@link Complexes#imag(DNDarray)}. <pre>{@code imag(z)}</pre> */
    public static DNDarray imag(DNDarray x) { return Complexes.imag(x); }
    /** numpy's conj: see {@link Complexes#conj(DNDarray)}. <pre>{@code conj(z)}</pre> */
    public static DNDarray conj(DNDarray x) { return Complexes.conj(x); }
    /** numpy's conjugate: see {@link Complexes#conj(DNDarray)}. <pre>{@code conjugate(z)}</pre> */
    public static DNDarray conjugate(DNDarray x) { return Complexes.conj(x); }
    /** numpy's angle in radians: see {@link Complexes#angle(DNDarray, boolean)}. <pre>{@code angle(z)}</pre> */
    public static DNDarray angle(DNDarray x) { return Complexes.angle(x, false); }
    /** numpy's angle, in degrees when {@code deg}. <pre>{@code angle(z, true)}</pre> */
    public static DNDarray angle(DNDarray x, boolean deg) { return Complexes.angle(x, deg); }
    /** Heat's/torch's complex(re, im) = re + 1j*im: see {@link Complexes#complex(Object, Object)}. <pre>{@code complex(x, y)}</pre> */
    public static DNDarray complex(Object re, Object im) { return Complexes.complex(re, im); }
    /** numpy's iscomplex (imaginary part non-zero). <pre>{@code iscomplex(z)}</pre> */
    public static DNDarray iscomplex(DNDarray x) { return Complexes.iscomplex(x); }
    /** numpy's isreal (imaginary part zero). <pre>{@code isreal(z)}</pre> */
    public static DNDarray isreal(DNDarray x) { return Complexes.isreal(x); }
    /** numpy's iscomplexobj (a complex dtype). <pre>{@code iscomplexobj(z)}</pre> */
    public static boolean iscomplexobj(DNDarray x) { return Complexes.iscomplexobj(x); }
    /** numpy's fabs: see {@link Rounding#fabs(DNDarray)}. <pre>{@code fabs(x)}</pre> */
    public static DNDarray fabs(DNDarray x) { return Rounding.fabs(x); }
    /** numpy's ceil: see {@link Rounding#ceil(DNDarray)}. <pre>{@code ceil(x)}</pre> */
    public static DNDarray ceil(DNDarray x) { return Rounding.ceil(x); }
    /** numpy's floor: see {@link Rounding#floor(DNDarray)}. <pre>{@code floor(x)}</pre> */
    public static DNDarray floor(DNDarray x) { return Rounding.floor(x); }
    /** numpy's trunc: see {@link Rounding#trunc(DNDarray)}. <pre>{@code trunc(x)}</pre> */
    public static DNDarray trunc(DNDarray x) { return Rounding.trunc(x); }
    /** numpy's round: see {@link Rounding#round(DNDarray)}. <pre>{@code round(x)}</pre> */
    public static DNDarray round(DNDarray x) { return Rounding.round(x); }
    /** numpy's round: see {@link Rounding#round(DNDarray, int)}. <pre>{@code round(x, 1)}</pre> */
    public static DNDarray round(DNDarray x, int decimals) { return Rounding.round(x, decimals); }
    /** numpy's clip: see {@link Rounding#clip(DNDarray, double, double)}. <pre>{@code clip(x, 1, 1)}</pre> */
    public static DNDarray clip(DNDarray x, double min, double max) { return Rounding.clip(x, min, max); }
    /** numpy's sign: see {@link Rounding#sign(DNDarray)}. <pre>{@code sign(x)}</pre> */
    public static DNDarray sign(DNDarray x) { return Rounding.sign(x); }
    /** numpy's sgn: see {@link Rounding#sgn(DNDarray)}. <pre>{@code sgn(x)}</pre> */
    public static DNDarray sgn(DNDarray x) { return Rounding.sgn(x); }
    /** numpy's modf: see {@link Rounding#modf(DNDarray)}. <pre>{@code modf(x)}</pre> */
    public static DNDarray[] modf(DNDarray x) { return Rounding.modf(x); }
    /** numpy's all: see {@link Logical#all(DNDarray, int[], boolean)}. <pre>{@code all(x, null, false)}</pre> */
    public static DNDarray all(DNDarray x, int[] axes, boolean keepDims) { return Logical.all(x, axes, keepDims); }
    /** numpy's all: see {@link Logical#all(DNDarray)}. <pre>{@code all(x)}</pre> */
    public static boolean all(DNDarray x) { return Logical.all(x); }
    /** numpy's any: see {@link Logical#any(DNDarray, int[], boolean)}. <pre>{@code any(x, null, false)}</pre> */
    public static DNDarray any(DNDarray x, int[] axes, boolean keepDims) { return Logical.any(x, axes, keepDims); }
    /** numpy's any: see {@link Logical#any(DNDarray)}. <pre>{@code any(x)}</pre> */
    public static boolean any(DNDarray x) { return Logical.any(x); }
    /** numpy's isclose: see {@link Logical#isclose(Object, Object, double, double, boolean)}. <pre>{@code isclose(x, y, 1, 1, false)}</pre> */
    public static DNDarray isclose(Object a, Object b, double rtol, double atol, boolean equalNan) { return Logical.isclose(a, b, rtol, atol, equalNan); }
    /** numpy's isclose: see {@link Logical#isclose(Object, Object)}. <pre>{@code isclose(x, y)}</pre> */
    public static DNDarray isclose(Object a, Object b) { return Logical.isclose(a, b); }
    /** numpy's allclose: see {@link Logical#allclose(Object, Object, double, double, boolean)}. <pre>{@code allclose(x, y, 1, 1, false)}</pre> */
    public static boolean allclose(Object a, Object b, double rtol, double atol, boolean equalNan) { return Logical.allclose(a, b, rtol, atol, equalNan); }
    /** numpy's allclose: see {@link Logical#allclose(Object, Object)}. <pre>{@code allclose(x, y)}</pre> */
    public static boolean allclose(Object a, Object b) { return Logical.allclose(a, b); }
    /** numpy's isfinite: see {@link Logical#isfinite(DNDarray)}. <pre>{@code isfinite(x)}</pre> */
    public static DNDarray isfinite(DNDarray x) { return Logical.isfinite(x); }
    /** numpy's isinf: see {@link Logical#isinf(DNDarray)}. <pre>{@code isinf(x)}</pre> */
    public static DNDarray isinf(DNDarray x) { return Logical.isinf(x); }
    /** numpy's isnan: see {@link Logical#isnan(DNDarray)}. <pre>{@code isnan(x)}</pre> */
    public static DNDarray isnan(DNDarray x) { return Logical.isnan(x); }
    /** numpy's isposinf: see {@link Logical#isposinf(DNDarray)}. <pre>{@code isposinf(x)}</pre> */
    public static DNDarray isposinf(DNDarray x) { return Logical.isposinf(x); }
    /** numpy's isneginf: see {@link Logical#isneginf(DNDarray)}. <pre>{@code isneginf(x)}</pre> */
    public static DNDarray isneginf(DNDarray x) { return Logical.isneginf(x); }
    /** numpy's signbit: see {@link Logical#signbit(DNDarray)}. <pre>{@code signbit(x)}</pre> */
    public static DNDarray signbit(DNDarray x) { return Logical.signbit(x); }
    /** numpy's logicalAnd: see {@link Logical#logicalAnd(Object, Object)}. <pre>{@code logicalAnd(x, y)}</pre> */
    public static DNDarray logicalAnd(Object a, Object b) { return Logical.logicalAnd(a, b); }
    /** numpy's logicalOr: see {@link Logical#logicalOr(Object, Object)}. <pre>{@code logicalOr(x, y)}</pre> */
    public static DNDarray logicalOr(Object a, Object b) { return Logical.logicalOr(a, b); }
    /** numpy's logicalXor: see {@link Logical#logicalXor(Object, Object)}. <pre>{@code logicalXor(x, y)}</pre> */
    public static DNDarray logicalXor(Object a, Object b) { return Logical.logicalXor(a, b); }
    /** numpy's logicalNot: see {@link Logical#logicalNot(DNDarray)}. <pre>{@code logicalNot(x)}</pre> */
    public static DNDarray logicalNot(DNDarray x) { return Logical.logicalNot(x); }
    /** numpy's eq: see {@link Relational#eq(Object, Object)}. <pre>{@code eq(x, y)}</pre> */
    public static DNDarray eq(Object a, Object b) { return Relational.eq(a, b); }
    /** numpy's equal: see {@link Relational#equal(Object, Object)}. <pre>{@code equal(x, y)}</pre> */
    public static DNDarray equal(Object a, Object b) { return Relational.equal(a, b); }
    /** numpy's ne: see {@link Relational#ne(Object, Object)}. <pre>{@code ne(x, y)}</pre> */
    public static DNDarray ne(Object a, Object b) { return Relational.ne(a, b); }
    /** numpy's notEqual: see {@link Relational#notEqual(Object, Object)}. <pre>{@code notEqual(x, y)}</pre> */
    public static DNDarray notEqual(Object a, Object b) { return Relational.notEqual(a, b); }
    /** numpy's lt: see {@link Relational#lt(Object, Object)}. <pre>{@code lt(x, y)}</pre> */
    public static DNDarray lt(Object a, Object b) { return Relational.lt(a, b); }
    /** numpy's less: see {@link Relational#less(Object, Object)}. <pre>{@code less(x, y)}</pre> */
    public static DNDarray less(Object a, Object b) { return Relational.less(a, b); }
    /** numpy's le: see {@link Relational#le(Object, Object)}. <pre>{@code le(x, y)}</pre> */
    public static DNDarray le(Object a, Object b) { return Relational.le(a, b); }
    /** numpy's lessEqual: see {@link Relational#lessEqual(Object, Object)}. <pre>{@code lessEqual(x, y)}</pre> */
    public static DNDarray lessEqual(Object a, Object b) { return Relational.lessEqual(a, b); }
    /** numpy's gt: see {@link Relational#gt(Object, Object)}. <pre>{@code gt(x, y)}</pre> */
    public static DNDarray gt(Object a, Object b) { return Relational.gt(a, b); }
    /** numpy's greater: see {@link Relational#greater(Object, Object)}. <pre>{@code greater(x, y)}</pre> */
    public static DNDarray greater(Object a, Object b) { return Relational.greater(a, b); }
    /** numpy's ge: see {@link Relational#ge(Object, Object)}. <pre>{@code ge(x, y)}</pre> */
    public static DNDarray ge(Object a, Object b) { return Relational.ge(a, b); }
    /** numpy's greaterEqual: see {@link Relational#greaterEqual(Object, Object)}. <pre>{@code greaterEqual(x, y)}</pre> */
    public static DNDarray greaterEqual(Object a, Object b) { return Relational.greaterEqual(a, b); }
    /** numpy's max: see {@link Statistics#max(DNDarray, int[], boolean)}. <pre>{@code max(x, null, false)}</pre> */
    public static DNDarray max(DNDarray x, int[] axes, boolean keepDims) { return Statistics.max(x, axes, keepDims); }
    /** numpy's min: see {@link Statistics#min(DNDarray, int[], boolean)}. <pre>{@code min(x, null, false)}</pre> */
    public static DNDarray min(DNDarray x, int[] axes, boolean keepDims) { return Statistics.min(x, axes, keepDims); }
    /** numpy's maximum: see {@link Statistics#maximum(Object, Object)}. <pre>{@code maximum(x, y)}</pre> */
    public static DNDarray maximum(Object a, Object b) { return Statistics.maximum(a, b); }
    /** numpy's minimum: see {@link Statistics#minimum(Object, Object)}. <pre>{@code minimum(x, y)}</pre> */
    public static DNDarray minimum(Object a, Object b) { return Statistics.minimum(a, b); }
    /** numpy's ptp: see {@link Statistics#ptp(DNDarray, int[], boolean)}. <pre>{@code ptp(x, null, false)}</pre> */
    public static DNDarray ptp(DNDarray x, int[] axes, boolean keepDims) { return Statistics.ptp(x, axes, keepDims); }
    /** numpy's mean: see {@link Statistics#mean(DNDarray, int[], boolean)}. <pre>{@code mean(x, null, false)}</pre> */
    public static DNDarray mean(DNDarray x, int[] axes, boolean keepDims) { return Statistics.mean(x, axes, keepDims); }
    /** numpy's var: see {@link Statistics#var(DNDarray, int[], int, boolean)}. <pre>{@code var(x, null, 1, false)}</pre> */
    public static DNDarray var(DNDarray x, int[] axes, int ddof, boolean keepDims) { return Statistics.var(x, axes, ddof, keepDims); }
    /** numpy's std: see {@link Statistics#std(DNDarray, int[], int, boolean)}. <pre>{@code std(x, null, 1, false)}</pre> */
    public static DNDarray std(DNDarray x, int[] axes, int ddof, boolean keepDims) { return Statistics.std(x, axes, ddof, keepDims); }
    /** numpy's argmax: see {@link Statistics#argmax(DNDarray, Integer, boolean)}. <pre>{@code argmax(x, null, false)}</pre> */
    public static DNDarray argmax(DNDarray x, Integer axis, boolean keepDims) { return Statistics.argmax(x, axis, keepDims); }
    /** numpy's argmin: see {@link Statistics#argmin(DNDarray, Integer, boolean)}. <pre>{@code argmin(x, null, false)}</pre> */
    public static DNDarray argmin(DNDarray x, Integer axis, boolean keepDims) { return Statistics.argmin(x, axis, keepDims); }

    /** numpy's median: see {@link Quantiles#median(DNDarray)}. <pre>{@code median(x)}</pre> */
    public static DNDarray median(DNDarray x) { return Quantiles.median(x); }
    /** numpy's median: see {@link Quantiles#median(DNDarray, Integer, boolean)}. <pre>{@code median(x, null, false)}</pre> */
    public static DNDarray median(DNDarray x, Integer axis, boolean keepDims) { return Quantiles.median(x, axis, keepDims); }
    /** numpy's percentile: see {@link Quantiles#percentile(DNDarray, double)}. <pre>{@code percentile(x, 10)}</pre> */
    public static DNDarray percentile(DNDarray x, double q) { return Quantiles.percentile(x, q); }
    /** numpy's percentile: see {@link Quantiles#percentile(DNDarray, double, Integer, String, boolean)}. <pre>{@code percentile(x, 10, null, null, false)}</pre> */
    public static DNDarray percentile(DNDarray x, double q, Integer axis, String interpolation, boolean keepDims) { return Quantiles.percentile(x, q, axis, interpolation, keepDims); }
    /** numpy's percentile: see {@link Quantiles#percentile(DNDarray, double[], Integer, String, boolean)}. <pre>{@code percentile(x, null, null, null, false)}</pre> */
    public static DNDarray percentile(DNDarray x, double[] qs, Integer axis, String interpolation, boolean keepDims) { return Quantiles.percentile(x, qs, axis, interpolation, keepDims); }
    /** numpy's histc: see {@link Histograms#histc(DNDarray, long, double, double)}. <pre>{@code histc(x, 10, 10, 10)}</pre> */
    public static DNDarray histc(DNDarray x, long bins, double min, double max) { return Histograms.histc(x, bins, min, max); }
    /** numpy's histogram: see {@link Histograms#histogram(DNDarray, long, double[], DNDarray, boolean)}. <pre>{@code histogram(x, 10, null, x, false)}</pre> */
    public static DNDarray[] histogram(DNDarray x, long bins, double[] range, DNDarray weights, boolean density) { return Histograms.histogram(x, bins, range, weights, density); }
    /** numpy's bincount: see {@link Histograms#bincount(DNDarray, DNDarray, long)}. <pre>{@code bincount(x, x, 10)}</pre> */
    public static DNDarray bincount(DNDarray x, DNDarray weights, long minlength) { return Histograms.bincount(x, weights, minlength); }
    /** numpy's digitize: see {@link Histograms#digitize(DNDarray, double[], boolean)}. <pre>{@code digitize(x, null, false)}</pre> */
    public static DNDarray digitize(DNDarray x, double[] bins, boolean right) { return Histograms.digitize(x, bins, right); }
    /** numpy's digitize: see {@link Histograms#digitize(DNDarray, DNDarray, boolean)}. <pre>{@code digitize(x, x, false)}</pre> */
    public static DNDarray digitize(DNDarray x, DNDarray bins, boolean right) { return Histograms.digitize(x, bins, right); }
    /** numpy's bucketize: see {@link Histograms#bucketize(DNDarray, double[], boolean, boolean)}. <pre>{@code bucketize(x, null, false, false)}</pre> */
    public static DNDarray bucketize(DNDarray input, double[] boundaries, boolean right, boolean outInt32) { return Histograms.bucketize(input, boundaries, right, outInt32); }
    /** numpy's bucketize: see {@link Histograms#bucketize(DNDarray, DNDarray, boolean, boolean)}. <pre>{@code bucketize(x, x, false, false)}</pre> */
    public static DNDarray bucketize(DNDarray input, DNDarray boundaries, boolean right, boolean outInt32) { return Histograms.bucketize(input, boundaries, right, outInt32); }
    /** numpy's average: see {@link Moments#average(DNDarray, Integer, DNDarray)}. <pre>{@code average(x, null, x)}</pre> */
    public static DNDarray average(DNDarray x, Integer axis, DNDarray weights) { return Moments.average(x, axis, weights); }
    /** numpy's average: see {@link Moments#average(DNDarray, Integer, DNDarray, boolean)}. <pre>{@code average(x, null, x, false)}</pre> */
    public static DNDarray[] average(DNDarray x, Integer axis, DNDarray weights, boolean returned) { return Moments.average(x, axis, weights, returned); }
    /** numpy's cov: see {@link Moments#cov(DNDarray)}. <pre>{@code cov(x)}</pre> */
    public static DNDarray cov(DNDarray m) { return Moments.cov(m); }
    /** numpy's cov: see {@link Moments#cov(DNDarray, DNDarray, boolean, boolean, Integer)}. <pre>{@code cov(x, x, false, false, null)}</pre> */
    public static DNDarray cov(DNDarray m, DNDarray y, boolean rowvar, boolean bias, Integer ddof) { return Moments.cov(m, y, rowvar, bias, ddof); }
    /** numpy's skew: see {@link Moments#skew(DNDarray, Integer, boolean)}. <pre>{@code skew(x, null, false)}</pre> */
    public static DNDarray skew(DNDarray x, Integer axis, boolean unbiased) { return Moments.skew(x, axis, unbiased); }
    /** numpy's kurtosis: see {@link Moments#kurtosis(DNDarray, Integer, boolean, boolean)}. <pre>{@code kurtosis(x, null, false, false)}</pre> */
    public static DNDarray kurtosis(DNDarray x, Integer axis, boolean fisher, boolean unbiased) { return Moments.kurtosis(x, axis, fisher, unbiased); }

    // ---------------------------------------------------------------------------------------- indexing

    /** An integer index (negative counts from the end). <pre>{@code x.get(idx(3))}</pre> */
    public static Index idx(long i) { return Index.idx(i); }
    /** An integer-array or boolean-mask index. <pre>{@code x.get(idx(rows))}</pre> */
    public static Index idx(DNDarray intOrBool) { return Index.of(intOrBool); }
    /** An integer-array index from Java values. <pre>{@code x.get(idx(new long[]{0, 2}))}</pre> */
    public static Index idx(long[] ints) { return Index.of(ints); }
    /** A boolean mask. <pre>{@code x.get(mask(gt(x, 0)))}</pre> */
    public static Index mask(DNDarray bool) { return Index.mask(bool); }
    /** numpy's {@code start:stop} (null bounds are omitted ones). <pre>{@code x.get(slice(0, 10))}</pre> */
    public static Index slice(Number start, Number stop) { return Index.slice(start, stop); }
    /** numpy's {@code start:stop:step}. <pre>{@code x.get(slice(null, null, -1))}</pre> */
    public static Index slice(Number start, Number stop, long step) { return Index.slice(start, stop, step); }
    /** numpy's {@code :} (the whole axis). <pre>{@code x.get(all(), idx(0))}</pre> */
    public static Index all() { return Index.all(); }
    /** numpy's {@code np.newaxis}. */
    public static Index newaxis() { return Index.newaxis(); }
    /** numpy's {@code ...}. */
    public static Index ellipsis() { return Index.ellipsis(); }
    /** {@code x[idx…]} (collective). <pre>{@code get(x, slice(0, 5), idx(1))}</pre> */
    public static DNDarray get(DNDarray x, Index... idx) { return Indexing.get(x, idx); }
    /** {@code x[idx…] = value} in place (collective); returns x. */
    public static DNDarray set(DNDarray x, Object value, Index... idx) { return Indexing.set(x, value, idx); }
    /** Global indices of the nonzero elements, one int64 array per axis. <pre>{@code DNDarray[] nz = nonzero(x); }</pre> */
    public static DNDarray[] nonzero(DNDarray x) { return Indexing.nonzero(x); }
    /** {@code nonzero(cond)}. */
    public static DNDarray[] where(DNDarray cond) { return Indexing.where(cond); }
    /** a where cond holds, else b (element-wise, broadcast). <pre>{@code where(gt(x, 0), x, 0)}</pre> */
    public static DNDarray where(DNDarray cond, Object a, Object b) { return Indexing.where(cond, a, b); }

    // ---------------------------------------------------------------------------------------- fused expressions

    /**
     * Evaluates a numexpr-style element-wise expression in one pass, without full-size temporaries; variables bind to
     * {@code values} in alphabetical order of their names (numexpr's order; or pass a Map). Bit-identical to the eager operations (see {@link Expressions}).
     * <pre>{@code DNDarray z = eval("3*x + y", x, y); }</pre>
     */
    public static DNDarray eval(String expr, Object... values) { return Expressions.eval(expr, values); }
    /** {@link #eval(String, Object...)} with variables bound by name. <pre>{@code eval("a*b + 1", Map.of("a", x, "b", y))}</pre> */
    public static DNDarray eval(String expr, java.util.Map<String, ?> vars) { return Expressions.eval(expr, vars); }
    /**
     * Evaluates into {@code out} (numpy's {@code out=}, no allocation; out may be an operand); returns out.
     * <pre>{@code evalInto(z, "3*x + y", x, y); }</pre>
     */
    public static DNDarray evalInto(DNDarray out, String expr, Object... values) { return Expressions.evalInto(out, expr, values); }
    /** {@link #evalInto(DNDarray, String, Object...)} with variables bound by name. */
    public static DNDarray evalInto(DNDarray out, String expr, java.util.Map<String, ?> vars) { return Expressions.evalInto(out, expr, vars); }
    /** The array x as a fused-expression leaf: {@code expr(x).mul(3).add(y).eval()}. See {@link Expr}. */
    public static Expr expr(DNDarray x) { return Expr.of(x); }

    // ---------------------------------------------------------------------------------------- manipulations

    /** numpy's reshape: see {@link Shaping#reshape(DNDarray, long[])}. <pre>{@code reshape(x, 0)}</pre> */
    public static DNDarray reshape(DNDarray x, long... shape) { return Shaping.reshape(x, shape); }
    /** numpy's reshape: see {@link Shaping#reshape(DNDarray, long[], Integer)}. <pre>{@code reshape(x, 0, 0)}</pre> */
    public static DNDarray reshape(DNDarray x, long[] shape, Integer newSplit) { return Shaping.reshape(x, shape, newSplit); }
    /** numpy's flatten: see {@link Shaping#flatten(DNDarray)}. <pre>{@code flatten(x)}</pre> */
    public static DNDarray flatten(DNDarray x) { return Shaping.flatten(x); }
    /** numpy's ravel: see {@link Shaping#ravel(DNDarray)}. <pre>{@code ravel(x)}</pre> */
    public static DNDarray ravel(DNDarray x) { return Shaping.ravel(x); }
    /** numpy's squeeze: see {@link Shaping#squeeze(DNDarray)}. <pre>{@code squeeze(x)}</pre> */
    public static DNDarray squeeze(DNDarray x) { return Shaping.squeeze(x); }
    /** numpy's squeeze: see {@link Shaping#squeeze(DNDarray, int[])}. <pre>{@code squeeze(x, 0)}</pre> */
    public static DNDarray squeeze(DNDarray x, int... axes) { return Shaping.squeeze(x, axes); }
    /** numpy's expandDims: see {@link Shaping#expandDims(DNDarray, int)}. <pre>{@code expandDims(x, 0)}</pre> */
    public static DNDarray expandDims(DNDarray x, int axis) { return Shaping.expandDims(x, axis); }
    /** numpy's transpose: see {@link Shaping#transpose(DNDarray)}. <pre>{@code transpose(x)}</pre> */
    public static DNDarray transpose(DNDarray x) { return Shaping.transpose(x); }
    /** numpy's transpose: see {@link Shaping#transpose(DNDarray, int[])}. <pre>{@code transpose(x, 0)}</pre> */
    public static DNDarray transpose(DNDarray x, int... axes) { return Shaping.transpose(x, axes); }
    /** numpy's swapaxes: see {@link Shaping#swapaxes(DNDarray, int, int)}. <pre>{@code swapaxes(x, 0, 0)}</pre> */
    public static DNDarray swapaxes(DNDarray x, int axis1, int axis2) { return Shaping.swapaxes(x, axis1, axis2); }
    /** numpy's moveaxis: see {@link Shaping#moveaxis(DNDarray, int[], int[])}. <pre>{@code moveaxis(x, 0, 0)}</pre> */
    public static DNDarray moveaxis(DNDarray x, int[] source, int[] destination) { return Shaping.moveaxis(x, source, destination); }
    /** numpy's moveaxis: see {@link Shaping#moveaxis(DNDarray, int, int)}. <pre>{@code moveaxis(x, 0, 0)}</pre> */
    public static DNDarray moveaxis(DNDarray x, int source, int destination) { return Shaping.moveaxis(x, source, destination); }
    /** numpy's broadcastTo: see {@link Shaping#broadcastTo(DNDarray, long[])}. <pre>{@code broadcastTo(x, 0)}</pre> */
    public static DNDarray broadcastTo(DNDarray x, long... shape) { return Shaping.broadcastTo(x, shape); }
    /** numpy's broadcastArrays: see {@link Shaping#broadcastArrays(DNDarray[])}. <pre>{@code broadcastArrays(x)}</pre> */
    public static DNDarray[] broadcastArrays(DNDarray... xs) { return Shaping.broadcastArrays(xs); }
    /** numpy's concatenate: see {@link Joining#concatenate(DNDarray[], int)}. <pre>{@code concatenate(x, 0)}</pre> */
    public static DNDarray concatenate(DNDarray[] xs, int axis) { return Joining.concatenate(xs, axis); }
    /** numpy's stack: see {@link Joining#stack(DNDarray[], int)}. <pre>{@code stack(x, 0)}</pre> */
    public static DNDarray stack(DNDarray[] xs, int axis) { return Joining.stack(xs, axis); }
    /** numpy's vstack: see {@link Joining#vstack(DNDarray[])}. <pre>{@code vstack(x)}</pre> */
    public static DNDarray vstack(DNDarray... xs) { return Joining.vstack(xs); }
    /** numpy's rowStack: see {@link Joining#rowStack(DNDarray[])}. <pre>{@code rowStack(x)}</pre> */
    public static DNDarray rowStack(DNDarray... xs) { return Joining.rowStack(xs); }
    /** numpy's hstack: see {@link Joining#hstack(DNDarray[])}. <pre>{@code hstack(x)}</pre> */
    public static DNDarray hstack(DNDarray... xs) { return Joining.hstack(xs); }
    /** numpy's columnStack: see {@link Joining#columnStack(DNDarray[])}. <pre>{@code columnStack(x)}</pre> */
    public static DNDarray columnStack(DNDarray... xs) { return Joining.columnStack(xs); }
    /** numpy's dstack: see {@link Joining#dstack(DNDarray[])}. <pre>{@code dstack(x)}</pre> */
    public static DNDarray dstack(DNDarray... xs) { return Joining.dstack(xs); }
    /** numpy's split: see {@link Joining#split(DNDarray, int, int)}. <pre>{@code split(x, 0, 0)}</pre> */
    public static List<DNDarray> split(DNDarray x, int sections, int axis) { return Joining.split(x, sections, axis); }
    /** numpy's split: see {@link Joining#split(DNDarray, long[], int)}. <pre>{@code split(x, 0, 0)}</pre> */
    public static List<DNDarray> split(DNDarray x, long[] indices, int axis) { return Joining.split(x, indices, axis); }
    /** numpy's arraySplit: see {@link Joining#arraySplit(DNDarray, int, int)}. <pre>{@code arraySplit(x, 0, 0)}</pre> */
    public static List<DNDarray> arraySplit(DNDarray x, int sections, int axis) { return Joining.arraySplit(x, sections, axis); }
    /** numpy's hsplit: see {@link Joining#hsplit(DNDarray, int)}. <pre>{@code hsplit(x, 0)}</pre> */
    public static List<DNDarray> hsplit(DNDarray x, int sections) { return Joining.hsplit(x, sections); }
    /** numpy's hsplit: see {@link Joining#hsplit(DNDarray, long[])}. <pre>{@code hsplit(x, 0)}</pre> */
    public static List<DNDarray> hsplit(DNDarray x, long[] indices) { return Joining.hsplit(x, indices); }
    /** numpy's vsplit: see {@link Joining#vsplit(DNDarray, int)}. <pre>{@code vsplit(x, 0)}</pre> */
    public static List<DNDarray> vsplit(DNDarray x, int sections) { return Joining.vsplit(x, sections); }
    /** numpy's vsplit: see {@link Joining#vsplit(DNDarray, long[])}. <pre>{@code vsplit(x, 0)}</pre> */
    public static List<DNDarray> vsplit(DNDarray x, long[] indices) { return Joining.vsplit(x, indices); }
    /** numpy's dsplit: see {@link Joining#dsplit(DNDarray, int)}. <pre>{@code dsplit(x, 0)}</pre> */
    public static List<DNDarray> dsplit(DNDarray x, int sections) { return Joining.dsplit(x, sections); }
    /** numpy's dsplit: see {@link Joining#dsplit(DNDarray, long[])}. <pre>{@code dsplit(x, 0)}</pre> */
    public static List<DNDarray> dsplit(DNDarray x, long[] indices) { return Joining.dsplit(x, indices); }
    /** numpy's flip: see {@link Manipulations#flip(DNDarray)}. <pre>{@code flip(x)}</pre> */
    public static DNDarray flip(DNDarray x) { return Manipulations.flip(x); }
    /** numpy's flip: see {@link Manipulations#flip(DNDarray, int[])}. <pre>{@code flip(x, 0)}</pre> */
    public static DNDarray flip(DNDarray x, int... axes) { return Manipulations.flip(x, axes); }
    /** numpy's flipud: see {@link Manipulations#flipud(DNDarray)}. <pre>{@code flipud(x)}</pre> */
    public static DNDarray flipud(DNDarray x) { return Manipulations.flipud(x); }
    /** numpy's fliplr: see {@link Manipulations#fliplr(DNDarray)}. <pre>{@code fliplr(x)}</pre> */
    public static DNDarray fliplr(DNDarray x) { return Manipulations.fliplr(x); }
    /** numpy's roll: see {@link Manipulations#roll(DNDarray, long, Integer)}. <pre>{@code roll(x, 0, 0)}</pre> */
    public static DNDarray roll(DNDarray x, long shift, Integer axis) { return Manipulations.roll(x, shift, axis); }
    /** numpy's roll: see {@link Manipulations#roll(DNDarray, long[], int[])}. <pre>{@code roll(x, 0, 0)}</pre> */
    public static DNDarray roll(DNDarray x, long[] shifts, int[] axes) { return Manipulations.roll(x, shifts, axes); }
    /** Heat's unfold: see {@link Manipulations#unfold(DNDarray, int, long, long)}. <pre>{@code unfold(x, 0, 3, 1)}</pre> */
    public static DNDarray unfold(DNDarray x, int axis, long size, long step) { return Manipulations.unfold(x, axis, size, step); }
    /** numpy's rot90: see {@link Manipulations#rot90(DNDarray, int, int, int)}. <pre>{@code rot90(x, 0, 0, 0)}</pre> */
    public static DNDarray rot90(DNDarray x, int k, int axis0, int axis1) { return Manipulations.rot90(x, k, axis0, axis1); }
    /** numpy's rot90: see {@link Manipulations#rot90(DNDarray, int)}. <pre>{@code rot90(x, 0)}</pre> */
    public static DNDarray rot90(DNDarray x, int k) { return Manipulations.rot90(x, k); }
    /** numpy's repeat: see {@link Manipulations#repeat(DNDarray, long, Integer)}. <pre>{@code repeat(x, 0, 0)}</pre> */
    public static DNDarray repeat(DNDarray x, long repeats, Integer axis) { return Manipulations.repeat(x, repeats, axis); }
    /** numpy's repeat: see {@link Manipulations#repeat(DNDarray, long[], Integer)}. <pre>{@code repeat(x, 0, 0)}</pre> */
    public static DNDarray repeat(DNDarray x, long[] repeats, Integer axis) { return Manipulations.repeat(x, repeats, axis); }
    /** numpy's tile: see {@link Manipulations#tile(DNDarray, long[])}. <pre>{@code tile(x, 0)}</pre> */
    public static DNDarray tile(DNDarray x, long... reps) { return Manipulations.tile(x, reps); }
    /** numpy's diagonal: see {@link Manipulations#diagonal(DNDarray, long, int, int)}. <pre>{@code diagonal(x, 0, 0, 0)}</pre> */
    public static DNDarray diagonal(DNDarray x, long offset, int axis1, int axis2) { return Manipulations.diagonal(x, offset, axis1, axis2); }
    /** numpy's diagonal: see {@link Manipulations#diagonal(DNDarray)}. <pre>{@code diagonal(x)}</pre> */
    public static DNDarray diagonal(DNDarray x) { return Manipulations.diagonal(x); }
    /** numpy's diag: see {@link Manipulations#diag(DNDarray, long)}. <pre>{@code diag(x, 0)}</pre> */
    public static DNDarray diag(DNDarray x, long k) { return Manipulations.diag(x, k); }
    /** numpy's diag: see {@link Manipulations#diag(DNDarray)}. <pre>{@code diag(x)}</pre> */
    public static DNDarray diag(DNDarray x) { return Manipulations.diag(x); }
    /** numpy's tril: see {@link Manipulations#tril(DNDarray, long)}. <pre>{@code tril(x, 0)}</pre> */
    public static DNDarray tril(DNDarray x, long k) { return Manipulations.tril(x, k); }
    /** numpy's triu: see {@link Manipulations#triu(DNDarray, long)}. <pre>{@code triu(x, 0)}</pre> */
    public static DNDarray triu(DNDarray x, long k) { return Manipulations.triu(x, k); }
    /** numpy's tril: see {@link Manipulations#tril(DNDarray)}. <pre>{@code tril(x)}</pre> */
    public static DNDarray tril(DNDarray x) { return Manipulations.tril(x); }
    /** numpy's triu: see {@link Manipulations#triu(DNDarray)}. <pre>{@code triu(x)}</pre> */
    public static DNDarray triu(DNDarray x) { return Manipulations.triu(x); }
    /** numpy's pad: see {@link Padding#pad(DNDarray, long[][])}. <pre>{@code pad(x, 0)}</pre> */
    public static DNDarray pad(DNDarray x, long[][] padWidth) { return Padding.pad(x, padWidth); }
    /** numpy's pad: see {@link Padding#pad(DNDarray, long[][], String)}. <pre>{@code pad(x, 0, 0)}</pre> */
    public static DNDarray pad(DNDarray x, long[][] padWidth, String mode) { return Padding.pad(x, padWidth, mode); }
    /** numpy's pad: see {@link Padding#pad(DNDarray, long[][], String, double)}. <pre>{@code pad(x, 0, 0, 0)}</pre> */
    public static DNDarray pad(DNDarray x, long[][] padWidth, String mode, double constantValue) { return Padding.pad(x, padWidth, mode, constantValue); }

    // ---------------------------------------------------------------------------------------- products (numpy's top level)

    /** numpy's {@code matmul}, distributed for every split pair: see {@link Linalg#matmul}. <pre>{@code DNDarray c = matmul(a, b); }</pre> */
    public static DNDarray matmul(DNDarray a, DNDarray b) { return Linalg.matmul(a, b); }

    /** numpy's {@code matmul} with a sparse first operand (see {@link Sparse#matmul(DCSRMatrix, DNDarray)}). <pre>{@code DNDarray y = matmul(a, x); }</pre> */
    public static DNDarray matmul(DCSRMatrix a, DNDarray b) { return Sparse.matmul(a, b); }

    /** Dense × sparse. <pre>{@code DNDarray z = matmul(x, a); }</pre> */
    public static DNDarray matmul(DNDarray a, DCSRMatrix b) { return Sparse.matmul(a, b); }

    /** Sparse × sparse (SpGEMM). <pre>{@code DCSRMatrix c = matmul(a, b); }</pre> */
    public static DCSRMatrix matmul(DCSRMatrix a, DCSRMatrix b) { return Sparse.matmul(a, b); }

    /** CSC × dense. <pre>{@code DNDarray y = matmul(c, x); }</pre> */
    public static DNDarray matmul(DCSCMatrix a, DNDarray b) { return Sparse.matmul(a, b); }

    /** Dense × CSC (no entries move). <pre>{@code DNDarray z = matmul(x, c); }</pre> */
    public static DNDarray matmul(DNDarray a, DCSCMatrix b) { return Sparse.matmul(a, b); }
    /** numpy's {@code dot}: see {@link Linalg#dot}. <pre>{@code DNDarray s = dot(u, v); }</pre> */
    public static DNDarray dot(DNDarray a, DNDarray b) { return Linalg.dot(a, b); }
    /** numpy's {@code vdot}: see {@link Linalg#vdot}. <pre>{@code double s = vdot(a, b).itemDouble(); }</pre> */
    public static DNDarray vdot(DNDarray a, DNDarray b) { return Linalg.vdot(a, b); }
    /** numpy 2's {@code vecdot} over the last axis: see {@link Linalg#vecdot}. <pre>{@code DNDarray d = vecdot(x, y); }</pre> */
    public static DNDarray vecdot(DNDarray x1, DNDarray x2) { return Linalg.vecdot(x1, x2); }
    /** numpy's {@code outer}: see {@link Linalg#outer}. <pre>{@code DNDarray o = outer(u, v); }</pre> */
    public static DNDarray outer(DNDarray a, DNDarray b) { return Linalg.outer(a, b); }
    /** numpy's {@code tensordot(a, b, axes=n)}: see {@link Linalg#tensordot(DNDarray, DNDarray, int)}. <pre>{@code tensordot(a, b, 2)}</pre> */
    public static DNDarray tensordot(DNDarray a, DNDarray b, int axes) { return Linalg.tensordot(a, b, axes); }
    /** numpy's {@code tensordot(a, b, (axesA, axesB))}. <pre>{@code tensordot(a, b, new int[]{1}, new int[]{0})}</pre> */
    public static DNDarray tensordot(DNDarray a, DNDarray b, int[] axesA, int[] axesB) { return Linalg.tensordot(a, b, axesA, axesB); }
    /** numpy's {@code einsum}: see {@link Linalg#einsum}. <pre>{@code DNDarray c = einsum("ij,jk->ik", a, b); }</pre> */
    public static DNDarray einsum(String subscripts, DNDarray... operands) { return Linalg.einsum(subscripts, operands); }
    /** numpy's {@code cross} along the last axes: see {@link Linalg#cross(DNDarray, DNDarray)}. <pre>{@code cross(a, b)}</pre> */
    public static DNDarray cross(DNDarray a, DNDarray b) { return Linalg.cross(a, b); }
    /** numpy's {@code trace} of the first two axes: see {@link Linalg#trace(DNDarray)}. <pre>{@code trace(m)}</pre> */
    public static DNDarray trace(DNDarray a) { return Linalg.trace(a); }
    /** numpy 2's {@code matrix_transpose} (a view): see {@link Linalg#matrixTranspose}. <pre>{@code matrixTranspose(x)}</pre> */
    public static DNDarray matrixTranspose(DNDarray a) { return Linalg.matrixTranspose(a); }

    // ---------------------------------------------------------------------------------------- sorting, sets, signal

    /** numpy's sort: see {@link Sorting#sort(DNDarray)}. <pre>{@code sort(x)}</pre> */
    public static DNDarray sort(DNDarray x) { return Sorting.sort(x); }
    /** numpy's sort: see {@link Sorting#sort(DNDarray, int, boolean, boolean)}. <pre>{@code sort(x, 0, false, false)}</pre> */
    public static DNDarray sort(DNDarray x, int axis, boolean descending, boolean stable) { return Sorting.sort(x, axis, descending, stable); }
    /** numpy's sortWithIndices: see {@link Sorting#sortWithIndices(DNDarray, int, boolean, boolean)}. <pre>{@code sortWithIndices(x, 0, false, false)}</pre> */
    public static DNDarray[] sortWithIndices(DNDarray x, int axis, boolean descending, boolean stable) { return Sorting.sortWithIndices(x, axis, descending, stable); }
    /** numpy's argsort: see {@link Sorting#argsort(DNDarray)}. <pre>{@code argsort(x)}</pre> */
    public static DNDarray argsort(DNDarray x) { return Sorting.argsort(x); }
    /** numpy's argsort: see {@link Sorting#argsort(DNDarray, int, boolean, boolean)}. <pre>{@code argsort(x, 0, false, false)}</pre> */
    public static DNDarray argsort(DNDarray x, int axis, boolean descending, boolean stable) { return Sorting.argsort(x, axis, descending, stable); }
    /** numpy's topk: see {@link Sorting#topk(DNDarray, long)}. <pre>{@code topk(x, 0)}</pre> */
    public static DNDarray[] topk(DNDarray x, long k) { return Sorting.topk(x, k); }
    /** numpy's topk: see {@link Sorting#topk(DNDarray, long, int, boolean, boolean)}. <pre>{@code topk(x, 0, 0, false, false)}</pre> */
    public static DNDarray[] topk(DNDarray x, long k, int axis, boolean largest, boolean sorted) { return Sorting.topk(x, k, axis, largest, sorted); }
    /** numpy's unique: see {@link Sets#unique(DNDarray)}. <pre>{@code unique(x)}</pre> */
    public static DNDarray unique(DNDarray x) { return Sets.unique(x); }
    /** numpy's unique: see {@link Sets#unique(DNDarray, boolean, boolean, boolean, Integer)}. <pre>{@code unique(x, false, false, false, null)}</pre> */
    public static DNDarray[] unique(DNDarray x, boolean sorted, boolean returnInverse, boolean returnCounts, Integer axis) { return Sets.unique(x, sorted, returnInverse, returnCounts, axis); }
    /** numpy's convolve: see {@link Signal#convolve(DNDarray, DNDarray)}. <pre>{@code convolve(x, x)}</pre> */
    public static DNDarray convolve(DNDarray a, DNDarray v) { return Signal.convolve(a, v); }
    /** numpy's convolve: see {@link Signal#convolve(DNDarray, DNDarray, String)}. <pre>{@code convolve(x, x, "full")}</pre> */
    public static DNDarray convolve(DNDarray a, DNDarray v, String mode) { return Signal.convolve(a, v, mode); }

    // ---------------------------------------------------------------------------------------- parallel I/O

    /** Parallel I/O: see {@link IO#loadNpy(String, Integer)}. <pre>{@code loadNpy("data.h5", 0)}</pre> */
    public static DNDarray loadNpy(String path, Integer split) { return IO.loadNpy(path, split); }
    /** Parallel I/O: see {@link IO#loadNpy(String, DType, Integer)}. <pre>{@code loadNpy("data.h5", null, 0)}</pre> */
    public static DNDarray loadNpy(String path, DType dtype, Integer split) { return IO.loadNpy(path, dtype, split); }
    /** Parallel I/O: see {@link IO#saveNpy(DNDarray, String)}. <pre>{@code saveNpy(x, "data.h5")}</pre> */
    public static void saveNpy(DNDarray x, String path) { IO.saveNpy(x, path); }
    /** Parallel I/O: see {@link IO#loadNpyFromPath(String, DType, int)}. <pre>{@code loadNpyFromPath(null, null, 0)}</pre> */
    public static DNDarray loadNpyFromPath(String dir, DType dtype, int split) { return IO.loadNpyFromPath(dir, dtype, split); }
    /** Parallel I/O: see {@link IO#loadCsv(String, String, int, DType, Integer)}. <pre>{@code loadCsv("data.h5", null, null, null, 0)}</pre> */
    public static DNDarray loadCsv(String path, String sep, int headerLines, DType dtype, Integer split) { return IO.loadCsv(path, sep, headerLines, dtype, split); }
    /** Parallel I/O: see {@link IO#loadCsv(String, Integer)}. <pre>{@code loadCsv("data.h5", 0)}</pre> */
    public static DNDarray loadCsv(String path, Integer split) { return IO.loadCsv(path, split); }
    /** Parallel I/O: see {@link IO#saveCsv(DNDarray, String, String, String, int)}. <pre>{@code saveCsv(x, "data.h5", null, null, null)}</pre> */
    public static void saveCsv(DNDarray x, String path, String sep, String header, int decimals) { IO.saveCsv(x, path, sep, header, decimals); }
    /** Parallel I/O: see {@link IO#saveCsv(DNDarray, String)}. <pre>{@code saveCsv(x, "data.h5")}</pre> */
    public static void saveCsv(DNDarray x, String path) { IO.saveCsv(x, path); }
    /** Parallel I/O: see {@link IO#loadHdf5(String, String, Integer)}. <pre>{@code loadHdf5("data.h5", "data", 0)}</pre> */
    public static DNDarray loadHdf5(String path, String dataset, Integer split) { return IO.loadHdf5(path, dataset, split); }
    /** Parallel I/O: see {@link IO#loadHdf5(String, String, Integer, DType, Slice[])}. <pre>{@code loadHdf5("data.h5", "data", 0, null, null)}</pre> */
    public static DNDarray loadHdf5(String path, String dataset, Integer split, DType dtype, Slice... slices) { return IO.loadHdf5(path, dataset, split, dtype, slices); }
    /** Parallel I/O: see {@link IO#saveHdf5(DNDarray, String, String, String)}. <pre>{@code saveHdf5(x, "data.h5", "data", null)}</pre> */
    public static void saveHdf5(DNDarray x, String path, String dataset, String mode) { IO.saveHdf5(x, path, dataset, mode); }
    /** Parallel I/O: see {@link IO#saveHdf5(DNDarray, String, String, String, int)}. <pre>{@code saveHdf5(x, "data.h5", "data", null, null)}</pre> */
    public static void saveHdf5(DNDarray x, String path, String dataset, String mode, int gzipLevel) { IO.saveHdf5(x, path, dataset, mode, gzipLevel); }
    /** Parallel I/O: see {@link IO#loadNetcdf(String, String, Integer)}. <pre>{@code loadNetcdf("data.h5", "data", 0)}</pre> */
    public static DNDarray loadNetcdf(String path, String variable, Integer split) { return IO.loadNetcdf(path, variable, split); }
    /** Parallel I/O: see {@link IO#loadNetcdf(String, String, Integer, DType)}. <pre>{@code loadNetcdf("data.h5", "data", 0, null)}</pre> */
    public static DNDarray loadNetcdf(String path, String variable, Integer split, DType dtype) { return IO.loadNetcdf(path, variable, split, dtype); }
    /** Parallel I/O: see {@link IO#saveNetcdf(DNDarray, String, String, String[], String)}. <pre>{@code saveNetcdf(x, "data.h5", "data", null, null)}</pre> */
    public static void saveNetcdf(DNDarray x, String path, String variable, String[] dimensionNames, String mode) { IO.saveNetcdf(x, path, variable, dimensionNames, mode); }
    /** Parallel I/O: see {@link IO#load(String)}. <pre>{@code load("data.h5")}</pre> */
    public static DNDarray load(String path) { return IO.load(path); }
    /** Parallel I/O: see {@link IO#load(String, Integer)}. <pre>{@code load("data.h5", 0)}</pre> */
    public static DNDarray load(String path, Integer split) { return IO.load(path, split); }
    /** Parallel I/O: see {@link IO#load(String, String, Integer)}. <pre>{@code load("data.h5", "data", 0)}</pre> */
    public static DNDarray load(String path, String name, Integer split) { return IO.load(path, name, split); }
    /** Parallel I/O: see {@link IO#load(String, String, Integer, DType)}. <pre>{@code load("data.h5", "data", 0, null)}</pre> */
    public static DNDarray load(String path, String name, Integer split, DType dtype) { return IO.load(path, name, split, dtype); }
    /** Parallel I/O: see {@link IO#save(DNDarray, String)}. <pre>{@code save(x, "data.h5")}</pre> */
    public static void save(DNDarray x, String path) { IO.save(x, path); }
    /** Parallel I/O: see {@link IO#save(DNDarray, String, String, String)}. <pre>{@code save(x, "data.h5", "data", null)}</pre> */
    public static void save(DNDarray x, String path, String name, String mode) { IO.save(x, path, name, mode); }
    /** Parallel I/O: see {@link IO#loadZarr(String, Integer)}. <pre>{@code loadZarr("x.zarr", 0)}</pre> */
    public static DNDarray loadZarr(String path, Integer split) { return IO.loadZarr(path, split); }
    /** Parallel I/O: see {@link IO#loadZarr(String, String, Integer)}. <pre>{@code loadZarr("c.zarr", "temp", 0)}</pre> */
    public static DNDarray loadZarr(String path, String name, Integer split) { return IO.loadZarr(path, name, split); }
    /** Parallel I/O: see {@link IO#loadZarr(String, String, Integer, DType, Slice[])}. <pre>{@code loadZarr("c.zarr", "temp", 0, null, Slice.of(0, 10))}</pre> */
    public static DNDarray loadZarr(String path, String name, Integer split, DType dtype, Slice... slices) { return IO.loadZarr(path, name, split, dtype, slices); }
    /** Parallel I/O: see {@link IO#saveZarr(DNDarray, String, boolean)}. <pre>{@code saveZarr(x, "x.zarr", true)}</pre> */
    public static void saveZarr(DNDarray x, String path, boolean overwrite) { IO.saveZarr(x, path, overwrite); }
    /** Parallel I/O: see {@link IO#saveZarr(DNDarray, String, String, String, ZarrOptions)}. <pre>{@code saveZarr(x, "x.zarr", null, "w", null)}</pre> */
    public static void saveZarr(DNDarray x, String path, String name, String mode, ZarrOptions options) { IO.saveZarr(x, path, name, mode, options); }
    /** Parallel I/O: see {@link IO#loadMultipleHdf5(String, String)}. <pre>{@code loadMultipleHdf5("runs/", "data")}</pre> */
    public static DNDarray loadMultipleHdf5(String files, String dataset) { return IO.loadMultipleHdf5(files, dataset); }
    /** Parallel I/O: see {@link IO#loadMultipleHdf5(String, String, int, Integer, DType)}. <pre>{@code loadMultipleHdf5("runs/*.h5", "data", 0, 0, null)}</pre> */
    public static DNDarray loadMultipleHdf5(String files, String dataset, int axis, Integer split, DType dtype) { return IO.loadMultipleHdf5(files, dataset, axis, split, dtype); }
    /** Parallel I/O: see {@link IO#loadCsv(String, CsvOptions, DType, Integer)}. <pre>{@code loadCsv("t.csv", CsvOptions.defaults(), null, 0)}</pre> */
    public static DNDarray loadCsv(String path, CsvOptions options, DType dtype, Integer split) { return IO.loadCsv(path, options, dtype, split); }
    /** Parallel I/O: see {@link IO#loadCsvFromFolder(String, CsvOptions, DType, Integer)}. <pre>{@code loadCsvFromFolder("daily/", null, null, 0)}</pre> */
    public static DNDarray loadCsvFromFolder(String dir, CsvOptions options, DType dtype, Integer split) { return IO.loadCsvFromFolder(dir, options, dtype, split); }

    // ---------------------------------------------------------------------------------------- printing

    /** Prints on rank 0 (collective when an argument is a DNDarray). <pre>{@code print0("x =", x); }</pre> */
    public static void print0(Object... values) { Printing.print0(values); }

    /**
     * Collective print: the whole array once from rank 0, or in local-printing mode every process's own slab.
     * ({@code x.toString()} is local and shows only this process's slab under MPI.) <pre>{@code print("x =", x); }</pre>
     */
    public static void print(Object... values) { Printing.print(values); }

    /** The print options in force. */
    public static PrintOptions getPrintoptions() { return PrintOptions.get(); }

    /** Sets the print options. <pre>{@code setPrintoptions(getPrintoptions().withPrecision(3)); }</pre> */
    public static void setPrintoptions(PrintOptions o) { PrintOptions.set(o); }

    /** Print each process's local data from now on. */
    public static void localPrinting() { Printing.localPrinting(); }

    /** Print global arrays (the default). */
    public static void globalPrinting() { Printing.globalPrinting(); }
}
