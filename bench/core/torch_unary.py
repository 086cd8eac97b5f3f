#!/usr/bin/env python3
"""The reference for `bin/jheat bench unary --n N`: exp, log, sin and tanh of N float64 values uniform in [0.1, 10),
with numpy and (when installed: Debian's python3-torch, which Heat runs on) torch, each call writing into a
preallocated output (reused memory, as jheat's bench frees each result); median milliseconds of REPS calls after
three warm-up calls.

    OMP_NUM_THREADS=1 /usr/bin/python3 bench/core/torch_unary.py 1e7 9 1
"""
import sys
import time

import numpy as np

n = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 9
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 1
x = np.random.default_rng(0).random(n) * 9.9 + 0.1


def med(f):
    for _ in range(3):
        f()
    t = []
    for _ in range(reps):
        s = time.perf_counter()
        f()
        t.append((time.perf_counter() - s) * 1e3)
    return sorted(t)[reps // 2]


names = ["exp", "log", "sin", "tanh"]
out = np.empty_like(x)
print(f"numpy {np.__version__}: " + "  ".join(f"{m} {med(lambda: getattr(np, m)(x, out=out)):.2f} ms" for m in names)
      + f"  ({n} float64, reused output)")
try:
    import torch
    torch.set_num_threads(threads)
    t = torch.from_numpy(x)
    o = torch.empty_like(t)
    print(f"torch {torch.__version__}, {threads} thread(s): "
          + "  ".join(f"{m} {med(lambda: getattr(torch, m)(t, out=o)):.2f} ms" for m in names))
except ImportError:
    print("torch: not installed (apt-get install -y python3-torch)")
