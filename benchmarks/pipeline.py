"""Speed and memory of the whole pipeline (``helpers.pipeline``) on a synthetic 100 MB bilingual corpus.

Run: ``python -m benchmarks.pipeline`` (``make bench`` runs it after the term benchmark). Options:
``--mb`` (corpus size), ``--corpus`` (folder; generated when missing), ``--workers`` (Dask workers).

1. Generates (once, seeded) a LABELLED SYNTHETIC corpus folder with ``benchmarks.news_corpus``:
   bilingual articles built from news sentence patterns with actors, reporting verbs, frame cues
   and negation in both scripts, so every stage does real work.
2. Runs ``pipeline.run`` + ``pipeline.tables`` on it, each run in a fresh subprocess, in the order
   embedded cold, embedded warm, Dask, Dask, embedded cold (the engines alternate, so that a drift
   of the machine's speed during the benchmark weighs on both alike; the speed-up is the ratio of
   the two pairs' summed times):
   - embedded, cold: pinned to one core, into an empty cache folder. Per stage it reports the
     corpus megabytes (article files, UTF-8) per CPU second spent in that stage (the faster of the
     two runs);
   - embedded, warm: the same cache folder again, nothing changed (nothing may be computed);
   - Dask: ``pipeline.run(engine="dask")``, as ``ENGINE="dask"`` runs it: the ``LocalCluster`` it
     starts, with ``--workers`` worker processes of one thread, into another empty cache folder, timed
     from the call (the cluster's start included) to the merged tables; the peak memory per worker
     is the largest ``ru_maxrss`` among the ended worker processes (``RUSAGE_CHILDREN``).
   Every run's tables must be identical (a hash of every table).
3. Prints each figure as a ratio to its target and exits 1 while a target is missed.

Wall-clock time is used for the runs (the Dask speed-up is about wall time); the per-stage
throughputs are CPU seconds of the one-core embedded run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

from helpers import paths

TARGETS = {"framing": 2.0, "actors": 2.0, "stance": 1.0, "dask_speedup": 1.7, "worker_mb": 1024, "warm": 0.1}
BENCH = paths.BUILD / "bench"


def _digest(tables: dict[str, pd.DataFrame]) -> dict[str, str]:
    """A hash per table (values, index and column names), to compare the runs' tables across processes."""
    out = {}
    for name, table in tables.items():
        values = pd.util.hash_pandas_object(table.astype(str), index=True).to_numpy()
        out[name] = f"{len(table)}:{'|'.join(map(str, table.columns))}:{int(values.sum()) & (2**64 - 1):x}"
    return out


def _run(corpus: Path, cache: Path, engine: str, start: float, workers: int | None = None) -> dict:
    """Run the pipeline; ``wall``: seconds from ``start`` to the merged tables (their hashes come after)."""
    from helpers import pipeline

    results = pipeline.run(corpus, cache=cache, engine=engine, workers=workers)
    tables = pipeline.tables(results, results.run_order())
    wall = time.perf_counter() - start
    return {
        "wall": wall,
        "computed": dict(results.total("computed")),
        "read": dict(results.total("read")),
        "seconds": dict(results.total("seconds")),
        "digest": _digest(tables),
        "rows": {name: len(t) for name, t in tables.items()},
    }


