package org.jheat.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.jheat.comm.Communication;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.core.Redistribution;
import org.jheat.tensor.DType;
import org.jheat.tensor.Device;
import org.jheat.tensor.Tensor;
import org.jheat.testing.Dist;

/** Shared helpers of the I/O tests: fixtures, one temporary directory seen by all ranks, distributed test data. */
final class IoTesting {
    private IoTesting() { }

    static final DType[] DTYPES = {DType.BOOL, DType.INT8, DType.UINT8, DType.INT16, DType.INT32, DType.INT64, DType.FLOAT32, DType.FLOAT64};

    /** A committed fixture file of src/test/resources/io. */
    static Path fixture(String name) {
        try {
            return Path.of(IoTesting.class.getResource("/io/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing fixture " + name, e);
        }
    }

    /** A fresh directory under target/ with the same path on every rank (rank 0 creates it). */
    static Path sharedDir(String prefix) { return Dist.sharedDir(prefix); }

    /** Removes a shared directory (rank 0, after everyone is done with it). */
    static void remove(Path dir) {
        Communication c = Dist.comm();
        c.barrier();
        if (c.rank() != 0) return;
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Distinct deterministic values of {@code shape} as {@code t} (bool alternates by value sign). */
    static Tensor data(DType t, long... shape) {
        Tensor f = Dist.iota(shape);
        if (t == DType.BOOL) {
            Tensor b = Tensor.empty(t, shape);
            for (long i = 0; i < b.size(); i++) b.setLongFlat((i * 7 % 3) == 0 ? 1 : 0, i);
            return b;
        }
        if (t.isIntegral()) {
            Tensor b = Tensor.empty(t, shape);
            long mod = t == DType.INT8 ? 120 : t == DType.UINT8 ? 250 : 30000;
            for (long i = 0; i < b.size(); i++) b.setLongFlat((i * 37 % mod) - (t == DType.UINT8 ? 0 : mod / 2), i);
            return b;
        }
        return f.astype(t);
    }

    /** {@code full} as a balanced distributed array split along {@code split} (null: replicated). */
    static DNDarray distribute(Tensor full, Integer split) {
        Communication c = Dist.comm();
        if (split == null) return Redistribution.withMap(full, full.shape(), -1, c, Device.CPU);
        long n = full.shape(split);
        Tensor mine = full.narrow(split, Distribution.start(n, c.size(), c.rank()), Distribution.count(n, c.size(), c.rank())).contiguous();
        return Redistribution.withMap(mine, full.shape(), split, c, Device.CPU);
    }

    /** Splits to try for an n-d array: null and every axis. */
    static Integer[] splits(int nd) {
        Integer[] s = new Integer[nd + 1];
        for (int i = 0; i < nd; i++) s[i + 1] = i;
        return s;
    }
}
