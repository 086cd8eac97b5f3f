"""scipy.sparse reference timings for `bin/jheat bench sparse` (same sizes; /usr/bin/python3, Debian's scipy 1.10).

    /usr/bin/python3 bench/sparse/scipy_sparse.py spmv 1e6 2e7 5
    /usr/bin/python3 bench/sparse/scipy_sparse.py spmm 1e6 2e7 5 16
    /usr/bin/python3 bench/sparse/scipy_sparse.py spgemm 1e5 1e6 3
The matrix has the same kind as jheat's Sparse.random: N x N, about NNZ entries at uniformly random columns (each
row's count binomial), float64 values in [0, 1); built from numpy's default_rng (not the same entries as jheat's).
Prints the median milliseconds of REPS runs after five warm-up runs (as the Java side), the SpMV bandwidth like the Java side
and the peak resident memory.
"""
import resource
import sys
import time

import numpy as np
import scipy.sparse as sp


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else "spmv"
    n = int(float(sys.argv[2])) if len(sys.argv) > 2 else 1_000_000
    nnz = int(float(sys.argv[3])) if len(sys.argv) > 3 else 20_000_000
    reps = int(sys.argv[4]) if len(sys.argv) > 4 else 5
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 16
    t0 = time.perf_counter()
    rng = np.random.default_rng(42)
    counts = rng.binomial(n, nnz / (n * n), n)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    cols = rng.integers(0, n, int(indptr[-1]), dtype=np.int64)
    vals = rng.random(int(indptr[-1]))
    a = sp.csr_matrix((vals, cols, indptr), shape=(n, n))
    a.sum_duplicates()   # canonical, as jheat's
    x = np.ones((n, k)) if what == "spmm" else np.ones(n)
    setup = (time.perf_counter() - t0) * 1e3
    ms = []
    out = 0
    for r in range(-5, reps):
        s = time.perf_counter()
        if what == "spgemm":
            c = a @ a
            out = c.nnz
        else:
            y = a @ x
        if r >= 0:
            ms.append((time.perf_counter() - s) * 1e3)
    ms.sort()
    med = ms[reps // 2]
    print("%s n=%d nnz=%d scipy setup_ms %.1f" % (what, n, a.nnz, setup))
    print("%s_ms %.3f (min %.3f max %.3f)" % (what, med, ms[0], ms[-1]))
    if what == "spmv":
        print("spmv_GBps %.2f" % ((a.nnz * 12.0 + (n + 1) * 4.0 + 2 * n * 8.0) / (med * 1e6)))
    if what == "spgemm":
        print("spgemm_nnz %d" % out)
    print("peak_rss_mib %d" % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024))


if __name__ == "__main__":
    main()
