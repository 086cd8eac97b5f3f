package org.jheat.tensor;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled element-wise expression: its nodes in evaluation order (every node after its operands), the last one
 * the result. Each operation node names the kernel of the eager operation (an {@link ElementFn} of {@link Kernels}),
 * its path (double or exact long) and its result dtype, all decided by the caller from the eager operations' type
 * rules; {@link Backend#evaluate} then computes the whole tree block by block, rounding every node to its dtype as
 * the eager operations do when they store an intermediate array, so the result is bit-identical to theirs.
 *
 * <pre>{@code
 * ExprProgram.Builder b = new ExprProgram.Builder();
 * int x = b.input(0, DType.FLOAT64), y = b.input(1, DType.FLOAT64);
 * int t = b.op(Kernels.MUL, false, DType.FLOAT64, b.constant(3L), x);
 * ExprProgram p = b.build(b.op(Kernels.ADD, false, DType.FLOAT64, t, y));   // 3*x + y
 * backend.evaluate(p, out, xLocal, yLocal);
 * }</pre>
 */
public final class ExprProgram {
    /** What a node is. */
    public enum Kind {
        /** Operand {@code input} of the evaluation (a tensor of the output's shape, possibly a broadcast view). */
        INPUT,
        /** A Java scalar: its own dtype ({@link DType#ofScalar}), its value in {@code dvalue} or {@code lvalue}. */
        CONST,
        /** {@code fn(a)} or {@code fn(a, b)}. */
        OP,
        /** numpy's where: {@code a} where {@code cond} (cast to bool) is true, else {@code b}; a and b cast to dtype. */
        WHERE
    }

    /**
     * One node. {@code a}, {@code b}, {@code cond} are indices of earlier nodes (-1 when absent); {@code longPath}
     * selects the kernel's exact integer loop; {@code dtype} is the dtype the eager operation's result array has.
     *
     * @param kind what the node is
     * @param dtype its result dtype
     * @param longPath true for the exact integer path
     * @param fn the kernel of an OP node
     * @param a first operand
     * @param b second operand (-1 for unary)
     * @param cond condition of a WHERE node
     * @param input the input index of an INPUT node
     * @param dvalue a float constant's value
     * @param lvalue an integer or bool constant's value
     */
    public record Node(Kind kind, DType dtype, boolean longPath, ElementFn fn, int a, int b, int cond, int input,
                       double dvalue, long lvalue) { }

    private final Node[] nodes;
    private final int inputs;

    private ExprProgram(Node[] nodes, int inputs) {
        this.nodes = nodes;
        this.inputs = inputs;
    }

    /** The nodes in evaluation order; the last is the result. */
    public List<Node> nodes() { return List.of(nodes); }

    /** Node {@code i}. */
    public Node node(int i) { return nodes[i]; }

    /** Number of nodes. */
    public int size() { return nodes.length; }

    /** Number of input tensors the program reads. */
    public int inputs() { return inputs; }

    /** The result node. */
    public Node root() { return nodes[nodes.length - 1]; }

    /**
     * Collects nodes in evaluation order.
     * <pre>{@code var b = new ExprProgram.Builder(); ExprProgram p = b.build(b.input(0, DType.FLOAT64)); }</pre>
     */
    public static final class Builder {
        private final List<Node> nodes = new ArrayList<>();
        private int inputs;

        /** Creates an empty builder. */
        public Builder() { }

        private int add(Node n) {
            nodes.add(n);
            return nodes.size() - 1;
        }

        private void check(int i) {
            if (i < 0 || i >= nodes.size()) throw new IllegalArgumentException("operand node " + i + " does not exist yet");
        }

        /** Input tensor {@code index} of dtype {@code t}; returns its node index. */
        public int input(int index, DType t) {
            if (index < 0) throw new IllegalArgumentException("input index must be >= 0, got " + index);
            inputs = Math.max(inputs, index + 1);
            return add(new Node(Kind.INPUT, t, false, null, -1, -1, -1, index, 0, 0));
        }

        /** A Java scalar (Boolean, integral or floating Number) in its own dtype; returns its node index. */
        public int constant(Object scalar) {
            DType t = DType.ofScalar(scalar);
            double d = 0;
            long l = 0;
            if (scalar instanceof Boolean v) l = v ? 1 : 0;
            else if (t == DType.INT64) l = ((Number) scalar).longValue();
            else d = ((Number) scalar).doubleValue();
            return add(new Node(Kind.CONST, t, false, null, -1, -1, -1, -1, d, l));
        }

        /** {@code fn(a)} (b = -1) or {@code fn(a, b)} with result dtype {@code t}; returns its node index. */
        public int op(ElementFn fn, boolean longPath, DType t, int a, int b) {
            check(a);
            if (b >= 0) check(b);
            if (longPath ? !fn.hasLongPath() : !fn.hasDoublePath()) {
                throw new IllegalArgumentException(fn.name() + " has no " + (longPath ? "integer" : "floating") + " kernel");
            }
            return add(new Node(Kind.OP, t, longPath, fn, a, b, -1, -1, 0, 0));
        }

        /** {@code where(cond, a, b)} with result dtype {@code t} (a and b are cast to it); returns its node index. */
        public int where(DType t, int cond, int a, int b) {
            check(cond);
            check(a);
            check(b);
            return add(new Node(Kind.WHERE, t, t.isIntegral(), null, a, b, cond, -1, 0, 0));
        }

        /** The program whose result is node {@code root} (nodes after it are dropped). */
        public ExprProgram build(int root) {
            check(root);
            return new ExprProgram(nodes.subList(0, root + 1).toArray(new Node[0]), inputs);
        }
    }
}
