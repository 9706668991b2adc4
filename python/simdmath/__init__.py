"""simdmath: numpy ufuncs on SIMD lanes and a pinned thread pool.

Every function of the Rust crate's registry is a real ``numpy.ufunc`` (``simdmath.exp``,
``simdmath.log``, ...; the list is ``simdmath.functions``) with ``float32`` and ``float64``
loops, so numpy's ``out=``, ``where=``, ``dtype=``, ``casting=``, broadcasting and
``__array_ufunc__`` (Dask arrays stay lazy) work as for ``numpy.exp``. Large contiguous spans
run on a thread pool pinned to the cores of the process's affinity mask, with the GIL
released; results are bit-identical for any thread count.

- ``simdmath.cr``: the correctly rounded float32 tier as a second set of ufuncs
  (``simdmath.cr.exp``, ...).
- ``evaluate(ex, local_dict=None, out=None)`` / ``compile(ex)``: a whole expression
  (``"exp(-0.5*x*x)"``) in one pass, block by block on the pool, bit for bit numpy's
  operation-at-a-time result.
- ``random(n, seed=0, dtype="float64")``: the parallel, seeded uniform fill in [0, 1).
- ``set_num_threads(n)`` / ``get_num_threads()`` / ``pool_info()``: the pool (``n`` an int,
  ``"physical"`` or ``"logical"``; default ``SIMDMATH_NUM_THREADS``, else
  ``OMP_NUM_THREADS``, else the physical cores of the affinity mask).
"""
from . import _simdmath, cr
from ._simdmath import get_num_threads, pool_info, random, set_num_threads
from ._expr import CompiledExpression, compile, evaluate  # noqa: A004

#: The registry's one-input functions, in registry order; each is ``simdmath.<name>``, a
#: numpy.ufunc.
functions = tuple(_simdmath.functions)
#: The two-input ones (``pow``, ``atan2(y, x)``, ``hypot``): ufuncs with two inputs.
binary_functions = tuple(_simdmath.binary_functions)
#: The one-input, two-output ones (``sincos``): ufuncs with two outputs.
pair_functions = tuple(_simdmath.pair_functions)
globals().update(
    {name: getattr(_simdmath, name) for name in functions + binary_functions + pair_functions}
)

__version__ = _simdmath.__version__
__all__ = [*functions, *binary_functions, *pair_functions, "functions", "binary_functions",
           "pair_functions", "cr", "random", "set_num_threads", "get_num_threads", "pool_info",
           "evaluate", "compile", "CompiledExpression"]
