package org.jheat.comm;

import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.function.LongBinaryOperator;

import org.jheat.tensor.DType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Collective tests of {@link Communication}: run single-process under {@code mvn test} and on every rank under
 * {@code mpirun -np N}. Every test calls the same collectives in the same order on every rank and depends on the
 * number of processes only through {@code comm.size()}; expected values are computed locally for all ranks.
 */
@TestMethodOrder(MethodOrderer.MethodName.class)
class CommunicationTest {

    static Communication comm;
    static int rank, size;
    Arena arena;

    @BeforeAll
    static void world() {
        comm = Communications.world();
        rank = comm.rank();
        size = comm.size();
    }

    @BeforeEach
    void open() {
        arena = Arena.ofConfined();
    }

    @AfterEach
    void close() {
        arena.close();
    }

    // ---------------------------------------------------------------- helpers

    MemorySegment longs(long n) {
        return arena.allocate(JAVA_LONG, Math.max(1, n));
    }

    MemorySegment doubles(long n) {
        return arena.allocate(JAVA_DOUBLE, Math.max(1, n));
    }

    static long lv(int r, long i) {
        return ((r * 7L + i * 3L) % 5) - 1;   // -1 … 3: zeros, negatives, small products
    }

    static double dv(int r, long i) {
        return (r + 1) * 0.5 + (i % 9) * 0.25 - 1;   // dyadic: sums and products are exact in any order
    }

    static int bv(int r, long i) {
        return switch ((int) (i % 4)) {
            case 0 -> 1;
            case 1 -> 0;
            default -> (int) ((r + i) % 2);
        };
    }

    static LongBinaryOperator longOp(ReduceOp op) {
        return switch (op) {
            case SUM -> Long::sum;
            case PROD -> (a, b) -> a * b;
            case MIN -> Math::min;
            case MAX -> Math::max;
            case LAND -> (a, b) -> (a != 0 && b != 0) ? 1 : 0;
            case LOR -> (a, b) -> (a != 0 || b != 0) ? 1 : 0;
            case LXOR -> (a, b) -> ((a != 0) != (b != 0)) ? 1 : 0;
            case BAND -> (a, b) -> a & b;
            case BOR -> (a, b) -> a | b;
            case BXOR -> (a, b) -> a ^ b;
        };
    }

    /** op over ranks [0, upTo) of lv(r, i); MPI's logical ops map every operand to 0/1, a single operand too. */
    static long expectLong(ReduceOp op, long i, int upTo) {
        long acc = lv(0, i);
        boolean logical = op == ReduceOp.LAND || op == ReduceOp.LOR || op == ReduceOp.LXOR;
        if (logical && upTo == 1) return acc;   // MPI copies a single contribution unchanged
        for (int r = 1; r < upTo; r++) acc = longOp(op).applyAsLong(acc, lv(r, i));
        return acc;
    }

    static double expectDouble(ReduceOp op, long i, int upTo) {
        double acc = dv(0, i);
        for (int r = 1; r < upTo; r++) {
            double v = dv(r, i);
            acc = switch (op) {
                case SUM -> acc + v;
                case PROD -> acc * v;
                case MIN -> Math.min(acc, v);
                case MAX -> Math.max(acc, v);
                default -> throw new IllegalArgumentException(op.toString());
            };
        }
        return acc;
    }

    /** Runs {@code body} with a tiny chunk limit, so that every split-message path runs with small data. */
    static void withChunkLimit(long limit, Runnable body) {
        long old = MpiCommunication.chunkLimit();
        MpiCommunication.setChunkLimit(limit);
        try {
            body.run();
        } finally {
            MpiCommunication.setChunkLimit(old);
        }
    }

    // ---------------------------------------------------------------- basics

    @Test
    void a01_rankSizeAndVersion() {
        assertTrue(size >= 1);
        assertTrue(rank >= 0 && rank < size);
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
        assertEquals((long) size * (size - 1) / 2, comm.allreduce((long) rank, ReduceOp.SUM));
        assertEquals(size - 1.0, comm.allreduce((double) rank, ReduceOp.MAX));
        assertFalse(comm.libraryVersion().isBlank());
        if (size > 1) assertTrue(Communications.isMpi());
        assertEquals(Communications.isMpi(), comm instanceof MpiCommunication);
        assertTrue(Communications.localSize() >= 1);
        comm.barrier();
    }

