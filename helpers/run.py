"""Run the notebooks headless: each in a fresh kernel with papermill, then its HTML report.

Usage from the shell (what ``make figures`` calls)::

    python -m helpers.run run-notebooks [--jobs N] [--output-dir DIR] [-p NAME VALUE] [NOTEBOOK ...]

The kernels talk to the runner over local Unix sockets (ZeroMQ's IPC transport) in a private
temporary folder where the platform has them, so no kernel listens on a TCP port (and none
prints ipykernel's warning about unencrypted TCP). A kernel is shut down without the interrupt
(SIGINT) jupyter_client sends first, so none prints "KeyboardInterrupt caught in kernel.".
"""

from __future__ import annotations

import argparse
import ast
import os
import re
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from functools import cache
from pathlib import Path

from helpers import paths
from helpers.export import write_bytes_atomic

#: Longest path of a Unix socket on Linux and macOS (sun_path holds 108 and 104 bytes).
_MAX_SOCKET_PATH = 103


def notebook_paths() -> list[Path]:
    """The analysis notebooks in reading order (notebooks/NN-*.ipynb)."""
    return sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


@cache
def quiet_kernel_manager() -> type:
    """jupyter_client's AsyncKernelManager, less the interrupt (SIGINT) it sends a kernel it shuts down.

    papermill asks for kernel_info after the last cell and shuts the kernel down on the reply, while
    the kernel may still be in that request's handler: the interrupt then lands there and the kernel
    logs "[IPKernelApp] ERROR | KeyboardInterrupt caught in kernel." (about once per run). The kernel
    is idle by then, so the shutdown request needs no interrupt; a kernel that does not stop still
    gets SIGTERM and then SIGKILL (``shutdown_wait_time``). Interrupts at other times (a cell
    timeout) are sent as before.
    """
    from jupyter_client import AsyncKernelManager

    class QuietShutdownKernelManager(AsyncKernelManager):
        async def _async_interrupt_kernel(self) -> None:
            if not self.shutting_down:
                await super()._async_interrupt_kernel()

    return QuietShutdownKernelManager


@contextmanager
def kernel_config() -> Iterator:
    """Settings for one kernel the runner starts: IPC transport in a private folder, quiet shutdown.

    The sockets live in a new temporary folder (mode 0700) that is removed after the run, so
    kernels run in parallel never share a socket name. A platform without Unix sockets, or a
    temporary folder so deep that the names would not fit in a socket address, keeps TCP.
    The kernel manager is ``quiet_kernel_manager()``.
    """
    from traitlets.config import Config

    quiet = {"NotebookClient": {"kernel_manager_class": quiet_kernel_manager()}}
    if os.name != "posix":
        yield Config(quiet)
        return
    with tempfile.TemporaryDirectory(prefix="kernel-") as folder:
        ip = os.path.join(folder, "ipc")  # jupyter_client appends -1 ... -5, one per channel
        if len(os.fsencode(ip)) + len("-65535") > _MAX_SOCKET_PATH:
            yield Config(quiet)
        else:
            yield Config({**quiet, "KernelManager": {"transport": "ipc", "ip": ip}})


def run_notebook(nb: Path, build_dir: Path, reports_dir: Path, parameters: dict | None = None) -> Path:
    """Execute ``nb`` in a fresh kernel with papermill, write its HTML report; return the executed copy."""
    import nbformat
    import papermill as pm
    from nbconvert import HTMLExporter

    executed = build_dir / nb.name
    build_dir.mkdir(parents=True, exist_ok=True)
    with kernel_config() as config:
        pm.execute_notebook(
            str(nb),
            str(executed),
            parameters=parameters or {},
            kernel_name="python3",
            cwd=str(nb.parent),
            progress_bar=False,
            config=config,
        )
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


def run_notebooks(
    notebooks: list[Path], jobs: int, base: Path | None = None, parameters: dict | None = None
) -> dict[str, float]:
    """Run notebooks in parallel (``jobs`` kernels at a time) with a progress bar; return seconds each.

    Each notebook runs in its own worker process, because papermill changes the
    process's working directory while it executes a notebook.
    """
    from tqdm import tqdm

    base = Path(base).resolve() if base else paths.ROOT
    params = {**({} if base == paths.ROOT else {"OUTPUT_DIR": str(base)}), **(parameters or {})}
    timings: dict[str, float] = {}
    with (
        ProcessPoolExecutor(max_workers=max(1, jobs)) as pool,
        tqdm(total=len(notebooks), unit="notebook") as bar,
    ):
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
        with kernel_config() as config:
            pm.execute_notebook(
                str(src),
                str(Path(tmp) / "out.ipynb"),
                kernel_name="python3",
                progress_bar=False,
                config=config,
            )
        return time.perf_counter() - t0


def _parameter_value(value: str):
    """A command-line parameter as a Python literal where it is one (3, 0.5, None, True), else the string."""
    try:
        return ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.run")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser(
        "run-notebooks", help="execute notebooks headless and export figures, tables and reports"
    )
    run.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to run (default: all, notebooks/NN-*.ipynb)"
    )
    run.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="kernels to run at once")
    run.add_argument(
        "--output-dir",
        type=Path,
        default=None,
        help="write figures/, tables/, build/ and reports/ here instead of the project root",
    )
    run.add_argument(
        "-p",
        "--parameter",
        nargs=2,
        action="append",
        default=[],
        metavar=("NAME", "VALUE"),
        help="set a notebook parameter (e.g. -p CORPUS_DIR /path/to/corpus); repeatable",
    )
    run.add_argument(
        "--time-empty",
        action="store_true",
        help="first time one empty notebook (kernel start-up cost), for comparison",
    )
    args = parser.parse_args(argv)
    notebooks = args.notebooks or notebook_paths()
    if args.time_empty:
        print(f"empty notebook: {time_empty_notebook():.1f} s")
    t0 = time.perf_counter()
    parameters = {name: _parameter_value(value) for name, value in args.parameter}
    try:
        timings = run_notebooks(notebooks, args.jobs, args.output_dir, parameters)
    except Exception as err:  # papermill names the failing cell; keep the message short here
        print(f"notebook run failed: {err}", file=sys.stderr)
        return 1
    for name, secs in sorted(timings.items()):
        print(f"{name:40s} {secs:6.1f} s")
    print(f"{len(timings)} notebooks in {time.perf_counter() - t0:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
