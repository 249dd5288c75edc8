"""NLTK's VADER ``polarity_scores`` (``vader_scores``), with the words of a text found token by token.

NLTK's ``SentimentIntensityAnalyzer.polarity_scores`` first splits a text into its words
(``SentiText``): the whitespace-separated tokens of more than one character, each with its
punctuation taken off where VADER would. To do that it builds a table of every (punctuation item,
word of the text) pair, for every text: most of the time VADER spends on a sentence. Here the same
words are found token by token (``vader_words``), and the rest is the analyzer's own: its lexicon,
``sentiment_valence`` for each word of the lexicon, ``_but_check`` and ``score_valence``. So
``vader_scores(analyzer, text) == analyzer.polarity_scores(text)`` for any text (tested in
tests/test_stance.py against NLTK itself).

The rule NLTK's table applies, as read from its behaviour: with P the ASCII punctuation characters
(``string.punctuation``, which NLTK's ``REGEX_REMOVE_PUNCTUATION`` deletes), a token that is a run
of P characters that is one item of ``PUNC_LIST`` ("!", "?!?", ...) followed by a word of more than
one character with no P character in it becomes that word; so does such a word followed by such a
run. Any other token stays as written (",peace.", "U.S.", ":-(" and "peace..." among them: "..." is no
``PUNC_LIST`` item). The table also asks that the word be a word of the text with all P characters
removed; it always is, since removing them from the token itself gives it. (The rule holds for
items made of P characters only, as all of NLTK's are.)
"""

from __future__ import annotations

import string

#: The characters NLTK's VADER counts as punctuation (its ``REGEX_REMOVE_PUNCTUATION`` deletes them).
VADER_PUNCTUATION = string.punctuation
_DELETE_PUNCTUATION = str.maketrans("", "", VADER_PUNCTUATION)
#: Raw tokens whose VADER word is remembered (per list of punctuation items); a full memo is emptied.
VADER_WORD_MEMO = 100_000


class _VaderText:
    """What ``sentiment_valence`` reads of a text (the part of NLTK's ``SentiText`` it uses): its words,
    and whether some but not all of them are in capitals."""

    __slots__ = ("is_cap_diff", "text", "words_and_emoticons")

    def __init__(self, text: str, words: list[str]):
        self.text = text
        self.words_and_emoticons = words
        capitals = sum(map(str.isupper, words))
        self.is_cap_diff = 0 < len(words) - capitals < len(words)


def _word_of(token: str, items: frozenset[str]) -> str:
    """VADER's word for one token of two or more characters (see the module docstring)."""
    if token[0] in VADER_PUNCTUATION:
        word = token.lstrip(VADER_PUNCTUATION)
        run = token[: len(token) - len(word)]
    elif token[-1] in VADER_PUNCTUATION:
        word = token.rstrip(VADER_PUNCTUATION)
        run = token[len(word) :]
    else:
        return token
    if run in items and len(word) > 1 and len(word.translate(_DELETE_PUNCTUATION)) == len(word):
        return word
    return token


class _Words:
    """``vader_words`` for one list of punctuation items, with each token's word remembered."""

    def __init__(self, punc_list):
        self.items = frozenset(punc_list)
        self.memo: dict[str, str] = {}

    def __call__(self, text: str) -> list[str]:
        """The words VADER scores in ``text``, in order (NLTK's ``SentiText.words_and_emoticons``)."""
        if len(self.memo) > VADER_WORD_MEMO:
            self.memo.clear()
        seen = self.memo.get
        return [seen(token) or self._word(token) for token in text.split() if len(token) > 1]

    def _word(self, token: str) -> str:
        word = self.memo[token] = _word_of(token, self.items)
        return word


_WORDS: dict[tuple[str, ...], _Words] = {}  # per list of punctuation items


def vader_words(text: str, punc_list) -> list[str]:
    """The words VADER scores in ``text`` with the punctuation items ``punc_list`` (NLTK's
    ``VaderConstants.PUNC_LIST``), as NLTK's ``SentiText(text, ...).words_and_emoticons`` gives them."""
    key = tuple(punc_list)
    words = _WORDS.get(key)
    if words is None:
        if len(_WORDS) > 8:
            _WORDS.clear()
        words = _WORDS[key] = _Words(key)
    return words(text)


def vader_scores(analyzer, text: str) -> dict[str, float]:
    """``analyzer.polarity_scores(text)`` of an NLTK ``SentimentIntensityAnalyzer`` (the same dict).

    The words come from ``vader_words``. A word outside the analyzer's lexicon scores 0 (what NLTK's
    ``sentiment_valence`` gives it), and so do a booster word ("very") and the "kind" of "kind of";
    every other word is scored by ``sentiment_valence`` itself, as NLTK does it: at the position where
    the word first occurs in the text. ``_but_check`` and ``score_valence`` are the analyzer's too.
    """
    constants = analyzer.constants
    words = vader_words(text, constants.PUNC_LIST)
    lexicon, boosters = analyzer.lexicon, constants.BOOSTER_DICT
    lowered = [word.lower() for word in words]
    scored = [j for j, lower in enumerate(lowered) if lower in lexicon and lower not in boosters]
    if not scored:  # every word scores 0 ("but" scales nothing): what ``score_valence`` gives then
        return {"neg": 0.0, "neu": 1.0 if words else 0.0, "pos": 0.0, "compound": 0.0}
    sentiments: list = [0] * len(words)
    sentitext = _VaderText(text, words)
    # word -> where it first occurs (a later occurrence is overwritten by an earlier one)
    first = dict(zip(reversed(words), range(len(words) - 1, -1, -1), strict=True))
    for j in scored:
        i = first[words[j]]
        if lowered[j] == "kind" and i + 1 < len(words) and lowered[i + 1] == "of":
            continue
        sentiments[j] = analyzer.sentiment_valence(0, sentitext, words[j], i, [])[0]
    if "but" in lowered:  # else ``_but_check`` leaves the sentiments as they are
        sentiments = analyzer._but_check(words, sentiments)
    return analyzer.score_valence(sentiments, text)
