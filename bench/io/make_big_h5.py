#!/usr/bin/python3
"""Writes a float32 HDF5 dataset of about 2 GB (524288 x 1024) for the read benchmark; never commit it.
usage: /usr/bin/python3 bench/io/make_big_h5.py /tmp/jheat-big.h5"""
import sys
import numpy as np
import h5py

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/jheat-big.h5"
rows, cols, step = 524288, 1024, 32768
with h5py.File(path, "w") as f:
    d = f.create_dataset("data", (rows, cols), dtype="f4")
    rng = np.random.default_rng(0)
    for r in range(0, rows, step):
        d[r:r + step] = rng.random((step, cols), dtype=np.float32)
print(path, rows * cols * 4 / 1e9, "GB")
