package org.jheat.linalg;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.jheat.core.DNDarray;
import org.jheat.core.Manipulations;
import org.jheat.tensor.DType;
import org.jheat.tensor.Shapes;

/**
 * numpy's {@code einsum} on distributed arrays. The subscripts grammar is numpy's: letters a-z, A-Z label axes,
 * operands are separated by commas, {@code ->} introduces the output (explicit mode; without it the output is the
 * ellipsis axes followed by the labels that appear exactly once, in ASCII order — upper case first), {@code ...}
 * stands for the broadcast axes not named by letters (aligned from the right across operands), spaces are ignored,
 * a label repeated within one operand takes a diagonal, a label missing from the output is summed.
 *
 * <p>Evaluation: repeated labels become diagonals (each process keeps its own diagonal elements), labels of one
 * operand only that the rest does not need are summed locally (an allreduce when the split axis is summed), then
 * the operands are contracted left to right, each pair as one distributed batched matmul
 * ({@link Contractions#contract}), so {@code einsum("ij,jk->ik", a, b)} runs exactly matmul's algorithm. The result
 * dtype is numpy's result type of the operands (integers wrap, bool sums are "any"). The result is split where the
 * last contraction leaves it (see {@link Matmul}); a pure permutation or diagonal keeps the operand's split axis.
 *
 * <pre>{@code
 * DNDarray c = Einsum.einsum("bij,bjk->bik", x, y);
 * DNDarray t = Einsum.einsum("ii", m);          // trace
 * DNDarray o = Einsum.einsum("i,j->ij", u, v);  // outer product
 * }</pre>
 */
final class Einsum {
    private Einsum() { }

    /** Labels of ellipsis axes start here (letters are their char codes). */
    private static final int ELL = 1000;

    /** The parsed subscripts: one label array per operand (after ellipsis expansion) and the output labels. */
    record Spec(int[][] inputs, int[] output, Map<Integer, Long> extents) { }

    static DNDarray einsum(String subscripts, DNDarray... operands) {
        if (operands == null || operands.length == 0) throw new IllegalArgumentException("einsum: at least one operand is required");
        for (int i = 0; i < operands.length; i++) {
            if (operands[i] == null) throw new IllegalArgumentException("einsum: operand " + i + " is null");
            if (operands[i].comm() != operands[0].comm()) throw new IllegalArgumentException("einsum: operands live on different communicators");
        }
        Spec spec = parse(subscripts, operands);
        DType t = operands[0].dtype();
        for (DNDarray o : operands) t = DType.promoteTypes(t, o.dtype());
        List<Contractions.Labeled> ops = new ArrayList<>();
        for (int i = 0; i < operands.length; i++) {
            DNDarray x = operands[i].dtype() == t ? operands[i] : operands[i].astype(t);
            ops.add(diagonals(new Contractions.Labeled(x, spec.inputs()[i])));
        }
        Set<Integer> out = new HashSet<>();
        for (int l : spec.output()) out.add(l);
        Contractions.Labeled cur = ops.get(0);
        for (int i = 1; i <= ops.size(); i++) {
            Set<Integer> keep = new HashSet<>(out);
            // labels the operands after ops[i] still need (ops[i]'s own labels are contracted unless needed later)
            for (int j = i + 1; j < ops.size(); j++) for (int l : ops.get(j).labels()) keep.add(l);
            if (i == ops.size()) {
                cur = Contractions.sumOut(cur, null, keep);
            } else {
                cur = Contractions.contract(cur, ops.get(i), keep);
            }
        }
        return Contractions.arrange(cur, spec.output());
    }

    /** Repeated labels of one operand replaced by their diagonal (appended as the last axis). */
    private static Contractions.Labeled diagonals(Contractions.Labeled x) {
        while (true) {
            int[] l = x.labels();
            int a = -1, b = -1;
            for (int i = 0; i < l.length && a < 0; i++) {
                for (int j = i + 1; j < l.length; j++) {
                    if (l[i] == l[j]) {
                        a = i;
                        b = j;
                        break;
                    }
                }
            }
            if (a < 0) return x;
            DNDarray d = Manipulations.diagonal(x.x(), 0, a, b);
            int[] nl = new int[l.length - 1];
            for (int i = 0, k = 0; i < l.length; i++) if (i != a && i != b) nl[k++] = l[i];
            nl[l.length - 2] = l[a];
            x = new Contractions.Labeled(d, nl);
        }
    }

