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
    """Median wall and thread-CPU milliseconds (CPU time is the steadier figure on a loaded machine)."""
    for _ in range(2):
        f()
    ts, cs = [], []
    for _ in range(reps):
        t, c = time.perf_counter(), time.thread_time()
        f()
        ts.append(time.perf_counter() - t)
        cs.append(time.thread_time() - c)
    ts.sort()
    cs.sort()
    return 1e3 * ts[len(ts) // 2], 1e3 * cs[len(cs) // 2]


def main():
    n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    g = np.random.default_rng(42)
    buf = np.empty(n)
    u = median_ms(lambda: g.random(out=buf), reps)
    z = median_ms(lambda: g.standard_normal(out=buf), reps)
    print(f"numpy random bench: n={n} float64, numpy {np.__version__}, reps={reps}, reused buffer (out=)")
    print(f"  random           {u[0]:8.1f} ms  {u[0] * 1e6 / n:6.2f} ns/value  (cpu of the thread {u[1]:.1f} ms)")
    print(f"  standard_normal  {z[0]:8.1f} ms  {z[0] * 1e6 / n:6.2f} ns/value  (cpu of the thread {z[1]:.1f} ms)")


if __name__ == "__main__":
    main()
