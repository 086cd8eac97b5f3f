package org.jheat.cluster;

import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The cluster index of every local sample: a 1-d int32 tensor (any number of samples) that the backend's k-means
 * kernel updates in place; the other passes read and write it block by block through Java buffers.
 */
final class Labels {
    final long n;
    final Tensor t;

    /** One label per local row of {@code s}, on its device, all {@code fill}. */
    Labels(Samples s, int fill) {
        this.n = s.localRows;
        this.t = s.backend().empty(DType.INT32, n);
        if (n > 0) t.fill((long) fill);
    }

    /** The labels of local rows [start, start + len) into {@code buf[0, len)}. */
    int[] read(long start, int len, int[] buf) {
        return len > 0 ? t.narrow(0, start, len).toIntArray(buf) : buf;
    }

    /** {@code buf[0, len)} as the labels of local rows [start, start + len). */
    void write(long start, int len, int[] buf) {
        if (len > 0) t.narrow(0, start, len).copyFrom(buf, 0);
    }

    /** The view of rows [start, start + len) (for the backend kernels). */
    Tensor view(long start, long len) { return t.narrow(0, start, len); }

    /** All labels in a Java array (in-memory samples only: fewer than 2^31 local rows). */
    int[] all() { return t.toIntArray(); }

    /** The labels as an int64 tensor (for the result array). */
    Tensor toInt64() { return t.astype(DType.INT64); }

    void free() { t.free(); }
}
