"""Loops whose output overlaps an input: numpy's reductions (the output is the first input at
stride 0, or one element behind it) and ``out=`` shifted by one either way. Every result must
be what numpy's definition of the loop gives, built here from simdmath's own one-element
results (not from numpy's functions: numpy 2.4's own float64 ``power.reduce`` and
``arctan2.reduce`` are wrong on some AVX-512 machines)."""
import numpy as np
import pytest

import simdmath

BINARY = [getattr(simdmath, n) for n in simdmath.binary_functions]
UNARY = [getattr(simdmath, n) for n in simdmath.functions]
DTYPES = [np.float16, np.float32, np.float64]
IDS = ["float16", "float32", "float64"]


def inputs(f, n, dtype, seed=0):
    """Values whose folds stay finite for a while (pow near 1, the others anywhere)."""
    rng = np.random.default_rng(seed)
    if f.__name__ == "pow":
        return rng.uniform(0.8, 1.25, n).astype(dtype)
    return rng.uniform(-3.0, 3.0, n).astype(dtype)


def one(f, *args):
    """simdmath's own result for one element."""
    dtype = args[0].dtype
    return f(*[np.array([a], dtype) for a in args])[0]


def fold(f, a):
    """numpy's definition of f.reduce on 1-d a: from the identity if f has one, else a[0]."""
    if f.identity is not None:
        acc = a.dtype.type(f.identity)
        rest = a
    else:
        acc, rest = a[0], a[1:]
    for v in rest:
        acc = one(f, acc, v)
    return acc


def running(f, a):
    """numpy's definition of f.accumulate on 1-d a."""
    out = np.empty_like(a)
    acc = a[0]
    out[0] = acc
    for i in range(1, len(a)):
        acc = one(f, acc, a[i])
        out[i] = acc
    return out


def same(a, b):
    return np.asarray(a).tobytes() == np.asarray(b).tobytes()


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("n", [1, 2, 3, 17, 1500])
def test_reduce_is_the_left_fold(f, dtype, n):
    a = inputs(f, n, dtype, seed=n)
    want = fold(f, a)
    got = f.reduce(a)
    assert same(got, want), (got, want)
    assert same(f.reduce(a), got)  # the same on every call (nothing read uninitialised)
    # Strided and reversed input.
    b = inputs(f, 2 * n, dtype, seed=n + 1)[::2]
    assert same(f.reduce(b), fold(f, np.ascontiguousarray(b)))
    assert same(f.reduce(a[::-1]), fold(f, a[::-1].copy()))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
@pytest.mark.parametrize("n", [1, 2, 9, 1500])
def test_accumulate_is_the_running_fold(f, dtype, n):
    a = inputs(f, n, dtype, seed=10 + n)
    want = running(f, a)
    got = f.accumulate(a)
    assert same(got, want)
    assert same(f.accumulate(a), got)
    out = np.full_like(a, 7)
    f.accumulate(a, out=out)
    assert same(out, want)
    # In place, into the input itself.
    c = a.copy()
    f.accumulate(c, out=c)
    assert same(c, want)


def test_issue_examples():
    assert simdmath.hypot.reduce([9.0, 12.0, 20.0]) == 25.0
    acc = simdmath.atan2.accumulate(np.ones(8))
    assert same(acc, running(simdmath.atan2, np.ones(8)))
    assert same(simdmath.atan2.accumulate(np.ones(8, np.float32)),
                running(simdmath.atan2, np.ones(8, np.float32)))
    # pow(pow(2, 3), 2) = 64, whatever numpy's own power.reduce gives on this machine.
    assert simdmath.pow.reduce([2.0, 3.0, 2.0]) == 64.0
    assert same(simdmath.pow.accumulate([2.0, 3.0, 2.0]), np.array([2.0, 8.0, 64.0]))


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
def test_reduceat(f, dtype):
    a = inputs(f, 3000, dtype, seed=3)
    idx = np.array([0, 5, 6, 1200, 2999, 100])
    got = f.reduceat(a, idx)
    for j, start in enumerate(idx):
        end = idx[j + 1] if j + 1 < len(idx) else len(a)
        seg = a[start:end] if end > start else a[start:start + 1]
        # reduceat never starts from the identity.
        acc = seg[0]
        for v in seg[1:]:
            acc = one(f, acc, v)
        assert same(got[j], acc), (j, got[j], acc)


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
def test_reduce_2d_both_axes(f, dtype):
    a = inputs(f, 40 * 33, dtype, seed=4).reshape(40, 33)
    r0, r1 = f.reduce(a, axis=0), f.reduce(a, axis=1)
    assert same(r0, np.array([fold(f, a[:, j].copy()) for j in range(33)], dtype))
    assert same(r1, np.array([fold(f, a[i].copy()) for i in range(40)], dtype))
    assert same(f.reduce(a.T, axis=1), r0)
    assert same(f.accumulate(a, axis=1)[:, -1], np.array([running(f, a[i].copy())[-1] for i in range(40)], dtype))


