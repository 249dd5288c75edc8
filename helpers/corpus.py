"""Read the corpus folder into validated ``documents`` and ``segments`` tables.

The format is documented in corpus/README.md. Nothing here ever writes to the corpus.
"""

from __future__ import annotations

import codecs
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
#: Columns a metadata file may add; empty when absent. speaker: the actor whose speech the whole text is;
#: duplicate_of: the doc_id of the article this one copies (marked by helpers.ingest; skipped by default).
OPTIONAL_COLUMNS = ["speaker", "duplicate_of"]
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
        "duplicate_of": pa.Column(str),
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


def load_corpus(path: str | Path | None = None, *, skip_duplicates: bool = True) -> Corpus:
    """Load and validate the corpus folder (default: the project's corpus/).

    ``skip_duplicates`` (default) leaves out the articles whose metadata ``duplicate_of`` names
    another article (exact or near copies marked by ``helpers.ingest``), so a syndicated story
    counts once; pass False to load every article.
    """
    root = Path(path) if path is not None else paths.CORPUS
    if not root.is_dir():
        raise CorpusError(
            f"corpus folder not found: {root}. Pass the folder that holds {METADATA_FILE} "
            "and the article files (see corpus/README.md)."
        )
    meta = read_metadata(root)
    if skip_duplicates:
        meta = [row for row in meta if not row["duplicate_of"]]
    docs, segs = [], []
    for row in meta:
        text = read_article(root / row["file"])
        segments = segment_article(row["doc_id"], text)
        docs.append(
            {
                **row,
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "n_chars": len(text),
                "n_segments": len(segments),
            }
        )
        segs.extend(segments)
    documents = pd.DataFrame(docs, columns=list(DOCUMENTS_SCHEMA.columns))
    segments = pd.DataFrame(segs, columns=list(SEGMENTS_SCHEMA.columns))
    return Corpus(
        _validate(DOCUMENTS_SCHEMA, documents, root / METADATA_FILE),
        _validate(SEGMENTS_SCHEMA, segments, root),
    )


def _validate(schema: pa.DataFrameSchema, df: pd.DataFrame, where: Path) -> pd.DataFrame:
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise CorpusError(
            f"{where}: the loaded corpus fails its schema check:\n{err.failure_cases}"
        ) from None


