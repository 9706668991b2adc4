"""simdmath.cr: the correctly rounded float32 tier as a second set of ufuncs."""
import pickle

import mpmath
import numpy as np
import pytest

import simdmath
from simdmath import _simdmath

CR = [getattr(simdmath.cr, n) for n in simdmath.cr.functions]
UNARY_CR = [f for f in CR if f.nout == 1]


def test_every_one_input_function_has_a_cr_ufunc():
    assert set(simdmath.cr.functions) == set(simdmath.functions) | set(simdmath.pair_functions)
    for f in CR:
        assert isinstance(f, np.ufunc) and f is not getattr(simdmath, f.__name__)
        assert f.types == (["f->ff"] if f.nout == 2 else ["f->f"])
        assert f.__module__ == "simdmath.cr"
        assert "correctly rounded" in f.__doc__
        for proto in (2, pickle.HIGHEST_PROTOCOL):
            assert pickle.loads(pickle.dumps(f, protocol=proto)) is f


def test_functions_without_the_tier_name_the_faithful_ufunc():
    for name in simdmath.binary_functions:
        with pytest.raises(TypeError, match=rf"simdmath\.{name} \(faithful"):
            getattr(simdmath.cr, name)
        assert not hasattr(simdmath.cr, name)
        with pytest.raises(AttributeError):
            getattr(simdmath.cr, name)
    with pytest.raises(AttributeError):
        simdmath.cr.nonexistent


@pytest.mark.parametrize("f", CR, ids=lambda f: f.__name__)
def test_float64_raises_typeerror_naming_the_faithful_ufunc(f):
    for bad in (np.ones(3), np.float64(1), 1.0, np.arange(3, dtype=np.int32), np.arange(3)):
        with pytest.raises(TypeError, match=rf"use simdmath\.{f.__name__}\b"):
            f(bad)
    with pytest.raises(TypeError, match=r"simdmath\.cr\.\w+ supports float32"):
        f(np.ones(2, np.complex64))
    # Asking for float32 explicitly casts, as for any numpy ufunc.
    r = f(np.linspace(0.1, 0.9, 5), dtype=np.float32)
    assert (r[0] if f.nout == 2 else r).dtype == np.float32
    # float16 and small integers promote to the float32 loop.
    for t in (np.float16, np.int8, np.uint16, np.bool_):
        r = f(np.ones(3, t))
        assert (r[0] if f.nout == 2 else r).dtype == np.float32


def kernel_cr(name, x):
    out = np.empty_like(x)
    _simdmath._kernel_eval(name, x, out, accuracy="cr")
    return out


@pytest.mark.parametrize("pool", [False, True], ids=["caller", "pool"])
@pytest.mark.parametrize("f", UNARY_CR, ids=lambda f: f.__name__)
def test_bit_for_bit_the_rust_tier(f, pool, request):
    if pool:
        request.getfixturevalue("small_pool_threshold")
    rng = np.random.default_rng(7)
    # Random bit patterns: every exponent, specials included.
    x = rng.integers(0, 1 << 32, 70_001, dtype=np.uint64).astype(np.uint32).view(np.float32)
    want = kernel_cr(f.__name__, x)
    assert f(x).tobytes() == want.tobytes()
    y = x.copy()
    f(y, out=y)
    assert y.tobytes() == want.tobytes()
    assert f(x[::-2]).tobytes() == want[::-2].tobytes()
    # The faithful ufunc is a different computation (on some inputs it differs).
    assert getattr(simdmath, f.__name__)(x).dtype == np.float32


def test_sincos_cr_is_cr_sin_and_cos():
    x = np.random.default_rng(3).uniform(-1e5, 1e5, 100_003).astype(np.float32)
    s, c = simdmath.cr.sincos(x)
    assert s.tobytes() == simdmath.cr.sin(x).tobytes()
    assert c.tobytes() == simdmath.cr.cos(x).tobytes()


