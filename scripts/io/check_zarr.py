#!/usr/bin/python3
"""Reads a Zarr store that jheat wrote with an independent reader and compares it with a .npy file (numpy's own
reader): zarr-python 2.x for format 2; for format 3 (which Debian 12's zarr-python cannot read) a reader of the v3
specification built on numcodecs. Prints OK or what differs; exit status 0 or 1.
Usage: /usr/bin/python3 scripts/io/check_zarr.py STORE EXPECTED.npy [ARRAY_NAME]
       /usr/bin/python3 scripts/io/check_zarr.py --each STORE EXPECTED.npy ARRAY_NAME|- ...   (one line per triple,
       one interpreter start for all of them)"""
import json
import os
import sys

import numpy as np
import numcodecs
import zarr


def read_v3(path):
    meta = json.load(open(os.path.join(path, "zarr.json")))
    dtype = np.dtype(meta["data_type"])
    shape = tuple(meta["shape"])
    chunks = tuple(meta["chunk_grid"]["configuration"]["chunk_shape"])
    enc = meta["chunk_key_encoding"]
    sep = enc.get("configuration", {}).get("separator", "/" if enc["name"] == "default" else ".")
    fill = meta["fill_value"]
    fill = {"NaN": np.nan, "Infinity": np.inf, "-Infinity": -np.inf}.get(fill, fill) if isinstance(fill, str) else fill
    order, endian, post = "C", "<", []
    for c in meta["codecs"]:
        cfg = c.get("configuration", {})
        if c["name"] == "transpose":
            order = "F" if list(cfg["order"]) == list(range(len(shape)))[::-1] and len(shape) > 1 else "C"
        elif c["name"] == "bytes":
            endian = ">" if cfg.get("endian") == "big" else "<"
        elif c["name"] == "zstd":
            post.append(numcodecs.Zstd(level=cfg.get("level", 0)))
        elif c["name"] == "gzip":
            post.append(numcodecs.GZip(level=cfg.get("level", 5)))
        elif c["name"] == "blosc":
            post.append(numcodecs.Blosc())
        else:
            raise SystemExit("codec %s not handled by this checker" % c["name"])
    out = np.full(shape, fill, dtype=dtype)
    grid = [(n + c - 1) // c for n, c in zip(shape, chunks)]
    for idx in np.ndindex(*grid):
        key = sep.join((["c"] if enc["name"] == "default" else []) + [str(i) for i in idx]) or ("c" if enc["name"] == "default" else "0")
        f = os.path.join(path, *key.split("/"))
        if not os.path.exists(f):
            continue
        raw = open(f, "rb").read()
        for codec in reversed(post):
            raw = codec.decode(raw)
        block = np.frombuffer(bytes(raw), dtype=dtype.newbyteorder(endian)).reshape(chunks, order=order)
        sl = tuple(slice(i * c, min((i + 1) * c, n)) for i, c, n in zip(idx, chunks, shape))
        out[sl] = block[tuple(slice(0, s.stop - s.start) for s in sl)]
    return out


def check(store, npy, name):
    """OK, or what differs (on one line)."""
    expected = np.load(npy)
    path = os.path.join(store, name) if name else store
    if os.path.exists(os.path.join(path, "zarr.json")):
        got = read_v3(path)
    else:
        got = zarr.open_array(path, mode="r")[...]
    if got.dtype != expected.dtype or got.shape != expected.shape:
        return "dtype/shape differ: %s %s vs %s %s" % (got.dtype, got.shape, expected.dtype, expected.shape)
    if not np.array_equal(got, expected, equal_nan=got.dtype.kind == "f"):
        return "values differ: %s vs %s" % (got.tolist(), expected.tolist())
    return "OK"


def main():
    if sys.argv[1] == "--each":
        args = sys.argv[2:]
        if len(args) % 3:
            raise SystemExit("--each takes triples STORE EXPECTED.npy ARRAY_NAME|-")
        results = [check(args[i], args[i + 1], None if args[i + 2] == "-" else args[i + 2]) for i in range(0, len(args), 3)]
    else:
        results = [check(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)]
    for r in results:
        print(r)
    return 0 if all(r == "OK" for r in results) else 1


sys.exit(main())
