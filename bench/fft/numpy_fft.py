#!/usr/bin/python3
"""Reference for `jheat bench fft`: numpy.fft (pocketfft, one thread) on the same problems: the median milliseconds
of fft2 of an N x N complex128 array and of a 1-d fft of M points over R repetitions, after one warm-up.

    /usr/bin/python3 bench/fft/numpy_fft.py 4096 16777216 5
"""
import sys
import time

import numpy as np

n = int(sys.argv[1]) if len(sys.argv) > 1 else 4096
m = int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 24
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 5
rng = np.random.default_rng(1)


def median_ms(f, x):
    f(x)
    t = []
    for _ in range(reps):
        t0 = time.perf_counter()
        y = f(x)
        t.append((time.perf_counter() - t0) * 1e3)
        del y
    return sorted(t)[reps // 2]


x2 = rng.random((n, n)) + 1j * rng.random((n, n))
print(f"numpy {np.__version__} fft2 {n}x{n} complex128: median {median_ms(np.fft.fft2, x2):.1f} ms")
del x2
x1 = rng.random(m) + 1j * rng.random(m)
print(f"numpy fft1d {m} complex128: median {median_ms(np.fft.fft, x1):.1f} ms")
