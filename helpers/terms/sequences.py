"""Tokens with positions, and what is counted over their sequences: n-grams and collocations.

Finders count here; the measures that score the counts are in ``helpers.terms.statistics``.
"""

from __future__ import annotations

import math
from collections import Counter

import pandas as pd

from helpers.terms.statistics import association, log_dice
from helpers.terms.tokenising import TOKEN, is_stop, term_lang, term_of


def tokens(segments: pd.DataFrame) -> pd.DataFrame:
    """One row per token of each segment: ids, article offsets, the verbatim token, its term, language,
    stopword flag.

    Pass ``Corpus.sentences()`` for sentence-bounded work (n-grams, collocations) or
    ``Corpus.units()`` for whole units. ``start``/``end`` are character offsets in the article.
    """
    rows = []
    for doc_id, seg_id, start, body in segments[["doc_id", "segment_id", "start", "text"]].itertuples(
        index=False
    ):
        for i, m in enumerate(TOKEN.finditer(body)):
            term = term_of(m.group())
            if term:
                rows.append((doc_id, seg_id, i, start + m.start(), start + m.end(), m.group(), term))
    df = pd.DataFrame(rows, columns=["doc_id", "segment_id", "index", "start", "end", "token", "term"])
    df["lang"] = df["term"].map(term_lang)
    df["stopword"] = df["term"].map(is_stop).astype(bool)
    return df


def _sequences(toks: pd.DataFrame) -> list[list[str]]:
    return [list(g) for _, g in toks.groupby("segment_id", sort=False)["term"]]


def ngrams(toks: pd.DataFrame, n: int = 2, min_freq: int = 2, drop_stopwords: bool = True) -> pd.DataFrame:
    """Contiguous n-grams (n = 2 or 3) of a token table, never across segments (pass sentence tokens).

    Columns: ngram (terms joined by a space), lang ('mixed' if the scripts differ), count,
    per_10k, and NLTK's association scores against independence: g2 (log-likelihood,
    signed: negative when the n-gram is rarer than expected), pmi, t_score; log_dice for
    bigrams. ``drop_stopwords`` drops n-grams that begin or end with a stopword. Sorted by
    count, then g2. The total N of rates and scores is the token count of the n-gram's
    language (of the whole table for a mixed one), as in ``collocates`` and ``word_list``,
    so adding Arabic text leaves the scores of English n-grams unchanged.
    """
    from nltk.collocations import BigramCollocationFinder, TrigramCollocationFinder

    if n not in (2, 3):
        raise ValueError(f"n must be 2 or 3, not {n}")
    finder_cls = BigramCollocationFinder if n == 2 else TrigramCollocationFinder
    finder = finder_cls.from_documents(_sequences(toks))
    finder.apply_freq_filter(min_freq)
    if drop_stopwords:
        finder.apply_ngram_filter(lambda *words: is_stop(words[0]) or is_stop(words[-1]))
    totals = toks["lang"].value_counts()
    rows = []
    for gram, count in finder.ngram_fd.items():
        langs = {term_lang(w) for w in gram}
        lang = langs.pop() if len(langs) == 1 else "mixed"
        total = int(totals[lang]) if lang != "mixed" else len(toks)
        expected = total * math.prod(finder.word_fd[w] / total for w in gram)
        row = {
            "ngram": " ".join(gram),
            "lang": lang,
            "count": count,
            "per_10k": round(count / total * 10_000, 4),
            **association(_ngram_marginals(finder, gram, total), expected),
        }
        if n == 2:
            row["log_dice"] = round(log_dice(count, finder.word_fd[gram[0]], finder.word_fd[gram[1]]), 4)
        rows.append(row)
    cols = ["ngram", "lang", "count", "per_10k", "g2", "pmi", "t_score"] + (["log_dice"] if n == 2 else [])
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(
        ["count", "g2", "ngram"], ascending=[False, False, True], kind="stable"
    ).reset_index(drop=True)


def _ngram_marginals(finder, gram: tuple[str, ...], total: int) -> tuple:
    """The marginals NLTK's ``score_ngram`` passes to a measure, with ``total`` in place of the finder's
    token count."""
    if len(gram) == 2:
        return finder.ngram_fd[gram], (finder.word_fd[gram[0]], finder.word_fd[gram[1]]), total
    w1, w2, w3 = gram
    return (
        finder.ngram_fd[gram],
        (finder.bigram_fd[(w1, w2)], finder.wildcard_fd[(w1, w3)], finder.bigram_fd[(w2, w3)]),
        (finder.word_fd[w1], finder.word_fd[w2], finder.word_fd[w3]),
        total,
    )


def collocates(
    toks: pd.DataFrame,
    node: str,
    window: int | tuple[int, int] = 5,
    min_freq: int = 2,
    drop_stopwords: bool = True,
) -> pd.DataFrame:
    """Collocates of ``node`` within ``window`` tokens left and right, inside each segment (pass sentence
    tokens).

    Where the windows of two node occurrences overlap, a position is counted once (as
    AntConc does): the windows of a sentence form one set of positions, the union of each
    occurrence's window without the occurrence itself; a position that follows some node
    occurrence within ``right`` tokens counts as right, any other as left. Only tokens of
    the node's language fill slots and are counted, so O(c) ≤ f(c) and W ≤ N always hold.

    Contingency table per collocate c: O = positions of c in the windows; W = positions in
    the windows; f(c) = frequency of c; N = tokens of the node's language. Then E = W·f(c)/N
    and NLTK's bigram measures on (O, (W, f(c)), N): g2 (log-likelihood, signed: negative
    if O < E), pmi = log2(O/E), t_score = (O−E)/√O; plus log_dice = 14 + log2(2·O /
    (f(node) + f(c))). Only collocates with O ≥ ``min_freq``.
    """
    left, right = (window, window) if isinstance(window, int) else window
    target = term_of(node)
    if not target:
        raise ValueError(f"node {node!r} has no letters or digits to match")
    lang = term_lang(target)
    on_left, on_right, slots = Counter(), Counter(), 0
    for seq in _sequences(toks):
        nodes = [i for i, term in enumerate(seq) if term == target]
        if not nodes:
            continue
        after = {p for i in nodes for p in range(i + 1, min(len(seq), i + 1 + right))}
        before = {p for i in nodes for p in range(max(0, i - left), i)} - after
        for side, positions in ((on_right, after), (on_left, before)):
            found = [seq[p] for p in positions if term_lang(seq[p]) == lang]
            slots += len(found)
            side.update(found)
    observed = on_left + on_right
    freq = toks["term"].value_counts()
    n_total = int((toks["lang"] == lang).sum())
    f_node = int(freq.get(target, 0))
    rows = []
    for coll, o in observed.items():
        if o < min_freq or coll == target or (drop_stopwords and is_stop(coll)):
            continue
        f_c = int(freq[coll])
        expected = slots * f_c / n_total
        rows.append(
            {
                "node": target,
                "collocate": coll,
                "lang": term_lang(coll),
                "count": o,
                "left": on_left[coll],
                "right": on_right[coll],
                "freq_collocate": f_c,
                "expected": round(expected, 4),
                **association((o, (slots, f_c), n_total), expected),
                "log_dice": round(log_dice(o, f_node, f_c), 4),
            }
        )
    cols = [
        "node",
        "collocate",
        "lang",
        "count",
        "left",
        "right",
        "freq_collocate",
        "expected",
        "g2",
        "pmi",
        "log_dice",
        "t_score",
    ]
    df = pd.DataFrame(rows, columns=cols)
    return df.sort_values(["g2", "collocate"], ascending=[False, True], kind="stable").reset_index(drop=True)
