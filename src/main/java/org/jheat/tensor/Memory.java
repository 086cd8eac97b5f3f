package org.jheat.tensor;

import java.lang.foreign.MemorySegment;

/**
 * A block of memory that backs tensors: host memory from {@link Storage} on the CPU, device memory for another
 * {@link Backend}. Views and slices of a tensor share its block.
 *
 * <pre>{@code
 * Memory m = t.storage();
 * if (m != null) m.free();   // an op's temporary, once no view of it is used any more
 * }</pre>
 */
public interface Memory {
    /** The whole block, in the address space of its backend's device (host memory for the CPU). */
    MemorySegment segment();

    /**
     * Releases the block now. Only for memory whose every view is known to be dead (an op's temporaries); touching
     * it afterwards is undefined. Idempotent.
     */
    void free();
}
