"""Every registry function against correctly rounded values (mpmath) within its stated bound,
and special values bit for bit against numpy."""
import mpmath
import numpy as np
import pytest

import simdmath
from conftest import DTYPES, FUNCS, NUMPY, REGISTRY, WITH_NUMPY

# mpmath's function of the same name is the reference (a newly registered function that
# mpmath lacks is skipped, with a message, until a reference is added here).
MP = {name: getattr(mpmath, name) for name in simdmath.functions if hasattr(mpmath, name)}
MP.update({
    "exp2": lambda x: mpmath.power(2, x),
    "exp10": lambda x: mpmath.power(10, x),
    "log2": lambda x: mpmath.log(x, 2),
    "cbrt": lambda x: mpmath.sign(x) * mpmath.cbrt(abs(x)),  # the real root, as libm's
})
MP = {k: v for k, v in MP.items() if k in simdmath.functions}


def ordinal(a):
    """Map floats to integers whose differences count representable values between them."""
    a = np.asarray(a)
    ity = np.int32 if a.dtype == np.float32 else np.int64
    b = a.view(ity).astype(np.int64)
    magnitude = np.int64((1 << (8 * a.dtype.itemsize - 1)) - 1)
    return np.where(b < 0, -(b & magnitude), b)


def correctly_rounded(name, xs, dtype):
    f = MP[name]
    out = np.empty(len(xs), dtype=dtype)
    with mpmath.workprec(200):
        for i, x in enumerate(xs):
            v = f(mpmath.mpf(float(x)))
            if not isinstance(v, mpmath.mpf):  # outside the real domain (complex): skipped
                out[i] = np.nan
                continue
            # 200 bits -> float64 -> float32: a double rounding only for a float64 value exactly
            # halfway between two float32 values (about 2^-29 of inputs).
            out[i] = dtype(float(v))
    return out


def inputs(name, dtype, n=1500, seed=3):
    rng = np.random.default_rng(seed)
    if name == "exp":
        hi = 88.0 if dtype is np.float32 else 709.0
        lo = -103.0 if dtype is np.float32 else -744.0
        x = rng.uniform(lo, hi, n)
    elif name == "log":
        e = rng.uniform(-120 if dtype is np.float32 else -1000, 120 if dtype is np.float32 else 1000, n)
        x = np.exp2(e) * rng.uniform(1, 2, n)
        x[: n // 5] = 1 + rng.uniform(-1e-3, 1e-3, n // 5)
    else:
        x = np.concatenate(
            [rng.uniform(-10, 10, n // 2), rng.uniform(-1e5, 1e5, n // 4), rng.uniform(-1e30, 1e30, n // 4)]
        )
    x = x.astype(dtype)
    return x[np.isfinite(x)]


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.__name__)
def test_within_bound(f, dtype):
    name = f.__name__
    if name not in MP:
        pytest.skip(f"no mpmath reference for {name} in this test yet")
    bound = REGISTRY[name]["max_ulp_float32" if dtype is np.float32 else "max_ulp_float64"]
    x = inputs(name, dtype)
    got = f(x)
    assert got.dtype == dtype
    want = correctly_rounded(name, x, dtype)
    ok = np.isfinite(want)
    dist = np.abs(ordinal(got[ok]) - ordinal(want[ok]))
    worst = int(np.argmax(dist))
    assert dist.max() <= bound, (
        f"{name} {dtype.__name__}: distance {dist.max()} > {bound} at x = {x[ok][worst]!r}: "
        f"got {got[ok][worst]!r}, correctly rounded {want[ok][worst]!r}"
    )


SPECIALS = [0.0, -0.0, np.inf, -np.inf, np.nan, 1.0, -1.0, 1e-310, -1e-310, 5e-324, 1e-40,
            709.78, 709.79, -745.13, -745.14, 88.72, 88.73, -103.97, -103.98, 1e300, -1e300,
            3.4e38, 1e-45, 2.0 ** -1022, 2.0 ** -126]


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("f", WITH_NUMPY, ids=lambda f: f.__name__)
def test_special_values_match_numpy(f, dtype):
    with np.errstate(all="ignore"):
        x = np.array(SPECIALS).astype(dtype)
        got, want = f(x), NUMPY[f.__name__](x)
    special = ~np.isfinite(want) | (want == 0)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(want))
    np.testing.assert_array_equal(got[special], want[special])
    # Signs of zeros and infinities too.
    np.testing.assert_array_equal(np.signbit(got[special & ~np.isnan(want)]),
                                  np.signbit(want[special & ~np.isnan(want)]))


@pytest.mark.parametrize("f", WITH_NUMPY, ids=lambda f: f.__name__)
def test_close_to_numpy(f):
    x = np.linspace(0.01, 20, 10001)
    npf = NUMPY[f.__name__]
    with np.errstate(all="ignore"):
        np.testing.assert_allclose(f(x), npf(x), rtol=4.5e-16, atol=4.5e-16, equal_nan=True)
        x32 = x.astype(np.float32)
        np.testing.assert_allclose(f(x32), npf(x32), rtol=3.6e-7, atol=3.6e-7, equal_nan=True)