def test_hypot_identity():
    assert simdmath.hypot.identity == 0 == np.hypot.identity
    for dtype in DTYPES:
        r = simdmath.hypot.reduce(np.array([], dtype))
        assert r == 0.0 and r.dtype == dtype
    assert simdmath.hypot.reduce([]) == np.hypot.reduce([]) == 0.0
    assert simdmath.hypot.reduce([-9.0]) == 9.0  # hypot(0, -9), as numpy
    assert simdmath.hypot.reduce(np.empty((0, 3)), axis=0).tolist() == [0.0, 0.0, 0.0]
    for f in (simdmath.pow, simdmath.atan2):
        assert f.identity is None
        with pytest.raises(ValueError):
            f.reduce([])


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
def test_at_with_repeated_indices(dtype):
    for f in BINARY:
        a = inputs(f, 6, dtype, seed=8)
        b = inputs(f, 5, dtype, seed=9)
        idx = np.array([0, 0, 3, 0, 5])
        got = a.copy()
        f.at(got, idx, b)
        want = a.copy()
        for i, v in zip(idx, b):
            want[i] = one(f, want[i], v)
        assert same(got, want)


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("pool", [False, True], ids=["caller", "pool"])
def test_out_shifted_by_one_unary(dtype, pool, request):
    if pool:
        request.getfixturevalue("small_pool_threshold")
    n = 5001
    rng = np.random.default_rng(11)
    x = rng.uniform(0.1, 0.9, n).astype(dtype)
    for f in UNARY + [simdmath.sincos]:
        ref = f(x.copy())
        for src, dst in ((slice(1, None), slice(None, -1)), (slice(None, -1), slice(1, None))):
            y = x.copy()
            if f.nout == 1:
                f(y[src], out=y[dst])
                assert same(y[dst], f(x[src].copy())), (f.__name__, src)
            else:
                other = np.empty(n - 1, dtype)
                f(y[src], out=(y[dst], other))
                assert same(y[dst], ref[0][src]) and same(other, ref[1][src]), f.__name__
                y = x.copy()
                f(y[src], out=(other, y[dst]))
                assert same(y[dst], ref[1][src]) and same(other, ref[0][src]), f.__name__
        # Both outputs of sincos on the input itself and on each other.
        if f.nout == 2:
            y = x.copy()
            z = np.empty_like(x)
            f(y, out=(y, z))
            assert same(y, ref[0]) and same(z, ref[1])


@pytest.mark.parametrize("dtype", DTYPES, ids=IDS)
@pytest.mark.parametrize("pool", [False, True], ids=["caller", "pool"])
def test_out_shifted_by_one_binary(dtype, pool, request):
    if pool:
        request.getfixturevalue("small_pool_threshold")
    n = 5001
    rng = np.random.default_rng(12)
    x = rng.uniform(0.5, 2.0, n).astype(dtype)
    z = rng.uniform(0.5, 2.0, n - 1).astype(dtype)
    for f in BINARY:
        for src, dst in ((slice(1, None), slice(None, -1)), (slice(None, -1), slice(1, None))):
            for first in (True, False):
                y = x.copy()
                want = f(x[src].copy(), z) if first else f(z, x[src].copy())
                if first:
                    f(y[src], z, out=y[dst])
                else:
                    f(z, y[src], out=y[dst])
                assert same(y[dst], want), (f.__name__, src, first)
            # Both inputs the same shifted span.
            y = x.copy()
            f(y[src], y[src], out=y[dst])
            assert same(y[dst], f(x[src].copy(), x[src].copy()))
        # In place into either input, and a broadcast scalar.
        y = x.copy()
        f(y, x, out=y)
        assert same(y, f(x, x))
        y = x.copy()
        f(x, y, out=y)
        assert same(y, f(x, x))
        y = x.copy()
        f(y, dtype(1.5), out=y)
        assert same(y, f(x, np.full_like(x, 1.5)))


def test_loop_handed_overlap_directly():
    """numpy hands a loop an input "ahead" of its output without a copy; the strided and
    element-by-element paths must read each element before it is overwritten."""
    for dtype in (np.float32, np.float64):
        base = np.linspace(0.1, 2.0, 4001).astype(dtype)
        for f in UNARY[:4]:
            y = base.copy()
            f(y[2::2], out=y[:-2:2])
            assert same(y[:-2:2], f(base[2::2].copy()))
