package org.jheat.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Fill kernel: the value is converted once, repeated into a 64-bit pattern and stored with wide writes over
 * contiguous memory (split over threads); strided targets take the generic copy from a zero-stride scalar.
 */
final class Fill {
    private static final long GRAIN = 1L << 17;

    private Fill() { }

    static void fill(Tensor t, double v) {
        MemorySegment one = MemorySegment.ofArray(new long[2]);
        Elements.writeDouble(one, 0, t.dtype(), v);
        fillWith(t, one);
    }

    static void fill(Tensor t, long v) {
        MemorySegment one = MemorySegment.ofArray(new long[2]);
        Elements.writeLong(one, 0, t.dtype(), v);
        fillWith(t, one);
    }

    private static void fillWith(Tensor t, MemorySegment one) {
        int item = t.dtype().itemSize();
        if (!t.isContiguous() || item > 8) {
            Tensor scalar = Tensor.wrap(one, t.dtype());
            StridedCopy.copy(scalar.broadcastTo(t.shape()), t);
            return;
        }
        long pattern = 0;
        for (int b = 0; b < 8; b++) pattern |= (long) (one.get(ValueLayout.JAVA_BYTE, b % item) & 0xFF) << (8 * b);
        MemorySegment data = t.data();
        long words = data.byteSize() >>> 3;
        final long p = pattern;
        Parallel.forRange(words, GRAIN, (a, b) -> {
            for (long i = a; i < b; i++) data.set(ValueLayout.JAVA_LONG_UNALIGNED, i << 3, p);
        });
        for (long off = words << 3; off < data.byteSize(); off++) {
            data.set(ValueLayout.JAVA_BYTE, off, (byte) (p >>> (8 * (off & 7))));
        }
    }
}
