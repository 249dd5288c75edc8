"""Bilingual actor gazetteer (helpers/resources/actors.yaml) -> actor mentions in both scripts.

Aliases and text go through the same pipeline as every count in the project
(``text.normalize`` -> ``text.token_spans`` -> ``text.strip_clitics`` for Arabic), so
``وويتكوف`` matches the alias ``ويتكوف`` and ``Yushakov`` matches Ushakov through an alias,
with the text left as it is. Each mention keeps the words it was found in.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd

from helpers.lexicon import (
    UNFOLDED_STEPS,
    Keyed,
    Match,
    PhraseMatcher,
    Token,
    compile_phrase,
    known_forms,
    token_key,
)
from helpers.paths import RESOURCES
from helpers.resource_loader import ResourceError, cached_on_content, read_yaml, string_list
from helpers.text import has_arabic, normalize
from helpers.unlisted import NAME_TITLES, NOT_NAME_WORDS, ROLE_TITLES, may_hold_a_name, unlisted_people

GAZETTEER_FILE = RESOURCES / "actors.yaml"
ACTOR_KEYS = {
    "id",
    "en",
    "ar",
    "group",
    "kind",
    "note",
    "aliases_en",
    "aliases_ar",
    "titles_en",
    "titles_ar",
    "adjectives_en",
    "adjectives_ar",
    "exclude_en",
    "exclude_ar",
    "surnames_en",
    "surnames_ar",
}
REQUIRED_ACTOR_KEYS = ("id", "en", "ar", "group", "aliases_en", "aliases_ar")
#: Words after an English nationality adjective within which a head noun must follow.
ADJECTIVE_WINDOW = 3
#: A title or nationality adjective at most this many words before a person's name is part of that name.
APPOSITION_GAP = 3
#: English past tenses without -ed that stand between an actor and a person as a verb ("Russia told Trump").
IRREGULAR_VERBS = frozenset(
    "said told met spoke wrote sent gave made thought sought took held won let put struck hit urged".split()
)
#: English prepositions that stand between an actor and a person as two actors ("Russia to Zelenskyy").
SEPARATING_PREPOSITIONS = frozenset("to with for about against on from by over at toward towards".split())


#: A word right before an office's title that makes it another, lower office: "Deputy Secretary of State",
#: "Under Secretary", "Assistant Secretary of Defense", "نائب وزير الخارجية".
_LOWER_OFFICE = re.compile(r"(?:\b(?:deputy|under|assistant)|نائب)\s*$", re.IGNORECASE)


def holder_on(holders: tuple[tuple[str, str], ...], date: str) -> str | None:
    """Of an office's holders ((from date YYYY-MM-DD, actor id), ... oldest first), the one in office on
    ``date``; None before the first listed, and for an empty date unless a holder's date is empty too (an
    actor named by the title on any date: ``_check_publishers``)."""
    held = [actor for start, actor in holders if start <= date]
    return held[-1] if held else None


def past_tense(key: str) -> bool:
    """An English past tense, by its matching key: -ed ("congratulated") or one of ``IRREGULAR_VERBS``."""
    return (len(key) > 3 and key.endswith("ed")) or key in IRREGULAR_VERBS


#: Arabic words that may stand between a nationality adjective and the name ("المبعوث الروسي الخاص كيريل
#: دميترييف"): the Arabic adjective follows the office, so other words there end the title.
ARABIC_TITLE_WORDS = (
    "الخاص الخاصة السابق السابقة الأسبق الجديد الجديدة الحالي الحالية المنتخب المنتخبة المكلف المكلفة "
    "بالإنابة الأول الأولى الدائم الدائمة العام العامة المساعد المساعدة الأعلى"
).split()
_TITLE_WORD_KEYS = frozenset(token_key(w) for w in ARABIC_TITLE_WORDS)
_APPOSITION_BREAK = re.compile(
    r"[,.;:!?()\[\]\"«»“”،؛]|\b(?:and|that)\b|(?<!\S)[وف]?[بل]?[إأا]ن(?:ه|ها)?(?!\S)", re.IGNORECASE
)
#: A middle initial ("Antony J. Blinken", "Lloyd J. Austin III"): its full stop ends no apposition.
_INITIAL = re.compile(r"\b[A-Z]\.")
MENTION_COLUMNS = [
    "doc_id",
    "segment_id",
    "parent",
    "section",
    "lang",
    "actor",
    "actor_en",
    "actor_ar",
    "group",
    "form",
    "alias",
    "mention",
    "start",
    "end",
]


GazetteerError = ResourceError


# --------------------------------------------------------------------------
# The gazetteer
# --------------------------------------------------------------------------
@dataclass(frozen=True)
class Gazetteer:
    """The loaded actor gazetteer: a table of actors and groups, and a matcher for their names."""

    path: Path
    version: object
    actors: pd.DataFrame
    groups: pd.DataFrame
    matcher: PhraseMatcher
    #: an office's title as written -> its holders, ((from date YYYY-MM-DD, actor id), ...) oldest first
    offices: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    #: a government site's domain -> the titles it names its officials by: ((title keys, title as written,
    #: holders as in ``offices``), ...)
    publishers: dict[str, tuple[tuple[tuple[str, ...], str, tuple[tuple[str, str], ...]], ...]] = field(
        default_factory=dict
    )
    #: a government site's domain -> the actor id of the government it speaks for
    governments: dict[str, str] = field(default_factory=dict)

    @cached_property
    def name_words(self) -> frozenset[str]:
        """The matching keys of every word of a person's alias ("يوري" of "يوري أوشاكوف")."""
        people = set(self.actors.index[self.actors["kind"] == "person"])
        return frozenset(k for p in self.matcher.phrases if p.label in people for k in p.keys)

    @cached_property
    def single_words(self) -> frozenset[str]:
        """The matching keys of the one-word aliases and adjectives ("Kremlin", "Chinese"): no word of the
        name of a person the gazetteer does not list (``helpers.unlisted``)."""
        return frozenset(p.keys[0].casefold() for p in self.matcher.phrases if len(p.keys) == 1)

    @cached_property
    def full_names(self) -> dict[str, str]:
        """A person's English name of two words or more, casefolded -> their id (``helpers.unlisted``: the
        name written with a middle initial)."""
        people = set(self.actors.index[self.actors["kind"] == "person"])
        return {
            p.written.casefold(): p.label
            for p in self.matcher.phrases
            if p.label in people and p.form == "name" and len(p.keys) > 1 and not has_arabic(p.written)
        }

    @cached_property
    def title_words(self) -> dict[str, frozenset[str]]:
        """Actor id -> the matching keys of the words of its titles ("minister" for Lavrov)."""
        words: dict[str, set[str]] = {}
        for p in self.matcher.phrases:
            if p.form == "title":
                for actor in {a for _, a in self.offices.get(p.written, ())} or {p.label}:
                    words.setdefault(actor, set()).update(k.casefold() for k in p.keys)
        return {a: frozenset(ws) for a, ws in words.items()}

    def holder(self, m: Match, date: str = "") -> str | None:
        """The actor a mention names on ``date`` (YYYY-MM-DD): for the title of an office held in turn
        ("the US president"), its holder then, or None when the gazetteer lists none then; else (and with
        no date) ``m.label``, the office's last holder."""
        terms = self.offices.get(m.alias) if date and m.form == "title" else None
        return holder_on(terms, date) if terms else m.label

    def site_titles(self, url: str) -> tuple:
        """The titles alone by which the government site of ``url`` names its officials (``publishers``);
        () for a url on any other site, or none. Read once per document: ``find_mentions(titles=...)``."""
        return _on_site(url, self.publishers, ())

    def site_government(self, url: str) -> str:
        """The government whose own site ``url`` is on (``publishers``: its ``government``), or ""."""
        return _on_site(url, self.governments, "")

    @cached_property
    def surnames(self) -> dict[str, tuple[str, ...]]:
        """The actors with a surname that names them only once named in full (``surnames_en``/``_ar``) ->
        their surnames as written, and with a bare alef: a text that holds none of them needs no ``named``
        (``find_mentions``)."""
        out: dict[str, set[str]] = {}
        for p in self.matcher.phrases:
            if p.form == "surname":
                out.setdefault(p.label, set()).update({p.written, re.sub("[أإآ]", "ا", p.written)})
        return {actor: tuple(sorted(forms)) for actor, forms in out.items()}

    @cached_property
    def kinds(self) -> dict[str, str]:
        """Actor id -> kind (person, state, ...), as in ``actors``."""
        return dict(zip(self.actors.index, self.actors["kind"], strict=True))

    def label(self, actor: str) -> tuple[str, str]:
        """(English, Arabic) display names of an actor id."""
        row = self.actors.loc[actor]
        return row["en"], row["ar"]


