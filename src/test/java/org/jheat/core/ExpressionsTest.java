package org.jheat.core;

import static org.jheat.testing.Dist.assertThrowsEverywhere;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jheat.Heat;
import org.jheat.comm.Communication;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TestDevice;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/**
 * Fused expressions against the eager operations: the same dtype, shape, split, local shapes and bits, for every
 * function the expressions know, every dtype, broadcasting, scalars, every split pair, unbalanced and empty slabs,
 * {@code out=} and in place; and the errors of bad text, names, arity and shapes, raised on every process.
 */
class ExpressionsTest {
    private static final DType[] DTYPES = {DType.BOOL, DType.UINT8, DType.INT8, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64};

    /** Deterministic values with zeros, negatives, fractions and (for floats) a NaN and an infinity. */
    private static Tensor data(DType t, int seed, long... shape) {
        Tensor d = Tensor.empty(DType.FLOAT64, shape);
        for (long i = 0; i < d.size(); i++) {
            long h = (i * 2654435761L + seed * 40503L) % 23;
            double v = (h - 9) * 0.75;
            if (t.isFloat() && i % 11 == 5) v = seed % 2 == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
            d.setDoubleFlat(v, i);
        }
        return d.astype(t);
    }

    private static List<Integer> splits(int nd) {
        List<Integer> s = new ArrayList<>();
        s.add(null);
        for (int i = 0; i < nd; i++) s.add(i);
        return s;
    }

    /** The fused result equals the eager one: dtype, global shape, split, this process's shape and bits. */
    private static void same(String what, DNDarray eager, DNDarray fused) {
        String ctx = what + ": ";
        assertEquals(eager.dtype(), fused.dtype(), ctx + "dtype");
        assertArrayEquals(eager.gshape(), fused.gshape(), ctx + "gshape");
        assertEquals(eager.split(), fused.split(), ctx + "split");
        Dist.collectively(() -> {
            assertArrayEquals(eager.lshape(), fused.lshape(), ctx + "local shape");
            for (int r = 0; r < eager.comm().size(); r++) assertArrayEquals(eager.lshapeMap()[r], fused.lshapeMap()[r], ctx + "lshape map");
            assertTrue(eager.larray().contentEquals(fused.larray()), () -> ctx + "values differ\neager " + eager.larray() + "\nfused " + fused.larray());
        });
    }

    /** Both raise IllegalArgumentException, or both give the same result. */
    private static void sameOrBothFail(String what, Supplier<DNDarray> eager, Supplier<DNDarray> fused) {
        DNDarray e;
        try {
            e = eager.get();
        } catch (IllegalArgumentException | UnsupportedOperationException ex) {
            assertThrowsEverywhere(IllegalArgumentException.class, fused::get);
            return;
        }
        same(what, e, fused.get());
    }

    private static final Map<String, Function<DNDarray, DNDarray>> UNARY = new LinkedHashMap<>();
    private static final Map<String, BiFunction<Object, Object, DNDarray>> BINARY = new LinkedHashMap<>();

