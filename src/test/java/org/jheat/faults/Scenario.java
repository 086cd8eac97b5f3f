package org.jheat.faults;

import static org.jheat.Heat.arange;
import static org.jheat.Heat.print0;

import java.nio.file.Path;

import org.jheat.Heat;
import org.jheat.comm.CollectiveMismatchException;
import org.jheat.comm.Communication;
import org.jheat.comm.Communications;
import org.jheat.comm.ReduceOp;
import org.jheat.core.DNDarray;
import org.jheat.io.IO;
import org.jheat.tensor.DType;
import org.jheat.tensor.Tensor;

/**
 * The programs that {@link NoHangTest} runs under its own {@code mpirun}: each one is a fault a new user makes
 * ({@code System.exit} on one rank, printing on one rank …). Every process prints {@code PID <rank> <pid>} first, so
 * that the test can signal the ranks, and {@code READY} once the fault is about to happen.
 * <pre>{@code mpirun -np 3 java … org.jheat.faults.Scenario exit }</pre>
 */
public final class Scenario {
    private Scenario() { }

    /** {@code args[0]}: the scenario; the rest its arguments. */
    public static void main(String[] args) throws Exception {
        Communication comm = Communications.world();
        int rank = comm.rank();
        System.out.println("PID " + rank + " " + ProcessHandle.current().pid());
        System.out.flush();
        DNDarray x = arange(0, 10_000, 1, DType.FLOAT64, 0).reshape(1000, 10);
        comm.barrier();
        ready(comm);
        switch (args[0]) {
            case "tostring" -> {
                DNDarray s = x.sum(1);
                long before = Communications.callCount();
                if (rank == 0) {
                    System.out.println("x = " + x);
                    System.out.println("s = " + s + " map rows " + s.lshapeMap().length + " counts " + s.countsDispls()[0].length
                            + " balanced " + s.isBalanced() + " " + s.balanced());
                }
                long made = Communications.callCount() - before;
                System.out.println("CALLS rank " + rank + " " + made);
                print0("sum =", s.sum());
            }
            case "exception" -> {
                if (rank == 1) throw new IllegalStateException("boom on rank 1");
                x.sum();
            }
            case "exit" -> {
                if (rank == 1) System.exit(3);
                x.sum();
            }
            case "return" -> {
                if (rank == 1) return;
                x.sum();
            }
            case "slow-end" -> {
                // rank 0 works alone for a while after the last collective; the others end first: a normal end
                x.sum();
                if (rank == 0) Thread.sleep(Long.parseLong(args[1]));
            }
            case "sigterm" -> {
                if (rank == 0) Thread.sleep(120_000);
                x.sum();
            }
            case "mismatch" -> {
                String msg;
                try {
                    if (rank == 0) x.sum(); else x.mean();
                    msg = "no exception";
                } catch (CollectiveMismatchException e) {
                    msg = e.getMessage();
                }
                System.out.println("MISMATCH rank " + rank + " " + msg.hashCode() + (rank == 0 ? "\n" + msg : ""));
                long n = comm.allreduce(1L, ReduceOp.SUM);
                System.out.println("AFTER rank " + rank + " " + n);
            }
            case "hang" -> {
                // rank 0 waits for a message nobody sends; the others wait in a barrier rank 0 never reaches
                if (rank == 0) {
                    Tensor t = Tensor.empty(DType.FLOAT64, 1);
                    comm.recv(t.data(), 1, DType.FLOAT64, 1, 5);
                }
                comm.barrier();
            }
            case "oom" -> {
                if (rank == 1) Tensor.empty(DType.FLOAT64, 1L << 47);
                x.sum();
            }
            case "save" -> {
                // args: path, rows; saves repeatedly until killed
                long rows = Long.parseLong(args[2]);
                DNDarray big = Heat.full(new long[] {rows, 64}, 1.0, DType.FLOAT64, 0);
                for (int i = 0; ; i++) {
                    System.out.println("SAVING " + i);
                    System.out.flush();
                    IO.save(big, Path.of(args[1]).toString());
                }
            }
            default -> throw new IllegalArgumentException("unknown scenario " + args[0]);
        }
        System.out.println("END rank " + rank);
        System.out.flush();
    }

    private static void ready(Communication comm) {
        if (comm.rank() == 0) {
            System.out.println("READY");
            System.out.flush();
        }
    }
}
