"""Dask: the ufuncs stay lazy on dask arrays, and run for real on a 2-process LocalCluster."""
import os

import numpy as np
import pytest

import simdmath

da = pytest.importorskip("dask.array")
distributed = pytest.importorskip("distributed")

CHUNK = 250_000
NCHUNKS = 16


def generated(seed):
    """A chunked array whose blocks are generated where they are computed (on the workers):
    block i is simdmath.random(CHUNK, seed=seed + i)."""

    def block(block_info=None):
        (i,) = block_info[None]["chunk-location"]
        return simdmath.random(CHUNK, seed=seed + i)

    return da.map_blocks(block, chunks=((CHUNK,) * NCHUNKS,), dtype=np.float64, meta=np.empty(0))


def local_reference(seed):
    return np.concatenate([simdmath.random(CHUNK, seed=seed + i) for i in range(NCHUNKS)])


def test_lazy_on_dask_arrays():
    x = generated(1)
    y = simdmath.exp(x)  # numpy's __array_ufunc__ protocol: dask builds a graph, runs nothing
    assert isinstance(y, da.Array) and y.dtype == np.float64 and y.chunks == x.chunks
    z = simdmath.log(simdmath.sin(x) + 2)
    assert isinstance(z, da.Array)
    ref = local_reference(1)
    np.testing.assert_array_equal(y.compute(scheduler="synchronous"), simdmath.exp(ref))
    np.testing.assert_array_equal(z.compute(scheduler="threads"), simdmath.log(simdmath.sin(ref) + 2))
    np.testing.assert_array_equal(x.map_blocks(simdmath.cos).compute(scheduler="synchronous"), simdmath.cos(ref))
    # float32 blocks keep their type.
    assert simdmath.exp(x.astype(np.float32)).dtype == np.float32


def test_local_cluster_two_worker_processes():
    from distributed import Client, LocalCluster, get_task_stream

    before = simdmath.get_num_threads()
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=40) as cluster, Client(cluster) as client:
        client.wait_for_workers(2, timeout=60)
        pids = client.run(os.getpid)
        assert len(set(pids.values())) == 2 and os.getpid() not in pids.values()
        # Dask's nanny sets OMP_NUM_THREADS=1 in each worker: one thread each, no pools pinned
        # on top of each other.
        assert set(client.run(simdmath.get_num_threads).values()) == {1}
        # The ufunc itself travels by reference.
        assert client.submit(lambda f: f(0.0), simdmath.exp).result() == 1.0

        x = generated(100)
        total = simdmath.exp(x).sum()
        with get_task_stream(client) as ts:
            got = total.compute()
        workers = {t["worker"] for t in ts.data}
        assert len(workers) == 2, workers

        # The same graph on one process, and the plain numpy result of the same values.
        assert got == total.compute(scheduler="synchronous")
        ref = simdmath.exp(local_reference(100))
        assert got == pytest.approx(float(ref.sum()), rel=1e-13)
        # Order-independent reductions are exactly equal to the single-process result.
        assert simdmath.exp(x).max().compute() == ref.max()
        assert int((simdmath.exp(x) > 2.0).sum().compute()) == int((ref > 2.0).sum())
        # map_blocks with a ufunc, in place per block.
        y = x.map_blocks(lambda b: simdmath.log(b + 1, out=b + 0), dtype=np.float64)
        np.testing.assert_array_equal(y.compute(), simdmath.log(local_reference(100) + 1))
    # The cluster set OMP_NUM_THREADS=1 in this process's os.environ for its workers; the
    # client's own pool keeps the size it had at import.
    assert simdmath.get_num_threads() == before