    @Test
    void a02_defaultConveniences() {
        long[] all = comm.allgather((long) rank * 10);
        for (int r = 0; r < size; r++) assertEquals(r * 10L, all[r]);
        long[] v = comm.allreduce(new long[] {rank, 1, -rank}, ReduceOp.SUM);
        long s = (long) size * (size - 1) / 2;
        assertArrayEquals(new long[] {s, size, -s}, v);
        String msg = comm.bcast(rank == size - 1 ? "hello from the last rank" : null, size - 1);
        assertEquals("hello from the last rank", msg);
    }

    // ---------------------------------------------------------------- bcast

    void bcast(long n) {
        int root = size - 1;
        MemorySegment d = doubles(n);
        MemorySegment b = arena.allocate(Math.max(1, n));
        for (long i = 0; i < n; i++) {
            d.setAtIndex(JAVA_DOUBLE, i, rank == root ? i * 1.5 : -1);
            b.set(JAVA_BYTE, i, (byte) (rank == root ? i % 100 : 0));
        }
        comm.bcast(d, n, DType.FLOAT64, root);
        comm.bcast(b, n, DType.INT8, root);
        for (long i = 0; i < n; i++) {
            assertEquals(i * 1.5, d.getAtIndex(JAVA_DOUBLE, i));
            assertEquals((byte) (i % 100), b.get(JAVA_BYTE, i));
        }
        MemorySegment c = arena.allocate(16L * Math.max(1, n));   // complex128: (re, im) pairs
        for (long i = 0; i < 2 * n; i++) c.setAtIndex(JAVA_DOUBLE, i, rank == 0 ? i + 0.5 : 0);
        comm.bcast(c, n, DType.COMPLEX128, 0);
        for (long i = 0; i < 2 * n; i++) assertEquals(i + 0.5, c.getAtIndex(JAVA_DOUBLE, i));
    }

    @Test
    void b01_bcastFromLastRoot() {
        bcast(100);
        bcast(0);
    }

    // ---------------------------------------------------------------- reductions

    void reduceInt64AllOps(long n) {
        int root = size - 1;
        for (ReduceOp op : ReduceOp.values()) {
            MemorySegment s = longs(n), r = longs(n), red = longs(n);
            for (long i = 0; i < n; i++) {
                s.setAtIndex(JAVA_LONG, i, lv(rank, i));
                red.setAtIndex(JAVA_LONG, i, 12345);
            }
            comm.allreduce(s, r, n, DType.INT64, op);
            comm.reduce(s, red, n, DType.INT64, op, root);
            for (long i = 0; i < n; i++) {
                long e = expectLong(op, i, size);
                assertEquals(e, r.getAtIndex(JAVA_LONG, i), op + " allreduce element " + i);
                assertEquals(rank == root ? e : 12345, red.getAtIndex(JAVA_LONG, i), op + " reduce element " + i);
                assertEquals(lv(rank, i), s.getAtIndex(JAVA_LONG, i), "send buffer must be untouched");
            }
        }
    }

    @Test
    void c01_reduceAndAllreduceInt64EveryOp() {
        reduceInt64AllOps(37);
    }

    void reduceFloat64(long n) {
        for (ReduceOp op : new ReduceOp[] {ReduceOp.SUM, ReduceOp.PROD, ReduceOp.MIN, ReduceOp.MAX}) {
            MemorySegment s = doubles(n), r = doubles(n), red = doubles(n);
            for (long i = 0; i < n; i++) s.setAtIndex(JAVA_DOUBLE, i, dv(rank, i));
            comm.allreduce(s, r, n, DType.FLOAT64, op);
            comm.reduce(s, red, n, DType.FLOAT64, op, 0);
            for (long i = 0; i < n; i++) {
                double e = expectDouble(op, i, size);
                assertEquals(e, r.getAtIndex(JAVA_DOUBLE, i), op + " allreduce element " + i);
                if (rank == 0) assertEquals(e, red.getAtIndex(JAVA_DOUBLE, i), op + " reduce element " + i);
            }
        }
    }

