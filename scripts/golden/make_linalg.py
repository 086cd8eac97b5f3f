"""Golden values for jheat's linalg package, from numpy / scipy (Debian's /usr/bin/python3: numpy 1.24, scipy 1.10).

Writes src/test/resources/golden/linalg.txt, one array per line:
    <key> | <dtype> <shape, comma-separated, or -> | <values, blank-separated>
Inputs are written too (keys "in <name>"), so the Java tests read them instead of rebuilding them.
Floats in Python's shortest round-trip repr (nan, inf), integers decimal. Keys:
    in <name>                              an input array
    einsum:<subscripts>:<in1,in2,...>      np.einsum(subscripts, *inputs)      (examples of numpy's einsum docs and more)
    tensordot:<axes>:<a,b>                 np.tensordot(a, b, axes); axes "N" or "a0.a1/b0.b1"
    dot:<a,b> vdot:<a,b> outer:<a,b> inner products
    vecdot:<axis>:<a,b>                    np.sum(a * b, axis)   (numpy 2's vecdot on real input)
    cross:<axisa.axisb.axisc>:<a,b>        np.cross
    trace:<offset.axis1.axis2>:<a>         np.trace
    vnorm:<ord>:<axes or all>:<a>          np.linalg.norm over those axes as a vector norm (flattened when "all")
    mnorm:<ord>:<axis1.axis2>:<a>          np.linalg.norm(a, ord, (axis1, axis2))
    det:<a> inv:<a> solve:<a,b> expm:<a> solvetri:<lower>:<a,b> cond1:<a> projection:<a,b>
"""
import os

import numpy as np
import scipy.linalg

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "src", "test", "resources", "golden", "linalg.txt")


def det_data(shape, seed, dtype=np.float64):
    # deterministic, well spread values in [-2, 2) without a random generator (reproducible across numpy versions)
    n = int(np.prod(shape))
    v = 2.0 * np.sin((np.arange(n) + 1.0) ** 2 * 0.7131 + seed * 1.37)
    return v.reshape(shape).astype(dtype)


