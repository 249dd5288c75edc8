"""What a loaded corpus is: the metadata columns, the segment kinds, ``Corpus`` and its table schemas."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ["doc_id", "file", "title", "outlet", "date", "url", "languages", "provenance", "licence"]
#: Columns a metadata file may add; empty when absent. speaker: the actor whose speech the whole text is;
#: duplicate_of: the doc_id of the article this one copies (marked by helpers.ingest; skipped by default).
OPTIONAL_COLUMNS = ["speaker", "duplicate_of"]
KINDS = ("title", "heading", "paragraph", "sentence")
#: Kinds that together cover each document's text exactly once (sentences cover it again).
UNIT_KINDS = ("title", "heading", "paragraph")


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


def _validate(schema: pa.DataFrameSchema, df: pd.DataFrame, where: Path) -> pd.DataFrame:
    try:
        return schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as err:
        raise CorpusError(
            f"{where}: the loaded corpus fails its schema check:\n{err.failure_cases}"
        ) from None
