"""float16 loops: computed through the float32 kernels and rounded once to float16, as numpy
computes its own float16 transcendentals; warnings as numpy's (the rounding to float16 can
overflow or underflow on its own)."""
import warnings

import numpy as np
import pytest

import simdmath

UNARY = [getattr(simdmath, n) for n in simdmath.functions]
BINARY = [getattr(simdmath, n) for n in simdmath.binary_functions]
ALL_HALVES = np.arange(1 << 16, dtype=np.uint32).astype(np.uint16).view(np.float16)


def same(a, b):
    """Equal bits, any NaN equal to any NaN."""
    a, b = np.asarray(a), np.asarray(b)
    nan = np.isnan(a) & np.isnan(b)
    return a.dtype == b.dtype and np.array_equal(a.view(np.uint16)[~nan], b.view(np.uint16)[~nan]) \
        and np.array_equal(np.isnan(a), np.isnan(b))


@pytest.mark.parametrize("f", UNARY, ids=lambda f: f.__name__)
def test_every_half_rounds_the_float32_result_once(f):
    got = f(ALL_HALVES)
    assert got.dtype == np.float16
    want = f(ALL_HALVES.astype(np.float32)).astype(np.float16)  # numpy's own rounding
    assert same(got, want)
    # Strided and reversed views take the gathering path: the same values.
    assert same(f(ALL_HALVES[::-3]), want[::-3])


def test_sincos_float16():
    s, c = simdmath.sincos(ALL_HALVES)
    assert s.dtype == c.dtype == np.float16
    assert same(s, simdmath.sin(ALL_HALVES)) and same(c, simdmath.cos(ALL_HALVES))


@pytest.mark.parametrize("f", BINARY, ids=lambda f: f.__name__)
def test_binary_float16(f):
    rng = np.random.default_rng(1)
    x = rng.choice(ALL_HALVES, 100_000)
    y = rng.choice(ALL_HALVES, 100_000)
    got = f(x, y)
    assert got.dtype == np.float16
    assert same(got, f(x.astype(np.float32), y.astype(np.float32)).astype(np.float16))
    # A broadcast float16 scalar.
    assert same(f(x, np.float16(0.5)), f(x, np.full_like(x, 0.5)))


def test_promotion_and_casting_as_numpy():
    x = np.arange(1, 6)
    for t in (np.int8, np.uint8, np.bool_):
        assert simdmath.exp(x.astype(t)).dtype == np.exp(x.astype(t)).dtype == np.float16
        assert simdmath.hypot(x.astype(t), x.astype(t)).dtype == np.float16
    h = np.float16([0.5, 1.0])
    assert simdmath.exp(h, dtype=np.float32).dtype == np.float32  # the float32 loop
    assert simdmath.hypot(h, np.float32([1, 2])).dtype == np.float32
    out = np.empty(2, np.float32)
    simdmath.exp(h, out=out)
    assert same(out.astype(np.float16), simdmath.exp(h))
    assert isinstance(simdmath.exp(np.float16(1)), np.float16)


def test_float16_warnings_as_numpy():
    cases = [
        (simdmath.exp, np.exp, 12.0, "overflow"),     # finite in float32, inf in float16
        (simdmath.exp, np.exp, 100.0, "overflow"),    # inf already in float32
        (simdmath.exp, np.exp, -20.0, "underflow"),   # below float16's subnormals
        (simdmath.log, np.log, 0.0, "divide"),
        (simdmath.log, np.log, -1.0, "invalid"),
        (simdmath.sin, np.sin, np.inf, "invalid"),
    ]
    for f, npf, v, what in cases:
        x = np.array([v], np.float16)
        with np.errstate(all="raise"):
            with pytest.raises(FloatingPointError, match=what):
                f(x)
            with pytest.raises(FloatingPointError, match=what):
                npf(x)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        simdmath.exp(np.float16([1.0, 2.0, -1.0]))
        simdmath.hypot(np.float16([3.0]), np.float16([4.0]))
    with pytest.warns(RuntimeWarning, match="overflow"):
        simdmath.hypot(np.float16([60000.0]), np.float16([60000.0]))


def test_float16_on_the_pool(threads, small_pool_threshold):
    """Contiguous float16 spans above the threshold are split over the pool: the same bits as
    on one thread, out of place and in place, for one input, two inputs and two outputs."""
    rng = np.random.default_rng(4)
    x = rng.choice(ALL_HALVES, 50_001)
    y = rng.choice(ALL_HALVES, 50_001)
    cases = [(simdmath.exp, (x,)), (simdmath.log1p, (x,)), (simdmath.hypot, (x, y)),
             (simdmath.pow, (x, y)), (simdmath.sincos, (x,))]
    simdmath.set_num_threads(1)
    one = [f(*args) for f, args in cases]
    simdmath.set_num_threads(2)
    for (f, args), want in zip(cases, one):
        got = f(*args)
        want, got = (want, got) if f.nout == 2 else ((want,), (got,))
        assert all(same(g, w) for g, w in zip(got, want)), f.__name__
    z = x.copy()
    simdmath.exp(z, out=z)
    assert same(z, one[0])
    z = x.copy()
    simdmath.hypot(z, y, out=z)
    assert same(z, one[2])
    z = x.copy()
    c = np.empty_like(z)
    simdmath.sincos(z, out=(c, z))
    assert same(c, one[4][0]) and same(z, one[4][1])
    with pytest.warns(RuntimeWarning, match="overflow"):
        simdmath.exp(np.full(10_000, 12.0, np.float16))
