#!/usr/bin/python3
"""Writes the same float32 array of about 2 GB (65536 x 8192, chunks of 256 x 8192 = 8 MiB) as two Zarr v2 stores
with zarr-python: Blosc/LZ4 with byte shuffle (zarr-python's default) and Zstandard level 1; never commit them.
usage: /usr/bin/python3 bench/io/make_big_zarr.py /tmp/jheat-big   (writes /tmp/jheat-big-blosc.zarr, -zstd.zarr)"""
import sys
import numpy as np
import zarr
from numcodecs import Blosc, Zstd

base = sys.argv[1] if len(sys.argv) > 1 else "/tmp/jheat-big"
rows, cols, chunk = 65536, 8192, 256
rng = np.random.default_rng(0)
stores = {"blosc": Blosc(cname="lz4", clevel=5, shuffle=Blosc.SHUFFLE), "zstd": Zstd(level=1)}
arrays = {k: zarr.open_array(base + "-" + k + ".zarr", mode="w", shape=(rows, cols), chunks=(chunk, cols), dtype="f4", compressor=c)
          for k, c in stores.items()}
step = 4096
for r in range(0, rows, step):
    # smooth values with noise in the low bits: compressible like measured data, not like pure random numbers
    block = (np.sin(np.arange(r, r + step, dtype=np.float32)[:, None] * 1e-3) * np.cos(np.arange(cols, dtype=np.float32) * 1e-2)
             + rng.standard_normal((step, cols), dtype=np.float32) * 1e-3).astype(np.float32)
    for a in arrays.values():
        a[r:r + step] = block
print(base, rows * cols * 4 / 1e9, "GB each")
