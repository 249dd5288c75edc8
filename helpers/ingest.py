"""Import articles in bulk into a corpus folder, with stable ids, ISO dates and duplicates marked.

Usage from the shell::

    python -m helpers.ingest SOURCE... --corpus DIR [--map FIELD=COLUMN ...] [--default FIELD=VALUE ...]

A SOURCE is a table (``.csv``, ``.tsv``, ``.jsonl``, ``.parquet``) with the fields ``text``, ``title``,
``outlet``, ``date``, ``url``, ``language`` (``--map text=body`` when a column has another name), a
``.txt`` file (title on the first line) or a saved ``.html`` page (main text, title, date and site
extracted offline by trafilatura), or a folder of ``.txt`` and ``.html`` files.

Each article becomes ``DIR/articles/<doc_id>.txt`` (title on the first line, one paragraph per
line) and a row of ``DIR/metadata.csv``, in the format of corpus/README.md:

- ``doc_id`` is ``<outlet slug>_<first 16 hex digits of the sha256 of the article file>``, so the
  same article from the same outlet always gets the same id, and importing it again adds nothing;
- dates become ``YYYY-MM-DD`` as the source wrote them (no time-zone conversion); a date that is
  unreadable, incomplete (no day) or ambiguous (03/04/2025 without ``--date-order``) is left empty
  and reported, never guessed;
- an existing article file is never overwritten; every file is written through a temporary file;
- exact copies (the same words in the same order) and near copies (Jaccard similarity of word
  5-shingles >= ``NEAR_DUPLICATE_JACCARD``, found with MinHash LSH from datasketch) of an article
  already in the corpus, or imported before them, are written and marked in ``duplicate_of``,
  not dropped; ``tables/corpus_duplicates.csv`` lists them. ``load_corpus()`` skips them by default.
"""

from __future__ import annotations

import argparse
import codecs
import csv
import hashlib
import io
import json
import logging
import math
import os
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from helpers import export
from helpers.corpus import (
    METADATA_COLUMNS,
    METADATA_FILE,
    OPTIONAL_COLUMNS,
    CorpusError,
    decode_text,
    guess_encoding,
    has_text,
    read_article,
)
from helpers.text import script_lang

#: Fields an import reads from a source (``--map FIELD=COLUMN`` renames, ``--default FIELD=VALUE`` fills).
FIELDS = ("text", "title", "outlet", "date", "url", "language", "licence", "speaker")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
DATE_ORDERS = ("DMY", "MDY")
#: Languages whose month and day names the date parser reads (plus ISO and numeric dates).
DATE_LANGUAGES = ["en", "ar", "fr", "ru", "uk"]

#: Near-duplicate rule: Jaccard similarity of the sets of word 5-shingles of the two bodies (the
#: text after the title line) at or above 0.8. Measured (corpus/README.md gives the figures): the
#: devset's 215 real texts, many on the same events, never pair above 0.1; a syndicated copy of a
#: 150-400-word article with a new headline, an agency tag and 3 words changed scores 0.85-0.95.
#: 0.8 marks copies that are still the same article and keeps rewrites (a framing decision of
#: their own) as separate articles.
SHINGLE_WORDS = 5
NEAR_DUPLICATE_JACCARD = 0.8
#: MinHash size and the looser LSH threshold that proposes candidates; each candidate is then
#: checked with the exact Jaccard similarity, so LSH only saves comparisons, it decides nothing.
NUM_PERM = 128
LSH_THRESHOLD = 0.5
DUPLICATES_TABLE = "corpus_duplicates"
DUPLICATES_COLUMNS = [
    "doc_id",
    "duplicate_of",
    "kind",
    "jaccard",
    "outlet",
    "date",
    "title",
    "original_outlet",
    "original_date",
    "original_title",
]


class IngestError(ValueError):
    """A problem with the command or with a whole source; the message names it and the fix."""


class _Skip(Exception):
    """One row or file that cannot be imported; the message is the reason."""


