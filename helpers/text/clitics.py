"""Arabic proclitics: ``strip_clitics`` and ``arabic_term``, with the listed whole words they spare."""

from __future__ import annotations

from functools import lru_cache

import regex

from helpers.paths import RESOURCES
from helpers.text.normalise import fold_letters
from helpers.text.stoplists import _read_wordlist, kept_stopwords, stopwords
from helpers.text.tokens import has_arabic

#: Proclitic sequences that contain the article (ال; لل is ل + ال), longest first. Only a plain
#: alef starts the article: أل / إل / آل are the first letters of a stem (ألمانيا, إلغاء, آليات).
ARTICLE_PREFIXES = ("وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")
#: Single-letter proclitics: the conjunctions و ف and the prepositions ب ك ل.
LETTER_PROCLITICS = ("و", "ف", "ب", "ك", "ل")
_HAMZA_ALEFS = "\u0623\u0625\u0622"  # أ إ آ: a word that starts with one has no proclitic inside it
#: Word endings a listed stem may carry, each optionally followed by a pronoun suffix.
_ENDINGS = ("", "ة", "ات", "ان", "ين", "ون", "ي", "ية", "يات", "يين", "يون", "ت", "تا", "تم", "نا", "وا", "ا")
#: Pronoun suffixes. The second person singular ك is left out: rare in news, and بذلك is
#: ب + ذلك far more often than بذل + ك.
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "هن", "كم", "كما", "نا", "ني", "ي")
_SUFFIXES = frozenset(e + p for e in _ENDINGS for p in _PRONOUNS if not (e == "ة" and p))
#: What a listed function word (a stopword: كان, لكن, بين) may carry: a verb ending and a pronoun.
_FUNCTION_SUFFIXES = frozenset(e + p for e in ("", "ت", "تا", "تم", "نا", "وا", "ا") for p in _PRONOUNS)
_SUFFIX_LENGTHS = tuple(sorted({len(s) for s in _SUFFIXES if s}))
#: Derived stems that begin with a bare alef (hamzat al-wasl): forms VII, VIII and X (انسحاب,
#: اجتماع, اتفاق, اطلاع, استعادة). A letter before them is a proclitic, as before a hamza.
_WASL_STEM = regex.compile(
    "^(?:\u0627\u0633\u062a|\u0627\u0646[^\u0627]|\u0627[^\u0627\u0648\u064a]\u062a"
    "|\u0627\u062a.\u0627|\u0627[\u0635\u0636]\u0637|\u0627[\u0632\u062f]\u062f"
    "|\u0627[\u0637\u062f].\u0627)"
)
#: An إفعال masdar written without its hamza (اجراء, اعلان, اطلاق): ب or ل before it is a proclitic.
_IFAAL = regex.compile("^\u0627[^\u0627\u0648\u064a][^\u0627\u0648\u064a]\u0627[^\u0627]")
_FUTURE = regex.compile("^\u0633[\u064a\u062a\u0646\u0627]")  # سي ست سن سا: future prefix on a verb


@lru_cache(maxsize=1)
def known_arabic_words() -> frozenset[str]:
    """Normalised Arabic whole words: the shipped list, the stoplist and the kept stopwords (``terms.stem``
    spares them)."""
    words = _read_wordlist(RESOURCES / "arabic_known_words.txt")
    return frozenset(
        words | stopwords("ar") | kept_stopwords("ar")
    )  # words kept off the stoplist stay whole words


@lru_cache(maxsize=1)
def _listed_words() -> tuple[frozenset[str], frozenset[str]]:
    """The shipped whole words, and the stems whose suffixed forms are whole words too (not stopwords)."""
    words = frozenset(_read_wordlist(RESOURCES / "arabic_known_words.txt") | kept_stopwords("ar"))
    stems = {w for w in words if len(w) >= 2 and w not in stopwords("ar")}  # function words: see _is_listed
    stems |= {w[:-1] + "ت" for w in words if len(w) >= 4 and w.endswith("ة")}  # وزارة -> وزارته
    stems |= {w[:-1] for w in words if len(w) >= 4 and w.endswith("ة")}  # وزارة -> وزارات, وزاري
    stems |= {w[:-1] + seat for w in words if w.endswith("اء") for seat in "ئؤ"}  # لقاء -> لقائه, لقاؤه
    return words, frozenset(stems)


def _is_listed(word: str, known: frozenset[str] | set[str]) -> bool:
    """True if a folded word is a listed whole word, one of ``known``, or a listed stem with a suffix.

    A stem of two letters takes only a pronoun (حلها), a listed function word a verb ending and
    a pronoun (كانت, لكنه, بيننا, not لولا + يات); other stems any suffix (وزارات, والدته).
    """
    words, stems = _listed_words()
    if word in words or word in known:
        return True
    n = len(word)
    for k in _SUFFIX_LENGTHS:
        if n - k < 2:
            break
        base, suffix = word[:-k], word[-k:]
        if base in words and (suffix in _FUNCTION_SUFFIXES if n - k >= 3 else suffix in _PRONOUNS):
            return True
        if n - k >= 3 and suffix in _SUFFIXES and base in stems:
            return True
    return False