    static {
        UNARY.put("negative", Arithmetics::neg);
        UNARY.put("positive", Arithmetics::pos);
        UNARY.put("exp", Exponential::exp);
        UNARY.put("expm1", Exponential::expm1);
        UNARY.put("exp2", Exponential::exp2);
        UNARY.put("log", Exponential::log);
        UNARY.put("log2", Exponential::log2);
        UNARY.put("log10", Exponential::log10);
        UNARY.put("log1p", Exponential::log1p);
        UNARY.put("sqrt", Exponential::sqrt);
        UNARY.put("square", Exponential::square);
        UNARY.put("sin", Trigonometrics::sin);
        UNARY.put("cos", Trigonometrics::cos);
        UNARY.put("tan", Trigonometrics::tan);
        UNARY.put("arcsin", Trigonometrics::arcsin);
        UNARY.put("arccos", Trigonometrics::arccos);
        UNARY.put("arctan", Trigonometrics::arctan);
        UNARY.put("sinh", Trigonometrics::sinh);
        UNARY.put("cosh", Trigonometrics::cosh);
        UNARY.put("tanh", Trigonometrics::tanh);
        UNARY.put("arcsinh", Trigonometrics::arcsinh);
        UNARY.put("arccosh", Trigonometrics::arccosh);
        UNARY.put("arctanh", Trigonometrics::arctanh);
        UNARY.put("deg2rad", Trigonometrics::deg2rad);
        UNARY.put("rad2deg", Trigonometrics::rad2deg);
        UNARY.put("abs", Rounding::abs);
        UNARY.put("fabs", Rounding::fabs);
        UNARY.put("ceil", Rounding::ceil);
        UNARY.put("floor", Rounding::floor);
        UNARY.put("trunc", Rounding::trunc);
        UNARY.put("sign", Rounding::sign);
        UNARY.put("reciprocal", Arithmetics::reciprocal);
        UNARY.put("isnan", Logical::isnan);
        UNARY.put("isinf", Logical::isinf);
        UNARY.put("isfinite", Logical::isfinite);
        UNARY.put("signbit", Logical::signbit);
        UNARY.put("logical_not", Logical::logicalNot);
        UNARY.put("invert", Arithmetics::invert);
        UNARY.put("bitwise_not", Arithmetics::bitwiseNot);
        BINARY.put("add", Arithmetics::add);
        BINARY.put("subtract", Arithmetics::sub);
        BINARY.put("multiply", Arithmetics::mul);
        BINARY.put("divide", Arithmetics::div);
        BINARY.put("floor_divide", Arithmetics::floordiv);
        BINARY.put("remainder", Arithmetics::remainder);
        BINARY.put("fmod", Arithmetics::fmod);
        BINARY.put("power", Arithmetics::pow);
        BINARY.put("maximum", Statistics::maximum);
        BINARY.put("minimum", Statistics::minimum);
        BINARY.put("copysign", Arithmetics::copysign);
        BINARY.put("hypot", Arithmetics::hypot);
        BINARY.put("arctan2", Trigonometrics::arctan2);
        BINARY.put("logaddexp", Exponential::logaddexp);
        BINARY.put("logaddexp2", Exponential::logaddexp2);
        BINARY.put("bitwise_and", Arithmetics::bitwiseAnd);
        BINARY.put("bitwise_or", Arithmetics::bitwiseOr);
        BINARY.put("bitwise_xor", Arithmetics::bitwiseXor);
        BINARY.put("left_shift", Arithmetics::leftShift);
        BINARY.put("right_shift", Arithmetics::rightShift);
        BINARY.put("gcd", Arithmetics::gcd);
        BINARY.put("lcm", Arithmetics::lcm);
        BINARY.put("equal", Relational::eq);
        BINARY.put("not_equal", Relational::ne);
        BINARY.put("less", Relational::lt);
        BINARY.put("less_equal", Relational::le);
        BINARY.put("greater", Relational::gt);
        BINARY.put("greater_equal", Relational::ge);
        BINARY.put("logical_and", Logical::logicalAnd);
        BINARY.put("logical_or", Logical::logicalOr);
        BINARY.put("logical_xor", Logical::logicalXor);
    }

    @Test
    void everyFunctionOfTheTableHasItsEagerTwin() {
        for (String f : Expressions.functions()) {
            boolean known = UNARY.containsKey(f) || BINARY.containsKey(f) || f.equals("where");
            boolean alias = List.of("sub", "mul", "div", "true_divide", "floordiv", "mod", "pow", "atan2", "neg", "pos", "asin", "acos", "atan",
                    "asinh", "acosh", "atanh", "radians", "degrees", "absolute").contains(f);
            assertTrue(known || alias, "no eager twin tested for " + f);
        }
    }

    @Test
    void unaryFunctionsMatchTheEagerOnesForEveryDtype() {
        for (DType t : DTYPES) {
            DNDarray x = Heat.array(data(t, 1, 13), null, 0);
            for (var f : UNARY.entrySet()) {
                sameOrBothFail(f.getKey() + "(" + t + ")", () -> f.getValue().apply(x), () -> Heat.eval(f.getKey() + "(x)", x));
            }
        }
    }

