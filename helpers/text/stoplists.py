"""Word lists of ``helpers/resources``: the stoplists (stopwords-iso plus additions, less kept words)."""

from __future__ import annotations

from functools import cache

from helpers.paths import RESOURCES
from helpers.text.normalise import normalize


def _read_wordlist(path, fold: bool = True) -> set[str]:
    words = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(normalize(line).casefold() if fold else normalize(line))
    return words


@cache
def stopwords(lang: str) -> frozenset[str]:
    """Stoplist for 'ar' or 'en', normalised like the text: stopwords-iso (pinned package) plus the project's
    additions (``stopwords_extra_*.txt``), less the news words it keeps (``stopwords_keep_*.txt``)."""
    import stopwordsiso

    if lang not in ("ar", "en"):
        raise ValueError(f"no stoplist for language {lang!r}; available: 'ar', 'en'")
    words = {normalize(w).casefold() for w in stopwordsiso.stopwords(lang)}
    words |= _read_wordlist(RESOURCES / f"stopwords_extra_{lang}.txt")
    return frozenset(words - kept_stopwords(lang))


@cache
def kept_stopwords(lang: str) -> frozenset[str]:
    """Words of the stopwords-iso list that the project keeps, because they carry meaning in conflict news
    (with reasons in the file)."""
    return frozenset(_read_wordlist(RESOURCES / f"stopwords_keep_{lang}.txt"))
