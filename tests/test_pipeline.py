"""helpers.pipeline: the per-document entry point gives the notebooks' tables; partitions merge to the same
tables; the cache computes nothing twice, reruns only the stage whose resource changed, and never trusts a
damaged entry."""

import random
import re
import shutil
from functools import reduce

import pandas as pd
import pytest

from helpers import actors, devset, framing, paths, pipeline, stance, terms
from helpers.corpus import Corpus
from helpers.pipeline import NoCache, Resources, ResultCache

RECORD_STAGES = ("framing", "actors", "stance", "terms")


def notebook_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """The tables as notebooks 01-03 compute them today, with the corpus-wide calls."""
    codebook, gaz, cues = framing.load_codebook(), actors.load_gazetteer(), stance.load_stance_cues()
    units, sentences = corpus.units(), corpus.sentences()
    hits = framing.match_cues(sentences, codebook)
    docs = corpus.documents
    speakers = dict(zip(docs["doc_id"], docs["speaker"], strict=True))
    dates = dict(zip(docs["doc_id"], docs["date"], strict=True))
    urls = dict(zip(docs["doc_id"], docs["url"], strict=True))
    statements, portrayal, quotes = stance.stance_records(sentences, gaz, cues, speakers, dates, urls)
    return {
        "documents": corpus.documents,
        "units": units,
        "sentences": sentences,
        "cue_hits": hits,
        "frame_codes": framing.code_segments(hits, pd.concat([units, sentences]), codebook),
        "mentions": actors.actor_mentions(sentences, gaz, dates, urls),
        "statements": statements,
        "portrayal": portrayal,
        "quotes": quotes,
        "words": terms.word_list(units.merge(corpus.documents[["doc_id", "outlet", "date"]], on="doc_id")),
    }


def subset(corpus: Corpus, doc_ids) -> Corpus:
    docs = corpus.documents[corpus.documents["doc_id"].isin(set(doc_ids))].reset_index(drop=True)
    return Corpus(docs, corpus.segments[corpus.segments["doc_id"].isin(set(doc_ids))].reset_index(drop=True))


@pytest.fixture(scope="module")
def multi_outlet():
    """A multi-outlet corpus: every fourth document of the development set, and every speech in it."""
    corpus = devset.load_devset().corpus
    docs = corpus.documents
    chosen = set(docs["doc_id"].iloc[::4]) | set(docs.loc[docs["speaker"] != "", "doc_id"])
    return subset(corpus, chosen)


@pytest.fixture(scope="module")
def filled_cache(tmp_path_factory, multi_outlet):
    """A cache filled by one run on the multi-outlet corpus, and that run's tables."""
    cache = ResultCache(tmp_path_factory.mktemp("cache"))
    return cache, pipeline.analyse(multi_outlet, cache=cache)


def assert_same_tables(expected: dict, got: dict) -> None:
    assert set(got) == set(expected)
    for name, table in expected.items():
        assert got[name].equals(table), name
        assert list(got[name].columns) == list(table.columns), name


# --------------------------------------------------------------------------
# The entry point against the notebooks' calls
# --------------------------------------------------------------------------
def test_analyse_equals_notebook_calls_on_seed(seed_corpus):
    assert_same_tables(notebook_tables(seed_corpus), pipeline.analyse(seed_corpus, cache=False))


def test_analyse_equals_notebook_calls_on_multi_outlet_corpus(multi_outlet, filled_cache):
    assert multi_outlet.documents["outlet"].nunique() > 5
    expected = notebook_tables(multi_outlet)
    assert_same_tables(expected, pipeline.analyse(multi_outlet, cache=False))
    assert_same_tables(expected, filled_cache[1])  # the cached run's tables too


def test_random_partitions_merge_to_the_same_tables(multi_outlet, filled_cache):
    cache, whole = filled_cache
    ids = list(multi_outlet.documents["doc_id"])
    rng = random.Random(14)
    for _ in range(5):
        shuffled = rng.sample(ids, len(ids))
        cuts = sorted(rng.sample(range(1, len(ids)), rng.randint(1, 6)))
        parts = [shuffled[a:b] for a, b in zip([0, *cuts], [*cuts, len(ids)], strict=True)]
        partials = [pipeline.run(subset(multi_outlet, p), cache=cache) for p in parts]
        rng.shuffle(partials)
        merged = reduce(pipeline.merge, partials)
        assert_same_tables(whole, pipeline.tables(merged, multi_outlet))
    # merging is associative: (a + b) + c == a + (b + c)
    a, b, c = (pipeline.run(subset(multi_outlet, ids[k::3]), cache=cache) for k in range(3))
    left, right = pipeline.merge(pipeline.merge(a, b), c), pipeline.merge(a, pipeline.merge(b, c))
    assert_same_tables(pipeline.tables(left, multi_outlet), pipeline.tables(right, multi_outlet))


