#!/usr/bin/python3
"""Writes src/test/resources/io/zarr_more: Zarr fixtures for filters, uint64, wildcard names and sharding, each
array with the values numpy sees next to it as NAME.npy (what zarr-python reads back, or for the hand-written v3
stores the array the chunks were made from, missing chunks as the fill value).

v2 stores are written by zarr-python 2.x (Debian 12: apt-get install -y python3-zarr python3-numcodecs).
zarr-python 2.13 cannot write Zarr v3, let alone sharding, so the sharded v3 stores are written here from the
v3 specification (sharding_indexed: inner chunks, then an index of (offset, nbytes) uint64 pairs in C order of the
inner chunks, 2^64-1 twice for an empty one, encoded with its index codecs, at the shard's end or start), with
numcodecs for the inner codecs and a pure-Python CRC-32C.
usage: /usr/bin/python3 scripts/golden/make_zarr_more.py"""
import json
import os
import shutil

import numpy as np
import numcodecs
import zarr
from numcodecs import Blosc, GZip, Zlib, Zstd

out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "src", "test", "resources", "io", "zarr_more")
shutil.rmtree(out, ignore_errors=True)
os.makedirs(out)


def p(name):
    return os.path.join(out, name)


def expect(name, arr):
    """The values as jheat reads them: unsigned 16/32-bit widen, uint64 as int64 (jheat's dtypes)."""
    arr = np.asarray(arr)
    wider = {np.dtype(np.uint16): np.int32, np.dtype(np.uint32): np.int64, np.dtype(np.uint64): np.int64}
    np.save(p(name + ".npy"), np.ascontiguousarray(arr.astype(wider.get(arr.dtype, arr.dtype))))


def v2(name, data, chunks, compressor=None, filters=None, keep=True):
    z = zarr.open_array(p(name), mode="w", shape=data.shape, chunks=chunks, dtype=data.dtype, compressor=compressor, filters=filters)
    z[...] = data
    if keep:
        back = zarr.open_array(p(name), mode="r")[...]
        expect(name, back)
    return z


rng = np.random.default_rng(19)

# ---------------------------------------------------------------- v2 filters (numcodecs), as zarr-python writes them
steps = rng.integers(-300, 300, size=13)
v2("delta_i8_as_i2.zarr", (np.cumsum(steps) + 10 ** 12).astype(np.int64), (5,), Zstd(level=1),
   [numcodecs.Delta(dtype="<i8", astype="<i2")])
v2("delta_i4_2d.zarr", np.arange(35, dtype=np.int32).reshape(7, 5) * 3 - 40, (3, 2), None, [numcodecs.Delta(dtype="<i4")])
v2("delta_f4.zarr", (rng.standard_normal(11) * 10).astype(np.float32), (4,), Blosc(cname="lz4", shuffle=Blosc.SHUFFLE),
   [numcodecs.Delta(dtype="<f4")])
v2("fso_u2.zarr", 1000 + rng.random((9, 4)) * 50, (4, 3), Blosc(cname="zstd", clevel=3, shuffle=Blosc.SHUFFLE),
   [numcodecs.FixedScaleOffset(offset=1000, scale=10, dtype="<f8", astype="<u2")])
v2("fso_f4.zarr", (rng.random((6,)) * 3).astype(np.float32), (4,), None,
   [numcodecs.FixedScaleOffset(offset=1.5, scale=3.0, dtype="<f4", astype="<f4")])
v2("quantize.zarr", rng.standard_normal((7, 3)), (3, 3), Zstd(level=2), [numcodecs.Quantize(digits=2, dtype="<f8", astype="<f4")])
v2("astype.zarr", rng.standard_normal((8,)), (3,), GZip(level=4), [numcodecs.AsType(encode_dtype="<f4", decode_dtype="<f8")])
v2("bitround.zarr", rng.standard_normal((5, 4)).astype(np.float32), (2, 4), Zstd(level=1), [numcodecs.BitRound(keepbits=6)])
v2("shuffle_zlib.zarr", np.arange(30, dtype=np.int32).reshape(10, 3) * 1001, (4, 3), Zlib(level=2), [numcodecs.Shuffle(elementsize=4)])
v2("packbits.zarr", rng.random(19) < 0.4, (6,), None, [numcodecs.PackBits()])
v2("two_filters.zarr", np.arange(12, dtype=np.int64).reshape(4, 3) ** 2, (3, 2), Zstd(level=1),
   [numcodecs.Delta(dtype="<i8"), numcodecs.Shuffle(elementsize=8)])
