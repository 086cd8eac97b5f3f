package org.jheat.core;

import java.io.PrintStream;

import org.jheat.comm.Communication;
import org.jheat.tensor.PrintOptions;
import org.jheat.tensor.Tensor;
import org.jheat.tensor.TensorPrinter;

/**
 * numpy-style printing of distributed arrays. Two kinds of text:
 * <ul>
 * <li>{@link #format} / {@link #print0} / {@link #print}: the values of the whole array, collective (every process
 *     must call them); only the printed corner of a large array travels (the first and last {@code edgeItems} along
 *     each summarised axis), never the whole array.</li>
 * <li>{@link #describe}, which {@link DNDarray#toString()} returns: never communicates, so that a debugger, a logger
 *     or string concatenation on one process cannot hang the job. On one process (or for a replicated array) it is
 *     the numpy text of the values; for a split array under MPI it shows the metadata and this process's slab,
 *     summarised, and says so.</li>
 * </ul>
 * In local-printing mode ({@link #localPrinting()}) the collective calls show each process's own slab.
 *
 * <pre>{@code
 * Printing.print0(x);                 // collective; rank 0 writes the whole array to stdout
 * String all = Printing.format(x);    // collective; every rank gets the text of the whole array
 * log.info("x = " + x);               // local: metadata and this process's slab
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
     * Prints the values, separated by spaces, on rank 0 only; DNDarray arguments are formatted with {@link #format}
     * (collective), so every process must call it (Heat's {@code print0}).
     * <pre>{@code Printing.print0("sum:", s); }</pre>
     */
    public static void print0(Object... values) {
        String text = join(values);
        if (DNDarray.world().rank() == 0) {
            PrintStream out = System.out;
            out.println(text);
            out.flush();
        }
    }

    /**
     * Collective print: in global mode the same as {@link #print0} (the whole array once, from rank 0); in
     * local-printing mode every process prints its own slab, prefixed with {@code [rank r]}.
     * <pre>{@code Heat.localPrinting(); Printing.print("x =", x); }</pre>
     */
    public static void print(Object... values) {
        if (!local) {
            print0(values);
            return;
        }
        String text = join(values);
        PrintStream out = System.out;
        synchronized (out) {
            out.println("[rank " + DNDarray.world().rank() + "] " + text.replace("\n", "\n[rank " + DNDarray.world().rank() + "] "));
        }
        out.flush();
    }

    private static String join(Object[] values) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            if (i > 0) sb.append(' ');
            sb.append(values[i] instanceof DNDarray x ? format(x) : String.valueOf(values[i]));
        }
        return sb.toString();
    }

    /**
     * The text {@link DNDarray#toString()} returns; never communicates. The numpy text of the values when the array
     * is replicated or the job has one process; else, e.g. on rank 1 of 3,
     * <pre>
     * DNDarray(shape=(1000, 10), dtype=float64, device=cpu:0, split=0, balanced=True,
     *          local slab of rank 1 of 3: [334:667] along axis 0, lshape=(333, 10) (local view; print0(x) prints all values):
     *          local=[[...]])
     * </pre>
     * <pre>{@code String s = Printing.describe(x); }</pre>
     */
    public static String describe(DNDarray x) {
        PrintOptions o = PrintOptions.get();
        String suffix = ", dtype=" + x.dtype() + ", device=" + x.device() + ", split=" + x.split() + ")";
        int a = x.splitAxis();
        Communication comm = x.comm();
        if (a < 0 || comm.size() == 1) return localText(x.larray(), o, "DNDarray(", suffix);
        int rank = comm.rank();
        long[][] cd = x.countsDispls();
        long lo = cd[1][rank], hi = lo + cd[0][rank];
        String head = "DNDarray(shape=" + pythonShape(x.gshape()) + ", dtype=" + x.dtype() + ", device=" + x.device()
                + ", split=" + a + ", balanced=" + (x.isBalanced() ? "True" : "False") + ",\n         local slab of rank " + rank
                + " of " + comm.size() + ": [" + lo + ":" + hi + "] along axis " + a + ", lshape=" + pythonShape(x.lshape())
                + " (local view; print0(x) prints all values):\n";
        return head + localText(x.larray(), o, "         local=", ")");
    }

    private static String localText(Tensor t, PrintOptions o, String prefix, String suffix) {
        boolean[] cut = TensorPrinter.summarizedAxes(t.shape(), o);
        return TensorPrinter.format(TensorPrinter.corner(t, cut, o.edgeItems()), cut, o, prefix, suffix);
    }

    private static String pythonShape(long[] s) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < s.length; i++) b.append(i == 0 ? "" : ", ").append(s[i]);
        return b.append(s.length == 1 ? ",)" : ")").toString();
    }

    /**
     * numpy-style text of the whole array, e.g. {@code DNDarray([0., 1., 2.], dtype=float64, device=cpu:0, split=0)};
     * large arrays are summarised with "..." and only the printed corner travels. Collective in global mode (every
     * process gets the text); in local-printing mode each process's own slab, without communication.
     * <pre>{@code String s = Printing.format(x); }</pre>
     */
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
