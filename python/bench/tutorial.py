#!/usr/bin/env python3
"""The tutorial's experiment from Python: fill n random float64 values, apply exp.

Programs, in one run, each timed as fill / compute / total (best of --repeat, fresh arrays
every repetition, page faults included, as in the tutorial):

  numpy sequential   data = numpy.random.rand(n); result = numpy.exp(data)
  numpy ThreadPool   the tutorial's numpy.split + multiprocessing.pool.ThreadPool program
                     (tutorial_pool() of ../shared/peers/numpy_seed.py, workers = physical cores)
  numexpr            data = numpy.random.rand(n); result = numexpr.evaluate("exp(data)")
                     (numexpr.set_num_threads(physical cores))
  simdmath           x = simdmath.random(n, seed=1); simdmath.exp(x, out=x)
  Rust Pool          the compute alone through Pool::eval_in_place on the same kind of array,
                     called from Python with the GIL released (simdmath._simdmath._pool_eval_inplace):
                     the reference for "the ufunc's compute within 1.2x of the Rust Pool"

Sizes whose arrays do not fit in the memory available now are skipped, and the table says so.

Usage: python3 python/bench/tutorial.py [--sizes 1e8,1e9] [--repeat 3] [--markdown]
"""
import argparse
import gc
import os
import platform
import sys
import time

import numpy as np

import simdmath

HERE = os.path.dirname(os.path.abspath(__file__))
PEERS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "peers"))


def tutorial_pool_fallback():
    """The tutorial's ThreadPool program (a copy of tutorial_pool() in numpy_seed.py)."""
    from multiprocessing.pool import ThreadPool

    from numpy import concatenate, split
    from numpy.random import rand

    def tutorial_pool(fn, n, dtype, n_workers):
        pc = time.perf_counter_ns
        t0 = pc()
        data = rand(n)
        t1 = pc()
        data_split = split(data, n_workers)
        t2 = pc()
        with ThreadPool(n_workers) as pool:
            t3 = pc()
            results = pool.map(fn, data_split)
            t4 = pc()
        t5 = pc()
        result = concatenate(results)
        t6 = pc()
        del data, data_split, results, result
        return dict(rand=t1 - t0, split=t2 - t1, pool=(t3 - t2) + (t5 - t4), compute=t4 - t3,
                    concat=t6 - t5, total=t6 - t0)

    return tutorial_pool


def load_tutorial_pool():
    if os.path.exists(os.path.join(PEERS, "numpy_seed.py")):
        sys.path.insert(0, PEERS)
        try:
            import numpy_seed

            return numpy_seed.tutorial_pool, "../shared/peers/numpy_seed.py"
        except ImportError:
            pass
        finally:
            sys.path.pop(0)
    return tutorial_pool_fallback(), "a copy of numpy_seed.py's tutorial_pool (shared/ not found)"


def mem_available():
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def loadavg():
    try:
        return " ".join(open("/proc/loadavg").read().split()[:3])
    except OSError:
        return "n/a"


pc = time.perf_counter


def numpy_seq(n):
    t0 = pc()
    data = np.random.rand(n)
    t1 = pc()
    result = np.exp(data)
    t2 = pc()
    del data, result
    return t1 - t0, t2 - t1


def numpy_pool(n, prog, workers):
    d = prog(np.exp, n, np.float64, workers)
    return d["rand"] / 1e9, (d["total"] - d["rand"]) / 1e9


def numexpr_run(n, ne):
    t0 = pc()
    data = np.random.rand(n)
    t1 = pc()
    result = ne.evaluate("exp(data)", local_dict={"data": data})
    t2 = pc()
    del data, result
    return t1 - t0, t2 - t1