    @Test
    void c02_reduceAndAllreduceFloat64() {
        reduceFloat64(29);
    }

    void boolLogical(long n) {
        for (ReduceOp op : new ReduceOp[] {ReduceOp.LAND, ReduceOp.LOR, ReduceOp.LXOR}) {
            MemorySegment s = arena.allocate(Math.max(1, n)), r = arena.allocate(Math.max(1, n));
            for (long i = 0; i < n; i++) s.set(JAVA_BYTE, i, (byte) bv(rank, i));
            comm.allreduce(s, r, n, DType.BOOL, op);
            for (long i = 0; i < n; i++) {
                long acc = bv(0, i);
                for (int q = 1; q < size; q++) acc = longOp(op).applyAsLong(acc, bv(q, i));
                assertEquals(acc, r.get(JAVA_BYTE, i), op + " element " + i);
            }
        }
    }

    @Test
    void c03_boolLandLorLxor() {
        boolLogical(23);
    }

    void inPlace(long n) {
        MemorySegment x = doubles(n);
        for (long i = 0; i < n; i++) x.setAtIndex(JAVA_DOUBLE, i, dv(rank, i));
        comm.allreduce(x, x, n, DType.FLOAT64, ReduceOp.SUM);
        for (long i = 0; i < n; i++) assertEquals(expectDouble(ReduceOp.SUM, i, size), x.getAtIndex(JAVA_DOUBLE, i));
        // in-place reduce: root's buffer is both input and output, the others' only input
        MemorySegment y = longs(n);
        for (long i = 0; i < n; i++) y.setAtIndex(JAVA_LONG, i, lv(rank, i));
        comm.reduce(y, y, n, DType.INT64, ReduceOp.MAX, 0);
        for (long i = 0; i < n; i++) {
            assertEquals(rank == 0 ? expectLong(ReduceOp.MAX, i, size) : lv(rank, i), y.getAtIndex(JAVA_LONG, i));
        }
        // in place through a separately created view of the same memory
        MemorySegment z = longs(n);
        for (long i = 0; i < n; i++) z.setAtIndex(JAVA_LONG, i, lv(rank, i));
        comm.allreduce(z, z.asSlice(0), n, DType.INT64, ReduceOp.MIN);
        for (long i = 0; i < n; i++) assertEquals(expectLong(ReduceOp.MIN, i, size), z.getAtIndex(JAVA_LONG, i));
    }

    @Test
    void c04_inPlaceAllreduceAndReduce() {
        inPlace(41);
    }

