#!/usr/bin/python3
"""Writes a CSV of 1e6 x 32 random float64 numbers ('%.6g', comma-separated) for the parse benchmark.
usage: /usr/bin/python3 bench/io/make_csv.py /tmp/jheat-1e6x32.csv"""
import sys
import numpy as np

path = sys.argv[1] if len(sys.argv) > 1 else "/tmp/jheat-1e6x32.csv"
rng = np.random.default_rng(0)
with open(path, "w") as f:
    for start in range(0, 1_000_000, 100_000):
        np.savetxt(f, rng.standard_normal((100_000, 32)) * 1000, fmt="%.6g", delimiter=",")
print(path)
