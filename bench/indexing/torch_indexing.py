#!/usr/bin/env python3
"""The reference for `bin/jheat bench indexing ROWS COLS NIDX REPS`: the boolean-mask selection x[x[:, 0] > 0]
(mask made outside the timing) and the row gather x[idx] with NIDX random int64 row indices, on a (ROWS, COLS)
float64 array of standard normals, with torch (when installed: Debian's python3-torch, which Heat runs on) and
numpy, median wall and thread-CPU milliseconds of REPS calls after two warm-up calls.

    /usr/bin/python3 bench/indexing/torch_indexing.py 1e6 8 1e5 9
"""
import sys
import time

import numpy as np


def median_ms(f, reps):
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
    rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 1_000_000
    cols = int(float(sys.argv[2])) if len(sys.argv) > 2 else 8
    nidx = int(float(sys.argv[3])) if len(sys.argv) > 3 else 100_000
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 9
    g = np.random.default_rng(42)
    x = g.standard_normal((rows, cols))
    idx = g.integers(0, rows, nidx)
    mask = x[:, 0] > 0
    libs = [("numpy", x, mask, idx)]
    try:
        import torch
        libs.append((f"torch {torch.__version__} ({torch.get_num_threads()} threads)", torch.from_numpy(x),
                     torch.from_numpy(mask), torch.from_numpy(idx)))
    except ImportError:
        print("torch is not installed (apt-get install python3-torch); numpy only")
    print(f"indexing reference: ({rows}, {cols}) float64, {nidx} indices, reps={reps}")
    for name, xa, m, ix in libs:
        mm = median_ms(lambda: xa[m], reps)
        gg = median_ms(lambda: xa[ix], reps)
        print(f"  {name}: x[x[:, 0] > 0] {mm[0]:.2f} ms (cpu {mm[1]:.2f}); x[idx] {gg[0]:.2f} ms (cpu {gg[1]:.2f})")


if __name__ == "__main__":
    main()
