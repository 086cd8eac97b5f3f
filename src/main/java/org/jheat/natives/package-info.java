/**
 * Foreign Function &amp; Memory (FFM) bindings to native libraries: one small class per library
 * (for example {@link org.jheat.natives.Mpi} for Open MPI's or an MPICH-family {@code libmpi}, whose ABI
 * {@link org.jheat.natives.MpiAbi} describes), no JNI and no C code.
 * A binding only loads its library, caches {@link java.lang.invoke.MethodHandle}s in static finals and
 * exposes thin static methods that return the library's own status codes; the layers above turn those
 * codes into exceptions and pick the handles they need.
 *
 * <pre>{@code
 * int rc = Mpi.commRank(Mpi.COMM_WORLD, slot);   // 0 == Mpi.SUCCESS
 * }</pre>
 */
package org.jheat.natives;
