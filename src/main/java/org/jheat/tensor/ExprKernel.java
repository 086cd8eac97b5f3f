package org.jheat.tensor;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.jheat.tensor.ExprProgram.Kind;
import org.jheat.tensor.ExprProgram.Node;

/**
 * Evaluates an {@link ExprProgram} on the CPU in one pass over the output: the runs of {@link Elementwise}'s walker
 * (contiguous in every operand, split over the process's threads) are cut into blocks of {@link Elementwise#BLOCK}
 * elements, and every node of the tree is computed for the block before the next block starts, so intermediate
 * results live in per-thread arrays of one block (in L1) and no full-size temporary exists.
 *
 * <p>Each node calls the eager operation's own block loop and is then rounded to its dtype (stored into a scratch
 * block of that dtype and loaded back, exactly as the eager operations store their result array and the next
 * operation loads it), so results are bit-identical to the eager ops. A tree made only of float64 add, subtract,
 * multiply and divide over float64 operands that are contiguous or scalar takes the kernels' direct loops
 * ({@link ElementFn#directF64}) with the intermediate blocks in native scratch memory: inputs are read from their
 * memory and the result written to its memory once; a product added to or subtracted from a contiguous operand
 * ({@code a*x + y}, the triad, {@code x*y + z}) is one loop ({@link FusedF64}), which a triad needs to run at memory
 * bandwidth.
 *
 * <pre>{@code ExprKernel.evaluate(program, out, x.broadcastTo(out.shape()), y.broadcastTo(out.shape())); }</pre>
 */
final class ExprKernel {
    private static final int BLOCK = Elementwise.BLOCK;
    private static final ValueLayout.OfDouble D = ValueLayout.JAVA_DOUBLE;
    private static final int FAST_MIN = 256;
    private static final int FAST_BLOCK = BLOCK;

    private ExprKernel() { }