MP = {
    "exp": (mpmath.exp, -80, 80), "log": (mpmath.log, 1e-30, 1e30), "sin": (mpmath.sin, -100, 100),
    "cos": (mpmath.cos, -100, 100), "tan": (mpmath.tan, -10, 10),
    "sinpi": (mpmath.sinpi, -50, 50), "cospi": (mpmath.cospi, -50, 50),
    "exp2": (lambda v: mpmath.mpf(2) ** v, -120, 120), "exp10": (lambda v: mpmath.mpf(10) ** v, -35, 35),
    "expm1": (mpmath.expm1, -20, 80), "sinh": (mpmath.sinh, -80, 80), "cosh": (mpmath.cosh, -80, 80),
    "tanh": (mpmath.tanh, -10, 10), "log2": (lambda v: mpmath.log(v, 2), 1e-30, 1e30),
    "log10": (mpmath.log10, 1e-30, 1e30), "log1p": (mpmath.log1p, -0.99, 1e6),
    "asinh": (mpmath.asinh, -1e6, 1e6), "acosh": (mpmath.acosh, 1, 1e6), "atanh": (mpmath.atanh, -0.999, 0.999),
    "cbrt": (lambda v: mpmath.sign(v) * mpmath.cbrt(abs(v)), -1e6, 1e6), "atan": (mpmath.atan, -100, 100), "asin": (mpmath.asin, -1, 1),
    "acos": (mpmath.acos, -1, 1),
}


def correctly_rounded(fn, x):
    """The float32 nearest fn(x), from 120 bits rounded once to 24 (normal results only)."""
    with mpmath.workprec(120):
        v = fn(mpmath.mpf(float(x)))
    with mpmath.workprec(24):
        r = +v
    r = float(r)
    return np.float32(r) if 1.1754944e-38 <= abs(r) <= 3.4028235e38 else None


@pytest.mark.parametrize("f", UNARY_CR, ids=lambda f: f.__name__)
def test_correctly_rounded_against_mpmath(f):
    fn, lo, hi = MP[f.__name__]
    rng = np.random.default_rng(hash(f.__name__) % 1000)
    x = rng.uniform(lo, hi, 150).astype(np.float32)
    got = f(x)
    checked = 0
    for xi, gi in zip(x, got):
        want = correctly_rounded(fn, xi)
        if want is None:
            continue
        assert gi == want, (f.__name__, float(xi), float(gi), float(want))
        checked += 1
    assert checked >= 100


def test_cr_warnings_under_errstate():
    with np.errstate(all="raise"):
        with pytest.raises(FloatingPointError, match="overflow"):
            simdmath.cr.exp(np.float32([100.0]))
        with pytest.raises(FloatingPointError, match="divide"):
            simdmath.cr.log(np.float32([0.0]))
        with pytest.raises(FloatingPointError, match="invalid"):
            simdmath.cr.log(np.float32([-1.0]))
        with pytest.raises(FloatingPointError, match="underflow"):
            simdmath.cr.exp(np.float32([-100.0]))
        with pytest.raises(FloatingPointError, match="invalid"):
            simdmath.cr.sincos(np.float32([np.inf]))
        simdmath.cr.exp(np.float32([1.0, 2.0]))  # nothing to say
    with np.errstate(all="ignore"):
        assert np.isnan(simdmath.cr.log(np.float32(-1.0)))


def test_cr_pool_and_calling_thread_agree(threads, small_pool_threshold):
    x = (simdmath.random(300_000, seed=5, dtype=np.float32) * 20 - 10).astype(np.float32)
    simdmath.set_num_threads(1)
    one = [f(x) for f in CR]
    simdmath.set_num_threads(2)
    two = [f(x) for f in CR]
    for f, a, b in zip(CR, one, two):
        a, b = (a if isinstance(a, tuple) else (a,)), (b if isinstance(b, tuple) else (b,))
        assert all(p.tobytes() == q.tobytes() for p, q in zip(a, b)), f.__name__