def test_partitions_computed_fresh_merge_to_the_same_tables(seed_corpus, multi_outlet, filled_cache):
    ids = list(multi_outlet.documents["doc_id"])
    parts = [ids[k::2] for k in range(2)]
    merged = reduce(pipeline.merge, [pipeline.run(subset(multi_outlet, p), cache=False) for p in parts])
    assert_same_tables(filled_cache[1], pipeline.tables(merged, multi_outlet))


def analysed_before_and_after(tmp_path, doc_id, **metadata):
    """The actors and stance tables of one devset document, then of the same text with ``metadata`` changed,
    through one cache."""
    one = subset(devset.load_devset().corpus, [doc_id])
    cache = ResultCache(tmp_path / "cache")
    before = pipeline.analyse(one, stages=("actors", "stance"), cache=cache)
    changed = Corpus(one.documents.assign(**metadata), one.segments)
    return before, pipeline.analyse(changed, stages=("actors", "stance"), cache=cache)


def test_a_changed_date_is_read_again_not_taken_from_the_cache(tmp_path):
    # "the President of the United States" on 2022-02-12
    before, after = analysed_before_and_after(tmp_path, "en_kremlin_301", date="2025-06-01")
    assert "biden" in set(before["mentions"]["actor"]) and "trump" not in set(before["mentions"]["actor"])
    assert "trump" in set(after["mentions"]["actor"])
    # its statements too: the president a coordinated subject of the call's first sentence
    assert "Biden" in set(before["statements"]["source"]) and "Trump" not in set(
        before["statements"]["source"]
    )
    assert "Trump" in set(after["statements"]["source"])


def test_a_changed_url_is_read_again_not_taken_from_the_cache(tmp_path):
    # "The Prime Minister" of a gov.uk readout names the UK prime minister; on another site, no one
    before, after = analysed_before_and_after(tmp_path, "en_govuk_501", url="https://example.org/pm-call")
    assert "johnson" in set(before["mentions"]["actor"]) and "johnson" not in set(after["mentions"]["actor"])
    assert "Boris Johnson" in set(before["statements"]["source"])
    assert "Boris Johnson" not in set(after["statements"]["source"])


def test_merge_refuses_overlapping_parts_and_tables_missing_documents(seed_corpus):
    part = pipeline.run(seed_corpus, stages=("actors",), cache=False)
    with pytest.raises(ValueError, match="in both parts"):
        pipeline.merge(part, part)
    empty = pipeline.Partial(("actors",))
    with pytest.raises(ValueError, match="no actors results"):
        pipeline.tables(empty, seed_corpus)
    with pytest.raises(ValueError, match="unknown stage"):
        pipeline.analyse(seed_corpus, stages=("portrait",), cache=False)


def test_stages_give_only_their_tables(seed_corpus):
    got = pipeline.analyse(seed_corpus, stages=("actors", "terms"), cache=False)
    assert set(got) == {"mentions", "words"}


# --------------------------------------------------------------------------
# The cache
# --------------------------------------------------------------------------
def test_second_run_reads_everything_from_cache(multi_outlet, filled_cache, tmp_path):
    n = len(multi_outlet.documents)
    cache = ResultCache(tmp_path / "cache")
    first = pipeline.analyse(multi_outlet, cache=cache)
    assert cache.computed == {stage: n for stage in RECORD_STAGES}
    assert not cache.read
    again = ResultCache(tmp_path / "cache")
    second = pipeline.analyse(multi_outlet, cache=again)
    assert not again.computed
    assert again.read == {stage: n for stage in RECORD_STAGES}
    assert_same_tables(first, second)
    assert_same_tables(filled_cache[1], second)  # read from the cache == computed in another run
    fresh = NoCache()
    assert_same_tables(
        pipeline.analyse(multi_outlet, stages=("actors",), cache=fresh), {"mentions": second["mentions"]}
    )
    assert fresh.computed == {"actors": n}


