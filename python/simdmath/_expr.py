"""``simdmath.evaluate`` and ``simdmath.compile``: whole expressions in one pass.

The expression is parsed once (in Rust: ``simdmath::Expr``) and evaluated block by block on
simdmath's pinned pool with the GIL released, every temporary in L1, so each element is read
and written once. The result is bit for bit what numpy gives evaluating the expression one
operation at a time with its arithmetic and simdmath's ufuncs (see ``evaluate``).
"""
import sys
import warnings
from functools import lru_cache

import numpy as np

from . import _simdmath

_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


class CompiledExpression:
    """An expression parsed once, to evaluate any number of times (``simdmath.compile``).

    Call it with the inputs by position (in the order of ``inputs``) or by name, or use
    ``evaluate(local_dict, out=None)``. It pickles (as its source text), so it travels to Dask
    or multiprocessing workers::

        gauss = simdmath.compile("exp(-0.5*x*x)")
        y = gauss(x)                       # or gauss(x=x), gauss.evaluate({"x": x})
        y = dask.array.map_blocks(gauss, xd, dtype=xd.dtype)
    """

    __slots__ = ("_e", "_names", "_boolean")

    def __init__(self, expr):
        if not isinstance(expr, str):
            raise TypeError(f"an expression is a str, not {type(expr).__name__}")
        self._e = _simdmath.Expression(expr)
        self._names = tuple(self._e.inputs)
        self._boolean = self._e.is_boolean

    @property
    def source(self):
        """The expression's text."""
        return self._e.source

    @property
    def inputs(self):
        """The input names, in order of first appearance."""
        return self._names

    def __reduce__(self):
        return (compile, (self.source,))

    def __repr__(self):
        return f"simdmath.compile({self.source!r})"

    def __eq__(self, other):
        return isinstance(other, CompiledExpression) and other.source == self.source

    def __hash__(self):
        return hash(("simdmath.CompiledExpression", self.source))

    def __call__(self, *args, out=None, **kwargs):
        names = self.inputs
        if len(args) > len(names):
            raise TypeError(f"{self!r} takes {len(names)} inputs ({', '.join(names)}), got {len(args)}")
        values = dict(zip(names, args))
        for k, v in kwargs.items():
            if k in values:
                raise TypeError(f"input {k!r} given by position and by name")
            values[k] = v
        return self._run(values, out)

    def evaluate(self, local_dict=None, out=None):
        """Evaluates with the inputs from ``local_dict`` (default: the caller's variables)."""
        if local_dict is None:
            local_dict = _caller_names(sys._getframe(1), self.inputs)
        return self._run(local_dict, out)

    def _run(self, values, out):
        r = self._fast(values, out)
        if r is not None:
            out, flags, err = r
            if flags:
                _report(flags, err)  # from here: the warning's stack level is the caller's
            return out
        e = self._e
        names = self._names
        scalars, arrays = {}, {}
        for name in names:
            try:
                v = values[name]
            except KeyError:
                pos = dict(e.input_positions)[name]
                raise ValueError(f"no input named {name!r} (at position {pos})") from None
            t = type(v)
            if t is float or t is int:
                scalars[name] = v  # weak (NEP 50): takes the arrays' type
                continue
            a = v if t is np.ndarray else np.asarray(v)
            if a.dtype not in _FLOATS:
                raise TypeError(f"input {name!r}: simdmath.evaluate supports float32 and float64 "
                                f"arrays (and Python int/float scalars); got {a.dtype}")
            arrays[name] = a
        dtypes = {a.dtype for a in arrays.values()}
        if not dtypes:
            dtype = _FLOATS[1]
        elif len(dtypes) == 1:
            (dtype,) = dtypes
        else:
            dtype = _FLOATS[1]  # float32 with float64: float64
        shapes = {a.shape for a in arrays.values()}
        if len(shapes) == 1:
            (shape,) = shapes
        else:
            shape = np.broadcast_shapes(*shapes)  # numpy's ValueError when they do not broadcast
        n = 1
        for s in shape:
            n *= s
        args = []
        for name in names:
            if name in scalars:
                args.append(float(scalars[name]))
                continue
            a = arrays[name]
            if a.ndim == 0 or (a.size == 1 and n != 1):
                args.append(float(a.reshape(())))  # exact: a float32 or float64 value
                continue
            if a.shape != shape:
                a = np.broadcast_to(a, shape)  # a view (zero strides), gathered per block
            # Contiguous of the result's dtype: read in place; otherwise (strided, transposed,
            # reversed, broadcast, or float32 meeting float64: converted exactly as it is read)
            # gathered block by block into the worker's block buffer, never copied whole.
            args.append(a.reshape(-1) if a.flags.c_contiguous and a.dtype == dtype else a)
        boolean = self._boolean
        if out is not None:
            want = np.dtype(np.bool_) if boolean else dtype
            if not isinstance(out, np.ndarray):
                raise TypeError(f"out must be a numpy array, not {type(out).__name__}")
            if out.dtype != want:
                raise TypeError(f"out has dtype {out.dtype}; this expression gives {want}")
            if out.shape != shape:
                raise ValueError(f"out has shape {out.shape}; the inputs broadcast to {shape}")
            if not out.flags.writeable:
                raise ValueError("out is read-only")
        direct = (out is not None and not boolean and out.flags.c_contiguous
                  and not any(np.may_share_memory(out, a) for a in arrays.values()))
        err, check = _errstate()
        res = out.reshape(-1) if direct else np.empty(n, dtype=dtype)
        flags = e._eval(args, res, check)
        if not direct:
            if boolean:
                res = res != 0
            res = res.reshape(shape)
            if out is None:
                out = res
            else:
                out[...] = res
        if flags:
            _report(flags, err)
        return out

    def _fast(self, values, out):
        """``_run``'s ``(out, flags, np.geterr())`` for the usual call, or None: every input
        a C-contiguous float32 or float64 ndarray (one dtype, one shape, at least 1-d) or a
        Python float or int, ``out`` None or such an array sharing no memory with them, a
        float result. The same checks and the same result as ``_run``'s general path at less
        than half its fixed cost (that path sorts scalars, promotes, broadcasts and gathers);
        any other call goes there."""
        if self._boolean:
            return None
        args = []
        dtype = shape = None
        for name in self._names:
            v = values.get(name) if type(values) is dict else None
            t = type(v)
            if t is float or t is int:
                args.append(float(v))
                continue
            if t is not np.ndarray:
                return None
            if dtype is None:
                dtype, shape = v.dtype, v.shape
                if dtype not in _FLOATS or not shape:
                    return None
            elif v.dtype != dtype or v.shape != shape:
                return None
            if not v.flags.c_contiguous:
                return None
            args.append(v if v.ndim == 1 else v.reshape(-1))
        if dtype is None:
            return None
        if out is None:
            out = np.empty(shape, dtype)
        else:
            if (type(out) is not np.ndarray or out.dtype != dtype or out.shape != shape
                    or not out.flags.c_contiguous or not out.flags.writeable):
                return None
            for a in args:
                if type(a) is np.ndarray and np.may_share_memory(out, a):
                    return None
        err, check = _errstate()
        return out, self._e._eval(args, out if out.ndim == 1 else out.reshape(-1), check), err


