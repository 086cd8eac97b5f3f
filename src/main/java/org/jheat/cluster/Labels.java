package org.jheat.cluster;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The cluster index of every local sample, kept in Java arrays (a plain array access in the passes' per-row loops,
 * where a memory-segment access with its checks showed up in profiles), split into parts of 2^30 so that a
 * process may hold any number of samples.
 */
final class Labels {
    private static final int SHIFT = 30;
    private static final long MASK = (1L << SHIFT) - 1;
    final long n;
    private final int[][] parts;

    Labels(long n, int fill) {
        this.n = n;
        int np = (int) ((n + MASK) >>> SHIFT);
        parts = new int[np][];
        for (int p = 0; p < np; p++) {
            parts[p] = new int[(int) Math.min(1L << SHIFT, n - ((long) p << SHIFT))];
            if (fill != 0) java.util.Arrays.fill(parts[p], fill);
        }
    }

    int get(long i) { return parts[(int) (i >>> SHIFT)][(int) (i & MASK)]; }

    void set(long i, int v) { parts[(int) (i >>> SHIFT)][(int) (i & MASK)] = v; }

    /** The labels as an int64 tensor (for the result array). */
    Tensor toInt64() {
        Tensor t = Tensor.empty(DType.INT64, n);
        MemorySegment s = t.segment();
        for (long i = 0; i < n; i++) s.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, i, get(i));
        return t;
    }
}