def load_gazetteer(path: str | Path | None = None) -> Gazetteer:
    """Read and check the actor gazetteer YAML (default: helpers/resources/actors.yaml)."""
    return _load_gazetteer(Path(path) if path is not None else GAZETTEER_FILE)


@cached_on_content()
def _load_gazetteer(path: Path) -> Gazetteer:
    data = read_yaml(path, required=("version", "groups", "actors"), what="gazetteer")
    groups = _check_groups(path, data["groups"])
    if not isinstance(data["actors"], list) or not data["actors"]:
        raise ResourceError(f"{path}: 'actors' must be a non-empty list of actor entries (- id: ...).")
    head_nouns = frozenset(w.casefold() for w in string_list(data.get("head_nouns"), f"{path}: head_nouns"))
    entries = [_check_actor(path, i, entry, groups) for i, entry in enumerate(data["actors"], start=1)]
    ids = [e["id"] for e in entries]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    if dup:
        raise ResourceError(f"{path}: actor id(s) {dup} appear more than once. Give every actor its own id.")
    offices = _check_offices(path, data.get("offices"), set(ids))
    publishers = _check_publishers(path, data.get("publishers"), offices, set(ids))
    # an office's titles name its last holder (a text's date may name another: Gazetteer.holder)
    titled = [{"id": office["holders"][-1][1], **office} for office in offices]
    known = known_forms(
        alias
        for e in entries + titled
        for key in ("aliases_ar", "titles_ar", "adjectives_ar")
        for alias in e.get(key, [])
    )
    known |= _whole_names(entries, known)
    phrases, excludes, owner = [], {}, {}
    for e in entries + titled:
        for key, form in (
            ("aliases_en", "name"),
            ("aliases_ar", "name"),
            ("titles_en", "title"),
            ("titles_ar", "title"),
            ("adjectives_en", "adjective"),
            ("adjectives_ar", "adjective"),
            ("surnames_en", "surname"),
            ("surnames_ar", "surname"),
        ):
            for alias in e.get(key, []):
                phrase = compile_phrase(e["id"], form, alias, known)
                if not phrase.keys:
                    raise ResourceError(
                        f"{path}: actor {e['id']!r}, {key}: {alias!r} has no letters to match."
                    )
                other = owner.setdefault(phrase.keys, e["id"])
                if other != e["id"]:
                    raise ResourceError(
                        f"{path}: actor {e['id']!r}, {key}: {alias!r} is also an alias of "
                        f"{other!r}. An alias must name one actor; remove one of them."
                    )
                phrases.append(phrase)
        if "holders" in e:
            continue  # an office: its titles only
        excludes[e["id"]] = [
            compile_phrase(e["id"], "x", x, known).keys
            for key in ("exclude_en", "exclude_ar")
            for x in e.get(key, [])
        ]
    actors = pd.DataFrame(
        [
            {"actor": e["id"], "en": e["en"], "ar": e["ar"], "group": e["group"], "kind": e.get("kind", "")}
            for e in entries
        ]
    ).set_index("actor", drop=False)
    return Gazetteer(
        path,
        data["version"],
        actors,
        groups,
        PhraseMatcher(phrases, known, head_nouns, excludes, ADJECTIVE_WINDOW),
        {
            title: tuple(office["holders"])
            for office in offices
            for key in ("titles_en", "titles_ar")
            for title in office[key]
        },
        {
            domain: tuple(
                (compile_phrase("", "title", title, known).keys, title, holders) for title, holders in titles
            )
            for domain, titles, _ in publishers
            if titles
        },
        {domain: government for domain, _, government in publishers if government},
    )


