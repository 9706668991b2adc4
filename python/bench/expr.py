#!/usr/bin/env python3
"""simdmath.evaluate against numexpr, numpy operator by operator, and numpy with simdmath's
ufuncs operator by operator, on issue 20's six expressions, float64 and float32.

Each cell is the best of R calls (R = 200 at n <= 1e4, 100 at 1e6, 3 at 1e8) writing into a
preallocated output where the tool allows it (simdmath.evaluate and numexpr.evaluate with
out=; numpy op by op allocates its temporaries, as a user's code does). "fn" is simdmath's one
function of the same inputs and output (exp for the first three, tanh for GELU, hypot for
the two-input ones), the floor an expression of it can approach. Ratios: numexpr / evaluate,
ufuncs op by op / evaluate, numpy / evaluate, evaluate / fn.

Usage: python3 python/bench/expr.py [--sizes 1e4,1e6,1e8] [--dtypes float64,float32]
"""
import argparse
import time

import numpy as np
import numexpr

import simdmath as sm

EXPRS = [
    ("gauss", "exp(-0.5*x*x)",
     lambda x, y, m: m.exp(-0.5 * x * x), lambda x, y, o: sm.exp(x, out=o)),
    ("sigmoid", "1/(1+exp(-x))",
     lambda x, y, m: 1 / (1 + m.exp(-x)), lambda x, y, o: sm.exp(x, out=o)),
    ("softplus", "log1p(exp(x))",
     lambda x, y, m: m.log1p(m.exp(x)), lambda x, y, o: sm.exp(x, out=o)),
    ("gelu", "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))",
     lambda x, y, m: 0.5 * x * (1 + m.tanh(0.7978845608 * (x + 0.044715 * x * x * x))),
     lambda x, y, o: sm.tanh(x, out=o)),
    ("sin*cos", "sin(x)*cos(y) + x*y",
     lambda x, y, m: m.sin(x) * m.cos(y) + x * y, lambda x, y, o: sm.hypot(x, y, out=o)),
    ("norm", "sqrt(x*x + y*y)",
     lambda x, y, m: m.sqrt(x * x + y * y), lambda x, y, o: sm.hypot(x, y, out=o)),
]


class SimdmathOps:
    """numpy's arithmetic with simdmath's ufuncs (sqrt is numpy's: IEEE either way)."""
    exp, log1p, tanh, sin, cos = sm.exp, sm.log1p, sm.tanh, sm.sin, sm.cos
    sqrt = np.sqrt


def best(fn, reps):
    t = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        t = min(t, time.perf_counter() - t0)
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1e4,1e6,1e8")
    ap.add_argument("--dtypes", default="float64,float32")
    a = ap.parse_args()
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    print(f"simdmath {sm.__version__}: {sm.get_num_threads()} threads, isa {sm.pool_info()['isa']}; "
          f"numexpr {numexpr.__version__}: {numexpr.get_num_threads()} threads, "
          f"VML {'yes' if numexpr.use_vml else 'no'}; numpy {np.__version__}")
    head = (f"{'expr':<9} {'dtype':<7} {'n':>5}  {'evaluate':>9} {'numexpr':>9} {'sm ufuncs':>9} "
            f"{'numpy':>9} {'fn':>9}  {'ne/ev':>6} {'uf/ev':>6} {'np/ev':>6} {'ev/fn':>6}")
    print("times in ms, best of R calls")
    print(head)
    print("-" * len(head))
    for n in sizes:
        reps = 200 if n <= 10_000 else 100 if n <= 1_000_000 else 3
        for dt in a.dtypes.split(","):
            dtype = np.dtype(dt)
            rng = np.random.default_rng(1)
            x = rng.uniform(-5, 5, n).astype(dtype)
            y = rng.uniform(-5, 5, n).astype(dtype)
            out = np.empty(n, dtype)
            for name, src, ref, single in EXPRS:
                local = {"x": x, "y": y}
                t_ev = best(lambda: sm.evaluate(src, local, out=out), reps)
                t_ne = best(lambda: numexpr.evaluate(src, local, out=out), reps)
                with np.errstate(all="ignore"):
                    t_uf = best(lambda: ref(x, y, SimdmathOps), reps)
                    t_np = best(lambda: ref(x, y, np), reps)
                t_fn = best(lambda: single(x, y, out), reps)
                ms = lambda t: f"{t * 1e3:9.3f}"  # noqa: E731
                print(f"{name:<9} {dt:<7} {n:>5.0e}  {ms(t_ev)} {ms(t_ne)} {ms(t_uf)} {ms(t_np)} {ms(t_fn)}  "
                      f"{t_ne / t_ev:6.2f} {t_uf / t_ev:6.2f} {t_np / t_ev:6.2f} {t_ev / t_fn:6.2f}",
                      flush=True)
            del x, y, out


if __name__ == "__main__":
    main()
