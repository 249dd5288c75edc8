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

Modules (every public name is importable from ``helpers.ingest``; a constant is read where it
is defined, so change it there):

- ``sources``: the fields and the readers of tables, .txt files and saved .html pages
  (``read_html``, ``decode_source``);
- ``articles``: one article's file content, id and language codes (``article_text``,
  ``make_doc_id``, ``normalise_languages``);
- ``dates``: ``normalise_date``;
- ``duplicates``: the near-duplicate rule (``NEAR_DUPLICATE_JACCARD``, ``similarity``) and the
  duplicates table;
- ``corpus_files``: ``write_new_file`` and ``write_replacing``;
- ``report``: ``IngestError`` and the ``Report`` an import returns;
- ``importing``: ``ingest`` itself;
- ``cli``: ``main`` and ``build_parser`` (``python -m helpers.ingest`` runs ``__main__``).
"""

from helpers.ingest.articles import article_text, clean_lines, make_doc_id, normalise_languages
from helpers.ingest.cli import build_parser, main
from helpers.ingest.corpus_files import write_new_file, write_replacing
from helpers.ingest.dates import DATE_LANGUAGES, DATE_ORDERS, normalise_date
from helpers.ingest.duplicates import (
    DUPLICATES_COLUMNS,
    DUPLICATES_TABLE,
    LSH_THRESHOLD,
    NEAR_DUPLICATE_JACCARD,
    NUM_PERM,
    SHINGLE_WORDS,
    jaccard,
    save_duplicates_table,
    similarity,
)
from helpers.ingest.importing import ingest
from helpers.ingest.report import IngestError, Report
from helpers.ingest.sources import (
    FIELDS,
    HTML_SUFFIXES,
    TABLE_SUFFIXES,
    TEXT_SUFFIXES,
    Unit,
    decode_source,
    read_html,
)

__all__ = [
    "DATE_LANGUAGES",
    "DATE_ORDERS",
    "DUPLICATES_COLUMNS",
    "DUPLICATES_TABLE",
    "FIELDS",
    "HTML_SUFFIXES",
    "LSH_THRESHOLD",
    "NEAR_DUPLICATE_JACCARD",
    "NUM_PERM",
    "SHINGLE_WORDS",
    "TABLE_SUFFIXES",
    "TEXT_SUFFIXES",
    "IngestError",
    "Report",
    "Unit",
    "article_text",
    "build_parser",
    "clean_lines",
    "decode_source",
    "ingest",
    "jaccard",
    "main",
    "make_doc_id",
    "normalise_date",
    "normalise_languages",
    "read_html",
    "save_duplicates_table",
    "similarity",
    "write_new_file",
    "write_replacing",
]
