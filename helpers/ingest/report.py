"""What an import reports: its errors, the rows it skips, and the summary printed at the end."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers.ingest.duplicates import NEAR_DUPLICATE_JACCARD, SHINGLE_WORDS


class IngestError(ValueError):
    """A problem with the command or with a whole source; the message names it and the fix."""


class _Skip(Exception):
    """One row or file that cannot be imported; the message is the reason."""


@dataclass
class Report:
    """What an import did: ids imported, rows already present, duplicates marked, rows skipped, notes."""

    corpus: Path
    imported: list[str] = field(default_factory=list)
    already: list[tuple[str, str]] = field(default_factory=list)  # (where, doc_id)
    #: (doc_id, original, kind, jaccard)
    duplicates: list[tuple[str, str, str, float]] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (where, reason)
    dates: list[tuple[str, str]] = field(default_factory=list)  # (where, problem): dates left empty
    untitled: list[str] = field(default_factory=list)  # where: no title, the first line stands as the title
    notes: list[tuple[str, str]] = field(default_factory=list)  # (where, note)
    table: Path | None = None
    n_articles: int = 0
    threshold: float = NEAR_DUPLICATE_JACCARD

    def summary(self) -> str:
        """The report as text: counts, then every date left empty and every row skipped, by row or file."""
        exact = sum(1 for d in self.duplicates if d[2] == "exact")
        lines = [
            f"Imported {len(self.imported)} new article(s) into {self.corpus} "
            f"(its metadata.csv now lists {self.n_articles}).",
            f"Already in the corpus (same outlet and text): {len(self.already)}",
            f"Marked as duplicates: {len(self.duplicates)} "
            f"({exact} exact, {len(self.duplicates) - exact} near; "
            f"near = Jaccard >= {self.threshold} on word {SHINGLE_WORDS}-shingles), "
            f"listed in {self.table}",
            f"Without a title (the first line of the text stands as the title): {len(self.untitled)}",
            f"Dates left empty (unreadable, incomplete or ambiguous): {len(self.dates)}",
        ]
        lines += [f"  {where}: {problem}" for where, problem in self.dates]
        lines.append(f"Skipped: {len(self.skipped)}")
        lines += [f"  {where}: {reason}" for where, reason in self.skipped]
        if self.notes:
            lines.append(f"Notes: {len(self.notes)}")
            lines += [f"  {where}: {note}" for where, note in self.notes]
        return "\n".join(lines)