    @Test
    void binaryFunctionsMatchTheEagerOnesForEveryDtypePairAndScalars() {
        Object[] scalars = {2L, -1.5, true};
        for (DType ta : DTYPES) {
            DNDarray x = Heat.array(data(ta, 1, 9), null, 0);
            for (DType tb : DTYPES) {
                DNDarray y = Heat.array(data(tb, 2, 9), null, 0);
                for (var f : BINARY.entrySet()) {
                    String n = f.getKey();
                    sameOrBothFail(n + "(" + ta + ", " + tb + ")", () -> f.getValue().apply(x, y), () -> Heat.eval(n + "(x, y)", x, y));
                }
            }
            for (Object s : scalars) {
                for (var f : BINARY.entrySet()) {
                    String n = f.getKey();
                    sameOrBothFail(n + "(" + ta + ", " + s + ")", () -> f.getValue().apply(x, s), () -> Heat.eval(n + "(x, s)", s, x));
                    sameOrBothFail(n + "(" + s + ", " + ta + ")", () -> f.getValue().apply(s, x), () -> Heat.eval(n + "(s, x)", Map.of("x", x, "s", s)));
                }
            }
        }
    }

    /** A complex array from two real data patterns: re + im·1j (NaN and infinite parts included). */
    private static DNDarray complexData(DType t, int seed, Integer split, long... shape) {
        DNDarray re = Heat.array(data(DType.FLOAT64, seed, shape), null, split), im = Heat.array(data(DType.FLOAT64, seed + 2, shape), null, split);
        return Arithmetics.add(re, Arithmetics.mul(im, new Complex(0, 1))).astype(t);
    }

