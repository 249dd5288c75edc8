"""Loading the corpus folder: metadata checked against the files, articles segmented, tables validated."""

from __future__ import annotations

import csv
import hashlib
import io
import os
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus.files import decode_text, read_article
from helpers.corpus.schema import (
    DOCUMENTS_SCHEMA,
    METADATA_COLUMNS,
    METADATA_FILE,
    OPTIONAL_COLUMNS,
    SEGMENTS_SCHEMA,
    Corpus,
    CorpusError,
    _validate,
)
from helpers.corpus.segmenting import segment_article


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
    return load_documents(root, meta)


def load_documents(root: Path, rows: list[dict[str, str]]) -> Corpus:
    """The validated tables of some articles of the folder ``root``, given their metadata rows
    (``read_metadata``'s). Loading rows in parts and concatenating gives ``load_corpus``'s tables."""
    docs, segs = [], []
    for row in rows:
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
    real = _Resolver()
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
        if not real.inside(root, root / row["file"]):
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
    listed = {real(root / r["file"]) for r in rows}
    for f in sorted((root / "articles").glob("*.txt")) if (root / "articles").is_dir() else []:
        if real(f) not in listed:
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


class _Resolver:
    """``os.path.realpath`` for many files, each folder resolved once (a corpus keeps thousands of files
    in one folder): a file that is not itself a symbolic link resolves to its resolved folder + its name."""

    def __init__(self) -> None:
        self.folders: dict = {}  # folder (str, or the root Path) -> its real path

    def __call__(self, path: Path) -> str:
        folder, name = os.path.split(os.fspath(path))
        if name in ("", ".", "..") or os.path.islink(path):
            return os.path.realpath(path)
        if folder not in self.folders:
            self.folders[folder] = os.path.realpath(folder)
        return os.path.join(self.folders[folder], name)

    def inside(self, root: Path, path: Path) -> bool:
        """``is_inside(root, path)``."""
        if root not in self.folders:
            self.folders[root] = os.path.realpath(root)
        real, top = self(path), self.folders[root]
        return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def is_inside(root: Path, path: Path) -> bool:
    """True if ``path`` resolves (symbolic links and ``..`` followed) to a place inside ``root``."""
    return path.resolve().is_relative_to(root.resolve())
