"""Normalise, tokenise and sentence-split Arabic and English text, offline.

Pipeline for every token count in the project: ``normalize`` -> ``tokenize`` ->
(Arabic) ``strip_clitics`` -> stoplist. The alef and alef-maqsura folds of ``normalize``
run after the clitic rules have seen the letters (``arabic_term``): أل and إل are no
article. Stoplists go through the same ``normalize`` as the text, so a spelling variant
can never slip past them.

Modules (every public name is importable from ``helpers.text``; a constant is read where
it is defined, so change it there):

- ``normalise``: the normalisation steps (``NORMALISATIONS``, ``normalize``, ``fold_letters``,
  ``normalization_report``) and the character sets they remove or fold;
- ``tokens``: script detection (``has_arabic``, ``script_lang``), ``tokenize``, ``token_spans``,
  and ``casefold``, which spares the listed ``acronyms``;
- ``clitics``: Arabic proclitics (``strip_clitics``, ``arabic_term``, ``known_arabic_words``);
- ``stoplists``: ``stopwords`` and ``kept_stopwords`` from the shipped word lists;
- ``pipeline``: the counting unit of one text (``term_list``, ``is_stopword``);
- ``sentence_split``: ``split_sentences`` and ``sentences``.
"""

from helpers.paths import RESOURCES
from helpers.text.clitics import (
    ARTICLE_PREFIXES,
    LETTER_PROCLITICS,
    arabic_term,
    known_arabic_words,
    strip_clitics,
)
from helpers.text.normalise import (
    ALEF_FORMS,
    ALEF_MAQSURA,
    BIDI_CONTROLS,
    DEFAULT_STEPS,
    HARAKAT,
    LETTER_FOLDS,
    MAQSURA_KEPT,
    NORMALISATIONS,
    TATWEEL,
    UNFOLDED_STEPS,
    ZERO_WIDTH,
    fold_letters,
    normalization_report,
    normalize,
)
from helpers.text.pipeline import is_stopword, term_list
from helpers.text.sentence_split import ABBREVIATIONS, sentences, split_sentences
from helpers.text.stoplists import (
    _read_wordlist,  # noqa: F401  (the tests import it from here)
    kept_stopwords,
    stopwords,
)
from helpers.text.tokens import (
    TOKEN_PATTERN,
    acronyms,
    casefold,
    has_arabic,
    script_lang,
    token_spans,
    tokenize,
)

__all__ = [
    "ABBREVIATIONS",
    "ALEF_FORMS",
    "ALEF_MAQSURA",
    "ARTICLE_PREFIXES",
    "BIDI_CONTROLS",
    "DEFAULT_STEPS",
    "HARAKAT",
    "LETTER_FOLDS",
    "LETTER_PROCLITICS",
    "MAQSURA_KEPT",
    "NORMALISATIONS",
    "RESOURCES",
    "TATWEEL",
    "TOKEN_PATTERN",
    "UNFOLDED_STEPS",
    "ZERO_WIDTH",
    "acronyms",
    "arabic_term",
    "casefold",
    "fold_letters",
    "has_arabic",
    "is_stopword",
    "kept_stopwords",
    "known_arabic_words",
    "normalization_report",
    "normalize",
    "script_lang",
    "sentences",
    "split_sentences",
    "stopwords",
    "strip_clitics",
    "term_list",
    "token_spans",
    "tokenize",
]