@pytest.fixture
def resource_copies(tmp_path):
    folder = tmp_path / "resources"
    folder.mkdir()
    names = {
        "codebook": "frames.yaml",
        "gazetteer": "actors.yaml",
        "stance_cues": "stance_cues.yaml",
        "arabic_valence": "arabic_valence.yaml",
    }
    for name in names.values():
        shutil.copy(paths.RESOURCES / name, folder / name)
    return Resources(**{k: folder / v for k, v in names.items()})


def _rerun(corpus, folder, resources) -> ResultCache:
    cache = ResultCache(folder)
    pipeline.analyse(corpus, cache=cache, resources=resources)
    return cache


@pytest.mark.parametrize(
    "resource, reruns",
    [
        ("codebook", {"framing"}),
        ("gazetteer", {"actors", "stance"}),
        ("stance_cues", {"stance"}),
        ("arabic_valence", {"stance"}),
    ],
)
def test_editing_a_resource_reruns_only_the_stages_that_read_it(
    seed_corpus, multi_outlet, resource_copies, tmp_path, resource, reruns
):
    corpus = subset(multi_outlet, list(multi_outlet.documents["doc_id"].iloc[:6]))
    n = len(corpus.documents)
    folder = tmp_path / "cache"
    assert _rerun(corpus, folder, resource_copies).computed == {s: n for s in RECORD_STAGES}
    path = getattr(resource_copies, resource)
    shutil.copystat(path, path)  # a touch, no edit: nothing is recomputed (content hashes, not mtimes)
    assert not _rerun(corpus, folder, resource_copies).computed
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    cache = _rerun(corpus, folder, resource_copies)
    assert cache.computed == {s: n for s in reruns}
    assert cache.read == {s: n for s in RECORD_STAGES if s not in reruns}
    assert not _rerun(corpus, folder, resource_copies).computed


def test_edited_codebook_changes_the_framing_results(seed_corpus, resource_copies, tmp_path):
    folder = tmp_path / "cache"
    before = pipeline.analyse(
        seed_corpus, stages=("framing",), cache=ResultCache(folder), resources=resource_copies
    )
    path = resource_copies.codebook
    text = path.read_text(encoding="utf-8")
    cue = next(c for c in before["cue_hits"]["cue"] if re.fullmatch(r"[a-z]+", c))
    edited = re.sub(rf"\b{cue}\b", "zzzunmatchable", text)
    assert edited != text
    path.write_text(edited, encoding="utf-8")
    after = pipeline.analyse(
        seed_corpus, stages=("framing",), cache=ResultCache(folder), resources=resource_copies
    )
    fresh = pipeline.analyse(seed_corpus, stages=("framing",), cache=False, resources=resource_copies)
    assert_same_tables(fresh, after)
    assert not after["cue_hits"].equals(before["cue_hits"])


def test_a_damaged_cache_entry_is_recomputed(seed_corpus, tmp_path):
    folder = tmp_path / "cache"
    first = pipeline.analyse(seed_corpus, cache=ResultCache(folder))
    entries = sorted(folder.rglob("*.pkl"))
    assert len(entries) == len(RECORD_STAGES)
    damaged = [p for p in entries if p.parent.parent.name == "stance"][0]
    data = bytearray(damaged.read_bytes())
    data[-10] ^= 0xFF  # one flipped byte: the checksum no longer matches
    damaged.write_bytes(bytes(data))
    truncated = [p for p in entries if p.parent.parent.name == "framing"][0]
    truncated.write_bytes(truncated.read_bytes()[:20])
    cache = ResultCache(folder)
    assert_same_tables(first, pipeline.analyse(seed_corpus, cache=cache))
    assert cache.corrupt == {"stance": 1, "framing": 1}
    assert cache.computed == {"stance": 1, "framing": 1}
    assert not list(folder.rglob(".tmp-*"))  # no temporary file left behind
    again = ResultCache(folder)
    pipeline.analyse(seed_corpus, cache=again)
    assert not again.computed and not again.corrupt  # rewritten whole


