"""The analysis stages: each a corpus-wide function of documents' segments and the resources it reads.

A stage returns its tables by name (or, for ``terms``, a ``TermCounts``). The functions it calls
work document by document, so ``helpers.pipeline`` can run a stage on any batch of documents and
merge the batches' results. ``Resources`` names the resource files (None: the
project's own in ``helpers/resources/``); ``Resources.versions`` gives, per stage, the content hashes
(sha256, not modification times) of the files the stage reads, which key the cache.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import pandas as pd

from helpers import actors, framing, paths, stance, terms
from helpers.lexicon import NEGATION_FILE
from helpers.resource_loader import file_version
from helpers.stance.cues import ARABIC_VALENCE_FILE, CUES_FILE, vader_lexicon_path

#: The stages in the order they run, and the tables each contributes to ``analyse``'s result.
STAGES = ("segments", "framing", "actors", "stance", "terms")
TABLES = {
    "segments": ("documents", "units", "sentences"),
    "framing": ("cue_hits", "frame_codes"),
    "actors": ("mentions",),
    "stance": ("statements", "portrayal", "quotes"),
    "terms": ("words",),
}


@dataclass(frozen=True)
class Resources:
    """The resource files the stages read (None: the project's file in helpers/resources/).

    The negators (``negation.yaml``), stoplists and the other word lists of ``helpers/resources/``
    are always the project's: their loaders take no path.
    """

    codebook: str | Path | None = None
    gazetteer: str | Path | None = None
    stance_cues: str | Path | None = None
    arabic_valence: str | Path | None = None

    def load(self) -> dict:
        """The loaded resources (the loaders cache on file contents, as the result cache keys do)."""
        codebook, gazetteer, cues, valence = self._paths()
        return {
            "codebook": framing.load_codebook(codebook),
            "gazetteer": actors.load_gazetteer(gazetteer),
            "cues": stance.load_stance_cues(cues, valence),
        }

    def _paths(self) -> tuple[Path, Path, Path, Path]:
        return (
            Path(self.codebook or framing.CODEBOOK_FILE),
            Path(self.gazetteer or actors.GAZETTEER_FILE),
            Path(self.stance_cues or CUES_FILE),
            Path(self.arabic_valence or ARABIC_VALENCE_FILE),
        )

    def files(self, stage: str) -> list[Path]:
        """The resource files one stage reads, besides what every stage reads (``common_version``)."""
        codebook, gazetteer, cues, valence = self._paths()
        return {
            "segments": [],
            "framing": [codebook, NEGATION_FILE],
            "actors": [gazetteer],
            "stance": [gazetteer, cues, valence, NEGATION_FILE, vader_lexicon_path()],
            "terms": [],
        }[stage]

    def versions(self, stage: str) -> dict:
        """What a stage's results depend on besides the document: content hashes and versions."""
        return {
            "files": {f.name: file_version(f) for f in self.files(stage)},
            "common": common_version(),
        }


def common_version() -> dict:
    """What every stage reads: the word lists of helpers/resources/ (stoplists, known words, acronyms),
    the source of the ``helpers`` package (a code change must not leave stale results) and the versions
    of pandas (the pickle format of a table) and stopwordsiso."""
    package = Path(paths.RESOURCES).parent
    code = hashlib.sha256()
    for f in sorted(package.rglob("*.py")):
        code.update(str(f.relative_to(package)).encode() + b"\0" + f.read_bytes() + b"\0")
    return {
        "word_lists": {f.name: file_version(f) for f in sorted(Path(paths.RESOURCES).glob("*.txt"))},
        "code": code.hexdigest(),
        "pandas": pd.__version__,
        "stopwordsiso": metadata.version("stopwordsiso"),
    }


# --------------------------------------------------------------------------
# The stages: the corpus-wide functions, each called on a batch of documents
# (units and sentences of the batch, the loaded resources, the metadata a stage reads besides the text:
# {"speaker": {doc_id: ...}, "date": {...}, "url": {...}})
# --------------------------------------------------------------------------
def framing_stage(units: pd.DataFrame, sentences: pd.DataFrame, loaded: dict, meta: dict) -> dict:
    """Cue hits and frame codes, as notebook 02 computes them."""
    codebook = loaded["codebook"]
    hits = framing.match_cues(sentences, codebook)
    return {
        "cue_hits": hits,
        "frame_codes": framing.code_segments(hits, pd.concat([units, sentences]), codebook),
    }


def actors_stage(units: pd.DataFrame, sentences: pd.DataFrame, loaded: dict, meta: dict) -> dict:
    """Actor mentions (an office's title names its holder on the document's date; its url says which titles
    alone a government site names its officials by)."""
    return {"mentions": actors.actor_mentions(sentences, loaded["gazetteer"], meta["date"], meta["url"])}


def stance_stage(units: pd.DataFrame, sentences: pd.DataFrame, loaded: dict, meta: dict) -> dict:
    """Statements, portrayal and quotes; speakers, dates and urls as the metadata columns give them."""
    statements, portrayal, quotes = stance.stance_records(
        sentences, loaded["gazetteer"], loaded["cues"], meta["speaker"], meta["date"], meta["url"]
    )
    return {"statements": statements, "portrayal": portrayal, "quotes": quotes}


def terms_stage(units: pd.DataFrame, sentences: pd.DataFrame, loaded: dict, meta: dict) -> terms.TermCounts:
    """Term counts (every term, stopwords included; merged by addition)."""
    return terms.count_units(units)


STAGE_FUNCTIONS = {
    "framing": framing_stage,
    "actors": actors_stage,
    "stance": stance_stage,
    "terms": terms_stage,
}
