"""The one loader of the YAML resources (codebook, gazetteer, cue lists, lexicons, negators).

- ``read_yaml``: parse a file into a mapping, with errors that name the file, the line and the fix;
- ``string_list``: check an entry's list of words, with errors that name the entry;
- ``cached_on_content``: cache what a loader builds from its files, keyed on their paths and
  contents (``file_version``), so an edited file is read again without a restart.

Clients: ``framing.load_codebook``, ``actors.load_gazetteer``, ``stance.load_stance_cues`` and
``lexicon.load_negation``.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from functools import lru_cache, wraps
from pathlib import Path
from typing import TypeVar

import yaml

from helpers.text import has_arabic

T = TypeVar("T")


class ResourceError(ValueError):
    """A problem in a YAML resource; the message names the file, the entry and the fix."""


# --------------------------------------------------------------------------
# Reading YAML resources
# --------------------------------------------------------------------------
class _DuplicateKey(yaml.YAMLError):
    def __init__(self, key: object, line: int):
        super().__init__(key)
        self.key, self.line = key, line


class _UniqueKeyLoader(yaml.SafeLoader):
    """YAML's safe loader, except that a key given twice in one mapping is an error: plain YAML lets the
    second silently replace the first (a lexicon entry or an actor's field written twice would lose one)."""

    def construct_mapping(self, node, deep=False):
        seen = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, (str, int, float, bool)):
                continue  # a key YAML cannot compare (a list): left to the loader
            if key in seen:
                raise _DuplicateKey(key, key_node.start_mark.line + 1)
            seen.add(key)
        return super().construct_mapping(node, deep)


def read_yaml(
    path: str | Path,
    required: tuple[str, ...] = (),
    what: str = "",
    error: type[ResourceError] = ResourceError,
) -> dict:
    """Parse a YAML resource file into a mapping, with errors that name the file, line and missing keys.

    ``what`` names the kind of file in the not-found message ("codebook file not found");
    ``error`` is the ResourceError subclass raised (a client's own, e.g. ``CodebookError``).
    """
    path = Path(path)
    if not path.is_file():
        kind = f"{what} file" if what else "file"
        raise error(f"{path}: {kind} not found. Pass the path of an existing YAML file.")
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_UniqueKeyLoader)  # noqa: S506 (a safe loader)
    except UnicodeDecodeError:
        raise error(f"{path}: not UTF-8. Save the file as UTF-8.") from None
    except _DuplicateKey as err:
        raise error(
            f"{path}, line {err.line}: the key {err.key!r} is given twice in one mapping, and the second "
            "would silently replace the first. Merge the two into one entry."
        ) from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise error(
            f"{path}: YAML syntax error{where}: {getattr(err, 'problem', err)}. "
            "Check the indentation and quoting there."
        ) from None
    if not isinstance(data, dict):
        keys = f" with keys {', '.join(required)}" if required else ""
        raise error(f"{path}: the top level must be a mapping{keys}.")
    missing = [k for k in required if k not in data]
    if missing:
        raise error(f"{path}: missing top-level key(s) {', '.join(missing)}.")
    return data


def string_list(value: object, where: str, script: str | None = None, allow_empty: bool = True) -> list[str]:
    """Check that ``value`` is a list of non-empty strings (in Arabic script if ``script == 'ar'``)."""
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(
            f"{where}: must be a list of non-empty strings, e.g. [Putin, Vladimir Putin]; got {value!r}."
        )
    if not value and not allow_empty:
        raise ResourceError(f"{where}: must list at least one name.")
    if script == "ar":
        bad = [v for v in value if not has_arabic(v)]
        if bad:
            raise ResourceError(f"{where}: {bad} are not in Arabic script; put them under the *_en key.")
    if script == "en":
        bad = [v for v in value if has_arabic(v)]
        if bad:
            raise ResourceError(f"{where}: {bad} are in Arabic script; put them under the *_ar key.")
    return [v.strip() for v in value]


# --------------------------------------------------------------------------
# Caching on file contents
# --------------------------------------------------------------------------
#: A file modified this recently (ns) is hashed again even if its time and size look unchanged: a
#: rewrite within the file system's timestamp resolution keeps both (git's "racy clean" rule).
RACY_NS = 2_000_000_000
_DIGESTS: dict[tuple[Path, int, int], str] = {}


def file_version(path: str | Path) -> str | None:
    """The sha256 of the file's bytes (None if absent): part of a cache key, so an edited YAML is re-read.

    The digest is remembered per (path, modification time, size) and recomputed while the file is
    younger than ``RACY_NS``, so a file saved twice within one timestamp tick is still told apart.
    """
    path = Path(path)
    if not path.is_file():
        return None
    st = path.stat()
    key = (path.resolve(), st.st_mtime_ns, st.st_size)
    if key not in _DIGESTS or time.time_ns() - st.st_mtime_ns < RACY_NS:
        _DIGESTS[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[key]


def cached_on_content(maxsize: int = 8) -> Callable[[Callable[..., T]], Callable[..., T]]:
    """Decorator: cache ``load(*paths)`` on the paths and the contents of the files (``file_version``).

    The decorated loader takes the paths of the files it reads as positional arguments (each a
    ``str`` or ``Path``); calling it again returns the same object until one of the files changes
    (or appears, or is removed). Errors are not cached. ``cache_clear()`` empties the cache.
    """

    def decorate(load: Callable[..., T]) -> Callable[..., T]:
        @lru_cache(maxsize=maxsize)
        def cached(paths: tuple[Path, ...], versions: tuple[str | None, ...]) -> T:  # versions: only the key
            return load(*paths)

        @wraps(load)
        def loader(*paths: str | Path) -> T:
            paths = tuple(Path(p) for p in paths)
            return cached(paths, tuple(file_version(p) for p in paths))

        loader.cache_clear = cached.cache_clear
        return loader

    return decorate
