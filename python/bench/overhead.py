#!/usr/bin/env python3
"""What the ufunc machinery costs over the Rust kernel: every function, float32 and float64,
n = 4096 / 1e5 / 1e7, three ways on the same data, out of place into a preallocated array:

- ufunc:  ``simdmath.<f>(x, out=y)`` (numpy's dispatch, simdmath's inner loop with its
  floating-point checks, the pool above the threshold);
- kernel: ``simdmath._simdmath._kernel_eval(name, x, y)``, the crate's dispatched entry point
  in one call on the same policy for the pool, without the ufunc or the checks;
- numpy:  numpy's own ufunc (``np.power`` for ``pow``, ...; "-" where numpy has none).

Times are the best of several rounds (each round a batch of calls, ufunc and kernel
interleaved, so drift hits both alike), in microseconds per call. ``ratio`` = ufunc / kernel;
``net`` = (ufunc - ufunc at n=1) / (kernel - kernel at n=1), the per-element cost with each
side's fixed cost of a call taken out. Run it alone on the machine (nothing else running: the figures are ratios of timings).

Usage: python3 python/bench/overhead.py [--sizes 4096,1e5,1e7] [--funcs exp,pow] [--markdown]
       [--repeat N]
"""
import argparse
import os
import platform
import subprocess
import time

# numpy's OpenBLAS starts a thread per CPU that polls while idle; on a 2-CPU machine it takes
# time from the pool's workers at random (7 % of the samples in a profile of this script).
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

import simdmath  # noqa: E402

_sm = simdmath._simdmath

NUMPY = {"pow": "power", "atan2": "arctan2", "asinh": "arcsinh", "acosh": "arccosh",
         "atanh": "arctanh", "atan": "arctan", "asin": "arcsin", "acos": "arccos"}
# Inputs inside each domain, most results normal (the usual case the checks must not slow).
RANGE = {"log": (0.01, 100), "log2": (0.01, 100), "log10": (0.01, 100), "log1p": (-0.5, 100),
         "acosh": (1, 100), "atanh": (-0.9, 0.9), "asin": (-1, 1), "acos": (-1, 1),
         "exp": (-20, 20), "exp2": (-20, 20), "exp10": (-10, 10), "expm1": (-20, 20),
         "sinh": (-20, 20), "cosh": (-20, 20), "pow": (0.1, 10)}


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


REPEAT = 1


def best_pair(a, b, n):
    """Best time per call of `a` and of `b`, interleaved in rounds sized to n (REPEAT times
    as many rounds with --repeat)."""
    calls, rounds = (100, 9) if n <= 10_000 else (20, 15) if n <= 200_000 else (2, 15)
    rounds *= REPEAT
    ta, tb = [], []
    a(), b()  # warm: pages touched, pool built
    for _ in range(rounds):
        for fn, acc in ((a, ta), (b, tb)):
            t0 = time.perf_counter()
            for _ in range(calls):
                fn()
            acc.append((time.perf_counter() - t0) / calls)
    return min(ta), min(tb)


def best(a, n):
    return best_pair(a, a, n)[0]


def calls_for(name, dtype, n):
    """(ufunc call, kernel call, numpy call or None) on fresh data of n elements."""
    f = getattr(simdmath, name)
    lo, hi = RANGE.get(name, (-3, 3))
    rng = np.random.default_rng(1)
    x = rng.uniform(lo, hi, n).astype(dtype)
    y = np.empty_like(x)
    npf = getattr(np, NUMPY.get(name, name), None)
    npf = npf if isinstance(npf, np.ufunc) else None
    if f.nin == 2:
        x2 = rng.uniform(-3, 3, n).astype(dtype)
        if name == "hypot":
            x2 = rng.uniform(0.1, 10, n).astype(dtype)
        return (lambda: f(x, x2, out=y), lambda: _sm._kernel_eval(name, x, y, y=x2),
                npf and (lambda: npf(x, x2, out=y)))
    if f.nout == 2:
        y2 = np.empty_like(x)
        return (lambda: f(x, out=(y, y2)), lambda: _sm._kernel_eval(name, x, y, out2=y2), None)
    return (lambda: f(x, out=y), lambda: _sm._kernel_eval(name, x, y), npf and (lambda: npf(x, out=y)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="4096,1e5,1e7")
    ap.add_argument("--funcs", default=",".join(simdmath.functions + simdmath.pair_functions
                                                 + simdmath.binary_functions))
    ap.add_argument("--markdown", action="store_true")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run N times as many interleaved rounds (best of more samples on a noisy machine)")
    a = ap.parse_args()
    global REPEAT
    REPEAT = max(1, a.repeat)
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    funcs = a.funcs.split(",")
    info = simdmath.pool_info()
    print(f"CPU: {cpu_model()}; {os.cpu_count()} logical CPUs; isa {info['isa']}; "
          f"{info['threads']} pool threads, threshold {info['pool_threshold']}; numpy {np.__version__}; "
          f"load {open('/proc/loadavg').read().split()[0]}")
    head = ["function", "dtype", "n", "ufunc us", "kernel us", "numpy us", "ratio", "net"]
    rows = []
    worst = 0.0
    for name in funcs:
        for dtype in ("float32", "float64"):
            u1, k1, _ = calls_for(name, dtype, 1)
            fu1, fk1 = best_pair(u1, k1, 1)
            for n in sizes:
                u, k, npc = calls_for(name, dtype, n)
                tu, tk = best_pair(u, k, n)
                tn = best(npc, n) if npc else None
                net = (tu - fu1) / max(tk - fk1, 1e-12)
                worst = max(worst, min(tu / tk, net))
                rows.append([name, dtype, f"{n:g}", f"{tu * 1e6:.2f}", f"{tk * 1e6:.2f}",
                             f"{tn * 1e6:.2f}" if tn else "-", f"{tu / tk:.3f}", f"{net:.3f}"])
                if not a.markdown:
                    print("  ".join(f"{c:>10}" for c in rows[-1]), flush=True)
    print(f"one-element call (fixed cost) of the ufunc, exp float64: {best(calls_for('exp', 'float64', 1)[0], 1) * 1e6:.2f} us")
    print(f"worst min(ratio, net) over the table: {worst:.3f}")
    if a.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join(["---"] * 3 + ["---:"] * 5) + "|")
        for r in rows:
            print("| " + " | ".join(r) + " |")


if __name__ == "__main__":
    main()
