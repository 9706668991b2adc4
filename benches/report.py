#!/usr/bin/env python3
"""Turns the criterion output of `cargo bench --features sleef` (benches/kernels.rs and
benches/peers.rs) and, if present, benches/numpy_peer.py's target/criterion/numpy.json into
ns/element tables per input range, checks the speed targets of issue 8, and writes the tables
into docs/PERFORMANCE.md between markers (the rest of the file is left as it is). Python 3
standard library only.

    cargo bench --features sleef          # ~15 min on an idle 2-core machine
    python3 benches/numpy_peer.py         # optional: numpy on the same ranges
    python3 benches/report.py [--section before --title "..."] [--note "load 0.1"]

ns/element is the fastest sample (time per iteration / n; criterion's samples are means over
many iterations), as ../shared/peers reports `ns_per_elem_min`. The checks, at n = 4096, per
function x type x range x vector width (avx512, avx2; a width whose peers or backend did not
run is skipped):
  - ours <= libmvec of the same width;
  - SLEEF u10 (u05 where SLEEF has no u10) of the same width / ours >= 1.2;
  - no cliff (functions with a `small` range: sin, cos, ...): every range with |x| <= 2^20
    within 1.3x of `small`, beyond 2^20 within 3x, on every backend;
  - the inlining guard of DESIGN.md: avx2 >= 2x portable, on the ordinary range.
Every check prints pass/FAIL; exit status 1 if any fails (the tables are written anyway).
"""
import argparse
import glob
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CRIT = os.path.join(ROOT, "target", "criterion")
OURS = ["portable", "avx2", "avx512"]
PEERS = ["libmvec-avx512", "libmvec-avx2", "sleef-u10-avx512", "sleef-u10-avx2", "sleef-u05-avx512",
         "sleef-u05-avx2", "sleef-u35-avx512", "sleef-u35-avx2", "glibc-scalar", "numpy", "numexpr"]
WIDTHS = ["avx512", "avx2"]
TYPES = ["f64", "f32"]
N = 4096
SIZE_NAMES = {4096: "4096", 32768: "32768", 1 << 20: "2^20", 1 << 24: "2^24", 1000000: "1e6"}
TWO20 = float(1 << 20)


def load():
    """{(group, id, n): min ns/elem} from criterion, plus numpy.json."""
    res = {}
    for bj in glob.glob(os.path.join(CRIT, "**", "new", "benchmark.json"), recursive=True):
        d = os.path.dirname(bj)
        try:
            b = json.load(open(bj))
            s = json.load(open(os.path.join(d, "sample.json")))
        except (OSError, ValueError):
            continue
        if not b.get("value_str"):
            continue
        n = int(b["value_str"])
        per_iter = [t / i for t, i in zip(s["times"], s["iters"])]
        res[(b["group_id"], b["function_id"], n)] = min(per_iter) / n
    versions = {}
    try:
        npj = json.load(open(os.path.join(CRIT, "numpy.json")))
        for r in npj["results"]:
            res[(r["group"], r["id"], r["n"])] = r["ns_per_elem_min"]
        versions = {"numpy": npj.get("numpy"), "numexpr": npj.get("numexpr")}
    except (OSError, ValueError, KeyError):
        pass
    return res, versions


def load_ranges():
    """[(func, type, label, meta)] in the benches' order, from target/criterion/ranges.json."""
    try:
        return [(r["func"], r["type"], r["label"], r) for r in json.load(open(os.path.join(CRIT, "ranges.json")))]
    except (OSError, ValueError):
        return []