@dataclass
class Report:
    """What an import did: ids imported, rows already present, duplicates marked, rows skipped, notes."""

    corpus: Path
    imported: list[str] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)  # (where, doc_id)
    #: (doc_id, original, kind, jaccard)
    duplicates: list[tuple[str, str, str, float]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (where, problem): dates left empty
    untitled: list[str] = field(default_factory=list)  # where: no title, the first line stands as the title
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, note)
    table: Path | None = None
    n_articles: int = 0
    threshold: float = NEAR_DUPLICATE_JACCARD

    def summary(self) -> str:
        """The report as text: counts, then every date left empty and every row skipped, by row or file."""
        exact = sum(1 for d in self.duplicates if d[2] == "exact")
        lines = [
            f"Imported {len(self.imported)} new article(s) into {self.corpus} "
            f"(its metadata.csv now lists {self.n_articles}).",
            f"Already in the corpus (same outlet and text): {len(self.already)}",
            f"Marked as duplicates: {len(self.duplicates)} "
            f"({exact} exact, {len(self.duplicates) - exact} near; "
            f"near = Jaccard >= {self.threshold} on word {SHINGLE_WORDS}-shingles), "
            f"listed in {self.table}",
            f"Without a title (the first line of the text stands as the title): {len(self.untitled)}",
            f"Dates left empty (unreadable, incomplete or ambiguous): {len(self.dates)}",
        ]
        lines += [f"  {where}: {problem}" for where, problem in self.dates]
        lines.append(f"Skipped: {len(self.skipped)}")
        lines += [f"  {where}: {reason}" for where, reason in self.skipped]
        if self.notes:
            lines.append(f"Notes: {len(self.notes)}")
            lines += [f"  {where}: {note}" for where, note in self.notes]
        return "\n".join(lines)


# --------------------------------------------------------------------------
# Import
# --------------------------------------------------------------------------
def ingest(
    sources: Iterable[str | Path],
    corpus_dir: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    defaults: dict[str, str] | None = None,
    date_order: str | None = None,
    encoding: str | None = None,
    output_dir: str | Path | None = None,
    near_threshold: float = NEAR_DUPLICATE_JACCARD,
    progress: bool = False,
) -> Report:
    """Import every article of ``sources`` into ``corpus_dir``; return what was imported, marked and skipped.

    ``mapping`` renames fields to source columns (``{"text": "body"}``); ``defaults`` fills fields a
    source leaves empty (``{"outlet": "Al Jazeera"}``); ``date_order`` ("DMY" or "MDY") reads
    numeric dates such as 03/04/2025; ``encoding`` forces the encoding of text sources (default:
    UTF-8, else detected and reported); ``near_threshold`` is the Jaccard similarity of word
    5-shingles from which a text is a near copy. The duplicates table goes to
    ``<output_dir>/tables/`` (default: the project folder). Problems with a whole source raise
    IngestError before anything is written.
    """
    root = Path(corpus_dir)
    mapping = _checked_fields(mapping or {}, "--map")
    defaults = _checked_fields(defaults or {}, "--default")
    if date_order is not None and date_order not in DATE_ORDERS:
        raise IngestError(f"--date-order must be one of {', '.join(DATE_ORDERS)}, not {date_order!r}.")
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise IngestError(
                f"--encoding {encoding!r} is not an encoding Python knows (e.g. cp1256, utf-16)."
            ) from None
    if not 0 < near_threshold <= 1:
        raise IngestError(
            f"the near-duplicate threshold must be above 0 and at most 1, not {near_threshold}."
        )
    report = Report(root, threshold=near_threshold)
    units = [unit for src in sources for unit in _open_source(Path(src), mapping, encoding, report)]
    state = _CorpusState.load(root, report, near_threshold)
    from tqdm import tqdm

    try:
        for where, produce in tqdm(
            units, unit="article", desc="importing", disable=not progress, file=sys.stderr
        ):
            try:
                fields = produce()
                fields = {f: (fields.get(f) or "").strip() or defaults.get(f, "") for f in FIELDS}
                state.add(where, fields, date_order, report)
            except _Skip as skip:
                report.skipped.append((where, str(skip)))
    finally:
        state.write_metadata()  # whatever was written so far gets its rows, even after an interruption
    report.n_articles = len(state.rows)
    report.table = save_duplicates_table(state.root, state.rows, output_dir)
    return report


