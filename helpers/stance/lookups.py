"""Plain-dict views of the gazetteer's actor table, for the per-sentence work of stance.

Looking an actor up in ``Gazetteer.actors`` (a DataFrame) costs far more than the rest of a
sentence's attribution, so ``stance_records`` and ``document_stance`` read the table into
dicts once per call (``ActorTable.of``) and pass them along. The values are those of the
DataFrame, so every record is the same as with ``Gazetteer.label`` and ``actors.loc``.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.actors import Gazetteer


@dataclass(frozen=True)
class ActorTable:
    """Per actor id: (English, Arabic) names, group and kind, as in ``Gazetteer.actors``, and the words of
    its titles."""

    label: dict[str, tuple[str, str]]
    group: dict[str, str]
    kind: dict[str, str]
    title_words: dict[str, frozenset[str]]  # the keys of the words of an actor's titles

    @classmethod
    def of(cls, gazetteer: Gazetteer | ActorTable) -> ActorTable:
        """The table of a gazetteer (read now, so later edits of the gazetteer are not seen); a table as
        it is."""
        if isinstance(gazetteer, ActorTable):
            return gazetteer
        actors = gazetteer.actors
        ids = actors.index.tolist()
        return cls(
            dict(zip(ids, zip(actors["en"].tolist(), actors["ar"].tolist(), strict=True), strict=True)),
            dict(zip(ids, actors["group"].tolist(), strict=True)),
            gazetteer.kinds,
            gazetteer.title_words,
        )
