# numpy's first and warm calls of the stages of `bin/jheat bench first-call` (same sizes, one process):
# randn (ROWS, 8) float64, mean/std/max, 2*x + 1, and 6,000 adds of 1-element arrays (us per call).
# usage: /usr/bin/python3 bench/core/numpy_first_call.py [ROWS] [ROUNDS]
import sys, time
t_import = time.perf_counter()
import numpy as np
t_import = time.perf_counter() - t_import
rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 2_000_000
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
stages = ["randn", "mean,std,max", "2*x + 1", "add 1-elem x6000 (us/call)"]
t = []
for r in range(rounds):
    g = np.random.default_rng(r)
    t0 = time.perf_counter(); x = g.standard_normal((rows, 8))
    t1 = time.perf_counter(); v = float(x.mean()) + float(x.std()) + float(x.max())
    t2 = time.perf_counter(); z = 2 * x + 1
    t3 = time.perf_counter(); o = np.ones(1)
    for _ in range(6000): a = o + o
    t4 = time.perf_counter()
    t.append([(t1 - t0) * 1e3, (t2 - t1) * 1e3, (t3 - t2) * 1e3, (t4 - t3) * 1e6 / 6000])
    del x, z
print(f"numpy first-call: standard_normal ({rows}, 8) float64, {rounds} rounds (ms; the add in us per call); import numpy {t_import * 1e3:.1f} ms")
print(f"{'round':8s}" + "".join(f" {s:>28s}" for s in stages))
for r, row in enumerate(t):
    print(f"{r + 1:<8d}" + "".join(f" {v:28.3f}" for v in row))
warm = [sorted(t[r][j] for r in range(1, rounds))[(rounds - 1) // 2] for j in range(len(stages))]
print(f"{'warm':8s}" + "".join(f" {v:28.3f}" for v in warm))
print(f"{'1st/warm':8s}" + "".join(f" {t[0][j] / warm[j]:28.2f}" for j in range(len(stages))))
