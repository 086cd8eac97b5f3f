"""Golden values for jheat's numpy indexing (org.jheat.core.Indexing), from numpy (Debian's /usr/bin/python3).

Writes src/test/resources/golden/indexing.txt, one case per line:
  G shape | expr | result-shape | values                 x[expr] of x = arange(size).reshape(shape), int64
  S shape | expr | value-shape | value | x-after         x[expr] = value (value = -1 - arange, or a scalar)
expr: entries separated by ';':  iK (integer K), sA:B:C (slice, empty = None), n (newaxis), e (ellipsis),
  aSHAPE=V,V,... (int64 index array; SHAPE comma-separated, empty for 0-d), mSHAPE=0,1,... (bool mask).
Shapes are comma-separated (empty for 0-d). IndexingGoldenTest rebuilds x and the index arrays from this.
"""
import os
import random
import numpy as np

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "indexing.txt")
rng = random.Random(1234)


def shp(s):
    return ",".join(str(int(e)) for e in s)


def vals(a):
    return ",".join(str(int(v)) for v in np.asarray(a).ravel())


def enc(entry):
    kind = entry[0]
    if kind == "i":
        return "i%d" % entry[1]
    if kind == "s":
        f = lambda v: "" if v is None else str(v)
        return "s%s:%s:%s" % (f(entry[1]), f(entry[2]), f(entry[3]))
    if kind == "n":
        return "n"
    if kind == "e":
        return "e"
    a = entry[1]
    return ("a" if kind == "a" else "m") + shp(a.shape) + "=" + vals(a.astype(np.int64))


def to_numpy(entry):
    kind = entry[0]
    if kind == "i":
        return entry[1]
    if kind == "s":
        return slice(entry[1], entry[2], entry[3])
    if kind == "n":
        return None
    if kind == "e":
        return Ellipsis
    return entry[1]


def arr(*v, shape=None):
    a = np.array(v, dtype=np.int64)
    return ("a", a.reshape(shape) if shape is not None else a)


def mask(a):
    return ("m", np.asarray(a, dtype=bool))


S = lambda a=None, b=None, c=None: ("s", a, b, c)
I = lambda k: ("i", k)
N, E = ("n",), ("e",)

# hand-picked cases: every rule once, on shapes that split unevenly over 2, 3 and 4 processes
x7 = (7,)
x75 = (7, 5)
x534 = (5, 3, 4)
CURATED = [
    (x7, [I(3)]), (x7, [I(-1)]), (x7, [I(0)]), (x7, [S(None, None, -1)]), (x7, [S(1, None, 2)]), (x7, [S(None, None, -3)]),
    (x7, [S(5, 1, -1)]), (x7, [S(2, 2)]), (x7, [S(-100, 100)]), (x7, [S(6, None, -4)]), (x7, [N]), (x7, [E, N]),
    (x7, [N, S(None, None, -2), N]), (x7, []), (x7, [E]),
    (x7, [arr(0, 6, -1, 3, 3)]), (x7, [("a", np.zeros(0, dtype=np.int64))]),
    (x7, [arr(0, 1, 2, 3, 4, 5, 6)]), (x7, [("a", np.array([[1, 2], [6, -7]]))]), (x7, [("a", np.array(5))]),
    (x7, [mask([1, 0, 1, 1, 0, 0, 1])]), (x7, [mask([0] * 7)]), (x7, [mask([1] * 7)]),
    (x7, [("m", np.array(True))]), (x7, [("m", np.array(False))]), (x7, [("m", np.array(True)), arr(1, 2)]),
    (x75, [I(2)]), (x75, [I(-1), I(-1)]), (x75, [S(None), I(3)]), (x75, [E, I(0)]), (x75, [S(1, 6, 2), S(None, None, -1)]),
    (x75, [S(None, None, -1), I(4)]), (x75, [N, I(2), N, S(1, 3)]), (x75, [S(3, 3)]), (x75, [S(None), S(4, 1, -2)]),
    (x75, [arr(1, 6)]), (x75, [arr(1, 6), arr(0, 4)]), (x75, [S(None), arr(4, 0, 0)]), (x75, [arr(3, shape=()), arr(1, 2, 4)]),
    (x75, [I(1), arr(1, 2, 4)]), (x75, [arr(1, 2, 4), I(1)]), (x75, [("a", np.array([[0], [6]])), arr(0, 4)]),
    (x75, [S(1, None), arr(0, 2)]), (x75, [arr(0, 2), S(1, None)]), (x75, [S(None, None, -1), arr(-1, 0)]),
    (x75, [mask(np.arange(35).reshape(7, 5) % 3 == 0)]), (x75, [mask([1, 0, 0, 1, 1, 0, 1])]),
    (x75, [S(None), mask([0, 1, 1, 0, 1])]), (x75, [mask([1, 0, 0, 1, 1, 0, 1]), arr(0, 1, 4, 2)]),
    (x75, [mask([1, 0, 0, 1, 1, 0, 1]), S(1, 3)]), (x75, [mask(np.zeros((7, 5)))]), (x75, [N, mask(np.eye(7, 5))]),
    (x75, [E, mask([1, 1, 0, 0, 1])]), (x75, [arr(2, 2, 2), N]),
    (x534, [I(1), S(None), I(2)]), (x534, [I(-1), E]), (x534, [E, S(None, None, 2)]), (x534, [S(None), arr(0, 2), arr(1, 3)]),
    (x534, [arr(0, 4), S(None), arr(1, 3)]), (x534, [S(None), arr(0, 2), E, arr(1, 3)]), (x534, [arr(0, 4), I(1)]),
    (x534, [I(0), S(None), arr(1, 3)]), (x534, [S(None), I(0), arr(1, 3)]), (x534, [arr(1, 2), N, arr(0, 1)]),
    (x534, [S(None), mask(np.arange(12).reshape(3, 4) % 5 == 1)]),
    (x534, [mask(np.arange(15).reshape(5, 3) % 4 == 0), arr(3, 0, 1, 2)]), (x534, [S(4, 0, -2), arr(0, 0), S(None, None, -1)]),
    (x534, [("a", np.array([[4, 0], [1, 1]])), ("a", np.array([2, 0])), ("a", np.array([[3], [0]]))]),
    ((2, 3), [I(1)]), ((2, 3), [S(None, None, -1)]), ((2, 3), [arr(1, 0, 1)]), ((2, 3), [mask([[0, 1, 1], [1, 0, 0]])]),
    ((2, 3), [S(None), S(None, None, -1)]), ((0, 3), [S(None), I(1)]), ((0, 3), [("a", np.zeros(0, dtype=np.int64))]),
    ((0, 3), [mask(np.zeros((0, 3)))]), ((3, 0), [arr(2, 0)]), ((4,), [I(-4)]),
]


