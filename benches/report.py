#!/usr/bin/env python3
"""Turns the criterion output of `cargo bench --features sleef` (benches/kernels.rs and
benches/peers.rs) into the tables of docs/PERFORMANCE.md (section "## Micro-benchmarks
(issue 4)", replaced in place; the rest of the file is left alone) and the plot
docs/throughput.svg. Python 3 standard library only.

    cargo bench --features sleef          # ~10 min on an idle 2-core machine
    python3 benches/report.py [--note "load average 0.1 during the run"]

ns/element is the fastest sample (time per iteration / n; criterion's samples are means over
many iterations), as ../shared/peers reports `ns_per_elem_min`. Exit status 1 when a check
fails (the dispatched best backend slower than SLEEF u10 AVX-512 at n = 4096, or AVX2 less
than 2x the portable backend: the inlining guard of DESIGN.md).
"""
import argparse
import glob
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRIT = os.path.join(ROOT, "target", "criterion")
HEADING = "## Micro-benchmarks (issue 4)"
OURS = ["portable", "avx2", "avx512"]
PEERS = ["glibc-scalar", "sleef-u10-avx2", "sleef-u10-avx512", "libmvec-avx512"]
FUNCS = ["exp", "log", "sin", "cos"]
TYPES = ["f64", "f32"]
SIZE_NAMES = {4096: "4096 (L1)", 32768: "32768 (L2)", 1 << 20: "2^20 (L3-ish)", 1 << 24: "2^24 (memory)"}


def load():
    """{(group, id, n): (min ns/elem, median ns/elem)}"""
    res = {}
    for bj in glob.glob(os.path.join(CRIT, "**", "new", "benchmark.json"), recursive=True):
        d = os.path.dirname(bj)
        try:
            b = json.load(open(bj))
            s = json.load(open(os.path.join(d, "sample.json")))
            e = json.load(open(os.path.join(d, "estimates.json")))
        except (OSError, ValueError):
            continue
        n = int(b["value_str"]) if b.get("value_str") else None
        if n is None:
            continue
        per_iter = [t / i for t, i in zip(s["times"], s["iters"])]
        res[(b["group_id"], b["function_id"], n)] = (min(per_iter) / n, e["median"]["point_estimate"] / n)
    return res


def fmt(v):
    if v is None:
        return "–"
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def tables(res):
    sizes = sorted({n for (_, _, n) in res})
    ours = [i for i in OURS if any(k[1] == i for k in res)]
    peers = [p for p in PEERS if any(k[1] == p for k in res)]
    out, checks, ok = [], [], True
    for n in sizes:
        copy = {t: res.get((f"copy_{t}", "copy", n), (None,))[0] for t in TYPES}
        out.append(f"### n = {SIZE_NAMES.get(n, n)}: ns per element (min), one thread\n")
        pool = {f"{f}_{t}": res.get((f"{f}_{t}", "pool", n), (None,))[0] for f in FUNCS for t in TYPES}
        has_pool = any(v is not None for v in pool.values())
        cols = ours + peers + ["copy", "best ours / best peer"] + ([f"pool ({os.cpu_count()} threads)"] if has_pool else [])
        out.append("| function | " + " | ".join(cols) + " |")
        out.append("|---|" + "--:|" * len(cols))
        for f in FUNCS:
            for t in TYPES:
                g = f"{f}_{t}"
                o = {i: res.get((g, i, n), (None,))[0] for i in ours}
                p = {i: res.get((g, i, n), (None,))[0] for i in peers}
                if all(v is None for v in o.values()):
                    continue
                best_o = min(v for v in o.values() if v is not None)
                pv = [v for v in p.values() if v is not None]
                best_p = min(pv) if pv else None
                bp_name = min((k for k in p if p[k] is not None), key=lambda k: p[k], default=None)
                ratio = f"{best_o / best_p:.2f} (vs {bp_name})" if best_p else "–"
                cells = [fmt(o[i]) for i in ours] + [fmt(p[i]) for i in peers] + [fmt(copy[t]), ratio]
                if has_pool:
                    cells.append(fmt(pool[g]))
                out.append(f"| {f} {t} | " + " | ".join(cells) + " |")
                if n == 4096:
                    dispatched = o.get(ours[-1])
                    sleef = p.get("sleef-u10-avx512")
                    if dispatched is not None and sleef is not None:
                        good = dispatched < sleef
                        ok &= good
                        checks.append(f"| {f} {t} | {ours[-1]} {fmt(dispatched)} | SLEEF u10 AVX-512 {fmt(sleef)} | "
                                      f"{sleef / dispatched:.2f}x | {'pass' if good else '**FAIL**'} |")
                    if o.get("avx2") and o.get("portable"):
                        r = o["portable"] / o["avx2"]
                        good = r >= 2.0
                        ok &= good
                        checks.append(f"| {f} {t} | avx2 {fmt(o['avx2'])} | portable {fmt(o['portable'])} | "
                                      f"{r:.2f}x (want >= 2) | {'pass' if good else '**FAIL**'} |")
        out.append("")
    return sizes, ours, peers, out, checks, ok