v2("bz2_filter.zarr", np.arange(6, dtype=np.int32), (3,), None, [numcodecs.BZ2(level=1)], keep=False)

# ---------------------------------------------------------------- unsigned 64-bit
v2("u64.zarr", (np.arange(18, dtype=np.uint64) * np.uint64(10 ** 15)).reshape(9, 2), (4, 2), Blosc(cname="lz4", shuffle=Blosc.SHUFFLE))
big = np.array([0, 1, 2 ** 63 - 1, 2 ** 63, 2 ** 64 - 1, 2 ** 64 - 2049, 12345678901234567890], dtype=np.uint64)
v2("u64_big.zarr", big, (3,), Zstd(level=1), keep=False)
expect("u64_big_f8", zarr.open_array(p("u64_big.zarr"), mode="r")[...].astype(np.float64))
expect("u64_big_first3", big[:2].astype(np.int64))

# ---------------------------------------------------------------- wildcard names (Heat's load_zarr with variable "RECEIVER_*/DATA")
g = zarr.open_group(p("wild.zarr"), mode="w")
parts = {"RECEIVER_0": (3, np.float32), "RECEIVER_1": (0, np.float32), "RECEIVER_10": (2, np.float32), "RECEIVER_2": (5, np.int32)}
start = 0
for k, (rows, t) in parts.items():
    g.create_dataset(k + "/DATA", data=(np.arange(rows * 4) + start).reshape(rows, 4).astype(t), chunks=(2, 4))
    g.create_dataset(k + "/TIME", data=np.arange(rows, dtype=np.int64) + start, chunks=(2,))
    start += rows * 4
g.create_dataset("OTHER/DATA", data=np.full((3, 4), -1.0), chunks=(3, 4))
g.create_dataset("BAD_0/DATA", data=np.zeros((3, 4)), chunks=(3, 4))
g.create_dataset("BAD_1/DATA", data=np.zeros((3, 5)), chunks=(3, 5))
g.create_group("GRP_a").create_dataset("x", data=np.zeros(2), chunks=(2,))
names = sorted(parts)                      # Heat sorts glob's matches: RECEIVER_0, RECEIVER_1, RECEIVER_10, RECEIVER_2
expect("wild_DATA", np.concatenate([g[k + "/DATA"][...] for k in names], axis=0))
expect("wild_TIME", np.concatenate([g[k + "/TIME"][...] for k in names], axis=0))
expect("wild_R1x_DATA", np.concatenate([g[k + "/DATA"][...] for k in ["RECEIVER_1", "RECEIVER_10"]], axis=0))
cols = zarr.open_group(p("wild_cols.zarr"), mode="w")
for i, w in enumerate([2, 0, 3]):
    cols.create_dataset("c%d" % i, data=np.arange(4 * w, dtype=np.float64).reshape(4, w) + 100 * i, chunks=(3, 2))
expect("wild_cols", np.concatenate([cols["c%d" % i][...] for i in range(3)], axis=1))


# ---------------------------------------------------------------- Zarr v3 sharding, written from the specification
def crc32c(data):
    crc = 0xFFFFFFFF
    for byte in data:
        crc ^= byte
        for _ in range(8):
            crc = (crc >> 1) ^ (0x82F63B78 if crc & 1 else 0)
    return crc ^ 0xFFFFFFFF


def encode(block, codecs, dtype):
    """One inner chunk through its v3 codecs (transpose, bytes, then bytes-to-bytes)."""
    order, endian, raw = "C", "<", None
    for c in codecs:
        n, cfg = c["name"], c.get("configuration", {})
        if n == "transpose":
            order = "F" if cfg["order"] != list(range(block.ndim)) else "C"
        elif n == "bytes":
            endian = ">" if cfg.get("endian") == "big" else "<"
            raw = np.asarray(block, dtype=np.dtype(dtype).newbyteorder(endian)).tobytes(order=order)
        elif n == "zstd":
            raw = Zstd(level=cfg["level"]).encode(raw)
        elif n == "gzip":
            raw = GZip(level=cfg["level"]).encode(raw)
        elif n == "crc32c":
            raw = bytes(raw) + crc32c(bytes(raw)).to_bytes(4, "little")
        else:
            raise ValueError(n)
    return bytes(raw)


