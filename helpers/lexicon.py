"""The one matching layer: text -> keyed tokens, one phrase matcher, one negation rule.

Actor aliases (``actors``), frame cues (``framing``) and stance cues (``stance``) are all
matched here, so a word is matched the same way in every notebook:

- ``token_key``: ``text.normalize`` -> Arabic clitics stripped (``text.strip_clitics``) or
  English casefolded: the same steps as ``text.term_list`` uses for counting;
- ``compile_phrase``: a phrase of one or more words through the same key function; a trailing
  ``*`` makes its last word a prefix (``negotiat*``); an alias written in capitals (``US``)
  matches only in capitals;
- ``PhraseMatcher.find`` (longest match first, no overlaps: mentions and cues) and
  ``PhraseMatcher.find_all`` (every phrase at every position: frame cues, where one word can
  answer several frames);
- ``negator_before``: a negator from ``resources/negation.yaml`` (one list per language)
  within ``window`` tokens before a match and in its clause (``clause_starts``); an Arabic negator also
  counts with و or ف attached.

Corpus-wide runs key the same words again and again, so the key of a raw token (per ``known``
set), the phrases that may start at a key and the negators that may start at one are
remembered in memos of at most ``MEMO_SIZE`` entries (a full memo is emptied).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from helpers.paths import RESOURCES
from helpers.resource_loader import ResourceError, cached_on_content, read_yaml, string_list
from helpers.text import TOKEN_PATTERN, UNFOLDED_STEPS, arabic_term, has_arabic, normalize, token_spans

NEGATION_FILE = RESOURCES / "negation.yaml"


class Token(NamedTuple):
    """One word of a text: character span, its form as written (normalised) and its matching key.

    A named tuple, not a dataclass: a text has many words, and a tuple is quick to make.
    """

    start: int
    end: int
    exact: str
    key: str


@dataclass(frozen=True)
class Phrase:
    """A pattern to look for: a label, how it refers (form), its token keys and which of them are prefixes."""

    label: str
    form: str
    written: str
    keys: tuple[str, ...]
    case_sensitive: bool
    prefix_last: bool = False


class Match(NamedTuple):
    """A phrase found in a text: token range [first, last) and character span [start, end)."""

    label: str
    form: str
    alias: str
    first: int
    last: int
    start: int
    end: int


class Keyed(NamedTuple):
    """The words of a text as one matcher keys them: their spans ((start, end, ...), as ``token_spans``
    gives them), their forms ((written form, key, ...) per word: ``Token.exact`` and ``Token.key``), and
    the positions where some phrase may start: (position, its candidate phrases, the same longest first)."""

    spans: Sequence[tuple]
    forms: Sequence[tuple]
    starts: list[tuple[int, tuple[Phrase, ...], tuple[Phrase, ...]]]

    @property
    def keys(self) -> list[str]:
        """The matching keys of the words (``Token.key``)."""
        return [f[1] for f in self.forms]

    def token(self, i: int) -> Token:
        """The ``Token`` of word ``i``."""
        return Token(self.spans[i][0], self.spans[i][1], *self.forms[i][:2])

    def tokens(self) -> list[Token]:
        """The words as ``Token`` s (``tokenize_for_matching`` with the matcher's ``known`` set)."""
        new = tuple.__new__  # Token(...) without its Python-level __new__: many words, made once each
        return [new(Token, (s[0], s[1], f[0], f[1])) for s, f in zip(self.spans, self.forms, strict=True)]


def known_forms(phrases) -> frozenset[str]:
    """The clitic-free forms of the Arabic words in ``phrases``, to pass as ``known`` to strip_clitics.

    With them, a proclitic in front of a listed word is removed (وويتكوف -> ويتكوف) while
    the article rule still applies first to words written with ال (والولايات -> ولايات).
    """
    return frozenset(
        arabic_term(normalize(w, UNFOLDED_STEPS))
        for p in phrases
        for w in str(p).replace("*", " ").split()
        if has_arabic(w)
    )


def token_key(token: str, known: frozenset[str] = frozenset()) -> str:
    """Matching key of one raw token: normalised; Arabic clitics stripped (``text.arabic_term``), English
    casefolded."""
    token = normalize(
        token, UNFOLDED_STEPS
    )  # the letter folds come after the clitic rules (أل is no article)
    return arabic_term(token, known) if has_arabic(token) else token.casefold()


#: Raw tokens whose (written form, key) pairs are remembered per ``known`` set; a full memo is emptied.
MEMO_SIZE = 200_000
_FORMS: dict[frozenset[str], dict[str, tuple[str, str]]] = {}


def _forms_memo(known: frozenset[str]) -> dict[str, tuple[str, str]]:
    """The memo raw token -> (``normalize(token)``, ``token_key(token, known)``) for one ``known`` set."""
    if not isinstance(known, frozenset):
        known = frozenset(known)
    memo = _FORMS.get(known)
    if memo is None or len(memo) > MEMO_SIZE:
        if len(_FORMS) > 32:
            _FORMS.clear()
        memo = _FORMS[known] = {}
    return memo


def _forms(token: str, known: frozenset[str], memo: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """(``normalize(token)``, ``token_key(token, known)``), remembered in ``memo``."""
    forms = memo[token] = (normalize(token), token_key(token, known))
    return forms


def tokenize_for_matching(text: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The words of ``text`` with their spans in ``text`` and their matching keys."""
    memo = _forms_memo(known)
    seen = memo.get
    return [Token(s, e, *(seen(t) or _forms(t, known, memo))) for s, e, t in token_spans(text)]


def token_keys(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The matching keys of the words of ``text`` (the ``key`` of each ``tokenize_for_matching`` token)."""
    memo = _forms_memo(known)
    seen = memo.get
    return [(seen(t) or _forms(t, known, memo))[1] for t in TOKEN_PATTERN.findall(text)]


def is_acronym(phrase: str) -> bool:
    """True for an alias written in capitals (US, NATO): matched case-sensitively."""
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and not has_arabic(phrase) and all(c.isupper() for c in letters)


def compile_phrase(label: str, form: str, written: str, known: frozenset[str] = frozenset()) -> Phrase:
    """A Phrase whose keys come from the same pipeline as the text; a trailing * makes the last word a
    prefix."""
    prefix = written.rstrip().endswith("*")
    body = written.rstrip().rstrip("*")
    exact = is_acronym(body)
    keys = tuple(t.exact if exact else t.key for t in tokenize_for_matching(body, known))
    return Phrase(label, form, written, keys, exact, prefix and bool(keys))


#: Last letters after which an Arabic word written in the indefinite accusative takes no alif (its
#: tanween sits on ة، ى، ء), or becomes another word with one: a nisba "روسي" + ا is "روسيا" (Russia).
_NO_ACCUSATIVE_ALIF = frozenset("اةىءهوئؤ")


def accusative_form(keys: tuple[str, ...], prefixes: Sequence[bool] = ()) -> tuple[str, ...] | None:
    """The keys of an Arabic phrase in the indefinite accusative, whose words end in an alif ("هجوم" ->
    "هجوما", "دعم عسكري" -> "دعما عسكريا"), or None when no word takes one. The alif is not a clitic,
    so the key of "هجوما" is "هجوما"; cue lists written in the nominative match it through this form.
    A one-word nisba keeps its form (see ``_NO_ACCUSATIVE_ALIF``); a prefix (a trailing *; ``prefixes``
    marks them) already matches.
    """

    def takes_alif(i: int, key: str) -> bool:
        if not has_arabic(key) or len(key) < 3 or key[-1] in _NO_ACCUSATIVE_ALIF:
            return False
        return not (len(keys) == 1 and key.endswith("ي")) and not (i < len(prefixes) and prefixes[i])

    form = tuple(k + "ا" if takes_alif(i, k) else k for i, k in enumerate(keys))
    return form if form != keys else None


def with_accusative(phrases: list[Phrase]) -> list[Phrase]:
    """``phrases`` and, for each Arabic one, its indefinite accusative (``accusative_form``)."""
    return _with_forms(
        phrases, lambda p: [accusative_form(p.keys, [False] * (len(p.keys) - 1) + [p.prefix_last])]
    )


def _with_forms(phrases: list[Phrase], forms_of) -> list[Phrase]:
    """``phrases`` and, under the same label, the other forms ``forms_of(phrase)`` gives (key tuples, or
    None), unless another phrase already has those keys."""
    taken = {p.keys for p in phrases}
    extra = []
    for p in phrases:
        for form in forms_of(p):
            if form and form not in taken:
                taken.add(form)
                extra.append(Phrase(p.label, p.form, p.written, form, p.case_sensitive, p.prefix_last))
    return phrases + extra


#: Last letters of an Arabic verb that take its person suffixes irregularly (weak verbs: "يدعو", they call,
#: is "يدعون", not "يدعوون"), or of a word that is no verb: those that take no accusative alif, and ي.
_NO_PERSON_SUFFIX = _NO_ACCUSATIVE_ALIF | {"ي"}


def verb_person_forms(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The other persons of a one-word Arabic verb listed in the third person singular: the plural in -وا of
    any ("أيد" -> "أيدوا", they endorsed; "يدعم" -> "يدعموا" after لم / أن); and of a present tense, for
    "يدعم" (he supports) the dual "يدعمان" and "تدعمان", the plural "يدعمون" and "we" "ندعم", for "تدعم" the
    dual "تدعمان". Not the feminine singular: ت + stem is as often another verb ("يحقق", achieves, but
    "تحقق", verify), so the lexicon lists it. A word that is no verb gets forms that no text holds (or its
    own verb's: "تعاون", cooperation, "تعاونوا", they cooperated), so it is not told apart from a verb."""
    word = keys[0] if len(keys) == 1 else ""
    if len(word) < 3 or not has_arabic(word) or word[-1] in _NO_PERSON_SUFFIX or word.endswith("ات"):
        return []
    plural = [(word + "وا",)]  # "أيد" -> "أيدوا" (they endorsed), "يدعم" -> "يدعموا" (after لم / أن)
    head, stem = word[0], word[1:]
    if len(word) < 4 or head not in "يت":
        return plural
    if head == "ي":
        persons = (("ي", "ان"), ("ت", "ان"), ("ي", "ون"), ("ن", ""))
        return [(pre + stem + suf,) for pre, suf in persons] + plural
    return [("ت" + stem + "ان",)] + plural


#: Arabic attached pronouns: "its", "his", "their", "our", "your" on a noun ("استعدادها", its readiness),
#: "it", "him", "them", "us" on a verb ("يدعمها", supports it). Not ي ("my"): a nisba ends in it.
ARABIC_PRONOUN_SUFFIXES = ("ه", "ها", "هم", "هما", "هن", "نا", "كم")


def suffixed_forms(keys: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A one-word Arabic entry with an attached pronoun (``ARABIC_PRONOUN_SUFFIXES``): "استعداد" ->
    "استعداده", "استعدادها" ...; a final ة is written ت before it ("رغبة" -> "رغبته"). A final hamza changes
    its seat before it ("إنشاء" -> "إنشائه"): those words get none."""
    if len(keys) != 1 or len(keys[0]) < 3 or not has_arabic(keys[0]) or keys[0][-1] == "ء":
        return []
    stem = keys[0][:-1] + "ت" if keys[0].endswith("ة") else keys[0]
    return [(stem + suffix,) for suffix in ARABIC_PRONOUN_SUFFIXES]


def with_verb_persons(phrases: list[Phrase]) -> list[Phrase]:
    """``phrases`` and, for each one-word Arabic entry (not a prefix, which matches any ending already), its
    other persons (``verb_person_forms``) and the forms of both with an attached pronoun
    (``suffixed_forms``)."""

    def forms(p: Phrase) -> list[tuple[str, ...]]:
        if p.prefix_last:
            return []
        persons = verb_person_forms(p.keys)
        return [*persons, *(f for k in [p.keys, *persons] for f in suffixed_forms(k))]

    return _with_forms(phrases, forms)


def with_suffixes(phrases: list[Phrase]) -> list[Phrase]:
    """``phrases`` and, for each one-word Arabic entry (not a prefix), its forms with an attached pronoun
    (``suffixed_forms``: "خطة" -> "خطته", "خطتها", his plan, its plan)."""
    return _with_forms(phrases, lambda p: [] if p.prefix_last else suffixed_forms(p.keys))


_NO_CANDIDATES: tuple[tuple, tuple] = ((), ())
#: A name followed by these, or an alias ending in them ("Zelenskyy's"), is a possessive.
_POSSESSIVE = ("'s", "\u2019s")


class PhraseMatcher:
    """Finds phrases in a text through the shared key function; phrases are indexed by their first key."""

    def __init__(
        self,
        phrases: list[Phrase],
        known: frozenset[str] = frozenset(),
        head_nouns: frozenset[str] = frozenset(),
        excludes: dict[str, list[tuple[str, ...]]] | None = None,
        adjective_window: int = 3,
    ):
        self.known = known
        self.head_nouns = head_nouns
        self.adjective_window = adjective_window
        self.excludes = excludes or {}
        self.phrases = tuple(p for p in phrases if p.keys)
        self.by_first: dict[str, list[Phrase]] = {}
        self.prefix_first: list[Phrase] = []  # one-word prefix phrases (negotiat*): tried at every token
        for p in sorted(phrases, key=lambda p: (-len(p.keys), p.written)):
            if not p.keys:
                continue
            if p.prefix_last and len(p.keys) == 1:
                self.prefix_first.append(p)
            else:
                self.by_first.setdefault(p.keys[0], []).append(p)
        # exclusion phrases by their first key (an empty one blocks nothing)
        self.excludes_by_first: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
        for label, excluded in self.excludes.items():
            for ph in excluded:
                if ph:
                    self.excludes_by_first.setdefault(ph[0], []).append((label, ph))
        self._candidates_memo: dict[tuple[str, str], tuple[tuple[Phrase, ...], tuple[Phrase, ...]]] = {}
        self._by_raw: dict[
            str, tuple[str, str, tuple[Phrase, ...], tuple[Phrase, ...]]
        ] = {}  # raw token -> ``_raw``

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` keyed for this matcher."""
        return tokenize_for_matching(text, self.known)

    def keyed(self, text: str, spans: list[tuple[int, int, str]] | None = None) -> Keyed:
        """The words of ``text`` keyed for this matcher, with the phrases that may start at each.

        ``spans``: ``text.token_spans(text)`` when already known (one text read by several matchers).
        """
        spans = token_spans(text) if spans is None else spans
        seen = self._by_raw.get
        forms = [seen(t) or self._raw(t) for _, _, t in spans]
        return Keyed(spans, forms, [(i, f[2], f[3]) for i, f in enumerate(forms) if f[2]])

    def find(self, text: str, tokens: list[Token] | None = None, keyed: Keyed | None = None) -> list[Match]:
        """Matches left to right, the longest at each position, without overlaps.

        The words are ``keyed`` (``self.keyed(text)``), else ``tokens``, else ``text`` keyed here.
        """
        words = keyed or self._scan(text, tokens)
        blocked = self._blocked(words.keys) if words.starts and self.excludes_by_first else {}
        fits, out, end = self._fits, [], 0
        for i, _, longest_first in words.starts:
            if i < end:  # inside the previous match
                continue
            for phrase in longest_first:  # the first that fits, longest first (ties in candidate order)
                if fits(words, i, phrase, blocked):
                    out.append(self._match(text, words, i, phrase))
                    end = i + len(phrase.keys)
                    break
        return out

    def find_all(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """Every phrase that matches at every position (overlaps kept), in position then phrase order."""
        words = self._scan(text, tokens)
        blocked = self._blocked(words.keys) if words.starts and self.excludes_by_first else {}
        return [
            self._match(text, words, i, p)
            for i, candidates, _ in words.starts
            for p in candidates
            if self._fits(words, i, p, blocked)
        ]

    def _scan(self, text: str, tokens: list[Token] | None) -> Keyed:
        """The words of ``tokens``, or of ``text`` keyed for this matcher (``keyed``)."""
        if tokens is None:
            return self.keyed(text)
        forms = [(t.exact, t.key, *self._candidates(t.key, t.exact)) for t in tokens]
        return Keyed(tokens, forms, [(i, f[2], f[3]) for i, f in enumerate(forms) if f[2]])

    def _raw(self, token: str) -> tuple[str, str, tuple[Phrase, ...], tuple[Phrase, ...]]:
        """(written form, key, ``_candidates``) of a raw token, remembered per token."""
        if len(self._by_raw) > MEMO_SIZE:
            self._by_raw.clear()
        exact, key = normalize(token), token_key(token, self.known)
        found = self._by_raw[token] = (exact, key, *self._candidates(key, exact))
        return found

    def _match(self, text: str, words: Keyed, i: int, phrase: Phrase) -> Match:
        n = len(phrase.keys)
        start, end = words.spans[i][0], words.spans[i + n - 1][1]
        form = phrase.form
        if form == "name" and (
            text[end : end + 2] in _POSSESSIVE
            or text[end - 2 : end] in _POSSESSIVE
            or (text[end - 1 : end] == "s" and text[end : end + 1] in ("'", "\u2019"))  # "the United States’"
        ):
            form = "possessive"
        return tuple.__new__(Match, (phrase.label, form, phrase.written, i, i + n, start, end))

    def _candidates(self, key: str, exact: str) -> tuple[tuple[Phrase, ...], tuple[Phrase, ...]]:
        """The phrases that may start at a word: by its key, by its written form, then the prefixes it
        starts with (a multi-word phrase whose last word is a prefix is indexed by its first key), those
        whose first word fits the word (``_first_word_fits``); and the same, the longest first (a stable
        sort). Remembered per key and form, as tuples: a memo entry of strings and empty tuples is one the
        garbage collector need not visit."""
        memo = self._candidates_memo
        found = memo.get((key, exact))
        if found is None:
            if len(memo) > MEMO_SIZE:
                memo.clear()
            phrases = self.by_first.get(key, [])
            if exact != key:
                phrases = phrases + self.by_first.get(exact, [])
            phrases = phrases + [p for p in self.prefix_first if key.startswith(p.keys[0])]
            phrases = tuple(p for p in phrases if _first_word_fits(p, key, exact))
            longest_first = tuple(sorted(phrases, key=lambda p: -len(p.keys)))
            found = memo[key, exact] = (phrases, longest_first) if phrases else _NO_CANDIDATES
        return found

    def _fits(self, words: Keyed, i: int, phrase: Phrase, blocked: dict[int, set[str]]) -> bool:
        """True when ``phrase``, a candidate at word ``i`` (its first word fits: ``_candidates``), matches
        there."""
        n = len(phrase.keys)
        forms = words.forms
        if i + n > len(forms) or (i in blocked and phrase.label in blocked[i]):
            return False
        f = 0 if phrase.case_sensitive else 1  # written form or key
        for j in range(1, n):  # the last word of a prefix phrase need only start with it
            got, want = forms[i + j][f], phrase.keys[j]
            if got != want and not (phrase.prefix_last and j == n - 1 and got.startswith(want)):
                return False
        if phrase.form == "adjective" and self.head_nouns and not has_arabic(phrase.written):
            following = {w[1] for w in forms[i + n : i + n + self.adjective_window]}
            if not following & self.head_nouns:
                return False
        return True

    def _blocked(self, keys: Sequence[str]) -> dict[int, set[str]]:
        """Word positions inside an exclusion phrase -> the labels it excludes there."""
        blocked: dict[int, set[str]] = {}
        if self.excludes_by_first.keys().isdisjoint(keys):
            return blocked
        for i, key in enumerate(keys):
            for label, ph in self.excludes_by_first.get(key, ()):
                if tuple(keys[i : i + len(ph)]) == ph:
                    for j in range(i, i + len(ph)):
                        blocked.setdefault(j, set()).add(label)
        return blocked


def _first_word_fits(phrase: Phrase, key: str, exact: str) -> bool:
    """True when the first word of ``phrase`` fits a word keyed ``key`` and written ``exact`` (as
    ``PhraseMatcher._fits`` checks its other words)."""
    got, want = (exact if phrase.case_sensitive else key), phrase.keys[0]
    return got == want or (phrase.prefix_last and len(phrase.keys) == 1 and got.startswith(want))


# --------------------------------------------------------------------------
# Negation
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Negation:
    """Negators per language (as key tuples) and how many tokens before a word they reach."""

    window: int
    negators: dict[str, tuple[tuple[str, ...], ...]]
    #: phrases that start with a negator and do not negate ("لا يزال" still, "not only")
    exceptions: tuple[tuple[str, ...], ...] = ()

    def phrases_at(self, head: str, negators: bool = True) -> tuple[tuple[str, ...], ...]:
        """The negators (of the script of ``head``), or the exceptions, that may start at a token keyed
        ``head`` (``_may_start``), in their order; remembered per key."""
        memo = self._phrases_at
        found = memo.get((head, negators))
        if found is None:
            if len(memo) > MEMO_SIZE:
                memo.clear()
            phrases = self.negators["ar" if has_arabic(head) else "en"] if negators else self.exceptions
            found = memo[head, negators] = tuple(p for p in phrases if _may_start(p, head))
        return found

    @cached_property
    def _phrases_at(self) -> dict[tuple[str, bool], tuple[tuple[str, ...], ...]]:
        return {}


def _may_start(phrase: tuple[str, ...], head: str) -> bool:
    """False when ``_starts`` cannot hold for ``phrase`` at a token keyed ``head``, whatever follows."""
    return not phrase or phrase[0] == head or (head[:1] in ("و", "ف") and phrase[0] == head[1:])


@cached_on_content(maxsize=4)
def _load_negation(path: Path) -> Negation:
    data = read_yaml(path, required=("window", "en", "ar"))
    window = data["window"]
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise ResourceError(f"{path}: 'window' must be a whole number of tokens >= 1; got {window!r}.")
    negators = {
        lang: tuple(
            tuple(t.key for t in tokenize_for_matching(w))
            for w in string_list(data[lang], f"{path}: {lang}", lang)
        )
        for lang in ("en", "ar")
    }
    exceptions = tuple(
        tuple(t.key for t in tokenize_for_matching(w))
        for w in string_list(data.get("not_negation", []), f"{path}: not_negation")
    )
    return Negation(window, negators, exceptions)


def load_negation() -> Negation:
    """The project's negators (resources/negation.yaml), re-read when the file changes."""
    return _load_negation(NEGATION_FILE)


def negator_before(keys: list[str], i: int, negation: Negation | None = None, clause_from: int = 0) -> str:
    """The negator starting within the window before position ``i`` (and ending before it), or ''.

    ``keys`` are token keys (``Token.key``). An Arabic negator also counts with و or ف attached (ولم, فلا).
    A phrase of ``negation.exceptions`` ("لا يزال", still) is no negator. ``clause_from``: the first
    position of ``i``'s clause, which the window does not reach past ("غير مشروعة، تنتهك": غير negates
    مشروعة only; ``clause_starts`` finds them).
    """
    found = _negator(keys, i, negation or load_negation(), clause_from)
    return " ".join(found[1]) if found else ""


def negator_start(keys: list[str], i: int, negation: Negation | None = None, clause_from: int = 0) -> int:
    """The position where the negator ``negator_before`` finds starts, or -1."""
    found = _negator(keys, i, negation or load_negation(), clause_from)
    return found[0] if found else -1


def _negator(keys: list[str], i: int, negation: Negation, clause_from: int) -> tuple[int, tuple] | None:
    """(start, phrase) of the first negator within the window before position ``i``, or None."""
    phrases_at = negation.phrases_at  # only the phrases whose first key fits are tried
    for k in range(max(0, clause_from, i - negation.window), i):
        head = keys[k]
        exceptions = phrases_at(head, negators=False)
        if exceptions and any(_starts(keys, k, e) for e in exceptions):
            continue
        for neg in phrases_at(head):
            if k + len(neg) <= i and _starts(keys, k, neg):
                return k, neg
    return None


#: Punctuation that ends a clause for negation.
_CLAUSE_BREAK = re.compile(r"[,.;:!?،؛؟]")


def clause_starts(text: str, spans: Sequence[tuple]) -> list[int]:
    """For each word of ``text`` (``spans`` as ``token_spans`` gives them), the position of the first word of
    its clause: the word after the last comma, semicolon, colon or full stop before it."""
    starts, current = [], 0
    for k, span in enumerate(spans):
        if k and _CLAUSE_BREAK.search(text[spans[k - 1][1] : span[0]]):
            current = k
        starts.append(current)
    return starts


def _starts(keys: list[str], k: int, phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` starts at position k, its first word also with و or ف attached."""
    head = keys[k]
    return tuple(keys[k : k + len(phrase)]) == phrase or (
        head[:1] in ("و", "ف") and (head[1:], *keys[k + 1 : k + len(phrase)]) == phrase
    )