    /** Whether a kernel class has its own direct float64 loop, looked up once per class. */
    private static final ClassValue<Boolean> DIRECT = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> c) {
            try {
                return c.getMethod("directF64", MemorySegment.class, long.class, long.class, MemorySegment.class, long.class,
                        long.class, MemorySegment.class, long.class, long.class).getDeclaringClass() != ElementFn.class;
            } catch (NoSuchMethodException e) {
                throw new AssertionError(e);
            }
        }
    };

    /**
     * {@code out = p(in)}; every input has out's shape (broadcast views). {@code out} may be one of the inputs (the same
     * view, not a broadcast one): each block of inputs is read before the block of the output is written.
     */
    static void evaluate(ExprProgram p, Tensor out, Tensor... in) {
        if (in.length < p.inputs()) {
            throw new IllegalArgumentException("expression reads " + p.inputs() + " inputs, " + in.length + " given");
        }
        long[] shape = out.shape();
        for (int j = 0; j < in.length; j++) {
            if (!Arrays.equals(shape, in[j].shape())) {
                throw new IllegalArgumentException("expression input " + j + " has shape " + Shapes.str(in[j].shape())
                        + ", the output " + Shapes.str(shape) + "; broadcast it first");
            }
            int node = inputNode(p, j);
            if (node >= 0 && in[j].dtype() != p.node(node).dtype()) {
                throw new IllegalArgumentException("expression input " + j + " has dtype " + in[j].dtype() + ", the program expects "
                        + p.node(node).dtype());
            }
        }
        if (out.size() == 0) return;
        Plan plan = new Plan(p, in.length);
        Elementwise.forEachRun(out, in, (seg, types, st, dims) -> new Runner(plan, seg, types, st, dims));
    }

    private static int inputNode(ExprProgram p, int j) {
        for (int i = 0; i < p.size(); i++) if (p.node(i).kind() == Kind.INPUT && p.node(i).input() == j) return i;
        return -1;
    }

    private static boolean natural(Node n) {   // true: the node's value lives in a long[] block
        return switch (n.kind()) {
            case INPUT, CONST -> !n.dtype().isFloat();
            case OP, WHERE -> n.longPath();
        };
    }

    /** Which representations (double[] / long[]) of each node's value the program needs; fixed per program. */
    private static final class Plan {
        final Node[] nodes;
        final int n, inputs;
        final boolean[] needD, needL;

        Plan(ExprProgram p, int inputs) {
            this.n = p.size();
            this.inputs = inputs;
            this.nodes = p.nodes().toArray(new Node[0]);
            needD = new boolean[n];
            needL = new boolean[n];
            for (int i = 0; i < n; i++) {
                Node x = nodes[i];
                if (x.kind() == Kind.OP || x.kind() == Kind.WHERE) need(i, x.longPath());
                if (x.kind() == Kind.OP) {
                    need(x.a(), x.longPath());
                    if (x.b() >= 0) need(x.b(), x.longPath());
                } else if (x.kind() == Kind.WHERE) {
                    need(x.cond(), natural(nodes[x.cond()]));
                    for (int c : new int[] {x.a(), x.b()}) need(c, nodes[c].dtype() == x.dtype() ? x.longPath() : natural(nodes[c]));
                }
            }
            need(n - 1, natural(nodes[n - 1]));
        }

        private void need(int i, boolean asLong) {
            if (asLong) needL[i] = true; else needD[i] = true;
        }
    }

    /** One thread's blocks and loop. */
    private static final class Runner implements Elementwise.Run {
        private final Plan plan;
        private final Node[] nodes;
        private final MemorySegment[] seg;
        private final DType[] types;
        private final long[] stride;
        private final int last;
        private final boolean fast;
        /** For a root {@code add/subtract} of a product and a contiguous operand: the product's node, else -1. */
        private final int mulNode;
        private double[][] d;
        private long[][] l;
        private double[] wd1, wd2;
        private long[] wl0, wl1, wl2;
        private MemorySegment scratch;
        private int cap;
        // fast path: native blocks of the intermediate results and the constants
        private MemorySegment nat;
        private long[] natOff;
        private int natCap;

        Runner(Plan plan, MemorySegment[] seg, DType[] types, long[][] st, int dims) {
            this.plan = plan;
            this.nodes = plan.nodes;
            this.seg = seg;
            this.types = types;
            this.last = seg.length - 1;
            this.stride = new long[seg.length];
            for (int j = 0; j < seg.length; j++) stride[j] = st[j][dims - 1];
            this.fast = fastEligible();
            this.mulNode = fast ? mulAddNode() : -1;
        }

        /** The product node when the tree is {@code p*q ± r} or {@code r ± p*q} with r contiguous (see {@link FusedF64}). */
        private int mulAddNode() {
            Node root = nodes[nodes.length - 1];
            if (root.fn() != Kernels.ADD && root.fn() != Kernels.SUB) return -1;
            for (int c : new int[] {root.a(), root.b()}) {
                Node m = nodes[c], other = nodes[c == root.a() ? root.b() : root.a()];
                if (m.kind() == Kind.OP && m.fn() == Kernels.MUL && other.kind() == Kind.INPUT && stride[other.input()] == 8
                        && nodes[m.a()].kind() != Kind.OP && nodes[m.b()].kind() != Kind.OP) {
                    return c;
                }
            }
            return -1;
        }

        private boolean scalar(Node x) {
            return x.kind() == Kind.CONST || (x.kind() == Kind.INPUT && stride[x.input()] == 0);
        }

        private boolean fastEligible() {
            if (types[last] != DType.FLOAT64 || stride[last] != 8 || nodes[nodes.length - 1].kind() != Kind.OP) return false;
            for (Node x : nodes) {
                switch (x.kind()) {
                    case INPUT -> {
                        if (types[x.input()] != DType.FLOAT64 || (stride[x.input()] != 8 && stride[x.input()] != 0)) return false;
                    }
                    case CONST -> { }
                    case OP -> {
                        if (x.longPath() || x.dtype() != DType.FLOAT64 || x.b() < 0 || !DIRECT.get(x.fn().getClass())) return false;
                        if (scalar(nodes[x.a()]) && scalar(nodes[x.b()])) return false;
                    }
                    case WHERE -> { return false; }
                }
            }
            return true;
        }

        @Override
        public void run(long[] off, long len) {
            long c = 0;
            // a run too short to repay the native scratch block goes through the (equal) block path
            if (fast && (nat != null || len >= FAST_MIN)) c = runFast(off, len);
            if (c < len) runBlocks(off, c, len);
        }

        // ------------------------------------------------------------------------------ direct float64 loops

        /** Returns how far it got (len, unless a kernel declined its direct loop). */
        private long runFast(long[] off, long len) {
            if (nat == null || natCap < Math.min(FAST_BLOCK, len)) allocNative((int) Math.min(FAST_BLOCK, len));
            int root = nodes.length - 1;
            if (mulNode >= 0) {
                Node r = nodes[root], m = nodes[mulNode], p = nodes[m.a()], q = nodes[m.b()];
                Node other = nodes[r.a() == mulNode ? r.b() : r.a()];
                int j = other.input();
                boolean sub = r.fn() == Kernels.SUB, first = r.a() == mulNode, took = true;
                // in pieces of Elementwise.DIRECT_CHUNK: many calls, so the loop is compiled as a method (see there)
                for (long c = 0; c < len && took; c += Elementwise.DIRECT_CHUNK) {
                    long n = Math.min(Elementwise.DIRECT_CHUNK, len - c);
                    took = FusedF64.mulAdd(sub, first, segOf(p), offOf(p, m.a(), off, c), strideOf(p), segOf(q), offOf(q, m.b(), off, c),
                            strideOf(q), seg[j], off[j] + c * 8, seg[last], off[last] + c * 8, n);
                    if (!took && c > 0) throw new AssertionError("FusedF64 declined a later piece of a run it took");
                }
                if (took) return len;
            }
            for (long c = 0; c < len; c += natCap) {
                long m = Math.min(natCap, len - c);
                for (int i = 0; i <= root; i++) {
                    Node x = nodes[i];
                    if (x.kind() != Kind.OP) continue;
                    Node a = nodes[x.a()], b = nodes[x.b()];
                    MemorySegment sa = segOf(a), sb = segOf(b);
                    long oa = offOf(a, x.a(), off, c), ob = offOf(b, x.b(), off, c);
                    long ta = strideOf(a), tb = strideOf(b);
                    boolean done = i == root
                            ? x.fn().directF64(sa, oa, ta, sb, ob, tb, seg[last], off[last] + c * 8, m)
                            : x.fn().directF64(sa, oa, ta, sb, ob, tb, nat, natOff[i], m);
                    if (!done) return c;
                }
            }
            return len;
        }

        private MemorySegment segOf(Node x) { return x.kind() == Kind.INPUT ? seg[x.input()] : nat; }

        private long offOf(Node x, int i, long[] off, long c) {
            return x.kind() == Kind.INPUT ? off[x.input()] + c * stride[x.input()] : natOff[i];
        }

        private long strideOf(Node x) {
            return switch (x.kind()) {
                case INPUT -> stride[x.input()];
                case CONST -> 0;
                default -> 8;
            };
        }

        private void allocNative(int m) {
            natCap = m;
            natOff = new long[nodes.length];
            long bytes = 0;
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i].kind() == Kind.OP) { natOff[i] = bytes; bytes += 8L * m; }
                else if (nodes[i].kind() == Kind.CONST) { natOff[i] = bytes; bytes += 8; }
            }
            nat = Arena.ofAuto().allocate(Math.max(8, bytes), 8);
            double[] one = new double[1];
            for (int i = 0; i < nodes.length; i++) {
                if (nodes[i].kind() == Kind.CONST) {
                    constant(nodes[i], one, null, 1);
                    nat.set(D, natOff[i], one[0]);
                }
            }
        }

        // ------------------------------------------------------------------------------ generic blocks

        private void alloc(int m) {
            cap = m;
            int n = nodes.length;
            d = new double[n][];
            l = new long[n][];
            for (int i = 0; i < n; i++) {
                if (plan.needD[i]) d[i] = new double[m];
                if (plan.needL[i]) l[i] = new long[m];
                if (nodes[i].kind() == Kind.CONST) constant(nodes[i], d[i], l[i], m);
            }
            wd1 = new double[m];
            wd2 = new double[m];
            wl0 = new long[m];
            wl1 = new long[m];
            wl2 = new long[m];
            scratch = MemorySegment.ofArray(new long[m]);
        }

        /** A constant as the eager operations see a Java scalar: a 0-d array of its dtype, loaded into the block. */
        private void constant(Node x, double[] dv, long[] lv, int m) {
            MemorySegment one = MemorySegment.ofArray(new long[1]);
            if (x.dtype().isFloat()) BlockIO.store(new double[] {x.dvalue()}, one, 0, 8, x.dtype(), 1);
            else BlockIO.store(new long[] {x.lvalue()}, one, 0, 8, x.dtype(), 1);
            if (dv != null) BlockIO.load(one, 0, 0, x.dtype(), dv, m);
            if (lv != null) BlockIO.load(one, 0, 0, x.dtype(), lv, m);
        }

        private void runBlocks(long[] off, long from, long len) {
            if (len - from > cap && cap < BLOCK) alloc((int) Math.min(BLOCK, len - from));
            int n = nodes.length;
            for (long c = from; c < len; c += BLOCK) {
                int m = (int) Math.min(BLOCK, len - c);
                for (int i = 0; i < n; i++) {
                    Node x = nodes[i];
                    switch (x.kind()) {
                        case INPUT -> {
                            int j = x.input();
                            long o = off[j] + c * stride[j];
                            if (d[i] != null) BlockIO.load(seg[j], o, stride[j], types[j], d[i], m);
                            if (l[i] != null) BlockIO.load(seg[j], o, stride[j], types[j], l[i], m);
                        }
                        case CONST -> { }
                        case OP -> {
                            if (x.longPath()) x.fn().apply(l[x.a()], x.b() >= 0 ? l[x.b()] : null, l[i], m);
                            else x.fn().apply(d[x.a()], x.b() >= 0 ? d[x.b()] : null, d[i], m);
                            finish(x, i, m);
                        }
                        case WHERE -> {
                            where(x, i, m);
                            finish(x, i, m);
                        }
                    }
                }
                int r = n - 1;
                long o = off[last] + c * stride[last];
                if (natural(nodes[r])) BlockIO.store(l[r], seg[last], o, stride[last], types[last], m);
                else BlockIO.store(d[r], seg[last], o, stride[last], types[last], m);
            }
        }

        /** Rounds a computed node to its dtype (as storing the eager result array would) and fills its other block. */
        private void finish(Node x, int i, int m) {
            DType t = x.dtype();
            if (x.longPath()) {
                if (t != DType.INT64) cast(l[i], t, l[i], m);
                if (d[i] != null) cast(l[i], t, d[i], m);
            } else {
                if (t != DType.FLOAT64) cast(d[i], t, d[i], m);
                if (l[i] != null) cast(d[i], t, l[i], m);
            }
        }

        /** numpy's where on a block: cond cast to bool, a and b cast to the node's dtype, as the eager where does. */
        private void where(Node x, int i, int m) {
            Node cn = nodes[x.cond()];
            long[] cb;
            if (cn.dtype() == DType.BOOL) cb = natural(cn) ? l[x.cond()] : null;
            else cb = null;
            if (cb == null) {
                if (natural(cn)) cast(l[x.cond()], DType.BOOL, wl0, m); else cast(d[x.cond()], DType.BOOL, wl0, m);
                cb = wl0;
            }
            DType t = x.dtype();
            if (x.longPath()) {
                long[] av = operandL(x.a(), t, wl1, m), bv = operandL(x.b(), t, wl2, m), o = l[i];
                for (int k = 0; k < m; k++) o[k] = cb[k] != 0 ? av[k] : bv[k];
            } else {
                double[] av = operandD(x.a(), t, wd1, m), bv = operandD(x.b(), t, wd2, m), o = d[i];
                for (int k = 0; k < m; k++) o[k] = cb[k] != 0 ? av[k] : bv[k];
            }
        }

        private long[] operandL(int c, DType t, long[] buf, int m) {
            if (nodes[c].dtype() == t) return l[c];
            if (natural(nodes[c])) cast(l[c], t, buf, m); else cast(d[c], t, buf, m);
            return buf;
        }

        private double[] operandD(int c, DType t, double[] buf, int m) {
            if (nodes[c].dtype() == t) return d[c];
            if (natural(nodes[c])) cast(l[c], t, buf, m); else cast(d[c], t, buf, m);
            return buf;
        }

        // a value converted to dtype t and read back: an array of dtype t written, then loaded by the next operation
        private void cast(double[] src, DType t, double[] dst, int m) {
            BlockIO.store(src, scratch, 0, t.itemSize(), t, m);
            BlockIO.load(scratch, 0, t.itemSize(), t, dst, m);
        }

        private void cast(double[] src, DType t, long[] dst, int m) {
            BlockIO.store(src, scratch, 0, t.itemSize(), t, m);
            BlockIO.load(scratch, 0, t.itemSize(), t, dst, m);
        }

        private void cast(long[] src, DType t, long[] dst, int m) {
            BlockIO.store(src, scratch, 0, t.itemSize(), t, m);
            BlockIO.load(scratch, 0, t.itemSize(), t, dst, m);
        }

        private void cast(long[] src, DType t, double[] dst, int m) {
            BlockIO.store(src, scratch, 0, t.itemSize(), t, m);
            BlockIO.load(scratch, 0, t.itemSize(), t, dst, m);
        }
    }
}
