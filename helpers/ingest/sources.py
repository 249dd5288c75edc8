"""Sources an import reads: tables (CSV/TSV, JSON Lines, Parquet), .txt files and saved .html pages."""

from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from helpers.corpus import bom_encoding, guess_encoding, has_text
from helpers.ingest.articles import clean_lines
from helpers.ingest.report import IngestError, Report, _Skip

#: Fields an import reads from a source (``--map FIELD=COLUMN`` renames, ``--default FIELD=VALUE`` fills).
FIELDS = ("text", "title", "outlet", "date", "url", "language", "licence", "speaker")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")

Unit = tuple[str, Callable[[], dict[str, str]]]


def _checked_fields(pairs: dict[str, str], option: str) -> dict[str, str]:
    unknown = sorted(set(pairs) - set(FIELDS))
    if unknown:
        raise IngestError(
            f"{option} {unknown[0]}=...: unknown field {unknown[0]!r}; the fields are {', '.join(FIELDS)}."
        )
    return dict(pairs)


def _open_source(path: Path, mapping: dict[str, str], encoding: str | None, report: Report) -> list[Unit]:
    """The rows or files of one source, each with the place it came from, ready to read."""
    if path.is_dir():
        files = sorted(
            p
            for p in path.rglob("*")
            if p.is_file()
            and p.suffix.lower() in TEXT_SUFFIXES + HTML_SUFFIXES
            and not any(part.startswith(".") for part in p.relative_to(path).parts)
        )
        if not files:
            raise IngestError(f"{path}: the folder holds no .txt or .html files.")
        return [
            _file_unit(f, f"{path.name}/{f.relative_to(path).as_posix()}", encoding, report) for f in files
        ]
    if not path.is_file():
        raise IngestError(f"{path}: no such file or folder.")
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES + HTML_SUFFIXES:
        return [_file_unit(path, path.name, encoding, report)]
    if suffix not in TABLE_SUFFIXES:
        raise IngestError(
            f"{path}: unknown kind of source {suffix!r}. Give a table ({', '.join(TABLE_SUFFIXES)}), "
            f"a .txt or .html file, or a folder of them."
        )
    columns, rows = _read_table(path, encoding, report)
    return _table_units(path, columns, rows, mapping)


def _table_units(
    path: Path, columns: list[str], rows: list[tuple[str, dict]], mapping: dict[str, str]
) -> list[Unit]:
    if not rows:
        return []  # nothing to map (its bad lines, if any, are reported)
    for name, column in mapping.items():
        if column not in columns:
            raise IngestError(
                f"{path}: --map {name}={column}: there is no column {column!r}. "
                f"The columns are: {', '.join(columns)}."
            )
    source_of = {}
    for name in FIELDS:
        if name in mapping:
            source_of[name] = mapping[name]
        elif name in columns:
            source_of[name] = name
        elif name == "language" and "languages" in columns:
            source_of[name] = "languages"
    if "text" not in source_of:
        raise IngestError(
            f"{path} has no 'text' column. The columns are: {', '.join(columns)}. "
            "Name the one holding the article text with --map text=COLUMN."
        )

    def unit(row: dict) -> Callable[[], dict[str, str]]:
        return lambda: {name: _cell(row.get(column)) for name, column in source_of.items()}

    return [(where, unit(row)) for where, row in rows]


def _cell(value) -> str:
    """A table value as text: missing -> "", a timestamp -> ISO, a list -> ``;``-joined."""
    if hasattr(value, "tolist") and not isinstance(value, (str, pd.Timestamp)):
        value = value.tolist()  # numpy arrays and scalars
    if isinstance(value, (list, tuple)):
        return ";".join(_cell(v) for v in value)
    if value is None or value is pd.NaT or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _read_table(path: Path, encoding: str | None, report: Report) -> tuple[list[str], list[tuple[str, dict]]]:
    """(columns, [(where, row)]) of a CSV/TSV, JSON Lines or Parquet table."""
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            df = pd.read_parquet(path)
        except Exception as err:  # pyarrow raises several types for a broken file
            raise IngestError(f"{path}: cannot be read as Parquet ({type(err).__name__}: {err}).") from None
        columns = [str(c) for c in df.columns]
        df.columns = columns
        return columns, [
            (f"{path.name}, row {i}", row) for i, row in enumerate(df.to_dict("records"), start=1)
        ]
    try:
        text, used = decode_source(path.read_bytes(), encoding)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        raise IngestError(f"{path}: cannot be read as text: {err}") from None
    if used:
        report.notes.append((path.name, used))
    if suffix in (".jsonl", ".ndjson"):
        return _read_jsonl(path, text, report)
    return _read_csv(path, text, report)