@dataclass
class _CorpusState:
    """The corpus imported into: its metadata rows and an index of the articles' texts for duplicates."""

    root: Path
    columns: list[str]
    rows: list[dict[str, str]]
    ids: dict[str, int]  # doc_id -> position in rows
    exact: dict[str, str] = field(default_factory=dict)  # hash of the words -> doc_id of the original
    lsh: object = None
    threshold: float = NEAR_DUPLICATE_JACCARD
    dirty: bool = False

    @classmethod
    def load(cls, root: Path, report: Report, threshold: float = NEAR_DUPLICATE_JACCARD) -> _CorpusState:
        from datasketch import MinHashLSH

        meta = root / METADATA_FILE
        columns, rows = list(METADATA_COLUMNS), []
        if meta.is_file():
            reader = csv.DictReader(io.StringIO(decode_text(meta), newline=""))
            columns = list(reader.fieldnames or [])
            missing = [c for c in METADATA_COLUMNS if c not in columns]
            if missing:
                raise IngestError(
                    f"{meta}: missing column(s) {', '.join(missing)}; fix the header before importing "
                    "into this corpus (see corpus/README.md)."
                )
            rows = [{c: (v or "") for c, v in row.items() if c is not None} for row in reader]
        elif root.exists() and not root.is_dir():
            raise IngestError(f"--corpus {root} is a file; give a folder (it is created when missing).")
        ids = {r["doc_id"]: i for i, r in enumerate(rows)}
        # LSH only proposes candidates (each is checked exactly): set it well below the threshold.
        lsh = MinHashLSH(threshold=max(0.1, min(LSH_THRESHOLD, threshold - 0.3)), num_perm=NUM_PERM)
        state = cls(root, columns, rows, ids, lsh=lsh, threshold=threshold)
        for row in rows:
            if row.get("duplicate_of"):
                continue
            try:
                text = read_article(_inside(root, row["file"]))
            except (CorpusError, OSError) as err:
                report.notes.append(
                    (f"{METADATA_FILE} {row['doc_id']}", f"not read for duplicate detection: {err}")
                )
                continue
            state._index(row["doc_id"], text)
        return state

    def _index(self, doc_id: str, content: str) -> None:
        self.exact.setdefault(_words_key(_words(content)), doc_id)
        self.lsh.insert(doc_id, _minhash(_body_words(content)))

    def _original_of(self, content: str) -> tuple[str, str, float] | None:
        """(doc_id, kind, jaccard) of the article already indexed that this text copies, or None.

        Exact: the same words (title included) in the same order. Near: the Jaccard similarity of the
        bodies' word shingles reaches the threshold; the most similar (then the earliest) is the original.
        """
        original = self.exact.get(_words_key(_words(content)))
        if original:
            return original, "exact", 1.0
        words = _body_words(content)
        mine = _shingles(words)
        best = None
        for candidate in sorted(self.lsh.query(_minhash(words)), key=self.ids.__getitem__):
            row = self.rows[self.ids[candidate]]
            try:
                theirs = _shingles(_body_words(read_article(_inside(self.root, row["file"]))))
            except (CorpusError, OSError):
                continue
            similarity = jaccard(mine, theirs)
            if similarity >= self.threshold and (best is None or similarity > best[2]):
                best = (candidate, "near", similarity)
        return best

    def add(self, where: str, fields: dict[str, str], date_order: str | None, report: Report) -> None:
        """Write one article and its metadata row (or record why not)."""
        title, content = article_text(fields["text"], fields["title"])
        doc_id = make_doc_id(content, fields["outlet"], fields["url"])
        if doc_id in self.ids:
            report.already.append((where, doc_id))
            return
        rel = f"articles/{doc_id}.txt"
        path = self.root / rel
        data = content.encode("utf-8")
        if path.exists():
            if path.read_bytes() != data:
                raise _Skip(f"{path} exists with other content; it is never overwritten (id {doc_id})")
            report.notes.append(
                (where, f"{rel} was already written (by an interrupted import); its row is added")
            )
        iso, problem = normalise_date(fields["date"], date_order)
        if problem:
            report.dates.append((where, problem))
        original = self._original_of(content)
        if not path.exists():
            write_new_file(path, data)
        row = {
            "doc_id": doc_id,
            "file": rel,
            "title": title,
            "outlet": " ".join(fields["outlet"].split()),
            "date": iso,
            "url": fields["url"],
            "languages": normalise_languages(fields["language"], content),
            "provenance": f"imported with helpers.ingest from {where}",
            "licence": fields["licence"],
            "speaker": fields["speaker"],
            "duplicate_of": original[0] if original else "",
        }
        self.ids[doc_id] = len(self.rows)
        self.rows.append(row)
        self.dirty = True
        report.imported.append(doc_id)
        if not title:
            report.untitled.append(where)
        if original:
            report.duplicates.append((doc_id, *original))
        else:
            self._index(doc_id, content)

    def write_metadata(self) -> None:
        """Rewrite metadata.csv with the new rows (atomically), keeping every column and row it had."""
        if not self.dirty:
            return
        columns = self.columns + [c for c in OPTIONAL_COLUMNS if c not in self.columns]
        out = io.StringIO()
        writer = csv.DictWriter(
            out, fieldnames=columns, lineterminator="\n", extrasaction="ignore", restval=""
        )
        writer.writeheader()
        writer.writerows(self.rows)
        write_replacing(self.root / METADATA_FILE, out.getvalue().encode("utf-8"))
        self.dirty = False


