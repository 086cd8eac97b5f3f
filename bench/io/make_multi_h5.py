#!/usr/bin/python3
"""Writes 8 HDF5 files with a float32 dataset "data" of 8192 x 8192 (256 MiB each, 2 GiB in all) for the
loadMultipleHdf5 benchmark; never commit them.
usage: /usr/bin/python3 bench/io/make_multi_h5.py /tmp/jheat-multi   (writes /tmp/jheat-multi/part_0.h5 …)"""
import os
import sys
import numpy as np
import h5py

d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/jheat-multi"
os.makedirs(d, exist_ok=True)
rng = np.random.default_rng(0)
for i in range(8):
    with h5py.File(os.path.join(d, "part_%d.h5" % i), "w") as f:
        f.create_dataset("data", data=rng.random((8192, 8192), dtype=np.float32))
print(d, 8 * 8192 * 8192 * 4 / 1e9, "GB")
