package org.jheat.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jheat.comm.CollectiveChecker;
import org.jheat.comm.Communication;
import org.jheat.tensor.Backend;
import org.jheat.tensor.Complex;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.ElementFn;
import org.jheat.tensor.ExprProgram;
import org.jheat.tensor.Kernels;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Fused element-wise expressions (numexpr's idea): {@code eval("3*x + y", x, y)} computes the whole tree in one pass
 * over the data, block by block, instead of one full-size temporary per operation — each input is read once and the
 * result written once, so a triad runs at memory bandwidth (the eager {@code add(mul(3, x), y)} moves 40 bytes per
 * element instead of 24, and page-faults a fresh temporary).
 *
 * <p><b>Design.</b> The expression ({@link Expr}: parsed text or built with methods) is compiled on global metadata
 * only: every node takes the eager operation's kernel, type rule and checks ({@code Operations.binaryLoop},
 * {@code unaryLoop}, numpy 2 promotion with Java scalars and literals weak), its broadcast shape and the distribution
 * the eager operation would give its result ({@code Operations.splitInResult}/{@code leader}, node by node).
 * Literal-only subtrees are folded by the eager operations into weak scalars (as Python evaluates {@code 2*3}). All
 * errors — syntax, unknown names, arity, dtypes, shapes — are raised here, identically on every process, before any
 * communication. Then the leaf arrays are aligned once to the root's distribution ({@code Operations.alignTo}: the
 * eager alignment step), and the local {@link ExprProgram} runs through {@link Backend#evaluate} ({@code ExprKernel}
 * on the CPU: per-thread blocks of 1024 elements, each node's own block loop and rounding to its dtype, direct
 * MemorySegment loops for float64 arithmetic). Results are bit-identical to the eager operations, including their
 * split and distribution.
 * Complex values (a complex array, a {@link Complex} scalar or an imaginary literal such as {@code 2j}) have no
 * block program yet: such a tree, once checked the same way, runs node by node through the eager operations (the
 * same result, with one temporary per node).
 *
 * <p>Positional values bind to the variable names in alphabetical order (as numexpr's {@code NumExpr} without a
 * signature): in {@code eval("y + 3*x", a, b)} x is a and y is b; pass a Map to bind by name.
 *
 * <pre>{@code
 * DNDarray z = Expressions.eval("3*x + y", x, y);
 * Expressions.evalInto(z, "3*x + y", x, y);                    // no allocation: z's memory is reused
 * DNDarray r = Expressions.eval("where(x > 0, x, 0.01*x)", Map.of("x", x));
 * }</pre>
 */
public final class Expressions {
    private Expressions() { }

    /** A function the expressions know: its kernel and type rule (null kernel: where). */
    private record Fn(String name, int arity, ElementFn kernel, TypeRule rule) {
        /** The function for a first operand of dtype {@code t}: numpy's invert of bool is logical_not. */
        Fn ofOperand(DType t) {
            return kernel == Kernels.INVERT && t == DType.BOOL ? FUNCTIONS.get("logical_not") : this;
        }
    }

    private static final Map<String, Fn> FUNCTIONS = new TreeMap<>();

    private static void fn(int arity, ElementFn k, TypeRule r, String... names) {
        for (String n : names) FUNCTIONS.put(n, new Fn(n, arity, k, r));
    }

