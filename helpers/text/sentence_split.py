"""Sentence splitting without a downloaded model: ``split_sentences`` and ``sentences``."""

from __future__ import annotations

import re

#: Abbreviations whose final period does not end a sentence (matched case-insensitively).
ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp vs etc e.g i.e u.s u.k u.n d.c a.m p.m no "
        "fig jan feb mar apr jun jul aug sep sept oct nov dec rep reps sen sens gov amb adm hon"
    ).split()
)
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"
_END = ".!?؟…"
_QUOTE_MARKS = re.compile(f"[{_OPENING_QUOTES}{_CLOSING_QUOTES}]")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``; no downloaded model needed.

    A sentence ends at . ! ? ؟ or … (plus any closing quotes or brackets) followed by
    whitespace, unless the period belongs to a known abbreviation, is part of a run of
    dots (the Arabic headline separator ``..``) or sits inside an open “…” or «…» quote. A quote
    mark that no closing mark in ``text`` answers opens a quote that goes on past it (a quote of several
    paragraphs, each of which opens with “ and only the last closes it): its sentences are split.
    """
    spans, start, depth, i, n = [], 0, 0, 0, len(text)
    unclosed = _unclosed_openings(text)
    while i < n:
        ch = text[i]
        if ch in _OPENING_QUOTES and i not in unclosed:
            depth += 1
        elif ch in _CLOSING_QUOTES:
            depth = max(0, depth - 1)
        elif ch in _END and depth > 0 and _quote_closes_sentence(text, i + 1, depth):
            depth = 0  # “Done.” Then ... : the quote ends the sentence
            continue
        elif ch in _END and depth == 0:
            j = i
            while j + 1 < n and text[j + 1] in _END:
                j += 1
            dots = text[i : j + 1]
            k = j + 1
            while k < n and text[k] in "\"')]" + _CLOSING_QUOTES:
                k += 1
            boundary = (k == n or text[k].isspace()) and not (dots == ".." or _is_abbreviation(text, i, dots))
            if boundary:
                end = k
                if text[start:end].strip():
                    spans.append(_trim(text, start, end))
                start = end
            i = k
            continue
        i += 1
    if text[start:].strip():
        spans.append(_trim(text, start, n))
    return spans


def _unclosed_openings(text: str) -> set[int]:
    """Positions of the opening quote marks that no later closing mark answers."""
    stack = []
    for mark in _QUOTE_MARKS.finditer(text):
        if mark.group() in _OPENING_QUOTES:
            stack.append(mark.start())
        elif stack:
            stack.pop()
    return set(stack)


def _quote_closes_sentence(text: str, pos: int, depth: int) -> bool:
    """True if closing quotes at ``pos`` close every open quote and a new sentence follows."""
    k = pos
    while k < len(text) and text[k] in _CLOSING_QUOTES:
        k += 1
    rest = text[k:].lstrip()
    return k - pos >= depth and (k == len(text) or text[k].isspace()) and not rest[:1].islower()


def _is_abbreviation(text: str, i: int, dots: str) -> bool:
    if dots != ".":
        return False
    m = re.search(r"([\w.]+)$", text[:i])
    word = m.group(1) if m else ""
    initial = len(word) == 1 and word.isupper()  # "J. Smith"
    return initial or word.casefold() in ABBREVIATIONS


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` as strings (see ``split_sentences``)."""
    return [text[s:e] for s, e in split_sentences(text)]
