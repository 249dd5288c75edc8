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
  within ``window`` tokens before a match; an Arabic negator also counts with و or ف attached.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from helpers.paths import RESOURCES
from helpers.resource_loader import ResourceError, cached_on_content, read_yaml, string_list
from helpers.text import UNFOLDED_STEPS, arabic_term, has_arabic, normalize, token_spans

NEGATION_FILE = RESOURCES / "negation.yaml"


@dataclass(frozen=True)
class Token:
    """One word of a text: character span, its form as written (normalised) and its matching key."""

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


@dataclass(frozen=True)
class Match:
    """A phrase found in a text: token range [first, last) and character span [start, end)."""

    label: str
    form: str
    alias: str
    first: int
    last: int
    start: int
    end: int


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


def tokenize_for_matching(text: str, known: frozenset[str] = frozenset()) -> list[Token]:
    """The words of ``text`` with their spans in ``text`` and their matching keys."""
    return [Token(s, e, normalize(t), token_key(t, known)) for s, e, t in token_spans(text)]


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
        self.by_first: dict[str, list[Phrase]] = {}
        self.prefix_first: list[Phrase] = []  # one-word prefix phrases (negotiat*): tried at every token
        for p in sorted(phrases, key=lambda p: (-len(p.keys), p.written)):
            if not p.keys:
                continue
            if p.prefix_last and len(p.keys) == 1:
                self.prefix_first.append(p)
            else:
                self.by_first.setdefault(p.keys[0], []).append(p)

    def tokens(self, text: str) -> list[Token]:
        """The words of ``text`` keyed for this matcher."""
        return tokenize_for_matching(text, self.known)

    def find(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """Matches left to right, the longest at each position, without overlaps."""
        tokens = tokens if tokens is not None else self.tokens(text)
        blocked = self._blocked(tokens)
        out, i = [], 0
        while i < len(tokens):
            hits = [p for p in self._candidates(tokens, i) if self._fits(tokens, i, p, blocked)]
            if not hits:
                i += 1
                continue
            phrase = max(hits, key=lambda p: len(p.keys))
            out.append(self._match(text, tokens, i, phrase))
            i += len(phrase.keys)
        return out

    def find_all(self, text: str, tokens: list[Token] | None = None) -> list[Match]:
        """Every phrase that matches at every position (overlaps kept), in position then phrase order."""
        tokens = tokens if tokens is not None else self.tokens(text)
        blocked = self._blocked(tokens)
        return [
            self._match(text, tokens, i, p)
            for i in range(len(tokens))
            for p in self._candidates(tokens, i)
            if self._fits(tokens, i, p, blocked)
        ]

    def _match(self, text: str, tokens: list[Token], i: int, phrase: Phrase) -> Match:
        n = len(phrase.keys)
        form = phrase.form
        if form == "name" and text[tokens[i + n - 1].end : tokens[i + n - 1].end + 2] in ("'s", "\u2019s"):
            form = "possessive"
        return Match(phrase.label, form, phrase.written, i, i + n, tokens[i].start, tokens[i + n - 1].end)

    def _candidates(self, tokens: list[Token], i: int) -> list[Phrase]:
        tok = tokens[i]
        found = self.by_first.get(tok.key, [])
        if tok.exact != tok.key:
            found = found + self.by_first.get(tok.exact, [])
        # a multi-word phrase whose last word is a prefix is indexed by its first key above
        return found + [p for p in self.prefix_first if tok.key.startswith(p.keys[0])]

    def _fits(self, tokens: list[Token], i: int, phrase: Phrase, blocked: dict[int, set[str]]) -> bool:
        n = len(phrase.keys)
        window = tokens[i : i + n]
        if len(window) < n or phrase.label in blocked.get(i, set()):
            return False
        got = [t.exact if phrase.case_sensitive else t.key for t in window]
        if phrase.prefix_last:
            if got[:-1] != list(phrase.keys[:-1]) or not got[-1].startswith(phrase.keys[-1]):
                return False
        elif tuple(got) != phrase.keys:
            return False
        if phrase.form == "adjective" and self.head_nouns and not has_arabic(phrase.written):
            following = {t.key for t in tokens[i + n : i + n + self.adjective_window]}
            if not following & self.head_nouns:
                return False
        return True

    def _blocked(self, tokens: list[Token]) -> dict[int, set[str]]:
        blocked: dict[int, set[str]] = {}
        keys = [t.key for t in tokens]
        for label, phrases in self.excludes.items():
            for ph in phrases:
                for i in range(len(keys) - len(ph) + 1):
                    if tuple(keys[i : i + len(ph)]) == ph:
                        for j in range(i, i + len(ph)):
                            blocked.setdefault(j, set()).add(label)
        return blocked


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


def negator_before(keys: list[str], i: int, negation: Negation | None = None) -> str:
    """The negator starting within the window before position ``i`` (and ending before it), or ''.

    ``keys`` are token keys (``Token.key``). An Arabic negator also counts with و or ف attached (ولم, فلا).
    A phrase of ``negation.exceptions`` ("لا يزال", still) is no negator.
    """
    negation = negation or load_negation()
    for k in range(max(0, i - negation.window), i):
        if any(_starts(keys, k, e) for e in negation.exceptions):
            continue
        lang = "ar" if has_arabic(keys[k]) else "en"
        for neg in negation.negators[lang]:
            if k + len(neg) > i:
                continue
            if _starts(keys, k, neg):
                return " ".join(neg)
    return ""


def _starts(keys: list[str], k: int, phrase: tuple[str, ...]) -> bool:
    """True when ``phrase`` starts at position k, its first word also with و or ف attached."""
    head = keys[k]
    return tuple(keys[k : k + len(phrase)]) == phrase or (
        head[:1] in ("و", "ف") and (head[1:], *keys[k + 1 : k + len(phrase)]) == phrase
    )
