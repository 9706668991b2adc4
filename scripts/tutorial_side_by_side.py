#!/usr/bin/env python3
"""The tutorial's experiment side by side with `simdmath run`, in one session.

The tutorial (superfastpython.com, "Parallel NumPy Vector Math with Threads") times
`data = rand(n); result = exp(data)` sequentially, and with a `ThreadPool` that maps `exp`
over `numpy.split(data, workers)` and concatenates the results. Both programs are run here as
the tutorial writes them (the code is the same as ../shared/peers/numpy_seed.py's
`tutorial-seq` and `tutorial-pool`), each repetition in a fresh Python process so that every
run allocates fresh memory, as the tutorial's does; the time is the tutorial's own (from
before `rand` to after `exp` / `concatenate`, interpreter start and imports excluded).

Then `simdmath run --modes physical --json` (two passes: fill, then exp in place)
and the same with `--fused`, each repetition a fresh process too, and the ratios. The
programs take turns, round by round, so each meets the page state the others leave; the
table gives each program's best round. The ThreadPool program holds three arrays (the
data, the pool's results, the concatenation): it is skipped where they do not fit in
`MemAvailable`. Prints a Markdown table (and writes it with --out).

usage: python3 scripts/tutorial_side_by_side.py [--sizes 1e8,1e9] [--repeat 3]
           [--binary target/release/simdmath] [--workers N] [--out FILE]

Needs numpy (`pip install numpy`) and a release build (`cargo build --release`).
"""
import argparse
import json
import os
import platform
import subprocess
import sys
import time

SEQ = """
import time, numpy
from numpy import exp
from numpy.random import rand
n = {n}
t0 = time.perf_counter()
data = rand(n)
t1 = time.perf_counter()
result = exp(data)
t2 = time.perf_counter()
print(t1 - t0, t2 - t1, t2 - t0)
"""

POOL = """
import time, numpy
from multiprocessing.pool import ThreadPool
from numpy import exp, split, concatenate
from numpy.random import rand
n, n_workers = {n}, {workers}
t0 = time.perf_counter()
data = rand(n)
t1 = time.perf_counter()
data_split = split(data, n_workers)
with ThreadPool(n_workers) as pool:
    results = pool.map(exp, data_split)
t2 = time.perf_counter()
result = concatenate(results)
t3 = time.perf_counter()
print(t1 - t0, t3 - t1, t3 - t0)
"""


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mem_available():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def physical_cores():
    seen = set()
    for cpu in os.sched_getaffinity(0):
        base = f"/sys/devices/system/cpu/cpu{cpu}/topology/"
        try:
            pkg = open(base + "physical_package_id").read().strip()
            core = open(base + "core_id").read().strip()
            seen.add((pkg, core))
        except OSError:
            seen.add(("?", cpu))
    return len(seen)


def busy_seconds():
    """CPU seconds all tasks of this machine have spent (from /proc/stat), or None."""
    try:
        f = open("/proc/stat").readline().split()[1:]
        user, nice, system, idle, iowait, irq, softirq, steal = (int(v) for v in f[:8])
        return (user + nice + system + irq + softirq + steal) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError):
        return None


def measured(run):
    """Runs `run()` (one child process) and returns (its result, the CPU cores that *other*
    processes used meanwhile: the machine's busy time minus the child's own, per second)."""
    import resource
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    b0, t0 = busy_seconds(), time.perf_counter()
    res = run()
    b1, t1 = busy_seconds(), time.perf_counter()
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    others = None if b0 is None else max(0.0, (b1 - b0) - own) / (t1 - t0)
    return res, others


