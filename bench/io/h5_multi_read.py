#!/usr/bin/python3
"""Reference for org.jheat.io.IOBench multi-hdf5: h5py reads the dataset of every file of a folder in a loop and
numpy concatenates them (what a user would write without jheat).
usage: /usr/bin/python3 bench/io/h5_multi_read.py FOLDER DATASET [REPS]"""
import glob
import os
import sys
import time
import h5py
import numpy as np

folder, name = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
files = sorted(glob.glob(os.path.join(folder, "*.h5")))
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    parts = []
    for p in files:
        with h5py.File(p, "r") as f:
            parts.append(f[name][()])
    a = np.concatenate(parts)
    times.append(time.perf_counter() - t0)
    nbytes = a.nbytes
    del a, parts
best = min(times)
print("h5py-loop-read files=%d bytes=%d best %.3f s (%.2f GB/s) all %s" % (len(files), nbytes, best, nbytes / best / 1e9, times))
