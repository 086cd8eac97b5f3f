"""Golden values for dtype promotion and casting rules, from numpy (run with Debian's /usr/bin/python3).

Writes src/test/resources/golden/dtypes.txt: one line per pair `a b promote_types(a,b) can_cast_safe can_cast_same_kind`.
"""
import os
import numpy as np

names = ["bool", "int8", "uint8", "int16", "int32", "int64", "float32", "float64", "complex64", "complex128"]
out = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "dtypes.txt")
with open(out, "w") as f:
    f.write("# numpy %s: a b promote_types can_cast(a,b,'safe') can_cast(a,b,'same_kind')\n" % np.__version__)
    for a in names:
        for b in names:
            p = np.promote_types(a, b).name
            f.write("%s %s %s %d %d\n" % (a, b, p, np.can_cast(a, b, "safe"), np.can_cast(a, b, "same_kind")))

# Python slice semantics: list(range(n))[start:stop:step] for a grid of bounds (src/test/resources/golden/slices.txt)
rows = []
for n in [0, 1, 5, 7]:
    for start in [None, -8, -1, 0, 2, 9]:
        for stop in [None, -8, -1, 0, 3, 9]:
            for step in [-3, -1, 1, 2]:
                idx = list(range(n))[slice(start, stop, step)]
                rows.append("%d %s %s %d %s" % (n, start, stop, step, ",".join(map(str, idx)) or "-"))
with open(os.path.join(os.path.dirname(out), "slices.txt"), "w") as f:
    f.write("# len start stop step -> python list(range(len))[start:stop:step]\n" + "\n".join(rows) + "\n")
