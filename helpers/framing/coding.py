"""Frame coding: cues found in sentences -> frame codes per segment, each with its evidence; aggregates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers import lexicon
from helpers.framing.codebook import Codebook, _as_negation, prepare_tokens
from helpers.text import token_spans

UNIT_ORDER = {"title": 0, "heading": 1, "paragraph": 2, "sentence": 3}


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------
def _matches_at(tokens: list[str], i: int, pattern: tuple[tuple[str, bool], ...]) -> bool:
    if i + len(pattern) > len(tokens):
        return False
    for token, (t, prefix) in zip(tokens[i : i + len(pattern)], pattern, strict=True):
        if token != t and not (prefix and token.startswith(t)):
            return False
    return True


def negator_before(
    tokens: list[str], i: int, negators, window: int, not_negation=(), clause_from: int = 0
) -> str:
    """The negator starting within ``window`` tokens before position ``i`` (and ending before it) and not
    before ``clause_from``, the first token of ``i``'s clause, or ''.

    The one rule of ``helpers.lexicon.negator_before`` (an Arabic negator also counts with و or ف attached;
    a phrase of ``not_negation``, "لا يزال", is no negator).
    """
    return lexicon.negator_before(tokens, i, _as_negation(negators, window, not_negation), clause_from)


#: What ``find_cues`` tells of each cue found, in the order of ``HIT_COLUMNS``.
CUE_FIELDS = ("frame", "item", "role", "cue", "matched", "token", "negated", "negator", "valence")


def find_cues(text: str, codebook: Codebook) -> list[dict]:
    """Every cue of the codebook found in one text (a sentence), with its position and negation (codebook
    order, then position).

    Only the cues whose first token fits the token at hand are tried (``Codebook.candidates``, from
    ``by_first_token`` and ``by_first_prefix``), not all cues at every token.
    """
    return [dict(zip(CUE_FIELDS, hit, strict=True)) for hit in _cue_hits(text, codebook)]


def _cue_hits(text: str, codebook: Codebook) -> list[tuple]:
    """``find_cues`` as tuples of ``CUE_FIELDS``."""
    tokens = prepare_tokens(text, codebook.known)
    hits, negators, clause_from = [], {}, None
    for k, i in codebook.candidates(tokens):
        frame, item, role, cue, valence, pattern = codebook.matchers[k]
        if len(pattern) == 1 or _matches_at(tokens, i, pattern):  # a candidate's first token fits
            negator = negators.get(i)
            if negator is None:
                negator = lexicon.negator_before(tokens, i, codebook.negation)
                if negator:  # the window does not reach past a comma: found only now, as negators are rare
                    if clause_from is None:
                        clause_from = lexicon.clause_starts(text, token_spans(text))
                    negator = lexicon.negator_before(tokens, i, codebook.negation, clause_from[i])
                negators[i] = negator
            matched = " ".join(tokens[i : i + len(pattern)])
            hits.append(
                (frame, item, role, cue, matched, i, bool(negator), negator, -valence if negator else valence)
            )
    return hits


HIT_COLUMNS = [
    "doc_id",
    "sentence_id",
    "parent",
    "lang",
    "section",
    *CUE_FIELDS,
    "counted",
    "evidence",
]


def match_cues(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per cue found in a sentence segment, the sentence kept as evidence; ``counted`` says if it
    codes."""
    from tqdm import tqdm

    fields = [sentences[c].tolist() for c in ("doc_id", "segment_id", "parent", "lang", "section", "text")]
    columns: list[list] = [[] for _ in HIT_COLUMNS]  # filled value by value: no object kept per row
    for doc_id, segment_id, parent, lang, section, text in tqdm(
        zip(*fields, strict=True),
        total=len(sentences),
        unit="sentence",
        disable=len(sentences) < 5000,
    ):
        for hit in _cue_hits(text, codebook):
            counted = hit[2] == "tone" or not hit[6]  # role, negated
            row = (doc_id, segment_id, parent, lang, section, *hit, counted, text)
            for column, value in zip(columns, row, strict=True):
                column.append(value)
    if not columns[0]:
        return pd.DataFrame([], columns=HIT_COLUMNS)  # no hit: empty object columns
    return pd.DataFrame(dict(zip(HIT_COLUMNS, columns, strict=True)), columns=HIT_COLUMNS)


