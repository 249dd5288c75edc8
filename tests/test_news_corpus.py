"""The synthetic benchmark corpus (benchmarks/news_corpus.py): deterministic, loadable, and every stage finds
something in both languages."""

import json

import pytest

from benchmarks import news_corpus
from helpers.actors import actor_mentions
from helpers.corpus import load_corpus
from helpers.framing import load_codebook, match_cues
from helpers.stance import stance_records


def _files(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    base = tmp_path_factory.mktemp("news")
    return news_corpus.generate(base / "a", 0.2, seed=11), news_corpus.generate(base / "b", 0.2, seed=11)


@pytest.fixture(scope="module")
def corpus(pair):
    return load_corpus(pair[0])


def test_same_seed_same_bytes(pair):
    a, b = pair
    files = _files(a)
    assert files == _files(b)
    stamp = json.loads(files["GENERATED.json"])
    assert stamp["bytes"] >= 200_000 and len(files) == stamp["documents"] + 2  # articles, metadata, stamp


def test_complete_folder_is_kept_and_another_seed_replaces_it(tmp_path):
    folder = news_corpus.generate(tmp_path / "c", 0.05, seed=1)
    meta = folder / "metadata.csv"
    before, mtime = _files(folder), meta.stat().st_mtime_ns
    news_corpus.generate(folder, 0.05, seed=1)
    assert meta.stat().st_mtime_ns == mtime
    news_corpus.generate(folder, 0.05, seed=2)
    after = _files(folder)
    assert after != before
    assert len(after) == json.loads(after["GENERATED.json"])["documents"] + 2  # no article of seed 1 left


def test_loads_labelled_and_bilingual(corpus):
    docs = corpus.documents
    assert docs["provenance"].str.startswith("SYNTHETIC").all()
    assert docs["outlet"].str.startswith("Synthetic Wire").all() and docs["outlet"].nunique() >= 10
    assert set(docs["languages"]) == {"ar", "en", "ar;en"}
    assert 0.3 < (docs["languages"] == "ar").mean() < 0.6
    assert docs["date"].str.match(r"2025-\d\d-\d\d$").all()
    assert set(corpus.segments["kind"]) == {"title", "heading", "paragraph", "sentence"}


def test_every_stage_finds_something_in_both_languages(corpus):
    docs = corpus.documents
    some = [d for lang in ("ar", "en") for d in docs.loc[docs["languages"] == lang, "doc_id"][:6]]
    sents = corpus.sentences()
    sents = sents[sents["doc_id"].isin(some)]
    hits = match_cues(sents, load_codebook())
    mentions = actor_mentions(sents)
    statements = stance_records(sents)[0]
    for found in (hits, mentions, statements):
        assert set(found["lang"]) == {"ar", "en"}
    assert hits["frame"].nunique() >= 8 and hits["negated"].any()
    assert mentions["actor"].nunique() >= 15
    for lang, got in statements.groupby("lang"):
        assert {-1, 1} <= set(got["polarity"]), lang
        assert len(got) >= 15, lang
