"""Reading the YAML resources (codebook, gazetteer, cue lists, negators): one reader, errors that name the file and entry.

Each client caches its parsed resource with ``functools.lru_cache`` keyed on the path and
``file_version`` (the modification time), so an edited file is read again without a restart.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from helpers.text import has_arabic


class ResourceError(ValueError):
    """A problem in a YAML resource; the message names the file, the entry and the fix."""


# --------------------------------------------------------------------------
# Reading YAML resources
# --------------------------------------------------------------------------
def read_yaml(path: str | Path, required: tuple[str, ...] = ()) -> dict:
    """Parse a YAML resource file into a mapping, with errors that name the file, line and missing keys."""
    path = Path(path)
    if not path.is_file():
        raise ResourceError(f"{path}: file not found. Pass the path of an existing YAML file.")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise ResourceError(f"{path}: not UTF-8. Save the file as UTF-8.") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark else ""
        raise ResourceError(f"{path}: not valid YAML{where}: {getattr(err, 'problem', err)}. "
                            "Check the indentation and quoting there.") from None
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: the top level must be a mapping with keys {', '.join(required)}.")
    missing = [k for k in required if k not in data]
    if missing:
        raise ResourceError(f"{path}: missing top-level key(s) {', '.join(missing)}.")
    return data


def string_list(value: object, where: str, script: str | None = None, allow_empty: bool = True) -> list[str]:
    """Check that ``value`` is a list of non-empty strings (in Arabic script if ``script == 'ar'``)."""
    if value is None and allow_empty:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ResourceError(f"{where}: must be a list of non-empty strings, e.g. [Putin, Vladimir Putin]; got {value!r}.")
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


def file_version(path: str | Path) -> int | None:
    """The file's modification time in ns (None if absent): part of a cache key, so an edited YAML is re-read."""
    path = Path(path)
    return path.stat().st_mtime_ns if path.is_file() else None
