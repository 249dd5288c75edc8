"""Every notebook runs top to bottom in a fresh kernel and exports what it promises, the same bytes every
time."""

import hashlib
import json

import nbformat
import pytest

from helpers import run

pytestmark = pytest.mark.notebooks  # every test here runs or reads the notebooks

NOTEBOOKS = run.notebook_paths()


def test_there_are_notebooks():
    assert [nb.name for nb in NOTEBOOKS][:1] == ["00-corpus-overview.ipynb"]


def test_every_notebook_ran_without_errors(notebook_run):
    for nb_path in NOTEBOOKS:
        executed = nbformat.read(notebook_run / "build" / "notebooks" / nb_path.name, as_version=4)
        code = [c for c in executed.cells if c.cell_type == "code"]
        assert code and all(c.get("execution_count") for c in code), f"{nb_path.name}: not every cell ran"
        errors = [o for c in code for o in c.outputs if o.output_type == "error"]
        assert not errors, f"{nb_path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"


def test_every_notebook_exports_figures_tables_and_a_report(notebook_run):
    figures = sorted((notebook_run / "figures").iterdir())
    stems = {p.stem for p in figures}
    assert stems, "no figures exported"
    for stem in stems:  # every figure in all three formats
        assert {p.suffix for p in figures if p.stem == stem} == {".png", ".svg", ".pdf"}, stem
    assert list((notebook_run / "tables").glob("*.csv"))
    for nb_path in NOTEBOOKS:
        report = notebook_run / "reports" / f"{nb_path.stem}.html"
        assert report.is_file() and "<html" in report.read_text(encoding="utf-8")[:2000]


def test_overview_notebook_outputs(notebook_run):
    assert {"corpus_section_lengths.png", "corpus_section_lengths.svg", "corpus_section_lengths.pdf"} <= {
        p.name for p in (notebook_run / "figures").iterdir()
    }
    executed = nbformat.read(notebook_run / "build" / "notebooks" / "00-corpus-overview.ipynb", as_version=4)
    shown = json.dumps([c.get("outputs", []) for c in executed.cells], ensure_ascii=False)
    assert (
        "آفاق مستقبلية للحل السياسي في أوكرانيا" in shown
    )  # the Arabic headings reach the output as logical text


def test_term_tables_label_terms_by_their_spelling_and_keep_acronyms(notebook_run):
    import pandas as pd

    words = pd.read_csv(notebook_run / "tables" / "term_frequency.csv").set_index("term")
    assert words.loc["اوكرانيا", ["label", "forms"]].tolist() == ["أوكرانيا", "أوكرانيا"]  # the chart's label
    assert words.loc["US", "count"] == 8 and "us" not in words.index  # the United States, not the pronoun
    keyness = pd.read_csv(notebook_run / "tables" / "term_keyness.csv")
    assert {"label", "key"} <= set(keyness.columns)


def _digests(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for sub in ("figures", "tables")
        for p in sorted((folder / sub).rglob("*"))
        if p.is_file()
    }


def test_a_second_run_changes_no_byte(notebook_run, tmp_path):
    run.run_notebooks(NOTEBOOKS, jobs=2, base=tmp_path)
    first, second = _digests(notebook_run), _digests(tmp_path)
    assert first.keys() == second.keys()
    changed = sorted(k for k in first if first[k] != second[k])
    assert not changed, f"outputs differ between two runs: {changed}"


ONE_LANGUAGE_ARTICLES = {  # written for these tests: one language each, no section headings, no hand coding
    "ar": "بوتين يحذر أوروبا من حرب مباشرة\n\n"
    "قال الرئيس الروسي فلاديمير بوتين إن المقترحات الأوروبية غير مقبولة. "
    "وأضاف أن المحادثات مع ويتكوف كانت مفيدة.\nورفضت أوكرانيا المطالب الروسية، وقالت إنها بمثابة استسلام.\n",
    "en": "Talks end without a deal\n\n"
    "Putin said the European proposals were unacceptable. He called the talks "
    "with Witkoff useful.\nUkraine rejected the Russian demands as surrender.\n",
}


@pytest.mark.parametrize("lang", sorted(ONE_LANGUAGE_ARTICLES))
def test_every_notebook_runs_on_a_one_language_corpus_without_headings(tmp_path, lang):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / f"{lang}1.txt").write_text(ONE_LANGUAGE_ARTICLES[lang], encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "doc_id,file,title,outlet,date,url,languages,provenance,licence\n"
        f"{lang}1,articles/{lang}1.txt,,,,,{lang},made by hand for the tests,\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    run.run_notebooks(
        NOTEBOOKS, jobs=2, base=out, parameters={"CORPUS_DIR": str(corpus)}
    )  # raises if a cell fails
    for nb_path in NOTEBOOKS:
        executed = nbformat.read(out / "build" / "notebooks" / nb_path.name, as_version=4)
        assert all(c.get("execution_count") for c in executed.cells if c.cell_type == "code"), nb_path.name
    documents = (out / "tables" / "corpus_documents.csv").read_text(encoding="utf-8")
    assert (
        f"{lang}1," in documents and "000_621ee5358e06a89f" not in documents
    )  # the parameter reached the notebook


# --------------------------------------------------------------------------
# A corpus of several outlets in both scripts, with dates, imported with helpers.ingest
# --------------------------------------------------------------------------
FIXTURE_OUTLETS = {  # devset outlet -> articles taken (the first by doc_id, all dated)
    "Sputnik Arabic": 3,
    "Sky News Arabia": 3,
    "Al Jazeera": 3,
    "DW Arabic": 3,
    "Global Voices": 2,
    "United States Mission to the United Nations": 2,
}
MULTI_PARAMETERS = {
    "DEVSET": False,  # the development set is measured by the seed run; not needed here
    "N_BOOT": 200,  # fewer bootstrap replicates: the same code, a shorter run
    "TOP_OUTLETS": 3,  # six outlets: the charts pool three of them as "other"
    "HAND_VALENCE_COLUMN": "tone",  # no hand coding here, and another valence column: must not raise
}


