"""Headline vs body: which frames and which tone a title or heading shares with the text it stands over."""

from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.framing.codebook import Codebook
from helpers.framing.coding import _join_cells


def headline_body_pairs(units: pd.DataFrame) -> pd.DataFrame:
    """What each headline is compared with: title vs whole body, title vs lead (section 0), heading vs its
    section.

    "title vs lead" is left out where the lead is the whole body (an article without headings).
    """
    rows = []
    for doc_id, doc in units.groupby("doc_id", sort=True):
        paras = doc[doc["kind"] == "paragraph"]
        for head in doc[doc["kind"].isin(["title", "heading"])].itertuples(index=False):
            if head.kind == "title":
                lead = paras[paras["section"] == head.section]
                targets = [("title vs body", paras)] + (
                    [("title vs lead", lead)] if len(lead) < len(paras) else []
                )
            else:
                targets = [("heading vs section", paras[paras["section"] == head.section])]
            for comparison, body in targets:
                rows.append(
                    {
                        "doc_id": doc_id,
                        "comparison": comparison,
                        "section": head.section,
                        "headline_id": head.segment_id,
                        "headline": head.text,
                        "headline_lang": head.lang,
                        "body_ids": tuple(body["segment_id"]),
                        "body_lang": ";".join(sorted(set(body["lang"]))),
                    }
                )
    return pd.DataFrame(rows)


def congruence(
    coded: pd.DataFrame, pairs: pd.DataFrame, codebook: Codebook, tone_frame: str | None = None
) -> pd.DataFrame:
    """Per headline/body pair: frame sets, Jaccard of the sets, cosine of the score vectors, and the tone
    frame's valence on each side.

    Jaccard = |H ∩ B| / |H ∪ B| (1.0 when both sides have no frame); the body's score vector is the
    mean over its paragraphs; cosine is empty when one side has no frame. Valence = sign of the summed
    tone of ``tone_frame`` (default: the codebook's tone frame); its columns are named after that frame.
    """
    ids = codebook.frame_ids
    scores = coded.pivot_table(index="segment_id", columns="frame", values="score", aggfunc="first").reindex(
        columns=ids
    )
    tone_frame, tone = _tone(coded, codebook, tone_frame)
    rows = []
    for p in pairs.itertuples(index=False):
        h = scores.reindex([p.headline_id]).fillna(0.0).iloc[0].to_numpy()
        b = (
            scores.reindex(list(p.body_ids)).fillna(0.0).mean().to_numpy()
            if p.body_ids
            else np.zeros(len(ids))
        )
        hs, bs = (
            {f for f, v in zip(ids, h, strict=False) if v > 0},
            {f for f, v in zip(ids, b, strict=False) if v > 0},
        )
        norm = np.linalg.norm(h) * np.linalg.norm(b)
        hv = _valence(tone, [p.headline_id])
        bv = _valence(tone, list(p.body_ids))
        rows.append(
            {
                "doc_id": p.doc_id,
                "comparison": p.comparison,
                "section": p.section,
                "headline_id": p.headline_id,
                "headline": p.headline,
                "body_paragraphs": len(p.body_ids),
                "headline_frames": ", ".join(f for f in ids if f in hs),
                "body_frames": ", ".join(f for f in ids if f in bs),
                "shared": ", ".join(f for f in ids if f in hs & bs),
                "headline_only": ", ".join(f for f in ids if f in hs - bs),
                "body_only": ", ".join(f for f in ids if f in bs - hs),
                "jaccard": round(len(hs & bs) / len(hs | bs), 4) if hs | bs else 1.0,
                "cosine": round(float(h @ b / norm), 4) if norm else np.nan,
                f"headline_{tone_frame}_valence": hv,
                f"body_{tone_frame}_valence": bv,
                "valence_agrees": (hv == bv) if not (pd.isna(hv) or pd.isna(bv)) else pd.NA,
            }
        )
    return pd.DataFrame(rows)


def _tone_frame(codebook: Codebook, tone_frame: str | None) -> str | None:
    """The tone frame given, else the codebook's; ValueError if it is not a frame of the codebook."""
    tone_frame = tone_frame or codebook.tone_frame
    if tone_frame and tone_frame not in codebook.frame_ids:
        raise ValueError(
            f"tone frame {tone_frame!r} is not a frame of {codebook.source} "
            f"(frames are: {', '.join(codebook.frame_ids)})"
        )
    return tone_frame


def _tone(coded: pd.DataFrame, codebook: Codebook, tone_frame: str | None) -> tuple[str, pd.Series]:
    """The tone frame's name ('tone' if the codebook has none) and its summed tone per segment."""
    tone_frame = _tone_frame(codebook, tone_frame)
    return tone_frame or "tone", coded[coded["frame"] == tone_frame].set_index("segment_id")["tone"]


def _valence(tone: pd.Series, ids: list[str]) -> float:
    """Sign of the summed tone over the segments that have the tone frame; NaN if none has it."""
    present = tone.reindex(ids).dropna()
    return float(np.sign(present.sum())) if len(present) else np.nan


def divergences(
    coded: pd.DataFrame, pairs: pd.DataFrame, codebook: Codebook, tone_frame: str | None = None
) -> pd.DataFrame:
    """Where headline and body differ: frames on one side only, and the tone frame (default: the
    codebook's) when its valence differs."""
    tone_frame, tone = _tone(coded, codebook, tone_frame)
    rows = []
    for p in pairs.itertuples(index=False):
        head, body = coded[coded["segment_id"] == p.headline_id], coded[coded["segment_id"].isin(p.body_ids)]
        for f in codebook.frame_ids:
            hf, bf = head[head["frame"] == f], body[body["frame"] == f]
            hv = _valence(tone, [p.headline_id]) if f == tone_frame else np.nan
            bv = _valence(tone, list(p.body_ids)) if f == tone_frame else np.nan
            if len(hf) and len(bf):
                if f != tone_frame or hv == bv:
                    continue
                kind = "valence differs"
            elif len(hf) or len(bf):
                kind = "headline only" if len(hf) else "body only"
            else:
                continue
            rows.append(
                {
                    "doc_id": p.doc_id,
                    "comparison": p.comparison,
                    "section": p.section,
                    "headline": p.headline,
                    "frame": f,
                    "divergence": kind,
                    "headline_cues": _join_cells(hf["cue"]),
                    "body_cues": _join_cells(bf["cue"]),
                    "headline_valence": hv,
                    "body_valence": bv,
                    "headline_tone_cues": _join_cells(hf["tone_cues"]),
                    "body_tone_cues": _join_cells(bf["tone_cues"]),
                    "body_evidence_ids": _join_cells(bf["evidence_ids"]),
                }
            )
    return pd.DataFrame(
        rows,
        columns=[
            "doc_id",
            "comparison",
            "section",
            "headline",
            "frame",
            "divergence",
            "headline_cues",
            "body_cues",
            "headline_valence",
            "body_valence",
            "headline_tone_cues",
            "body_tone_cues",
            "body_evidence_ids",
        ],
    )
