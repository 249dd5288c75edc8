"""The command line: ``python -m helpers.ingest SOURCE... --corpus DIR`` (see ``helpers.ingest``)."""

from __future__ import annotations

import argparse
import logging
import sys

from helpers.corpus import CorpusError
from helpers.ingest.dates import DATE_ORDERS
from helpers.ingest.duplicates import NEAR_DUPLICATE_JACCARD
from helpers.ingest.importing import ingest
from helpers.ingest.report import IngestError
from helpers.ingest.sources import FIELDS


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
