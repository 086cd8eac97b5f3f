"""Reference timings for jheat's linear algebra II benchmark (org.jheat.cli.bench.Linalg2Bench): the same operation
and shapes with numpy / scikit-learn / scipy (Debian's /usr/bin/python3), median seconds of the operation alone.

    python3 scripts/bench/linalg2_ref.py qr 1000000 50 3
    python3 scripts/bench/linalg2_ref.py rsvd 200000 1000 3 10    # sklearn.utils.extmath.randomized_svd, rank 10
    python3 scripts/bench/linalg2_ref.py svd 4000 4000 1
    python3 scripts/bench/linalg2_ref.py lanczos 100000 0 1 50    # scipy.sparse.linalg.eigsh on the band matrix
(jheat's counterpart at this size is `bench linalg2 lanczos-sparse`: the band stored dense would be 80 GB)
"""
import sys
import time

import numpy as np


def main():
    op, m, n, reps = sys.argv[1], int(float(sys.argv[2])), int(float(sys.argv[3])), int(sys.argv[4])
    k = int(sys.argv[5]) if len(sys.argv) > 5 else 10
    rng = np.random.default_rng(1)
    if op == "lanczos":
        import scipy.sparse as sp
        import scipy.sparse.linalg as sla
        diags = [np.full(m, 2.0)] + [np.full(m - d, -1.0 / d) for d in range(1, 6)] * 2
        offs = [0] + list(range(1, 6)) + [-d for d in range(1, 6)]
        a = sp.diags(diags, offs, format="csr")
        def fn():
            # one ARPACK pass: k Lanczos steps (ncv = k), like jheat's lanczos(A, k); no restart
            try:
                sla.eigsh(a, k=6, ncv=k, maxiter=1)
            except sla.ArpackNoConvergence:
                pass
    else:
        a = rng.random((m, n))
        if op == "qr":
            fn = lambda: np.linalg.qr(a)
        elif op == "svd":
            fn = lambda: np.linalg.svd(a, full_matrices=False)
        elif op in ("rsvd", "hsvd"):
            from sklearn.utils.extmath import randomized_svd
            fn = lambda: randomized_svd(a, k, n_oversamples=10, n_iter=0, random_state=0)
        else:
            raise SystemExit("unknown op " + op)
    sec = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        sec.append(time.perf_counter() - t0)
    sec.sort()
    print("%s m=%d n=%d numpy/sklearn/scipy: median %.3f s (min %.3f)" % (op, m, n, sec[len(sec) // 2], sec[0]))


if __name__ == "__main__":
    main()
