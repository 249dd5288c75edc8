"""The per-document pipeline: every analysis stage run one document at a time, results merged, cached.

``analyse(corpus)`` returns the corpus tables the notebooks compute (``TABLES`` names them per
stage): ``units`` and ``sentences`` (segments), ``cue_hits`` and ``frame_codes`` (framing),
``mentions`` (actors), ``statements``, ``portrayal`` and ``quotes`` (stance), ``words`` (the word
list of ``helpers.terms``). Each stage is a function of one document's segments and the resources it
reads (``helpers.pipeline.stages``); its per-document results are combined by an associative merge:
record tables are concatenated in document order (then, where the corpus-wide function sorts by
doc_id, stably sorted by doc_id, as it does), term counts are added (``TermCounts.merge``).

The same in parts: ``run`` gives a ``Partial`` (results per document, counts summed) for any subset of
the documents, ``merge`` combines two partials, ``tables`` turns one into the corpus tables; any split
of the documents gives the same tables. With ``cache`` (default) each (stage, document) result is
kept in ``build/cache/`` (``helpers.pipeline.cache``), keyed on the document's content and the
content hashes of the resources the stage reads: a rerun with nothing changed computes nothing, and
an edited codebook recomputes framing only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import pandas as pd

from helpers.corpus import UNIT_KINDS, Corpus
from helpers.pipeline.cache import CACHE_DIR, NoCache, ResultCache, document_hash, entry_key
from helpers.pipeline.stages import (
    STAGES,
    TABLES,
    Resources,
    actors_stage,
    framing_stage,
    stance_stage,
    terms_stage,
)
from helpers.terms import TermCounts, word_list

#: Tables that the corpus-wide functions sort by doc_id (``code_segments``, ``stance_records``).
SORTED_BY_DOC = ("frame_codes", "statements", "portrayal", "quotes")
#: Tables whose corpus-wide function concatenates every document's table, empty ones included
#: (``stance_records``: a column then keeps the object dtype of an empty part). The others build
#: one table from all rows, which an empty document does not change.
WITH_EMPTY_PARTS = ("statements", "portrayal", "quotes")

__all__ = [
    "CACHE_DIR",
    "STAGES",
    "TABLES",
    "NoCache",
    "Partial",
    "Resources",
    "ResultCache",
    "analyse",
    "merge",
    "run",
    "tables",
]


@dataclass
class Partial:
    """Results of some documents: per record stage, doc_id -> that document's tables; term counts summed."""

    stages: tuple[str, ...]
    records: dict[str, dict[str, tuple]] = field(default_factory=dict)
    counts: TermCounts = field(default_factory=TermCounts)


def merge(a: Partial, b: Partial) -> Partial:
    """The results of the documents of both (which must not overlap): associative and commutative."""
    if a.stages != b.stages:
        raise ValueError(f"cannot merge results of stages {a.stages} with results of stages {b.stages}")
    records = {}
    for stage in set(a.records) | set(b.records):
        left, right = a.records.get(stage, {}), b.records.get(stage, {})
        both = set(left) & set(right)
        if both:
            raise ValueError(f"documents {sorted(both)[:5]} are in both parts; each belongs to one part")
        records[stage] = {**left, **right}
    return Partial(a.stages, records, a.counts.merge(b.counts))


def _cache_of(cache: bool | str | Path | NoCache | None) -> NoCache:
    if isinstance(cache, NoCache):
        return cache
    if cache is True:
        return ResultCache()
    if cache in (False, None):
        return NoCache()
    return ResultCache(cache)


def _check_stages(stages: Iterable[str]) -> tuple[str, ...]:
    stages = tuple(stages)
    unknown = [s for s in stages if s not in STAGES]
    if unknown:
        raise ValueError(f"unknown stage(s) {unknown}; choose from {list(STAGES)}")
    return tuple(s for s in STAGES if s in stages)