    static {
        // the kernels and rules of the eager functions of Arithmetics, Exponential, Trigonometrics, Rounding, Logical,
        // Relational and Statistics; ExpressionsTest compares every entry with its eager function
        fn(2, Kernels.ADD, TypeRule.SAME, "add");
        fn(2, Kernels.SUB, TypeRule.SAME, "subtract", "sub");
        fn(2, Kernels.MUL, TypeRule.SAME, "multiply", "mul");
        fn(2, Kernels.DIV, TypeRule.TRUE_DIV, "divide", "true_divide", "div");
        fn(2, Kernels.FLOORDIV, TypeRule.SAME_NOBOOL, "floor_divide", "floordiv");
        fn(2, Kernels.MOD, TypeRule.SAME_NOBOOL, "remainder", "mod");
        fn(2, Kernels.FMOD, TypeRule.SAME_NOBOOL, "fmod");
        fn(2, Kernels.POW, TypeRule.SAME_NOBOOL, "power", "pow");
        fn(2, Kernels.MAXIMUM, TypeRule.SAME, "maximum");
        fn(2, Kernels.MINIMUM, TypeRule.SAME, "minimum");
        fn(2, Kernels.COPYSIGN, TypeRule.FLOAT, "copysign");
        fn(2, Kernels.HYPOT, TypeRule.FLOAT, "hypot");
        fn(2, Kernels.ARCTAN2, TypeRule.FLOAT, "arctan2", "atan2");
        fn(2, Kernels.LOGADDEXP, TypeRule.FLOAT, "logaddexp");
        fn(2, Kernels.LOGADDEXP2, TypeRule.FLOAT, "logaddexp2");
        fn(2, Kernels.BITWISE_AND, TypeRule.INTEGER, "bitwise_and");
        fn(2, Kernels.BITWISE_OR, TypeRule.INTEGER, "bitwise_or");
        fn(2, Kernels.BITWISE_XOR, TypeRule.INTEGER, "bitwise_xor");
        fn(2, Kernels.LEFT_SHIFT, TypeRule.INTEGER_STRICT, "left_shift");
        fn(2, Kernels.RIGHT_SHIFT, TypeRule.INTEGER_STRICT, "right_shift");
        fn(2, Kernels.GCD, TypeRule.INTEGER_STRICT, "gcd");
        fn(2, Kernels.LCM, TypeRule.INTEGER_STRICT, "lcm");
        fn(2, Kernels.EQ, TypeRule.BOOL, "equal");
        fn(2, Kernels.NE, TypeRule.BOOL, "not_equal");
        fn(2, Kernels.LT, TypeRule.BOOL, "less");
        fn(2, Kernels.LE, TypeRule.BOOL, "less_equal");
        fn(2, Kernels.GT, TypeRule.BOOL, "greater");
        fn(2, Kernels.GE, TypeRule.BOOL, "greater_equal");
        fn(2, Kernels.LOGICAL_AND, TypeRule.BOOL, "logical_and");
        fn(2, Kernels.LOGICAL_OR, TypeRule.BOOL, "logical_or");
        fn(2, Kernels.LOGICAL_XOR, TypeRule.BOOL, "logical_xor");
        fn(1, Kernels.LOGICAL_NOT, TypeRule.BOOL, "logical_not");
        fn(1, Kernels.INVERT, TypeRule.INTEGER, "invert", "bitwise_not");   // ~: logical_not for bool (ofOperand)
        fn(1, Kernels.NEG, TypeRule.SAME_NOBOOL, "negative", "neg");
        fn(1, Kernels.POS, TypeRule.SAME, "positive", "pos");
        fn(1, Kernels.EXP, TypeRule.FLOAT, "exp");
        fn(1, Kernels.EXPM1, TypeRule.FLOAT, "expm1");
        fn(1, Kernels.EXP2, TypeRule.FLOAT, "exp2");
        fn(1, Kernels.LOG, TypeRule.FLOAT, "log");
        fn(1, Kernels.LOG2, TypeRule.FLOAT, "log2");
        fn(1, Kernels.LOG10, TypeRule.FLOAT, "log10");
        fn(1, Kernels.LOG1P, TypeRule.FLOAT, "log1p");
        fn(1, Kernels.SQRT, TypeRule.FLOAT, "sqrt");
        fn(1, Kernels.SQUARE, TypeRule.SAME_NOBOOL, "square");
        fn(1, Kernels.SIN, TypeRule.FLOAT, "sin");
        fn(1, Kernels.COS, TypeRule.FLOAT, "cos");
        fn(1, Kernels.TAN, TypeRule.FLOAT, "tan");
        fn(1, Kernels.ARCSIN, TypeRule.FLOAT, "arcsin", "asin");
        fn(1, Kernels.ARCCOS, TypeRule.FLOAT, "arccos", "acos");
        fn(1, Kernels.ARCTAN, TypeRule.FLOAT, "arctan", "atan");
        fn(1, Kernels.SINH, TypeRule.FLOAT, "sinh");
        fn(1, Kernels.COSH, TypeRule.FLOAT, "cosh");
        fn(1, Kernels.TANH, TypeRule.FLOAT, "tanh");
        fn(1, Kernels.ARCSINH, TypeRule.FLOAT, "arcsinh", "asinh");
        fn(1, Kernels.ARCCOSH, TypeRule.FLOAT, "arccosh", "acosh");
        fn(1, Kernels.ARCTANH, TypeRule.FLOAT, "arctanh", "atanh");
        fn(1, Kernels.DEG2RAD, TypeRule.FLOAT, "deg2rad", "radians");
        fn(1, Kernels.RAD2DEG, TypeRule.FLOAT, "rad2deg", "degrees");
        fn(1, Kernels.ABS, TypeRule.REAL, "abs", "absolute");
        fn(1, Kernels.ABS, TypeRule.FLOAT, "fabs");
        fn(1, Kernels.CEIL, TypeRule.FLOAT, "ceil");
        fn(1, Kernels.FLOOR, TypeRule.FLOAT, "floor");
        fn(1, Kernels.TRUNC, TypeRule.FLOAT, "trunc");
        fn(1, Kernels.SIGN, TypeRule.SAME_NOBOOL, "sign");
        fn(1, Kernels.RECIPROCAL, TypeRule.SAME_NOBOOL, "reciprocal");
        fn(1, Kernels.ISNAN, TypeRule.BOOL, "isnan");
        fn(1, Kernels.ISINF, TypeRule.BOOL, "isinf");
        fn(1, Kernels.ISFINITE, TypeRule.BOOL, "isfinite");
        fn(1, Kernels.SIGNBIT, TypeRule.BOOL, "signbit");
        fn(3, null, null, "where");
    }

