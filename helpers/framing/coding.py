"""Frame coding: cues found in sentences -> frame codes per segment, each with its evidence; aggregates."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers import lexicon
from helpers.framing.codebook import Codebook, _as_negation, prepare_tokens

UNIT_ORDER = {"title": 0, "heading": 1, "paragraph": 2, "sentence": 3}


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------
def _matches_at(tokens: list[str], i: int, pattern: tuple[tuple[str, bool], ...]) -> bool:
    if i + len(pattern) > len(tokens):
        return False
    return all(
        tokens[i + j] == t or (prefix and tokens[i + j].startswith(t))
        for j, (t, prefix) in enumerate(pattern)
    )


def negator_before(tokens: list[str], i: int, negators, window: int) -> str:
    """The negator starting within ``window`` tokens before position ``i`` (and ending before it), or ''.

    The one rule of ``helpers.lexicon.negator_before`` (an Arabic negator also counts with و or ف attached).
    """
    return lexicon.negator_before(tokens, i, _as_negation(negators, window))


def find_cues(text: str, codebook: Codebook) -> list[dict]:
    """Every cue of the codebook found in one text (a sentence), with its position and negation (codebook
    order, then position).

    Only the cues whose first token fits the token at hand are tried (``Codebook.by_first_token``
    and ``by_first_prefix``), not all cues at every token.
    """
    tokens = prepare_tokens(text, codebook.known)
    candidates = []
    for i, tok in enumerate(tokens):
        candidates += [(k, i) for k in codebook.by_first_token.get(tok, ())]
        candidates += [(k, i) for prefix, k in codebook.by_first_prefix if tok.startswith(prefix)]
    hits = []
    for k, i in sorted(candidates):
        frame, item, role, cue, valence, pattern = codebook.matchers[k]
        if _matches_at(tokens, i, pattern):
            negator = lexicon.negator_before(tokens, i, codebook.negation)
            hits.append(
                {
                    "frame": frame,
                    "item": item,
                    "role": role,
                    "cue": cue,
                    "matched": " ".join(tokens[i : i + len(pattern)]),
                    "token": i,
                    "negated": bool(negator),
                    "negator": negator,
                    "valence": -valence if negator else valence,
                }
            )
    return hits


HIT_COLUMNS = [
    "doc_id",
    "sentence_id",
    "parent",
    "lang",
    "section",
    "frame",
    "item",
    "role",
    "cue",
    "matched",
    "token",
    "negated",
    "negator",
    "valence",
    "counted",
    "evidence",
]


def match_cues(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per cue found in a sentence segment, the sentence kept as evidence; ``counted`` says if it
    codes."""
    from tqdm import tqdm

    rows = []
    for seg in tqdm(
        sentences.itertuples(index=False),
        total=len(sentences),
        unit="sentence",
        disable=len(sentences) < 5000,
    ):
        for hit in find_cues(seg.text, codebook):
            rows.append(
                {
                    "doc_id": seg.doc_id,
                    "sentence_id": seg.segment_id,
                    "parent": seg.parent,
                    "lang": seg.lang,
                    "section": seg.section,
                    **hit,
                    "counted": hit["role"] == "tone" or not hit["negated"],
                    "evidence": seg.text,
                }
            )
    return pd.DataFrame(rows, columns=HIT_COLUMNS)


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

    def to_segments(df: pd.DataFrame) -> pd.DataFrame:  # each hit counts for its sentence and for its unit
        both = pd.concat([df.assign(segment_id=df["sentence_id"]), df.assign(segment_id=df["parent"])])
        return both[both["segment_id"].isin(seg["segment_id"])]

    keys = ["segment_id", "frame"]
    coded = (
        to_segments(frame_hits)
        .groupby(keys, sort=False)
        .agg(
            items_hit=("item", "nunique"),
            n_cues=("cue", "size"),
            cue=("cue", _join_unique),
            evidence=("evidence", lambda s: " | ".join(dict.fromkeys(s))),
            evidence_ids=("sentence_id", _join_unique),
        )
        .reset_index()
    )
    tone_hits = tone_hits.assign(
        tone_text=[
            f"{c} ({'+' if v > 0 else '-'}{', negated by ' + n if n else ''})"
            for c, v, n in zip(tone_hits["cue"], tone_hits["valence"], tone_hits["negator"], strict=False)
        ]
    )
    tone = (
        to_segments(tone_hits).groupby(keys).agg(tone=("valence", "sum"), tone_cues=("tone_text", "; ".join))
    )
    coded = coded.merge(tone.reset_index(), on=keys, how="left").merge(seg, on="segment_id")
    coded = coded.merge(codebook.frames[["frame", "family", "n_items"]], on="frame")
    coded["tone"] = coded["tone"].fillna(0).astype(int)
    coded["tone_cues"] = [c if isinstance(c, str) else "" for c in coded["tone_cues"]]
    coded["valence"] = np.sign(coded["tone"]).astype(int)
    coded["score"] = (coded["items_hit"] / coded["n_items"]).round(4)
    coded["frame_order"] = coded["frame"].map({f: i for i, f in enumerate(codebook.frame_ids)})
    coded["kind_order"] = coded["kind"].map(UNIT_ORDER)
    coded = coded.sort_values(["doc_id", "start", "kind_order", "segment_id", "frame_order"]).reset_index(
        drop=True
    )
    coded["primary"] = False
    eligible = coded[coded["family"].isin(codebook.primary_families)]
    best = (
        eligible.sort_values(
            ["score", "n_cues", "frame_order"], ascending=[False, False, True], kind="stable"
        )
        .drop_duplicates("segment_id")
        .index
    )
    coded.loc[best, "primary"] = True
    return coded[CODED_COLUMNS]


def _join_unique(values: pd.Series) -> str:
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