def _on_site(url: str, by_domain: dict, default):
    """The value of ``by_domain`` for the domain ``url`` is on (or a subdomain of), else ``default``."""
    if not url or not by_domain:
        return default
    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").casefold()
    except ValueError:  # not a url ("http://[bad"): no site's
        return default
    for domain, value in by_domain.items():
        if host == domain or host.endswith("." + domain):
            return value
    return default


def _whole_names(entries: list[dict], known: frozenset[str]) -> frozenset[str]:
    """The Arabic name words that begin with the letters of a proclitic but are whole words ("براون", Brown;
    "بريغوجين", Prigozhin; "كايا", Kaya): every word of a person's names, and any other alias word whose
    clitic-free form is no word of the gazetteer ("بريتوريا"); not a word written with the article. Kept
    whole, such a name is not read as a preposition's object ("ب" + "راون")."""
    whole = set()
    for e in entries:
        for alias in e.get("aliases_ar", []):
            for word in alias.split():
                form = normalize(word, UNFOLDED_STEPS)
                stripped = token_key(word, known)
                if form.startswith("ال") or stripped == form or not has_arabic(word):
                    continue
                if e.get("kind") == "person" or stripped not in known:
                    whole.add(form)
    return frozenset(whole)


def _check_offices(path: Path, offices: object, ids: set[str]) -> list[dict]:
    """The ``offices`` block: titles held in turn, each with its holders and the date each took office."""
    if offices is None:
        return []
    fix = (
        "give a list of {id, titles_en, titles_ar, holders: [{actor: <id>, from: YYYY-MM-DD}, ...]}, "
        "holders oldest first"
    )
    if not isinstance(offices, list):
        raise ResourceError(f"{path}: 'offices' must be a list: {fix}.")
    out = []
    for i, office in enumerate(offices, start=1):
        where = f"{path}: offices entry {i}"
        if not isinstance(office, dict) or not {"id", "holders"} <= set(office):
            raise ResourceError(f"{where}: {fix}.")
        where += f" ({office['id']!r})"
        holders = office["holders"]
        if not isinstance(holders, list) or not holders:
            raise ResourceError(f"{where}: 'holders' must be a non-empty list: {fix}.")
        terms = []
        for h in holders:
            start = h.get("from") if isinstance(h, dict) else None
            if isinstance(start, datetime.date):  # YAML reads an unquoted date as a date
                start = start.isoformat()
            if (
                not isinstance(h, dict)
                or h.get("actor") not in ids
                or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(start))
            ):
                raise ResourceError(
                    f"{where}: holder {h!r} needs 'actor' (an id of 'actors') and 'from' (YYYY-MM-DD)."
                )
            terms.append((start, h["actor"]))
        if [t[0] for t in terms] != sorted(t[0] for t in terms):
            raise ResourceError(f"{where}: list the holders oldest first (by 'from').")
        out.append(
            {
                "office": office["id"],
                "holders": terms,
                **{
                    key: string_list(office.get(key), f"{where}, {key}", key[-2:], allow_empty=True)
                    for key in ("titles_en", "titles_ar")
                },
            }
        )
    return out


