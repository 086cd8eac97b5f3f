package org.jheat.core;

import java.util.Arrays;

import org.jheat.comm.CollectiveChecker;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;

/**
 * Operand notes for the collective-call checker ({@code JHEAT_CHECK=1}): the generic drivers record the shapes,
 * dtypes and splits of their operands, so that the agreement before each of their collectives compares them too and
 * a mismatch names them. Call sites guard with {@link CollectiveChecker#ON}, a constant, so that nothing runs when
 * the checker is off.
 *
 * <pre>{@code if (CollectiveChecker.ON) CheckedCall.note("add", a, b); }</pre>
 */
public final class CheckedCall {
    private CheckedCall() { }

    /** Notes operation {@code op} on {@code operands} (DNDarrays, tensors, scalars, axis arrays …). */
    public static void note(String op, Object... operands) {
        if (!CollectiveChecker.ON) return;
        StringBuilder b = new StringBuilder(op).append('(');
        for (int i = 0; i < operands.length; i++) {
            if (i > 0) b.append(", ");
            b.append(describe(operands[i]));
        }
        CollectiveChecker.note(b.append(')').toString());
    }

    /** Short, process-independent text of one operand: a DNDarray's global metadata, never its local data. */
    static String describe(Object o) {
        if (o instanceof DNDarray x) return x.dtype() + Shapes.str(x.gshape()) + " split=" + x.split();
        if (o instanceof Tensor t) return "Tensor " + t.dtype() + Shapes.str(t.shape());
        if (o instanceof int[] a) return Arrays.toString(a);
        if (o instanceof long[] a) return Arrays.toString(a);
        if (o instanceof double[] a) return Arrays.toString(a);
        if (o instanceof Object[] a) return Arrays.toString(a);
        return String.valueOf(o);
    }
}