# --------------------------------------------------------------------------
# Coding segments
# --------------------------------------------------------------------------
CODED_COLUMNS = [
    "doc_id",
    "segment_id",
    "kind",
    "lang",
    "section",
    "section_heading",
    "frame",
    "family",
    "score",
    "items_hit",
    "n_cues",
    "primary",
    "tone",
    "valence",
    "cue",
    "tone_cues",
    "evidence",
    "evidence_ids",
]


def code_segments(hits: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Frames present in each segment (title, heading, paragraph, sentence) with score, primary, valence and
    evidence.

    A unit gets the cues of its sentences; a sentence its own. score = share of the frame's
    indicator items with at least one counted cue (Semetko & Valkenburg: the mean of the items).
    Segments without a counted cue get no row: no evidence, no code.
    """
    frame_hits = hits[(hits["role"] == "frame") & hits["counted"]]
    present = frame_hits[["sentence_id", "frame"]].drop_duplicates()
    tone_hits = hits[hits["role"] == "tone"].merge(
        present, on=["sentence_id", "frame"]
    )  # tone needs its frame
    seg = segments[["doc_id", "segment_id", "kind", "lang", "section", "section_heading", "start"]]
    seg_ids = set(seg["segment_id"].tolist())
    groups = _by_segment(frame_hits, seg_ids, ["item", "cue", "evidence", "sentence_id"])
    found = groups.values()  # per (segment_id, frame): (item, cue, evidence, sentence_id) of each hit

    def column(values: list, like: str) -> list | pd.Series:  # no rows: the dtype of the hits' column
        return values if values else pd.Series(values, dtype=frame_hits[like].dtype if like else "int64")

    coded = pd.DataFrame(
        {
            "segment_id": column([seg_id for seg_id, _ in groups], "sentence_id"),
            "frame": column([frame for _, frame in groups], "frame"),
            "items_hit": column([len({h[0] for h in g}) for g in found], ""),
            "n_cues": column([len(g) for g in found], ""),
            "cue": column([_join_unique(h[1] for h in g) for g in found], "cue"),
            "evidence": column([" | ".join(dict.fromkeys(h[2] for h in g)) for g in found], "evidence"),
            "evidence_ids": column([_join_unique(h[3] for h in g) for g in found], "sentence_id"),
        }
    )
    tone_hits = tone_hits.assign(
        tone_text=[
            f"{c} ({'+' if v > 0 else '-'}{', negated by ' + n if n else ''})"
            for c, v, n in zip(*(tone_hits[k].tolist() for k in ("cue", "valence", "negator")), strict=True)
        ]
    )
    tone = _by_segment(tone_hits, seg_ids, ["valence", "tone_text"])
    coded["tone"] = pd.Series([sum(v for v, _ in tone.get(key, ())) for key in groups], dtype=int)
    coded["tone_cues"] = ["; ".join(t for _, t in tone.get(key, ())) for key in groups]
    coded = coded.merge(seg, on="segment_id")
    coded = coded.merge(codebook.frames[["frame", "family", "n_items"]], on="frame")
    coded["valence"] = np.sign(coded["tone"]).astype(int)
    coded["score"] = (coded["items_hit"] / coded["n_items"]).round(4)
    frame_order = {f: i for i, f in enumerate(codebook.frame_ids)}
    coded["frame_order"] = [frame_order.get(f, np.nan) for f in coded["frame"].tolist()]
    coded["kind_order"] = [UNIT_ORDER.get(k, np.nan) for k in coded["kind"].tolist()]
    coded = coded.sort_values(["doc_id", "start", "kind_order", "segment_id", "frame_order"]).reset_index(
        drop=True
    )
    coded["primary"] = False
    eligible = coded.loc[
        coded["family"].isin(codebook.primary_families), ["segment_id", "score", "n_cues", "frame_order"]
    ]
    best = (
        eligible.sort_values(
            ["score", "n_cues", "frame_order"], ascending=[False, False, True], kind="stable"
        )
        .drop_duplicates("segment_id")
        .index
    )
    coded.loc[best, "primary"] = True
    return coded[CODED_COLUMNS]


def _by_segment(hits: pd.DataFrame, seg_ids: set[str], columns: list[str]) -> dict[tuple[str, str], list]:
    """(segment_id, frame) -> the ``columns`` values of its hits, in order, for the segments in ``seg_ids``.

    Each hit counts for its sentence and for its unit: the hits by sentence come first, then by unit.
    """
    frames = hits["frame"].tolist()
    rows = list(zip(*(hits[c].tolist() for c in columns), strict=True))
    groups: dict[tuple[str, str], list] = {}
    for ids in (hits["sentence_id"].tolist(), hits["parent"].tolist()):
        for seg_id, frame, row in zip(ids, frames, rows, strict=True):
            if seg_id in seg_ids:
                groups.setdefault((seg_id, frame), []).append(row)
    return groups


def _join_unique(values) -> str:
    return "; ".join(dict.fromkeys(values))


def _join_cells(cells: pd.Series) -> str:
    """Distinct '; '-separated values of several cells, in order."""
    return _join_unique(pd.Series([v for cell in cells for v in str(cell).split("; ") if v], dtype=str))


def primary_frames(coded: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """One row per segment: its primary frame and all frames present ('' where none)."""
    frames = coded.groupby("segment_id", sort=False)["frame"].agg(", ".join).rename("frames")
    primary = (
        coded[coded["primary"]]
        .set_index("segment_id")[["frame", "score", "cue"]]
        .rename(columns={"frame": "primary_frame", "score": "primary_score", "cue": "primary_cue"})
    )
    out = segments[["doc_id", "segment_id", "kind", "lang", "section", "text"]].join(primary, on="segment_id")
    out = out.join(frames, on="segment_id")
    return out.fillna({"primary_frame": "", "primary_cue": "", "frames": "", "primary_score": 0.0})


# --------------------------------------------------------------------------
# Aggregates
# --------------------------------------------------------------------------
def aggregate(coded: pd.DataFrame, units: pd.DataFrame, by: list[str], codebook: Codebook) -> pd.DataFrame:
    """Per group and frame: units, units with the frame, their share, and the mean score over all units of the
    group.

    ``units`` are the segments counted (the denominator) and carry the ``by`` columns. The
    counts are sums, so groups computed on parts of a corpus merge by adding them up.
    """
    n = units.groupby(by, dropna=False).size().rename("units").reset_index()
    merged = coded[["segment_id", "frame", "score", "n_cues"]].merge(
        units[["segment_id", *by]], on="segment_id"
    )
    counts = (
        merged.groupby(by + ["frame"], dropna=False)
        .agg(units_with_frame=("segment_id", "nunique"), score_sum=("score", "sum"), cues=("n_cues", "sum"))
        .reset_index()
    )
    out = n.merge(codebook.frames[["frame", "family"]], how="cross").merge(
        counts, on=by + ["frame"], how="left"
    )
    out = out.fillna({"units_with_frame": 0, "score_sum": 0.0, "cues": 0})
    out["units_with_frame"] = out["units_with_frame"].astype(int)
    out["cues"] = out["cues"].astype(int)
    out["share"] = (out["units_with_frame"] / out["units"]).round(4)
    out["mean_score"] = (out["score_sum"] / out["units"]).round(4)
    return out[[*by, "frame", "family", "units", "units_with_frame", "share", "mean_score", "cues"]]


def cooccurrence(coded: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Frame x frame matrix: number of segments in ``coded`` where both frames are present (diagonal: the
    frame)."""
    ids = codebook.frame_ids
    x = pd.crosstab(coded["segment_id"], coded["frame"]).reindex(columns=ids, fill_value=0).clip(upper=1)
    return (x.T @ x).reindex(index=ids, columns=ids, fill_value=0).rename_axis(index="frame", columns=None)
