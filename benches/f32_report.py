#!/usr/bin/env python3
"""The f32 speed table of issue 17 ("f32 kernels built for f32"): one thread, n = 4096, each
function on its ordinary range (benches/common.rs), every backend of ours and every peer in the
same run, with the issue's checks. Python 3 standard library only.

    SIMDMATH_BENCH_SIZES=4096 SIMDMATH_BENCH_RANGES=finite,active,all,domain,moderate,phase \\
        cargo bench --features sleef -- '_f32@'
    SIMDMATH_BENCH_SIZES=4096 python3 benches/numpy_peer.py      # optional: numpy's ufuncs
    SIMDMATH_BENCH_RANGES=finite,active,all,domain,moderate,phase \\
        python3 benches/f32_report.py [--type f32]                 # the table and the checks

ns/element is the fastest criterion sample / n (as benches/report.py). Checks at the same
vector width: ours <= SLEEF u10 (u05 where SLEEF has no u10: sinpi, cospi, hypot); ours <=
glibc libmvec (the issue: at least 20 of the 25 functions libmvec has, none above 1.3x); the
correctly rounded tier <= SLEEF u10 and <= 1.3x our faithful kernel; ours <= numpy.
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402  (benches/report.py: the criterion and numpy.json reader)

N = 4096
COLS = [("avx512", "ours avx512"), ("avx2", "ours avx2"), ("portable", "ours portable"),
        ("avx512-cr", "cr avx512"), ("avx2-cr", "cr avx2"),
        ("sleef-u10-avx512", "SLEEF u10 512"), ("sleef-u35-avx512", "SLEEF u35 512"),
        ("libmvec-avx512", "libmvec 512"), ("sleef-u10-avx2", "SLEEF u10 avx2"),
        ("sleef-u35-avx2", "SLEEF u35 avx2"), ("libmvec-avx2", "libmvec avx2"), ("numpy", "numpy")]


def load(ty, keep=None):
    """{(func, range): {id: ns/element}} at n = 4096, ordinary ranges only (not `unit`), from
    report.py's reader (criterion and numpy.json); with `keep`, only those range labels (the
    results of other ranges under target/criterion may come from an older run)."""
    res = {}
    for (g, fid, n), ns in report.load()[0].items():
        if "@" not in g or n != N:
            continue
        f, rng = g.split("@")
        fn, t = f.rsplit("_", 1)
        if t == ty and rng != "unit" and (keep is None or rng in keep):
            res.setdefault((fn, rng), {})[fid] = ns
    return res


def sleef(v, width):
    """SLEEF u10 of the width, or u05 where SLEEF has no u10."""
    return v.get(f"sleef-u10-{width}", v.get(f"sleef-u05-{width}"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--type", default="f32")
    ap.add_argument("--ranges", default=os.environ.get("SIMDMATH_BENCH_RANGES", ""),
                    help="comma list of range labels to report (default: $SIMDMATH_BENCH_RANGES,"
                    " the ranges the bench command ran; empty: every range found)")
    a = ap.parse_args()
    keep = {r.strip() for r in a.ranges.split(",") if r.strip()} or None
    res = load(a.type, keep)
    try:
        cpu = [ln.split(":", 1)[1].strip() for ln in subprocess.run(
            ["lscpu"], capture_output=True, text=True).stdout.splitlines()
            if ln.startswith("Model name")][0]
    except (OSError, IndexError):
        cpu = "unknown CPU"
    print(f"CPU: {cpu}; one thread, n = {N}, ns/element (fastest sample); "
          f"u05 marked * where SLEEF has no u10")
    hdr = ["function @ range"] + [c[1] for c in COLS]
    print("| " + " | ".join(hdr) + " |")
    print("|" + "---|" + "--:|" * len(COLS))
    checks = {"sleef": [], "mvec": [], "cr_sleef": [], "cr_faithful": [], "numpy": []}
    for (fn, rng), v in sorted(res.items()):
        if not any(w in v for w in ("avx512", "avx2", "portable")):
            continue  # a range numpy_peer.py timed that this run did not
        cells = [f"{fn} @{rng}"]
        for cid, _ in COLS:
            val = v.get(cid)
            if val is None and cid.startswith("sleef-u10"):
                val = v.get(cid.replace("u10", "u05"))
                cells.append(f"{val:.3f}*" if val is not None else "–")
                continue
            cells.append(f"{val:.3f}" if val is not None else "–")
        print("| " + " | ".join(cells) + " |")
        for w in ("avx512", "avx2"):
            ours, s = v.get(w), sleef(v, w)
            if ours and s:
                checks["sleef"].append((f"{fn} {w}", ours / s))
            m = v.get(f"libmvec-{w}")
            if ours and m:
                checks["mvec"].append((f"{fn} {w}", ours / m))
            cr = v.get(f"{w}-cr")
            if cr and s:
                checks["cr_sleef"].append((f"{fn} {w}", cr / s))
            if cr and ours:
                checks["cr_faithful"].append((f"{fn} {w}", cr / ours))
        if v.get("avx512") and v.get("numpy"):
            checks["numpy"].append((f"{fn} avx512", v["avx512"] / v["numpy"]))
    print()
    for key, label, limit in (("sleef", "ours / SLEEF u10 (same width)", 1.0),
                              ("mvec", "ours / libmvec (same width)", 1.0),
                              ("cr_sleef", "correctly rounded tier / SLEEF u10", 1.0),
                              ("cr_faithful", "correctly rounded tier / faithful", 1.3),
                              ("numpy", "ours avx512 / numpy (one call, n = 4096)", 1.0)):
        c = checks[key]
        bad = [f"{n} {r:.2f}x" for n, r in c if r > limit]
        print(f"- {label} <= {limit}: {len(c) - len(bad)} of {len(c)}"
              + (f"; above: {', '.join(bad)}" if bad else ""))


if __name__ == "__main__":
    main()