# --------------------------------------------------------------------------
# Metadata
# --------------------------------------------------------------------------
def read_metadata(root: Path) -> list[dict[str, str]]:
    """Rows of corpus/metadata.csv, checked against the article files on disk."""
    meta_path = root / METADATA_FILE
    if not meta_path.is_file():
        raise CorpusError(
            f"{meta_path} is missing. Create it with the header "
            f"{','.join(METADATA_COLUMNS)} and one row per article (see corpus/README.md)."
        )
    text = decode_text(meta_path)
    reader = csv.DictReader(text.splitlines())
    missing = [c for c in METADATA_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise CorpusError(
            f"{meta_path}: missing column(s) {', '.join(missing)}. "
            f"The header must be: {','.join(METADATA_COLUMNS)}"
        )
    rows, seen = [], {}
    for line_no, raw in enumerate(reader, start=2):
        if None in raw:
            raise CorpusError(
                f"{meta_path}, line {line_no}: more fields than columns. "
                "Quote values that contain commas with double quotes."
            )
        row = {c: (raw.get(c) or "").strip() for c in METADATA_COLUMNS + OPTIONAL_COLUMNS}
        if not row["doc_id"]:
            raise CorpusError(f"{meta_path}, line {line_no}: empty doc_id. Give every article an id.")
        if row["doc_id"] in seen:
            raise CorpusError(
                f"{meta_path}, line {line_no}: duplicate doc_id {row['doc_id']!r} "
                f"(first on line {seen[row['doc_id']]}). Ids must be unique."
            )
        seen[row["doc_id"]] = line_no
        if not row["file"]:
            raise CorpusError(f"{meta_path}, line {line_no}: no file given for {row['doc_id']!r}.")
        if not _inside(root, root / row["file"]):
            raise CorpusError(
                f"{meta_path}, line {line_no}: the file {row['file']!r} listed for {row['doc_id']!r} "
                f"resolves outside the corpus folder {root}. Article files must live inside it "
                "(e.g. articles/<doc_id>.txt); copy the file in and point the row at the copy."
            )
        if not (root / row["file"]).is_file():
            raise CorpusError(
                f"{meta_path}, line {line_no}: the file {root / row['file']} listed for "
                f"{row['doc_id']!r} does not exist. Add the file or remove the row."
            )
        rows.append(row)
    if not rows:
        raise CorpusError(f"{meta_path} lists no articles. Add one row per article file.")
    for row in rows:
        original = row["duplicate_of"]
        if original and (original == row["doc_id"] or original not in seen):
            raise CorpusError(
                f"{meta_path}, line {seen[row['doc_id']]}: duplicate_of {original!r} of {row['doc_id']!r} "
                "is not the doc_id of another article in the metadata. Leave it empty or name the original."
            )
    listed = {(root / r["file"]).resolve() for r in rows}
    for f in sorted((root / "articles").glob("*.txt")) if (root / "articles").is_dir() else []:
        if f.resolve() not in listed:
            raise CorpusError(
                f"{f} has no row in {meta_path}. Add a row for it (doc_id, file, ...), "
                "or move the file out of the corpus folder."
            )
    return rows


def load_annotation(
    filename: str,
    corpus_dir: str | Path | None = None,
    path: str | Path | None = None,
    missing_ok: bool = False,
) -> pd.DataFrame | None:
    """A hand-coding table, <corpus>/annotations/<filename> (or ``path``), every value a string.

    With ``missing_ok`` an absent file gives None (a corpus without hand coding);
    otherwise it is an error naming the file.
    """
    file = Path(path) if path else Path(corpus_dir or paths.CORPUS) / "annotations" / filename
    if not file.is_file():
        if missing_ok:
            return None
        raise CorpusError(
            f"{file} not found. Hand coding lives in <corpus>/annotations/ "
            "(see corpus/annotations/README.md), or pass the path of your own file."
        )
    return pd.read_csv(io.StringIO(decode_text(file)), dtype=str, keep_default_na=False)


# --------------------------------------------------------------------------
# Article files
# --------------------------------------------------------------------------
#: Encodings the detector chooses among: those of the project's languages (Arabic, English and
#: other Western European) and of Russian and Ukrainian sources. A short text fits many code pages
#: (windows-1256 decodes almost any bytes), so an open choice guesses wrong (Latin-1 French as
#: Central European windows-1250); a closed list of plausible ones does not.
CANDIDATE_ENCODINGS = (
    "cp1256",
    "iso8859_6",
    "cp720",
    "mac_arabic",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "mac_cyrillic",
    "utf_16_le",
    "utf_16_be",
)
#: Python codec name -> (name iconv knows, what it is).
_ENCODING_NAMES = {
    "cp1256": ("WINDOWS-1256", "Arabic Windows"),
    "iso8859-6": ("ISO-8859-6", "Arabic ISO"),
    "cp720": ("CP720", "Arabic DOS"),
    "mac-arabic": ("MACARABIC", "Mac Arabic"),
    "cp1252": ("WINDOWS-1252", "Western European Windows, a superset of Latin-1"),
    "iso8859-1": ("ISO-8859-1", "Latin-1"),
    "iso8859-15": ("ISO-8859-15", "Latin-9"),
    "cp1251": ("WINDOWS-1251", "Cyrillic Windows"),
    "koi8-r": ("KOI8-R", "Russian KOI8"),
    "koi8-u": ("KOI8-U", "Ukrainian KOI8"),
    "iso8859-5": ("ISO-8859-5", "Cyrillic ISO"),
    "mac-cyrillic": ("MACCYRILLIC", "Mac Cyrillic"),
    "utf-16-le": ("UTF-16LE", "UTF-16 little-endian, without a byte-order mark"),
    "utf-16-be": ("UTF-16BE", "UTF-16 big-endian, without a byte-order mark"),
}
#: Byte-order marks of encodings other than UTF-8 (longest first: UTF-32-LE starts like UTF-16-LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)
#: File signatures of formats people save by mistake as .txt.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class EncodingGuess:
    """What a byte string that is not plain UTF-8 most likely is."""

    codec: str | None  #: Python codec that decodes it, or None for a binary file
    iconv: str = ""  #: the name ``iconv -f`` knows
    description: str = ""  #: what it is, in words
    preview: str | None = None  #: its first line decoded, when detected (None: known by its byte-order mark)

    def hint(self, path: Path) -> str:
        """One or two sentences: what the file is and how to convert it to UTF-8."""
        if self.codec is None:
            return (
                f"It is not a text file: it looks like {self.description}. "
                "Save the article as plain UTF-8 text."
            )
        if self.preview is None:
            what = f"It is {self.iconv} text (it starts with a {self.iconv} byte-order mark)."
        else:
            what = (
                f"It decodes as {self.iconv.lower()} ({self.description}), the likeliest encoding "
                f"according to charset-normalizer; its first line then reads \u201c{self.preview}\u201d."
            )
        return (
            f"{what} Convert it with `iconv -f {self.iconv} -t UTF-8 '{path.name}' > "
            f"'{path.stem}.utf8{path.suffix}'` and use the converted file."
        )


def guess_encoding(data: bytes) -> EncodingGuess | None:
    """The likely encoding of ``data`` (byte-order mark, binary signature, else detection), or None."""
    for bom, name, codec in _BOMS:
        if data.startswith(bom):
            return EncodingGuess(codec, name, f"{name} with a byte-order mark")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return EncodingGuess(None, description=what)
    from charset_normalizer import from_bytes  # imported here: only bad files pay for it

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    codec = codecs.lookup(best.encoding).name if best is not None else None
    if codec is None or (b"\x00" in data and not codec.startswith("utf-16")):
        return (
            EncodingGuess(None, description="binary data (it holds NUL bytes)") if b"\x00" in data else None
        )
    iconv, description = _ENCODING_NAMES.get(codec, (codec.upper(), codec))
    preview = next((ln.strip() for ln in str(best).splitlines() if ln.strip()), "")
    return EncodingGuess(codec, iconv, description, preview[:60] + ("\u2026" if len(preview) > 60 else ""))


def decode_text(path: Path) -> str:
    """The text of a UTF-8 file (BOM dropped, line ends made \\n); else a CorpusError with a hint."""
    data = path.read_bytes()
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # NUL bytes are valid UTF-8, so UTF-16 English or a binary file could pass the decoder below.
        guess = guess_encoding(data)
        what = guess.hint(path) if guess else "It holds NUL bytes, which no text file has."
        raise CorpusError(f"{path} is not UTF-8 text. {what}")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped silently
    except UnicodeDecodeError as err:
        guess = guess_encoding(data)
        hint = guess.hint(path) if guess else "Its encoding could not be detected; save the file as UTF-8."
        raise CorpusError(f"{path} is not UTF-8 (byte {err.start}). {hint}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_text(text: str) -> bool:
    """True if ``text`` holds a letter or a digit (not only whitespace, punctuation or direction marks)."""
    return any(ch.isalnum() for ch in text)


def read_article(path: Path) -> str:
    """The text of one article file: UTF-8 (a BOM is dropped), line ends normalised to \\n."""
    text = decode_text(path)
    if not has_text(text):
        what = (
            ""
            if not text.strip()
            else " (it holds no letter or digit, only punctuation, direction marks or spaces)"
        )
        raise CorpusError(
            f"{path} is empty{what}. Put the article text in it (title on the first line) "
            "or remove it and its metadata row."
        )
    return text


def _inside(root: Path, path: Path) -> bool:
    """True if ``path`` resolves (symbolic links and ``..`` followed) to a place inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())


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
            stripped = stripped[len(HEADING_MARKER) :].strip()
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
            rows.append(
                _row(
                    doc_id,
                    f"{seg_id}.s{k:02d}",
                    "sentence",
                    section,
                    heading,
                    seg_id,
                    s + ss,
                    s + se,
                    stripped[ss:se],
                )
            )
    for position, row in enumerate(rows):
        row["position"] = position
    return rows


_KIND_OF_ID_LETTER = {"t": "title", "h": "heading", "p": "paragraph"}


def kind_of_id(segment_id: str) -> str:
    """The kind of a segment from its id (``doc:t``, ``doc:h02``, ``doc:p03``, ``doc:p03.s01``).

    The ids are those ``segment_article`` makes.
    """
    local = segment_id.rsplit(":", 1)[-1]
    return "sentence" if ".s" in local else _KIND_OF_ID_LETTER[local[:1]]


def _row(doc_id, seg_id, kind, section, heading, parent, start, end, text) -> dict:
    return {
        "doc_id": doc_id,
        "segment_id": seg_id,
        "kind": kind,
        "lang": script_lang(text),
        "section": section,
        "section_heading": heading,
        "parent": parent,
        "position": 0,
        "start": start,
        "end": end,
        "text": text,
    }
