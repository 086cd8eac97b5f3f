#!/usr/bin/python3
"""Reference for org.jheat.io.IOBench hdf5: h5py (Debian's python3-h5py) reads a whole dataset into memory.
usage: /usr/bin/python3 bench/io/h5_read.py FILE DATASET [REPS]"""
import sys
import time
import h5py

path, name = sys.argv[1], sys.argv[2]
reps = int(sys.argv[3]) if len(sys.argv) > 3 else 3
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    with h5py.File(path, "r") as f:
        a = f[name][()]
    times.append(time.perf_counter() - t0)
    nbytes = a.nbytes
    del a
best = min(times)
print("h5py-read bytes=%d best %.3f s (%.2f GB/s) all %s" % (nbytes, best, nbytes / best / 1e9, times))
