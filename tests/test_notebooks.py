"""Every notebook runs top to bottom in a fresh kernel and exports what it promises, the same bytes every time."""

import hashlib
import json

import nbformat
import pytest

from helpers import export

NOTEBOOKS = export.notebook_paths()


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
        p.name for p in (notebook_run / "figures").iterdir()}
    executed = nbformat.read(notebook_run / "build" / "notebooks" / "00-corpus-overview.ipynb", as_version=4)
    shown = json.dumps([c.get("outputs", []) for c in executed.cells], ensure_ascii=False)
    assert "آفاق مستقبلية للحل السياسي في أوكرانيا" in shown  # the Arabic headings reach the output as logical text


def test_term_tables_label_terms_by_their_spelling_and_keep_acronyms(notebook_run):
    import pandas as pd

    words = pd.read_csv(notebook_run / "tables" / "term_frequency.csv").set_index("term")
    assert words.loc["اوكرانيا", ["label", "forms"]].tolist() == ["أوكرانيا", "أوكرانيا"]  # the chart's label
    assert words.loc["US", "count"] == 8 and "us" not in words.index  # the United States, not the pronoun
    keyness = pd.read_csv(notebook_run / "tables" / "term_keyness.csv")
    assert {"label", "key"} <= set(keyness.columns)


def _digests(folder):
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for sub in ("figures", "tables") for p in sorted((folder / sub).rglob("*")) if p.is_file()}


def test_a_second_run_changes_no_byte(notebook_run, tmp_path):
    export.run_notebooks(NOTEBOOKS, jobs=2, base=tmp_path)
    first, second = _digests(notebook_run), _digests(tmp_path)
    assert first.keys() == second.keys()
    changed = sorted(k for k in first if first[k] != second[k])
    assert not changed, f"outputs differ between two runs: {changed}"


ONE_LANGUAGE_ARTICLES = {  # written for these tests: one language each, no section headings, no hand coding
    "ar": "بوتين يحذر أوروبا من حرب مباشرة\n\nقال الرئيس الروسي فلاديمير بوتين إن المقترحات الأوروبية غير مقبولة. "
          "وأضاف أن المحادثات مع ويتكوف كانت مفيدة.\nورفضت أوكرانيا المطالب الروسية، وقالت إنها بمثابة استسلام.\n",
    "en": "Talks end without a deal\n\nPutin said the European proposals were unacceptable. He called the talks "
          "with Witkoff useful.\nUkraine rejected the Russian demands as surrender.\n",
}


@pytest.mark.parametrize("lang", sorted(ONE_LANGUAGE_ARTICLES))
def test_every_notebook_runs_on_a_one_language_corpus_without_headings(tmp_path, lang):
    corpus = tmp_path / "corpus"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "articles" / f"{lang}1.txt").write_text(ONE_LANGUAGE_ARTICLES[lang], encoding="utf-8")
    (corpus / "metadata.csv").write_text(
        "doc_id,file,title,outlet,date,url,languages,provenance,licence\n"
        f"{lang}1,articles/{lang}1.txt,,,,,{lang},made by hand for the tests,\n", encoding="utf-8")
    out = tmp_path / "out"
    export.run_notebooks(NOTEBOOKS, jobs=2, base=out, parameters={"CORPUS_DIR": str(corpus)})  # raises if a cell fails
    for nb_path in NOTEBOOKS:
        executed = nbformat.read(out / "build" / "notebooks" / nb_path.name, as_version=4)
        assert all(c.get("execution_count") for c in executed.cells if c.cell_type == "code"), nb_path.name
    documents = (out / "tables" / "corpus_documents.csv").read_text(encoding="utf-8")
    assert f"{lang}1," in documents and "000_621ee5358e06a89f" not in documents  # the parameter reached the notebook
