"""Golden values for org.jheat.decomposition.PCA from scikit-learn 1.2 (Debian's python3-sklearn; /usr/bin/python3).
Writes src/test/resources/golden/decomposition.txt.gz (format: see ml_common.py); inputs from ml_datasets.txt.gz.

For D in iris, wine, cancer, digits, blobs and case C:
    D.C.components / explained_variance / explained_variance_ratio / singular_values / mean / noise_variance /
    n_components   (svd_solver="full"; components with scikit-learn's svd_flip signs)
    D.C.z          transform of the first 20 rows;  D.C.back  inverse_transform of D.C.z
Cases: k (n_components = K[D]), all (None), frac (0.9), white (K[D], whiten=True).
"""
import numpy as np
from sklearn.decomposition import PCA

import ml_common

K = {"iris": 2, "wine": 5, "cancer": 6, "digits": 10, "blobs": 2}


def main():
    data = ml_common.load()
    e = []
    for name, k in K.items():
        X = data[name][0]
        for case, kw in [("k", dict(n_components=k)), ("all", dict(n_components=None)), ("frac", dict(n_components=0.9)),
                         ("white", dict(n_components=k, whiten=True))]:
            p = PCA(svd_solver="full", **kw).fit(X)
            q = name + "." + case
            for a in ["components", "explained_variance", "explained_variance_ratio", "singular_values", "mean"]:
                e.append((q + "." + a, getattr(p, a + "_")))
            e.append((q + ".noise_variance", np.array(float(p.noise_variance_))))
            e.append((q + ".n_components", np.array(p.n_components_)))
            z = p.transform(X[:20])
            e.append((q + ".z", z))
            e.append((q + ".back", p.inverse_transform(z)))
    ml_common.write("decomposition.txt.gz", e, __doc__.strip())


if __name__ == "__main__":
    main()