# --------------------------------------------------------------------------
# Batches, folder input and the Dask engine
# --------------------------------------------------------------------------
def test_batches_are_cut_by_content_so_an_added_document_changes_only_its_batch():
    from helpers.pipeline.batches import cut

    ids = [f"doc{i:04d}" for i in range(2000)]
    spans = cut(ids, size=16)
    assert [a for a, _ in spans][1:] == [b for _, b in spans][:-1] and spans[-1][1] == len(ids)
    assert max(b - a for a, b in spans) <= 64 and 40 < len(spans) < 250
    batches = {tuple(ids[a:b]) for a, b in spans}
    grown = ids[:1000] + ["new-article"] + ids[1000:]
    grown_batches = {tuple(grown[a:b]) for a, b in cut(grown, size=16)}
    changed = grown_batches - batches
    assert len(changed) <= 2 and any(
        "new-article" in b for b in changed
    )  # its batch (which may split in two)
    assert len(batches - grown_batches) == 1


@pytest.fixture(scope="module")
def generated_folder(tmp_path_factory):
    """A small generated multi-outlet bilingual corpus folder (labelled synthetic; benchmarks.news_corpus)."""
    from benchmarks import news_corpus

    return news_corpus.generate(tmp_path_factory.mktemp("generated") / "corpus", megabytes=0.4, seed=7)


@pytest.fixture(scope="module")
def generated_tables(generated_folder):
    from helpers.corpus import load_corpus

    return notebook_tables(load_corpus(generated_folder))


def test_folder_input_gives_the_loaded_corpus_tables(generated_folder, generated_tables):
    from helpers.pipeline.batches import cut

    documents = generated_tables["documents"]
    assert documents["outlet"].nunique() >= 6 and len(cut(list(documents["doc_id"]))) > 1
    assert set(documents["languages"]) >= {"ar", "en"}
    assert_same_tables(generated_tables, pipeline.analyse(generated_folder, cache=False))
    seed = pipeline.analyse(paths.CORPUS, cache=False)
    from helpers.corpus import load_corpus

    assert_same_tables(notebook_tables(load_corpus(paths.CORPUS)), seed)


def test_editing_one_article_recomputes_its_batch_only(generated_folder, tmp_path):
    from helpers.pipeline.batches import cut

    folder = tmp_path / "corpus"
    shutil.copytree(generated_folder, folder)
    cache = tmp_path / "cache"
    first = ResultCache(cache)
    pipeline.analyse(folder, cache=first)
    ids = list(pd.read_csv(folder / "metadata.csv", dtype=str)["doc_id"])
    assert first.computed == {s: len(ids) for s in ("segments", *RECORD_STAGES)}
    a, b = next(span for span in cut(ids) if span[0] <= len(ids) // 2 < span[1])
    article = folder / "articles" / f"{ids[len(ids) // 2]}.txt"
    article.write_text(
        article.read_text(encoding="utf-8") + "\nPutin said the talks had failed.\n", encoding="utf-8"
    )
    second = ResultCache(cache)
    edited = pipeline.analyse(folder, cache=second)
    assert second.computed == {s: b - a for s in ("segments", *RECORD_STAGES)}
    assert second.read == {s: len(ids) - (b - a) for s in ("segments", *RECORD_STAGES)}
    assert_same_tables(pipeline.analyse(folder, cache=False), edited)


def test_dask_local_cluster_gives_the_embedded_tables(generated_folder, generated_tables, seed_corpus):
    distributed = pytest.importorskip("distributed")  # in requirements.txt: never skipped in make test
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        got = pipeline.analyse(generated_folder, cache=False, engine=cluster.scheduler_address)
        assert_same_tables(generated_tables, got)
        ran = client.run(lambda: __import__("helpers.pipeline.batches").pipeline.batches._LOADED != {})
        assert all(ran.values()), "every worker analysed batches"
        assert_same_tables(
            pipeline.analyse(seed_corpus, cache=False),
            pipeline.analyse(seed_corpus, cache=False, engine=cluster.scheduler_address),
        )
    started = NoCache()  # engine="dask" starts (and closes) its own LocalCluster
    assert_same_tables(
        {"mentions": generated_tables["mentions"]},
        pipeline.analyse(generated_folder, stages=("actors",), cache=started, engine="dask", workers=2),
    )
    n = len(generated_tables["documents"])
    assert started.computed == {"segments": n, "actors": n}  # a folder's articles are read and segmented too


def test_an_unknown_engine_is_refused_with_the_choices(seed_corpus):
    with pytest.raises(ValueError, match="'embedded'.*'dask'.*tcp://"):
        pipeline.analyse(seed_corpus, engine="spark", cache=False)
