"""Script detection, tokenising, and casefolding that spares the listed acronyms."""

from __future__ import annotations

import re
from functools import lru_cache

import regex

from helpers.paths import RESOURCES
from helpers.text.normalise import HARAKAT, TATWEEL
from helpers.text.stoplists import _read_wordlist

# --------------------------------------------------------------------------
# Script and language
# --------------------------------------------------------------------------
_ARABIC_LETTER = regex.compile(r"\p{Script=Arabic}")
_LATIN_LETTER = regex.compile(r"\p{Script=Latin}")


def has_arabic(text: str) -> bool:
    """True if ``text`` contains at least one Arabic-script character."""
    return bool(_ARABIC_LETTER.search(text))


def script_lang(text: str) -> str:
    """Language code by script: 'ar' if Arabic letters are at least as many as Latin ones, else 'en'; 'und'
    if neither."""
    ar = len(_ARABIC_LETTER.findall(text))
    la = len(_LATIN_LETTER.findall(text))
    if ar == la == 0:
        return "und"
    return "ar" if ar >= la else "en"


# --------------------------------------------------------------------------
# Tokenising
# --------------------------------------------------------------------------
#: A token is a run of letters, combining marks and digits. Unlike stdlib ``\w`` this
#: keeps a word whole across harakat (category Mn), so ``ستُستأنف`` stays one token.
TOKEN_PATTERN = regex.compile(r"[\p{L}\p{M}\p{N}]+")


def tokenize(text: str, lower: bool = True, keep_acronyms: bool = False) -> list[str]:
    """Split already-normalised text into word tokens (letters, marks, digits); casefold if ``lower``.

    ``keep_acronyms``: a listed acronym written in capitals stays as it is (``casefold``), as in term
    counting.
    """
    if lower:
        text = casefold(text) if keep_acronyms else text.casefold()
    return TOKEN_PATTERN.findall(text)


def token_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, token) for each token of ``text`` as it stands (no normalisation, no casefolding)."""
    spans, end = [], 0
    for token in TOKEN_PATTERN.findall(text):
        start = text.find(token, end)  # no token character between two tokens: the first match is the token
        end = start + len(token)
        spans.append((start, end, token))
    return spans


# --------------------------------------------------------------------------
# Acronyms
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def acronyms() -> frozenset[str]:
    """English acronyms that keep their capitals in term counting (``resources/acronyms_en.txt``): US, UN,
    ..."""
    return frozenset(_read_wordlist(RESOURCES / "acronyms_en.txt", fold=False))


@lru_cache(maxsize=1)
def _acronym_patterns() -> tuple[re.Pattern, regex.Pattern]:
    """A quick stdlib pattern that finds candidates, and the exact one: a whole token that is an acronym.

    The exact pattern lets harakat and tatweel sit between the letters, so a text that still holds them
    (term counting removes them per token type, after casefolding) is read as it will be normalised.
    """
    names = sorted(acronyms(), key=len, reverse=True)
    inside = f"[{HARAKAT}{TATWEEL}]*"
    spelled = [inside.join(map(re.escape, name)) for name in names]  # U[harakat]*S: fast in stdlib re
    exact = "|".join(f"{inside}{name}{inside}" for name in spelled)
    token_char = r"[\p{L}\p{M}\p{N}]"
    return re.compile("|".join(spelled)), regex.compile(f"(?<!{token_char})(?:{exact})(?!{token_char})")


def casefold(text: str) -> str:
    """``text.casefold()``, except tokens written exactly as a listed acronym: 'The US told us' -> 'the US
    told us'."""
    hint, exact = _acronym_patterns()
    if hint.search(text) is None:
        return text.casefold()
    parts, last = [], 0
    for m in exact.finditer(text):
        parts += [text[last : m.start()].casefold(), m.group()]
        last = m.end()
    parts.append(text[last:].casefold())
    return "".join(parts)
