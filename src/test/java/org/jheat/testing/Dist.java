package org.jheat.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.core.Distribution;
import org.jheat.tensor.Shapes;
import org.jheat.tensor.Tensor;
import org.junit.jupiter.api.function.Executable;

/** Assertions for distributed tests: a distributed result against the same data as one local tensor. */
public final class Dist {
    private Dist() { }

    /** The world communicator. */
    public static Communication comm() { return Communications.world(); }

    /** Same dtype, shape and bits. */
    public static void assertSameTensor(Tensor expected, Tensor actual) {
        assertEquals(expected.dtype(), actual.dtype(), "dtype");
        assertArrayEquals(expected.shape(), actual.shape(), () -> "shape " + Shapes.str(expected.shape()) + " vs " + Shapes.str(actual.shape()));
        assertTrue(expected.contentEquals(actual), () -> "values differ:\nexpected " + expected + "\nactual   " + actual);
    }

    /**
     * x holds exactly {@code full}: global shape and dtype, a balanced slab of the right rows on this process when
     * {@code balanced}, a consistent local-shape map, and the gathered array equal to {@code full}.
     */
    public static void assertDistributed(Tensor full, DNDarray x, boolean balanced) {
        assertArrayEquals(full.shape(), x.gshape(), "gshape");
        assertEquals(full.dtype(), x.dtype(), "dtype");
        Communication c = x.comm();
        long[][] map = x.lshapeMap();
        boolean bal = x.isBalanced();
        long[][] cd = x.splitAxis() < 0 ? null : x.countsDispls();
        collectively(() -> {
            assertArrayEquals(x.lshape(), map[c.rank()], "lshapeMap row of this rank");
            int s = x.splitAxis();
            if (s < 0) {
                assertSameTensor(full, x.larray());
            } else {
                if (balanced) {
                    assertArrayEquals(Distribution.counts(full.shape(s), c.size()), cd[0], "balanced counts");
                    assertTrue(bal, "isBalanced");
                }
                assertSameTensor(full.narrow(s, cd[1][c.rank()], cd[0][c.rank()]).contiguous(), x.larray().contiguous());
            }
        });
        Tensor all = x.gatherAll();
        collectively(() -> assertSameTensor(full, all));
    }

    /**
     * Runs purely local checks, then agrees across ranks before anyone communicates again: when they failed on
     * any rank, they fail on every rank (with that rank's message), so the ranks never split.
     */
    public static void collectively(Executable localChecks) {
        Throwable error = null;
        try {
            localChecks.execute();
        } catch (Throwable t) {
            error = t;
        }
        try {
            CollectiveExtension.agree(comm(), "check", error);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new AssertionError(t);
        }
    }

    /**
     * The call throws {@code type} on this rank (every rank runs this, so on every rank), and a collective call
     * afterwards still works: nothing deadlocked or was left half-done.
     */
    public static <T extends Throwable> T assertThrowsEverywhere(Class<T> type, Executable call) {
        T t = assertThrows(type, call);
        Communication c = comm();
        assertEquals(c.size(), c.allreduce(1L, ReduceOp.SUM), "collective after the failed call");
        return t;
    }

    /**
     * A fresh directory under target/ with the same path on every rank (rank 0 creates it, the others wait).
     * <pre>{@code Path dir = Dist.sharedDir("io-"); }</pre>
     */
    public static java.nio.file.Path sharedDir(String prefix) {
        Communication c = comm();
        String name = null;
        if (c.rank() == 0) {
            try {
                java.nio.file.Path base = java.nio.file.Path.of("target", "io-tests").toAbsolutePath();
                java.nio.file.Files.createDirectories(base);
                name = java.nio.file.Files.createTempDirectory(base, prefix).toString();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        java.nio.file.Path p = java.nio.file.Path.of(c.bcast(name, 0));
        c.barrier();
        return p;
    }

    /** Lines of a test resource, without comments and blank lines. */
    public static List<String> resourceLines(String name) {
        try (InputStream in = Dist.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing test resource " + name);
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A deterministic float64 tensor of the given shape with distinct values (i * 0.5 - 3). */
    public static Tensor iota(long... shape) {
        Tensor t = Tensor.empty(org.jheat.tensor.DType.FLOAT64, shape);
        for (long i = 0; i < t.size(); i++) t.setDoubleFlat(i * 0.5 - 3, i);
        return t;
    }
}