    // ------------------------------------------------------------------------------------------------ parsing

    private static IllegalArgumentException error(String s, int pos, String what) {
        return new IllegalArgumentException("einsum: " + what + " at position " + pos + " of \"" + s + "\"");
    }

    /** One term: its labels (letters) and where its ellipsis stands among them (-1: none). */
    private record Term(List<Integer> labels, List<Integer> positions, int ellipsisAt, int start) { }

    /**
     * Parses and checks {@code s} against the operands' global shapes (the same outcome on every process, before
     * any communication).
     */
    static Spec parse(String s, DNDarray... operands) {
        if (s == null) throw new IllegalArgumentException("einsum: subscripts must not be null");
        List<Term> inputs = new ArrayList<>();
        Term output = null;
        int arrow = -1;
        int i = 0;
        List<Integer> labels = new ArrayList<>(), positions = new ArrayList<>();
        int ell = -1, start = 0;
        while (i <= s.length()) {
            char c = i < s.length() ? s.charAt(i) : '\0';
            if (i == s.length() || c == ',' || c == '-') {
                if (c == '-') {
                    if (i + 1 >= s.length() || s.charAt(i + 1) != '>') throw error(s, i, "'-' not followed by '>'");
                    if (arrow >= 0) throw error(s, i, "a second '->'");
                }
                if (c == ',' && arrow >= 0) throw error(s, i, "',' in the output subscripts");
                Term t = new Term(labels, positions, ell, start);
                if (arrow >= 0) output = t; else inputs.add(t);
                labels = new ArrayList<>();
                positions = new ArrayList<>();
                ell = -1;
                if (c == '-') {
                    arrow = i;
                    i += 2;
                } else {
                    i++;
                }
                start = i;
                continue;
            }
            if (c == ' ') {
                i++;
            } else if (c == '.') {
                if (!s.startsWith("...", i)) throw error(s, i, "a '.' that is not part of an ellipsis '...'");
                if (ell >= 0) throw error(s, i, "a second ellipsis in one term");
                ell = labels.size();
                i += 3;
            } else if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
                labels.add((int) c);
                positions.add(i);
                i++;
            } else {
                throw error(s, i, "invalid subscript '" + c + "' (subscripts must be letters a-z, A-Z)");
            }
        }
        if (inputs.size() != operands.length) {
            throw new IllegalArgumentException("einsum: \"" + s + "\" names " + inputs.size() + " operand" + (inputs.size() == 1 ? "" : "s")
                    + " but " + operands.length + " were given");
        }
        // ellipsis widths, aligned from the right
        int maxEll = 0;
        int[] width = new int[operands.length];
        for (int k = 0; k < operands.length; k++) {
            Term t = inputs.get(k);
            int nd = operands[k].ndim(), named = t.labels().size();
            if (t.ellipsisAt() < 0 && named != nd || t.ellipsisAt() >= 0 && named > nd) {
                throw new IllegalArgumentException("einsum: operand " + k + " has " + nd + " dimension" + (nd == 1 ? "" : "s")
                        + " (shape " + Shapes.str(operands[k].gshape()) + ") but its subscripts \"" + s.substring(t.start(), end(s, t))
                        + "\" at position " + t.start() + " name " + named + (t.ellipsisAt() >= 0 ? " besides the ellipsis" : ""));
            }
            width[k] = t.ellipsisAt() < 0 ? 0 : nd - named;
            maxEll = Math.max(maxEll, width[k]);
        }
        Map<Integer, Long> extent = new LinkedHashMap<>();
        Map<Integer, String> where = new LinkedHashMap<>();
        int[][] in = new int[operands.length][];
        Map<Integer, Integer> count = new LinkedHashMap<>();
        for (int k = 0; k < operands.length; k++) {
            Term t = inputs.get(k);
            long[] g = operands[k].gshape();
            int[] lab = new int[g.length];
            int ax = 0;
            for (int j = 0; j <= t.labels().size(); j++) {
                if (j == t.ellipsisAt()) {
                    for (int e = 0; e < width[k]; e++) lab[ax++] = ELL + maxEll - width[k] + e;
                }
                if (j < t.labels().size()) lab[ax++] = t.labels().get(j);
            }
            Map<Integer, Long> own = new LinkedHashMap<>();
            for (int d = 0; d < g.length; d++) {
                int l = lab[d];
                String name = l >= ELL ? "ellipsis axis " + (l - ELL) : "label '" + (char) l + "'";
                Long o = own.get(l);
                if (o != null && o != g[d]) {
                    throw new IllegalArgumentException("einsum: " + name + " is repeated in operand " + k + " with different extents ("
                            + o + " and " + g[d] + ", shape " + Shapes.str(g) + "); a diagonal needs equal extents");
                }
                own.put(l, g[d]);
                Long e = extent.get(l);
                if (e != null && e != g[d] && e != 1 && g[d] != 1) {
                    throw new IllegalArgumentException("einsum: " + name + " has extent " + e + " in " + where.get(l) + " but " + g[d]
                            + " in operand " + k + " (axis " + d + ", shape " + Shapes.str(g) + ")");
                }
                if (e == null || e == 1) {
                    extent.put(l, g[d]);
                    where.put(l, "operand " + k + " (axis " + d + ", shape " + Shapes.str(g) + ")");
                }
            }
            for (int l : own.keySet()) count.merge(l, 1, Integer::sum);
            for (int d = 0; d < g.length; d++) if (lab[d] < ELL) count.merge(lab[d], 0, Integer::sum);
            in[k] = lab;
        }
        // repeated labels within one operand count as appearing more than once (numpy sums them in implicit mode)
        for (int k = 0; k < operands.length; k++) {
            Set<Integer> seen = new HashSet<>();
            for (int l : in[k]) if (!seen.add(l)) count.merge(l, 1, Integer::sum);
        }
        List<Integer> out = new ArrayList<>();
        if (output == null) {
            for (int e = 0; e < maxEll; e++) out.add(ELL + e);
            TreeSet<Integer> once = new TreeSet<>();
            for (Map.Entry<Integer, Integer> e : count.entrySet()) if (e.getKey() < ELL && e.getValue() == 1) once.add(e.getKey());
            out.addAll(once);
        } else {
            Set<Integer> seen = new HashSet<>();
            for (int j = 0; j <= output.labels().size(); j++) {
                if (j == output.ellipsisAt()) for (int e = 0; e < maxEll; e++) out.add(ELL + e);
                if (j == output.labels().size()) break;
                int l = output.labels().get(j);
                int pos = output.positions().get(j);
                if (!seen.add(l)) throw error(s, pos, "output subscript '" + (char) l + "' repeated");
                if (!extent.containsKey(l)) throw error(s, pos, "output subscript '" + (char) l + "' that appears in no input");
                out.add(l);
            }
            if (output.ellipsisAt() < 0 && maxEll > 0) {
                throw new IllegalArgumentException("einsum: the inputs of \"" + s + "\" have ellipsis axes but the output has no '...' for them");
            }
        }
        return new Spec(in, out.stream().mapToInt(Integer::intValue).toArray(), extent);
    }

    private static int end(String s, Term t) {
        int e = t.start();
        while (e < s.length() && s.charAt(e) != ',' && s.charAt(e) != '-') e++;
        return e;
    }

    /** For messages: the labels as text. */
    static String text(int[] labels) {
        StringBuilder b = new StringBuilder();
        for (int l : labels) b.append(l >= ELL ? "." : String.valueOf((char) l));
        return b.toString();
    }

    static String debug(Spec s) {
        StringBuilder b = new StringBuilder();
        for (int[] in : s.inputs()) b.append(text(in)).append(',');
        return b.append("->").append(text(s.output())).toString() + " " + Arrays.toString(s.output());
    }
}
