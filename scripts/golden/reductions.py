"""Golden values for jheat's reductions on fixed (3, 4, 5) arrays, from numpy (Debian's /usr/bin/python3).

Writes src/test/resources/golden/reductions.txt: `op dtype axes ddof | expected dtype, shape, values`.
The input arrays are defined here and rebuilt identically by ReductionsGoldenTest:
  float64: a[i] = sin(i) * 10 (i = 0..59, C order), with a[7] = nan in the "float64nan" variant
  int32:   a[i] = (i * 37) % 23 - 11
  bool:    a[i] = (i % 3 == 0)
"""
import math
import os
import warnings
import numpy as np

warnings.simplefilter("ignore")
OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "reductions.txt")
n = 60
arrays = {
    "float64": np.array([math.sin(i) * 10 for i in range(n)]).reshape(3, 4, 5),
    "int32": np.array([(i * 37) % 23 - 11 for i in range(n)], dtype=np.int32).reshape(3, 4, 5),
    "bool": np.array([i % 3 == 0 for i in range(n)]).reshape(3, 4, 5),
}
nan = arrays["float64"].copy().ravel()
nan[7] = np.nan
arrays["float64nan"] = nan.reshape(3, 4, 5)


def fmt(v, dt):
    if dt == "bool":
        return str(int(v))
    if dt.startswith("float"):
        v = float(v)
        return "nan" if v != v else ("inf" if v == math.inf else ("-inf" if v == -math.inf else float.hex(v)))
    return str(int(v))


AXES = [None, (0,), (1,), (2,), (0, 2), (1, 2), (0, 1, 2)]
rows = []
for name, a in arrays.items():
    for op in ["sum", "prod", "min", "max", "mean", "var", "std", "ptp", "nansum", "nanprod", "all", "any",
               "argmin", "argmax", "cumsum", "cumprod"]:
        for axes in AXES:
            single = axes is None or len(axes) == 1
            if op in ("argmin", "argmax", "cumsum", "cumprod") and not single:
                continue
            if op in ("cumsum", "cumprod") and axes is None:
                continue
            if op in ("nansum", "nanprod", "var", "std", "mean", "ptp") and name == "bool":
                continue
            for ddof in ([0, 1] if op in ("var", "std") else [0]):
                ax = None if axes is None else (axes[0] if op in ("argmin", "argmax", "cumsum", "cumprod") else axes)
                f = getattr(np, op)
                y = np.asarray(f(a, axis=ax, ddof=ddof) if op in ("var", "std") else f(a, axis=ax))
                axs = "all" if axes is None else ",".join(map(str, axes))
                rows.append("%s %s %s %d | %s %s | %s" % (op, name, axs, ddof, y.dtype.name,
                            ",".join(map(str, y.shape)) or "-", " ".join(fmt(v, y.dtype.name) for v in y.ravel())))
with open(OUT, "w") as fh:
    fh.write("# numpy %s reductions of fixed (3, 4, 5) arrays; see scripts/golden/reductions.py\n" % np.__version__)
    fh.write("\n".join(rows) + "\n")
print(len(rows))