def _check_publishers(
    path: Path, publishers: object, offices: list[dict], ids: set[str]
) -> list[tuple[str, list[tuple[str, tuple[tuple[str, str], ...]]], str]]:
    """The ``publishers`` block: (domain, [(title, holders), ...], government id or "") per domain; an actor
    id's holders are that actor alone, from any date."""
    if publishers is None:
        return []
    fix = (
        "give a list of {domains: [gov.uk, ...], government: <actor id>, "
        "titles_en: {Prime Minister: <office id or actor id>}} (titles_en or government, or both)"
    )
    if not isinstance(publishers, list):
        raise ResourceError(f"{path}: 'publishers' must be a list: {fix}.")
    held = {office["office"]: tuple(office["holders"]) for office in offices}
    out = []
    for i, entry in enumerate(publishers, start=1):
        where = f"{path}: publishers entry {i}"
        if not isinstance(entry, dict):
            raise ResourceError(f"{where}: {fix}.")
        titles, government = entry.get("titles_en", {}), entry.get("government", "")
        if not isinstance(titles, dict) or not isinstance(government, str) or not (titles or government):
            raise ResourceError(f"{where}: {fix}.")
        if government and government not in ids:
            raise ResourceError(f"{where}: government {government!r} is no id of 'actors'.")
        for title, who in titles.items():
            if who not in held and who not in ids:
                raise ResourceError(
                    f"{where}: {title!r} names {who!r}, which is no id of 'offices' or 'actors'."
                )
        pairs = [(str(t), held.get(who, (("", who),))) for t, who in titles.items()]
        out += [
            (d.casefold(), pairs, government) for d in string_list(entry.get("domains"), f"{where}, domains")
        ]
    return out


