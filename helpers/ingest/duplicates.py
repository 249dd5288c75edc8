"""Exact and near copies: the words compared, shingles, Jaccard, MinHash, and the duplicates table."""

from __future__ import annotations

import hashlib
import math
import re
import unicodedata
from pathlib import Path

import pandas as pd

from helpers import export
from helpers.corpus import CorpusError, read_article
from helpers.ingest.corpus_files import corpus_file

#: Near-duplicate rule: Jaccard similarity of the sets of word 5-shingles of the two bodies (the
#: text after the title line) at or above 0.8. Measured (corpus/README.md gives the figures): the
#: devset's 242 real texts, many on the same events, never pair above 0.13; a syndicated copy of a
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
            mine, theirs = (read_article(corpus_file(root, r["file"])) for r in (row, original))
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
