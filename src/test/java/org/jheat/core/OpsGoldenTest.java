package org.jheat.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import org.jheat.Heat;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;

/** Element-wise kernels and reductions against numpy's values (golden files from scripts/golden). */
class OpsGoldenTest {
    static final Map<String, Function<DNDarray, DNDarray>> UNARY = new HashMap<>();
    static final Map<String, BiFunction<Object, Object, DNDarray>> BINARY = new HashMap<>();

    static {
        UNARY.put("exp", Exponential::exp); UNARY.put("expm1", Exponential::expm1); UNARY.put("exp2", Exponential::exp2);
        UNARY.put("log", Exponential::log); UNARY.put("log2", Exponential::log2); UNARY.put("log10", Exponential::log10);
        UNARY.put("log1p", Exponential::log1p); UNARY.put("sqrt", Exponential::sqrt); UNARY.put("square", Exponential::square);
        UNARY.put("sin", Trigonometrics::sin); UNARY.put("cos", Trigonometrics::cos); UNARY.put("tan", Trigonometrics::tan);
        UNARY.put("arcsin", Trigonometrics::arcsin); UNARY.put("arccos", Trigonometrics::arccos); UNARY.put("arctan", Trigonometrics::arctan);
        UNARY.put("sinh", Trigonometrics::sinh); UNARY.put("cosh", Trigonometrics::cosh); UNARY.put("tanh", Trigonometrics::tanh);
        UNARY.put("arcsinh", Trigonometrics::arcsinh); UNARY.put("arccosh", Trigonometrics::arccosh); UNARY.put("arctanh", Trigonometrics::arctanh);
        UNARY.put("deg2rad", Trigonometrics::deg2rad); UNARY.put("rad2deg", Trigonometrics::rad2deg);
        UNARY.put("ceil", Rounding::ceil); UNARY.put("floor", Rounding::floor); UNARY.put("trunc", Rounding::trunc);
        UNARY.put("fabs", Rounding::fabs); UNARY.put("absolute", Rounding::abs); UNARY.put("sign", Rounding::sign); UNARY.put("reciprocal", Arithmetics::reciprocal);
        UNARY.put("round", Rounding::round); UNARY.put("negative", Arithmetics::neg); UNARY.put("positive", Arithmetics::pos);
        UNARY.put("invert", Arithmetics::invert); UNARY.put("isfinite", Logical::isfinite); UNARY.put("isinf", Logical::isinf);
        UNARY.put("isnan", Logical::isnan); UNARY.put("isposinf", Logical::isposinf); UNARY.put("isneginf", Logical::isneginf);
        UNARY.put("signbit", Logical::signbit); UNARY.put("logical_not", Logical::logicalNot);
        BINARY.put("add", Arithmetics::add); BINARY.put("subtract", Arithmetics::sub); BINARY.put("multiply", Arithmetics::mul);
        BINARY.put("true_divide", Arithmetics::div); BINARY.put("floor_divide", Arithmetics::floordiv);
        BINARY.put("remainder", Arithmetics::remainder); BINARY.put("fmod", Arithmetics::fmod); BINARY.put("power", Arithmetics::pow);
        BINARY.put("maximum", Statistics::maximum); BINARY.put("minimum", Statistics::minimum);
        BINARY.put("copysign", Arithmetics::copysign); BINARY.put("hypot", Arithmetics::hypot);
        BINARY.put("arctan2", Trigonometrics::arctan2); BINARY.put("logaddexp", Exponential::logaddexp);
        BINARY.put("logaddexp2", Exponential::logaddexp2); BINARY.put("equal", Relational::eq); BINARY.put("not_equal", Relational::ne);
        BINARY.put("less", Relational::lt); BINARY.put("less_equal", Relational::le); BINARY.put("greater", Relational::gt);
        BINARY.put("greater_equal", Relational::ge); BINARY.put("logical_and", Logical::logicalAnd);
        BINARY.put("logical_or", Logical::logicalOr); BINARY.put("logical_xor", Logical::logicalXor);
        BINARY.put("bitwise_and", Arithmetics::bitwiseAnd); BINARY.put("bitwise_or", Arithmetics::bitwiseOr);
        BINARY.put("bitwise_xor", Arithmetics::bitwiseXor); BINARY.put("left_shift", Arithmetics::leftShift);
        BINARY.put("right_shift", Arithmetics::rightShift); BINARY.put("gcd", Arithmetics::gcd); BINARY.put("lcm", Arithmetics::lcm);
    }

    static double parseD(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }

    /** A tensor of {@code dtype} from golden tokens. */
    static Tensor parse(DType t, String[] tok, int from, long... shape) {
        Tensor x = Tensor.empty(t, shape);
        for (int i = 0; i < x.size(); i++) {
            if (t.isFloat()) x.setDoubleFlat(parseD(tok[from + i]), i);
            else x.setLongFlat(Long.parseLong(tok[from + i]), i);
        }
        return x;
    }

