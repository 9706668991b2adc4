#!/usr/bin/env python3
"""Where the pool starts to pay: one ufunc call on the calling thread against the same call
split over the pool, for n = 2^12 .. 2^19 (exp, out of place, best of 200 calls each).

Usage: python3 python/bench/threshold.py [--func exp]
The default threshold (simdmath.pool_info()["pool_threshold"]) is chosen from this table.
"""
import argparse
import time

import numpy as np

import simdmath

_sm = simdmath._simdmath


def best(fn, k=200):
    t = []
    for _ in range(k):
        t0 = time.perf_counter()
        fn()
        t.append(time.perf_counter() - t0)
    return min(t)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--func", default="exp")
    a = ap.parse_args()
    f = getattr(simdmath, a.func)
    old = simdmath.pool_info()["pool_threshold"]
    print(f"{a.func}, {simdmath.get_num_threads()} threads, load {open('/proc/loadavg').read().split()[0]}")
    print(f"{'n':>6}  {'f64 caller us':>13}  {'f64 pool us':>11}  {'f32 caller us':>13}  {'f32 pool us':>11}")
    try:
        for e in range(12, 20):
            n = 1 << e
            row = []
            for dt in ("float64", "float32"):
                x = simdmath.random(n, dtype=dt)
                y = np.empty_like(x)
                _sm._set_pool_threshold(1 << 62)
                row.append(best(lambda: f(x, out=y)))
                _sm._set_pool_threshold(1)
                row.append(best(lambda: f(x, out=y)))
            print(f"{'2^' + str(e):>6}  " + "  ".join(f"{v * 1e6:{w}.1f}" for v, w in zip(row, (13, 11, 13, 11))))
    finally:
        _sm._set_pool_threshold(old)


if __name__ == "__main__":
    main()
