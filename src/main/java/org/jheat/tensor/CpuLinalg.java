package org.jheat.tensor;

/**
 * The CPU's {@link LocalLinalg}: where the BLAS/LAPACK calls on host tensors (through {@code org.jheat.natives})
 * are implemented.
 * <pre>{@code LocalLinalg la = Device.CPU.backend().linalg(); }</pre>
 */
final class CpuLinalg implements LocalLinalg {
    static final CpuLinalg INSTANCE = new CpuLinalg();

    private CpuLinalg() { }
}