    /** Same dtype and values: integers exactly, floats to a few ulps, NaN where NaN, the sign of zeros. */
    static String compare(Tensor want, Tensor got) {
        if (want.dtype() != got.dtype()) return "dtype " + got.dtype() + ", expected " + want.dtype();
        if (want.size() != got.size()) return "size " + got.size() + ", expected " + want.size();
        double tol = want.dtype() == DType.FLOAT32 ? 2e-6 : 1e-13;
        for (long i = 0; i < want.size(); i++) {
            if (!want.dtype().isFloat()) {
                if (want.getLongFlat(i) != got.getLongFlat(i)) return "element " + i + ": " + got.getLongFlat(i) + ", expected " + want.getLongFlat(i);
                continue;
            }
            double w = want.getDoubleFlat(i), g = got.getDoubleFlat(i);
            boolean ok = (w != w && g != g) || w == g && Double.doubleToRawLongBits(w) == Double.doubleToRawLongBits(g)
                    || (w != 0 && Math.abs(w - g) <= tol * Math.abs(w));
            if (!ok) return "element " + i + ": " + g + ", expected " + w;
        }
        return null;
    }

    @Test
    void elementwiseKernelsMatchNumpy() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String line : Dist.resourceLines("/golden/elementwise.txt")) {
            String[] parts = line.split(" \\| ");
            String[] head = parts[0].split(" ");
            String op = head[1];
            DType ta = DType.of(head[2]);
            String[] xa = parts[1].split(" ");
            String[] exp = parts[parts.length - 1].split(" ");
            Tensor want = parse(DType.of(exp[0]), exp, 1, exp.length - 1);
            DNDarray a = Heat.array(parse(ta, xa, 0, xa.length), null, 0);
            DNDarray got;
            if (head[0].equals("U")) {
                got = UNARY.get(op).apply(a);
            } else {
                DType tb = DType.of(head[3]);
                String[] xb = parts[2].split(" ");
                got = BINARY.get(op).apply(a, Heat.array(parse(tb, xb, 0, xb.length), null, 0));
            }
            String err = compare(want, got.gatherAll());
            if (err != null) failures.add(parts[0] + ": " + err);
            cases++;
        }
        assertTrue(cases > 600, "cases read: " + cases);
        assertEquals(List.of(), failures);
    }

    /** The fixed (3, 4, 5) inputs of scripts/golden/reductions.py. */
    static Tensor reductionInput(String name) {
        Tensor t = Tensor.empty(name.startsWith("float") ? DType.FLOAT64 : name.equals("int32") ? DType.INT32 : DType.BOOL, 3, 4, 5);
        for (int i = 0; i < 60; i++) {
            switch (name) {
                case "int32" -> t.setLongFlat((i * 37L) % 23 - 11, i);
                case "bool" -> t.setLongFlat(i % 3 == 0 ? 1 : 0, i);
                default -> t.setDoubleFlat(name.equals("float64nan") && i == 7 ? Double.NaN : StrictMath.sin(i) * 10, i);
            }
        }
        return t;
    }

    @Test
    void reductionsMatchNumpyForEveryAxisAndSplit() {
        List<String> failures = new ArrayList<>();
        int cases = 0;
        for (String line : Dist.resourceLines("/golden/reductions.txt")) {
            String[] parts = line.split(" \\| ");
            String[] head = parts[0].split(" ");
            String op = head[0];
            int[] axes = head[2].equals("all") ? null : java.util.Arrays.stream(head[2].split(",")).mapToInt(Integer::parseInt).toArray();
            int ddof = Integer.parseInt(head[3]);
            String[] meta = parts[1].split(" ");
            long[] shape = meta[1].equals("-") ? new long[0] : java.util.Arrays.stream(meta[1].split(",")).mapToLong(Long::parseLong).toArray();
            String[] vals = parts[2].split(" ");
            Tensor want = parse(DType.of(meta[0]), vals, 0, shape);
            Tensor full = reductionInput(head[1]);
            for (Integer split : new Integer[] {null, 0, 1, 2}) {
                DNDarray x = Heat.array(full, null, split);
                Integer ax = axes == null ? null : axes[0];
                DNDarray got = switch (op) {
                    case "sum" -> Arithmetics.sum(x, axes, false);
                    case "prod" -> Arithmetics.prod(x, axes, false);
                    case "nansum" -> Arithmetics.nansum(x, axes, false);
                    case "nanprod" -> Arithmetics.nanprod(x, axes, false);
                    case "min" -> Statistics.min(x, axes, false);
                    case "max" -> Statistics.max(x, axes, false);
                    case "mean" -> Statistics.mean(x, axes, false);
                    case "var" -> Statistics.var(x, axes, ddof, false);
                    case "std" -> Statistics.std(x, axes, ddof, false);
                    case "ptp" -> Statistics.ptp(x, axes, false);
                    case "all" -> Logical.all(x, axes, false);
                    case "any" -> Logical.any(x, axes, false);
                    case "argmin" -> Statistics.argmin(x, ax, false);
                    case "argmax" -> Statistics.argmax(x, ax, false);
                    case "cumsum" -> Arithmetics.cumsum(x, ax);
                    case "cumprod" -> Arithmetics.cumprod(x, ax);
                    default -> throw new IllegalStateException(op);
                };
                Tensor g = got.gatherAll();
                String err = java.util.Arrays.equals(g.shape(), want.shape()) ? compare(want, g)
                        : "shape " + java.util.Arrays.toString(g.shape()) + ", expected " + java.util.Arrays.toString(want.shape());
                if (err != null) failures.add(parts[0] + " split=" + split + ": " + err);
                cases++;
            }
        }
        assertTrue(cases > 1000, "cases: " + cases);
        assertEquals(List.of(), failures);
    }
}
