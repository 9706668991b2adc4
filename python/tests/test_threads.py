"""Thread counts: results identical for any count, the pool's size and defaults, random()."""
import multiprocessing
import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

import simdmath
from conftest import DTYPES, FUNCS

_sm = simdmath._simdmath
COUNTS = [1, 2, 3, "physical", "logical"]


def run_py(code, **env):
    e = {k: v for k, v in os.environ.items() if k not in ("SIMDMATH_NUM_THREADS", "OMP_NUM_THREADS")}
    e.update(env)
    r = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=e, capture_output=True, text=True,
                       timeout=120)
    assert r.returncode == 0, r.stderr
    return r.stdout.strip()


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_bit_identical_for_any_thread_count(dtype, threads):
    n = 300_007  # above the pool threshold, not a multiple of the chunk
    x = (simdmath.random(n, seed=11, dtype=dtype) * 40 - 20).astype(dtype)
    results = {}
    for t in COUNTS:
        simdmath.set_num_threads(t)
        for f in FUNCS:
            y = x.copy()
            f(y, out=y)
            results.setdefault(f.__name__, []).append((f(x), y, f(x[::-1])[::-1].copy()))
    for name, rs in results.items():
        first = rs[0][0]
        for out_of_place, in_place, strided in rs:
            assert np.array_equal(out_of_place.view(np.uint8), first.view(np.uint8)), name
            assert np.array_equal(in_place.view(np.uint8), first.view(np.uint8)), name
            assert np.array_equal(strided.view(np.uint8), first.view(np.uint8)), name


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_same_bits_as_the_rust_pool(dtype, threads):
    simdmath.set_num_threads(2)
    x = simdmath.random(200_000, seed=4, dtype=dtype) * 30 - 10
    for f in FUNCS:
        y = x.copy()
        _sm._pool_eval_inplace(f.__name__, y)  # Pool::eval_in_place, straight from Rust
        assert np.array_equal(f(x).view(np.uint8), y.view(np.uint8)), f.__name__
        small = x[:100].copy()
        assert np.array_equal(f(small).view(np.uint8), f(x)[:100].view(np.uint8))  # calling thread


def test_random_identical_for_any_thread_count(threads):
    ref = {}
    for t in COUNTS:
        simdmath.set_num_threads(t)
        for dt in ("float64", "float32", np.float32, np.dtype("f8")):
            r = simdmath.random(123_457, seed=9, dtype=dt)
            ref.setdefault(np.dtype(dt).name, []).append(r)
    for name, rs in ref.items():
        for r in rs:
            assert r.dtype == name and r.shape == (123_457,) and r.flags.c_contiguous and r.flags.writeable
            np.testing.assert_array_equal(r, rs[0])
    a = ref["float64"][0]
    assert ((a >= 0) & (a < 1)).all() and 0.49 < a.mean() < 0.51
    assert not np.array_equal(simdmath.random(1000, seed=1), simdmath.random(1000, seed=2))
    np.testing.assert_array_equal(simdmath.random(1000), simdmath.random(1000, seed=0))
    # A prefix is the same values as the longer fill (values depend on (seed, index) only).
    np.testing.assert_array_equal(simdmath.random(5000, seed=3), simdmath.random(100_000, seed=3)[:5000])
    assert simdmath.random(0).shape == (0,)
    assert simdmath.random(1e3).shape == (1000,)


def test_random_bad_arguments():
    with pytest.raises(TypeError, match="float32 and float64"):
        simdmath.random(10, dtype=np.float16)
    with pytest.raises(TypeError, match="float32 and float64"):
        simdmath.random(10, dtype="int64")
    with pytest.raises(ValueError):
        simdmath.random(1.5)
    with pytest.raises((ValueError, TypeError, OverflowError)):
        simdmath.random(-1)
    with pytest.raises(MemoryError):
        simdmath.random(10**15)  # 8 PB: numpy's own MemoryError, nothing touched


def test_set_num_threads(threads):
    for t in (1, 2, 3):
        simdmath.set_num_threads(t)
        assert simdmath.get_num_threads() == t
        info = simdmath.pool_info()
        assert info["threads"] == t and f"set_num_threads({t})" in info["source"]
    simdmath.set_num_threads("physical")
    assert simdmath.get_num_threads() == simdmath.pool_info()["physical_cores"]
    simdmath.set_num_threads("logical")
    assert simdmath.get_num_threads() == simdmath.pool_info()["logical_cpus"]
    info = simdmath.pool_info()
    if info["cpus"] is not None:
        assert set(info["cpus"]) <= set(info["allowed_cpus"])
    for bad in (0, -1, "many"):
        with pytest.raises(ValueError, match="positive integer"):
            simdmath.set_num_threads(bad)
    with pytest.raises(TypeError):
        simdmath.set_num_threads(2.5)