def sharded(name, data, shard, inner, codecs, index_codecs, location, fill, skip_shards=(), skip_inner=(), meta_only=False):
    root = p(name)
    os.makedirs(root)
    meta = {"zarr_format": 3, "node_type": "array", "shape": list(data.shape), "data_type": data.dtype.name,
            "chunk_grid": {"name": "regular", "configuration": {"chunk_shape": list(shard)}},
            "chunk_key_encoding": {"name": "default", "configuration": {"separator": "/"}},
            "fill_value": fill,
            "codecs": [{"name": "sharding_indexed", "configuration": {"chunk_shape": list(inner), "codecs": codecs,
                                                                      "index_codecs": index_codecs, "index_location": location}}],
            "attributes": {"made_by": "scripts/golden/make_zarr_more.py"}}
    with open(os.path.join(root, "zarr.json"), "w") as f:
        json.dump(meta, f, indent=4)
    if meta_only:
        return
    fillv = np.nan if fill == "NaN" else fill
    want = data.astype(np.float64) if fill == "NaN" else data.copy()
    per = [s // c for s, c in zip(shard, inner)]
    grid = [(n + s - 1) // s for n, s in zip(data.shape, shard)]
    big_index = any(c["name"] == "bytes" and c.get("configuration", {}).get("endian") == "big" for c in index_codecs)
    crc = any(c["name"] == "crc32c" for c in index_codecs)
    nbytes_index = 16 * int(np.prod(per)) + (4 if crc else 0)
    for sidx in np.ndindex(*grid):
        sl = tuple(slice(i * s, min((i + 1) * s, n)) for i, s, n in zip(sidx, shard, data.shape))
        if sidx in skip_shards:
            want[sl] = fillv
            continue
        index = np.full(per + [2], 2 ** 64 - 1, dtype=np.uint64)
        pieces = []
        for iidx in np.ndindex(*per):
            lo = [si * s + ii * c for si, s, ii, c in zip(sidx, shard, iidx, inner)]
            if any(l >= n for l, n in zip(lo, data.shape)):
                continue                   # wholly outside the array: never stored
            isl = tuple(slice(l, min(l + c, n)) for l, c, n in zip(lo, inner, data.shape))
            if (sidx, iidx) in skip_inner:
                want[isl] = fillv
                continue
            block = np.full(inner, fillv, dtype=data.dtype)
            block[tuple(slice(0, s.stop - s.start) for s in isl)] = data[isl]
            pieces.append((iidx, encode(block, codecs, data.dtype)))
        if not pieces:
            want[sl] = fillv               # an all-empty shard is not written
            continue
        body = b""
        base = 0 if location == "end" else nbytes_index
        for iidx, enc in reversed(pieces):  # stored out of order: only the index says where each chunk is
            index[iidx] = [base + len(body), len(enc)]
            body += enc
        ib = index.astype(">u8" if big_index else "<u8").tobytes()
        if crc:
            ib += crc32c(ib).to_bytes(4, "little")
        key = os.path.join(root, "c", *[str(i) for i in sidx])
        os.makedirs(os.path.dirname(key), exist_ok=True)
        with open(key, "wb") as f:
            f.write(body + ib if location == "end" else ib + body)
    expect(name, want)


LE = {"name": "bytes", "configuration": {"endian": "little"}}
BE = {"name": "bytes", "configuration": {"endian": "big"}}
CRC = {"name": "crc32c"}
x = (np.arange(70, dtype=np.float64) * 0.5 - 3).reshape(10, 7)
sharded("shard_end_crc.zarr", x, (4, 6), (2, 3), [LE, {"name": "zstd", "configuration": {"level": 1, "checksum": False}}], [LE, CRC],
        "end", "NaN", skip_shards={(1, 1)}, skip_inner={((0, 0), (1, 0))})
sharded("shard_start_F.zarr", np.arange(120, dtype=np.int32).reshape(5, 6, 4), (4, 4, 4), (2, 2, 4),
        [{"name": "transpose", "configuration": {"order": [2, 1, 0]}}, BE, {"name": "gzip", "configuration": {"level": 5}}, CRC], [BE],
        "start", 7, skip_inner={((0, 1, 0), (1, 0, 0))})
sharded("shard_small_u2.zarr", (np.arange(15, dtype=np.uint16) * 4001).reshape(3, 5), (2, 5), (1, 5), [LE], [LE, CRC], "end", 0)
sharded("shard_bad_index_codec.zarr", np.zeros(4, dtype=np.float32), (4,), (2,), [LE], [LE, {"name": "zstd", "configuration": {"level": 1}}],
        "end", 0, meta_only=True)
sharded("shard_nested.zarr", np.zeros(4, dtype=np.float32), (4,), (2,),
        [{"name": "sharding_indexed", "configuration": {"chunk_shape": [1], "codecs": [LE], "index_codecs": [LE]}}], [LE], "end", 0, meta_only=True)
print("fixtures written to", os.path.normpath(out))
