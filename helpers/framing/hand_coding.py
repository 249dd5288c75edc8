"""Reliability of the frame coding against a hand coding: long 0/1 tables, agreement per frame,
disagreements."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing.codebook import Codebook
from helpers.framing.coding import _join_cells, _join_unique
from helpers.framing.headlines import _tone_frame
from helpers.reliability import binary_agreement

VALENCE_CODES = {"+": 1, "-": -1, "0": 0}
HAND_KEYS = ("doc_id", "segment_id", "coder", "frames")
FRAME_HAND_COLUMNS = (*HAND_KEYS, "diplomacy_valence")  # the columns of the project's frame hand-coding file


def hand_codes(
    raw: pd.DataFrame,
    codebook: Codebook,
    source: str = "hand coding",
    valence_column: str = "diplomacy_valence",
    tone_frame: str | None = None,
) -> pd.DataFrame:
    """Hand coding (one row per segment, ``frames`` ';'-separated) as a long 0/1 table: segment_id, frame,
    hand, hand_valence.

    ``valence_column`` (+, -, 0 or empty) is the hand-coded valence of ``tone_frame`` (default: the
    codebook's tone frame); ``hand_valence`` is -1/0/1 on that frame's rows and empty elsewhere.
    """
    tone_frame = _tone_frame(codebook, tone_frame)
    expected = [*HAND_KEYS, valence_column]
    missing = [c for c in expected if c not in raw.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)}; expected {', '.join(expected)}")
    ids = codebook.frame_ids
    rows = []
    for n, r in enumerate(raw.fillna("").to_dict("records"), start=2):
        frames = [f.strip() for f in str(r["frames"]).split(";") if f.strip()]
        unknown = [f for f in frames if f not in ids]
        if unknown:
            raise ValueError(
                f"{source}: line {n} ({r['segment_id']}): unknown frame(s) {', '.join(unknown)}; "
                f"frames are: {', '.join(ids)}"
            )
        valence = r[valence_column]
        if valence not in ("", *VALENCE_CODES):
            raise ValueError(
                f"{source}: line {n} ({r['segment_id']}): {valence_column} must be +, - or 0 or empty"
            )
        for f in ids:
            rows.append(
                {
                    "doc_id": r["doc_id"],
                    "segment_id": r["segment_id"],
                    "coder": r["coder"],
                    "frame": f,
                    "hand": int(f in frames),
                    "hand_valence": VALENCE_CODES.get(valence, np.nan) if f == tone_frame else np.nan,
                }
            )
    return pd.DataFrame(rows, columns=["doc_id", "segment_id", "coder", "frame", "hand", "hand_valence"])


def hand_unit_ids(segments: pd.DataFrame, id_map: pd.DataFrame | None = None) -> pd.Series:
    """The hand-coded unit each segment belongs to: ``id_map`` (segment_id -> hand_segment_id) where given,
    else itself."""
    ids = segments.set_index("segment_id", drop=False)["segment_id"].rename("hand_segment_id")
    if id_map is not None and len(id_map):
        ids.update(id_map.set_index("segment_id")["hand_segment_id"])
    return ids


def compare_codes(hand: pd.DataFrame, coded: pd.DataFrame, unit_ids: pd.Series) -> pd.DataFrame:
    """Hand and automatic 0/1 codes side by side for each hand-coded (segment, frame), with the automatic
    cues.

    ``unit_ids`` (from ``hand_unit_ids``) maps each coded segment to the hand-coded unit it belongs
    to; a hand unit gets the union of the automatic codes of its segments. A hand-coded id that no
    segment maps to raises ValueError (the corpus changed under the hand coding).
    """
    unknown = sorted(set(hand["segment_id"]) - set(unit_ids))
    if unknown:
        raise ValueError(
            f"hand-coded segment(s) not in the corpus: {', '.join(unknown)}; "
            "add them to the segment map (segment_id -> hand_segment_id)"
        )
    auto = coded[coded["segment_id"].isin(unit_ids.index)].assign(
        hand_segment_id=lambda d: d["segment_id"].map(unit_ids)
    )
    auto = (
        auto.groupby(["hand_segment_id", "frame"], sort=False)
        .agg(cue=("cue", _join_cells), auto_tone=("tone", "sum"))
        .reset_index()
        .assign(auto=1)
    )
    auto["auto_valence"] = np.sign(auto["auto_tone"])
    out = hand.merge(
        auto.rename(columns={"hand_segment_id": "segment_id"}), on=["segment_id", "frame"], how="left"
    )
    out["auto"] = out["auto"].fillna(0).astype(int)
    return out.fillna({"cue": ""}).drop(columns="auto_tone")


AGREEMENT_COLUMNS = [
    "frame",
    "units",
    "hand_yes",
    "auto_yes",
    "prevalence_hand",
    "prevalence_auto",
    "agreement",
    "alpha",
    "tp",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
]


def agreement(compared: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per frame coded by hand (and pooled): units, prevalence, % agreement, Krippendorff's alpha (nominal),
    precision, recall, F1 vs hand.

    Each row is ``reliability.binary_agreement`` (precision, recall and F1 follow ``prf``: NaN where
    undefined). No hand-coded unit: an empty table.
    """
    if compared.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    groups = [
        (f, compared[compared["frame"] == f]) for f in codebook.frame_ids if f in set(compared["frame"])
    ]
    groups.append(("(all frames pooled)", compared))
    rows = [
        {"frame": frame, **binary_agreement(g["hand"].to_numpy(), g["auto"].to_numpy())}
        for frame, g in groups
    ]
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def disagreements(
    compared: pd.DataFrame, sentences: pd.DataFrame, hits: pd.DataFrame, unit_ids: pd.Series
) -> pd.DataFrame:
    """The (segment, frame) pairs where hand and automatic coding differ, with the text and any negated
    cue."""
    diff = compared[compared["hand"] != compared["auto"]]
    unit = sentences.assign(hand_segment_id=sentences["segment_id"].map(unit_ids))
    text = unit.groupby("hand_segment_id")["text"].agg(" ".join)
    neg = hits[hits["negated"] & (hits["role"] == "frame")].assign(
        hand_segment_id=lambda d: d["sentence_id"].map(unit_ids)
    )
    negated = neg.groupby(["hand_segment_id", "frame"])["cue"].agg(_join_unique).rename("negated_cues")
    out = diff.join(negated, on=["segment_id", "frame"]).join(text, on="segment_id")
    out["kind_of_error"] = np.where(out["auto"] == 1, "automatic only (false positive)", "hand only (missed)")
    return out.fillna({"negated_cues": ""})[
        ["segment_id", "frame", "hand", "auto", "kind_of_error", "cue", "negated_cues", "text"]
    ].reset_index(drop=True)