def child(mode: str, corpus: Path, cache: Path, workers: int) -> dict:
    """One timed run in this (fresh) process."""
    if mode == "dask":
        import helpers.pipeline  # noqa: F401  (imported before the clock starts, as in a notebook)

        out = _run(corpus, cache, "dask", time.perf_counter(), workers)
        # the worker processes are this process's children, ended and waited for when the cluster closed:
        # the largest peak resident memory among them (the resource tracker, the only other child, is small)
        out["worker_mb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        return out
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # the embedded engine on one core
    out = _run(corpus, cache, "embedded", time.perf_counter())
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def _subprocess(mode: str, corpus: Path, cache: Path, workers: int) -> dict:
    cmd = [sys.executable, "-m", "benchmarks.pipeline", "--child", mode, "--corpus", str(corpus)]
    cmd += ["--cache", str(cache), "--workers", str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=paths.ROOT)
    if done.returncode:
        sys.stderr.write(done.stderr)
        raise SystemExit(f"the {mode} run failed (exit {done.returncode})")
    return json.loads(done.stdout.strip().splitlines()[-1])


def corpus_megabytes(corpus: Path) -> float:
    return sum(f.stat().st_size for f in (corpus / "articles").glob("*.txt")) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=100, help="size of the generated corpus (default 100)")
    parser.add_argument("--corpus", type=Path, help="corpus folder (default build/bench/news_<mb>mb)")
    parser.add_argument("--workers", type=int, default=2, help="Dask LocalCluster workers (default 2)")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--cache", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    corpus = args.corpus or BENCH / f"news_{args.mb:g}mb"
    if args.child:
        print(json.dumps(child(args.child, corpus, args.cache, args.workers)))
        return 0

    from benchmarks import news_corpus

    print(f"==> corpus: {corpus} (synthetic; generated when missing)", flush=True)
    news_corpus.generate(corpus, args.mb)
    mb = corpus_megabytes(corpus)
    caches = BENCH / "pipeline_cache"
    shutil.rmtree(caches, ignore_errors=True)
    cold, dask = [], []

    def run(mode: str, cache: str, label: str) -> dict:
        print(f"==> {label}", flush=True)
        out = _subprocess(mode, corpus, caches / cache, args.workers)
        print(f"    {out['wall']:.1f} s; computed {out['computed'] or 'nothing'}", flush=True)
        return out

    print(f"==> {mb:.1f} MB of article text", flush=True)
    # embedded and Dask runs alternate (E D D E), so that a drift of the machine's speed during the
    # benchmark weighs on both sides alike
    cold.append(run("embedded", "embedded", "embedded run on one core, cold cache"))
    warm = run("embedded", "embedded", "embedded run again, warm cache")
    dask.append(run("dask", "dask1", f"Dask LocalCluster, {args.workers} workers, cold cache"))
    dask.append(run("dask", "dask2", f"Dask LocalCluster, {args.workers} workers, cold cache, again"))
    cold.append(run("embedded", "embedded2", "embedded run on one core, cold cache, again"))
    shutil.rmtree(caches, ignore_errors=True)

    same = all(r["digest"] == warm["digest"] for r in cold + dask)
    # per stage, the faster of the two embedded runs; the Dask speed-up from the sums of both pairs
    seconds = {s: min(r["seconds"][s] for r in cold) for s in cold[0]["seconds"]}
    cold_wall, dask_wall = sum(r["wall"] for r in cold), sum(r["wall"] for r in dask)
    worker_mb = max(r["worker_mb"] for r in dask)
    sec, t = seconds, TARGETS
    rows = [
        *(
            (
                f"{stage} MB/s on one core ({sec[stage]:.1f} CPU s) / {t[stage]:g}",
                mb / sec[stage] / t[stage],
                ">=",
            )
            for stage in ("framing", "actors", "stance")
        ),
        (
            f"Dask {args.workers} workers vs embedded, wall of 2 runs each ({cold_wall:.0f} s / "
            f"{dask_wall:.0f} s) / {t['dask_speedup']:g}",
            cold_wall / dask_wall / t["dask_speedup"],
            ">=",
        ),
        (
            f"peak memory per Dask worker ({worker_mb:.0f} MB) / {t['worker_mb']} MB",
            worker_mb / t["worker_mb"],
            "<=",
        ),
        (
            f"warm rerun / cold run, wall ({warm['wall']:.1f} s / {cold[0]['wall']:.0f} s) / {t['warm']:g}",
            warm["wall"] / cold[0]["wall"] / t["warm"],
            "<=",
        ),
    ]
    print(f"\npipeline on {mb:.1f} MB (synthetic), ratios to targets")
    ok = same and not warm["computed"]
    for label, ratio, want in rows:
        met = ratio >= 1 if want == ">=" else ratio <= 1
        ok &= met
        print(f"{label:<78} {ratio:5.2f}  {want} 1  {'yes' if met else 'NO'}")
    others = ", ".join(f"{s} {v:.1f}" for s, v in sec.items() if s not in t)
    print(f"other stages, CPU s: {others}")
    print(f"{'tables identical: embedded cold (2), warm and Dask (2)':<78} {'yes' if same else 'NO'}")
    print(f"{'warm rerun computed nothing':<78} {'yes' if not warm['computed'] else warm['computed']}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
