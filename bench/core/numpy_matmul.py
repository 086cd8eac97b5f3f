"""numpy's A @ B for `bin/jheat bench dgemm M K N REPS` (uniform [0, 1) A (M x K) and B (K x N), float64): one
untimed product, then the best and median milliseconds of REPS; also (Bᵀ @ Aᵀ), the same product stored
column-major, which OpenBLAS computes faster when C is tall and skinny.

    /usr/bin/python3 bench/core/numpy_matmul.py 200000 1000 20 5
"""
import sys
import time

import numpy as np


def timed(f, reps):
    f()
    ms = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ms.append((time.perf_counter() - t) * 1e3)
    ms.sort()
    return ms[0], ms[reps // 2]


def main():
    m, k, n = (int(float(v)) for v in sys.argv[1:4])
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    rng = np.random.default_rng(1)
    a, b = rng.random((m, k)), rng.random((k, n))
    flops = 2.0 * m * k * n
    best, med = timed(lambda: a @ b, reps)
    print("numpy A @ B %d x %d x %d: best %.1f ms (%.1f GFLOPs), median %.1f ms" % (m, k, n, best, flops / best / 1e6, med))
    best, med = timed(lambda: b.T @ a.T, reps)
    print("numpy (B.T @ A.T) %d x %d x %d: best %.1f ms (%.1f GFLOPs), median %.1f ms" % (m, k, n, best, flops / best / 1e6, med))


if __name__ == "__main__":
    main()
