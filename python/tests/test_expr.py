"""simdmath.evaluate / simdmath.compile: the contract against numpy one operation at a time
(numpy's arithmetic, simdmath's ufuncs), dtype promotion (NEP 50), broadcasting, out=, every
error, the thread count, pickling and a Dask LocalCluster."""
import pickle

import numpy as np
import pytest

import simdmath

DTYPES = [np.float32, np.float64]
SPECIALS = [0.0, -0.0, 1.0, -1.0, 0.5, np.inf, -np.inf, np.nan, 1e-310, 1e-40, 3e38, -3e38,
            1e300, 700.0, -800.0, 100.0]


def data(dtype, n, lo, hi, seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(lo, hi, n)
    k = rng.integers(0, n, n // 20)
    x[k] = np.asarray(SPECIALS)[rng.integers(0, len(SPECIALS), len(k))]
    wide = rng.integers(0, n, n // 20)
    x[wide] = rng.choice([-1, 1], len(wide)) * 10.0 ** rng.uniform(-40, 40, len(wide))
    with np.errstate(all="ignore"):
        return x.astype(dtype)


def same(a, b):
    """Equal bits, every NaN one pattern (NaN signs and payloads are not specified)."""
    a, b = np.asarray(a), np.asarray(b)
    assert a.dtype == b.dtype and a.shape == b.shape, (a.dtype, b.dtype, a.shape, b.shape)
    u = np.uint32 if a.dtype == np.float32 else np.uint64
    na, nb = np.isnan(a), np.isnan(b)
    bad = (na != nb) | (~na & (a.view(u) != b.view(u)))
    assert not bad.any(), f"{bad.sum()} of {a.size} differ; first at {np.argmax(bad)}: {a[bad][:3]} vs {b[bad][:3]}"


# (expression, the same one operation at a time: numpy's arithmetic and simdmath's ufuncs)
ISSUE = [
    ("exp(-0.5*x*x)", lambda x, y, s: s.exp(-0.5 * x * x)),
    ("1/(1+exp(-x))", lambda x, y, s: 1 / (1 + s.exp(-x))),
    ("log1p(exp(x))", lambda x, y, s: s.log1p(s.exp(x))),
    ("0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))",
     lambda x, y, s: 0.5 * x * (1 + s.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))),
    ("sin(x)*cos(y) + x*y", lambda x, y, s: s.sin(x) * s.cos(y) + x * y),
    ("sqrt(x*x + y*y)", lambda x, y, s: np.sqrt(x * x + y * y)),
]
MORE = [
    ("x**2 - x**0.5 + x**-1", lambda x, y, s: x ** 2 - x ** 0.5 + x ** -1),
    ("x**3", lambda x, y, s: s.pow(x, np.asarray(3, x.dtype))),
    ("x**y", lambda x, y, s: s.pow(x, y)),
    ("-x**2", lambda x, y, s: -x ** 2),
    ("abs(x) - y / 3", lambda x, y, s: np.abs(x) - y / 3),
    ("min(x, y) + max(y, x)", lambda x, y, s: np.minimum(x, y) + np.maximum(y, x)),
    ("where(x < y, atan2(y, x), hypot(x, y))",
     lambda x, y, s: np.where(x < y, s.atan2(y, x), s.hypot(x, y))),
    ("where(x, x, y)", lambda x, y, s: np.where(x != 0, x, y)),
    ("(x >= 0.25) * y", lambda x, y, s: (x >= 0.25) * y),
    ("exp2(x) - exp10(y) + cbrt(x) * sinpi(y) / cospi(x)",
     lambda x, y, s: s.exp2(x) - s.exp10(y) + s.cbrt(x) * s.sinpi(y) / s.cospi(x)),
]


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("src,ref", ISSUE + MORE, ids=[e for e, _ in ISSUE + MORE])
def test_contract_one_operation_at_a_time(src, ref, dtype):
    x = data(dtype, 20_011, -8, 8, 1)
    y = data(dtype, 20_011, -8, 8, 2)
    with np.errstate(all="ignore"):
        want = ref(x, y, simdmath)
        got = simdmath.evaluate(src)
    same(got, want)
    assert got.dtype == dtype


@pytest.mark.parametrize("dtype", DTYPES)
def test_every_function_over_its_range(dtype):
    rng = np.random.default_rng(7)
    for name in simdmath.functions:
        x = data(dtype, 5003, -10, 10, hash(name) % 1000)
        with np.errstate(all="ignore"):
            same(simdmath.evaluate(f"{name}(x)", {"x": x}), getattr(simdmath, name)(x))
            same(simdmath.evaluate(f"2*{name}(x - 1)", {"x": x}),
                 2 * getattr(simdmath, name)(x - 1))
    for name in simdmath.binary_functions:
        x = data(dtype, 5003, -10, 10, 3)
        y = rng.uniform(-4, 4, 5003).astype(dtype)
        f = getattr(simdmath, name)
        with np.errstate(all="ignore"):
            same(simdmath.evaluate(f"{name}(x, y)"), f(x, y))
            same(simdmath.evaluate(f"{name}(x, 1.5)"), f(x, np.asarray(1.5, dtype)))
            same(simdmath.evaluate(f"{name}(1.5, y)"), f(np.asarray(1.5, dtype), y))


def test_fma_is_one_rounding():
    rng = np.random.default_rng(3)
    a, b, c = (rng.standard_normal(4001).astype(np.float32) for _ in range(3))
    # float32: the exact product fits a float64; the sum rounded once in 64-bit long double
    # precision (or float64 where long double is float64) then to float32.
    want = (a.astype(np.longdouble) * b + c).astype(np.float32)
    same(simdmath.evaluate("fma(a, b, c)"), want)
    assert not np.array_equal(simdmath.evaluate("fma(a, b, c)"), a * b + c)
    # float64, exactly, on a few elements (fractions are exact).
    from fractions import Fraction
    a, b, c = (rng.standard_normal(50) for _ in range(3))
    got = simdmath.evaluate("fma(a, b, c)")
    for i in range(50):
        assert got[i] == float(Fraction(a[i]) * Fraction(b[i]) + Fraction(c[i]))


def test_promotion_as_numpy_nep50():
    x32 = np.linspace(-1, 1, 11, dtype=np.float32)
    x64 = x32.astype(np.float64)
    assert simdmath.evaluate("x32 + 0.1").dtype == np.float32
    same(simdmath.evaluate("x32 * 0.7978845608 + 1"), x32 * 0.7978845608 + 1)
    assert simdmath.evaluate("x32 + x64").dtype == np.float64
    same(simdmath.evaluate("exp(x32) + x64"), simdmath.exp(x32.astype(np.float64)) + x64)
    s64 = np.float64(0.1)
    assert simdmath.evaluate("x32 + s64").dtype == (x32 + s64).dtype == np.float64
    s32 = np.float32(0.1)
    same(simdmath.evaluate("x64 * s32"), x64 * s32)
    k = 3  # a Python int is weak too
    same(simdmath.evaluate("x32 * k"), x32 * k)
    # Only Python scalars: float64, one value broadcast to shape ().
    a = 2.0
    r = simdmath.evaluate("exp(a) + 1")
    assert r.shape == () and r.dtype == np.float64 and r == simdmath.exp(2.0) + 1


def test_broadcasting_any_ndim_and_non_contiguous():
    rng = np.random.default_rng(5)
    base = rng.standard_normal((40, 30, 6))
    x = base[::2, :, 1:5]           # non-contiguous, 3-d
    y = np.asfortranarray(base[1::2, :, :4])  # another layout
    with np.errstate(all="ignore"):
        same(simdmath.evaluate("sin(x)*cos(y) + x*y"), simdmath.sin(x) * simdmath.cos(y) + x * y)
        col = rng.standard_normal((20, 1, 1))
        same(simdmath.evaluate("x + exp(col)"), x + simdmath.exp(col))
        zero_d = np.array(0.25)
        same(simdmath.evaluate("x * zero_d"), x * zero_d)
    assert simdmath.evaluate("x * 2").shape == x.shape
    z = np.ones((3, 4))
    with pytest.raises(ValueError, match="broadcast"):
        simdmath.evaluate("x + z")
    e = np.empty((0, 3))
    assert simdmath.evaluate("exp(e)").shape == (0, 3)


@pytest.mark.parametrize("dtype", DTYPES)
def test_non_contiguous_gathered_per_block(dtype):
    """Strided, transposed, negative-stride and broadcast views (read a block at a time, never
    copied whole) give numpy's bits, on one thread (small) and on the pool (large), with a
    view's rows longer and shorter than a block."""
    rng = np.random.default_rng(11)
    for shape in [(7, 5, 3), (3, 1000, 7), (600, 700)]:
        base = (rng.standard_normal(tuple(2 * s + 1 for s in shape)) * 3).astype(dtype)
        sl = tuple(slice(1, 1 + 2 * s, 2) for s in shape)
        views = {
            "strided": base[sl],
            "reversed": base[tuple(slice(2 * s, 0, -2) for s in shape)],
            "transposed": np.ascontiguousarray(base[sl]).T.copy().T,  # a C array seen as F
            "mixed": base[sl][::-1, ..., ::1],
        }
        t = np.ascontiguousarray(base[sl].T)  # shape reversed, then transposed back: F order
        views["fortran"] = t.T
        row = base[1, ...][tuple(slice(1, 1 + 2 * s, 2) for s in shape[1:])]  # broadcast
        for name, x in views.items():
            assert x.shape == shape
            y = np.ascontiguousarray(base[sl][::-1])
            with np.errstate(all="ignore"):
                same(simdmath.evaluate("sin(x)*cos(y) + x*y", {"x": x, "y": y}),
                     simdmath.sin(x) * simdmath.cos(y) + x * y)
                same(simdmath.evaluate("exp(-0.5*x*x) - r", {"x": x, "r": row}),
                     simdmath.exp(-0.5 * x * x) - row)
                same(simdmath.evaluate("x", {"x": x}), x.copy())
                assert simdmath.evaluate("x", {"x": x}).flags.c_contiguous
    # 1-d, negative stride, into out; a 0-stride broadcast of one row.
    x = np.arange(20_000, dtype=dtype)[::-3]
    out = np.empty_like(x)
    simdmath.evaluate("x * 0.5 + 1", out=out)
    same(out, x * dtype(0.5) + 1)
    b = np.broadcast_to(np.arange(5, dtype=dtype), (4000, 5))
    same(simdmath.evaluate("b * b"), b * b)


def test_float32_in_a_float64_result_converted_per_block():
    rng = np.random.default_rng(12)
    x32 = rng.standard_normal((300, 400)).astype(np.float32)
    y64 = rng.standard_normal((300, 400))
    for x in (x32, x32[::-1, ::2].repeat(2, axis=1), x32.T.copy().T, x32[:, :1]):
        y = y64 if x.shape == y64.shape else y64[:, :1] if x.shape[1] == 1 else y64
        with np.errstate(all="ignore"):
            got = simdmath.evaluate("exp(x) * y - x", {"x": x, "y": y})
            want = simdmath.exp(x.astype(np.float64)) * y - x.astype(np.float64)
        assert got.dtype == np.float64
        same(got, want)


def test_out():
    x = np.linspace(0, 1, 1001)
    out = np.empty_like(x)
    r = simdmath.evaluate("exp(x) - 1", out=out)
    assert r is out
    same(out, simdmath.exp(x) - 1)
    # out may be an input; non-contiguous out.
    y = x.copy()
    simdmath.evaluate("y*y + 1", out=y)
    same(y, x * x + 1)
    big = np.zeros(2002)
    simdmath.evaluate("x + 1", out=big[::2])
    same(big[::2], x + 1)
    assert (big[1::2] == 0).all()
    b = np.empty(x.shape, bool)
    simdmath.evaluate("x < 0.5", out=b)
    assert (b == (x < 0.5)).all() and simdmath.evaluate("x < 0.5").dtype == np.bool_
    # Errors write nothing.
    keep = np.full_like(x, 7.0)
    for bad in ("x +", "expp(x)", "x + q"):
        with pytest.raises(ValueError):
            simdmath.evaluate(bad, out=keep)
    with pytest.raises(TypeError, match="dtype"):
        simdmath.evaluate("x", out=np.empty(x.shape, np.float32))
    with pytest.raises(ValueError, match="shape"):
        simdmath.evaluate("x", out=np.empty(5))
    assert (keep == 7.0).all()


def test_errors():
    x = np.ones(3)
    cases = [
        ("x + * 2", "unexpected '*'", 4),
        ("exp(x", "end of expression", 5),
        ("expp(x)", "unknown function 'expp'", 0),
        ("2*pow(x)", "pow() takes 2 arguments", 2),
        ("sincos(x)", "sincos has two outputs", 0),
        ("x $ 1", "unexpected character '$'", 2),
        ("x + nope", "no input named 'nope'", 4),
    ]
    for src, msg, pos in cases:
        with pytest.raises(ValueError) as e:
            simdmath.evaluate(src)
        assert msg in str(e.value) and f"(at position {pos})" in str(e.value), (src, str(e.value))
    i = np.arange(3)
    with pytest.raises(TypeError, match="int64"):
        simdmath.evaluate("exp(i)")
    c = np.ones(3, complex)
    with pytest.raises(TypeError, match="complex"):
        simdmath.evaluate("c + x")
    h = np.ones(3, np.float16)
    with pytest.raises(TypeError, match="float16"):
        simdmath.evaluate("h")
    with pytest.raises(TypeError):
        simdmath.evaluate(3)


def test_names_from_the_frame_and_local_dict():
    x = np.arange(4.0)
    same(simdmath.evaluate("x + g_offset"), x + g_offset)
    same(simdmath.evaluate("x + g_offset", {"x": x, "g_offset": 1.0}), x + 1.0)

    def inner():
        return simdmath.evaluate("x * 2")  # x from the enclosing scope is not a local here

    with pytest.raises(ValueError, match="no input named 'x'"):
        inner()


g_offset = 10.0


def test_thread_count_does_not_change_a_bit(threads):
    x = data(np.float64, 1_000_003, -30, 30, 11)
    y = data(np.float64, 1_000_003, -30, 30, 12)
    src = "0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x))) + where(x < y, sin(x)*cos(y), hypot(x, y))"
    results = []
    for t in (1, 2, 3):
        simdmath.set_num_threads(t)
        results.append(simdmath.evaluate(src))
    same(results[0], results[1])
    same(results[0], results[2])
    with np.errstate(all="ignore"):
        same(results[0], 0.5 * x * (1 + simdmath.tanh(0.7978845608 * (x + 0.044715 * x * x * x)))
             + np.where(x < y, simdmath.sin(x) * simdmath.cos(y), simdmath.hypot(x, y)))


def test_compile_reuse_and_pickle():
    g = simdmath.compile("exp(-0.5*x*x) * k")
    assert g.inputs == ("x", "k") and g.source == "exp(-0.5*x*x) * k"
    x = np.linspace(-2, 2, 9, dtype=np.float32)
    want = simdmath.exp(-0.5 * x * x) * 3
    same(g(x, 3), want)
    same(g(x=x, k=3), want)
    same(g.evaluate({"x": x, "k": 3}), want)
    k = 3
    same(g.evaluate(), want)
    h = pickle.loads(pickle.dumps(g))
    assert h == g and h.inputs == g.inputs
    same(h(x, 3), want)
    with pytest.raises(TypeError):
        g(x, 3, 4)
    with pytest.raises(ValueError, match="position 3"):
        simdmath.compile("x**")
    assert simdmath.compile("x + 1") is simdmath.compile("x + 1")  # cached


def test_dask_local_cluster_with_a_compiled_expression():
    da = pytest.importorskip("dask.array")
    distributed = pytest.importorskip("distributed")
    g = simdmath.compile("0.5*x*(1+tanh(0.7978845608*(x+0.044715*x*x*x)))")
    rng = np.random.default_rng(9)
    xn = rng.uniform(-5, 5, 400_000)
    x = da.from_array(xn, chunks=50_000)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None, silence_logs=40) as cluster, \
            distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        y = da.map_blocks(g, x, dtype=x.dtype)
        got = y.compute()
    same(got, g(xn))
    same(got, 0.5 * xn * (1 + simdmath.tanh(0.7978845608 * (xn + 0.044715 * xn * xn * xn))))


KINDS = ("divide by zero", "overflow", "underflow", "invalid value")


def fp_kinds(f):
    """The floating-point errors `f()` reports under np.errstate(all='warn')."""
    import warnings
    with warnings.catch_warnings(record=True) as w, np.errstate(all="warn"):
        warnings.simplefilter("always")
        f()
    got = set()
    for m in w:
        if issubclass(m.category, RuntimeWarning):
            got |= {k for k in KINDS if str(m.message).startswith(k)}
    return got


@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("src,ref", ISSUE + MORE, ids=[e for e, _ in ISSUE + MORE])
def test_errstate_flags_as_numpy_one_operation_at_a_time(src, ref, dtype):
    # Each special value alone (then the mixed data), so that every flag is decided by what
    # one element does, and a flag numpy raises and simdmath misses (or the reverse) shows.
    cases = [np.full(8, v, dtype=dtype) for v in SPECIALS + [1e-200, 2.0 ** -1000, 3.0]]
    ys = [np.full(8, v, dtype=dtype) for v in (0.0, 2.0, -np.inf, 1e-30, 1e300)]
    with np.errstate(all="ignore"):
        cases = [c.astype(dtype) for c in cases] + [data(dtype, 4000, -10, 10, 7)]
    for x in cases:
        for y in ys + [data(dtype, x.size, -3, 3, 8)[:x.size]]:
            y = np.resize(y, x.shape)
            want = fp_kinds(lambda: ref(x, y, simdmath))
            got = fp_kinds(lambda: simdmath.evaluate(src, {"x": x, "y": y}))
            assert got == want, (src, x[0], y[0], got, want)


def test_errstate_modes():
    x = np.array([0.0, 1.0, 1000.0])
    # 'raise': FloatingPointError after the result is written (as numpy's ufuncs).
    out = np.zeros(3)
    with np.errstate(over="raise"), pytest.raises(FloatingPointError, match="overflow encountered in evaluate"):
        simdmath.evaluate("exp(x)", {"x": x}, out=out)
    same(out, simdmath.exp(x))
    with np.errstate(divide="raise"), pytest.raises(FloatingPointError, match="divide by zero"):
        simdmath.compile("1/x")(x)
    with np.errstate(invalid="raise"), pytest.raises(FloatingPointError, match="invalid value"):
        simdmath.evaluate("sqrt(-x)", {"x": x})
    # 'warn': a RuntimeWarning pointing at the caller.
    with np.errstate(over="warn"), pytest.warns(RuntimeWarning, match="overflow encountered in evaluate") as w:
        simdmath.evaluate("exp(x)")
    assert w[0].filename == __file__
    # 'ignore': nothing (warnings as errors would show one).
    import warnings
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("error")
        simdmath.evaluate("exp(x) + 1/x - sqrt(-x) + log(x)", {"x": x})
    # 'call': numpy's callback with numpy's words and bit.
    seen = []
    with np.errstate(divide="call", call=lambda kind, bit: seen.append((kind, bit))):
        simdmath.evaluate("log(x)", {"x": x})
    assert seen == [("divide by zero", 1)]
    # On the pool (a large array) the same.
    big = np.ones(1 << 20)
    big[-1] = 1000.0
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        simdmath.evaluate("exp(big) * 2", {"big": big})
    # f32 overflows where f64 does not.
    with np.errstate(over="raise"), pytest.raises(FloatingPointError):
        simdmath.evaluate("x * 1e30", {"x": np.array([1e10], np.float32)})


def test_fast_path_same_bits_flags_and_errstate_as_the_general_path():
    """The usual call (contiguous arrays of one dtype and shape, Python scalars) takes a short
    path; the same data as strided views takes the general one: the same bits, the same
    flags, and the error state is read again whenever numpy's changes between calls."""
    rng = np.random.default_rng(7)
    for dtype in (np.float32, np.float64):
        x = rng.uniform(-800, 800, (3, 700)).astype(dtype)
        y = rng.uniform(-2, 2, (3, 700)).astype(dtype)
        x[0, 5], y[0, 5] = 1.0, 0.0
        xs, ys = np.repeat(x, 2, axis=1)[:, ::2], np.repeat(y, 2, axis=1)[:, ::2]
        assert not xs.flags.c_contiguous and np.array_equal(xs, x)
        src = "exp(x) / y + 2.5"
        c = simdmath.compile(src)
        with np.errstate(all="ignore"):
            assert c._fast({"x": x, "y": y}, None) is not None  # the short path is taken
        assert c._fast({"x": xs, "y": ys}, None) is None  # and not for strided views
        assert c._fast({"x": x, "y": y.astype(np.float16)}, None) is None
        with np.errstate(all="ignore"):
            fast = simdmath.evaluate(src, {"x": x, "y": y})
            slow = simdmath.evaluate(src, {"x": xs, "y": ys})
            out = np.empty_like(x)
            assert simdmath.compile(src)(x, y, out=out) is out
        assert fast.dtype == dtype and fast.shape == x.shape
        same(fast, slow)
        same(out, slow)
        kinds = [fp_kinds(lambda a=a: simdmath.evaluate(src, a))
                 for a in ({"x": x, "y": y}, {"x": xs, "y": ys})]
        assert kinds[0] == kinds[1] and {"overflow", "divide by zero"} <= kinds[0], kinds
        # The error state changed between two identical calls is honoured each time.
        for _ in range(2):
            with np.errstate(all="ignore"):
                simdmath.evaluate(src, {"x": x, "y": y})
            with np.errstate(divide="raise", over="ignore"), pytest.raises(FloatingPointError):
                simdmath.evaluate(src, {"x": x, "y": y})
        old = np.seterr(all="ignore")
        try:
            simdmath.evaluate(src, {"x": x, "y": y})
            np.seterr(over="raise")
            with pytest.raises(FloatingPointError, match="overflow"):
                simdmath.evaluate(src, {"x": x, "y": y})
        finally:
            np.seterr(**old)
    # out aliasing an input, a read-only out, a mismatched dtype: as the general path.
    x = np.linspace(0.0, 1.0, 1000)
    ref = simdmath.exp(x * 2.0)
    simdmath.evaluate("exp(x * 2.0)", {"x": x}, out=x)
    same(x, ref)
    ro = np.empty(1000)
    ro.flags.writeable = False
    with pytest.raises(ValueError, match="read-only"):
        simdmath.evaluate("x + 1", {"x": x}, out=ro)
    with pytest.raises(TypeError, match="dtype"):
        simdmath.evaluate("x + 1", {"x": x}, out=np.empty(1000, np.float32))