def tutorial(code):
    """One fresh process: (first phase, second phase, total)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"tutorial program failed: {out.stderr.strip()}")
    return tuple(float(v) for v in out.stdout.split())


def simdmath(binary, n, fused):
    """One fresh `simdmath run` process: its physical mode's JSON object."""
    args = [binary, "run", "--n", str(n), "--modes", "physical", "--json"]
    if fused:
        args.append("--fused")
    t0 = time.perf_counter()
    out = subprocess.run(args, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if out.returncode != 0:
        raise SystemExit(f"simdmath failed: {out.stderr.strip()}")
    j = json.loads(out.stdout)
    m = j["modes"][0]
    m["process_wall_s"] = wall
    m["wall_s"] = j["wall_s"]
    return m


def fmt(v, prec=3):
    return "-" if v is None else f"{v:.{prec}f}"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1e8,1e9")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--binary", default="target/release/simdmath")
    ap.add_argument("--workers", type=int, default=None,
                    help="ThreadPool workers (default: physical cores)")
    ap.add_argument("--out", default=None)
    a = ap.parse_args()
    if not os.path.exists(a.binary):
        raise SystemExit(f"{a.binary} not found: run `cargo build --release` first")
    workers = a.workers or physical_cores()
    import numpy

    lines = []
    say = lambda s="": (print(s, flush=True), lines.append(s))
    say(f"CPU: {cpu_model()}, {os.cpu_count()} logical CPUs, {physical_cores()} physical cores;"
        f" numpy {numpy.__version__}, Python {platform.python_version()};"
        f" {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    say(f"best of {a.repeat}; ThreadPool with {workers} workers; simdmath --modes physical,"
        " in place, fresh memory every repetition; others = CPU cores other processes used during"
        " that run (this machine's busy time minus the run's own)")
    say()
    say("| n | program | rand / fill s | exp / compute s | total s | touch s | fill/touch |"
        " seq / this | pool / this | others |")
    say("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|")
    for size in a.sizes.split(","):
        n = int(float(size))
        avail = mem_available()
        fits = avail is None or 3 * 8 * n < avail * 0.9
        # Rounds interleave the programs, each run a fresh process, so that every program
        # meets the page state the others leave (on this VM freed memory goes back to the
        # host after ~2 s, and its next first touch costs several times more); best of the
        # rounds per program, by total.
        best, loads = {}, {}
        progs = ["seq", "two", "fused"] + (["pool"] if fits else [])
        for _ in range(a.repeat):
            for p in progs:
                if p == "seq":
                    r, ld = measured(lambda: tutorial(SEQ.format(n=n)))
                    key = r[2]
                elif p == "pool":
                    r, ld = measured(lambda: tutorial(POOL.format(n=n, workers=workers)))
                    key = r[2]
                else:
                    r, ld = measured(lambda: simdmath(a.binary, n, p == "fused"))
                    key = r["total_s"]
                ld = "?" if ld is None else f"{ld:.2f}"
                old = best.get(p)
                if old is None or key < old[0]:
                    best[p], loads[p] = (key, r), ld
        seq = best["seq"][1]
        pool = best["pool"][1] if fits else None
        say(f"| {size} | tutorial sequential | {fmt(seq[0])} | {fmt(seq[1])} | {fmt(seq[2])} |"
            f" - | - | 1.00x | - | {loads['seq']} |")
        if pool:
            say(f"| {size} | tutorial ThreadPool ({workers}) | {fmt(pool[0])} | {fmt(pool[1])} |"
                f" {fmt(pool[2])} | - | - | {seq[2] / pool[2]:.2f}x | 1.00x | {loads['pool']} |")
        else:
            say(f"| {size} | tutorial ThreadPool ({workers}) | does not fit: needs 3 x"
                f" {8 * n / 1e9:.0f} GB, {avail / 1e9:.1f} GB available | | | | | | | |")
        for p in ("two", "fused"):
            m = best[p][1]
            total = m["total_s"]
            name = "simdmath fused" if p == "fused" else "simdmath two-pass"
            pool_ratio = f"{pool[2] / total:.2f}x" if pool else "-"
            filled = m["fill_s"] if m["fill_s"] is not None else total
            say(f"| {size} | {name} | {fmt(m['fill_s'])} | {fmt(m['compute_s'])} |"
                f" {fmt(total)} | {fmt(m['first_touch_s'])} | {filled / m['first_touch_s']:.2f}x |"
                f" {seq[2] / total:.2f}x | {pool_ratio} | {loads[p]} |")
            lines.append(f"<!-- {name} n={size}: {json.dumps(m)} -->")
    say()
    say("simdmath rows: `simdmath run --n N --modes physical --json [--fused]`, one fresh"
        " process per round, the best round by total; touch = that run's page faults, measured"
        " inside its fill (the largest worker's time first-touching its pages); fill/touch ="
        " fill / touch, for the fused row total / touch (the fused pass has no separate fill)."
        " seq / this and pool / this = the tutorial program's total / this total.")
    if a.out:
        with open(a.out, "w") as f:
            f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