def run(
    corpus: Corpus,
    stages: Iterable[str] = STAGES,
    cache: bool | str | Path | NoCache | None = True,
    progress: bool = False,
    resources: Resources | None = None,
) -> Partial:
    """Run the stages on each document of ``corpus`` (any subset of a corpus), reading and filling the cache.

    ``cache``: True (``build/cache/``), a folder, a ``ResultCache`` / ``NoCache`` (whose counters say
    what was computed and what was read), or False (compute everything, store nothing).
    """
    stages = _check_stages(stages)
    store, resources = _cache_of(cache), resources or Resources()
    versions = {s: resources.versions(s) for s in stages if s != "segments"}
    loaded = resources.load() if set(stages) - {"segments", "terms"} else {}
    docs = corpus.documents
    speakers = dict(zip(docs["doc_id"], docs["speaker"], strict=True)) if "speaker" in docs else {}
    segments = corpus.segments
    rows = segments.groupby("doc_id", sort=False).indices
    out = Partial(stages, {s: {} for s in stages if s not in ("segments", "terms")})
    from tqdm.auto import tqdm

    for doc_id in tqdm(list(corpus.documents["doc_id"]), unit="doc", desc="analysing", disable=not progress):
        doc = segments.iloc[rows[doc_id]] if doc_id in rows else segments.iloc[:0]
        units, sentences = doc[doc["kind"].isin(UNIT_KINDS)], doc[doc["kind"] == "sentence"]
        doc_hash = document_hash(doc) if isinstance(store, ResultCache) else ""
        speaker = speakers.get(doc_id, "") or ""
        for stage in stages:
            if stage == "segments":
                continue
            extra = speaker if stage == "stance" else None  # the metadata a stage reads besides the text
            key = entry_key(stage, doc_id, doc_hash, versions[stage], extra)
            result = store.get(stage, key, partial(_compute, stage, units, sentences, loaded, speaker))
            if stage == "terms":
                out.counts = out.counts.merge(result)
            else:
                out.records[stage][doc_id] = result
    return out


def _compute(stage: str, units: pd.DataFrame, sentences: pd.DataFrame, loaded: dict, speaker: str):
    """One stage's result for one document."""
    if stage == "framing":
        return framing_stage(units, sentences, loaded["codebook"])
    if stage == "actors":
        return actors_stage(sentences, loaded["gazetteer"])
    if stage == "stance":
        return stance_stage(sentences, loaded["gazetteer"], loaded["cues"], speaker)
    return terms_stage(units)


def tables(results: Partial, corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The corpus tables of merged results, in the order of ``corpus.documents`` (which they must cover)."""
    out: dict[str, pd.DataFrame] = {}
    order = list(corpus.documents["doc_id"])
    for stage in results.stages:
        if stage == "segments":
            out["units"], out["sentences"] = corpus.units(), corpus.sentences()
        elif stage == "terms":
            out["words"] = word_list(results.counts)
        else:
            done = results.records[stage]
            missing = [d for d in order if d not in done]
            if missing:
                raise ValueError(f"no {stage} results for documents {missing[:5]}; run them and merge")
            for i, name in enumerate(TABLES[stage]):
                out[name] = _concat(
                    [done[d][i] for d in order], name in SORTED_BY_DOC, name in WITH_EMPTY_PARTS
                )
    return out


def _concat(parts: list[pd.DataFrame], sort: bool, keep_empty: bool) -> pd.DataFrame:
    """Concatenate per-document tables in order, empty ones left out unless ``keep_empty`` (dtypes as the
    corpus-wide function gives them), then stably sorted by doc_id if ``sort``."""
    filled = parts if keep_empty else [p for p in parts if len(p)]
    if not filled:
        return parts[0] if parts else pd.DataFrame()
    table = pd.concat(filled, ignore_index=True)
    if sort:
        table = table.sort_values("doc_id", kind="stable").reset_index(drop=True)
    return table


def analyse(
    corpus: Corpus,
    stages: Iterable[str] = STAGES,
    cache: bool | str | Path | NoCache | None = True,
    progress: bool = False,
    resources: Resources | None = None,
) -> dict[str, pd.DataFrame]:
    """The corpus tables of the chosen stages (``TABLES``), computed one document at a time (see ``run``)."""
    return tables(run(corpus, stages, cache, progress, resources), corpus)
