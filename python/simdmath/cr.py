"""simdmath.cr: the correctly rounded tier as numpy ufuncs.

``simdmath.cr.exp``, ``simdmath.cr.log``, ... (the list is ``simdmath.cr.functions``) are real
``numpy.ufunc`` objects with a ``float32`` loop that returns, for every input, the float32
nearest the exact value (0 ulp: the same bits as core-math), through the crate's
``Accuracy::CorrectlyRounded`` kernels. They take the same keywords as the faithful ufuncs
(``out=``, ``where=``, ``dtype=``, ...), run large spans on the same pinned pool, report
floating-point errors under ``numpy.errstate`` and pickle by reference.

The tier has no float64 kernel: a float64 input raises TypeError naming the faithful ufunc
(``simdmath.exp``, within 1 ulp). Functions without the tier (``pow``, ``atan2``, ``hypot``)
are not here; asking for one raises an error that is both an AttributeError and a TypeError,
naming the faithful ufunc.
"""
from . import _simdmath

#: The functions with a correctly rounded ufunc here, in registry order.
functions = tuple(_simdmath.cr_ufuncs)
globals().update(_simdmath.cr_ufuncs)


class NoTierError(AttributeError, TypeError):
    """A function without a correctly rounded tier was asked of ``simdmath.cr``."""


def __getattr__(name):
    faithful = (_simdmath.functions + _simdmath.binary_functions + _simdmath.pair_functions)
    if name in faithful:
        raise NoTierError(
            f"simdmath.cr has no {name}: the correctly rounded tier covers the one-input "
            f"float32 functions ({', '.join(functions)}); use simdmath.{name} (faithful, "
            f"within 1 ulp)")
    raise AttributeError(f"module 'simdmath.cr' has no attribute {name!r}")


__all__ = [*functions, "functions", "NoTierError"]
