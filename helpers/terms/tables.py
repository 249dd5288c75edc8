"""Tables from counts: word lists per group, group sizes, keyness of two selections of units, dispersion."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from helpers import text as tx
from helpers.terms.counting import TermCounts, count_units
from helpers.terms.statistics import gries_dp, keyness, normalised_dp
from helpers.terms.tokenising import _TERMS, _TYPE_TABLE, stem, term_lang

#: Columns of a word list after the group columns.
WORD_LIST_COLUMNS = [
    "lang",
    "term",
    "label",
    "stem",
    "forms",
    "count",
    "per_10k",
    "docs",
    "sections",
    "tokens",
    "rank",
]


def _group_columns(by: Sequence[str]) -> list[str]:
    """Output names of the group columns: one that clashes with a word-list column gets a 'segment_'
    prefix."""
    return [f"segment_{c}" if c in WORD_LIST_COLUMNS else c for c in by]


def _surface(token: str, term: str) -> str:
    """How a prepared token type spells its term: the type without the clitics that were stripped (وأوكرانيا
    -> أوكرانيا).

    Clitic stripping removes letters from the front of the normalised type, so the spelling is the
    type's tail that normalises to the term (hamza, harakat and tatweel kept). The term itself
    if the type does not end in it.
    """
    normalised = token.translate(_TYPE_TABLE)
    cut = len(normalised) - len(term)  # letters of the clitics
    if cut < 0 or not normalised.endswith(term):
        return term
    i = 0
    while cut or (i < len(token) and not token[i].translate(_TYPE_TABLE)):  # the clitics, then their harakat
        cut -= bool(token[i].translate(_TYPE_TABLE))
        i += 1
    return token[i:]


def _label(spellings: dict[str, int]) -> str:
    """The most frequent spelling (ties: the first in code point order)."""
    return min(spellings.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _term_table(counts: TermCounts) -> pd.DataFrame:
    """Every term of every group, stopwords included: lang, term, label, forms, count, range and the
    denominator."""
    frames = []
    for group, counter in counts.tokens.items():
        totals: Counter = Counter()
        forms: dict[str, list[str]] = {}  # the surface types folded into each term
        spellings: dict[
            str, dict[str, int]
        ] = {}  # non-ASCII terms: spelling (type less its clitics) -> count
        for token, n in counter.items():
            term = _TERMS[token]
            if term:
                totals[term] += n
                forms.setdefault(term, []).append(token)
                if not token.isascii():  # an ASCII type is its own term and its own spelling
                    spelled = spellings.setdefault(term, {})
                    surface = _surface(token, term)
                    spelled[surface] = spelled.get(surface, 0) + n
        docs, sections = counts.docs.get(group, Counter()), counts.sections.get(group, Counter())
        frame = pd.DataFrame(
            {
                "lang": list(map(term_lang, totals)),
                "term": list(totals),
                "label": [_label(spellings[t]) if t in spellings else t for t in totals],
                "forms": ["|".join(sorted(f)) for f in forms.values()],
                "count": list(totals.values()),
                "docs": list(map(docs.__getitem__, totals)),
                "sections": list(map(sections.__getitem__, totals)),
            }
        )
        frame["tokens"] = frame.groupby("lang")["count"].transform("sum")
        frames.append(frame.assign(**dict(zip(_group_columns(counts.by), group, strict=False))))
    columns = [
        *_group_columns(counts.by),
        "lang",
        "term",
        "label",
        "forms",
        "count",
        "docs",
        "sections",
        "tokens",
    ]
    if not frames:
        return pd.DataFrame(columns=columns)
    return pd.concat(frames, ignore_index=True)[columns]


def _sizes(table: pd.DataFrame) -> pd.DataFrame:
    """Tokens per group and language of a ``_term_table``."""
    keys = list(table.columns[: table.columns.get_loc("term")])  # the group columns, then lang
    return table[[*keys, "tokens"]].drop_duplicates(keys).sort_values(keys, kind="stable", ignore_index=True)


def _word_list(table: pd.DataFrame, drop_stopwords: bool, stems: bool, min_count: int) -> pd.DataFrame:
    """The word list of a ``_term_table``: stopwords and rare terms dropped, rates, stems, ranks."""
    by = list(table.columns[: table.columns.get_loc("lang")])
    keep = table["count"] >= min_count
    if drop_stopwords:  # is_stop for every term at once: no stoplist entry mixes scripts, so one set serves
        keep &= ~table["term"].isin(tx.stopwords("ar") | tx.stopwords("en"))
    df = table[keep].sort_values(
        [*by, "lang", "count", "term"],
        ascending=[True] * len(by) + [True, False, True],
        kind="stable",
        ignore_index=True,
    )
    df["per_10k"] = (df["count"] / df["tokens"] * 10_000).round(4)
    df["stem"] = df["term"].map(stem) if stems else ""
    df["rank"] = (
        df.groupby([*by, "lang"], sort=False)["count"].rank(method="min", ascending=False).astype(int)
    )
    return df[[*by, *WORD_LIST_COLUMNS]]


def group_sizes(counts: TermCounts) -> pd.DataFrame:
    """Tokens per group and language (stopwords included): the denominators of every rate."""
    return _sizes(_term_table(counts))


def word_list(
    data: TermCounts | pd.DataFrame,
    by: Sequence[str] = (),
    drop_stopwords: bool = True,
    stems: bool = True,
    min_count: int = 1,
) -> pd.DataFrame:
    """Word list per group and language: count, rate per 10,000 tokens, range, rank, stem and surface forms.

    ``data`` is a TermCounts or a units table (counted here, grouped by any of its
    columns ``by``). Columns: the group columns (a 'lang' group column becomes
    'segment_lang'), lang (of the term, by script), term (what is counted), label (the
    term's most frequent spelling in the group, clitics removed but hamza and harakat kept:
    أوكرانيا for the term اوكرانيا; for charts and tables), stem (light stem, empty unless
    ``stems``), forms (the casefolded surface types counted as the term, '|'-separated),
    count, per_10k (per 10,000 tokens of that language in the group, stopwords included
    in the denominator), docs and sections (range: documents and sections of the group
    that contain the term), tokens (the denominator), rank (1 = most frequent; ties share
    the best rank).
    """
    counts = count_units(data, by) if isinstance(data, pd.DataFrame) else data
    return _word_list(_term_table(counts), drop_stopwords, stems, min_count)


# --------------------------------------------------------------------------
# Keyness of two selections of units
# --------------------------------------------------------------------------
def compare(
    units: pd.DataFrame,
    target: pd.Series,
    reference: pd.Series | None = None,
    lang: str = "en",
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """Keyness of ``lang`` terms in the units selected by the boolean mask ``target`` against ``reference``
    (default: the rest).

    Both sides are counted with ``word_list``; sizes are the tokens of ``lang`` on each side
    (stopwords included). Comparing across languages (Arabic headings vs English body)
    is refused: each side must hold tokens of ``lang``. The label is the term's most
    frequent spelling over both sides (see ``word_list``).
    """
    reference = ~target if reference is None else reference
    if (target & reference).any():
        raise ValueError("the target and reference selections overlap; keyness needs two separate groups")
    sides, counted = [], []
    for name, mask in (("target", target), ("reference", reference)):
        counted.append(count_units(units[mask.to_numpy()]))
        table = _term_table(counted[-1])
        sizes = _sizes(table).set_index("lang")["tokens"]
        size = int(sizes.get(lang, 0))
        if size == 0:
            found = {k: int(v) for k, v in sizes.items()}
            raise ValueError(
                f"the {name} selection has no {lang!r} tokens (it has {found}); keyness only "
                "compares groups within one language, e.g. a section vs the rest, headings vs body"
            )
        wl = _word_list(table, drop_stopwords, stems=False, min_count=1)
        sides.append((wl[wl["lang"] == lang].set_index("term")["count"], size))
    (a, n1), (b, n2) = sides
    both = _term_table(counted[0].merge(counted[1]))
    labels = both[both["lang"] == lang].set_index("term")["label"]
    out = keyness(a, b, n1, n2)
    return out.assign(label=out["term"].map(labels).fillna(out["term"]), lang=lang)


# --------------------------------------------------------------------------
# Dispersion
# --------------------------------------------------------------------------
def dispersion(units: pd.DataFrame, part: str = "segment_id", drop_stopwords: bool = True) -> pd.DataFrame:
    """Gries' DP (and DP normalised) of each term over the parts named by column ``part``.

    DP = ½ Σ_i |v_i − s_i| (Gries 2008), v_i = share of the term's occurrences in part i,
    s_i = share of the language's tokens in part i (parts without tokens of that
    language are left out). 0 = spread exactly like the text, near 1 = all in one small
    part. dp_norm = DP / (1 − min_i s_i) (Lijffijt & Gries 2012). Columns: lang, term,
    count, parts (parts containing the term), n_parts, dp, dp_norm.
    """
    table = _term_table(count_units(units, (part,)))
    col = _group_columns((part,))[0]  # e.g. part 'lang' is the column 'segment_lang'
    sizes = _sizes(table)
    sizes["s"] = sizes["tokens"] / sizes.groupby("lang")["tokens"].transform("sum")
    wl = _word_list(table, drop_stopwords, stems=False, min_count=1)[[col, "lang", "term", "count"]]
    wl = wl.merge(sizes[[col, "lang", "s"]], on=[col, "lang"])
    wl["v"] = wl["count"] / wl.groupby(["lang", "term"])["count"].transform("sum")
    wl["gap"] = (wl["v"] - wl["s"]).abs()
    out = (
        wl.groupby(["lang", "term"])
        .agg(count=("count", "sum"), parts=("v", "size"), gap=("gap", "sum"), s_in=("s", "sum"))
        .reset_index()
    )
    per_lang = sizes.groupby("lang").agg(n_parts=("s", "size"), s_min=("s", "min"))
    out = out.join(per_lang, on="lang")
    out["dp"] = gries_dp(out["gap"], 1 - out["s_in"]).round(4)
    out["dp_norm"] = normalised_dp(out["dp"], out["s_min"]).round(4)
    out = out.sort_values(["lang", "count", "term"], ascending=[True, False, True], kind="stable")
    return out[["lang", "term", "count", "parts", "n_parts", "dp", "dp_norm"]].reset_index(drop=True)
