"""Read the corpus folder into validated ``documents`` and ``segments`` tables.

The format is documented in corpus/README.md. Nothing here ever writes to the corpus.

Modules (every public name is importable from ``helpers.corpus``):

- ``schema``: the metadata columns, the segment kinds, ``Corpus``, ``CorpusError`` and the
  schemas of the two tables;
- ``files``: reading a file as UTF-8 text (``decode_text``, ``read_article``), with a hint
  naming the likely encoding of one that is not (``guess_encoding``);
- ``segmenting``: title, headings, paragraphs and sentences of one article (``segment_article``,
  ``is_heading``, ``kind_of_id``);
- ``loading``: ``load_corpus`` (metadata checked against the files on disk, ``read_metadata``;
  ``load_documents`` loads some of its rows) and ``load_annotation``.
"""

from helpers.corpus.files import (
    CANDIDATE_ENCODINGS,
    EncodingGuess,
    bom_encoding,
    decode_text,
    guess_encoding,
    has_text,
    read_article,
)
from helpers.corpus.loading import is_inside, load_annotation, load_corpus, load_documents, read_metadata
from helpers.corpus.schema import (
    DOCUMENTS_SCHEMA,
    KINDS,
    METADATA_COLUMNS,
    METADATA_FILE,
    OPTIONAL_COLUMNS,
    SEGMENTS_SCHEMA,
    UNIT_KINDS,
    Corpus,
    CorpusError,
)
from helpers.corpus.segmenting import (
    HEADING_MARKER,
    HEADING_MAX_WORDS,
    is_heading,
    kind_of_id,
    segment_article,
)

__all__ = [
    "CANDIDATE_ENCODINGS",
    "DOCUMENTS_SCHEMA",
    "HEADING_MARKER",
    "HEADING_MAX_WORDS",
    "KINDS",
    "METADATA_COLUMNS",
    "METADATA_FILE",
    "OPTIONAL_COLUMNS",
    "SEGMENTS_SCHEMA",
    "UNIT_KINDS",
    "Corpus",
    "CorpusError",
    "EncodingGuess",
    "bom_encoding",
    "decode_text",
    "guess_encoding",
    "has_text",
    "is_heading",
    "is_inside",
    "kind_of_id",
    "load_annotation",
    "load_corpus",
    "load_documents",
    "read_article",
    "read_metadata",
    "segment_article",
]
