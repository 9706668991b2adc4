#!/usr/bin/env python3
"""numpy (and optionally numexpr) as a peer of the criterion benches, on the same input ranges.

    cargo bench --features sleef          # writes target/criterion/ranges.json (the range table)
    python3 benches/numpy_peer.py         # writes target/criterion/numpy.json
    python3 benches/report.py             # reads both

Times `np.<f>(x, out=y)` (and `ne.evaluate("<f>(x)", out=y)` with `--numexpr`, one thread) at
n = 4096 and 1e6 on every range of benches/common.rs (read from target/criterion/ranges.json, so
the labels and bounds are the benches' own), one thread (OPENBLAS/OMP set to 1 before numpy
loads). Inputs: numpy's default_rng, the same distributions (not the same bits). As in the
criterion benches each call gets fresh inputs: the calls cycle through at least 64 Ki distinct
values (16 windows of 4096), so the branch predictor cannot learn them (numpy's f64 sin/cos
call glibc's scalar routines). ns/element = min over samples of (sample time / calls / n).
"""
import argparse
import json
import os
import sys
import time
import zlib

for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[v] = "1"

import numpy as np  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRIT = os.path.join(ROOT, "target", "criterion")
DISTINCT = 1 << 16
NP_NAMES = {"exp10": None, "sinpi": None, "cospi": None, "asin": "arcsin", "acos": "arccos",
            "atan": "arctan", "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh"}
NE_NAMES = {"exp": "exp", "log": "log", "sin": "sin", "cos": "cos", "expm1": "expm1",
            "log10": "log10", "log1p": "log1p", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
            "tan": "tan", "asin": "arcsin", "acos": "arccos", "atan": "arctan",
            "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh"}


def inputs(r, n, dtype, rng):
    lo, hi = r["lo"], r["hi"]
    if r["dist"] == "linear":
        x = lo + (hi - lo) * rng.random(n)
    else:
        a, b = np.log2(lo), np.log2(hi)
        x = np.exp2(a + (b - a) * rng.random(n))
        if r["signed"]:
            x = np.where(rng.random(n) < 0.5, -x, x)
    fmax = np.finfo(dtype).max
    return np.clip(x, -fmax, fmax).astype(dtype)


def measure(call, xs, y, n, budget):
    """min ns/element: samples of K calls (K so that a sample lasts >= budget s), 7 samples."""
    w = len(xs)
    call(xs[0], y)
    k, t = 1, 0.0
    while True:
        t0 = time.perf_counter()
        for i in range(k):
            call(xs[i % w], y)
        t = time.perf_counter() - t0
        if t >= budget or k >= 1 << 20:
            break
        k *= 2
    best = t / k
    for _ in range(6):
        t0 = time.perf_counter()
        for i in range(k):
            call(xs[i % w], y)
        best = min(best, (time.perf_counter() - t0) / k)
    return best / n * 1e9


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="4096,1000000")
    ap.add_argument("--funcs", default="", help="comma list (default: every function in ranges.json)")
    ap.add_argument("--ranges", default=os.environ.get("SIMDMATH_BENCH_RANGES", ""),
                    help="comma list of range labels (default: SIMDMATH_BENCH_RANGES or all)")
    ap.add_argument("--numexpr", action="store_true", help="also numexpr (one thread)")
    ap.add_argument("--budget", type=float, default=0.02, help="seconds per sample")
    ap.add_argument("--out", default=os.path.join(CRIT, "numpy.json"))
    a = ap.parse_args()
    path = os.path.join(CRIT, "ranges.json")
    try:
        ranges = json.load(open(path))
    except OSError:
        sys.exit(f"{path} missing: run `cargo bench` (or `cargo bench --bench kernels -- x`) first")
    ne = None
    if a.numexpr:
        try:
            import numexpr as ne
            ne.set_num_threads(1)
        except ImportError:
            print("numexpr not installed: skipped", file=sys.stderr)
    funcs = set(filter(None, a.funcs.split(",")))
    labels = set(filter(None, a.ranges.split(",")))
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    out = {"numpy": np.__version__, "numexpr": getattr(ne, "__version__", None), "results": []}
    for r in ranges:
        f, t, label = r["func"], r["type"], r["label"]
        if (funcs and f not in funcs) or (labels and label not in labels):
            continue
        name = NP_NAMES.get(f, f)
        fn = getattr(np, name, None) if name else None
        dtype = np.float64 if t == "f64" else np.float32
        rng = np.random.default_rng(zlib.crc32(f"{f}_{t}@{label}".encode()))
        for n in sizes:
            w = max(1, -(-DISTINCT // n))
            xs = [inputs(r, n, dtype, rng) for _ in range(w)]
            y = np.empty(n, dtype)
            peers = []
            if fn is not None:
                peers.append(("numpy", lambda x, y, fn=fn: fn(x, out=y)))
            if ne is not None and f in NE_NAMES:
                expr = f"{NE_NAMES[f]}(x)"
                peers.append(("numexpr", lambda x, y, e=expr: ne.evaluate(e, local_dict={"x": x}, out=y)))
            for peer, call in peers:
                with np.errstate(all="ignore"):
                    ns = measure(call, xs, y, n, a.budget)
                line = {"group": f"{f}_{t}@{label}", "id": peer, "n": n, "ns_per_elem_min": ns}
                out["results"].append(line)
                print(f"peer={peer} fn={f} dtype={t} range={label} n={n} ns_per_elem_min={ns:.3f}", flush=True)
    os.makedirs(os.path.dirname(a.out), exist_ok=True)
    json.dump(out, open(a.out, "w"), indent=1)
    print(f"wrote {a.out}")


if __name__ == "__main__":
    main()
