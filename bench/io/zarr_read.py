#!/usr/bin/python3
"""Reference for org.jheat.io.IOBench zarr: zarr-python (Debian's python3-zarr) reads a whole array into memory.
usage: /usr/bin/python3 bench/io/zarr_read.py STORE [REPS]"""
import sys
import time
import zarr

path = sys.argv[1]
reps = int(sys.argv[2]) if len(sys.argv) > 2 else 3
times = []
for _ in range(reps):
    t0 = time.perf_counter()
    a = zarr.open_array(path, mode="r")[...]
    times.append(time.perf_counter() - t0)
    nbytes = a.nbytes
    del a
best = min(times)
print("zarr-python-read bytes=%d best %.3f s (%.2f GB/s) all %s" % (nbytes, best, nbytes / best / 1e9, times))
