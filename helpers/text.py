"""Normalise, tokenise and sentence-split Arabic and English text, offline.

Pipeline for every token count in the project: ``normalize`` -> ``tokenize`` ->
(Arabic) ``strip_clitics`` -> stoplist. The alef and alef-maqsura folds of ``normalize``
run after the clitic rules have seen the letters (``arabic_term``): أل and إل are no
article. Stoplists go through the same ``normalize`` as the text, so a spelling variant
can never slip past them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import cache, lru_cache

import pandas as pd
import regex

from helpers.paths import RESOURCES

# --------------------------------------------------------------------------
# Normalisation
# --------------------------------------------------------------------------
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
HARAKAT = "".join(
    chr(c) for c in [*range(0x0610, 0x061B), *range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE)]
)
TATWEEL = "\u0640"
ALEF_FORMS = "\u0622\u0623\u0625\u0671"  # آ أ إ ٱ
ALEF_MAQSURA = "\u0649"  # ى

_DELETE_CONTROLS = str.maketrans("", "", BIDI_CONTROLS + ZERO_WIDTH)
_DELETE_HARAKAT = str.maketrans("", "", HARAKAT)
_DELETE_TATWEEL = str.maketrans("", "", TATWEEL)
_ALEF = str.maketrans({c: "\u0627" for c in ALEF_FORMS})
_MAQSURA = str.maketrans({ALEF_MAQSURA: "\u064a"})
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})

#: name -> (what it does, function). Applied in this order by ``normalize``.
NORMALISATIONS: dict[str, tuple[str, object]] = {
    "nfkc": ("fold compatibility and presentation forms (NFKC)", lambda s: unicodedata.normalize("NFKC", s)),
    "controls": (
        "remove bidi control marks and zero-width characters",
        lambda s: s.translate(_DELETE_CONTROLS),
    ),
    "harakat": (
        "remove Arabic diacritics (harakat, Quranic marks, dagger alef)",
        lambda s: s.translate(_DELETE_HARAKAT),
    ),
    "tatweel": ("remove tatweel (kashida) U+0640", lambda s: s.translate(_DELETE_TATWEEL)),
    "alef": ("unify alef forms آ أ إ ٱ -> ا", lambda s: s.translate(_ALEF)),
    "alef_maqsura": (
        "alef maqsura ى -> ي (not in the preposition على, kept apart from the name علي)",
        lambda s: _fold_maqsura(s),
    ),
    "apostrophes": ("curly apostrophes -> '", lambda s: s.translate(_QUOTES)),
}
DEFAULT_STEPS: tuple[str, ...] = tuple(NORMALISATIONS)
#: The letter folds (alef forms, alef maqsura). ``strip_clitics`` needs to see the letters before
#: they are folded (أل is no article), so the term pipelines normalise with ``UNFOLDED_STEPS``
#: and let ``strip_clitics`` (or ``fold_letters``) fold afterwards.
LETTER_FOLDS: tuple[str, ...] = ("alef", "alef_maqsura")
UNFOLDED_STEPS: tuple[str, ...] = tuple(s for s in DEFAULT_STEPS if s not in LETTER_FOLDS)
#: Words that keep their ى: the preposition على (alone or after و/ف). Folded, it would be the
#: name علي; kept, the stoplist holds على and علي stays a name.
MAQSURA_KEPT = frozenset({"\u0639\u0644\u0649", "\u0648\u0639\u0644\u0649", "\u0641\u0639\u0644\u0649"})
_MAQSURA_KEPT_WORD = regex.compile(
    r"(?<![\p{L}\p{M}\p{N}])([\u0648\u0641]?\u0639\u0644\u0649)(?![\p{L}\p{M}\p{N}])"
)
_FOLD = str.maketrans({**{c: "\u0627" for c in ALEF_FORMS}, ALEF_MAQSURA: "\u064a"})


def _fold_maqsura(text: str) -> str:
    """ى -> ي, except in the words of ``MAQSURA_KEPT`` (على)."""
    if ALEF_MAQSURA not in text:
        return text
    parts = _MAQSURA_KEPT_WORD.split(text)  # odd items: the kept words
    return "".join(p if i % 2 else p.translate(_MAQSURA) for i, p in enumerate(parts))


def fold_letters(token: str) -> str:
    """The letter folds of ``normalize`` for one token: alef forms -> ا, ى -> ي (على keeps its ى)."""
    return token if token in MAQSURA_KEPT else token.translate(_FOLD)


def normalize(text: str, steps: Iterable[str] = DEFAULT_STEPS) -> str:
    """Return ``text`` with the named normalisation steps applied (default: all, in order)."""
    for name in steps:
        text = NORMALISATIONS[name][1](text)
    return text


def normalization_report(texts: Iterable[str], steps: Iterable[str] = DEFAULT_STEPS) -> pd.DataFrame:
    """Table of the normalisation steps that ran and how many texts and characters each changed."""
    steps = tuple(steps)
    rows = {
        name: {
            "step": name,
            "description": NORMALISATIONS[name][0],
            "texts_changed": 0,
            "chars_removed_or_changed": 0,
        }
        for name in steps
    }
    for text in texts:
        for name in steps:
            after = NORMALISATIONS[name][1](text)
            if after != text:
                rows[name]["texts_changed"] += 1
                rows[name]["chars_removed_or_changed"] += _changed_chars(text, after)
            text = after
    return pd.DataFrame(
        list(rows.values()), columns=["step", "description", "texts_changed", "chars_removed_or_changed"]
    )


def _changed_chars(before: str, after: str) -> int:
    if len(before) != len(after):
        return abs(len(before) - len(after))
    return sum(a != b for a, b in zip(before, after, strict=False))


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
    return [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


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


# --------------------------------------------------------------------------
# Arabic clitics
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# Stoplists
# --------------------------------------------------------------------------
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


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------
#: Abbreviations whose final period does not end a sentence (matched case-insensitively).
ABBREVIATIONS = frozenset(
    (
        "mr mrs ms dr prof gen col lt sgt st jr sr inc ltd co corp vs etc e.g i.e u.s u.k u.n a.m p.m no fig "
        "jan feb mar apr jun jul aug sep sept oct nov dec"
    ).split()
)
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"
_END = ".!?؟…"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) character spans of the sentences of ``text``; no downloaded model needed.

    A sentence ends at . ! ? ؟ or … (plus any closing quotes or brackets) followed by
    whitespace, unless the period belongs to a known abbreviation, is part of a run of
    dots (the Arabic headline separator ``..``) or sits inside an open “…” or «…» quote.
    """
    spans, start, depth, i, n = [], 0, 0, 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _OPENING_QUOTES:
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
