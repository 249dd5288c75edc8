"""Plain-dict views of the gazetteer's actor table, for the per-sentence work of stance.

Looking an actor up in ``Gazetteer.actors`` (a DataFrame) costs far more than the rest of a
sentence's attribution, so ``stance_records`` and ``document_stance`` read the table into
dicts once per call (``ActorTable.of``) and pass them along. The values are those of the
DataFrame, so every record is the same as with ``Gazetteer.label`` and ``actors.loc``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from helpers.actors import Gazetteer


class _Listed(dict):
    """A dict of the listed actors that answers for an unlisted person too (``helpers.unlisted``: its id is
    its name as written) with ``unlisted(id)``, without keeping it: ``in`` still tells the listed."""

    def __init__(self, listed: dict, unlisted: Callable[[str], object]):
        super().__init__(listed)
        self.unlisted = unlisted

    def __missing__(self, actor: str):
        return self.unlisted(actor)


@dataclass(frozen=True)
class ActorTable:
    """Per actor id: (English, Arabic) names, group and kind, as in ``Gazetteer.actors``, and the words of
    its titles. A person the gazetteer does not list (``helpers.unlisted``) has its id as both names, is
    its own group and has no title words."""

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
            _Listed(
                dict(zip(ids, zip(actors["en"].tolist(), actors["ar"].tolist(), strict=True), strict=True)),
                lambda actor: (actor, actor),
            ),
            _Listed(dict(zip(ids, actors["group"].tolist(), strict=True)), lambda actor: actor),
            _Listed(gazetteer.kinds, lambda actor: "person"),
            gazetteer.title_words,
        )