def _read_jsonl(path: Path, text: str, report: Report) -> tuple[list[str], list[tuple[str, dict]]]:
    columns: dict[str, None] = {}
    rows = []
    for line_no, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}, line {line_no}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            report.skipped.append((where, f"not valid JSON ({err.msg} at column {err.colno})"))
            continue
        if not isinstance(obj, dict):
            report.skipped.append((where, f"a JSON {type(obj).__name__}, not an object with fields"))
            continue
        columns.update(dict.fromkeys(obj))
        rows.append((where, obj))
    return list(columns), rows


def _read_csv(path: Path, text: str, report: Report) -> tuple[list[str], list[tuple[str, dict]]]:
    first = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header, rows, line_no = None, [], 1
    for record in reader:
        start, line_no = line_no, reader.line_num + 1
        if header is None:
            header = [h.strip() for h in record]
            continue
        if not any(v.strip() for v in record):
            continue
        where = f"{path.name}, line {start}"
        if len(record) > len(header):
            report.skipped.append(
                (
                    where,
                    f"{len(record)} fields but the header has {len(header)} "
                    "(quote values that contain the delimiter)",
                )
            )
            continue
        rows.append((where, dict(zip(header, record, strict=False))))  # a short row lacks its last fields
    if header is None:
        raise IngestError(f"{path} is empty: a table needs a header line and one row per article.")
    return header, rows


def decode_source(data: bytes, encoding: str | None = None) -> tuple[str, str | None]:
    """(text, note): UTF-8 (a BOM dropped), UTF-16/32 with a BOM, else the detected encoding, noted.

    ValueError (with a hint) for binary data or an encoding that cannot be detected.
    """
    if encoding:
        return data.decode(encoding), None
    bom = bom_encoding(data)
    if bom:
        name, codec = bom
        return data.decode(codec), f"decoded as {name} (byte-order mark)"
    if b"\x00" not in data:
        try:
            return data.decode("utf-8-sig"), None
        except UnicodeDecodeError:
            pass
    guess = guess_encoding(data)
    if guess is None or guess.codec is None:
        what = f"it looks like {guess.description}" if guess else "its encoding could not be detected"
        raise ValueError(f"not UTF-8 text: {what}. Save it as UTF-8, or pass --encoding.")
    return data.decode(guess.codec), (
        f"not UTF-8: decoded as {guess.iconv.lower()} ({guess.description}), the likeliest "
        "encoding according to charset-normalizer; check the imported text, or pass "
        "--encoding to choose"
    )


def _file_unit(path: Path, where: str, encoding: str | None, report: Report) -> Unit:
    if path.suffix.lower() in HTML_SUFFIXES:
        return where, lambda: read_html(path)

    def read_txt() -> dict[str, str]:
        try:
            text, used = decode_source(path.read_bytes(), encoding)
        except OSError as err:
            raise _Skip(f"cannot be read ({err.strerror or err})") from None
        except (UnicodeDecodeError, ValueError) as err:
            raise _Skip(str(err)) from None
        if used:
            report.notes.append((where, used))
        lines = clean_lines(text)
        if not has_text(text):
            raise _Skip("no text (the file is empty or holds only punctuation, marks or spaces)")
        return {"title": lines[0], "text": "\n".join(lines[1:])}

    return where, read_txt


def read_html(path: Path) -> dict[str, str]:
    """Main text (headings marked ``## ``), title, date, site and url of a saved web page, read offline."""
    import trafilatura

    try:
        data = path.read_bytes()
    except OSError as err:
        raise _Skip(f"cannot be read ({err.strerror or err})") from None
    # Only the given bytes are parsed (no url is passed, nothing is fetched). Dates come from the
    # page's markup (meta tags, structured data, <time>); extensive_search, which reads dates out
    # of free text, is off.
    doc = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        include_links=False,
        favor_precision=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    lines = []
    for element in [] if doc is None or doc.body is None else doc.body:
        if element.tag == "list":
            lines += [" ".join("".join(item.itertext()).split()) for item in element.iterchildren("item")]
        elif element.tag in ("p", "head", "quote"):  # not the links or menus of a page that has no article
            line = " ".join("".join(element.itertext()).split())
            lines.append(f"## {line}" if element.tag == "head" and line else line)
    if not has_text("\n".join(lines)):
        raise _Skip("no main text found (trafilatura found no paragraph: not an article page?)")
    return {
        "text": "\n".join(lines),
        "title": doc.title or "",
        "date": doc.date or "",
        "outlet": doc.sitename or doc.hostname or "",
        "url": doc.url or "",
        "language": doc.language or "",
    }