def _check_groups(path: Path, groups: object) -> pd.DataFrame:
    if not isinstance(groups, dict) or not groups:
        raise ResourceError(
            f"{path}: 'groups' must map group ids to names, e.g. russia: {{en: Russia, ar: روسيا}}."
        )
    rows = []
    for gid, names in groups.items():
        if not isinstance(names, dict) or not {"en", "ar"} <= set(names):
            raise ResourceError(f"{path}: group {gid!r} needs both an 'en' and an 'ar' name.")
        rows.append({"group": gid, "en": names["en"], "ar": names["ar"]})
    return pd.DataFrame(rows).set_index("group", drop=False)


def _check_actor(path: Path, i: int, entry: object, groups: pd.DataFrame) -> dict:
    where = f"{path}: actors entry {i}"
    if not isinstance(entry, dict):
        raise ResourceError(f"{where}: must be a mapping with keys {', '.join(REQUIRED_ACTOR_KEYS)}.")
    if "id" in entry:
        where += f" (id {entry['id']!r})"
    unknown = sorted(set(entry) - ACTOR_KEYS)
    if unknown:
        raise ResourceError(f"{where}: unknown key(s) {unknown}. Allowed: {', '.join(sorted(ACTOR_KEYS))}.")
    missing = [k for k in REQUIRED_ACTOR_KEYS if k not in entry]
    if missing:
        raise ResourceError(f"{where}: missing key(s) {', '.join(missing)}.")
    if (
        not isinstance(entry["id"], str)
        or not entry["id"].replace("_", "").isalnum()
        or not entry["id"].islower()
    ):
        raise ResourceError(
            f"{where}: the id must be lower-case letters, digits and '_' (e.g. united_states)."
        )
    if entry["group"] not in groups.index:
        raise ResourceError(
            f"{where}: group {entry['group']!r} is not defined under 'groups' "
            f"({', '.join(groups.index)}). Add it there or fix the spelling."
        )
    if not has_arabic(str(entry["ar"])):
        raise ResourceError(f"{where}: 'ar' must be the Arabic name of the actor; got {entry['ar']!r}.")
    out = dict(entry)
    for key in ACTOR_KEYS - {"id", "en", "ar", "group", "kind", "note"}:
        script = "ar" if key.endswith("_ar") else "en"
        out[key] = string_list(
            entry.get(key), f"{where}, {key}", script, allow_empty=key not in ("aliases_en", "aliases_ar")
        )
    return out


