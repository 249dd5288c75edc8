"""Word lists, n-grams, collocations, keyness, concordance (KWIC) and dispersion, in Arabic and English.

Every count uses the project's counting unit (``helpers.text``): normalise, tokenise,
strip Arabic clitics, then (in the tables, not while counting) drop stopwords.

Modules (every public name is importable from ``helpers.terms``):

- ``tokenising``: text -> terms, decided once per token type (``term_of``, ``term_lang``,
  ``stem``, ``is_stop``), and ``split_tokens``, the numpy/Arrow tokeniser;
- ``counting``: the streaming engine, units -> ``TermCounts`` per group, one document at a time,
  merged by addition (``count_records``, ``count_units``, ``count_document``); its chunk and
  table sizes (``CHUNK_CHARS``, ``DENSE_CELLS``, ``PAIRS_HELD``) are set there;
- ``tables``: counts -> tidy tables (``word_list``, ``group_sizes``, keyness of two selections
  ``compare``, ``dispersion``);
- ``sequences``: tokens with positions (``tokens``), n-grams and collocations;
- ``statistics``: pure functions of counts (G², p, keyness with Log Ratio and %DIFF, logDice,
  PMI and t-score, Gries' DP): finders count, measures score;
- ``kwic``: concordance lines and their HTML table.
"""

from helpers.terms.counting import TermCounts, count_document, count_records, count_units
from helpers.terms.kwic import concordance, concordance_html
from helpers.terms.sequences import collocates, ngrams, tokens
from helpers.terms.statistics import (
    KEY_LABELS,
    KEYNESS_COLUMNS,
    ZERO_CORRECTION,
    association,
    gries_dp,
    keyness,
    log_dice,
    log_likelihood,
    normalised_dp,
    p_value,
)
from helpers.terms.tables import (
    WORD_LIST_COLUMNS,
    _surface,  # noqa: F401  (the tests import it from here)
    compare,
    dispersion,
    group_sizes,
    word_list,
)
from helpers.terms.tokenising import (
    _TYPE_TABLE,  # noqa: F401  (the tests import it from here)
    TEXT_STEPS,
    TOKEN,
    TYPE_STEPS,
    is_stop,
    prepare,
    split_tokens,
    stem,
    term_lang,
    term_of,
)

__all__ = [
    "KEYNESS_COLUMNS",
    "KEY_LABELS",
    "TEXT_STEPS",
    "TOKEN",
    "TYPE_STEPS",
    "WORD_LIST_COLUMNS",
    "ZERO_CORRECTION",
    "TermCounts",
    "association",
    "collocates",
    "compare",
    "concordance",
    "concordance_html",
    "count_document",
    "count_records",
    "count_units",
    "dispersion",
    "gries_dp",
    "group_sizes",
    "is_stop",
    "keyness",
    "log_dice",
    "log_likelihood",
    "ngrams",
    "normalised_dp",
    "p_value",
    "prepare",
    "split_tokens",
    "stem",
    "term_lang",
    "term_of",
    "tokens",
    "word_list",
]