IN = {}
# numpy einsum documentation examples
IN["a25"] = np.arange(25).reshape(5, 5)
IN["b5"] = np.arange(5)
IN["c6"] = np.arange(6).reshape(2, 3)
IN["s3"] = np.array(3)
IN["v2"] = np.arange(2) + 1
IN["a60"] = np.arange(60.).reshape(3, 4, 5)
IN["b24"] = np.arange(24.).reshape(4, 3, 2)
IN["k32"] = np.arange(6).reshape(3, 2)
IN["k43"] = np.arange(12).reshape(4, 3)
IN["e235"] = np.arange(30).reshape(2, 3, 5)
IN["e253"] = np.arange(30).reshape(2, 5, 3)
IN["m34"] = det_data((3, 4), 1)
IN["m45"] = det_data((4, 5), 2)
IN["m52"] = det_data((5, 2), 3)
IN["t4333"] = det_data((3, 3, 3, 3), 4)
IN["r13"] = det_data((1, 3), 5)
IN["r41"] = det_data((4, 1), 6)
IN["r31"] = det_data((3, 1), 24)
IN["o1"] = det_data((1,), 25)
IN["f34"] = det_data((3, 4), 7, np.float32)
IN["f45"] = det_data((4, 5), 8, np.float32)
IN["i8a"] = (np.arange(12) * 37 % 23 - 11).astype(np.int8).reshape(3, 4)
IN["i8b"] = (np.arange(20) * 29 % 19 - 9).astype(np.int8).reshape(4, 5)
IN["bool1"] = (np.arange(12) % 3 == 0).reshape(3, 4)
IN["bool2"] = (np.arange(20) % 4 == 1).reshape(4, 5)
IN["d7"] = det_data((7,), 9)
IN["d7b"] = det_data((7,), 10)
IN["x243"] = det_data((2, 4, 3), 11)
IN["y3"] = det_data((2, 3), 12)
IN["z3"] = det_data((4, 3), 13)
IN["x243t"] = det_data((2, 3, 4), 26)
IN["q7"] = det_data((7, 7), 14) + 3 * np.eye(7)
IN["q5"] = det_data((5, 5), 15)
IN["q1"] = np.array([[2.5]])
IN["rhs7"] = det_data((7, 3), 16)
IN["rhs7v"] = det_data((7,), 17)
IN["b355"] = det_data((3, 5, 5), 18) + 2 * np.eye(5)
IN["hilb6"] = scipy.linalg.hilbert(6)
IN["sing4"] = np.array([[1., 2, 3, 4], [2, 4, 6, 8], [0, 1, 0, 1], [3, 1, 2, 0]])
IN["zero3"] = np.zeros((3, 3))
IN["perm4"] = np.array([[0., 0, 2, 0], [0, 0, 0, 3], [1, 0, 0, 0], [0, 4, 0, 0]])
IN["q7f"] = IN["q7"].astype(np.float32)
IN["i33"] = np.array([[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
IN["big8"] = det_data((8, 8), 19) * 3
IN["small6"] = det_data((6, 6), 20) * 0.01
IN["nil4"] = np.triu(det_data((4, 4), 21), 1)
IN["up7"] = np.triu(IN["q7"])
IN["lo7"] = np.tril(IN["q7"])
IN["w6"] = det_data((6,), 22)
IN["w6b"] = det_data((6,), 23)
IN["neg"] = np.array([3.0, -4.0, 0.0, 1.5, -0.5])

CASES = []


def case(key, value):
    CASES.append((key, np.asarray(value)))


def fmt(v):
    if isinstance(v, (float, np.floating)):
        return repr(float(v))
    if isinstance(v, (bool, np.bool_)):
        return "1" if v else "0"
    return str(int(v))


def line(key, a):
    a = np.asarray(a)
    shape = ",".join(str(s) for s in a.shape) if a.ndim else "-"
    return "%s | %s %s | %s" % (key, a.dtype.name, shape, " ".join(fmt(v) for v in a.ravel()))


def main():
    E = [
        ("ii", "a25"), ("ii->i", "a25"), ("ij->i", "a25"), ("...j->...", "a25"), ("ji", "c6"), ("ij->ji", "c6"),
        ("..., ...", "s3,c6"), (",ij", "s3,c6"), ("i,i", "b5,b5"), ("i,j", "v2,b5"), ("ij,j", "a25,b5"),
        ("...j,j", "a25,b5"), ("ijk,jil->kl", "a60,b24"), ("ki,jk->ij", "k32,k43"), ("ki,...k->i...", "k32,k43"),
        ("k...,jk", "k32,k43"), ("ij,jk->ik", "m34,m45"), ("ij,jk", "m34,m45"), ("ij,jk,kl->il", "m34,m45,m52"),
        ("bij,bjk->bik", "e235,e253"), ("bij,bjk->bki", "e235,e253"), ("bij,bjk->", "e235,e253"), ("ij,ij->ij", "m34,m34"),
        ("ij,ij->", "m34,m34"), ("ij,ij->i", "m34,m34"), ("ij,kj->ikj", "m34,m34"), ("iijk->kj", "t4333"), ("ijjj->i", "t4333"),
        ("ijkl->lkji", "t4333"), ("ij->", "m34"), ("ij,jk->ik", "f34,f45"), ("ij,jk->ik", "i8a,i8b"), ("ij,jk->ik", "bool1,bool2"),
        ("ij,jk->ik", "r13,m34"), ("ij,jk->ik", "r41,r13"), ("ij,ij->ij", "r31,m34"), ("ij,j->i", "m34,o1"),
        ("i,i->", "d7,d7b"), ("i,i->i", "d7,d7b"), ("...ij,...jk->...ik", "x243,m34"), ("bij,jk->bik", "x243,m34"),
        ("ij,bjk->bik", "y3,e235"), ("ij , jk -> ki", "m34,m45"), ("Ab,bC", "m34,m45"), ("iiij->j", "t4333"),
        ("ij,jk,kl", "m34,m45,m52"), ("ij->", "i8a"), ("ij->i", "i8a"), ("ij->j", "bool1"),
    ]
    for subs, names in E:
        ops = [IN[n] for n in names.split(",")]
        case("einsum:%s:%s" % (subs, names), np.einsum(subs, *ops))
    T = [("1", "b24,e235"), ("1.0/0.1", "a60,b24"), ("0", "m34,d7"), ("1", "m34,m45"), ("2", "m34,m34"), ("1", "x243,m34"),
         ("0/0", "x243,y3"), ("2.0/2.0", "x243,e253")]
    for axes, names in T:
        a, b = (IN[n] for n in names.split(","))
        if "/" in axes:
            aa, bb = axes.split("/")
            ax = ([int(v) for v in aa.split(".")], [int(v) for v in bb.split(".")])
        else:
            ax = int(axes)
        case("tensordot:%s:%s" % (axes, names), np.tensordot(a, b, ax))
    for names in ["m34,m45", "d7,d7b", "m45,b5", "b5,m52", "x243,m34", "a60,e253", "s3,m34", "x243,x243t", "y3,x243t"]:
        a, b = (IN[n] for n in names.split(","))
        case("dot:%s" % names, np.dot(a, b))
    for names in ["m34,m34", "d7,d7b", "x243,x243t", "i33,i33"]:
        a, b = (IN[n] for n in names.split(","))
        case("vdot:%s" % names, np.vdot(a, b))
    for names in ["d7,b5", "m34,v2", "b5,b5"]:
        a, b = (IN[n] for n in names.split(","))
        case("outer:%s" % names, np.outer(a, b))
    for axis, names in [(-1, "m34,m34"), (0, "m34,f34"), (1, "x243,z3"), (-1, "z3,x243")]:
        a, b = (IN[n] for n in names.split(","))
        case("vecdot:%d:%s" % (axis, names), np.sum(a * b, axis=axis))
    cr = {"c3a": det_data((5, 3), 30), "c3b": det_data((5, 3), 31), "c2a": det_data((5, 2), 32), "c2b": det_data((5, 2), 33),
          "c3t": det_data((3, 4, 2), 34), "c3u": det_data((2, 3), 35), "c3v": det_data((3,), 36)}
    IN.update(cr)
    for axes, names in [("-1.-1.-1", "c3a,c3b"), ("-1.-1.-1", "c2a,c2b"), ("-1.-1.-1", "c3a,c2b"), ("0.1.0", "c3t,c3u"),
                        ("0.-1.1", "c3t,c3v"), ("-1.-1.-1", "c3v,c3a")]:
        a, b = (IN[n] for n in names.split(","))
        ax = [int(v) for v in axes.split(".")]
        case("cross:%s:%s" % (axes, names), np.cross(a, b, axisa=ax[0], axisb=ax[1], axisc=ax[2]))
    for spec, name in [("0.0.1", "a25"), ("1.0.1", "a25"), ("-2.0.1", "a25"), ("0.0.1", "e235"), ("1.0.2", "e235"), ("0.1.2", "t4333"),
                       ("7.0.1", "m34"), ("-1.1.0", "m34")]:
        o, a1, a2 = (int(v) for v in spec.split("."))
        case("trace:%s:%s" % (spec, name), np.trace(IN[name], o, a1, a2))
    for ordv in ["2", "1", "inf", "-inf", "0", "3", "-1", "-2", "0.5"]:
        o = float(ordv)
        for name, axes in [("d7", "all"), ("neg", "all"), ("m34", "1"), ("m34", "0"), ("x243", "0.2"), ("i33", "all")]:
            a = IN[name]
            if axes == "all":
                v = np.linalg.norm(a.ravel().astype(float), o)
            else:
                ax = tuple(int(x) for x in axes.split("."))
                if len(ax) == 1:
                    v = np.linalg.norm(a, o, ax[0])
                else:
                    rest = [d for d in range(a.ndim) if d not in ax]
                    t = np.transpose(a, rest + list(ax)).reshape([a.shape[d] for d in rest] + [-1])
                    v = np.linalg.norm(t, o, -1)
            case("vnorm:%s:%s:%s" % (ordv, axes, name), v)
    for ordv in ["fro", "nuc", "1", "-1", "2", "-2", "inf", "-inf"]:
        o = ordv if ordv in ("fro", "nuc") else float(ordv)
        for name, axes in [("m34", "0.1"), ("q7", "0.1"), ("m52", "0.1"), ("m34", "1.0"), ("x243", "1.2"), ("x243", "0.2"),
                           ("i33", "0.1"), ("hilb6", "0.1")]:
            ax = tuple(int(x) for x in axes.split("."))
            case("mnorm:%s:%s:%s" % (ordv, axes, name), np.linalg.norm(IN[name], o, ax))
    for name in ["q7", "q5", "q1", "hilb6", "sing4", "zero3", "perm4", "q7f", "i33", "b355", "big8", "small6"]:
        case("det:%s" % name, np.linalg.det(IN[name]))
    for name in ["q7", "q5", "q1", "hilb6", "perm4", "q7f", "i33", "b355"]:
        case("inv:%s" % name, np.linalg.inv(IN[name]))
    for names in ["q7,rhs7", "q7,rhs7v", "perm4,d4", "hilb6,w6", "q7f,rhs7", "b355,b35"]:
        if names == "perm4,d4":
            IN["d4"] = det_data((4, 2), 40)
        if names == "b355,b35":
            IN["b35"] = det_data((3, 5, 2), 41)
        a, b = (IN[n] for n in names.split(","))
        case("solve:%s" % names, np.linalg.solve(a, b))
    for lower, names in [("1", "lo7,rhs7"), ("0", "up7,rhs7"), ("0", "up7,rhs7v"), ("1", "lo7,rhs7v")]:
        a, b = (IN[n] for n in names.split(","))
        case("solvetri:%s:%s" % (lower, names), scipy.linalg.solve_triangular(a, b, lower=lower == "1"))
    for name in ["q7", "q5", "q1", "hilb6", "perm4", "zero3", "nil4", "big8", "small6", "i33", "b355", "q7f"]:
        a = IN[name]
        e = scipy.linalg.expm(a.astype(np.float64)) if a.ndim == 2 else np.stack([scipy.linalg.expm(m) for m in a])
        case("expm:%s" % name, e.astype(np.float32) if a.dtype == np.float32 else e)
    for name in ["q7", "q5", "hilb6", "perm4", "i33", "big8"]:
        case("cond1:%s" % name, np.linalg.cond(IN[name], 1))
    for names in ["d7,d7b", "w6,w6b"]:
        a, b = (IN[n] for n in names.split(","))
        case("projection:%s" % names, (np.dot(a, b) / np.dot(b, b)) * b)
    out = ["# generated by scripts/golden/make_linalg.py (numpy %s, scipy %s)" % (np.__version__, scipy.__version__)]
    for k, v in IN.items():
        out.append(line("in " + k, v))
    for k, v in CASES:
        out.append(line(k, v))
    with open(OUT, "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