    void scans(long n) {
        MemorySegment s = longs(n), r = longs(n), x = longs(n), ex = longs(n);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(JAVA_LONG, i, lv(rank, i));
            x.setAtIndex(JAVA_LONG, i, lv(rank, i));
            ex.setAtIndex(JAVA_LONG, i, -99);
        }
        comm.scan(s, r, n, DType.INT64, ReduceOp.SUM);
        comm.scan(x, x, n, DType.INT64, ReduceOp.MAX);
        comm.exscan(s, ex, n, DType.INT64, ReduceOp.SUM);
        for (long i = 0; i < n; i++) {
            assertEquals(expectLong(ReduceOp.SUM, i, rank + 1), r.getAtIndex(JAVA_LONG, i), "scan element " + i);
            assertEquals(expectLong(ReduceOp.MAX, i, rank + 1), x.getAtIndex(JAVA_LONG, i), "in-place scan element " + i);
            assertEquals(rank == 0 ? -99 : expectLong(ReduceOp.SUM, i, rank), ex.getAtIndex(JAVA_LONG, i), "exscan element " + i);
        }
        MemorySegment d = doubles(n);
        for (long i = 0; i < n; i++) d.setAtIndex(JAVA_DOUBLE, i, dv(rank, i));
        comm.exscan(d, d, n, DType.FLOAT64, ReduceOp.SUM);
        for (long i = 0; i < n; i++) {
            if (rank > 0) assertEquals(expectDouble(ReduceOp.SUM, i, rank), d.getAtIndex(JAVA_DOUBLE, i), "in-place exscan " + i);
        }
    }

    @Test
    void c05_scanAndExscan() {
        scans(31);
    }

    // ---------------------------------------------------------------- gather / scatter family

    /** Uneven counts with zeros: rank r contributes r % 3 * k elements. */
    static long vcount(int r, long k) {
        return (r % 3) * k;
    }

    /** Blocks laid out in reverse rank order, so displacements are not just prefix sums. */
    static long[] reverseDispls(long[] counts) {
        long[] d = new long[counts.length];
        long off = 0;
        for (int r = counts.length - 1; r >= 0; r--) {
            d[r] = off;
            off += counts[r];
        }
        return d;
    }

    static long sum(long[] a) {
        long s = 0;
        for (long v : a) s += v;
        return s;
    }

    static long val(int r, long i) {
        return r * 1_000_000L + i;
    }

    void gathers(long k) {
        // allgather / gather: k elements each
        MemorySegment s = longs(k), all = longs(k * size);
        for (long i = 0; i < k; i++) s.setAtIndex(JAVA_LONG, i, val(rank, i));
        comm.allgather(s, k, all, DType.INT64);
        for (int r = 0; r < size; r++) {
            for (long i = 0; i < k; i++) assertEquals(val(r, i), all.getAtIndex(JAVA_LONG, r * k + i), "allgather");
        }
        int root = size - 1;
        MemorySegment g = longs(k * size);
        comm.gather(s, k, rank == root ? g : null, DType.INT64, root);
        if (rank == root) {
            for (int r = 0; r < size; r++) {
                for (long i = 0; i < k; i++) assertEquals(val(r, i), g.getAtIndex(JAVA_LONG, r * k + i), "gather");
            }
        }
        // allgatherv / gatherv: uneven, zero counts, reversed layout
        long[] counts = new long[size];
        for (int r = 0; r < size; r++) counts[r] = vcount(r, k);
        long[] displs = reverseDispls(counts);
        long mine = counts[rank];
        MemorySegment vs = longs(mine), va = longs(sum(counts)), vg = longs(sum(counts));
        for (long i = 0; i < mine; i++) vs.setAtIndex(JAVA_LONG, i, val(rank, i));
        comm.allgatherv(vs, mine, va, counts, displs, DType.INT64);
        comm.gatherv(vs, mine, rank == 0 ? vg : null, rank == 0 ? counts : null, rank == 0 ? displs : null, DType.INT64, 0);
        for (int r = 0; r < size; r++) {
            for (long i = 0; i < counts[r]; i++) {
                assertEquals(val(r, i), va.getAtIndex(JAVA_LONG, displs[r] + i), "allgatherv rank " + r + " element " + i);
                if (rank == 0) assertEquals(val(r, i), vg.getAtIndex(JAVA_LONG, displs[r] + i), "gatherv");
            }
        }
    }

    @Test
    void d01_allgatherGatherAndV() {
        gathers(5);
        gathers(0);
    }

    void scatters(long k) {
        int root = size - 1;
        MemorySegment all = longs(k * size), mine = longs(k);
        if (rank == root) for (long j = 0; j < k * size; j++) all.setAtIndex(JAVA_LONG, j, val((int) (j / Math.max(1, k)), j % Math.max(1, k)));
        comm.scatter(rank == root ? all : null, k, mine, DType.INT64, root);
        for (long i = 0; i < k; i++) assertEquals(val(rank, i), mine.getAtIndex(JAVA_LONG, i), "scatter");
        long[] counts = new long[size];
        for (int r = 0; r < size; r++) counts[r] = vcount(r + 1, k);
        long[] displs = reverseDispls(counts);
        MemorySegment vall = longs(sum(counts)), vmine = longs(counts[rank]);
        if (rank == 0) {
            for (int r = 0; r < size; r++) {
                for (long i = 0; i < counts[r]; i++) vall.setAtIndex(JAVA_LONG, displs[r] + i, val(r, i));
            }
        }
        comm.scatterv(rank == 0 ? vall : null, rank == 0 ? counts : null, rank == 0 ? displs : null, vmine, counts[rank],
                DType.INT64, 0);
        for (long i = 0; i < counts[rank]; i++) assertEquals(val(rank, i), vmine.getAtIndex(JAVA_LONG, i), "scatterv");
    }

    @Test
    void d02_scatterAndScatterv() {
        scatters(4);
        scatters(0);
    }

    /** Elements rank {@code from} sends to rank {@code to} in the alltoallv test (zeros included). */
    static long pair(int from, int to, long k) {
        return ((from + 2L * to) % 3) * k;
    }

    static long tv(int from, int to, long i) {
        return from * 10_000L + to * 100L + i;
    }

    void alltoalls(long k) {
        MemorySegment s = longs(k * size), r = longs(k * size);
        for (int p = 0; p < size; p++) for (long i = 0; i < k; i++) s.setAtIndex(JAVA_LONG, p * k + i, tv(rank, p, i));
        comm.alltoall(s, k, r, DType.INT64);
        for (int p = 0; p < size; p++) {
            for (long i = 0; i < k; i++) assertEquals(tv(p, rank, i), r.getAtIndex(JAVA_LONG, p * k + i), "alltoall from " + p);
        }
        long[] sc = new long[size], rc = new long[size];
        for (int p = 0; p < size; p++) {
            sc[p] = pair(rank, p, k);
            rc[p] = pair(p, rank, k);
        }
        long[] sd = reverseDispls(sc), rd = new long[size];
        for (int p = 1; p < size; p++) rd[p] = rd[p - 1] + rc[p - 1];
        MemorySegment vs = longs(sum(sc)), vr = longs(sum(rc));
        for (int p = 0; p < size; p++) for (long i = 0; i < sc[p]; i++) vs.setAtIndex(JAVA_LONG, sd[p] + i, tv(rank, p, i));
        comm.alltoallv(vs, sc, sd, vr, rc, rd, DType.INT64);
        for (int p = 0; p < size; p++) {
            for (long i = 0; i < rc[p]; i++) assertEquals(tv(p, rank, i), vr.getAtIndex(JAVA_LONG, rd[p] + i), "alltoallv from " + p);
        }
    }

    @Test
    void d03_alltoallAndAlltoallvWithZeroCounts() {
        alltoalls(3);
        alltoalls(0);
    }

    // ---------------------------------------------------------------- point to point

    void ring(long n) {
        int right = (rank + 1) % size, left = (rank - 1 + size) % size;
        MemorySegment out = doubles(n), in = doubles(n);
        for (long i = 0; i < n; i++) out.setAtIndex(JAVA_DOUBLE, i, rank * 1000.0 + i);
        // even ranks send first, odd ranks receive first: no cycle of blocked sends for any size
        if (rank % 2 == 0) {
            comm.send(out, n, DType.FLOAT64, right, 11);
            comm.recv(in, n, DType.FLOAT64, left, 11);
        } else {
            comm.recv(in, n, DType.FLOAT64, left, 11);
            comm.send(out, n, DType.FLOAT64, right, 11);
        }
        for (long i = 0; i < n; i++) assertEquals(left * 1000.0 + i, in.getAtIndex(JAVA_DOUBLE, i), "ring element " + i);
    }

    @Test
    void e01_sendRecvRing() {
        ring(10);
        ring(0);
        comm.barrier();
    }

    void nonBlocking(long n) {
        int right = (rank + 1) % size, left = (rank - 1 + size) % size;
        MemorySegment out = longs(n), in = longs(n), in2 = longs(n);
        for (long i = 0; i < n; i++) out.setAtIndex(JAVA_LONG, i, val(rank, i));
        // receives posted before the matching sends exist (also to self with one process)
        Request r1 = comm.irecv(in, n, DType.INT64, left, 3);
        Request r2 = comm.irecv(in2, n, DType.INT64, right, 4);
        Request s1 = comm.isend(out, n, DType.INT64, right, 3);
        Request s2 = comm.isend(out, n, DType.INT64, left, 4);
        while (!r1.test()) Thread.onSpinWait();
        Request.waitAll(r2, s1, s2);
        assertTrue(r1.test());
        r1.waitFor();
        for (long i = 0; i < n; i++) {
            assertEquals(val(left, i), in.getAtIndex(JAVA_LONG, i));
            assertEquals(val(right, i), in2.getAtIndex(JAVA_LONG, i));
        }
    }

    @Test
    void e02_isendIrecv() {
        nonBlocking(17);
        nonBlocking(0);
        comm.barrier();
    }

    @Test
    void e03_receiveCountMismatchIsACommException() {
        int right = (rank + 1) % size, left = (rank - 1 + size) % size;
        MemorySegment out = longs(3), in = longs(5);
        Request s = comm.isend(out, 3, DType.INT64, right, 21);
        CommException shorter = assertThrows(CommException.class, () -> comm.recv(in, 5, DType.INT64, left, 21));
        assertTrue(shorter.getMessage().contains("expected"), shorter.getMessage());
        s.waitFor();
        s = comm.isend(out, 3, DType.INT64, right, 22);
        assertThrows(CommException.class, () -> comm.recv(in, 2, DType.INT64, left, 22));   // MPI_ERR_TRUNCATE
        s.waitFor();
        Request r = comm.irecv(in, 4, DType.INT64, left, 23);
        comm.isend(out, 3, DType.INT64, right, 23).waitFor();
        assertThrows(CommException.class, r::waitFor);
        comm.barrier();
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
    }

    // ---------------------------------------------------------------- communicators

    @Test
    void f01_splitByParity() {
        try (Communication sub = comm.split(rank % 2, rank)) {
            int expectedSize = (size + 1 - rank % 2) / 2;
            assertEquals(expectedSize, sub.size());
            assertEquals(rank / 2, sub.rank());
            long sumRanks = 0;
            for (int r = rank % 2; r < size; r += 2) sumRanks += r;
            assertEquals(sumRanks, sub.allreduce((long) rank, ReduceOp.SUM));
            MemorySegment b = longs(3);
            if (sub.rank() == 0) for (int i = 0; i < 3; i++) b.setAtIndex(JAVA_LONG, i, 100L * (rank % 2) + i);
            sub.bcast(b, 3, DType.INT64, 0);
            for (int i = 0; i < 3; i++) assertEquals(100L * (rank % 2) + i, b.getAtIndex(JAVA_LONG, i));
        }
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
    }

    @Test
    void f02_dup() {
        Communication d = comm.dup();
        try {
            assertEquals(rank, d.rank());
            assertEquals(size, d.size());
            assertEquals(size, d.allreduce(1L, ReduceOp.SUM));
            long[] g = d.allgather((long) rank);
            for (int r = 0; r < size; r++) assertEquals(r, g[r]);
        } finally {
            d.close();
            d.close();   // idempotent
        }
        comm.close();   // a no-op for the world
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
    }

    // ---------------------------------------------------------------- chunked messages

    @Test
    void g01_everyPathWithChunkLimit7() {
        withChunkLimit(7, () -> {
            bcast(50);
            bcast(7);
            reduceInt64AllOps(23);
            reduceFloat64(15);
            boolLogical(19);
            inPlace(22);
            scans(20);
            gathers(9);
            gathers(2);       // each count <= 7, but the totals are not (for size > 3)
            scatters(8);
            alltoalls(8);
            alltoalls(2);
            ring(30);
            nonBlocking(29);
            nonBlocking(14);  // an exact multiple of the limit
        });
        assertEquals(Integer.MAX_VALUE, MpiCommunication.chunkLimit());
        comm.barrier();
    }

    /**
     * Every blocking call made as its nonblocking variant completed by the yielding poll (natives.Mpi's yielding
     * wait, on by default for MPICH with more ranks than cores): results, the count check of receives and the error
     * of a truncated receive must be those of the blocking calls. All ranks switch between the same two calls.
     */
    @Test
    void g03_everyPathWithYieldingWait() {
        Assumptions.assumeTrue(comm instanceof MpiCommunication, "needs MPI");
        boolean old = org.jheat.natives.Mpi.yieldingWait();
        org.jheat.natives.Mpi.setYieldingWait(true);
        try {
            comm.barrier();
            bcast(50);
            reduceInt64AllOps(23);
            reduceFloat64(15);
            boolLogical(19);
            inPlace(22);
            scans(20);
            gathers(9);
            scatters(8);
            alltoalls(3);
            alltoalls(0);
            ring(30);
            nonBlocking(29);
            e03_receiveCountMismatchIsACommException();
            withChunkLimit(7, () -> {   // the chunked exchanges' waitall, and send/recv in pieces
                gathers(9);
                alltoalls(8);
                ring(30);
                nonBlocking(14);
            });
            try (Communication half = comm.split(rank % 2, rank)) {
                assertEquals((size - rank % 2 + 1) / 2, half.allreduce(1L, ReduceOp.SUM));
            }
        } finally {
            org.jheat.natives.Mpi.setYieldingWait(old);
        }
        comm.barrier();
    }

    /** The wait is chosen alike on every rank: the agreed choice is what some rank asked for. */
    @Test
    void g04_yieldingWaitChoice() {
        assertTrue(MpiCommunication.wantsYieldingWait(true, 3, 2, null));
        assertTrue(MpiCommunication.wantsYieldingWait(true, 3, 2, " auto "));
        assertFalse(MpiCommunication.wantsYieldingWait(true, 2, 2, null));
        assertFalse(MpiCommunication.wantsYieldingWait(false, 3, 2, ""));
        assertTrue(MpiCommunication.wantsYieldingWait(false, 1, 8, "1"));
        assertFalse(MpiCommunication.wantsYieldingWait(true, 3, 2, "0"));
        CommException bad = assertThrows(CommException.class, () -> MpiCommunication.wantsYieldingWait(true, 3, 2, "yes"));
        assertTrue(bad.getMessage().contains("JHEAT_MPI_YIELD") && bad.getMessage().contains("'yes'"), bad.getMessage());
        if (!(comm instanceof MpiCommunication)) return;
        boolean mpich = org.jheat.natives.Mpi.FAMILY == org.jheat.natives.MpiAbi.Family.MPICH;
        boolean mine = MpiCommunication.wantsYieldingWait(mpich, Communications.localSize(),
                Runtime.getRuntime().availableProcessors(), System.getenv("JHEAT_MPI_YIELD"));
        String env = System.getenv("JHEAT_MPI_YIELD");
        boolean agreed = !mpich && (env == null || env.isBlank()) ? mine : comm.allreduce(mine ? 1L : 0L, ReduceOp.MAX) != 0;
        assertEquals(agreed, org.jheat.natives.Mpi.yieldingWait());
    }

    @Test
    void g02_chunkLimitIsValidated() {
        assertThrows(IllegalArgumentException.class, () -> MpiCommunication.setChunkLimit(0));
        assertThrows(IllegalArgumentException.class, () -> MpiCommunication.setChunkLimit(1L << 31));
        assertEquals(Integer.MAX_VALUE, MpiCommunication.chunkLimit());
    }

    // ---------------------------------------------------------------- invalid arguments

    static void iae(String mustMention, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(mustMention), () -> "message '" + e.getMessage() + "' should mention " + mustMention);
    }

    @Test
    void h01_invalidArgumentsFailOnEveryRankBeforeCommunicating() {
        MemorySegment x = doubles(4), small = doubles(2), heap = MemorySegment.ofArray(new double[4]);
        iae("root", () -> comm.bcast(x, 4, DType.FLOAT64, size));
        iae("root", () -> comm.reduce(x, x, 4, DType.FLOAT64, ReduceOp.SUM, -1));
        iae("count", () -> comm.allreduce(x, x, -1, DType.FLOAT64, ReduceOp.SUM));
        iae("send", () -> comm.allreduce(small, x, 4, DType.FLOAT64, ReduceOp.SUM));
        iae("recv", () -> comm.allreduce(x, small, 4, DType.FLOAT64, ReduceOp.SUM));
        iae("native", () -> comm.allreduce(heap, x, 4, DType.FLOAT64, ReduceOp.SUM));
        iae("BAND", () -> comm.allreduce(x, x, 4, DType.FLOAT64, ReduceOp.BAND));
        iae("LAND", () -> comm.allreduce(x, x, 4, DType.FLOAT32, ReduceOp.LAND));
        iae("MAX", () -> comm.allreduce(x, x, 1, DType.COMPLEX128, ReduceOp.MAX));
        iae("recv", () -> comm.allgather(x, 3, small, DType.FLOAT64));
        iae("recvCounts", () -> comm.allgatherv(x, 1, x, new long[size + 1], new long[size + 1], DType.FLOAT64));
        long[] ones = new long[size], displs = new long[size];
        java.util.Arrays.fill(ones, 1);
        for (int r = 0; r < size; r++) displs[r] = r;
        long[] neg = ones.clone();
        neg[0] = -1;
        iae("recvCounts[0]", () -> comm.allgatherv(x, 1, doubles(size), neg, displs, DType.FLOAT64));
        long[] far = displs.clone();
        far[size - 1] = size;
        iae("outside", () -> comm.allgatherv(x, 1, doubles(size), ones, far, DType.FLOAT64));
        iae("sendCount", () -> comm.allgatherv(x, 2, doubles(size), ones, displs, DType.FLOAT64));
        iae("sendCounts", () -> comm.alltoallv(x, new long[size + 2], new long[size + 2], x, ones, displs, DType.FLOAT64));
        iae("dest", () -> comm.send(x, 1, DType.FLOAT64, size, 0));
        iae("source", () -> comm.irecv(x, 1, DType.FLOAT64, -1, 0));
        iae("tag", () -> comm.isend(x, 1, DType.FLOAT64, 0, -5));
        iae("buf", () -> comm.recv(small, 4, DType.FLOAT64, 0, 0));
        iae("color", () -> comm.split(-1, 0));
        iae("type", () -> comm.bcast(x, 1, null, 0));
        // nothing was sent or half-started: the next collective works on every rank
        comm.allreduce(x, x, 4, DType.FLOAT64, ReduceOp.SUM);
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
    }

    // ---------------------------------------------------------------- beyond 2^31 elements

    @Test
    void z01_largeAllreduceBeyondIntCount() {
        Assumptions.assumeTrue("1".equals(System.getenv("JHEAT_LARGE_TESTS")), "set JHEAT_LARGE_TESTS=1 (needs ~5 GB per rank)");
        long n = (1L << 31) + 1000;
        try (Arena big = Arena.ofConfined()) {
            MemorySegment x = big.allocate(n);
            for (long i = 0; i < n; i++) x.set(JAVA_BYTE, i, (byte) ((i + rank) % 251));
            comm.allreduce(x, x, n, DType.UINT8, ReduceOp.MAX);
            long bad = 0;
            for (long i = 0; i < n; i++) {
                long e = -1;
                for (int r = 0; r < size; r++) e = Math.max(e, (i + r) % 251);
                if ((x.get(JAVA_BYTE, i) & 0xff) != e) bad++;
            }
            assertEquals(0, bad, "wrong elements after an allreduce of " + n + " uint8");
            // bcast the same buffer from the last rank: every chunk boundary must survive
            if (rank == size - 1) for (long i = n - 2000; i < n; i++) x.set(JAVA_BYTE, i, (byte) (i % 7));
            comm.bcast(x, n, DType.UINT8, size - 1);
            for (long i = n - 2000; i < n; i++) assertEquals((byte) (i % 7), x.get(JAVA_BYTE, i));
        }
        assertEquals(size, comm.allreduce(1L, ReduceOp.SUM));
    }
}