def rand_entry(shape, d, used_ell, rest):
    """A random entry for axis d of shape; returns (entry, axes consumed)."""
    n = shape[d] if d < len(shape) else 0
    choices = ["i", "s", "s", "n", "a", "m"] + ([] if used_ell else ["e"])
    if d >= len(shape):
        choices = ["n"] + ([] if used_ell else ["e"])
    k = rng.choice(choices)
    if k == "i":
        if n == 0:
            return S(), 1
        return I(rng.randint(-n, n - 1)), 1
    if k == "s":
        f = lambda: rng.choice([None, rng.randint(-n - 2, n + 2)])
        return S(f(), f(), rng.choice([1, 1, 2, 3, -1, -2])), 1
    if k == "n":
        return N, 0
    if k == "e":
        return E, None
    if k == "a":
        ashape = rng.choice([(), (3,), (2, 2), (1, 3), (4,)])
        if n == 0:
            return ("a", np.zeros(0, dtype=np.int64)), 1
        return ("a", np.array([rng.randint(-n, n - 1) for _ in range(int(np.prod(ashape)))], dtype=np.int64).reshape(ashape)), 1
    m = rng.randint(1, min(2, len(shape) - d))
    mshape = shape[d:d + m]
    return mask(np.array([rng.random() < 0.5 for _ in range(int(np.prod(mshape)))]).reshape(mshape)), m


def random_cases(count):
    out = []
    shapes = [(7,), (7, 5), (5, 3, 4), (3, 7), (2, 3), (4, 1, 3)]
    while len(out) < count:
        shape = rng.choice(shapes)
        expr, d, used = [], 0, False
        for _ in range(rng.randint(1, len(shape) + 1)):
            e, c = rand_entry(shape, d, used, None)
            if c is None:
                used = True
                c = 0
            expr.append(e)
            d += c
        x = np.arange(int(np.prod(shape))).reshape(shape)
        try:
            r = x[tuple(to_numpy(e) for e in expr)]
        except (IndexError, ValueError):
            continue
        if r.size > 120:
            continue
        out.append((shape, expr))
    return out


def main():
    lines = ["# generated by scripts/golden/indexing.py (numpy %s); do not edit" % np.__version__]
    cases = CURATED + random_cases(160)
    for shape, expr in cases:
        x = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
        r = x[tuple(to_numpy(e) for e in expr)]
        lines.append("G %s | %s | %s | %s" % (shp(shape), ";".join(enc(e) for e in expr), shp(np.shape(r)), vals(r)))
    # assignments: a value of the selection's shape, a broadcast row, a scalar
    for i, (shape, expr) in enumerate(cases):
        if i % 2 == 1:
            continue
        x = np.arange(int(np.prod(shape)), dtype=np.int64).reshape(shape)
        key = tuple(to_numpy(e) for e in expr)
        sel = x[key].shape
        mode = (i // 2) % 3
        if mode == 0:
            vshape = sel
        elif mode == 1:
            vshape = sel[-1:] if len(sel) else ()
        else:
            vshape = ()
        v = -1 - np.arange(int(np.prod(vshape)), dtype=np.int64).reshape(vshape)
        x[key] = v
        lines.append("S %s | %s | %s | %s | %s" % (shp(shape), ";".join(enc(e) for e in expr), shp(vshape), vals(v), vals(x)))
    with open(OUT, "w") as f:
        f.write("\n".join(lines) + "\n")
    print("wrote", OUT, len(lines), "lines")


if __name__ == "__main__":
    main()
