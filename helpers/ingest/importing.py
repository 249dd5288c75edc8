"""The import itself: ``ingest`` reads the sources and adds each article to the corpus folder."""

from __future__ import annotations

import codecs
import csv
import io
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from helpers.corpus import (
    METADATA_COLUMNS,
    METADATA_FILE,
    OPTIONAL_COLUMNS,
    CorpusError,
    decode_text,
    read_article,
)
from helpers.ingest.articles import article_text, make_doc_id, normalise_languages
from helpers.ingest.corpus_files import corpus_file, write_new_file, write_replacing
from helpers.ingest.dates import DATE_ORDERS, normalise_date
from helpers.ingest.duplicates import (
    LSH_THRESHOLD,
    NEAR_DUPLICATE_JACCARD,
    NUM_PERM,
    _body_words,
    _minhash,
    _shingles,
    _words,
    _words_key,
    jaccard,
    save_duplicates_table,
)
from helpers.ingest.report import IngestError, Report, _Skip
from helpers.ingest.sources import FIELDS, _checked_fields, _open_source


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
                text = read_article(corpus_file(root, row["file"]))
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
                theirs = _shingles(_body_words(read_article(corpus_file(self.root, row["file"]))))
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
