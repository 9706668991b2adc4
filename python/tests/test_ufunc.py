"""The ufunc machinery: types, keywords, views, overlap, warnings, docstrings, pickling."""
import pickle
import warnings

import numpy as np
import pytest

import simdmath
from conftest import DTYPES, FUNCS, NUMPY, REGISTRY, UNDERFLOW_AS_NUMPY, WITH_NUMPY

_sm = simdmath._simdmath


def reference(f, x):
    """The same function through the plainest path: a fresh contiguous copy, one call."""
    return f(np.ascontiguousarray(x).copy())


def test_every_registry_function_is_a_ufunc():
    assert list(simdmath.functions) == [r["name"] for r in _sm._registry()]
    for name in simdmath.functions:
        f = getattr(simdmath, name)
        assert isinstance(f, np.ufunc)
        assert f.__name__ == name
        assert (f.nin, f.nout) == (REGISTRY[name]["nin"], REGISTRY[name]["nout"])
        assert f.types == ["e->e", "f->f", "d->d"]


def test_every_function_has_a_floating_point_rule():
    assert _sm._missing_fp_rules() == []


@pytest.mark.parametrize("f", FUNCS, ids=lambda f: f.__name__)
def test_docstring_from_registry(f):
    r = REGISTRY[f.__name__]
    doc = f.__doc__
    assert doc.startswith(f"{f.__name__}(x, /, out=None")  # numpy's signature line
    assert f"within {r['max_ulp_float64']} ulp (float64) / {r['max_ulp_float32']} ulp (float32)" in doc
    assert r["domain"].rstrip(".") in doc
    assert r["specials"].rstrip(".") in doc
    assert "float32" in doc and "TypeError" in doc


def test_pickle_by_reference():
    for f in FUNCS:
        s = pickle.dumps(f)
        assert f.__name__.encode() in s and b"simdmath" in s
        assert len(s) < 100  # a reference, not a copy of anything
        assert pickle.loads(s) is f


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_dtype_preserved(dtype):
    for f in FUNCS:
        assert f(np.ones(5, dtype)).dtype == dtype
        assert f(dtype(1)).dtype == dtype


def test_integer_and_bool_promotion():
    x = np.arange(1, 6)
    for f in FUNCS:
        npf = NUMPY.get(f.__name__, np.exp)  # numpy's promotion is the same for every unary ufunc
        # int32/int64 -> float64, as numpy's own ufunc.
        for t in (np.int32, np.int64, np.uint32, np.uint64):
            assert f(x.astype(t)).dtype == npf(x.astype(t)).dtype == np.float64
            np.testing.assert_array_equal(f(x.astype(t)), f(x.astype(np.float64)))
        # 8-bit ints and bool -> float16, 16-bit ints -> float32, as numpy's own ufunc.
        for t in (np.int8, np.uint8, np.bool_):
            assert f(x.astype(t)).dtype == npf(x.astype(t)).dtype == np.float16
        for t in (np.int16, np.uint16):
            assert f(x.astype(t)).dtype == npf(x.astype(t)).dtype == np.float32
        assert f(3).dtype == np.float64  # a Python int


@pytest.mark.parametrize(
    "bad", [np.complex64(1), np.complex128(1j),
            np.array([1.0], dtype=object), np.longdouble(1), np.array(["a"]),
            np.array([1], dtype="m8[s]")],
    ids=["c64", "c128", "object", "longdouble", "str", "timedelta"])
def test_unsupported_types_raise_typeerror(bad):
    for f in FUNCS:
        with pytest.raises(TypeError, match=rf"simdmath\.{f.__name__} supports float16, float32 and float64"):
            f(bad)


def test_dtype_and_casting_keywords():
    x = np.linspace(0, 1, 100)
    for f in FUNCS:
        y = f(x, dtype=np.float32)
        assert y.dtype == np.float32
        np.testing.assert_array_equal(y, f(x.astype(np.float32)))
        assert f(x.astype(np.float32), dtype=np.float64).dtype == np.float64
        with pytest.raises(TypeError):  # f8 -> f4 output under casting="safe"
            f(x, out=np.empty(100, np.float32), casting="safe")
        out = np.empty(100, np.float32)
        f(x, out=out, casting="same_kind")
        np.testing.assert_array_equal(out, f(x).astype(np.float32))
        h = f(x, dtype=np.float16)  # the float16 loop: input cast to float16 first
        assert h.dtype == np.float16
        np.testing.assert_array_equal(h, f(x.astype(np.float16)))


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
def test_out_where_broadcast(dtype):
    x = np.linspace(-3, 3, 12, dtype=dtype)
    for f in FUNCS:
        want = reference(f, x)
        out = np.full(12, -7.0, dtype)
        r = f(x, out=out)
        assert r is out
        np.testing.assert_array_equal(out, want)
        out = np.full(12, -7.0, dtype)
        mask = np.arange(12) % 3 == 0
        f(x, out=out, where=mask)
        np.testing.assert_array_equal(out[mask], want[mask])
        assert (out[~mask] == -7.0).all()
        # Broadcasting the input over a larger output.
        out2 = np.empty((4, 12), dtype)
        f(x, out=out2)
        np.testing.assert_array_equal(out2, np.broadcast_to(want, (4, 12)))
        # Tuple out.
        out3 = np.empty(12, dtype)
        f(x, out=(out3,))
        np.testing.assert_array_equal(out3, want)


