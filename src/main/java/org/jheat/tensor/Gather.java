package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * CPU kernels of gather and scatter by index: whole rows (the axes not indexed) copied to or from the positions
 * that index arrays give along some axes (advanced indexing's local step). Short rows are copied element by
 * element from precomputed offsets (one memcpy per row when the row is contiguous); long rows through views.
 *
 * <pre>{@code Gather.rows(y, new int[] {0}, new long[][] {{4, 1}}, 2, out, true);   // out = y[[4, 1]] }</pre>
 */
final class Gather {
    private static final int VIEW_ROWS = 256;   // rows longer than this are copied through views

    private Gather() { }

    /** Gather ({@code rows[b] = y[idx…b]}) or scatter ({@code y[idx…b] = rows[b]}) of nb rows. */
    static void rows(Tensor y, int[] axes, long[][] idx, long nb, Tensor rows, boolean gather) {
        if (nb == 0) return;
        int nd = y.ndim(), k = axes.length;
        long[] st = y.strides(), sh = y.shape();
        int[] rest = new int[nd - k];
        for (int d = 0, r = 0; d < nd; d++) if (Arrays.binarySearch(axes, d) < 0) rest[r++] = d;
        long restSize = 1;
        for (int d : rest) restSize *= sh[d];
        if (restSize == 0) return;
        if (restSize > VIEW_ROWS) {
            for (long b = 0; b < nb; b++) {
                Tensor v = y;
                for (int j = k - 1; j >= 0; j--) v = v.select(axes[j], idx[j][(int) b]);
                Tensor r = rows.select(0, b);
                if (gather) StridedCopy.copy(v, r); else StridedCopy.copy(r, v);
            }
            return;
        }
        // relative element offsets of one row in y (C order over the rest axes)
        int rs = (int) restSize;
        long[] rel = new long[rs];
        long[] ctr = new long[rest.length];
        boolean contiguous = true;
        for (int i = 0; i < rs; i++) {
            long o = 0;
            for (int j = 0; j < rest.length; j++) o += ctr[j] * st[rest[j]];
            rel[i] = o;
            contiguous &= o == i;
            for (int j = rest.length - 1; j >= 0; j--) {
                if (++ctr[j] < sh[rest[j]]) break;
                ctr[j] = 0;
            }
        }
        int item = y.dtype().itemSize();
        MemorySegment ys = y.segment(), rsg = rows.segment();
        long rowBase = rows.offset() * item;
        long yOff = y.offset();
        for (long b = 0; b < nb; b++) {
            long base = yOff;
            for (int j = 0; j < k; j++) base += idx[j][(int) b] * st[axes[j]];
            long yb = base * item, rb = rowBase + b * restSize * item;
            if (contiguous) {
                if (gather) MemorySegment.copy(ys, yb, rsg, rb, restSize * item);
                else MemorySegment.copy(rsg, rb, ys, yb, restSize * item);
                continue;
            }
            for (int i = 0; i < rs; i++) {
                long yo = yb + rel[i] * item, ro = rb + (long) i * item;
                if (gather) copyItem(ys, yo, rsg, ro, item); else copyItem(rsg, ro, ys, yo, item);
            }
        }
    }

    private static void copyItem(MemorySegment s, long so, MemorySegment d, long dof, int item) {
        switch (item) {
            case 1 -> d.set(ValueLayout.JAVA_BYTE, dof, s.get(ValueLayout.JAVA_BYTE, so));
            case 2 -> d.set(ValueLayout.JAVA_SHORT_UNALIGNED, dof, s.get(ValueLayout.JAVA_SHORT_UNALIGNED, so));
            case 4 -> d.set(ValueLayout.JAVA_INT_UNALIGNED, dof, s.get(ValueLayout.JAVA_INT_UNALIGNED, so));
            case 8 -> d.set(ValueLayout.JAVA_LONG_UNALIGNED, dof, s.get(ValueLayout.JAVA_LONG_UNALIGNED, so));
            default -> MemorySegment.copy(s, so, d, dof, item);
        }
    }
}
