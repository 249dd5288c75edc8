"""Dates as a source wrote them -> ``YYYY-MM-DD``, or empty with the reason; nothing is guessed."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

DATE_ORDERS = ("DMY", "MDY")
#: Languages whose month and day names the date parser reads (plus ISO and numeric dates).
DATE_LANGUAGES = ["en", "ar", "fr", "ru", "uk"]

_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
_ISO_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?!\d)")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})(?!\d)")


@lru_cache(maxsize=65536)
def normalise_date(value: str, order: str | None = None) -> tuple[str, str | None]:
    """(``YYYY-MM-DD`` or "", problem or None) for a date as a source wrote it; nothing is guessed.

    ISO dates and timestamps keep the calendar date written (no time-zone conversion); numeric
    dates need a four-digit year, and day and month are read by ``order`` ("DMY", "MDY") or, without
    it, only when one of them is above 12; other dates (``27 November 2025``, ``Nov 27, 2025``,
    ``Thu, 27 Nov 2025 08:30 GMT``, ``27 نوفمبر 2025``) go to dateparser with day, month and year
    required and relative dates ("yesterday") refused.
    """
    raw = " ".join(value.split())
    if not raw:
        return "", None
    s = raw.translate(_ARABIC_DIGITS)
    if m := _ISO_DATE.match(s):
        return _checked_date(raw, int(m[1]), int(m[2]), int(m[3]))
    if m := _NUMERIC_DATE.search(s):
        a, b, c = m.groups()
        if len(a) == 4:
            return _checked_date(raw, int(a), int(b), int(c))
        if len(c) != 4:
            return "", f"unreadable date {raw!r} (a numeric date needs a four-digit year)"
        x, y = int(a), int(b)
        if order == "DMY" or (order is None and x > 12 >= y):
            return _checked_date(raw, int(c), y, x)
        if order == "MDY" or (order is None and y > 12 >= x):
            return _checked_date(raw, int(c), x, y)
        if x == y:
            return _checked_date(raw, int(c), x, x)
        return (
            "",
            f"ambiguous date {raw!r} (day and month could be either way round; pass --date-order DMY or MDY)",
        )
    import dateparser

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "STRICT_PARSING": True,
        "PARSERS": ["absolute-time"],
    }
    try:
        parsed = dateparser.parse(s, languages=DATE_LANGUAGES, settings=settings)
    except (ValueError, OverflowError):
        parsed = None
    if parsed is None:
        return "", f"unreadable date {raw!r}"
    return parsed.date().isoformat(), None


def _checked_date(raw: str, year: int, month: int, day: int) -> tuple[str, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        return "", f"unreadable date {raw!r} (no such day)"
