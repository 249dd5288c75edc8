"""Files of the corpus imported into: paths checked to lie inside it, writes that never leave half a file."""

from __future__ import annotations

import os
from pathlib import Path

from helpers import export
from helpers.corpus import CorpusError, is_inside


def corpus_file(root: Path, rel: str) -> Path:
    """``root / rel``; CorpusError if it resolves outside the corpus folder."""
    path = root / rel
    if not is_inside(root, path):
        raise CorpusError(f"{path} lies outside the corpus folder {root}")
    return path


def write_new_file(path: Path, data: bytes) -> None:
    """Create ``path`` with ``data`` through a temporary file; FileExistsError if it exists (no overwrite).

    The temporary file is hard-linked to its name, which fails when the name is taken, so a file
    that appears meanwhile is not replaced either; where hard links are unsupported, os.replace.
    """
    tmp = export.write_temp_beside(path, data)
    try:
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(path) from None
            os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def write_replacing(path: Path, data: bytes) -> None:
    """Write ``path`` through a temporary file and os.replace, so readers never see half a file."""
    tmp = export.write_temp_beside(path, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