    /** The function names an expression may call (numpy's names and a few aliases). <pre>{@code Expressions.functions()}</pre> */
    public static List<String> functions() { return List.copyOf(FUNCTIONS.keySet()); }

    /** Checks a call's name and argument count; {@code at}/{@code src} place the error in parsed text (-1/null: built). */
    static void checkCall(String name, int nargs, int at, String src) {
        Fn f = FUNCTIONS.get(name);
        String msg = null;
        if (f == null) msg = "unknown function '" + name + "'; known: " + String.join(", ", FUNCTIONS.keySet());
        else if (f.arity() != nargs) msg = name + " takes " + f.arity() + " argument" + (f.arity() == 1 ? "" : "s") + ", got " + nargs;
        if (msg == null) return;
        throw src == null ? new IllegalArgumentException(msg) : ExprParser.error(src, msg, at);
    }

    // ------------------------------------------------------------------------------------ facade

    private static final int CACHE = 256;
    private static final Map<String, Expr> PARSED = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Expr> e) { return size() > CACHE; }
    });

    /** The parsed text, from a small cache of recently used expressions (parsing once per text). */
    static Expr parsed(String text) {
        if (text == null) throw new IllegalArgumentException("expression text must not be null");
        Expr e = PARSED.get(text);
        if (e == null) {
            e = ExprParser.parse(text);
            PARSED.put(text, e);
        }
        return e;
    }

    /**
     * Evaluates {@code text} with its variables bound, in alphabetical order of their names, to {@code values}
     * (DNDarrays or Java scalars).
     * <pre>{@code DNDarray z = Expressions.eval("3*x + y", x, y); }</pre>
     *
     * @throws IllegalArgumentException for a syntax error, an unknown name, a wrong number of values, or operands the
     *         eager operations would refuse (dtypes, shapes)
     */
    public static DNDarray eval(String text, Object... values) {
        Expr e = parsed(text);
        return evaluate(e, bindPositional(e, text, values), null);
    }

    /** Evaluates {@code text} with its variables bound by name. <pre>{@code eval("a*b", Map.of("a", x, "b", 2.0))}</pre> */
    public static DNDarray eval(String text, Map<String, ?> vars) { return evaluate(parsed(text), vars, null); }

    /**
     * Evaluates {@code text} into {@code out} (numpy's {@code out=}; see {@link Expr#evalInto(DNDarray)}); variables bound
     * in alphabetical order. Returns out.
     * <pre>{@code Expressions.evalInto(z, "3*x + y", x, y); }</pre>
     */
    public static DNDarray evalInto(DNDarray out, String text, Object... values) {
        if (out == null) throw new IllegalArgumentException("evalInto: out must not be null");
        Expr e = parsed(text);
        return evaluate(e, bindPositional(e, text, values), out);
    }

    /** {@link #evalInto(DNDarray, String, Object...)} with variables bound by name. */
    public static DNDarray evalInto(DNDarray out, String text, Map<String, ?> vars) {
        if (out == null) throw new IllegalArgumentException("evalInto: out must not be null");
        return evaluate(parsed(text), vars, out);
    }

    private static Map<String, Object> bindPositional(Expr e, String text, Object[] values) {
        List<String> names = e.variables();
        if (names.size() != values.length) {
            throw new IllegalArgumentException("expression '" + text + "' has " + names.size() + " variable" + (names.size() == 1 ? "" : "s")
                    + " " + names + " (bound in alphabetical order), " + values.length + " value" + (values.length == 1 ? "" : "s") + " given");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) m.put(names.get(i), values[i]);
        return m;
    }

    // ------------------------------------------------------------------------------------ compilation

    /** Where a node's value lives: a weak Java scalar, or program node {@code node} with the eager result's metadata. */
    private record Value(Object scalar, int node, DType dtype, long[] shape, int split, Distribution dist) {
        boolean isScalar() { return scalar != null; }
        Object typeOperand() { return isScalar() ? scalar : dtype; }
        long size() {
            long s = 1;
            for (long v : shape) s *= v;
            return s;
        }
    }

    /** The compiler's state: the program, the distinct leaf arrays, the binding. */
    private static final class Compiler {
        final ExprProgram.Builder b = new ExprProgram.Builder();
        final List<DNDarray> leaves = new ArrayList<>();
        final Map<DNDarray, Integer> leafNode = new IdentityHashMap<>();
        final Map<String, ?> vars;
        /**
         * A complex operand or result somewhere: the block program has no complex nodes, so after the checks the tree
         * runs through the eager operations (see {@link #evaluateEagerly}); nodes are no longer built.
         */
        boolean eager;

        Compiler(Map<String, ?> vars) {
            this.vars = vars;
        }

        IllegalArgumentException error(Expr at, String msg) {
            if (at.src != null && at.pos >= 0) return ExprParser.error(at.src, msg, at.pos);
            return new IllegalArgumentException(msg + " in expression " + at);
        }

        Value array(DNDarray d) {
            eager |= d.dtype().isComplex();
            Integer n = leafNode.get(d);
            if (n == null) {
                n = b.input(leaves.size(), d.dtype());
                leaves.add(d);
                leafNode.put(d, n);
            }
            int sp = d.splitAxis();
            return new Value(null, n, d.dtype(), d.gshape(), sp, sp < 0 ? null : d.distribution());
        }

        Value scalar(Expr at, Object v) {
            if (v instanceof Boolean || v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long
                    || v instanceof Float || v instanceof Double || v instanceof Complex) {
                return new Value(v, -1, DType.ofScalar(v), new long[0], -1, null);
            }
            throw error(at, "value of '" + at.name + "' must be a DNDarray or a Java scalar (Boolean, Integer, Long, Float, Double, Complex), got "
                    + (v == null ? "null" : v.getClass().getName()));
        }

        Value compile(Expr e) {
            return switch (e.kind) {
                case ARRAY -> array((DNDarray) e.value);
                case CONST -> scalar(e, e.value);
                case VAR -> {
                    if (!vars.containsKey(e.name)) {
                        throw error(e, "unknown name '" + e.name + "'; variables given: " + new TreeMap<>(vars).keySet());
                    }
                    Object v = vars.get(e.name);
                    yield v instanceof DNDarray d ? array(d) : scalar(e, v);
                }
                case CALL -> call(e);
            };
        }

        Value call(Expr e) {
            Value[] a = new Value[e.args.length];
            for (int i = 0; i < a.length; i++) a[i] = compile(e.args[i]);
            Fn f = FUNCTIONS.get(e.name).ofOperand(a[0].dtype());
            boolean allScalar = true;
            for (Value v : a) allScalar &= v.isScalar();
            try {
                if (allScalar) return fold(f, a);
                long[] g = a[0].shape();
                for (int i = 1; i < a.length; i++) g = Shapes.broadcast(g, a[i].shape());
                int[] s = new int[a.length];
                long[] size = new long[a.length];
                for (int i = 0; i < a.length; i++) {
                    s[i] = Operations.splitInResult(g, a[i].shape(), a[i].split());
                    size[i] = a[i].size();
                }
                int ref = Operations.leader(s, size);
                int split = ref < 0 ? -1 : s[ref];
                Distribution dist = ref < 0 ? null : a[ref].dist();
                if (f.kernel() == null) {   // where: the result dtype is that of a and b; cond any real dtype
                    DType t = Searching.whereType(a[1].typeOperand(), a[2].typeOperand());
                    a[0].dtype().requireReal("where");
                    eager |= t.isComplex() || a[0].dtype().isComplex();
                    if (eager) return new Value(null, -1, t, g, split, dist);
                    int n = b.where(t, node(a[0]), node(a[1]), node(a[2]));
                    return new Value(null, n, t, g, split, dist);
                }
                if (f.name().equals("fabs") && a[0].dtype().isComplex()) throw Operations.complexUnsupported("fabs", a[0].dtype());
                if (complexOrder(f, a[0].typeOperand(), a[a.length - 1].typeOperand())) {
                    // numpy's lexicographic maximum/minimum of complex values: the eager composition, no block node
                    eager = true;
                    return new Value(null, -1, DType.resultType(a[0].typeOperand(), a[1].typeOperand()), g, split, dist);
                }
                Operations.Loop loop = a.length == 2
                        ? Operations.binaryLoop(f.kernel(), f.rule(), a[0].typeOperand(), a[1].typeOperand())
                        : Operations.unaryLoop(f.kernel(), f.rule(), a[0].dtype());
                eager |= loop.fn() != f.kernel() || loop.out().isComplex();   // the complex partner: no block program for it
                for (Value v : a) eager |= v.dtype().isComplex();
                int n = eager ? -1 : b.op(f.kernel(), loop.longPath(), loop.out(), node(a[0], loop.in()), a.length == 2 ? node(a[1], loop.in()) : -1);
                if (a.length == 1) return new Value(null, n, loop.out(), a[0].shape(), a[0].split(), a[0].dist());
                return new Value(null, n, loop.out(), g, split, dist);
            } catch (IllegalArgumentException | UnsupportedOperationException ex) {
                String m = String.valueOf(ex.getMessage());
                throw error(e, m.startsWith(e.name) ? m : e.name + ": " + m);
            }
        }

        int node(Value v) { return v.isScalar() ? b.constant(v.scalar()) : v.node(); }

        /** {@link #node(Value)} for an operand of an operation promoted to {@code in}: a scalar as the eager operation converts it. */
        int node(Value v, DType in) { return v.isScalar() ? b.constant(Operations.weakAs(v.scalar(), in)) : v.node(); }

        /** A literal-only call, evaluated by the eager operation on 0-d arrays, back to a weak Java scalar. */
        Value fold(Fn f, Value[] a) {
            Communication comm = DNDarray.world();
            DNDarray r;
            Double p = f.kernel() == Kernels.POW ? negativeIntPower(a[0].scalar(), a[1].scalar()) : null;
            if (p != null) return new Value(p, -1, DType.FLOAT64, new long[0], -1, null);
            if (f.kernel() == null) {
                r = Searching.where(Operations.operand(a[0].scalar(), comm), a[1].scalar(), a[2].scalar());
            } else if (a.length == 2) {
                r = Operations.binary(f.kernel(), f.rule(), a[0].scalar(), a[1].scalar());
            } else {
                r = Operations.unary(f.kernel(), f.rule(), Operations.operand(a[0].scalar(), comm));
            }
            Object v = weak(r);
            return new Value(v, -1, DType.ofScalar(v), new long[0], -1, null);
        }
    }

    /**
     * Evaluates {@code e} with {@code vars}; into {@code out} when it is not null. All checks run on global metadata
     * before anything is communicated.
     */
    static DNDarray evaluate(Expr e, Map<String, ?> vars, DNDarray out) {
        if (vars == null) throw new IllegalArgumentException("variables must not be null (use Map.of())");
        Compiler c = new Compiler(vars);
        Value root = c.compile(e);
        long[] g = root.shape();
        DType t = root.dtype();
        Backend be = null;
        for (DNDarray d : c.leaves) {
            Backend x = d.larray().backend();
            if (be != null && x != be) throw Backend.mismatch(be.device(), x.device());
            be = x;
        }
        if (out != null) {
            Backend x = out.larray().backend();
            if (be != null && x != be) throw Backend.mismatch(be.device(), x.device());
            be = x;
            long[] og = out.gshape();
            long[] bg;
            try {
                bg = Shapes.broadcast(g, og);
            } catch (IllegalArgumentException ex) {
                bg = null;
            }
            if (bg == null || !Arrays.equals(bg, og)) {
                throw new IllegalArgumentException("eval: result of shape " + Shapes.str(g) + " does not broadcast to out's shape " + Shapes.str(og));
            }
            if (!DType.canCast(t, out.dtype(), "same_kind")) {
                throw new IllegalArgumentException("eval: cannot cast the result from " + t + " to out's dtype " + out.dtype()
                        + " with casting rule 'same_kind'");
            }
            g = og;
        }
        if (be == null) be = Backend.forDevice(Device.defaultDevice());
        Communication comm = out != null ? out.comm() : c.leaves.isEmpty() ? DNDarray.world() : c.leaves.get(0).comm();
        if (c.eager) return evaluateEagerly(c, e, out, comm);
        ExprProgram prog = c.b.build(c.node(root));
        DNDarray[] leaves = c.leaves.toArray(new DNDarray[0]);
        if (CollectiveChecker.ON) CheckedCall.note("eval " + e, (Object[]) leaves);
        // the target distribution: out's, else the one the eager operations give the root
        int split = out != null ? out.splitAxis() : root.isScalar() ? -1 : root.split();
        Distribution dist = split < 0 ? null : out != null ? out.distribution() : root.dist();
        int[] s = new int[leaves.length];
        for (int i = 0; i < leaves.length; i++) {
            s[i] = Operations.splitInResult(g, leaves[i].gshape(), leaves[i].splitAxis());
            if (leaves[i].splitAxis() >= 0 && s[i] < 0) leaves[i] = leaves[i].resplit(null);
        }
        Operations.Aligned al;
        if (leaves.length > 0) {
            al = Operations.alignTo(g, split, dist, leaves, s);
        } else {
            long[] ls = g.clone();
            if (split >= 0) ls[split] = dist.count(comm.rank());
            al = new Operations.Aligned(new Tensor[0], ls, split, split < 0 ? null : dist.lshapeMap(g, split));
        }
        long[] ls = al.localShape();
        Tensor[] in = new Tensor[leaves.length];
        for (int i = 0; i < in.length; i++) {
            Tensor l = al.locals()[i];
            in[i] = Arrays.equals(l.shape(), ls) ? l : l.broadcastTo(ls);
        }
        Tensor res = out != null ? out.larray() : be.empty(t, ls);
        be.evaluate(prog, res, in);
        if (out != null) return out;
        return new DNDarray(res, g, al.split() < 0 ? null : al.split(), comm, al.map());
    }

    /**
     * A tree with complex values, after every check passed: node by node through the eager operations (the same
     * kernels, promotion and distribution, so the same result as the fused path would give), one temporary per node.
     */
    private static DNDarray evaluateEagerly(Compiler c, Expr e, DNDarray out, Communication comm) {
        Object r = eager(c, e);
        if (out != null) return out.set(r);
        // a bare variable must not hand back the caller's own array, nor a scalar the operations' shared 0-d one
        if (!(r instanceof DNDarray d)) return Operations.operand(r, comm).copy();
        return c.leafNode.containsKey(d) ? d.copy() : d;
    }

    /**
     * Python's value of the literal power {@code a**b} for integers a and b &lt; 0 (a float: {@code 2**-1} is 0.5, which
     * Python computes before numpy sees it); null when the power is not of that kind.
     */
    private static Double negativeIntPower(Object a, Object b) {
        if (!Operations.javaInteger(a) || !Operations.javaInteger(b) || ((Number) b).longValue() >= 0) return null;
        return Math.pow(((Number) a).doubleValue(), ((Number) b).doubleValue());
    }

    /** maximum / minimum with a complex operand (an array, a dtype or a scalar): numpy's order of complex values. */
    private static boolean complexOrder(Fn f, Object a, Object b) {
        if (f.kernel() != Kernels.MAXIMUM && f.kernel() != Kernels.MINIMUM) return false;
        return Statistics.complexOperand(a) || Statistics.complexOperand(b);
    }

    /** A literal-only result (0-d) back to a weak Java scalar, as Python evaluates {@code 2*3} before numpy sees it. */
    private static Object weak(DNDarray r) {
        return r.dtype() == DType.BOOL ? (Object) (r.itemLong() != 0) : r.dtype().isComplex() ? r.item()
                : r.dtype().isFloat() ? (Object) r.itemDouble() : (Object) r.itemLong();
    }

    private static Object eager(Compiler c, Expr e) {
        return switch (e.kind) {
            case ARRAY -> e.value;
            case CONST -> e.value;
            case VAR -> c.vars.get(e.name);
            case CALL -> {
                Object[] a = new Object[e.args.length];
                for (int i = 0; i < a.length; i++) a[i] = eager(c, e.args[i]);
                Fn f = FUNCTIONS.get(e.name).ofOperand(a[0] instanceof DNDarray d ? d.dtype() : DType.ofScalar(a[0]));
                Communication comm = DNDarray.world();
                boolean literal = true;
                for (Object v : a) {
                    if (v instanceof DNDarray d) {
                        comm = d.comm();
                        literal = false;
                    }
                }
                Double p = literal && f.kernel() == Kernels.POW ? negativeIntPower(a[0], a[1]) : null;
                if (p != null) yield p;
                DNDarray r = complexOrder(f, a[0], a[a.length - 1])
                        ? (f.kernel() == Kernels.MAXIMUM ? Statistics.maximum(a[0], a[1]) : Statistics.minimum(a[0], a[1]))
                        : f.kernel() == null ? Searching.where(Operations.operand(a[0], comm), a[1], a[2])
                        : a.length == 2 ? Operations.binary(f.kernel(), f.rule(), a[0], a[1])
                        : Operations.unary(f.kernel(), f.rule(), Operations.operand(a[0], comm));
                yield literal ? weak(r) : r;
            }
        };
    }
}
