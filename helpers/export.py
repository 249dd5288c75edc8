"""Write tables and figure files atomically and deterministically; run the notebooks headless.

Usage from the shell (what ``make figures`` calls)::

    python -m helpers.export run-notebooks [--jobs N] [--output-dir DIR] [NOTEBOOK ...]
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

import pandas as pd

from helpers import paths


_UMASK = os.umask(0)
os.umask(_UMASK)


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename, so readers never see half a file."""
    path = Path(path)
    _refuse_corpus(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)  # mkstemp makes the file owner-only; outputs are for every reader
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


def _refuse_corpus(path: Path) -> None:
    if paths.CORPUS.resolve() in path.resolve().parents:
        raise PermissionError(f"refusing to write {path}: corpus/ is read-only input. Write outputs to tables/ or figures/.")


def output_dir(kind: str, base: str | Path | None = None) -> Path:
    """The folder for outputs of ``kind`` ('figures' or 'tables') under ``base`` (default: the project root)."""
    return Path(base) / kind if base is not None else paths.ROOT / kind


def save_table(df: pd.DataFrame, name: str, base: str | Path | None = None) -> Path:
    """Save ``df`` as ``tables/<name>.csv`` (UTF-8, no index, \\n line ends), atomically."""
    csv = df.to_csv(index=False, lineterminator="\n")
    return write_bytes_atomic(output_dir("tables", base) / f"{name}.csv", csv.encode("utf-8"))


# --------------------------------------------------------------------------
# Running notebooks
# --------------------------------------------------------------------------
def notebook_paths() -> list[Path]:
    """The analysis notebooks in reading order (notebooks/NN-*.ipynb)."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def run_notebook(nb: Path, build_dir: Path, reports_dir: Path, parameters: dict | None = None) -> Path:
    """Execute ``nb`` in a fresh kernel with papermill, then write its HTML report; return the executed copy."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    executed = build_dir / nb.name
    build_dir.mkdir(parents=True, exist_ok=True)
    pm.execute_notebook(str(nb), str(executed), parameters=parameters or {}, kernel_name="python3",
                        cwd=str(nb.parent), progress_bar=False)
    html, _ = HTMLExporter().from_notebook_node(nbformat.read(executed, as_version=4))
    # Each paragraph, heading, list item and table cell takes its direction from its own first
    # letter, so an Arabic title or heading reads right to left inside an English page.
    html = re.sub(r"<(p|h[1-6]|li|td|th)(?=[\s>])", r'<\1 dir="auto"', html)
    write_bytes_atomic(reports_dir / f"{nb.stem}.html", html.encode("utf-8"))
    return executed


def _run_timed(nb: Path, base: Path, params: dict) -> tuple[str, float]:
    t0 = time.perf_counter()
    run_notebook(nb, base / "build" / "notebooks", base / "reports", params)
    return nb.name, time.perf_counter() - t0


def run_notebooks(notebooks: list[Path], jobs: int, base: Path | None = None,
                  parameters: dict | None = None) -> dict[str, float]:
    """Run notebooks in parallel (``jobs`` kernels at a time) with a progress bar; return seconds per notebook.

    Each notebook runs in its own worker process, because papermill changes the
    process's working directory while it executes a notebook.
    """
    from tqdm import tqdm

    base = Path(base).resolve() if base else paths.ROOT
    params = {**({} if base == paths.ROOT else {"OUTPUT_DIR": str(base)}), **(parameters or {})}
    timings: dict[str, float] = {}
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool, tqdm(total=len(notebooks), unit="notebook") as bar:
        futures = [pool.submit(_run_timed, Path(nb).resolve(), base, params) for nb in notebooks]
        for fut in as_completed(futures):
            name, secs = fut.result()
            timings[name] = secs
            bar.set_postfix_str(f"{name} {secs:.1f}s")
            bar.update()
    return timings


def time_empty_notebook() -> float:
    """Seconds papermill takes to execute a notebook with one empty cell (the fixed cost of a kernel)."""
    import nbformat
    import papermill as pm

    with tempfile.TemporaryDirectory() as tmp:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("")])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        src = Path(tmp) / "empty.ipynb"
        nbformat.write(nb, src)
        t0 = time.perf_counter()
        pm.execute_notebook(str(src), str(Path(tmp) / "out.ipynb"), kernel_name="python3", progress_bar=False)
        return time.perf_counter() - t0


def _parameter_value(value: str):
    """A command-line parameter as a Python literal where it is one (3, 0.5, None, True), else the string."""
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.export")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run-notebooks", help="execute notebooks headless and export figures, tables and reports")
    run.add_argument("notebooks", nargs="*", type=Path, help="notebooks to run (default: all, notebooks/NN-*.ipynb)")
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kernels to run at once")
    run.add_argument("--output-dir", type=Path, default=None,
                     help="write figures/, tables/, build/ and reports/ here instead of the project root")
    run.add_argument("-p", "--parameter", nargs=2, action="append", default=[], metavar=("NAME", "VALUE"),
                     help="set a notebook parameter (e.g. -p CORPUS_DIR /path/to/corpus); repeatable")
    run.add_argument("--time-empty", action="store_true",
                     help="first time one empty notebook (kernel start-up cost), for comparison")
    args = parser.parse_args(argv)
    notebooks = args.notebooks or notebook_paths()
    if args.time_empty:
        print(f"empty notebook: {time_empty_notebook():.1f} s")
    t0 = time.perf_counter()
    try:
        timings = run_notebooks(notebooks, args.jobs, args.output_dir,
                                {name: _parameter_value(value) for name, value in args.parameter})
    except Exception as err:  # papermill names the failing cell; keep the message short here
        print(f"notebook run failed: {err}", file=sys.stderr)
        return 1
    for name, secs in sorted(timings.items()):
        print(f"{name:40s} {secs:6.1f} s")
    print(f"{len(timings)} notebooks in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