def test_zero_d_and_scalars():
    for f in WITH_NUMPY:
        npf = NUMPY[f.__name__]
        v = 1.5 if f.__name__ == "acosh" else 0.5  # inside every domain
        r = f(np.array(v))
        assert isinstance(r, np.float64) and r == reference(f, np.array([v]))[0]
        assert f(v) == f(np.array([v]))[0]
        assert isinstance(f(np.float32(v)), np.float32)
        assert abs(f(v) - npf(v)) <= 4.5e-16 * max(1, abs(npf(v)))
        out = np.empty(())
        f(np.array(v), out=out)
        assert out[()] == f(v)
        assert f(np.empty(0)).shape == (0,)


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("pool", [False, True], ids=["caller", "pool"])
def test_views(dtype, pool, request):
    if pool:
        request.getfixturevalue("small_pool_threshold")
    rng = np.random.default_rng(5)
    base = rng.uniform(0.1, 5, 60_000).astype(dtype)
    for f in FUNCS:
        for view in (base[::3], base[::-1], base[5:-7], base.reshape(200, 300).T, base.reshape(300, 200)[:, ::2],
                     base[::-2][::3]):
            np.testing.assert_array_equal(f(view), reference(f, view))
        # Strided and reversed outputs.
        out = np.zeros(120_000, dtype)
        f(base, out=out[::2])
        np.testing.assert_array_equal(out[::2], reference(f, base))
        assert (out[1::2] == 0).all()
        out = np.zeros(60_000, dtype)
        f(base, out=out[::-1])
        np.testing.assert_array_equal(out[::-1], reference(f, base))
        # Unaligned data (an offset of one byte into a byte buffer).
        raw = np.zeros(base.nbytes + 1, np.uint8)
        un = raw[1:].view(dtype)
        un[:] = base
        assert not un.flags.aligned
        np.testing.assert_array_equal(f(un), reference(f, base))
        f(base, out=un)
        np.testing.assert_array_equal(un, reference(f, base))
        # Non-native byte order.
        sw = base.astype(base.dtype.newbyteorder())
        np.testing.assert_array_equal(f(sw), reference(f, base))


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("pool", [False, True], ids=["caller", "pool"])
def test_out_aliasing_and_overlap(dtype, pool, request):
    if pool:
        request.getfixturevalue("small_pool_threshold")
    rng = np.random.default_rng(6)
    for f in FUNCS:
        x = rng.uniform(0.1, 5, 50_001).astype(dtype)
        want = reference(f, x)
        y = x.copy()
        r = f(y, out=y)  # in place
        assert r is y
        np.testing.assert_array_equal(y, want)
        # Overlapping but not identical: numpy copies as needed; same values as without overlap.
        y = x.copy()
        f(y[:-1], out=y[1:])
        np.testing.assert_array_equal(y[1:], want[:-1])
        y = x.copy()
        f(y[1:], out=y[:-1])
        np.testing.assert_array_equal(y[:-1], want[1:])
        y = x.copy()
        f(y, out=y[::-1])
        np.testing.assert_array_equal(y[::-1], want)


def test_read_only_output_is_an_error():
    x = np.ones(10)
    ro = np.empty(10)
    ro.flags.writeable = False
    for f in FUNCS:
        with pytest.raises(ValueError, match="read-only"):
            f(x, out=ro)
        ro2 = x.copy()
        ro2.flags.writeable = False
        with pytest.raises(ValueError, match="read-only"):
            f(ro2, out=ro2)
        # A read-only input is fine.
        np.testing.assert_array_equal(f(ro2), f(x))


def test_ufunc_methods():
    x = np.array([0.5, 1.5, 2.5])
    for f in FUNCS:
        y = x.copy()
        f.at(y, [0, 2])
        np.testing.assert_array_equal(y, [f(0.5), 1.5, f(2.5)])
        with pytest.raises((TypeError, ValueError)):
            f.reduce(x)  # unary: no reduce, as numpy.exp


def test_array_ufunc_dispatch():
    class Tagged(np.ndarray):
        pass

    class Custom:
        def __array_ufunc__(self, ufunc, method, *inputs, **kwargs):
            return ("custom", ufunc.__name__, method)

    for f in FUNCS:
        assert f(Custom()) == ("custom", f.__name__, "__call__")
        t = np.ones(4).view(Tagged)
        assert type(f(t)) is Tagged


