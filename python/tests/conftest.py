import numpy as np
import pytest

import simdmath

FUNCS = [getattr(simdmath, name) for name in simdmath.functions]
REGISTRY = {r["name"]: r for r in simdmath._simdmath._registry()}
DTYPES = [np.float32, np.float64]
# Functions numpy has under the same name (numpy has no exp10, sinpi, cospi).
NUMPY = {f.__name__: getattr(np, f.__name__) for f in FUNCS if isinstance(getattr(np, f.__name__, None), np.ufunc)}
WITH_NUMPY = [f for f in FUNCS if f.__name__ in NUMPY]
# numpy's libm raises underflow for these (the original four); for others (tan, sinh, ... of
# subnormal inputs) it returns x without the flag, while simdmath flags every tiny result.
UNDERFLOW_AS_NUMPY = {"exp", "log", "sin", "cos"}


@pytest.fixture
def small_pool_threshold():
    """Send every contiguous span of 1024 or more elements to the pool (the default threshold
    is larger), so small arrays exercise the pool path; restored afterwards."""
    old = simdmath.pool_info()["pool_threshold"]
    simdmath._simdmath._set_pool_threshold(1024)
    yield 1024
    simdmath._simdmath._set_pool_threshold(old)


@pytest.fixture
def threads():
    """Restore the thread count a test changes."""
    old = simdmath.get_num_threads()
    yield
    simdmath.set_num_threads(old)
