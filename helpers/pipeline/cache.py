"""The result cache: one file per (stage, batch of documents), keyed on the documents and the versions
of what made the result.

A key is the sha256 of the stage name, the batch's doc_ids and content hashes (of each article
file's bytes, or for a loaded corpus ``document_hash``: its segments, text included) and the
versions of what the stage reads (``helpers.pipeline.stages``:
content hashes of the resource files, of the ``helpers`` source and the pandas version). A changed
input gives a new key, so an entry is never stale; old entries are simply no longer read. The
folder (``build/cache/`` by default) is safe to delete at any time.

Format: pickle (protocol 5), behind a magic line and the sha256 of the pickled bytes. Pickle, not
parquet, because a stage's result is a tuple of DataFrames or a ``TermCounts`` (dicts of Counters),
and pickle gives back exactly the dtypes and index that were stored (parquet would not for empty or
all-missing object columns), so a cached table ``equals`` a fresh one. A file whose magic or checksum
does not match, or that fails to unpickle, is recomputed and rewritten, never trusted. Writes go to a
temporary file in the same folder, then ``os.replace``: a reader sees the old entry or the new one,
never half of one. Only files this code wrote belong in the folder (pickle runs code when read).
"""

from __future__ import annotations

import hashlib
import json
import pickle
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import export, paths

CACHE_DIR = paths.BUILD / "cache"
MAGIC = b"helpers.pipeline cache 1\n"
_DIGEST = 32  # bytes of a sha256 digest


def document_hash(segments: pd.DataFrame) -> str:
    """sha256 of one document's segment rows (ids, kinds, offsets and text): its text and how it was cut."""
    rows = segments.astype(str).to_numpy().tolist()
    data = json.dumps([list(segments.columns), rows], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def entry_key(stage: str, documents: object, versions: dict, extra: object = None) -> str:
    """The cache key of one stage's result for a batch of ``documents`` (their ids and content hashes)."""
    data = json.dumps([stage, documents, versions, extra], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


class NoCache:
    """Computes every result; counts the documents computed (``computed``) like ``ResultCache`` does."""

    def __init__(self) -> None:
        self.computed: Counter = Counter()
        self.read: Counter = Counter()
        self.corrupt: Counter = Counter()

    def get(self, stage: str, key: str, compute: Callable[[], Any], n: int = 1) -> Any:
        """``compute()``; ``n``: the documents the result covers (what the counters count)."""
        self.computed[stage] += n
        return compute()


class ResultCache(NoCache):
    """Results on disk under ``folder`` (default ``build/cache/``), one pickle file per key.

    ``computed``, ``read`` and ``corrupt`` count, per stage, the documents whose results were
    computed, read from the cache, or found damaged in it (and recomputed).
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        super().__init__()
        self.folder = Path(folder) if folder is not None else CACHE_DIR

    def path(self, stage: str, key: str) -> Path:
        return self.folder / stage / key[:2] / f"{key}.pkl"

    def get(self, stage: str, key: str, compute: Callable[[], Any], n: int = 1) -> Any:
        path = self.path(stage, key)
        if path.is_file():
            ok, value = _load(path)
            if ok:
                self.read[stage] += n
                return value
            self.corrupt[stage] += n
        value = compute()
        self.computed[stage] += n
        _store(path, value)
        return value


def _load(path: Path) -> tuple[bool, Any]:
    """(True, value) for an intact entry; (False, None) for a damaged or unreadable one."""
    try:
        data = path.read_bytes()
        payload = data[len(MAGIC) + _DIGEST :]
        if not data.startswith(MAGIC) or data[len(MAGIC) : len(MAGIC) + _DIGEST] != _sha(payload):
            return False, None
        return True, pickle.loads(payload)
    except Exception:  # noqa: BLE001  (any failure to read means: recompute)
        return False, None


def _store(path: Path, value: Any) -> None:
    """Write an entry atomically (``export.write_bytes_atomic``: a temporary file, then a rename)."""
    payload = pickle.dumps(value, protocol=5)
    export.write_bytes_atomic(path, MAGIC + _sha(payload) + payload)


def _sha(data: bytes) -> bytes:
    return hashlib.sha256(data).digest()
