#!/usr/bin/env python3
"""numpy (and optionally numexpr) as a peer of the criterion benches, on the same input ranges.

    cargo bench --features sleef          # writes target/criterion/ranges.json (the range table)
    python3 benches/numpy_peer.py         # writes target/criterion/numpy.json
    python3 benches/report.py             # reads both

Times `np.<f>(x, out=y)` (and `ne.evaluate("<f>(x)", out=y)` with `--numexpr`, one thread) at
n = 4096 and 1e6 (or SIMDMATH_BENCH_SIZES, as the criterion benches) on every range of
benches/common.rs (read from target/criterion/ranges.json, so the labels and bounds are the
benches' own), one thread (OPENBLAS/OMP set to 1 before numpy loads). The two-input functions
(ranges.json rows with `y_lo`/`y_hi`) as `np.power(a, b, out=y)`, `np.arctan2(a, b, out=y)`,
`np.hypot(a, b, out=y)`: `a` is the first input (the range's `lo`/`hi`; atan2's y, as in C and
the registry), `b` the second (common.rs `Range::second`: uniform in [y_lo, y_hi], or the first
input's distribution where the range sets no second span, i.e. y_lo/y_hi = lo/hi). Registry names
that numpy spells otherwise are mapped (asin -> arcsin, pow -> power, atan2 -> arctan2, ...);
exp10, sinpi, cospi and sincos have no numpy ufunc and are skipped. (numpy 2.x on an AVX-512
CPU runs power and arctan2 as SVML-derived AVX-512 loops; hypot calls glibc's scalar hypot.)
Inputs: numpy's default_rng, the same distributions (not the same bits). As in the criterion
benches each call gets fresh inputs: the calls cycle through at least 64 Ki distinct
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
# Registry name -> numpy ufunc (None: numpy has none); names not listed are numpy's too.
NP_NAMES = {"exp10": None, "sinpi": None, "cospi": None, "sincos": None, "asin": "arcsin",
            "acos": "arccos", "atan": "arctan", "asinh": "arcsinh", "acosh": "arccosh",
            "atanh": "arctanh", "pow": "power", "atan2": "arctan2", "hypot": "hypot"}
NE_NAMES = {"exp": "exp", "log": "log", "sin": "sin", "cos": "cos", "expm1": "expm1",
            "log10": "log10", "log1p": "log1p", "sinh": "sinh", "cosh": "cosh", "tanh": "tanh",
            "tan": "tan", "asin": "arcsin", "acos": "arccos", "atan": "arctan",
            "asinh": "arcsinh", "acosh": "arccosh", "atanh": "arctanh"}
# Two-input functions in numexpr (no hypot there): `x` the first input, `y` the second.
NE_EXPRS2 = {"pow": "x ** y", "atan2": "arctan2(x, y)"}


def second(r):
    """The second input's range of a two-input function (common.rs `Range::second`): uniform in
    [y_lo, y_hi] where the range sets its own span, else the range itself (then y_lo/y_hi are
    lo/hi, as write_ranges_json writes them); None for a one-input function."""
    if "y_lo" not in r:
        return None
    if (r["y_lo"], r["y_hi"]) == (r["lo"], r["hi"]):
        return r
    return dict(r, lo=r["y_lo"], hi=r["y_hi"], dist="linear", signed=False)


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
    """min ns/element: samples of K calls (K so that a sample lasts >= budget s), 7 samples.
    `xs[i]`: the i-th window's inputs, a tuple (one array per input)."""
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
    ap.add_argument("--sizes", default=os.environ.get("SIMDMATH_BENCH_SIZES", "").strip() or "4096,1000000",
                    help="comma list (default: SIMDMATH_BENCH_SIZES, else 4096,1000000)")
    ap.add_argument("--funcs", default="", help="comma list (default: every function in ranges.json)")
    ap.add_argument("--ranges", default=os.environ.get("SIMDMATH_BENCH_RANGES", ""),
                    help="comma list of range labels (default: SIMDMATH_BENCH_RANGES or all)")
    ap.add_argument("--numexpr", action="store_true", help="also numexpr (one thread)")
    ap.add_argument("--budget", type=float, default=0.02, help="seconds per sample")
    ap.add_argument("--out", default=os.path.join(CRIT, "numpy.json"))
    ap.add_argument("--ranges-json", default=os.path.join(CRIT, "ranges.json"),
                    help="the range table (default: the one the benches wrote)")
    a = ap.parse_args()
    path = a.ranges_json
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
    binary = {"pow", "atan2", "hypot"}
    stale = sorted({r["func"] for r in ranges if r["func"] in binary and "y_lo" not in r})
    if stale:
        # A ranges.json from benches older than Range::second: their second input was drawn
        # from the first input's range, which `second` falls back to.
        print(f"warning: {path} has no y_lo/y_hi for {', '.join(stale)} (written by older benches?): "
              "their second input is drawn from the first input's range", file=sys.stderr)
    for r in ranges:
        f, t, label = r["func"], r["type"], r["label"]
        if (funcs and f not in funcs) or (labels and label not in labels):
            continue
        name = NP_NAMES.get(f, f)
        fn = getattr(np, name, None) if name else None
        dtype = np.float64 if t == "f64" else np.float32
        rng = np.random.default_rng(zlib.crc32(f"{f}_{t}@{label}".encode()))
        r2 = second(r)
        if r2 is None and f in binary:
            r2 = r
        rng2 = np.random.default_rng(zlib.crc32(f"{f}_{t}@{label}#2".encode()))
        for n in sizes:
            w = max(1, -(-DISTINCT // n))
            if r2 is None:
                xs = [(inputs(r, n, dtype, rng),) for _ in range(w)]
            else:
                xs = [(inputs(r, n, dtype, rng), inputs(r2, n, dtype, rng2)) for _ in range(w)]
            y = np.empty(n, dtype)
            peers = []
            if fn is not None:
                peers.append(("numpy", lambda a, y, fn=fn: fn(*a, out=y)))
            expr = None
            if ne is not None and r2 is None and f in NE_NAMES:
                expr = f"{NE_NAMES[f]}(x)"
            elif ne is not None and r2 is not None and f in NE_EXPRS2:
                expr = NE_EXPRS2[f]
            if expr is not None:
                peers.append(("numexpr", lambda a, y, e=expr: ne.evaluate(
                    e, local_dict=dict(zip("xy", a)), out=y)))
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