def save_duplicates_table(
    root: Path, rows: list[dict[str, str]], output_dir: str | Path | None = None
) -> Path:
    """Write ``tables/corpus_duplicates.csv``: each article marked ``duplicate_of``, its original, Jaccard."""
    by_id = {r["doc_id"]: r for r in rows}
    records = []
    for row in rows:
        original = by_id.get(row.get("duplicate_of") or "")
        if original is None:
            continue
        try:
            mine, theirs = (read_article(_inside(root, r["file"])) for r in (row, original))
            similarity = round(jaccard(_shingles(_body_words(mine)), _shingles(_body_words(theirs))), 3)
            kind = "exact" if _words_key(_words(mine)) == _words_key(_words(theirs)) else "near"
        except (CorpusError, OSError):
            similarity, kind = math.nan, ""
        records.append(
            {
                "doc_id": row["doc_id"],
                "duplicate_of": original["doc_id"],
                "kind": kind,
                "jaccard": similarity,
                "outlet": row.get("outlet", ""),
                "date": row.get("date", ""),
                "title": row.get("title", ""),
                "original_outlet": original.get("outlet", ""),
                "original_date": original.get("date", ""),
                "original_title": original.get("title", ""),
            }
        )
    return export.save_table(pd.DataFrame(records, columns=DUPLICATES_COLUMNS), DUPLICATES_TABLE, output_dir)


def _inside(root: Path, rel: str) -> Path:
    path = root / rel
    if not path.resolve().is_relative_to(root.resolve()):
        raise CorpusError(f"{path} lies outside the corpus folder {root}")
    return path


# --------------------------------------------------------------------------
# Article text, ids, dates, languages
# --------------------------------------------------------------------------
def clean_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, NFC, spaces inside each collapsed (a BOM and CR line ends dropped)."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", "")).replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def article_text(text: str, title: str = "") -> tuple[str, str]:
    """(title, article file content): the title on the first line, a blank line, one paragraph per line.

    Without a title the text's first line stands as the title line (the loader reads it as the
    title; a one-paragraph text is all title) and the metadata title stays empty; a first line
    repeating the title is dropped.
    """
    title = " ".join(title.split())
    lines = clean_lines(text)
    if title and lines and _same_line(lines[0], title):
        lines = lines[1:]
    if title and not has_text("\n".join(lines)):
        raise _Skip("no text besides the title")
    if not has_text("\n".join(lines)):
        raise _Skip("no text")
    head, body = (title, lines) if title else (lines[0], lines[1:])
    return title, "\n".join([head, "", *body] if body else [head]) + "\n"


def _same_line(a: str, b: str) -> bool:
    return a.removeprefix("## ").casefold() == b.casefold()