def cpu_model():
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        for line in out.splitlines():
            if line.startswith("Model name:"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")


def cpu_flags():
    for l in open("/proc/cpuinfo"):
        if l.startswith("flags"):
            f = l.split()
            isa = "avx512f" if "avx512f" in f else ("avx2+fma" if "avx2" in f and "fma" in f else "no avx2")
            return isa
    return "?"


def fmt(v):
    if v is None:
        return "–"
    return f"{v:.3f}" if v < 10 else f"{v:.1f}"


def sleef_u10(res, g, width):
    """SLEEF's most accurate tier of `width` that ran: u10, else u05 (sinpi/cospi)."""
    for tier in ("u10", "u05"):
        k = f"sleef-{tier}-{width}"
        if (g, k, N) in res:
            return k, res[(g, k, N)]
    return None, None


def build(res, ranges, cpu, versions):
    """(markdown lines of the tables, check rows, all passed)"""
    out, checks, ok = [], [], True
    groups = sorted({k[0] for k in res if "@" in k[0]})
    funcs = []
    for f, t, label, _ in ranges:
        if f not in funcs:
            funcs.append(f)
    for g in groups:  # functions measured but not in ranges.json
        f = g.split("@")[0].rsplit("_", 1)[0]
        if f not in funcs:
            funcs.append(f)
    meta = {(f, t, l): m for f, t, l, m in ranges}

    def labels(f, t):
        ls = [l for (ff, tt, l) in meta if ff == f and tt == t]
        extra = sorted({g.split("@")[1] for g in groups if g.split("@")[0] == f"{f}_{t}"} - set(ls))
        return [l for l in ls if any(k[0] == f"{f}_{t}@{l}" for k in res)] + extra

    cols = [c for c in OURS + PEERS if any(k[1] == c and k[2] == N for k in res)]
    heads = [("ours " + c if c in OURS else c) for c in cols]
    npv = f" (numpy {versions.get('numpy')})" if versions.get("numpy") else ""

    out.append(f"### ns per element at n = {N}, one thread, by input range ({cpu})\n")
    out.append(f"Every figure in this table was measured on **{cpu}**{npv}. `ours <isa>` = "
               "`simdmath::eval_with(isa, ..)`; the ranges are benches/common.rs `ranges` "
               "(`unit` = the earlier U[0,1) figures); – = not run (peer without that "
               "function, ISA missing on the CPU).\n")
    out.append("| function | range | " + " | ".join(heads) + " |")
    out.append("|---|---|" + "--:|" * len(cols))
    for f in funcs:
        for t in TYPES:
            for l in labels(f, t):
                g = f"{f}_{t}@{l}"
                m = meta.get((f, t, l))
                desc = f"`{l}` {m['describe']}" if m else f"`{l}`"
                out.append(f"| {f} {t} | {desc} | " + " | ".join(fmt(res.get((g, c, N))) for c in cols) + " |")
    out.append("")

    # The size sweep on the ordinary ranges.
    sizes = sorted({k[2] for k in res if k[2] != N})
    if sizes:
        scols = [c for c in OURS + ["pool"] + PEERS if any(k[1] == c and k[2] in sizes for k in res)]
        out.append(f"### ns per element by size, ordinary range ({cpu})\n")
        out.append(f"Measured on **{cpu}**; `pool` = the pinned pool, every logical CPU "
                   f"({os.cpu_count()} here), best ISA; `copy` = `copy_from_slice`, the memory floor; "
                   f"`pool copy` = the entry loop's copy on the pool (non-temporal stores where input and "
                   f"output together reach the last-level cache's size, as the functions'), the floor of `pool`.\n")
        out.append("| function | range | n | " + " | ".join(scols) + " | copy | pool copy |")
        out.append("|---|---|--:|" + "--:|" * (len(scols) + 2))
        for f in funcs:
            for t in TYPES:
                ords = [l for (ff, tt, l), m in meta.items() if ff == f and tt == t and m["ordinary"]]
                for l in ords:
                    g = f"{f}_{t}@{l}"
                    for n in [N] + sizes:
                        if not any(k[0] == g and k[2] == n for k in res):
                            continue
                        copy = res.get((f"copy_{t}", "copy", n))
                        pcopy = res.get((f"copy_{t}", "pool", n))
                        out.append(f"| {f} {t} | `{l}` | {SIZE_NAMES.get(n, n)} | "
                                   + " | ".join(fmt(res.get((g, c, n))) for c in scols)
                                   + f" | {fmt(copy)} | {fmt(pcopy)} |")
        out.append("")

    # Checks.
    def add(name, ours_txt, other_txt, ratio_txt, good):
        nonlocal ok
        ok &= good
        checks.append(f"| {name} | {ours_txt} | {other_txt} | {ratio_txt} | {'pass' if good else '**FAIL**'} |")

    for f in funcs:
        for t in TYPES:
            ls = labels(f, t)
            for l in ls:
                g = f"{f}_{t}@{l}"
                for w in WIDTHS:
                    o = res.get((g, w, N))
                    if o is None:
                        continue
                    mv = res.get((g, f"libmvec-{w}", N))
                    if mv is not None:
                        add(f"{f} {t} `{l}` {w}: ours <= libmvec", f"{fmt(o)}", f"libmvec-{w} {fmt(mv)}",
                            f"{mv / o:.2f}x", o <= mv)
                    sk, sv = sleef_u10(res, g, w)
                    if sv is not None:
                        add(f"{f} {t} `{l}` {w}: SLEEF/ours >= 1.2", f"{fmt(o)}", f"{sk} {fmt(sv)}",
                            f"{sv / o:.2f}x", sv / o >= 1.2)
            if "small" in ls:
                for isa in OURS:
                    base = res.get((f"{f}_{t}@small", isa, N))
                    if base is None:
                        continue
                    for l in ls:
                        m = meta.get((f, t, l))
                        v = res.get((f"{f}_{t}@{l}", isa, N))
                        if l == "small" or m is None or v is None:
                            continue
                        lim = 1.3 if m["max_abs"] <= TWO20 else 3.0
                        add(f"{f} {t} `{l}` {isa}: no cliff", fmt(v), f"`small` {fmt(base)}",
                            f"{v / base:.2f}x (want <= {lim})", v / base <= lim)
            for (ff, tt, l), m in meta.items():
                if ff != f or tt != t or not m["ordinary"]:
                    continue
                g = f"{f}_{t}@{l}"
                a2, pt = res.get((g, "avx2", N)), res.get((g, "portable", N))
                if a2 is not None and pt is not None:
                    add(f"{f} {t} `{l}`: inlining guard", f"avx2 {fmt(a2)}", f"portable {fmt(pt)}",
                        f"{pt / a2:.2f}x (want >= 2)", pt / a2 >= 2.0)
    return out, checks, ok


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--note", default="", help="a line about the run (machine load, ...)")
    ap.add_argument("--section", default="current",
                    help="marker name of the generated section (replaced in place if present)")
    ap.add_argument("--title", default="Micro-benchmarks by input range (issue 8)",
                    help="heading of the generated section")
    ap.add_argument("--doc", default=os.path.join(ROOT, "docs", "PERFORMANCE.md"))
    a = ap.parse_args()
    res, versions = load()
    if not any("@" in k[0] for k in res):
        sys.exit(f"no criterion results with ranges under {CRIT}: run `cargo bench --features sleef` first")
    ranges = load_ranges()
    cpu = cpu_model()
    isa = cpu_flags()
    print(f"CPU: {cpu} ({isa}, {os.cpu_count()} logical CPUs)")
    tab, checks, ok = build(res, ranges, cpu, versions)
    failed = sum(1 for c in checks if "**FAIL**" in c)
    kinds = []
    for kind in ("ours <= libmvec", "SLEEF/ours >= 1.2", "no cliff", "inlining guard"):
        ks = [c for c in checks if kind in c.split("|")[1]]
        if ks:
            kinds.append(f"{kind} {sum('**FAIL**' not in c for c in ks)}/{len(ks)}")
    summary = (f"{len(checks) - failed} of {len(checks)} checks pass, {failed} fail"
               f" ({', '.join(kinds)}; on {cpu})")
    begin, end = f"<!-- report.py:begin {a.section} -->", f"<!-- report.py:end {a.section} -->"
    sec = [begin, f"## {a.title}", "",
           "Generated by `cargo bench --features sleef && python3 benches/numpy_peer.py && "
           f"python3 benches/report.py --section {a.section}` (benches/kernels.rs, benches/peers.rs, "
           "benches/numpy_peer.py); do not edit by hand. "
           f"**CPU: {cpu}** ({isa}, {os.cpu_count()} logical CPUs). One thread; ns per element = the "
           "fastest criterion sample / n (warm-up 0.5 s, 1 s; 30 samples below n = 2^20, 10 from there). Each benchmark cycles "
           "through at least 64 Ki distinct seeded inputs (16 windows of 4096 at n = 4096, in L2), so "
           "no call replays the previous call's inputs: with 4096 replayed inputs the branch predictor "
           "learns the branches of scalar code (glibc `sinf`: 2.6 ns at n = 4096 against 4.8 at 1e6 in "
           "../shared/peers), which made scalar libm and scalar slow paths look too fast. "
           "Peers: `libmvec-*` = the plain loop vectorized by GCC 12 through glibc 2.36's libmvec "
           "(`_ZGVeN8v_exp` with `-march=x86-64-v4 -mprefer-vector-width=512`, `_ZGVdN4v_exp` with "
           "`-march=x86-64-v3`; `benches/shim/verify.sh`), `sleef-u10-*` / `sleef-u35-*` = SLEEF 3.5 "
           "`Sleef_expd8_u10avx512f`, `Sleef_sind4_u35avx2` etc. (1 and 3.5 ULP; Debian's SLEEF has "
           "no u35 exp), `glibc-scalar` = std's `f64::sin` etc., one call per element, `numpy` = "
           "`np.sin(x, out=y)` (benches/numpy_peer.py; numpy's per-call overhead is included).", ""]
    if a.note:
        sec += [f"Run conditions: {a.note}", ""]
    sec += [f"### Checks at n = {N} ({cpu}): {summary}", "",
            "ours <= libmvec and SLEEF u10 / ours >= 1.2 at the same vector width, per range; no cliff: "
            "every range with |x| <= 2^20 within 1.3x of `small`, beyond within 3x; inlining guard: "
            "avx2 >= 2x portable on the ordinary range (DESIGN.md).", "",
            "| check | ours (ns) | other (ns) | ratio | result |", "|---|--:|---|--:|---|"] + checks + [""]
    sec += tab
    sec.append(end)
    text = "\n".join(sec)
    doc = open(a.doc).read() if os.path.exists(a.doc) else "# Performance\n\n"
    if begin in doc and end in doc:
        i, j = doc.index(begin), doc.index(end) + len(end)
        doc = doc[:i] + text + doc[j:]
    else:
        # New sections go first, after the title: the newest figures on top.
        m = re.search(r"^## ", doc, re.M)
        i = m.start() if m else len(doc)
        doc = doc[:i] + text + "\n\n" + doc[i:]
    os.makedirs(os.path.dirname(a.doc), exist_ok=True)
    open(a.doc, "w").write(doc)
    print("\n".join(["| check | ours | other | ratio | result |"] + checks))
    print("\n".join(tab))
    print(f"summary: {summary}")
    print(f"wrote {a.doc} (section {a.section!r})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
