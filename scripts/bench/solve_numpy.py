#!/usr/bin/python3
"""numpy's counterpart of `bin/jheat bench solve N none DTYPE REPS`: np.linalg.solve of an n×n matrix (uniform random
plus n·I, complex: uniform real and imaginary parts) with an n×8 right side; prints the median seconds like jheat.
usage: /usr/bin/python3 scripts/bench/solve_numpy.py [N] [DTYPE] [REPS]   (defaults 2000 complex128 3)"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 2000
dtype = sys.argv[2] if len(sys.argv) > 2 else "complex128"
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
rng = np.random.default_rng(7)
a = rng.random((n, n))
if np.dtype(dtype).kind == "c":
    a = a + 1j * rng.random((n, n))
a = (a + n * np.eye(n)).astype(dtype)
b = rng.random((n, 8)).astype(dtype)
np.linalg.solve(a, b)
sec = []
for _ in range(reps):
    t0 = time.perf_counter()
    np.linalg.solve(a, b)
    sec.append(time.perf_counter() - t0)
s = sorted(sec)[len(sec) // 2]
flops = 2.0 * n ** 3 / 3 * (4 if np.dtype(dtype).kind == "c" else 1)
print("numpy solve n=%d %s: %.3f s, %.1f GFLOP/s" % (n, dtype, s, flops / s / 1e9))
