package org.jheat.tensor;

/**
 * Anything that has an element type: local tensors and distributed arrays; lets {@link DType#resultType}
 * take them directly.
 * <pre>{@code DType t = DType.resultType(tensor, 2.0); }</pre>
 */
public interface HasDType {
    /** The element type. */
    DType dtype();
}
