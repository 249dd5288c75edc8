"""Write tables and figure files atomically and deterministically, never into ``corpus/``.

Notebooks call ``save_table``; ``plotting.save_figure`` writes through ``write_bytes_atomic``.
Running the notebooks headless is ``helpers.run``.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import pandas as pd

from helpers import paths


def write_temp_beside(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to a new hidden temporary file in ``path``'s folder and return its path.

    The file is created with mode 0o666, so the umask in force at that moment decides its
    permissions, as for any ordinary new file (``mkstemp`` would make it owner-only).
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"no free temporary name next to {path}")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_bytes_atomic(path: str | Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` through a temporary file and a rename, so readers never see half a file."""
    path = Path(path)
    _refuse_corpus(path)
    tmp = write_temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def _refuse_corpus(path: Path) -> None:
    if paths.CORPUS.resolve() in path.resolve().parents:
        raise PermissionError(
            f"refusing to write {path}: corpus/ is read-only input. Write outputs to tables/ or figures/."
        )


def output_dir(kind: str, base: str | Path | None = None) -> Path:
    """The folder for outputs of ``kind`` ('figures' or 'tables') under ``base`` (default: project root)."""
    return Path(base) / kind if base is not None else paths.ROOT / kind


def save_table(df: pd.DataFrame, name: str, base: str | Path | None = None) -> Path:
    """Save ``df`` as ``tables/<name>.csv`` (UTF-8, no index, \\n line ends), atomically."""
    csv = df.to_csv(index=False, lineterminator="\n")
    return write_bytes_atomic(output_dir("tables", base) / f"{name}.csv", csv.encode("utf-8"))
