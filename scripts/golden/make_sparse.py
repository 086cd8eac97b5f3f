"""Golden values for jheat's sparse package from scipy.sparse (Debian's python3-scipy 1.10; run with /usr/bin/python3).

Writes src/test/resources/golden/sparse.txt.gz (format: see ml_common.py) and the Matrix Market files
src/test/resources/golden/sparse/*.mtx (scipy.io.mmwrite). Inputs are deterministic formulas (no random stream):
    in.<name>                       dense inputs: A, B (7x5 float64 with empty rows/columns; B cancels some entries
                                    of A), C (5x6), W (7x5), D (5x3), v (5,), X (4x7), x (7,), r (1x5), c (7x1),
                                    Ai, Bi, Ci, Di (integer versions), Af, Df (float32)
    csr.<M>.indptr/indices/data     scipy's csr_matrix(M) (canonical form)
    csc.<M>.indptr/indices/data     scipy's csc_matrix(M)
    add|sub|mul.<M>.<N>             (csr(M) op csr(N)).toarray(), and .nnz (explicit zeros dropped as scipy does)
    scale.<M>                       (csr(M) * 2.5).toarray()   div.<M>: (csr(M) / 4).toarray()
    muld.<M>.<N>                    csr(M).multiply(N) for a dense N (same shape, row (1,n), column (m,1))
    sum.<M> / sum0.<M> / sum1.<M>   csr(M).sum(), .sum(axis=0), .sum(axis=1) (1-D)
    mean.<M> / mean0.<M> / mean1.<M>
    abs.<M>  pow2.<M>  pow3.<M>     abs(csr(M)), csr(M).power(2), .power(3)
    rows.<M>.<lo>.<hi>              csr(M)[lo:hi].toarray()        cols.<M>.<lo>.<hi>: csr(M)[:, lo:hi]
    spmm.<M>.<N>                    csr(M) @ N for a dense N (vector or matrix)
    dmsp.<N>.<M>                    N @ csr(M) for a dense N
    spgemm.<M>.<N>                  (csr(M) @ csr(N)).toarray(), and .nnz
    coo.<k>.rows/cols/vals/shape    COO triplets with duplicates; coo.<k>.dense and .nnz: coo_matrix(...).tocsr()
    mtx.<file>                      scipy.io.mmread(file).toarray() of each written .mtx file
    npz.<file>                      scipy.sparse.load_npz(file).toarray() of each file written by save_npz
"""
import os

import numpy as np
import scipy
import scipy.io
import scipy.sparse as sp

import ml_common

MTX = os.path.join(ml_common.GOLDEN, "sparse")


def pattern(m, n, seed, keep):
    i = np.arange(m * n).reshape(m, n)
    v = np.round(4.0 * np.sin((i + 1.0) ** 2 * 0.731 + seed), 3)
    mask = ((i * 7 + seed * 3) % 11) < keep
    return np.where(mask, v, 0.0)


IN = {}
A = pattern(7, 5, 1, 4)
A[2, :] = 0.0
A[5, :] = 0.0
A[:, 3] = 0.0
IN["A"] = A
B = pattern(7, 5, 2, 4)
B[0, :] = -A[0, :]          # cancels row 0 of A in A + B
B[6, :] = 0.0
IN["B"] = B
IN["C"] = pattern(5, 6, 3, 5)
IN["W"] = np.round(np.cos(np.arange(35.0)).reshape(7, 5) * 3, 2)
IN["D"] = np.round(np.sin(np.arange(15.0) * 1.3).reshape(5, 3) * 2, 3)
IN["v"] = np.round(np.cos(np.arange(5.0) * 0.7) * 2, 3)
IN["X"] = np.round(np.sin(np.arange(28.0) * 0.37).reshape(4, 7) * 3, 3)
IN["x"] = np.round(np.cos(np.arange(7.0) * 1.1), 3)
IN["r"] = np.array([[1.5, -2.0, 0.0, 3.0, 0.5]])
IN["c"] = np.array([[1.0], [-1.0], [2.0], [0.0], [0.5], [3.0], [-2.5]])
IN["Ai"] = (np.round(A) * 3).astype(np.int32)
IN["Bi"] = (np.round(B) * 2).astype(np.int32)
IN["Ci"] = np.round(IN["C"]).astype(np.int64)
IN["Di"] = (np.round(IN["D"] * 3)).astype(np.int64)
IN["Af"] = A.astype(np.float32)
IN["Df"] = IN["D"].astype(np.float32)
IN["Z"] = np.zeros((3, 4))


