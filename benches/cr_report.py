#!/usr/bin/env python3
"""The cost of the correctly rounded f32 tier (issue 11), from the criterion output of
benches/kernels.rs (ids `<isa>` and `<isa>-cr`) and benches/peers.rs (SLEEF u10 of the same
width): one markdown table per run, n = 4096, one thread, each function's ordinary range.

    SIMDMATH_BENCH_SIZES=4096 cargo bench --features sleef -- '_f32@'   # or a narrower filter
    python3 benches/cr_report.py >> docs/PERFORMANCE.md

Checks per function x ISA: cr / faithful <= 1.5, and cr <= SLEEF u10 of the same width (no
SLEEF peer for the portable backend).
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report  # noqa: E402

N = 4096
WIDTH = {"avx512": "avx512", "avx2": "avx2"}


def main():
    res, _ = report.load()
    ranges = [r for r in report.load_ranges() if r[1] == "f32" and r[3].get("ordinary")]
    if not ranges:
        sys.exit("no ranges.json under target/criterion: run the benches first")
    cpu = report.cpu_model()
    rows, checks, passed = [], 0, 0
    for func, t, label, meta in ranges:
        g = f"{func}_{t}@{label}"
        for isa in ("avx512", "avx2", "portable"):
            fa, cr = res.get((g, isa, N)), res.get((g, f"{isa}-cr", N))
            if fa is None or cr is None:
                continue
            k, sl = report.sleef_u10(res, g, WIDTH[isa]) if isa in WIDTH else (None, None)
            ratio = cr / fa
            ok1 = ratio <= 1.5
            checks += 1
            passed += ok1
            if sl is not None:
                checks += 1
                passed += cr <= sl
            rows.append(
                f"| {func} | {label} | {isa} | {report.fmt(fa)} | {report.fmt(cr)} | "
                f"{ratio:.2f}x {'ok' if ok1 else 'FAIL'} | "
                + (f"{report.fmt(sl)} ({k.split('-')[1]}) | {cr / sl:.2f}x {'ok' if cr <= sl else 'FAIL'} |"
                   if sl is not None else "– | – |")
            )
    print(f"### The correctly rounded f32 tier: ns per element at n = {N}, one thread ({cpu})\n")
    print(f"{passed} of {checks} checks pass (cr / faithful <= 1.5; cr <= SLEEF u10 of the same width). "
          "ns/element = fastest criterion sample / n; `faithful` is the same backend's default kernel.\n")
    print("| function | range | backend | faithful | correctly rounded | cr / faithful | SLEEF u10 | cr / SLEEF |")
    print("|---|---|---|--:|--:|--:|--:|--:|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