def _errstate_uncached():
    err = np.geterr()
    check = 0
    for bit, key, _, _ in _FPE:
        if err[key] != "ignore":
            check |= bit
    return err, check


try:  # numpy 2: np.errstate / np.seterr set a new object in this context variable
    from numpy._core.umath import _extobj_contextvar as _EXTOBJ
except ImportError:  # pragma: no cover (another numpy layout: ask np.geterr every call)
    _EXTOBJ = None
_ERR_CACHE = (None, None)


def _errstate():
    """``(np.geterr(), the flag bits of ``_eval`` that it does not ignore)``, cached on the
    identity of numpy's error-state object (np.geterr alone costs about 0.8 us a call). The
    cache is one tuple, replaced whole (threads see the old pair or the new one), and holds a
    reference to the object, so its identity cannot pass to another object."""
    global _ERR_CACHE
    if _EXTOBJ is None:
        return _errstate_uncached()
    obj = _EXTOBJ.get()
    cached = _ERR_CACHE
    if cached[0] is obj:
        return cached[1]
    r = _errstate_uncached()
    _ERR_CACHE = (obj, r)
    return r


# numpy's order of the checks (divide, over, under, invalid): the flag bit of `_eval`, the
# errstate key, the words of numpy's message, numpy's own bit (for the 'call' mode).
_FPE = ((2, "divide", "divide by zero", 1), (4, "over", "overflow", 2),
        (8, "under", "underflow", 4), (1, "invalid", "invalid value", 8))