def simdmath_run(n, rep):
    """End to end (fill + ufunc in place), then the Rust Pool on the same array, the order of
    the two computes alternating between repetitions."""
    t0 = pc()
    x = simdmath.random(n, seed=1)
    t1 = pc()
    if rep % 2 == 0:
        simdmath.exp(x, out=x)
        t2 = pc()
        simdmath._simdmath._pool_eval_inplace("exp", x)
        t3 = pc()
        ufunc, rust = t2 - t1, t3 - t2
    else:
        simdmath._simdmath._pool_eval_inplace("exp", x)
        t2 = pc()
        simdmath.exp(x, out=x)
        t3 = pc()
        ufunc, rust = t3 - t2, t2 - t1
    del x
    return t1 - t0, ufunc, rust


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1e8,1e9")
    ap.add_argument("--repeat", type=int, default=3, help="best of N (1e9 runs once if N > 1 would take long)")
    ap.add_argument("--markdown", action="store_true", help="also print the table as markdown")
    a = ap.parse_args()
    sizes = [int(float(s)) for s in a.sizes.split(",")]
    phys = simdmath.pool_info()["physical_cores"]
    prog, prog_src = load_tutorial_pool()
    try:
        import numexpr as ne

        ne.set_num_threads(phys)
        ne_note = f"numexpr {ne.__version__} (use_vml={ne.use_vml}, {phys} threads)"
    except ImportError:
        ne, ne_note = None, "numexpr not installed (pip install numexpr): skipped"
    info = simdmath.pool_info()
    print(f"CPU: {cpu_model()}; {info['physical_cores']} physical cores, {info['logical_cpus']} logical "
          f"(allowed {info['allowed_cpus']})")
    print(f"numpy {np.__version__}; {ne_note}; simdmath {simdmath.__version__} ({info['isa']}, "
          f"{info['threads']} threads pinned to {info['cpus']}); tutorial ThreadPool program: {prog_src}")
    print(f"load average before: {loadavg()}")
    rows = []
    for n in sizes:
        avail = mem_available()
        reps = a.repeat if n <= 200_000_000 else 1
        progs = [
            ("numpy sequential", 1, 16, lambda r: numpy_seq(n)),
            ("numpy ThreadPool (tutorial)", phys, 24, lambda r: numpy_pool(n, prog, phys)),
        ]
        if ne is not None:
            progs.append(("numexpr evaluate", phys, 16, lambda r: numexpr_run(n, ne)))
        progs.append(("simdmath", info["threads"], 8, lambda r: simdmath_run(n, r)))
        base = None
        for name, threads, bytes_per, fn in progs:
            need = bytes_per * n
            if avail is not None and need > 0.8 * avail:
                rows.append((n, name, threads, None, None, None, f"skipped: needs {need / 1e9:.0f} GB, more "
                             f"than 80 % of the {avail / 1e9:.1f} GB available"))
                continue
            best = None
            for r in range(reps):
                gc.collect()
                t = fn(r)
                if name == "simdmath":
                    fill, comp, rust = t
                    best = (fill, comp, rust) if best is None else tuple(min(u, v) for u, v in zip(best, t))
                else:
                    best = t if best is None else tuple(min(u, v) for u, v in zip(best, t))
            fill, comp = best[0], best[1]
            total = fill + comp
            if name == "numpy sequential":
                base = (total, comp)
            sp = f"{base[0] / total:.2f}x total, {base[1] / comp:.2f}x compute" if base else ""
            rows.append((n, name, threads, fill, comp, total, sp))
            if name == "simdmath":
                rust = best[2]
                rows.append((n, "Rust Pool (compute only)", info["threads"], None, rust, None,
                             f"ufunc compute / Rust Pool = {comp / rust:.3f}x"))
    print(f"load average after: {loadavg()}\n")
    head = ("n", "program", "threads", "fill s", "compute s", "total s", "vs numpy sequential")
    fmt = lambda v: "-" if v is None else f"{v:.4f}"  # noqa: E731
    table = [(f"{r[0]:.0e}", r[1], str(r[2]), fmt(r[3]), fmt(r[4]), fmt(r[5]), r[6]) for r in rows]
    w = [max(len(h), *(len(t[i]) for t in table)) for i, h in enumerate(head)]
    right = {0, 2, 3, 4, 5}
    line = lambda cells: "  ".join(c.rjust(w[i]) if i in right else c.ljust(w[i])  # noqa: E731
                                   for i, c in enumerate(cells)).rstrip()
    print(line(head))
    for t in table:
        print(line(t))
    print("\nfill = rand(n) or simdmath.random(n); compute = exp (the tutorial pool program: split + pool + "
          "map + concatenate); best of", a.repeat, "(1e9: one run); fresh arrays every run")
    if a.markdown:
        print()
        print("| " + " | ".join(head) + " |")
        print("|" + "|".join("--:" if i in right else "---" for i in range(len(head))) + "|")
        for t in table:
            print("| " + " | ".join(t) + " |")


if __name__ == "__main__":
    main()
