"""Read the corpus folder into validated ``documents`` and ``segments`` tables.

The format is documented in corpus/README.md. Nothing here ever writes to the corpus.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from helpers import paths
from helpers.text import script_lang, split_sentences

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["doc_id", "file", "title", "outlet", "date", "url", "languages", "provenance", "licence"]
#: Columns a metadata file may add; empty when absent. speaker: the actor whose speech the whole text is.
OPTIONAL_COLUMNS = ["speaker"]
KINDS = ("title", "heading", "paragraph", "sentence")
#: Kinds that together cover each document's text exactly once (sentences cover it again).
UNIT_KINDS = ("title", "heading", "paragraph")
#: A line with at most this many words and no sentence-final punctuation is a heading.
HEADING_MAX_WORDS = 20
HEADING_MARKER = "## "
_SENTENCE_END = tuple(".!?؟…\"'”»)")


class CorpusError(ValueError):
    """A problem with the corpus files; the message names the file and the fix."""


@dataclass(frozen=True)
class Corpus:
    """The loaded corpus: one row per document, one row per segment."""

    documents: pd.DataFrame
    segments: pd.DataFrame

    def units(self, kinds: tuple[str, ...] = UNIT_KINDS) -> pd.DataFrame:
        """Segments of the given kinds (default: title, headings, paragraphs: each character once)."""
        return self.segments[self.segments["kind"].isin(kinds)].reset_index(drop=True)

    def sentences(self) -> pd.DataFrame:
        """Sentence segments, each with the ``parent`` unit it was split from."""
        return self.units(("sentence",))


DOCUMENTS_SCHEMA = pa.DataFrameSchema(
    {
        "doc_id": pa.Column(str, pa.Check.str_matches(r"^[A-Za-z0-9_.-]+$"), unique=True),
        "file": pa.Column(str),
        "title": pa.Column(str),
        "outlet": pa.Column(str),
        "date": pa.Column(str, pa.Check.str_matches(r"^(\d{4}-\d{2}-\d{2})?$")),
        "url": pa.Column(str),
        "languages": pa.Column(str),
        "provenance": pa.Column(str),
        "licence": pa.Column(str),
        "speaker": pa.Column(str),
        "sha256": pa.Column(str, pa.Check.str_length(64, 64)),
        "n_chars": pa.Column(int, pa.Check.gt(0)),
        "n_segments": pa.Column(int, pa.Check.gt(0)),
    },
    strict=True,
    ordered=True,
)

SEGMENTS_SCHEMA = pa.DataFrameSchema(
    {
        "doc_id": pa.Column(str),
        "segment_id": pa.Column(str, unique=True),
        "kind": pa.Column(str, pa.Check.isin(KINDS)),
        "lang": pa.Column(str, pa.Check.isin(["ar", "en", "und"])),
        "section": pa.Column(int, pa.Check.ge(0)),
        "section_heading": pa.Column(str),
        "parent": pa.Column(str),
        "position": pa.Column(int, pa.Check.ge(0)),
        "start": pa.Column(int, pa.Check.ge(0)),
        "end": pa.Column(int, pa.Check.gt(0)),
        "text": pa.Column(str, pa.Check.str_length(min_value=1)),
    },
    strict=True,
    ordered=True,
    checks=pa.Check(lambda df: (df["end"] > df["start"]).all(), error="end must be after start"),
)


def load_corpus(path: str | Path | None = None) -> Corpus:
    """Load and validate the corpus folder (default: the project's corpus/)."""
    root = Path(path) if path is not None else paths.CORPUS
    if not root.is_dir():
        raise CorpusError(f"corpus folder not found: {root}. Pass the folder that holds {METADATA_FILE} "
                          "and the article files (see corpus/README.md).")
    meta = read_metadata(root)
    docs, segs = [], []
    for row in meta:
        text = read_article(root / row["file"])
        segments = segment_article(row["doc_id"], text)
        docs.append({**row, "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                     "n_chars": len(text), "n_segments": len(segments)})
        segs.extend(segments)
    documents = pd.DataFrame(docs, columns=list(DOCUMENTS_SCHEMA.columns))
    segments = pd.DataFrame(segs, columns=list(SEGMENTS_SCHEMA.columns))
    return Corpus(_validate(DOCUMENTS_SCHEMA, documents, root / METADATA_FILE),
                  _validate(SEGMENTS_SCHEMA, segments, root))


def _validate(schema: pa.DataFrameSchema, df: pd.DataFrame, where: Path) -> pd.DataFrame:
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise CorpusError(f"{where}: the loaded corpus fails its schema check:\n{err.failure_cases}") from None


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------
def read_metadata(root: Path) -> list[dict[str, str]]:
    """Rows of corpus/metadata.csv, checked against the article files on disk."""
    meta_path = root / METADATA_FILE
    if not meta_path.is_file():
        raise CorpusError(f"{meta_path} is missing. Create it with the header "
                          f"{','.join(METADATA_COLUMNS)} and one row per article (see corpus/README.md).")
    text = _decode(meta_path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in METADATA_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CorpusError(f"{meta_path}: missing column(s) {', '.join(missing)}. "
                          f"The header must be: {','.join(METADATA_COLUMNS)}")
    rows, seen = [], {}
    for line_no, raw in enumerate(reader, start=2):
        if None in raw:
            raise CorpusError(f"{meta_path}, line {line_no}: more fields than columns. "
                              "Quote values that contain commas with double quotes.")
        row = {c: (raw.get(c) or "").strip() for c in METADATA_COLUMNS + OPTIONAL_COLUMNS}
        if not row["doc_id"]:
            raise CorpusError(f"{meta_path}, line {line_no}: empty doc_id. Give every article an id.")
        if row["doc_id"] in seen:
            raise CorpusError(f"{meta_path}, line {line_no}: duplicate doc_id {row['doc_id']!r} "
                              f"(first on line {seen[row['doc_id']]}). Ids must be unique.")
        seen[row["doc_id"]] = line_no
        if not row["file"]:
            raise CorpusError(f"{meta_path}, line {line_no}: no file given for {row['doc_id']!r}.")
        if not (root / row["file"]).is_file():
            raise CorpusError(f"{meta_path}, line {line_no}: the file {root / row['file']} listed for "
                              f"{row['doc_id']!r} does not exist. Add the file or remove the row.")
        rows.append(row)
    if not rows:
        raise CorpusError(f"{meta_path} lists no articles. Add one row per article file.")
    listed = {(root / r["file"]).resolve() for r in rows}
    for f in sorted((root / "articles").glob("*.txt")) if (root / "articles").is_dir() else []:
        if f.resolve() not in listed:
            raise CorpusError(f"{f} has no row in {meta_path}. Add a row for it (doc_id, file, ...), "
                              "or move the file out of the corpus folder.")
    return rows


def load_annotation(filename: str, corpus_dir: str | Path | None = None, path: str | Path | None = None,
                    missing_ok: bool = False) -> pd.DataFrame | None:
    """A hand-coding table, <corpus>/annotations/<filename> (or ``path``), every value a string.

    With ``missing_ok`` an absent file gives None (a corpus without hand coding);
    otherwise it is an error naming the file.
    """
    file = Path(path) if path else Path(corpus_dir or paths.CORPUS) / "annotations" / filename
    if not file.is_file():
        if missing_ok:
            return None
        raise CorpusError(f"{file} not found. Hand coding lives in <corpus>/annotations/ "
                          "(see corpus/annotations/README.md), or pass the path of your own file.")
    return pd.read_csv(io.StringIO(_decode(file)), dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------
# Article files
# --------------------------------------------------------------------------
def _decode(path: Path) -> str:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped silently
    except UnicodeDecodeError as err:
        hint = ""
        try:
            data.decode("cp1256")
            hint = (" It decodes as windows-1256 (Arabic Windows); convert it with "
                    f"`iconv -f WINDOWS-1256 -t UTF-8 '{path.name}' > '{path.stem}.utf8.txt'` and point the "
                    "metadata row at the new file.")
        except UnicodeDecodeError:
            pass
        raise CorpusError(f"{path} is not UTF-8 (byte {err.start}).{hint} Save the file as UTF-8.") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_article(path: Path) -> str:
    """The text of one article file: UTF-8 (a BOM is dropped), line ends normalised to \\n."""
    text = _decode(path)
    if not text.strip():
        raise CorpusError(f"{path} is empty. Put the article text in it (title on the first line) "
                          "or remove it and its metadata row.")
    return text


def is_heading(line: str) -> bool:
    """A line is a heading if marked with '## ', or short and not ending like a sentence."""
    line = line.strip()
    if line.startswith(HEADING_MARKER):
        return True
    return len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(_SENTENCE_END)


def segment_article(doc_id: str, text: str, titled: bool = True) -> list[dict]:
    """Segment rows for one article: its title, headings, paragraphs and their sentences.

    ``titled=False`` reads a text without a title line (a quoted paragraph): every line is a
    heading or a paragraph.
    """
    rows: list[dict] = []
    section, heading, n_par, n_head = 0, "", 0, 0
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        if stripped.startswith(HEADING_MARKER):
            lead += len(HEADING_MARKER)
            stripped = stripped[len(HEADING_MARKER):].strip()
        s, e = start + lead, start + lead + len(stripped)
        if not rows and titled:
            kind, seg_id, heading = "title", f"{doc_id}:t", stripped
        elif is_heading(line):
            n_head += 1
            section, heading = n_head, stripped
            kind, seg_id = "heading", f"{doc_id}:h{n_head:02d}"
        else:
            n_par += 1
            kind, seg_id = "paragraph", f"{doc_id}:p{n_par:02d}"
        rows.append(_row(doc_id, seg_id, kind, section, heading, "", s, e, stripped))
        for k, (ss, se) in enumerate(split_sentences(stripped), start=1):
            rows.append(_row(doc_id, f"{seg_id}.s{k:02d}", "sentence", section, heading, seg_id,
                             s + ss, s + se, stripped[ss:se]))
    for position, row in enumerate(rows):
        row["position"] = position
    return rows


_KIND_OF_ID_LETTER = {"t": "title", "h": "heading", "p": "paragraph"}


def kind_of_id(segment_id: str) -> str:
    """The kind of a segment from its id (``doc:t``, ``doc:h02``, ``doc:p03``, ``doc:p03.s01``), as segment_article makes them."""
    local = segment_id.rsplit(":", 1)[-1]
    return "sentence" if ".s" in local else _KIND_OF_ID_LETTER[local[:1]]


def _row(doc_id, seg_id, kind, section, heading, parent, start, end, text) -> dict:
    return {"doc_id": doc_id, "segment_id": seg_id, "kind": kind, "lang": script_lang(text),
            "section": section, "section_heading": heading, "parent": parent, "position": 0,
            "start": start, "end": end, "text": text}
