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
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import ExitStack, contextmanager

ENGINES = ("embedded", "dask")
#: Dask settings for the LocalCluster started here. Dask starts its workers with
#: MALLOC_TRIM_THRESHOLD_=65536 (glibc hands freed memory back to the system at once), which made the
#: stages, which allocate many small objects, about 20% slower per worker than in one plain process;
#: 128 MiB keeps that memory in the worker for reuse. The statistical profiler, which samples the task
#: thread every 10 ms, is off. The monitors that feed Dask's dashboard (none is started here) run less
#: often: the system monitor (psutil, with disk counters) every 5 s instead of 0.5 s and without disk
#: counters, the event-loop tick every second instead of every 20 ms, and each worker's memory check
#: (which the nannies, in this process, also run) every second instead of every 0.1 s. On the benchmark
#: corpus they took about a quarter of this process's CPU time, beside the workers.
#: (On a cluster of your own, set these in its Dask configuration.)
LOCAL_CLUSTER_CONFIG = {
    "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": 128 * 1024 * 1024,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.admin.system-monitor.disk": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def check_engine(engine: str) -> str:
    """``engine`` if it names an engine or a scheduler address; else a ValueError saying what to give."""
    if engine in ENGINES or "://" in str(engine):
        return engine
    raise ValueError(
        f"unknown engine {engine!r}: give 'embedded' (in this process), 'dask' (a local Dask "
        "cluster started for the run) or a Dask scheduler address such as 'tcp://host:8786'"
    )


@contextmanager
def session(engine: str = "embedded", workers: int | None = None, prepare: Callable | None = None):
    """An engine ready to run batches: yields ``execute(task, batches)``, which runs ``task(batch)`` for every
    batch and yields the results as they finish.

    For Dask, the cluster is started (or the scheduler reached) in a background thread, and ``prepare()``
    run once on each of its workers (loading what every task reads), while the caller gets its batches
    ready: the cluster's start overlaps the reading of the corpus metadata. Closed on exit.
    """
    if check_engine(engine) == "embedded":
        yield lambda task, batches: map(task, batches)
        return
    with ExitStack() as stack, ThreadPoolExecutor(1) as pool:
        started = pool.submit(_connect, stack, engine, workers, prepare)
        try:
            yield lambda task, batches: _stream(started.result(), task, batches)
        finally:
            wait([started])  # the stack closes what the start opened, once it is done


def _connect(stack: ExitStack, engine: str, workers: int | None, prepare: Callable | None):
    """A client of a LocalCluster started for ``"dask"``, or of the scheduler at the address ``engine``; both
    closed by ``stack`` (from the thread that exits it: a client is not used as a context manager here)."""
    from distributed import Client

    target = stack.enter_context(local_cluster(workers)) if engine == "dask" else engine
    client = Client(target, set_as_default=False)
    stack.callback(client.close)
    if prepare is not None:
        client.run(prepare)
    return client


def _stream(client, task: Callable, batches: Iterable) -> Iterator:
    """Streams ``batches`` to the cluster, at most two per worker at a time."""
    from distributed import as_completed

    window = 2 * max(1, len(client.scheduler_info()["workers"]))
    pending = iter(batches)
    futures = as_completed(loop=client.loop)
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