# --------------------------------------------------------------------------
# Mentions
# --------------------------------------------------------------------------
def find_mentions(
    text: str,
    gazetteer: Gazetteer | None = None,
    tokens: list[Token] | None = None,
    keyed: Keyed | None = None,
    date: str = "",
    named: frozenset[str] = frozenset(),
    titles: tuple = (),
) -> list[Match]:
    """Actor mentions in one text, left to right (label = actor id).

    A surname too common to be an alias ("Johnson") names its person only after the text, or the
    document before it (``named``: ids), has named the person otherwise ("Prime Minister Boris Johnson
    said ... Johnson told Reuters"); in English only when written with a capital.

    ``date``: the text's date (YYYY-MM-DD, the metadata's); the title of an office alone ("the US
    president") names its holder on that date (``Gazetteer.holder``), and nothing when the gazetteer lists
    no holder then. With no date, the office's last holder.

    ``titles``: the titles alone by which the text's publisher, a government site, names its officials
    (``Gazetteer.site_titles`` of the text's url): "The Prime Minister" on gov.uk names the UK prime minister
    of the text's date (``_site_officials``).

    Apposition: a title or nationality adjective right before a person's name ("الرئيس الروسي
    فلاديمير بوتين", "Russian Foreign Minister Sergei Lavrov"), or the name of a state or institution
    at most one word before it ("رئيس المجلس الأوروبي أنطونيو كوستا", "Kremlin spokesman Dmitry Peskov"),
    is part of that person's mention and is dropped, unless punctuation or "and" (و) stands between
    them, or the one word is a verb or a preposition ("Russia accused Zelenskyy", "موسكو تتهم زيلينسكي",
    "رحب الكرملين بتصريحات ترامب": ``_separating_word``).

    ``tokens`` or ``keyed`` (or both): the words of ``text`` as the gazetteer's matcher keys them, when known.
    """
    gaz = gazetteer or load_gazetteer()
    if keyed is None and tokens is None:
        keyed = gaz.matcher.keyed(text)  # once, for the matcher and the words below
    found = gaz.matcher.find(text, tokens, keyed)
    if any(m.form == "title" for m in found):  # "Deputy Secretary of State ..." holds no secretary of state
        found = [m for m in found if not (m.form == "title" and _LOWER_OFFICE.search(text, 0, m.start))]
    scan = not has_arabic(text) and may_hold_a_name(text, found, named)
    if titles or scan:  # the words, made only when needed
        words = tokens if tokens is not None else keyed.tokens()
    if titles:
        found = _site_officials(found, words, titles, date)
    if any(m.form == "surname" for m in found):
        found = _named_surnames(found, text, named)
    kinds = gaz.kinds
    if scan:  # a person the gazetteer does not list (helpers.unlisted)
        # a listed person's one-word name after a first name not theirs may be another person's surname
        # ("Representatives ..., Andy Harris (R-MD), ...": not Kamala Harris): the unlisted name wins
        loose = [m for m in found if _after_other_first_name(m, words, gaz)]
        kept = [m for m in found if m not in loose] if loose else found
        more = unlisted_people(text, words, kept, kinds, named, gaz.single_words, gaz.full_names)
        if loose:
            covered = {i for m in more for i in range(m.first, m.last)}
            kept = kept + [m for m in loose if m.first not in covered]
        if more or loose:
            found = sorted(kept + more, key=lambda m: m.first)
    keep = []
    for m, nxt in zip(found, [*found[1:], None], strict=False):
        person = kinds.get(m.label, "person") == "person"
        gap = APPOSITION_GAP if m.form in ("title", "adjective") else -1 if person else 1
        if (
            nxt is not None
            and m.form != "possessive"
            and kinds.get(nxt.label, "person") == "person"
            and nxt.first - m.last <= gap
            and not _APPOSITION_BREAK.search(_INITIAL.sub("", text[m.end : nxt.start]))
            and not (m.form == "name" and _separating_word(text[m.end : nxt.start], gaz))
            and not (m.form == "title" and _past_verb_among(text[m.end : nxt.start], gaz))
            and not (
                m.form in ("adjective", "title") and not _title_words_between(text[m.end : nxt.start], gaz)
            )
        ):
            # the first word of the name (keyed here only when needed: the words of the match are its words)
            if keyed is not None:
                first = keyed.token(nxt.first)
            elif tokens is not None:
                first = tokens[nxt.first]
            else:
                first = gaz.matcher.tokens(text[nxt.start : nxt.end])[0]
            if not _coordinated_clitic(first):
                continue
        keep.append(m)
    if date and gaz.offices:
        dated = [(m, gaz.holder(m, date)) for m in keep]
        keep = [m if who == m.label else m._replace(label=who) for m, who in dated if who]
    return keep