def make_doc_id(content: str, outlet: str = "", url: str = "") -> str:
    """``<slug>_<16 hex>``: a slug of the outlet (else the url's host, else ``doc``), the content's sha256."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    slug = _slug(outlet) or _slug(host) or "doc"
    return f"{slug}_{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"


def _slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40].strip("-")


_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?!\d)")


@lru_cache(maxsize=65536)
def normalise_date(value: str, order: str | None = None) -> tuple[str, str | None]:
    """(``YYYY-MM-DD`` or "", problem or None) for a date as a source wrote it; nothing is guessed.

    ISO dates and timestamps keep the calendar date written (no time-zone conversion); numeric
    dates need a four-digit year, and day and month are read by ``order`` ("DMY", "MDY") or, without
    it, only when one of them is above 12; other dates (``27 November 2025``, ``Nov 27, 2025``,
    ``Thu, 27 Nov 2025 08:30 GMT``, ``27 نوفمبر 2025``) go to dateparser with day, month and year
    required and relative dates ("yesterday") refused.
    """
    raw = " ".join(value.split())
    if not raw:
        return "", None
    s = raw.translate(_ARABIC_DIGITS)
    if m := _ISO_DATE.match(s):
        return _checked_date(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DATE.search(s):
        a, b, c = m.groups()
        if len(a) == 4:
            return _checked_date(raw, int(a), int(b), int(c))
        if len(c) != 4:
            return "", f"unreadable date {raw!r} (a numeric date needs a four-digit year)"
        x, y = int(a), int(b)
        if order == "DMY" or (order is None and x > 12 >= y):
            return _checked_date(raw, int(c), y, x)
        if order == "MDY" or (order is None and y > 12 >= x):
            return _checked_date(raw, int(c), x, y)
        if x == y:
            return _checked_date(raw, int(c), x, x)
        return (
            "",
            f"ambiguous date {raw!r} (day and month could be either way round; pass --date-order DMY or MDY)",
        )
    import dateparser

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
        "PARSERS": ["absolute-time"],
    }
    try:
        parsed = dateparser.parse(s, languages=DATE_LANGUAGES, settings=settings)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        return "", f"unreadable date {raw!r}"
    return parsed.date().isoformat(), None


def _checked_date(raw: str, year: int, month: int, day: int) -> tuple[str, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        return "", f"unreadable date {raw!r} (no such day)"


_LANGUAGE_NAMES = {"english": "en", "eng": "en", "arabic": "ar", "ara": "ar", "arb": "ar", "العربية": "ar"}


def normalise_languages(value: str, content: str) -> str:
    """``ar;en``-style codes from a source's language field; if empty, the scripts of the text's lines."""
    codes = []
    for part in re.split(r"[;,/|\s]+", value.strip().lower()):
        if part:
            code = _LANGUAGE_NAMES.get(part, re.split(r"[-_]", part)[0])
            if code not in codes:
                codes.append(code)
    if codes:
        return ";".join(codes)
    return ";".join(sorted({script_lang(line) for line in content.split("\n") if line.strip()} - {"und"}))


# --------------------------------------------------------------------------
# Duplicates: words, shingles, MinHash
# --------------------------------------------------------------------------
_MARKS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u00ad\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_LETTER_FOLDS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي"})
_WORD = re.compile(r"\w+")


def _words(text: str) -> list[str]:
    """The words of a text for comparing copies (NFKC, casefolded, marks removed, alef forms folded)."""
    folded = _MARKS.sub("", unicodedata.normalize("NFKC", text)).translate(_LETTER_FOLDS).casefold()
    return _WORD.findall(folded)


def _body_words(content: str) -> list[str]:
    """The words compared for near copies: those after the title line (syndicated copies often change the
    headline), or all of them when the rest is shorter than one shingle (a one-paragraph quotation)."""
    body = _words(content.split("\n", 1)[1]) if "\n" in content.strip() else []
    return body if len(body) >= SHINGLE_WORDS else _words(content)


def _words_key(words: list[str]) -> str:
    return hashlib.sha256(" ".join(words).encode("utf-8")).hexdigest()


def _shingles(words: list[str], k: int = SHINGLE_WORDS) -> set[str]:
    """The set of runs of ``k`` consecutive words (the whole text when it is shorter)."""
    if len(words) <= k:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + k]) for i in range(len(words) - k + 1)}


def jaccard(a: set, b: set) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    return len(a & b) / len(a | b) if a or b else 0.0


def _minhash(words: list[str]):
    from datasketch import LeanMinHash, MinHash

    signature = MinHash(num_perm=NUM_PERM, seed=1)
    signature.update_batch([s.encode("utf-8") for s in sorted(_shingles(words))])
    return LeanMinHash(signature)


def similarity(content_a: str, content_b: str) -> float:
    """Jaccard similarity of the word 5-shingles of two articles' bodies (after the title line), as the
    near-duplicate rule measures it."""
    return jaccard(_shingles(_body_words(content_a)), _shingles(_body_words(content_b)))


# --------------------------------------------------------------------------
# Writing files
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# Sources
# --------------------------------------------------------------------------
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
    for bom, codec in (
        (codecs.BOM_UTF32_LE, "utf-32"),
        (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            return data.decode(codec), f"decoded as {codec.upper()} (byte-order mark)"
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


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------
def _pairs(values: list[str], option: str) -> dict[str, str]:
    pairs = {}
    for value in values or []:
        name, sep, rest = value.partition("=")
        if not sep or not name.strip() or (option == "--map" and not rest.strip()):
            raise IngestError(
                f"{option} {value!r}: write it as FIELD={'COLUMN' if option == '--map' else 'VALUE'}, "
                f"e.g. {'text=body' if option == '--map' else 'outlet=Al Jazeera'}."
            )
        pairs[name.strip()] = rest.strip()
    return pairs


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m helpers.ingest",
        description="Import articles in bulk into a corpus folder (articles/ + metadata.csv, the format of "
        "corpus/README.md). Ids come from the content, so importing the same source twice adds "
        "nothing; existing articles are never overwritten; exact and near duplicates are marked "
        "in metadata column duplicate_of and listed in tables/corpus_duplicates.csv.",
        epilog="examples:\n"
        "  python -m helpers.ingest export.jsonl --corpus corpus\n"
        "  python -m helpers.ingest gdelt.csv --corpus mycorpus --map text=body --map outlet=source_name\n"
        "  python -m helpers.ingest saved_pages/ --corpus mycorpus --default licence='fair dealing'\n"
        f"fields: {', '.join(FIELDS)} (a table's 'languages' column is read as language)",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "sources",
        nargs="+",
        metavar="SOURCE",
        help="a table (.csv, .tsv, .jsonl, .parquet) with a column per field, a .txt file (title "
        "on the first line), a saved .html page, or a folder of .txt and .html files",
    )
    parser.add_argument(
        "--corpus", required=True, metavar="DIR", help="the corpus folder (created when missing)"
    )
    parser.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="FIELD=COLUMN",
        help="read FIELD from a table's COLUMN (repeatable), e.g. --map text=body",
    )
    parser.add_argument(
        "--default",
        action="append",
        default=[],
        metavar="FIELD=VALUE",
        help="use VALUE where a source leaves FIELD empty (repeatable), e.g. --default outlet=BBC",
    )
    parser.add_argument(
        "--date-order",
        choices=DATE_ORDERS,
        help="how to read numeric dates such as 03/04/2025 (default: only when day > 12 makes "
        "them unambiguous; others are left empty and reported)",
    )
    parser.add_argument(
        "--encoding",
        help="encoding of .csv/.tsv/.jsonl/.txt sources (default: UTF-8, else "
        "detected with charset-normalizer and reported)",
    )
    parser.add_argument(
        "--near-threshold",
        type=float,
        default=NEAR_DUPLICATE_JACCARD,
        metavar="J",
        help="Jaccard similarity of word 5-shingles from which an article is marked as a near copy "
        f"of an earlier one (default {NEAR_DUPLICATE_JACCARD}; see corpus/README.md)",
    )
    parser.add_argument(
        "--output-dir",
        metavar="BASE",
        help="write the duplicates table to BASE/tables/ (default: the project folder)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.getLogger("trafilatura").setLevel(
        logging.ERROR
    )  # its per-page warnings would break the progress bar
    try:
        report = ingest(
            args.sources,
            args.corpus,
            mapping=_pairs(args.map, "--map"),
            defaults=_pairs(args.default, "--default"),
            date_order=args.date_order,
            encoding=args.encoding,
            output_dir=args.output_dir,
            near_threshold=args.near_threshold,
            progress=not args.no_progress,
        )
    except (IngestError, CorpusError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(report.summary())
    return 0


if __name__ == "__main__":
    sys.exit(main())