def strip_clitics(token: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """Remove Arabic proclitics (و ف ب ك ل and the article ال) from a token, keeping the stem whole.

    ``token`` is normalised with ``UNFOLDED_STEPS`` (hamza forms still visible); the result has
    the letter folds applied (alef forms -> ا, ى -> ي), like ``normalize``. A fully normalised
    token works too, without the hamza evidence. Suffixes stay: this is no stemmer.

    - A listed word stays whole (``arabic_known_words.txt``, with suffixes; ``known`` adds words).
    - The article (ال, لل, وال, بال, ...) needs a plain alef, so ألمانية and إلغاء keep their
      first letters. After و/ف/ب/ك + ال at least three letters must remain, or a listed word:
      بالغة, كالاس and والدة stay whole, بالحل -> حل.
    - و is removed before any word of two or more letters that is not listed (وزير is);
      ب and ل before a word of three or more letters that does not start with a bare alef, و or ي,
      the shapes of names (بافيل, بوتين, ليفيت), but before an إفعال masdar written without its
      hamza (لاجراء); ف and ك only before a listed word or stopword, a hamza (فإن, كأن), a wasl
      stem (فاستعادة) or, for ف, a future verb (فستعقد).
    - Before a hamza-initial or wasl stem every one of them is removed: وأضاف, لإجراء, باستخدام.
    - A preposition with a pronoun stays whole (له, بها).
    ``known`` adds to the shipped list (for example the corpus's own vocabulary).
    """
    if not token or not has_arabic(token[0]):
        return fold_letters(token)
    return _strip(token.replace("\u0671", "\u0627"), known, True)


def _strip(raw: str, known, conjunction_allowed: bool) -> str:
    """``strip_clitics`` of an unfolded token; ``conjunction_allowed`` is False once و or ف is off."""
    word = fold_letters(raw)
    if _is_listed(word, known):
        return word
    first = raw[0]
    letter = first in LETTER_PROCLITICS and len(raw) > 2 and (conjunction_allowed or first not in "وف")
    for prefix in ARTICLE_PREFIXES:
        if raw.startswith(prefix):
            if conjunction_allowed or prefix[0] not in "وف":
                stem = raw[len(prefix) :]
                if _article_stem(prefix, stem, known):
                    stem = fold_letters(stem)
                    if letter and not _is_listed(stem, known) and _is_listed(fold_letters(raw[1:]), known):
                        return fold_letters(raw[1:])  # the listed reading wins: للقاء -> لقاء, والتزاماته
                    return stem
            break
    if letter:
        rest = raw[1:]
        if _takes_proclitic(first, rest, known):
            # after و/ف a preposition or the article may follow; after ب ك ل nothing does
            return _strip(rest, known, False) if first in "وف" else fold_letters(rest)
    return word


def _article_stem(prefix: str, stem: str, known) -> bool:
    """True if ``stem`` can follow the article combination ``prefix``."""
    if len(stem) < 2:
        return False
    if prefix.endswith("لل") or prefix == "ال":
        return True
    return len(stem) >= 3 or _is_listed(fold_letters(stem), known)


def _takes_proclitic(letter: str, rest: str, known) -> bool:
    """True if ``letter`` in front of ``rest`` (unfolded) is a proclitic, not the word's first letter."""
    word = fold_letters(rest)
    if word in _PRONOUNS or word == "ك":
        return False  # له، بها، لكم: a preposition with its pronoun
    if _is_listed(word, known) or (len(word) >= 2 and word in stopwords("ar")):
        return True
    if rest[0] in _HAMZA_ALEFS or (len(rest) >= 5 and _WASL_STEM.match(rest)):
        return True
    if letter == "و":
        return True
    if letter == "ف":
        return len(rest) >= 4 and bool(_FUTURE.match(rest))
    if letter in "بل":
        if rest[0] == "ا":
            return len(rest) >= 5 and bool(_IFAAL.match(rest))
        return len(word) >= 3 and rest[0] not in "وي"
    return False


def arabic_term(token: str, known: frozenset[str] | set[str] = frozenset()) -> str:
    """The counting term of one Arabic token normalised with ``UNFOLDED_STEPS``: letters folded, proclitics
    off.

    A token on the stoplist as written keeps its proclitics when the stripped word is no
    stopword (``بسبب``, ``لوكالة`` stay whole; ``ولا`` -> ``لا``): the term of a stopword is a
    stopword, so both counting paths (``term_list``, ``helpers.terms``) drop the same tokens.
    """
    word = fold_letters(token)
    if not word or word[0] not in _CLITIC_FIRST:
        return word
    stripped = strip_clitics(token, known)
    stop = stopwords("ar")
    return word if word in stop and stripped not in stop else stripped


_CLITIC_FIRST = frozenset(LETTER_PROCLITICS) | {"ا"}  # first letters of every proclitic
