"""Where the batches run: in this process (``"embedded"``, the default) or on Dask distributed.

``ENGINE`` values:

- ``"embedded"``: one batch after another in this process; no service to start.
- ``"dask"``: a ``distributed.LocalCluster`` started here (``workers`` worker processes, one thread
  each; default: one per core), closed when the run ends.
- a scheduler address (``"tcp://host:8786"``): an existing Dask cluster. Its workers need this
  project installed (``pip install -e .`` of the same commit, which brings dask and distributed)
  and, for folder input, the corpus folder at the same path (a shared file system); a cache
  folder, if any, is written by the workers on their own file system.

Batches are streamed: at most two per worker are submitted at a time, the next one as each
result comes back, so no worker holds the corpus and the scheduler never holds all of it.
Results come back in the order they finish; ``helpers.pipeline.tables`` puts them in corpus order.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

ENGINES = ("embedded", "dask")
#: Dask settings for the LocalCluster started here. Dask starts its workers with
#: MALLOC_TRIM_THRESHOLD_=65536 (glibc hands freed memory back to the system at once), which made the
#: stages, which allocate many small objects, about 20% slower per worker than in one plain process;
#: 128 MiB keeps that memory in the worker for reuse. The statistical profiler, which samples the task
#: thread every 10 ms, is off. (On a cluster of your own, set these in its Dask configuration.)
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 1024 * 1024,
    "distributed.worker.profile.enabled": False,
}


def check_engine(engine: str) -> str:
    """``engine`` if it names an engine or a scheduler address; else a ValueError saying what to give."""
    if engine in ENGINES or "://" in str(engine):
        return engine
    raise ValueError(
        f"unknown engine {engine!r}: give 'embedded' (in this process), 'dask' (a local Dask "
        "cluster started for the run) or a Dask scheduler address such as 'tcp://host:8786'"
    )


def execute(
    task: Callable, batches: Iterable, engine: str = "embedded", workers: int | None = None
) -> Iterator:
    """``task(batch)`` for every batch, on the engine; yields the results as they finish."""
    if check_engine(engine) == "embedded":
        for batch in batches:
            yield task(batch)
        return
    from distributed import as_completed

    with dask_client(engine, workers) as client:
        window = 2 * max(1, len(client.scheduler_info()["workers"]))
        pending = iter(batches)
        futures = as_completed()
        for _, batch in zip(range(window), pending, strict=False):
            futures.add(client.submit(task, batch, pure=False))
        for future in futures:
            result = future.result()
            future.release()
            nxt = next(pending, None)
            if nxt is not None:
                futures.add(client.submit(task, nxt, pure=False))
            yield result


@contextmanager
def local_cluster(workers: int | None = None):
    """A Dask ``LocalCluster`` of ``workers`` processes (default one per core) of one thread each, with
    ``LOCAL_CLUSTER_CONFIG``; closed on exit."""
    import dask
    from distributed import LocalCluster

    n = workers or os.cpu_count() or 1
    with (
        dask.config.set(LOCAL_CLUSTER_CONFIG),
        LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
    ):
        yield cluster


@contextmanager
def dask_client(engine: str, workers: int | None = None):
    """A Dask client: of a LocalCluster started for ``"dask"`` (closed afterwards), or of the scheduler at
    the address ``engine``."""
    from distributed import Client

    if engine != "dask":
        with Client(engine) as client:
            yield client
        return
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client
