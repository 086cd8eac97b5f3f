#!/usr/bin/env python3
"""numpy's Generator (PCG64) as the reference for `bin/jheat bench random N REPS`: uniform float64
(Generator.random) and standard normal float64 (Generator.standard_normal, ziggurat) of N values into a reused
buffer (out=), median of REPS timed calls after two warm-up calls, in ns per value (one thread, as numpy is).

    python3 bench/random/numpy_random.py 1e7 9
"""
import sys
import time

import numpy as np


def median_ms(f, reps):
    for _ in range(2):
        f()
    ts = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t)
    ts.sort()
    return 1e3 * ts[len(ts) // 2]


def main():
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    g = np.random.default_rng(42)
    buf = np.empty(n)
    u = median_ms(lambda: g.random(out=buf), reps)
    z = median_ms(lambda: g.standard_normal(out=buf), reps)
    print(f"numpy random bench: n={n} float64, numpy {np.__version__}, reps={reps}, reused buffer (out=)")
    print(f"  random           {u:8.1f} ms  {u * 1e6 / n:6.2f} ns/value")
    print(f"  standard_normal  {z:8.1f} ms  {z * 1e6 / n:6.2f} ns/value")


if __name__ == "__main__":
    main()
