"""The whole counting unit of one text: normalise, tokenise, strip Arabic clitics, drop stopwords."""

from __future__ import annotations

from helpers.text.clitics import arabic_term
from helpers.text.normalise import UNFOLDED_STEPS, fold_letters, normalize
from helpers.text.stoplists import stopwords
from helpers.text.tokens import has_arabic, tokenize


def is_stopword(token: str, lang: str) -> bool:
    """True if a normalised token (or, in Arabic, its clitic-stripped form) is on the stoplist.

    An Arabic token may come with or without the letter folds (``UNFOLDED_STEPS`` or ``normalize``).
    """
    if lang != "ar":
        return token in stopwords(lang)
    return arabic_term(token) in stopwords("ar")


def term_list(text: str, drop_stopwords: bool = True, clitics: bool = True) -> list[str]:
    """Normalise, tokenise, strip Arabic clitics and drop stopwords: the project's terms of one text.

    Casefolding spares the listed acronyms written in capitals (``casefold``): "US" is the term US, "us" a
    stopword.

    ``helpers.terms`` counts the same terms when it streams a corpus (with per-type caches).

    Each token is checked against the stoplist of its own script (Arabic or English),
    so a mixed-language segment needs no language flag.
    """
    out = []
    # the letter folds come last, inside arabic_term: the clitic rules need to see the hamza
    for tok in tokenize(normalize(text, UNFOLDED_STEPS), keep_acronyms=True):
        if has_arabic(tok):
            term = arabic_term(tok)  # a stopword stays whole, so term is a stopword iff the token is one
            if drop_stopwords and term in stopwords("ar"):
                continue
            out.append(term if clitics else fold_letters(tok))
        elif not (drop_stopwords and is_stopword(tok, "en")):
            out.append(tok)
    return out
