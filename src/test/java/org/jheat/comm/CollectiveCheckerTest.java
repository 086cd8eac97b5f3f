package org.jheat.comm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.jheat.Heat;
import org.jheat.core.DNDarray;
import org.jheat.tensor.DType;
import org.jheat.testing.Dist;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The collective-call checker under MPI ({@code bin/test} sets {@code JHEAT_CHECK=1}; without it, or on one process,
 * these tests skip, since the mismatched calls would hang): ranks that make different collective calls - another
 * collective, another dtype, count or root, another jheat operation or source line, other operand shapes - all throw
 * the same {@link CollectiveMismatchException} naming every rank's call, and the next collective works.
 */
class CollectiveCheckerTest {

    private static Communication comm() {
        Communication c = Dist.comm();
        assumeTrue(CollectiveChecker.enabled() && c.size() > 1, "needs JHEAT_CHECK=1 and more than one process");
        return c;
    }

    /** Every rank throws a mismatch with the same text, which contains {@code parts}; then a collective works. */
    private static String mismatch(Communication c, Executable call, String... parts) {
        CollectiveMismatchException e = assertThrows(CollectiveMismatchException.class, call);
        String msg = e.getMessage();
        String first = c.bcast(c.rank() == 0 ? msg : null, 0);
        Dist.collectively(() -> {
            assertEquals(first, msg, "the message differs between ranks");
            for (String p : parts) assertTrue(msg.contains(p), () -> "missing '" + p + "' in\n" + msg);
        });
        assertEquals(c.size(), c.allreduce(1L, ReduceOp.SUM), "collective after the mismatch");
        return msg;
    }

    @Test
    void differentCollectivesDtypesCountsAndRoots() {
        Communication c = comm();
        int last = c.size() - 1;
        mismatch(c, () -> {
            if (c.rank() == 0) c.allreduce(1L, ReduceOp.SUM);
            else c.barrier();
        }, "rank 0: MPI_Allreduce(int64, count 1, SUM)", "rank 1: MPI_Barrier()", "CollectiveCheckerTest");
        mismatch(c, () -> {
            if (c.rank() == last) c.allreduce(1.0, ReduceOp.SUM);
            else c.allreduce(1L, ReduceOp.SUM);
        }, "rank " + last + ": MPI_Allreduce(float64, count 1, SUM)", "rank 0: MPI_Allreduce(int64, count 1, SUM)");
        mismatch(c, () -> c.allgather(new long[c.rank() == 0 ? 2 : 1]), "rank 0: MPI_Allgather(int64, count 2)",
                "rank 1: MPI_Allgather(int64, count 1)");
        mismatch(c, () -> c.bcast(new byte[1], c.rank() == 0 ? 0 : 1), "root 0", "root 1");
        try (Arena a = Arena.ofConfined()) {
            // allgatherv: every rank must pass the same counts; the last rank believes rank 0 sends 2 elements
            int p = c.size();
            MemorySegment s = a.allocate(8), r = a.allocate(8L * (p + 1));
            long[] counts = new long[p], displs = new long[p];
            for (int i = 0; i < p; i++) {
                counts[i] = c.rank() == last && i == 0 ? 2 : 1;
                displs[i] = i == 0 ? 0 : displs[i - 1] + counts[i - 1];
            }
            mismatch(c, () -> c.allgatherv(s, 1, r, counts, displs, DType.INT64), "MPI_Allgatherv(int64)");
        }
    }

    @Test
    void sameCollectiveFromDifferentOperationsOrLines() {
        Communication c = comm();
        DNDarray x = Heat.arange(0, 30, 1, DType.FLOAT64, 0).reshape(10, 3);
        // sum() and mean() both end in an allreduce of one float64: only the checker tells them apart
        mismatch(c, () -> {
            if (c.rank() == 0) x.sum();
            else x.mean();
        }, "rank 0: MPI_Allreduce(float64, count 1, SUM) in DNDarray.sum at org.jheat.comm.CollectiveCheckerTest",
                "rank 1: MPI_Allreduce(float64, count 1, SUM) in DNDarray.mean at");
        // the same operation from two source lines
        String m = mismatch(c, () -> {
            if (c.rank() == 0) {
                x.sum();
            } else {
                x.sum();
            }
        }, "in DNDarray.sum at org.jheat.comm.CollectiveCheckerTest");
        assertTrue(m.contains("CollectiveCheckerTest.java:"), m);
        // operands with other shapes: the drivers note them
        DNDarray y = Heat.arange(0, 40, 1, DType.FLOAT64, 0).reshape(10, 4);
        mismatch(c, () -> (c.rank() == 0 ? x : y).sum(0).sum(), "float64(10, 3) split=0", "float64(10, 4) split=0");
    }

    @Test
    void matchingCallsPassAndSubCommunicatorsAreCheckedOnTheirOwn() {
        Communication c = comm();
        DNDarray x = Heat.arange(0, 30, 1, DType.FLOAT64, 0).reshape(10, 3);
        for (int i = 0; i < 20; i++) {
            assertEquals(435.0, x.sum().itemDouble());
            x = x.resplit(i % 2);
        }
        try (Communication half = c.split(c.rank() % 2, c.rank())) {
            assertEquals(half.size(), half.allreduce(1L, ReduceOp.SUM));
            // only the members of a sub-communicator take part: check on it, agree on the world afterwards
            String msg = "", agreed = "";
            if (half.size() > 1) {
                try {
                    if (half.rank() == 0) half.barrier();
                    else half.allreduce(1L, ReduceOp.MAX);
                } catch (CollectiveMismatchException e) {
                    msg = e.getMessage();
                }
                agreed = half.bcast(half.rank() == 0 ? msg : null, 0);
                assertEquals(half.size(), half.allreduce(1L, ReduceOp.SUM));
            }
            String m = msg, a = agreed;
            boolean checks = half.size() > 1;
            Dist.collectively(() -> {
                if (!checks) return;
                assertEquals(a, m, "the message differs between the ranks of the sub-communicator");
                assertTrue(m.contains("rank 0: MPI_Barrier()") && m.contains("rank 1: MPI_Allreduce(int64, count 1, MAX)"), m);
            });
        }
        assertEquals(c.size(), c.allreduce(1L, ReduceOp.SUM));
    }
}