# -- floating-point warnings, as numpy gives them ------------------------------------------

PROBES = [0.0, -0.0, 1.0, -1.0, 2.0, np.inf, -np.inf, np.nan, 1000.0, -1000.0, 88.8, -104.0, 710.0,
          -746.0, -740.0, -102.0, 1e-310, 5e-324, 1e-40, -1e-40, 1e-45, 2.0 ** -1022, 1e300, 3e38, 1e-30]


def flags_of(f, x):
    """The set of numpy floating-point warnings `f(x)` gives."""
    with warnings.catch_warnings(record=True) as w, np.errstate(all="warn"):
        warnings.simplefilter("always")
        f(x)
    return {str(m.message).split(" encountered")[0] for m in w if issubclass(m.category, RuntimeWarning)}


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("f", WITH_NUMPY, ids=lambda f: f.__name__)
def test_warnings_match_numpy_per_element(f, dtype):
    npf = NUMPY[f.__name__]
    with np.errstate(all="ignore"):
        xs = np.array(PROBES).astype(dtype)
    for x in xs:
        a = np.array([x])
        got, want = flags_of(f, a), flags_of(npf, a)
        if dtype is np.float32 or f.__name__ not in UNDERFLOW_AS_NUMPY:
            # numpy's float32 SIMD loops also flag underflow in intermediate steps (exp(1e-40),
            # cos(1e-40), sin(1e-30) give normal results): simdmath flags underflow only for a
            # tiny result, as IEEE 754 and numpy's float64 loops do.
            want.discard("underflow")
            y = f(a)[0]
            exact_zero = y == 0 and _sm._exact_zero(f.__name__, float(x))
            tiny = abs(y) < np.finfo(dtype).tiny and np.isfinite(x) and not exact_zero
            assert ("underflow" in got) == tiny, f"{f.__name__}({x!r}) {dtype.__name__}"
            got.discard("underflow")
        assert got == want, f"{f.__name__}({x!r}) {dtype.__name__}"


def test_default_errstate_messages():
    with pytest.warns(RuntimeWarning, match="overflow encountered in exp"):
        simdmath.exp(1000.0)
    with pytest.warns(RuntimeWarning, match="invalid value encountered in log"):
        simdmath.log(-1.0)
    with pytest.warns(RuntimeWarning, match="divide by zero encountered in log"):
        simdmath.log(0.0)
    with pytest.warns(RuntimeWarning, match="invalid value encountered in sin"):
        simdmath.sin(np.inf)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        simdmath.exp(-1000.0)  # numpy ignores underflow by default
        simdmath.exp(np.array([np.inf, -np.inf, np.nan]))  # exact specials: no warning
        simdmath.log(np.array([np.inf, np.nan, 1.0]))


def test_errstate_raise_and_ignore():
    with np.errstate(over="raise"):
        with pytest.raises(FloatingPointError, match="overflow encountered in exp"):
            simdmath.exp(1000.0)
    with np.errstate(invalid="raise"):
        with pytest.raises(FloatingPointError, match="invalid value encountered in log"):
            simdmath.log(np.array([1.0, -1.0]))
    with np.errstate(under="raise"):
        with pytest.raises(FloatingPointError, match="underflow"):
            simdmath.exp(np.float32(-200.0))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        simdmath.exp(1000.0)
        simdmath.log(-1.0)


@pytest.mark.parametrize("dtype", DTYPES, ids=["float32", "float64"])
@pytest.mark.parametrize("path", ["pool", "pool-in-place", "strided", "buffered-where"])
def test_warnings_from_every_path(dtype, path, small_pool_threshold, threads):
    """Flags raised by work on pool threads (or in buffers) still reach the caller."""
    simdmath.set_num_threads(2)
    n = 200_000
    cases = [(simdmath.exp, 1000.0, "overflow"), (simdmath.log, -1.0, "invalid value"),
             (simdmath.log, 0.0, "divide by zero"), (simdmath.cos, np.inf, "invalid value"),
             (simdmath.exp, -1000.0, "underflow")]
    for f, bad, msg in cases:
        for pos in (0, n // 2 + 123, n - 1):  # first, a chunk in another worker's part, last
            x = np.full(n, 0.5, dtype)
            x[pos] = bad
            with np.errstate(all="raise"), pytest.raises(FloatingPointError, match=msg):
                if path == "pool":
                    f(x)
                elif path == "pool-in-place":
                    f(x, out=x)
                elif path == "strided":
                    f(np.repeat(x, 2)[::2])
                else:
                    f(x, where=np.arange(n) % 2 == pos % 2, out=np.zeros(n, dtype))
            # And nothing for the good ones.
            with np.errstate(all="raise"):
                x = np.full(n, 0.5, dtype)
                f(x)
                f(x, out=x)
