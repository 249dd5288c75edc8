"""Validation of the stance records against a hand coding: precision, recall, agreement and the misses."""

from __future__ import annotations

import pandas as pd

from helpers.reliability import set_prf
from helpers.stance.cues import StanceCues, load_stance_cues

#: The columns of the project's stance hand-coding file.
STANCE_HAND_COLUMNS = ["doc_id", "segment_id", "sentence", "source", "target", "polarity"]
#: Columns of the validation table: precision, recall and F1 for the set measures; ``agreement`` (the
#: share of records with the same sign) for the sign on the records both found, which has no precision or
#: recall.
VALIDATION_COLUMNS = ["measure", "hand", "auto", "agree", "precision", "recall", "f1", "agreement"]


def check_hand_coding(hand: pd.DataFrame, sentences: pd.DataFrame, name: str = "hand coding") -> pd.DataFrame:
    """Check a hand-coded stance table: columns, polarity values, and that each sentence is the corpus's."""
    missing = [c for c in STANCE_HAND_COLUMNS if c not in hand.columns]
    if missing:
        raise ValueError(
            f"{name}: missing column(s) {', '.join(missing)}; expected {', '.join(STANCE_HAND_COLUMNS)}."
        )
    hand = hand.assign(polarity=pd.to_numeric(hand["polarity"], errors="coerce"))
    bad = hand[~hand["polarity"].isin([-1, 0, 1])]
    if len(bad):
        raise ValueError(f"{name}: polarity must be -1, 0 or 1; rows {list(bad.index + 2)} are not.")
    hand["polarity"] = hand["polarity"].astype(int)
    text = sentences.set_index("segment_id")["text"]
    unknown = sorted(set(hand["segment_id"]) - set(text.index))
    if unknown:
        raise ValueError(
            f"{name}: segment ids {unknown} are not sentences of the loaded corpus "
            "(did the segmentation change?). Re-key the rows without changing their judgements."
        )
    drift = hand[hand["sentence"] != hand["segment_id"].map(text)]
    if len(drift):
        raise ValueError(
            f"{name}: the sentence text of {list(drift['segment_id'])} differs from the corpus; "
            "the segmentation changed. Re-key the rows without changing their judgements."
        )
    return hand


def _measure_row(auto: set, hand: set, measure: str) -> dict:
    """A row of the validation table: the set ``auto`` against the set ``hand`` (``reliability.set_prf``)."""
    tp, p, r, f = set_prf(auto, hand)
    return {
        "measure": measure,
        "hand": len(hand),
        "auto": len(auto),
        "agree": tp,
        "precision": round(p, 3),
        "recall": round(r, 3),
        "f1": round(f, 3),
        "agreement": float("nan"),
    }


def validate_stance(
    statements: pd.DataFrame, hand: pd.DataFrame, cues: StanceCues | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(validation table, list of misses) of the automatic stance against the hand coding.

    Only documents present in the hand coding are compared. Source attribution is compared
    as (sentence, source) pairs, stance records as (sentence, source, target) and polarity
    sign as (sentence, source, target, sign); a sign is also compared on the records both found.
    Targets are compared at the level of ``broader`` issues (stance_cues.yaml): "US peace plan"
    and "peace plan" are the same target. The set measures get precision, recall and F1; the sign
    on the records both found gets ``agreement`` only (both sides count the same records, so a
    precision or recall would be that share twice).
    """
    issues = (cues or load_stance_cues()).issues
    broader = dict(zip(issues["en"], issues["broader"].map(issues["en"]), strict=False))
    auto = statements[statements["doc_id"].isin(set(hand["doc_id"]))]
    auto = auto.assign(target=auto["target"].replace(broader))
    hand = hand.assign(target=hand["target"].replace(broader))
    a_src = set(zip(auto["segment_id"], auto["source"], strict=False))
    h_src = set(zip(hand["segment_id"], hand["source"], strict=False))
    a_rec = {
        (s, src, t): p
        for s, src, t, p in zip(
            auto["segment_id"], auto["source"], auto["target"], auto["polarity"], strict=False
        )
    }
    h_rec = {
        (s, src, t): p
        for s, src, t, p in zip(
            hand["segment_id"], hand["source"], hand["target"], hand["polarity"], strict=False
        )
    }
    both = set(a_rec) & set(h_rec)
    same_sign = sum(a_rec[k] == h_rec[k] for k in both)
    metrics = pd.DataFrame(
        [
            _measure_row(a_src, h_src, "source attribution (sentence, source)"),
            _measure_row(set(a_rec), set(h_rec), "stance record (sentence, source, target)"),
            _measure_row(
                {(*k, v) for k, v in a_rec.items()},
                {(*k, v) for k, v in h_rec.items()},
                "polarity sign (sentence, source, target, sign)",
            ),
            {
                "measure": "sign agreement on records both found",
                "hand": len(both),
                "auto": len(both),
                "agree": same_sign,
                "precision": float("nan"),
                "recall": float("nan"),
                "f1": float("nan"),
                "agreement": round(same_sign / len(both), 3) if both else float("nan"),
            },
        ],
        columns=VALIDATION_COLUMNS,
    )
    sentence = {
        **dict(zip(auto["segment_id"], auto["evidence"], strict=False)),
        **dict(zip(hand["segment_id"], hand["sentence"], strict=False)),
    }
    problems = [
        ("missed (in hand coding only)", sorted(set(h_rec) - set(a_rec))),
        ("extra (automation only)", sorted(set(a_rec) - set(h_rec))),
        ("sign differs", [k for k in sorted(both) if a_rec[k] != h_rec[k]]),
    ]
    rows = [
        {
            "problem": problem,
            "segment_id": k[0],
            "source": k[1],
            "target": k[2],
            "hand_polarity": h_rec.get(k),
            "auto_polarity": a_rec.get(k),
        }
        for problem, keys in problems
        for k in keys
    ]
    misses = pd.DataFrame(
        rows, columns=["problem", "segment_id", "source", "target", "hand_polarity", "auto_polarity"]
    )
    misses["sentence"] = misses["segment_id"].map(sentence)
    return metrics, misses