def _after_other_first_name(m: Match, words: list[Token], gaz: Gazetteer) -> bool:
    """True for a listed person's one-word name right after a capitalised word that names no one the
    gazetteer lists, is no title and no initial ("Andy" before "Harris")."""
    if m.last - m.first != 1 or m.first == 0 or gaz.kinds.get(m.label) != "person":
        return False
    before = words[m.first - 1]
    return (
        before.exact[:1].isupper()
        and len(before.exact) > 1
        and before.key not in gaz.name_words
        and before.key not in gaz.single_words
        and before.key not in NAME_TITLES
        and before.key not in ROLE_TITLES
        and before.key not in NOT_NAME_WORDS
    )


def _site_officials(found: list[Match], words: list[Token], titles: tuple, date: str) -> list[Match]:
    """The mentions, with those of an official named by a title alone on their government's site ("The
    Prime Minister spoke to ..." on gov.uk): "the" before the title or the title opening the sentence
    ("Council condemns ...", "Parliament calls on ..." on the EU institutions' sites), no capitalised
    word or "of" after it ("the Prime Minister of Italy"), no word of another mention in it; named as
    titles are, a person's name right after it is that person's (``find_mentions``). A title of an
    office held in turn names its holder on ``date``, and no one in a text with no date (a title alone
    says less than "the US president")."""
    taken = {i for m in found for i in range(m.first, m.last)}
    keys = [w.key for w in words]
    more = []
    for title, written, holders in titles:
        n = len(title)
        for i in range(len(words) - n + 1):
            if (
                (i and keys[i - 1] != "the")
                or tuple(keys[i : i + n]) != title
                or taken.intersection(range(i, i + n))
            ):
                continue
            after = words[i + n] if i + n < len(words) else None
            if after is not None and (after.key == "of" or after.exact[:1].isupper()):
                continue
            who = holder_on(holders, date)  # no date: an office's holder unknown
            if who:
                more.append(Match(who, "title", written, i, i + n, words[i].start, words[i + n - 1].end))
    return sorted(found + more, key=lambda m: m.first) if more else found


def _named_surnames(found: list[Match], text: str, named: frozenset[str]) -> list[Match]:
    """The mentions, with a surname kept (as a name) only for a person already named (``find_mentions``)."""
    seen, out = set(named), []
    for m in found:
        if m.form == "surname":
            if m.label not in seen or not (has_arabic(m.alias) or text[m.start].isupper()):
                continue
            m = m._replace(form="name")
        seen.add(m.label)
        out.append(m)
    return out


def _separating_word(between: str, gaz: Gazetteer) -> bool:
    """True when the one word between a state or institution and a person's name is no word of a title, so
    that the two are separate actors: a verb, an English word ending in -ed or -s (not -ss) or an irregular
    past tense ("accused", "thanks", "told"), an Arabic present tense (ي / ت after و or ف: "تتهم", "يرحب");
    or a preposition, English ("Russia to Zelenskyy") or an Arabic word with ب or ل attached ("ورحب الكرملين
    بتصريحات ترامب"). Not a word of a person's name ("يوري")."""
    word = between.strip()
    if not word or " " in word:
        return False
    key = token_key(word, gaz.matcher.known)
    if has_arabic(word):
        bare = word.lstrip("وف")
        attached = bare[:1] in ("ب", "ل") and not key.startswith(bare[:1])
        return (bare[:1] in ("ي", "ت") or attached) and key not in gaz.name_words
    return (
        key.endswith("ed")
        or (key.endswith("s") and not key.endswith("ss"))
        or key in IRREGULAR_VERBS
        or key in SEPARATING_PREPOSITIONS
    )


def _past_verb_among(between: str, gaz: Gazetteer) -> bool:
    """True when a word between a title and a person's name is an English past tense ("The US president
    spoke to the Russian president", "the German Chancellor called President Zelenskyy"): two actors."""
    return any(past_tense(token_key(w, gaz.matcher.known)) for w in between.split() if not has_arabic(w))


