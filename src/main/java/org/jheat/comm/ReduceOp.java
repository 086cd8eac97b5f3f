package org.jheat.comm;

/**
 * Reduction operators of the collective calls (MPI_SUM, MPI_PROD, …).
 * <pre>{@code long total = comm.allreduce(localCount, ReduceOp.SUM); }</pre>
 */
public enum ReduceOp {
    /** Sum. */ SUM,
    /** Product. */ PROD,
    /** Minimum. */ MIN,
    /** Maximum. */ MAX,
    /** Logical and (nonzero is true). */ LAND,
    /** Logical or. */ LOR,
    /** Logical exclusive or. */ LXOR,
    /** Bitwise and (integer types only). */ BAND,
    /** Bitwise or (integer types only). */ BOR,
    /** Bitwise exclusive or (integer types only). */ BXOR
}