def test_defaults_from_the_environment():
    code = "import simdmath; print(simdmath.get_num_threads(), '|', simdmath.pool_info()['source'])"
    phys = simdmath.pool_info()["physical_cores"]
    assert run_py(code) == f"{phys} | physical cores in the affinity mask ({phys})"
    assert run_py(code, SIMDMATH_NUM_THREADS="3").startswith("3 | SIMDMATH_NUM_THREADS=3")
    assert run_py(code, SIMDMATH_NUM_THREADS="logical").split()[0] == str(simdmath.pool_info()["logical_cpus"])
    # OMP_NUM_THREADS, as Dask's nanny (1) and Ray set it in worker processes.
    assert run_py(code, OMP_NUM_THREADS="1").startswith("1 | OMP_NUM_THREADS=1")
    assert run_py(code, OMP_NUM_THREADS="1", SIMDMATH_NUM_THREADS="2").startswith("2 |")
    bad = run_py("import simdmath\ntry:\n    simdmath.get_num_threads()\nexcept ValueError as e:\n    print(e)",
                 SIMDMATH_NUM_THREADS="zero")
    assert "SIMDMATH_NUM_THREADS" in bad and "positive integer" in bad


@pytest.mark.skipif(not os.path.exists("/proc/self/task"), reason="needs Linux /proc")
def test_no_pool_for_small_arrays_and_the_affinity_mask_is_honoured():
    code = """
        import os, numpy as np, simdmath
        nt = lambda: len(os.listdir('/proc/self/task'))
        base = nt()
        simdmath.exp(np.ones(10)); simdmath.exp(np.ones(50_000))
        small = nt() - base
        simdmath.exp(np.ones(1_000_000))
        big = nt() - base
        print(small, big, simdmath.pool_info()['cpus'])
    """
    small, big, cpus = run_py(code, SIMDMATH_NUM_THREADS="2").split(" ", 2)
    assert (small, big) == ("0", "2")
    if hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) >= 2:
        # Under a one-CPU affinity mask the default pool is one thread: no pool at all.
        cpu = sorted(os.sched_getaffinity(0))[-1]
        r = subprocess.run(["taskset", "-c", str(cpu), sys.executable, "-c", textwrap.dedent(code)],
                           capture_output=True, text=True, timeout=120,
                           env={k: v for k, v in os.environ.items() if k != "SIMDMATH_NUM_THREADS"})
        if r.returncode == 0:  # taskset present
            assert r.stdout.split()[:2] == ["0", "0"]
        # Two threads under that mask share its one CPU, never others.
        r = subprocess.run(["taskset", "-c", str(cpu), sys.executable, "-c", textwrap.dedent(code)],
                           capture_output=True, text=True, timeout=120,
                           env={**os.environ, "SIMDMATH_NUM_THREADS": "2"})
        if r.returncode == 0:
            assert r.stdout.split(" ", 2)[2].strip() in (f"[{cpu}, {cpu}]", "None")


def _child_sum(n):
    return float(simdmath.exp(simdmath.random(n, seed=5)).sum()), simdmath.get_num_threads()


@pytest.mark.skipif(sys.platform != "linux", reason="fork")
def test_pool_after_fork(threads):
    simdmath.set_num_threads(2)
    n = 400_000
    want = float(simdmath.exp(simdmath.random(n, seed=5)).sum())  # the pool runs in the parent
    ctx = multiprocessing.get_context("fork")
    with ctx.Pool(1) as p:
        got, t = p.apply(_child_sum, (n,))
    assert got == want and t == 2


def test_releases_the_gil():
    """Another Python thread runs while a large call is in the kernels."""
    import threading
    import time

    x = np.ones(20_000_000)
    ticks = []
    stop = threading.Event()

    def ticker():
        while not stop.is_set():
            ticks.append(time.perf_counter())
            time.sleep(0.001)

    t = threading.Thread(target=ticker)
    t.start()
    time.sleep(0.01)
    t0 = time.perf_counter()
    simdmath.sin(x, out=x)
    t1 = time.perf_counter()
    stop.set()
    t.join()
    during = [u for u in ticks if t0 < u < t1]
    assert t1 - t0 < 0.02 or len(during) >= 2, (t1 - t0, len(during))
