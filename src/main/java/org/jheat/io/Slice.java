package org.jheat.io;

import org.jheat.tensor.Tensor;

/**
 * A Python-style slice {@code start:stop:step} of one axis, for loading part of a dataset (Heat's {@code slices}
 * argument of {@code load_hdf5}). Null bounds mean "from the start" / "to the end"; negative bounds count from the
 * end; the step must be positive.
 *
 * <pre>{@code
 * DNDarray x = IO.loadHdf5("d.h5", "data", 0, null, Slice.of(10, 20), Slice.all());   // rows 10..19
 * }</pre>
 */
public record Slice(Long start, Long stop, long step) {

    /** {@code start:stop}. <pre>{@code Slice.of(0, 10)}</pre> */
    public static Slice of(long start, long stop) { return new Slice(start, stop, 1); }

    /** {@code start:stop:step}. <pre>{@code Slice.of(0, null, 2)}</pre> */
    public static Slice of(Long start, Long stop, long step) { return new Slice(start, stop, step); }

    /** {@code :} (the whole axis). <pre>{@code Slice.all()}</pre> */
    public static Slice all() { return new Slice(null, null, 1); }

    /** {start, step, count} of this slice on an axis of length {@code n}. */
    long[] resolve(long n, Object file) {
        if (step <= 0) throw new IOFailure(file + ": slice step must be positive, got " + step);
        long[] r = Tensor.sliceIndices(n, start, stop, step);   // {start, stop, step, length}
        return new long[] {r[0], step, r[r.length - 1]};
    }
}