def _report(flags, err):
    """Reports the floating-point flags as numpy's errstate says (after the result is
    written, as numpy's ufuncs do)."""
    for bit, key, what, np_bit in _FPE:
        if not flags & bit:
            continue
        mode = err[key]
        msg = f"{what} encountered in evaluate"
        if mode == "warn":
            warnings.warn(msg, RuntimeWarning, stacklevel=4)
        elif mode == "raise":
            raise FloatingPointError(msg)
        elif mode == "call":
            np.geterrcall()(what, np_bit)
        elif mode == "print":
            print(f"Warning: {msg}")
        elif mode == "log":
            np.geterrcall().write(f"Warning: {msg}\n")


@lru_cache(maxsize=256)
def compile(expr):  # noqa: A001 (numexpr's NumExpr is the model; compile is the issue's name)
    """compile(expr) -> CompiledExpression

    Parses ``expr`` once (raising ValueError naming the offending token and its position) and
    returns a reusable, picklable object; see ``evaluate`` for the language and the contract.
    """
    return CompiledExpression(expr)


def _caller_names(frame, names):
    out = {}
    f_locals, f_globals = frame.f_locals, frame.f_globals
    for name in names:
        for d in (f_locals, f_globals):
            if name in d:
                out[name] = d[name]
                break
    return out


def evaluate(ex, local_dict=None, out=None):
    """evaluate(ex, local_dict=None, out=None) -> ndarray

    Evaluates the string expression ``ex`` elementwise in one pass, as numexpr's ``evaluate``:

    - ``ex``: numbers (``2``, ``0.5``, ``1e-3``), names, parentheses, ``+ - * /``, unary ``-``,
      ``**``, comparisons ``< <= > >= == !=`` (a bool result), and calls of every simdmath
      function of one or two inputs (``simdmath.functions``, ``simdmath.binary_functions``
      except ``sincos``) and of ``abs``, ``sqrt``, ``fma(a, b, c)``, ``min(a, b)``,
      ``max(a, b)`` (numpy's ``minimum``/``maximum``), ``where(cond, a, b)``.
    - ``local_dict``: a mapping of the names to values; by default the names are looked up
      in the caller's local then global variables (as numexpr does).
    - ``out``: an existing array of the result's shape and dtype to write the result into
      (it is returned); nothing is written to it when the arguments are wrong (a
      floating-point error under ``np.errstate(...='raise')`` comes after the result is
      written, as numpy's ufuncs raise theirs).

    Inputs are float32 or float64 arrays of any number of dimensions (contiguous or not: a
    strided, transposed or broadcast view is read block by block, never copied whole) and
    Python or numpy scalars; they broadcast as numpy broadcasts them. The result's dtype is
    numpy's promotion of the inputs (NEP 50: a float32 array with a Python float stays
    float32; literals in ``ex`` are Python floats). Other dtypes raise TypeError; shapes that
    do not broadcast raise numpy's ValueError.

    The result is bit for bit what numpy gives evaluating ``ex`` one operation at a time with
    numpy's arithmetic and simdmath's ufuncs (each ``+ - * /`` one IEEE rounding, no FMA
    contraction, no reassociation; ``x**2`` is ``x*x``, ``x**0.5`` ``sqrt(x)``, ``x**-1``
    ``1/x`` as numpy's fast paths, other powers ``simdmath.pow``), except that operations on
    literals alone are computed in the result's dtype and NaN signs and payloads are not
    specified. Evaluation runs block by block on simdmath's pinned pool with the GIL
    released, for any thread count the same bits.

    Floating-point errors are reported as numpy's ``errstate`` says (``np.seterr``): division
    by zero, overflow, underflow and invalid values, each found by any operation of the
    expression, as a ``RuntimeWarning`` ("overflow encountered in evaluate"), a
    ``FloatingPointError``, or the ``call``/``print``/``log`` modes. As numpy's ufuncs, the
    result is written (into ``out`` too) before the error is raised. Operations on literals
    alone raise nothing.

    >>> import numpy as np, simdmath
    >>> x = np.linspace(-3, 3, 7, dtype=np.float32)
    >>> simdmath.evaluate("exp(-0.5*x*x)").dtype
    dtype('float32')
    """
    c = compile(ex)
    if local_dict is None:
        local_dict = _caller_names(sys._getframe(1), c.inputs)
    return c._run(local_dict, out)
