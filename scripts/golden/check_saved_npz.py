"""Checks save_npz files written by jheat (Sparse.saveNpz) with scipy: they load with scipy.sparse.load_npz, have the
members, order, dtypes and zip method scipy's own save_npz writes, and hold the expected matrix.

The files come from SparseInputTest.npzRoundTrip run with -Djheat.sparse.npzOut=DIR (a test cannot run python):

    mkdir -p /tmp/npzout && <run SparseInputTest with -Djheat.sparse.npzOut=/tmp/npzout>
    /usr/bin/python3 scripts/golden/check_saved_npz.py /tmp/npzout

Each file is named KEY_N_{deflated|stored}_{csr|csc}.npz; KEY.npy next to it is the dense matrix (written by jheat's
Npy.save). Prints one line a file and exits non-zero on any mismatch.
"""
import glob
import os
import sys
import zipfile

import numpy as np
import scipy.sparse as sp


def check(path, dense):
    name = os.path.basename(path)[:-4]
    _, _, method, fmt = name.split("_")
    m = sp.load_npz(path)
    problems = []
    if m.format != fmt:
        problems.append("format %s, expected %s" % (m.format, fmt))
    if m.dtype != dense.dtype:
        problems.append("dtype %s, expected %s" % (m.dtype, dense.dtype))
    if m.shape != dense.shape or not np.array_equal(m.toarray(), dense):
        problems.append("values differ from the dense matrix")
    if not m.has_sorted_indices:
        problems.append("indices not sorted")
    # scipy's own file of the same matrix: same members in the same order, same index dtype, same zip method
    ref = os.path.join(os.path.dirname(path), "_ref_" + os.path.basename(path))
    sp.save_npz(ref, m.asformat(fmt), compressed=(method == "deflated"))
    with zipfile.ZipFile(path) as z, zipfile.ZipFile(ref) as r:
        if z.testzip() is not None:
            problems.append("bad CRC in member %s" % z.testzip())
        names, want = [i.filename for i in z.infolist()], [i.filename for i in r.infolist()]
        if names != want:
            problems.append("members %s, scipy writes %s" % (names, want))
        kinds = {i.compress_type for i in z.infolist()}
        expect = zipfile.ZIP_DEFLATED if method == "deflated" else zipfile.ZIP_STORED
        if kinds != {expect}:
            problems.append("zip methods %s, expected %s" % (kinds, expect))
    with np.load(path) as f, np.load(ref) as g:
        for k in ("indices", "indptr", "shape", "format"):
            if f[k].dtype != g[k].dtype or f[k].shape != g[k].shape:
                problems.append("%s: %s %s, scipy writes %s %s" % (k, f[k].dtype, f[k].shape, g[k].dtype, g[k].shape))
    os.remove(ref)
    print("%-30s %s" % (os.path.basename(path), "ok" if not problems else "; ".join(problems)))
    return not problems


def main():
    d = sys.argv[1] if len(sys.argv) > 1 else "/tmp/npzout"
    files = sorted(glob.glob(os.path.join(d, "*_*_*_*.npz")))
    if not files:
        sys.exit("no jheat-written .npz files in " + d)
    ok = True
    for f in files:
        key = os.path.basename(f).split("_")[0]
        ok &= check(f, np.load(os.path.join(d, key + ".npy")))
    print("%d files, %s" % (len(files), "all ok" if ok else "FAILURES"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