@pytest.fixture(scope="module")
def multi_outlet_run(tmp_path_factory):
    """Import 16 devset articles of 6 outlets (Arabic and English, dated) and run every notebook on them."""
    import csv

    from helpers import ingest, paths

    base = tmp_path_factory.mktemp("multi_outlet")
    rows = list(csv.DictReader((paths.ROOT / "devset" / "metadata.csv").open(encoding="utf-8")))
    dated = sorted((r for r in rows if r["date"]), key=lambda r: r["doc_id"])
    chosen = [
        r for outlet, n in FIXTURE_OUTLETS.items() for r in [r for r in dated if r["outlet"] == outlet][:n]
    ]
    source = base / "articles.jsonl"
    with source.open("w", encoding="utf-8") as fh:
        for r in chosen:
            record = {k: r[k] for k in ("title", "outlet", "date", "url")}
            record.update(
                text=(paths.ROOT / "devset" / r["file"]).read_text(encoding="utf-8"), language=r["languages"]
            )
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    ingest.ingest([source], base / "corpus", output_dir=base / "ingest")
    out = base / "out"
    run.run_notebooks(
        NOTEBOOKS, jobs=2, base=out, parameters={"CORPUS_DIR": str(base / "corpus"), **MULTI_PARAMETERS}
    )
    return out, chosen


def test_every_notebook_runs_on_a_multi_outlet_corpus(multi_outlet_run):
    import pandas as pd

    out, chosen = multi_outlet_run
    for nb_path in NOTEBOOKS:
        executed = nbformat.read(out / "build" / "notebooks" / nb_path.name, as_version=4)
        assert all(c.get("execution_count") for c in executed.cells if c.cell_type == "code"), nb_path.name
    figures = {p.name for p in (out / "figures").iterdir()}
    for name in ("corpus_timeline", "frames_by_outlet", "frames_over_time", "stance_by_outlet"):
        assert {f"{name}.png", f"{name}.svg", f"{name}.pdf"} <= figures, name
    documents = pd.read_csv(out / "tables" / "corpus_documents.csv", keep_default_na=False)
    assert len(documents) == len(chosen) and documents["outlet"].nunique() == len(FIXTURE_OUTLETS)
    timeline = pd.read_csv(out / "tables" / "corpus_timeline.csv")
    assert timeline["articles"].sum() == len(chosen)  # every article is dated and counted once
    # 3 (ties by name) + other
    assert set(timeline["outlet"]) == {"Al Jazeera", "DW Arabic", "Sky News Arabia", "other"}


def test_frames_and_stance_by_outlet_tables(multi_outlet_run):
    import pandas as pd

    out, _ = multi_outlet_run
    frames = pd.read_csv(out / "tables" / "frames_by_outlet.csv")
    # the table names every outlet
    assert set(frames.loc[frames["by"] == "outlet", "group"]) == set(FIXTURE_OUTLETS)
    assert {"ar", "en"} <= set(frames.loc[frames["by"] == "lang", "group"])
    assert (frames["ci_low"] <= frames["share"]).all() and (frames["share"] <= frames["ci_high"]).all()
    several = frames[frames["documents"] > 1]
    assert (several["ci_high"] > several["ci_low"]).any()  # outlets of several articles have a spread
    assert frames[["n_boot", "seed"]].drop_duplicates().values.tolist() == [[200, 0]]
    stance = pd.read_csv(out / "tables" / "stance_by_outlet.csv")
    assert len(stance) and set(stance["outlet"]) <= set(FIXTURE_OUTLETS)
    # the source shares of an outlet add up to 1
    assert (stance.groupby("outlet")["share"].sum().round(3) == 1).all()
    chart = json.loads((out / "build" / "figures" / "frames_by_outlet.json").read_text(encoding="utf-8"))
    assert "other" in {t["text"] for t in chart["texts"]}  # crowded: three named outlets plus "other"


def test_corpus_level_keyness_and_findings_on_a_multi_outlet_corpus(multi_outlet_run):
    import pandas as pd

    out, chosen = multi_outlet_run
    keyness = pd.read_csv(out / "tables" / "term_keyness_groups.csv")
    assert len(keyness) and set(keyness["lang"]) == {"ar"}  # the two largest outlets of the largest language
    findings = {
        p.name: json.loads(p.read_text(encoding="utf-8")) for p in (out / "tables").glob("*_findings.json")
    }
    assert sorted(findings) == [f"{nb.stem}_findings.json" for nb in NOTEBOOKS]
    assert findings["00-corpus-overview_findings.json"]["documents"] == len(chosen)
    # 2022 to 2026: months, not days
    assert findings["00-corpus-overview_findings.json"]["time_bin"] == "month"
    group_keyness = findings["01-term-frequency_findings.json"]["group_keyness"]
    arabic = {o for o in FIXTURE_OUTLETS if "Arab" in o or o == "Al Jazeera"}
    assert {group_keyness["target"], group_keyness["reference"]} <= arabic and group_keyness["lang"] == "ar"
    # no hand coding: an empty reliability table
    assert findings["02-framing_findings.json"]["reliability"] == {}
    assert set(findings["03-stance-by-actor_findings.json"]["most_quoted_by_outlet"]) <= set(FIXTURE_OUTLETS)
