#!/usr/bin/python3
"""Reference for org.jheat.io.IOBench csv: numpy.loadtxt or numpy.genfromtxt (no pandas) parse a CSV of floats.
usage: /usr/bin/python3 bench/io/csv_read.py loadtxt|genfromtxt FILE [REPS]"""
import sys
import time
import numpy as np

how, path = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 1
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    a = np.loadtxt(path, delimiter=",") if how == "loadtxt" else np.genfromtxt(path, delimiter=",")
    times.append(time.perf_counter() - t0)
best = min(times)
print("%s rows=%d best %.3f s (%.0f rows/s) all %s" % (how, a.shape[0], best, a.shape[0] / best, times))