def _title_words_between(between: str, gaz: Gazetteer) -> bool:
    """True when the words between an Arabic nationality adjective and a name can belong to the title: words
    of ``ARABIC_TITLE_WORDS``, words of a listed name, and one other word right before the name (a first
    name: "الرئيس الروسي فلاديمير بوتين"), not "الحكومة الأمريكية تحت قيادة الرئيس ترامب". English titles
    put the adjective first ("Russian Foreign Minister Sergei Lavrov"): any words will do."""
    words = between.split()
    if not words or not has_arabic(between):
        return True
    return all(
        token_key(w) in _TITLE_WORD_KEYS or token_key(w, gaz.matcher.known) in gaz.name_words
        for w in words[:-1]
    )


def _coordinated_clitic(token: Token) -> bool:
    """True for a word written with و or ف attached ("وبيسكوف"): a second actor, not an apposition."""
    return token.exact[:1] in ("و", "ف") and not token.key.startswith(token.exact[:1])


def actor_mentions(
    segments: pd.DataFrame,
    gazetteer: Gazetteer | None = None,
    dates: dict[str, str] | None = None,
    urls: dict[str, str] | None = None,
) -> pd.DataFrame:
    """One row per actor mention in the given segments, with the words matched and article offsets.

    Pass sentence segments (``Corpus.sentences()``) to count each character once, in reading order (a
    surname names its person after the full name: ``find_mentions``). ``dates``: doc_id ->
    date (YYYY-MM-DD), for who an office's title names on that date (``find_mentions``); ``urls``: doc_id ->
    url, for the titles alone its government site names its officials by (``Gazetteer.site_titles``).
    """
    dates, urls = dates or {}, urls or {}
    gaz = gazetteer or load_gazetteer()
    actors = gaz.actors
    names = dict(
        zip(actors.index, zip(actors["en"], actors["ar"], actors["group"], strict=True), strict=True)
    )
    fields = [
        segments[c].tolist() for c in ("doc_id", "segment_id", "parent", "section", "lang", "text", "start")
    ]
    columns: list[list] = [[] for _ in MENTION_COLUMNS]  # filled value by value: no object kept per row
    named: dict[str, frozenset[str]] = {}  # doc_id -> the people with a surname it has named so far
    titles: dict[str, tuple] = {}  # doc_id -> Gazetteer.site_titles of its url
    for doc_id, segment_id, parent, section, lang, text, start in zip(*fields, strict=True):
        if doc_id not in titles:
            titles[doc_id] = gaz.site_titles(urls.get(doc_id, ""))
        found = find_mentions(
            text, gaz, date=dates.get(doc_id, ""), named=named.get(doc_id, frozenset()), titles=titles[doc_id]
        )
        new = {m.label for m in found if m.label in gaz.surnames or m.label not in names}
        if new:
            named[doc_id] = named.get(doc_id, frozenset()) | new
        for m in found:
            where = (doc_id, segment_id, parent, section, lang)
            # actor, actor_en, actor_ar, group: a person the gazetteer does not list has its name as written
            # for both names and is its own group (``helpers.unlisted``)
            who = (m.label, *names.get(m.label, (m.label, m.label, m.label)))
            row = (*where, *who, m.form, m.alias, text[m.start : m.end], start + m.start, start + m.end)
            for column, value in zip(columns, row, strict=True):
                column.append(value)
    if not columns[0]:
        return pd.DataFrame([], columns=MENTION_COLUMNS)  # no mention: empty object columns
    return pd.DataFrame(dict(zip(MENTION_COLUMNS, columns, strict=True)), columns=MENTION_COLUMNS)


def mention_counts(
    mentions: pd.DataFrame, by: tuple[str, ...] = ("actor", "section", "lang")
) -> pd.DataFrame:
    """Number of mentions per combination of the ``by`` columns (tidy, sorted)."""
    by = list(by)
    return (
        mentions.groupby(by, sort=True).size().rename("mentions").reset_index()
        if len(mentions)
        else pd.DataFrame(columns=[*by, "mentions"])
    )
