# torch and numpy counterparts of `bin/jheat bench reduce`: sum and mean along axis 0, sum along axis 1 and the
# whole sum of a (ROWS, COLS) float64 array of standard normals; median of REPS runs after 5 warm-up calls.
# usage: /usr/bin/python3 bench/core/torch_reduce.py [ROWS] [COLS] [REPS] [THREADS]   (torch: apt-get install python3-torch)
import sys, time
import numpy as np
rows = int(float(sys.argv[1])) if len(sys.argv) > 1 else 10_000_000
cols = int(float(sys.argv[2])) if len(sys.argv) > 2 else 8
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 9
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 1
x = np.random.default_rng(42).standard_normal((rows, cols))

def med(f):
    for _ in range(5): f()
    t = []
    for _ in range(reps):
        s = time.perf_counter(); f(); t.append((time.perf_counter() - s) * 1e3)
    return sorted(t)[reps // 2]

ops = [("sum axis 0", lambda a, m: m.sum(a, 0)), ("mean axis 0", lambda a, m: m.mean(a, 0)),
       ("sum axis 1", lambda a, m: m.sum(a, 1)), ("sum", lambda a, m: m.sum(a))]
print(f"numpy {np.__version__}: ({rows}, {cols}) float64 (ms, median of {reps})")
for name, f in ops: print(f"  {name:12s} {med(lambda: f(x, np)):9.2f} ms")
try:
    import torch
    torch.set_num_threads(threads)
    t = torch.from_numpy(x)
    print(f"torch {torch.__version__}, {threads} thread(s)")
    for name, f in ops: print(f"  {name:12s} {med(lambda: f(t, torch)):9.2f} ms")
except ImportError:
    print("torch: not installed (apt-get install -y python3-torch)")
