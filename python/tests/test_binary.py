"""Two-input functions (pow, atan2, hypot) as numpy ufuncs: values within the bound of
core-math's (via mpmath-free checks against numpy's float64 results), broadcasting with a
scalar, out= and where=, floating-point warnings, and bit-identity with the Rust API's pool."""
import warnings

import numpy as np
import pytest

import simdmath

PAIRS = {"pow": np.power, "atan2": np.arctan2, "hypot": np.hypot}


def ulps(a, b):
    """Distance in representable values (float64 or float32), NaN == NaN."""
    a, b = np.asarray(a), np.asarray(b)
    it = np.int64 if a.dtype == np.float64 else np.int32
    ia, ib = a.view(it).astype(np.int64), b.view(it).astype(np.int64)
    sign = np.int64(1) << (63 if a.dtype == np.float64 else 31)
    ia = np.where(ia < 0, -(ia & (sign - 1)), ia)
    ib = np.where(ib < 0, -(ib & (sign - 1)), ib)
    d = np.abs(ia - ib)
    d[np.isnan(a) & np.isnan(b)] = 0
    return d


def test_binary_functions_are_two_input_ufuncs():
    assert set(simdmath.binary_functions) == set(PAIRS)
    for name in simdmath.binary_functions:
        f = getattr(simdmath, name)
        assert isinstance(f, np.ufunc) and (f.nin, f.nout) == (2, 1)
        assert f.types == ["ee->e", "ff->f", "dd->d"]


@pytest.mark.parametrize("name", sorted(PAIRS))
@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_values_close_to_numpy(name, dtype):
    rng = np.random.default_rng(5)
    x = rng.uniform(0.01, 10.0, 100_000).astype(dtype)
    y = rng.uniform(-5.0, 5.0, 100_000).astype(dtype)
    got = getattr(simdmath, name)(x, y)
    assert got.dtype == dtype
    # numpy's own float64 result rounded to the type: within 1 ulp + numpy's own error.
    want = PAIRS[name](x.astype(np.float64), y.astype(np.float64)).astype(dtype)
    assert ulps(got, want).max() <= 2


def test_scalar_broadcast_out_where_and_strides():
    x = np.linspace(0.5, 4.0, 10_001)
    a = simdmath.pow(x, 2.5)
    b = simdmath.pow(x, np.full_like(x, 2.5))
    assert np.array_equal(a, b)
    out = np.zeros_like(x)
    simdmath.pow(x, 2.0, out=out, where=x > 2.0)
    assert np.array_equal(out[x > 2.0], simdmath.pow(x[x > 2.0], 2.0)) and (out[x <= 2.0] == 0).all()
    rev = simdmath.hypot(x[::-1], x[::2].repeat(2)[:10_001])
    assert np.array_equal(rev, simdmath.hypot(np.ascontiguousarray(x[::-1]), np.ascontiguousarray(x[::2].repeat(2)[:10_001])))
    assert simdmath.atan2(np.float64(1.0), -1.0) == np.arctan2(1.0, -1.0)


def test_pool_and_calling_thread_agree():
    x = simdmath.random(300_000, seed=3) * 8.0
    y = simdmath.random(300_000, seed=4) * 4.0 - 2.0
    simdmath.set_num_threads(1)
    one = simdmath.pow(x, y)
    simdmath.set_num_threads(2)
    two = simdmath.pow(x, y)
    assert one.tobytes() == two.tobytes()


def test_warnings_as_numpy():
    with pytest.warns(RuntimeWarning, match="overflow"):
        simdmath.pow(np.array([10.0]), np.array([1000.0]))
    with pytest.warns(RuntimeWarning, match="invalid"):
        simdmath.pow(np.array([-2.0]), np.array([0.5]))
    with pytest.warns(RuntimeWarning, match="divide"):
        simdmath.pow(np.array([0.0]), np.array([-1.0]))
    with np.errstate(over="raise"):
        with pytest.raises(FloatingPointError):
            simdmath.pow(np.array([10.0]), np.array([1000.0]))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        simdmath.hypot(np.array([3.0]), np.array([4.0]))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sincos_is_a_two_output_ufunc_equal_to_sin_and_cos(dtype):
    assert simdmath.pair_functions == ("sincos",)
    f = simdmath.sincos
    assert isinstance(f, np.ufunc) and (f.nin, f.nout) == (1, 2)
    assert f.types == ["e->ee", "f->ff", "d->dd"]
    x = (np.random.default_rng(2).uniform(-1e4, 1e4, 50_001)).astype(dtype)
    s, c = f(x)
    assert s.tobytes() == simdmath.sin(x).tobytes() and c.tobytes() == simdmath.cos(x).tobytes()
    s2, c2 = np.empty_like(x), np.empty_like(x)
    f(x[::-1], out=(s2, c2))
    assert s2.tobytes() == simdmath.sin(x[::-1]).tobytes()
    assert c2.tobytes() == simdmath.cos(x[::-1]).tobytes()
    with pytest.warns(RuntimeWarning, match="invalid"):
        f(np.array([np.inf], dtype=dtype))


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_sincos_on_the_pool_is_bit_identical(dtype, threads, small_pool_threshold):
    """sincos splits large contiguous spans over the pool, like the one-output functions: the
    same bits on one thread and two, and the same as sin and cos."""
    x = (simdmath.random(200_001, seed=9) * 2e3 - 1e3).astype(dtype)
    simdmath.set_num_threads(1)
    s1, c1 = simdmath.sincos(x)
    simdmath.set_num_threads(2)
    s2, c2 = simdmath.sincos(x)
    assert s1.tobytes() == s2.tobytes() and c1.tobytes() == c2.tobytes()
    assert s2.tobytes() == simdmath.sin(x).tobytes() and c2.tobytes() == simdmath.cos(x).tobytes()
    # In place into the first or the second output.
    y = x.copy()
    c = np.empty_like(x)
    simdmath.sincos(y, out=(y, c))
    assert y.tobytes() == s2.tobytes() and c.tobytes() == c2.tobytes()
    y = x.copy()
    s = np.empty_like(x)
    simdmath.sincos(y, out=(s, y))
    assert s.tobytes() == s2.tobytes() and y.tobytes() == c2.tobytes()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_warnings_on_every_path(dtype, small_pool_threshold):
    """The flags come from the data whichever path a span takes: a broadcast scalar on either
    side, in place, strided, and the pool."""
    big = np.full(5000, 10.0, dtype)
    for n in (5000, 3):  # pool (threshold 1024 here) and calling thread
        x = big[:n].copy()
        with np.errstate(over="raise"):
            with pytest.raises(FloatingPointError, match="overflow"):
                simdmath.pow(x, dtype(1000.0))              # scalar second input
            with pytest.raises(FloatingPointError, match="overflow"):
                simdmath.pow(x, x * 100, out=x)             # in place
        with np.errstate(divide="raise"):
            with pytest.raises(FloatingPointError, match="divide"):
                simdmath.pow(dtype(0.0), -np.ones(n, dtype))  # scalar first input
        with np.errstate(invalid="raise"):
            with pytest.raises(FloatingPointError, match="invalid"):
                simdmath.pow(-np.ones(2 * n, dtype)[::2], dtype(0.5))  # strided
    with np.errstate(all="raise"):
        simdmath.hypot(big, big)  # nothing to say
        simdmath.atan2(big, dtype(0.0))