    @Test
    void complexValuesRunThroughTheEagerOperationsWithTheSameResults() {
        for (DType t : new DType[] {DType.COMPLEX64, DType.COMPLEX128}) {
            DNDarray z = complexData(t, 1, 0, 13), x = Heat.array(data(DType.FLOAT32, 2, 13), null, 0);
            for (var f : UNARY.entrySet()) {
                sameOrBothFail(f.getKey() + "(" + t + ")", () -> f.getValue().apply(z), () -> Heat.eval(f.getKey() + "(z)", z));
            }
            Object[] scalars = {new Complex(1.5, -2), 2L, -0.5};
            for (var f : BINARY.entrySet()) {
                String n = f.getKey();
                sameOrBothFail(n + "(" + t + ", float32)", () -> f.getValue().apply(z, x), () -> Heat.eval(n + "(z, x)", x, z));
                sameOrBothFail(n + "(float32, " + t + ")", () -> f.getValue().apply(x, z), () -> Heat.eval(n + "(x, z)", x, z));
                for (Object s : scalars) {
                    sameOrBothFail(n + "(" + t + ", " + s + ")", () -> f.getValue().apply(z, s), () -> Heat.eval(n + "(z, s)", s, z));
                }
            }
            // a complex scalar with real arrays only, and a complex literal folded first (1j*1j is the weak -1+0j)
            sameOrBothFail("x * c", () -> Arithmetics.mul(x, new Complex(0, 2)), () -> Heat.eval("x * c", Map.of("x", x, "c", new Complex(0, 2))));
            same("z * 2j + x", Arithmetics.add(Arithmetics.mul(z, new Complex(0, 2)), x), Heat.eval("z * 2j + x", x, z));
            same("x * (1j*1j)", Arithmetics.mul(x, new Complex(-1, 0)), Heat.eval("x * (1j*1j)", x));
            same("abs(z) + x", Arithmetics.add(Rounding.abs(z), x), Heat.eval("abs(z) + x", x, z));
            DNDarray c = Heat.array(data(DType.BOOL, 3, 13), null, 0);
            same("where(c, z, x)", Searching.where(c, z, x), Heat.eval("where(c, z, x)", c, x, z));
            same("built", Arithmetics.sub(Exponential.exp(z), Arithmetics.mul(x, new Complex(0.5, 1))),
                    Expr.of(z).call("exp").sub(Expr.of(x).mul(new Complex(0.5, 1))).eval(Map.of()));
            DNDarray copy = Heat.eval("z", z);
            Dist.collectively(() -> assertTrue(copy != z && copy.larray().storage() != z.larray().storage(), "a bare variable is copied"));
            same("z", z, copy);
        }
        // every split pair, unbalanced and empty slabs, and out=
        long[] shape = {5, 3};
        for (Integer sz : splits(2)) {
            for (Integer sx : splits(2)) {
                DNDarray z = complexData(DType.COMPLEX128, 4, sz, shape), x = Heat.array(data(DType.FLOAT64, 5, shape), null, sx);
                same("split " + sz + "/" + sx, Arithmetics.mul(Arithmetics.sub(z, x), x), Heat.eval("(z - x) * x", x, z));
                for (Integer so : splits(2)) {
                    DNDarray want = Arithmetics.mul(Arithmetics.sub(z, x), x).resplit(so);
                    DNDarray out = complexData(DType.COMPLEX128, 6, so, shape);
                    assertSame(out, Heat.evalInto(out, "(z - x) * x", x, z));
                    same("out split " + so, want, out);
                }
            }
        }
        DNDarray z = complexData(DType.COMPLEX128, 4, 0, shape), real = Heat.array(data(DType.FLOAT64, 5, shape), null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.evalInto(real, "z * 2", z));   // complex -> float64 is not same_kind
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("z < 1", z));              // ordering of complex
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("2jx", z));
    }

    @Test
    void whereMatchesTheEagerOneForEveryDtype() {
        for (DType tc : new DType[] {DType.BOOL, DType.INT32, DType.FLOAT64, DType.FLOAT32}) {
            DNDarray c = Heat.array(data(tc, 3, 11), null, 0);
            for (DType ta : DTYPES) {
                DNDarray a = Heat.array(data(ta, 1, 11), null, 0);
                for (DType tb : new DType[] {DType.BOOL, DType.INT8, DType.INT64, DType.FLOAT32, DType.FLOAT64}) {
                    DNDarray b = Heat.array(data(tb, 2, 11), null, 0);
                    sameOrBothFail("where", () -> Searching.where(c, a, b), () -> Heat.eval("where(c, a, b)", a, b, c));
                }
                sameOrBothFail("where scalar", () -> Searching.where(c, a, 0.5), () -> Heat.eval("where(c, a, 0.5)", a, c));
                sameOrBothFail("where scalar first", () -> Searching.where(c, 3, a), () -> Heat.eval("where(c, 3, a)", a, c));
            }
        }
    }

    @Test
    void compositeExpressionsRoundEveryNodeLikeTheEagerOps() {
        for (DType t : new DType[] {DType.FLOAT32, DType.FLOAT64, DType.INT8, DType.INT32, DType.INT64, DType.UINT8}) {
            DNDarray x = Heat.array(data(t, 1, 17), null, 0), y = Heat.array(data(t, 2, 17), null, 0);
            DNDarray z = Heat.array(data(DType.FLOAT32, 4, 17), null, 0);
            sameOrBothFail("3*x + y " + t, () -> Arithmetics.add(Arithmetics.mul(3L, x), y), () -> Heat.eval("3*x + y", x, y));
            sameOrBothFail("x*y + z " + t, () -> Arithmetics.add(Arithmetics.mul(x, y), z), () -> Heat.eval("x*y + z", x, y, z));
            sameOrBothFail("(x - y) / (x + 1.5) " + t, () -> Arithmetics.div(Arithmetics.sub(x, y), Arithmetics.add(x, 1.5)),
                    () -> Heat.eval("(x - y) / (x + 1.5)", x, y));
            sameOrBothFail("-x**2 + abs(y) " + t, () -> Arithmetics.add(Arithmetics.neg(Arithmetics.pow(x, 2L)), Rounding.abs(y)),
                    () -> Heat.eval("-x**2 + abs(y)", x, y));
            sameOrBothFail("where relu " + t, () -> Searching.where(Relational.gt(x, 0L), x, Arithmetics.mul(0.1, x)),
                    () -> Heat.eval("where(x > 0, x, 0.1*x)", x));
            sameOrBothFail("hypot by hand " + t, () -> Exponential.sqrt(Arithmetics.add(Arithmetics.mul(x, x), Arithmetics.mul(y, y))),
                    () -> Heat.eval("sqrt(x*x + y*y)", x, y));
            sameOrBothFail("x // 3 + x % 4 " + t, () -> Arithmetics.add(Arithmetics.floordiv(x, 3L), Arithmetics.remainder(x, 4L)),
                    () -> Heat.eval("x // 3 + x % 4", x));
            sameOrBothFail("(x < y) & (y >= 0) " + t, () -> Arithmetics.bitwiseAnd(Relational.lt(x, y), Relational.ge(y, 0L)),
                    () -> Heat.eval("(x < y) & (y >= 0)", x, y));
            sameOrBothFail("x*x*x - 2*x*y + y " + t,
                    () -> Arithmetics.add(Arithmetics.sub(Arithmetics.mul(Arithmetics.mul(x, x), x), Arithmetics.mul(Arithmetics.mul(2L, x), y)), y),
                    () -> Heat.eval("x*x*x - 2*x*y + y", x, y));
            sameOrBothFail("builder " + t, () -> Arithmetics.add(Arithmetics.mul(x, 3L), y), () -> Expr.of(x).mul(3L).add(y).eval());
        }
    }

    /** Python's operator precedence, also for ~, << and >>, against the eager operations. */
    @Test
    void pythonPrecedenceWithInvertAndShifts() {
        DNDarray i = Heat.array(data(DType.INT32, 1, 12), null, 0), j = Heat.array(data(DType.INT64, 2, 12), null, 0);
        DNDarray b = Heat.array(data(DType.BOOL, 3, 12), null, 0), x = Heat.array(data(DType.FLOAT64, 4, 12), null, 0);
        same("i & 1 == 0", Relational.eq(Arithmetics.bitwiseAnd(i, 1L), 0L), Heat.eval("i & 1 == 0", i));
        same("i | j ^ i & 3", Arithmetics.bitwiseOr(i, Arithmetics.bitwiseXor(j, Arithmetics.bitwiseAnd(i, 3L))), Heat.eval("i | j ^ i & 3", i, j));
        same("i << 1 + 1", Arithmetics.leftShift(i, 2L), Heat.eval("i << 1 + 1", i));
        same("abs(i) >> 1 & 7", Arithmetics.bitwiseAnd(Arithmetics.rightShift(Rounding.abs(i), 1L), 7L), Heat.eval("abs(i) >> 1 & 7", i));
        same("i < j << 1", Relational.lt(i, Arithmetics.leftShift(j, 1L)), Heat.eval("i < j << 1", i, j));
        same("~i", Arithmetics.invert(i), Heat.eval("~i", i));
        same("~b & (x > 0)", Arithmetics.bitwiseAnd(Logical.logicalNot(b), Relational.gt(x, 0L)), Heat.eval("~b & (x > 0)", b, x));
        same("-~i", Arithmetics.neg(Arithmetics.invert(i)), Heat.eval("-~i", i));
        same("~i**2", Arithmetics.invert(Arithmetics.pow(i, 2L)), Heat.eval("~i**2", i));
        same("x * -2**2", Arithmetics.mul(x, -4L), Heat.eval("x * -2**2", x));
        // comparisons are the loosest level: & | ^ bind tighter, so this is a chained comparison (refused)
        IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x > 0 & x < 1", x));
        Dist.collectively(() -> assertTrue(e.getMessage().contains("chained comparisons"), e.getMessage()));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("~x", x));   // invert of a float
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x << 1", x));
    }

    @Test
    void literalSubexpressionsFoldAsWeakScalars() {
        DNDarray x = Heat.array(data(DType.FLOAT32, 1, 10), null, 0);
        same("2*3 + x", Arithmetics.add(6L, x), Heat.eval("2*3 + x", x));
        same("x + 1/3", Arithmetics.add(x, 1.0 / 3), Heat.eval("x + 1/3", x));
        same("x * -2", Arithmetics.mul(x, -2L), Heat.eval("x * -2", x));
        same("x ** 2.0 ** -1", Arithmetics.pow(x, 0.5), Heat.eval("x ** 2.0 ** -1", x));
        same("x ** 2 ** -1 (Python's 2**-1 is 0.5)", Arithmetics.pow(x, 0.5), Heat.eval("x ** 2 ** -1", x));
        same("2**-2 * x", Arithmetics.mul(0.25, x), Heat.eval("2**-2 * x", x));
        DNDarray i8 = Heat.array(data(DType.INT8, 1, 10), null, 0);
        same("i8 + (1 < 2)", Arithmetics.add(i8, true), Heat.eval("i8 + (1 < 2)", i8));
        DNDarray c = Heat.eval("2 * 3.5");
        assertEquals(DType.FLOAT64, c.dtype());
        assertEquals(0, c.ndim());
        assertEquals(7.0, c.itemDouble());
    }

    @Test
    void broadcastingOverEverySplitCombinationGivesTheEagerDistribution() {
        Tensor a = data(DType.FLOAT64, 1, 5, 1, 3), b = data(DType.FLOAT32, 2, 4, 3), c = data(DType.INT32, 3, 3);
        for (Integer sa : splits(3)) {
            for (Integer sb : splits(2)) {
                for (Integer sc : splits(1)) {
                    DNDarray x = Heat.array(a, null, sa), y = Heat.array(b, null, sb), z = Heat.array(c, null, sc);
                    String w = "splits " + sa + " " + sb + " " + sc;
                    same("x*y + z " + w, Arithmetics.add(Arithmetics.mul(x, y), z), Heat.eval("x*y + z", x, y, z));
                    same("z - x/y " + w, Arithmetics.sub(z, Arithmetics.div(x, y)), Heat.eval("z - x/y", x, y, z));
                    same("where " + w, Searching.where(Relational.gt(y, 0L), x, z), Heat.eval("where(y > 0, x, z)", x, y, z));
                }
            }
        }
    }

    @Test
    void unbalancedEmptyAndMixedDistributionsAreAlignedAsEagerOps() {
        Communication comm = Dist.comm();
        int p = comm.size();
        Tensor a = data(DType.FLOAT64, 1, 7, 6), b = data(DType.FLOAT64, 2, 7, 6);
        long[] skewed = new long[p];
        skewed[p - 1] = 7;   // all rows on the last process, the others empty
        for (Integer sa : splits(2)) {
            for (Integer sb : splits(2)) {
                DNDarray x = Heat.array(a, null, sa), y = Heat.array(b, null, sb);
                if (sa != null && sa == 0) x = x.redistribute(skewed);
                DNDarray fx = x, fy = y;
                same("3*x + y " + sa + " " + sb, Arithmetics.add(Arithmetics.mul(3L, fx), fy), Heat.eval("3*x + y", fx, fy));
                same("y*y - x " + sa + " " + sb, Arithmetics.sub(Arithmetics.mul(fy, fy), fx), Heat.eval("y*y - x", fx, fy));
            }
        }
        DNDarray tiny = Heat.array(data(DType.FLOAT64, 1, 2, 3), null, 0), tiny2 = Heat.array(data(DType.FLOAT64, 2, 2, 3), null, 1);
        same("n < p", Arithmetics.add(Arithmetics.mul(tiny, tiny2), 1L), Heat.eval("x*y + 1", tiny, tiny2));
        DNDarray empty = Heat.array(data(DType.FLOAT64, 1, 0, 3), null, 0);
        same("empty", Arithmetics.add(empty, 1L), Heat.eval("x + 1", empty));
    }

    @Test
    void largeContiguousFloat64TakesTheDirectLoopsWithIdenticalBits() {
        int n = 100_003;
        Tensor a = data(DType.FLOAT64, 1, n), b = data(DType.FLOAT64, 2, n), c = data(DType.FLOAT64, 3, n);
        DNDarray x = Heat.array(a, null, 0), y = Heat.array(b, null, 0), z = Heat.array(c, null, 0);
        same("3*x + y", Arithmetics.add(Arithmetics.mul(3L, x), y), Heat.eval("3*x + y", x, y));
        same("x*y + z", Arithmetics.add(Arithmetics.mul(x, y), z), Heat.eval("x*y + z", x, y, z));
        same("x/y - 2", Arithmetics.sub(Arithmetics.div(x, y), 2L), Heat.eval("x/y - 2", x, y));
        same("2.5 - x", Arithmetics.sub(2.5, x), Heat.eval("2.5 - x", x));
        same("(x + y) * (x - z) / 3", Arithmetics.div(Arithmetics.mul(Arithmetics.add(x, y), Arithmetics.sub(x, z)), 3L),
                Heat.eval("(x + y) * (x - z) / 3", x, y, z));
        // every single-loop form of FusedF64: (p*q) ± r and r ± (p*q), with p or q a scalar or both contiguous
        Map<String, Supplier<DNDarray>> forms = new LinkedHashMap<>();
        forms.put("x*0.5 + y", () -> Arithmetics.add(Arithmetics.mul(x, 0.5), y));
        forms.put("y + x*z", () -> Arithmetics.add(y, Arithmetics.mul(x, z)));
        forms.put("y + 2.5*x", () -> Arithmetics.add(y, Arithmetics.mul(2.5, x)));
        forms.put("z + x*0.5", () -> Arithmetics.add(z, Arithmetics.mul(x, 0.5)));
        forms.put("x*y - z", () -> Arithmetics.sub(Arithmetics.mul(x, y), z));
        forms.put("2*x - y", () -> Arithmetics.sub(Arithmetics.mul(2L, x), y));
        forms.put("x*2 - y", () -> Arithmetics.sub(Arithmetics.mul(x, 2L), y));
        forms.put("z - x*y", () -> Arithmetics.sub(z, Arithmetics.mul(x, y)));
        forms.put("z - 0.5*x", () -> Arithmetics.sub(z, Arithmetics.mul(0.5, x)));
        forms.put("y - x*3", () -> Arithmetics.sub(y, Arithmetics.mul(x, 3L)));
        for (var f : forms.entrySet()) same(f.getKey(), f.getValue().get(), Heat.eval(f.getKey(), Map.of("x", x, "y", y, "z", z)));
        DNDarray one = Heat.array(data(DType.FLOAT64, 5, 1), null, null);
        same("x * one + y", Arithmetics.add(Arithmetics.mul(x, one), y), Heat.eval("x * o + y", one, x, y));
        // strided: a transposed view, the block path
        DNDarray m = Heat.array(data(DType.FLOAT64, 1, 301, 333), null, 0), mt = m.T();
        DNDarray k = Heat.array(data(DType.FLOAT64, 2, 333, 301), null, 1);
        same("mt*2 + k", Arithmetics.add(Arithmetics.mul(mt, 2L), k), Heat.eval("mt*2 + k", k, mt));
        same("exp(mt) - k", Arithmetics.sub(Exponential.exp(mt), k), Heat.eval("exp(mt) - k", k, mt));
    }

    @Test
    void evalIntoWritesOutWithoutAllocatingAndInPlace() {
        Tensor a = data(DType.FLOAT64, 1, 9, 4), b = data(DType.FLOAT64, 2, 9, 4);
        for (Integer so : splits(2)) {
            DNDarray x = Heat.array(a, null, 0), y = Heat.array(b, null, 1);
            DNDarray want = Arithmetics.add(Arithmetics.mul(3L, x), y).resplit(so);
            DNDarray out = Heat.array(data(DType.FLOAT64, 7, 9, 4), null, so);
            Tensor before = out.larray();
            DNDarray r = Heat.evalInto(out, "3*x + y", x, y);
            assertSame(out, r);
            Dist.collectively(() -> assertSame(before, out.larray()));
            same("evalInto split " + so, want, out);
            DNDarray f32 = Heat.array(data(DType.FLOAT32, 7, 9, 4), null, so);
            Heat.evalInto(f32, "3*x + y", x, y);
            same("evalInto float32", want.astype(DType.FLOAT32), f32);
        }
        DNDarray x = Heat.array(a, null, 0), y = Heat.array(b, null, 0);
        DNDarray want = Arithmetics.add(Arithmetics.mul(x, 3L), y);
        Expr.of(x).mul(3L).add(y).evalInto(x);
        same("in place", want, x);
        DNDarray row = Heat.array(data(DType.FLOAT64, 3, 4), null, null);
        DNDarray full = Heat.array(data(DType.FLOAT64, 1, 9, 4), null, 0);
        Heat.evalInto(full, "r * 2", row);
        same("broadcast into out", Arithmetics.add(Heat.zeros(new long[] {9, 4}, DType.FLOAT64, 0), Arithmetics.mul(row, 2L)), full);
        DNDarray ints = Heat.array(data(DType.INT32, 1, 9, 4), null, 0);
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.evalInto(ints, "x * 0.5", x));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.evalInto(row, "x + 1", x));
    }

    @Test
    void badTextNamesArityAndShapesRaiseOnEveryProcess() {
        DNDarray x = Heat.array(data(DType.FLOAT64, 1, 6), null, 0), w = Heat.array(data(DType.FLOAT64, 1, 5), null, 0);
        String[] bad = {"3*x +", "x + * x", "(x + 1", "x < x < x", "1e", "x $ 2", "", "sin(x, x)", "foo(x)", "3x", "x,", "where(x, x)"};
        for (String s : bad) {
            IllegalArgumentException e = assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval(s, Map.of("x", x)));
            assertTrue(s.isEmpty() || e.getMessage().contains("position"), () -> s + ": " + e.getMessage());
        }
        IllegalArgumentException unknown = assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x + q", Map.of("x", x)));
        assertTrue(unknown.getMessage().contains("unknown name 'q'") && unknown.getMessage().contains("position 4"), unknown.getMessage());
        IllegalArgumentException shape = assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x + 2*w", x, w));
        assertTrue(shape.getMessage().contains("position 2"), shape.getMessage());
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x + y", x));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x - x", Heat.array(data(DType.BOOL, 1, 6), null, 0)));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x + 1", "text"));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Expr.apply("sin", x, x));
        assertThrowsEverywhere(IllegalArgumentException.class, () -> Expr.of(x).call("nope"));
        // after the errors, collectives still work
        same("after errors", Arithmetics.add(x, 1L), Heat.eval("x + 1", x));
    }

    @Test
    void positionalValuesBindInAlphabeticalOrder() {
        DNDarray a = Heat.array(data(DType.FLOAT64, 1, 8), null, 0), b = Heat.array(data(DType.FLOAT64, 2, 8), null, 0);
        same("y + 3*x", Arithmetics.add(b, Arithmetics.mul(3L, a)), Heat.eval("y + 3*x", a, b));
        assertEquals(List.of("x", "y"), Expr.parse("y + 3*x + x").variables());
        same("named", Arithmetics.add(b, Arithmetics.mul(3L, a)), Heat.eval("y + 3*x", Map.of("x", a, "y", b)));
    }

    @Test
    void anotherBackendEvaluatesNodeByNodeWithTheSameResult() {
        Tensor a = data(DType.FLOAT32, 1, 7, 3), b = data(DType.INT16, 2, 7, 3);
        for (Integer sa : splits(2)) {
            DNDarray x = Heat.array(a, null, sa), y = Heat.array(b, null, 0);
            DNDarray want = Searching.where(Relational.gt(x, 0L), Arithmetics.add(Arithmetics.mul(3L, x), y), Exponential.exp(y));
            DNDarray got = Heat.eval("where(x > 0, 3*x + y, exp(y))", x.to(TestDevice.DEVICE), y.to(TestDevice.DEVICE));
            assertEquals(TestDevice.DEVICE, got.device());
            same("test device split " + sa, want, got.cpu());
            assertThrowsEverywhere(IllegalArgumentException.class, () -> Heat.eval("x + y", x, y.to(TestDevice.DEVICE)));
        }
    }

    @Test
    void runsLongerThanOneDirectPieceGiveTheElementByElementResult() {
        // runs of more than Elementwise.DIRECT_CHUNK elements are cut into pieces: the eager direct loops and the fused
        // triad against a plain Java loop over every element, replicated and split (np 1-4: unbalanced slabs)
        int n = 3 * (1 << 16) + 12345;
        double[] xa = new double[n], ya = new double[n];
        for (int i = 0; i < n; i++) {
            xa[i] = Math.sin(i * 0.001) * 1e3 + i % 17;
            ya[i] = i % 5 == 0 ? 0.0 : Math.cos(i * 0.002) - 0.5;
        }
        for (Integer split : new Integer[] {null, 0}) {
            DNDarray x = Heat.array(Tensor.fromArray(xa), null, split), y = Heat.array(Tensor.fromArray(ya), null, split);
            String at = "split " + split;
            check(at + " x*y + 3", Heat.evalInto(Heat.zerosLike(x), "x*y + 3", x, y), i -> xa[i] * ya[i] + 3, n);
            check(at + " 3*x + y", Heat.eval("3*x + y", x, y), i -> 3 * xa[i] + ya[i], n);
            check(at + " y - x*2", Heat.eval("y - x*2", x, y), i -> ya[i] - xa[i] * 2, n);
            check(at + " x / y", Arithmetics.div(x, y), i -> xa[i] / ya[i], n);
            check(at + " 2 - x", Arithmetics.sub(2.0, x), i -> 2 - xa[i], n);
            check(at + " x * 0.5", Arithmetics.mul(x, 0.5), i -> xa[i] * 0.5, n);
            check(at + " x + y", Arithmetics.add(x, y), i -> xa[i] + ya[i], n);
            check(at + " exp(x / 1000)", Exponential.exp(Arithmetics.div(x, 1000.0)), i -> Math.exp(xa[i] / 1000.0), n);
        }
    }

    private static void check(String what, DNDarray got, java.util.function.IntToDoubleFunction want, int n) {
        double[] g = got.gatherAll().toDoubleArray();
        assertEquals(n, g.length, what);
        for (int i = 0; i < n; i++) {
            double w = want.applyAsDouble(i);
            if (what.contains("exp")) assertEquals(w, g[i], 1e-14 * Math.abs(w), what + " at " + i);
            else assertEquals(Double.doubleToLongBits(w), Double.doubleToLongBits(g[i]), () -> what + " differs: want " + w);
        }
    }
}
