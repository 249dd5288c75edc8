"""Stance aggregates: per actor (statements, targets, portrayal) and source x target tables."""

from __future__ import annotations

import pandas as pd

from helpers.actors import Gazetteer, load_gazetteer


def stance_by_actor(
    mentions: pd.DataFrame,
    statements: pd.DataFrame,
    portrayal: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
) -> pd.DataFrame:
    """Per actor: mentions, own statements and their mean polarity, times targeted, portrayal tone."""
    gaz = gazetteer or load_gazetteer()
    actors = gaz.actors[["actor", "en", "ar", "group"]].reset_index(drop=True)
    own = statements.groupby("source")["polarity"]
    received = statements[statements["target_kind"] == "actor"].groupby("target")["polarity"]
    tone = portrayal.groupby("actor")["score"]
    out = actors.assign(
        mentions=actors["actor"].map(mentions.groupby("actor").size()).fillna(0).astype(int),
        statements=actors["en"].map(own.size()).fillna(0).astype(int),
        mean_polarity=actors["en"].map(own.mean()),
        targeted=actors["en"].map(received.size()).fillna(0).astype(int),
        mean_polarity_received=actors["en"].map(received.mean()),
        portrayal_sentences=actors["actor"].map(tone.size()).fillna(0).astype(int),
        portrayal_tone=actors["actor"].map(tone.mean()),
    )
    return out.round({"mean_polarity": 3, "mean_polarity_received": 3, "portrayal_tone": 3})


def stance_matrix(statements: pd.DataFrame, aggfunc: str = "mean", value: str = "polarity") -> pd.DataFrame:
    """Source x target table of ``aggfunc`` ('mean', 'size', ...) of ``value``; NaN where no statement.

    Rows and columns are ordered by how many statements they hold (ties by name), so the
    mean and the count tables of the same statements line up cell for cell.
    """
    if statements.empty:
        return pd.DataFrame()
    rows = statements["source"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    cols = statements["target"].value_counts().sort_index().sort_values(ascending=False, kind="stable").index
    table = statements.pivot_table(index="source", columns="target", values=value, aggfunc=aggfunc)
    return table.reindex(index=rows, columns=cols)
