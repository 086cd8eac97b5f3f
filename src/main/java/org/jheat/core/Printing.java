package org.jheat.core;

import java.io.PrintStream;

import org.jheat.comm.Communication;
import org.jheat.tensor.PrintOptions;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TensorPrinter;

/**
 * numpy-style printing of distributed arrays. Only the printed corner of a large array travels (the first and
 * last {@code edgeItems} along each summarised axis), never the whole array. In the default global mode the
 * text shows the global array; in local mode ({@link #localPrinting()}) each process shows its own slab.
 *
 * <pre>{@code
 * Printing.print0(x);                 // collective; rank 0 writes to stdout
 * String s = x.toString();            // collective; every rank gets the text
 * }</pre>
 */
public final class Printing {
    private static volatile boolean local = false;

    private Printing() { }

    /** Switches to printing each process's local data (Heat's {@code local_printing}). */
    public static void localPrinting() { local = true; }

    /** Switches back to printing the global array (the default; Heat's {@code global_printing}). */
    public static void globalPrinting() { local = false; }

    /** True in local-printing mode. */
    public static boolean isLocalPrinting() { return local; }

    /**
     * Prints the values, separated by spaces, on rank 0 only; DNDarray arguments are formatted collectively, so
     * every process must call it (Heat's {@code print0}).
     * <pre>{@code Printing.print0("sum:", s); }</pre>
     */
    public static void print0(Object... values) {
        StringBuilder sb = new StringBuilder();
        int rank = DNDarray.world().rank();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(values[i]);
        }
        if (rank == 0) {
            PrintStream out = System.out;
            out.println(sb);
            out.flush();
        }
    }

    /** The text of {@code x} as {@link DNDarray#toString()} returns it (collective in global mode). */
    public static String format(DNDarray x) {
        PrintOptions o = PrintOptions.get();
        String suffix = ", dtype=" + x.dtype() + ", device=" + x.device() + ", split=" + x.split() + ")";
        if (local) {
            Tensor t = x.larray();
            boolean[] cut = TensorPrinter.summarizedAxes(t.shape(), o);
            return TensorPrinter.format(TensorPrinter.corner(t, cut, o.edgeItems()), cut, o, "DNDarray(", suffix);
        }
        long[] g = x.gshape();
        boolean[] cut = TensorPrinter.summarizedAxes(g, o);
        int a = x.splitAxis();
        if (a < 0 || x.comm().size() == 1) {
            return TensorPrinter.format(TensorPrinter.corner(x.larray(), cut, o.edgeItems()), cut, o, "DNDarray(", suffix);
        }
        return TensorPrinter.format(gatherCorner(x, cut, o.edgeItems()), cut, o, "DNDarray(", suffix);
    }

    /** Every process's part of the printed corner, gathered; only up to 2·edge rows per axis move. */
    private static Tensor gatherCorner(DNDarray x, boolean[] cut, int edge) {
        Communication comm = x.comm();
        int a = x.splitAxis(), p = comm.size();
        long n = x.gshape()[a];
        Distribution cd = x.distribution();
        long[] keptCounts = new long[p];
        long[][] ranges = null;
        for (int r = 0; r < p; r++) {
            long[][] rr = keptRanges(cd.displ(r), cd.count(r), n, cut[a], edge);
            for (long[] q : rr) keptCounts[r] += q[1];
            if (r == comm.rank()) ranges = rr;
        }
        Tensor lt = x.larray();
        long[] ps = lt.shape();
        ps[a] = keptCounts[comm.rank()];
        Tensor piece = lt.newEmpty(x.dtype(), ps);
        long at = 0;
        for (long[] q : ranges) {
            piece.narrow(a, at, q[1]).copyFrom(lt.narrow(a, q[0], q[1]));
            at += q[1];
        }
        boolean[] localCut = cut.clone();
        localCut[a] = false;
        Tensor cornered = TensorPrinter.corner(piece, localCut, edge);
        long[] cg = cornered.shape();
        cg[a] = Distribution.total(keptCounts);
        return new DNDarray(cornered, cg, a, comm, x.device(), Distribution.of(keptCounts).lshapeMap(cg, a)).gatherAll();
    }

    /** Local [start, length) ranges of a slab [off, off+cnt) that fall in the printed rows of an axis of length n. */
    private static long[][] keptRanges(long off, long cnt, long n, boolean cut, int edge) {
        if (!cut) return new long[][] {{0, cnt}};
        long[][] global = {{0, edge}, {n - edge, n}};
        long[][] out = new long[2][];
        int k = 0;
        for (long[] gq : global) {
            long lo = Math.max(off, gq[0]), hi = Math.min(off + cnt, gq[1]);
            if (hi > lo) out[k++] = new long[] {lo - off, hi - lo};
        }
        return java.util.Arrays.copyOf(out, k);
    }
}