COLORS = {"portable": "#7f7f7f", "avx2": "#1f77b4", "avx512": "#d62728", "glibc-scalar": "#8c564b",
          "sleef-u10-avx2": "#17becf", "sleef-u10-avx512": "#2ca02c", "libmvec-avx512": "#ff7f0e", "copy": "#000000"}
DASH = {"glibc-scalar": "4,3", "sleef-u10-avx2": "4,3", "sleef-u10-avx512": "4,3", "libmvec-avx512": "4,3",
        "copy": "1,3"}


def svg(res, sizes, series, path):
    """One panel per function x type: throughput (Gelem/s) against n (log scale)."""
    W, H, PW, PH, ML, MT = 1040, 1180, 430, 230, 60, 60
    lines = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" '
             f'font-size="11"><rect width="100%" height="100%" fill="white"/>',
             f'<text x="{W/2}" y="22" text-anchor="middle" font-size="15">simdmath: throughput against size, '
             f'one thread (Gelem/s, higher is better; dashed: peers; dotted: copy, clipped)</text>']
    xs = sorted(sizes)
    if len(xs) < 1:
        return
    import math
    lx0, lx1 = math.log2(xs[0]), math.log2(xs[-1]) if len(xs) > 1 else math.log2(xs[0]) + 1
    for k, (f, t) in enumerate([(f, t) for f in FUNCS for t in TYPES]):
        g = f"{f}_{t}"
        px, py = ML + (k % 2) * (PW + 60), MT + (k // 2) * (PH + 45)
        data = {}
        for s in series:
            grp = f"copy_{t}" if s == "copy" else g
            pts = [(n, 1.0 / res[(grp, s, n)][0]) for n in xs if (grp, s, n) in res]
            if pts:
                data[s] = pts
        if not data:
            continue
        # the scale follows the functions; the copy floor (far above in cache) is clipped
        ymax = max(v for s, pts in data.items() if s != "copy" for _, v in pts) * 1.15
        ymax = max(ymax, 0.1)
        X = lambda n: px + (math.log2(n) - lx0) / (lx1 - lx0) * PW
        Y = lambda v: py + PH - v / ymax * PH
        lines.append(f'<rect x="{px}" y="{py}" width="{PW}" height="{PH}" fill="none" stroke="#999"/>')
        lines.append(f'<clipPath id="c{k}"><rect x="{px}" y="{py}" width="{PW}" height="{PH}"/></clipPath>')
        lines.append(f'<text x="{px + PW/2}" y="{py - 6}" text-anchor="middle" font-size="13">{f} {t}</text>')
        for i in range(5):
            v = ymax * i / 4
            lines.append(f'<line x1="{px}" x2="{px+PW}" y1="{Y(v):.1f}" y2="{Y(v):.1f}" stroke="#eee"/>')
            lines.append(f'<text x="{px-4}" y="{Y(v)+4:.1f}" text-anchor="end">{v:.1f}</text>')
        for n in xs:
            lab = {4096: "4K", 32768: "32K", 1 << 20: "1M", 1 << 24: "16M"}.get(n, str(n))
            lines.append(f'<text x="{X(n):.1f}" y="{py+PH+14}" text-anchor="middle">{lab}</text>')
        for s, pts in data.items():
            d = " ".join(f"{X(n):.1f},{Y(v):.1f}" for n, v in pts)
            dash = f' stroke-dasharray="{DASH[s]}"' if s in DASH else ""
            lines.append(f'<g clip-path="url(#c{k})"><polyline points="{d}" fill="none" '
                         f'stroke="{COLORS.get(s, "#333")}" stroke-width="2"{dash}/>')
            for n, v in pts:
                lines.append(f'<circle cx="{X(n):.1f}" cy="{Y(v):.1f}" r="2.5" fill="{COLORS.get(s, "#333")}"/>')
            lines.append("</g>")
    ly = H - 40
    for i, s in enumerate(series):
        x = 30 + i * 126
        dash = f' stroke-dasharray="{DASH[s]}"' if s in DASH else ""
        lines.append(f'<line x1="{x}" x2="{x+24}" y1="{ly}" y2="{ly}" stroke="{COLORS.get(s)}" stroke-width="3"{dash}/>')
        lines.append(f'<text x="{x+28}" y="{ly+4}">{s}</text>')
    lines.append(f'<text x="{W/2}" y="{H-12}" text-anchor="middle">n (elements, log scale); generated by benches/report.py</text>')
    lines.append("</svg>")
    open(path, "w").write("\n".join(lines) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--note", default="", help="a line about the run (machine load, ...)")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "PERFORMANCE.md"))
    ap.add_argument("--svg", default=os.path.join(ROOT, "docs", "throughput.svg"))
    a = ap.parse_args()
    res = load()
    if not res:
        sys.exit(f"no criterion results under {CRIT}: run `cargo bench --features sleef` first")
    sizes, ours, peers, tab, checks, ok = tables(res)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    sec = [HEADING, "",
           "Generated by `cargo bench --features sleef && python3 benches/report.py` (benches/kernels.rs, "
           "benches/peers.rs); do not edit by hand. "
           f"Machine: {cpu}, {os.cpu_count()} logical CPUs. One thread, inputs U[0,1) as in ../shared/peers "
           "(`domain=unit`); ns per element = the fastest criterion sample (warm-up 0.5 s, 1 s, 10 samples) / n. "
           "Peers: `glibc-scalar` = std's `f64::exp` etc. (glibc libm, one call per element), "
           "`sleef-u10-*` = SLEEF 3.5 `Sleef_expd8_u10avx512f` etc. (1 ULP), `libmvec-avx512` = the loop "
           "vectorized by GCC through glibc's libmvec (`_ZGVeN8v_exp`, 2-4 ULP), `copy` = `copy_from_slice` "
           "(the memory floor). `best ours / best peer` < 1 means the best simdmath backend is faster.",
           ""]
    if a.note:
        sec += [f"Run conditions: {a.note}", ""]
    sec += ["### Checks at n = 4096 (in cache)", "",
            "The dispatched best backend must beat SLEEF u10 AVX-512 on every function and type (issue 2); "
            "AVX2 must be at least 2x the portable backend (DESIGN.md: catches an inlining regression).", "",
            "| function | ours | other | speed-up | result |", "|---|---|---|--:|---|"] + checks + [""]
    sec += tab
    sec += ["![throughput against size](throughput.svg)", ""]
    text = "\n".join(sec)
    doc = open(a.doc).read() if os.path.exists(a.doc) else "# Performance\n\n"
    if HEADING in doc:
        start = doc.index(HEADING)
        m = re.search(r"^## ", doc[start + len(HEADING):], re.M)
        end = start + len(HEADING) + m.start() if m else len(doc)
        doc = doc[:start] + text + "\n" + doc[end:]
    else:
        doc = doc.rstrip("\n") + "\n\n" + text + "\n"
    os.makedirs(os.path.dirname(a.doc), exist_ok=True)
    open(a.doc, "w").write(doc)
    svg(res, sizes, ours + peers + ["copy"], a.svg)  # one thread only: the pool is in the tables
    print("\n".join(["### checks"] + checks))
    print(f"wrote {a.doc} and {a.svg}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
