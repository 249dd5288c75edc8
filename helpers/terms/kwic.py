"""Concordance (KWIC): every occurrence of a term in both scripts, with its verbatim context."""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable

import pandas as pd
import regex

from helpers import text as tx
from helpers.terms.tokenising import _CONTROLS, _TERMS, TOKEN, _fold, prepare, term_lang, term_of

_VARIANTS = {"\u0627": "\u0627\u0622\u0623\u0625\u0671", "\u064a": "\u064a\u0649"}
_INSIDE = f"[{tx.HARAKAT}{tx.TATWEEL}]*"
_RUN_END = regex.compile(r"[\p{L}\p{M}\p{N}]+\Z")


def _search_patterns(terms: Iterable[str]) -> tuple[re.Pattern, regex.Pattern]:
    """Loose patterns that find every raw spelling of the terms (alef/yaa variants, harakat, tatweel, any
    case).

    The first (stdlib, simple case folding) is for ASCII text, the second (full case folding) for the rest.
    """
    alts = []
    for term in sorted(set(terms), key=len, reverse=True):
        parts = [f"[{_VARIANTS[c]}]" if c in _VARIANTS else re.escape(c) for c in term]
        alts.append(_INSIDE.join(parts) if tx.has_arabic(term) else "".join(parts))
    return re.compile("|".join(alts), re.IGNORECASE), regex.compile(
        "|".join(alts), regex.IGNORECASE | regex.FULLCASE
    )


def _context(body: str, start: int, end: int, window: int, clean: bool) -> tuple[str, str, tuple, tuple]:
    """Verbatim left and right context of ``window`` tokens, and their terms (nearest first).

    ``clean``: the unit needs no text-level normalisation, so a token's term is ``_TERMS[_fold(token)]``.
    """
    span = 12 * window
    while True:  # widen the slice until it holds ``window`` whole tokens or reaches the edge
        lo = max(0, start - span)
        left = list(TOKEN.finditer(body, lo, start))
        if lo == 0 or len(left) > window:
            break
        span *= 4
    left = left[-window:]
    span = 12 * window
    while True:
        hi = min(len(body), end + span)
        right = list(TOKEN.finditer(body, end, hi))
        if hi == len(body) or len(right) > window:
            break
        span *= 4
    right = right[:window]
    fold = _fold if clean else prepare
    return (
        body[left[0].start() : start] if left else "",
        body[end : right[-1].end()] if right else "",
        tuple(_TERMS[fold(m.group())] for m in reversed(left)),
        tuple(_TERMS[fold(m.group())] for m in right),
    )


def concordance(
    units: pd.DataFrame, query: str | Iterable[str], window: int = 5, sort: str = "right"
) -> pd.DataFrame:
    """KWIC lines for every token whose term equals the query term(s), in both scripts.

    The query is normalised like the text (``term_of``), so 'اوكرانيا' finds 'أوكرانيا' and
    'ويتكوف' finds 'وويتكوف'. Contexts are ``window`` tokens each side, verbatim, within the
    unit. ``sort``: 'right' (by R1, R2, ...), 'left' (by L1, L2, ...) or 'position'.
    Columns: doc_id, segment_id, lang, term (the query term matched), start, end (article
    offsets of the node), left, node (verbatim), right.
    """
    if sort not in ("right", "left", "position"):
        raise ValueError(f"sort must be 'right', 'left' or 'position', not {sort!r}")
    queries = [query] if isinstance(query, str) else list(query)
    targets = {term_of(q) for q in queries} - {""}
    if not targets:
        raise ValueError(f"query {query!r} has no letters or digits to match")
    ascii_pattern, pattern = _search_patterns(targets | {tx.normalize(q).casefold() for q in queries})
    in_ascii = any(t.isascii() for t in targets)  # else units in plain ASCII cannot hold a match
    rows = []
    columns = [units[c].tolist() for c in ("doc_id", "segment_id", "start", "text")]
    for doc_id, seg_id, seg_start, body in zip(*columns, strict=False):
        clean = True
        if body.isascii():
            if not in_ascii:
                continue
            matches = ascii_pattern.finditer(body)
        elif not unicodedata.is_normalized("NFKC", body) or _CONTROLS.search(body):
            matches, clean = TOKEN.finditer(body), False  # rare: check every token of the unit
        else:
            matches = pattern.finditer(body)
        last_end = -1
        for m in matches:
            first = m.start()  # the match may sit inside a token (after clitics): find where the token starts
            if first and TOKEN.match(body, first - 1, first):
                run = _RUN_END.search(body, max(0, first - 100), first)
                first = run.start() if run else first
            tok = TOKEN.match(body, first)
            if tok is None or tok.start() < last_end:
                continue
            last_end = tok.end()
            term = _TERMS[_fold(tok.group())] if clean else term_of(tok.group())
            if term not in targets:
                continue
            left, right, lkey, rkey = _context(body, tok.start(), tok.end(), window, clean)
            rows.append(
                (
                    doc_id,
                    seg_id,
                    term_lang(term),
                    term,
                    seg_start + tok.start(),
                    seg_start + tok.end(),
                    left,
                    tok.group(),
                    right,
                    lkey,
                    rkey,
                )
            )
    if sort == "right":
        rows.sort(key=lambda r: (r[-1], r[-2], r[0], r[4]))
    elif sort == "left":
        rows.sort(key=lambda r: (r[-2], r[-1], r[0], r[4]))
    columns = ["doc_id", "segment_id", "lang", "term", "start", "end", "left", "node", "right"]
    return pd.DataFrame([r[:-2] for r in rows], columns=columns)


def concordance_html(kwic: pd.DataFrame, max_rows: int = 50) -> str:
    """An HTML table of KWIC lines: node highlighted, Arabic rows right to left (dir="rtl").

    A table's columns run left to right whatever the row's direction, so an Arabic row
    puts its following context in the left cell and its preceding context in the right
    one: read from the right, it runs preceding context, node, following context.
    """
    style = (
        "<style>.kwic td{padding:2px 6px;white-space:nowrap}.kwic .a{text-align:right}"
        ".kwic .n{text-align:center}.kwic .b{text-align:left}.kwic mark{font-weight:bold}</style>"
    )
    rows = []
    for r in kwic.head(max_rows).itertuples(index=False):
        rtl = r.lang == "ar"
        before, after = (r.right, r.left) if rtl else (r.left, r.right)
        direction = "rtl" if rtl else "ltr"
        rows.append(
            f'<tr dir="{direction}"><td class="a" dir="{direction}">{html.escape(before)}</td>'
            f'<td class="n"><mark>{html.escape(r.node)}</mark></td>'
            f'<td class="b" dir="{direction}">{html.escape(after)}</td>'
            f'<td dir="ltr"><small>{html.escape(r.segment_id)}</small></td></tr>'
        )
    more = f"<p>{len(kwic) - max_rows} more lines not shown.</p>" if len(kwic) > max_rows else ""
    return f'{style}<table class="kwic">{"".join(rows)}</table>{more}'
