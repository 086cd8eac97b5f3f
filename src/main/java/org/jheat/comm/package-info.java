/**
 * Communication between the processes of a jheat job: the {@link org.jheat.comm.Communication} interface (MPI's
 * collectives and point-to-point calls on off-heap {@link java.lang.foreign.MemorySegment}s, with {@code long}
 * counts), {@link org.jheat.comm.MpiCommunication} over Open MPI or the MPICH family, {@link org.jheat.comm.SingleProcess} for runs
 * without MPI, and {@link org.jheat.comm.Communications#world()}, which picks one of them for the process.
 * Everything above this package moves data only through these calls.
 *
 * <pre>{@code
 * Communication comm = Communications.world();
 * long rows = comm.allreduce(localRows, ReduceOp.SUM);
 * }</pre>
 */
package org.jheat.comm;