def dense(m):
    return np.asarray(m.toarray() if sp.issparse(m) else m)


def main():
    e = []
    for k, v in IN.items():
        e.append(("in." + k, v))
    for k in ["A", "B", "C", "Ai", "Af", "Z"]:
        for fmt, ctor in [("csr", sp.csr_matrix), ("csc", sp.csc_matrix)]:
            m = ctor(IN[k])
            e += [("%s.%s.indptr" % (fmt, k), m.indptr.astype(np.int64)), ("%s.%s.indices" % (fmt, k), m.indices.astype(np.int64)),
                  ("%s.%s.data" % (fmt, k), m.data)]
    for a, b in [("A", "B"), ("Ai", "Bi"), ("A", "Bi"), ("Af", "B"), ("A", "A")]:
        x, y = sp.csr_matrix(IN[a]), sp.csr_matrix(IN[b])
        for op, r in [("add", x + y), ("sub", x - y), ("mul", x.multiply(y))]:
            r = sp.csr_matrix(r)
            r.eliminate_zeros()
            e += [("%s.%s.%s" % (op, a, b), dense(r)), ("%s.%s.%s.nnz" % (op, a, b), np.array(r.nnz, dtype=np.int64))]
    for k in ["A", "Ai", "Af"]:
        m = sp.csr_matrix(IN[k])
        e.append(("scale." + k, dense(m * 2.5)))
        e.append(("div." + k, dense(m / 4)))
        e.append(("sum." + k, np.array(m.sum())))
        e.append(("sum0." + k, np.asarray(m.sum(axis=0)).ravel()))
        e.append(("sum1." + k, np.asarray(m.sum(axis=1)).ravel()))
        e.append(("mean." + k, np.array(m.mean())))
        e.append(("mean0." + k, np.asarray(m.mean(axis=0)).ravel()))
        e.append(("mean1." + k, np.asarray(m.mean(axis=1)).ravel()))
        e.append(("abs." + k, dense(abs(m))))
        e.append(("pow2." + k, dense(m.power(2))))
        e.append(("pow3." + k, dense(m.power(3))))
        for lo, hi in [(0, 7), (2, 6), (5, 7), (3, 3), (-4, -1)]:
            e.append(("rows.%s.%d.%d" % (k, lo, hi), dense(m[lo:hi])))
        for lo, hi in [(1, 4), (0, 5), (4, 4)]:
            e.append(("cols.%s.%d.%d" % (k, lo, hi), dense(m[:, lo:hi])))
        e.append(("T." + k, dense(m.T)))
    for a, b in [("A", "W"), ("A", "r"), ("A", "c"), ("Ai", "W"), ("Ai", "c")]:
        e.append(("muld.%s.%s" % (a, b), dense(sp.csr_matrix(IN[a]).multiply(IN[b]))))
    for a, b in [("A", "D"), ("A", "v"), ("Ai", "Di"), ("Af", "Df"), ("A", "Di"), ("Z", "v4")]:
        if b == "v4":
            IN["v4"] = np.arange(4.0)
            e.append(("in.v4", IN["v4"]))
        e.append(("spmm.%s.%s" % (a, b), np.asarray(sp.csr_matrix(IN[a]) @ IN[b])))
    for a, b in [("X", "A"), ("x", "A"), ("X", "Ai")]:
        e.append(("dmsp.%s.%s" % (a, b), np.asarray(IN[a] @ sp.csr_matrix(IN[b]))))
    for a, b in [("A", "C"), ("Ai", "Ci"), ("Af", "C"), ("C", "W5")]:
        if b == "W5":
            IN["W5"] = IN["W"][:6, :]
            e.append(("in.W5", IN["W5"]))
        r = sp.csr_matrix(IN[a]) @ sp.csr_matrix(IN[b])
        e += [("spgemm.%s.%s" % (a, b), dense(r)), ("spgemm.%s.%s.nnz" % (a, b), np.array(r.nnz, dtype=np.int64))]
    # COO with duplicates, unsorted, an empty row, a cancelling pair
    coo = {
        "d": (np.array([3, 0, 3, 1, 0, 3, 5, 1]), np.array([2, 1, 2, 0, 1, 0, 3, 0]),
              np.array([1.5, 2.0, -0.5, 4.0, 1.0, 7.0, -2.0, -4.0]), (6, 4)),
        "i": (np.array([0, 0, 2, 2, 2]), np.array([1, 1, 0, 0, 3]), np.array([5, 6, -1, 1, 9], dtype=np.int32), (3, 4)),
    }
    for k, (r, c, v, shape) in coo.items():
        m = sp.coo_matrix((v, (r, c)), shape=shape).tocsr()
        e += [("coo.%s.rows" % k, r.astype(np.int64)), ("coo.%s.cols" % k, c.astype(np.int64)), ("coo.%s.vals" % k, v),
              ("coo.%s.shape" % k, np.array(shape, dtype=np.int64)), ("coo.%s.dense" % k, m.toarray()),
              ("coo.%s.nnz" % k, np.array(m.nnz, dtype=np.int64))]
    # Matrix Market files written by scipy
    os.makedirs(MTX, exist_ok=True)
    files = {
        "general_real": sp.coo_matrix(IN["A"]),
        "general_int": sp.coo_matrix(IN["Ai"].astype(np.int64)),
        "symmetric": sp.coo_matrix(np.triu(IN["C"][:5, :5]) + np.triu(IN["C"][:5, :5], 1).T),
        "skew": sp.coo_matrix(np.triu(IN["C"][:5, :5], 1) - np.triu(IN["C"][:5, :5], 1).T),
        "pattern": sp.coo_matrix((IN["B"] != 0).astype(np.float64)),
        "empty_rows": sp.coo_matrix(np.vstack([np.zeros((3, 4)), IN["D"][:4, :1].T, np.zeros((2, 4))])),
    }
    for name, m in files.items():
        path = os.path.join(MTX, name + ".mtx")
        kw = {}
        if name in ("symmetric",):
            kw["symmetry"] = "symmetric"
        if name == "skew":
            kw["symmetry"] = "skew-symmetric"
        if name == "pattern":
            kw["field"] = "pattern"
        scipy.io.mmwrite(path, m, **kw)
        e.append(("mtx." + name, dense(scipy.io.mmread(path))))
    # scipy.sparse.save_npz files (compressed and not; csr, csc, coo; int32 indices as scipy writes them)
    npz = {
        "csr_A": (sp.csr_matrix(IN["A"]), True),
        "csc_A": (sp.csc_matrix(IN["A"]), True),
        "coo_Ai": (sp.coo_matrix(IN["Ai"]), False),
        "csr_Af": (sp.csr_matrix(IN["Af"]), False),
        "csr_Z": (sp.csr_matrix(IN["Z"]), True),
    }
    for name, (m, comp) in npz.items():
        path = os.path.join(MTX, name + ".npz")
        sp.save_npz(path, m, compressed=comp)
        e.append(("npz." + name, dense(sp.load_npz(path))))
    ml_common.write("sparse.txt.gz", e, "generated by scripts/golden/make_sparse.py (numpy %s, scipy %s)" % (np.__version__, scipy.__version__))


if __name__ == "__main__":
    main()
