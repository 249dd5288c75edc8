"""Every exported figure draws its Arabic as HarfBuzz shapes the logical text, and the proof can fail.

The notebooks run once (fixture ``notebook_run``); ``plotting.save_figure`` writes, next to
each figure, build/figures/<name>.json listing every Text artist as drawn (string, font
properties, resolved font files) and the missing-glyph warnings raised while rendering.
Run with ``-s`` to see the verdict counts per figure.
"""

import json
import os
import re
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import arabic_reshaper  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import nbformat  # noqa: E402
import pypdf  # noqa: E402
import pytest  # noqa: E402
from bidi import algorithm as legacy_bidi  # noqa: E402
from glyph_proof import arabic_fonts, has_arabic, prove, prove_legacy  # noqa: E402

from helpers import plotting  # noqa: E402

ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
SEED_LABELS = [
    "عقب مباحثات بوتين وويتكوف.. موسكو: حل أزمة أوكرانيا لم يقترب",
    "المطالب الروسية وعقبات السلام المستدام",
    "Putin / بوتين",
    "خطة من 28 نقطة",
    "(بوتين) [موسكو]",
    "نسبة 45.5% عام 2025-2026",
    "السَّلامُ عَلَيْكُمْ",
]


@pytest.fixture(scope="module")
def manifests(notebook_run):
    folder = notebook_run / "build" / "figures"
    return {p.stem: json.loads(p.read_text("utf-8")) for p in sorted(folder.glob("*.json"))}


def arabic_lines(manifest):
    """(text record, line) for every line with Arabic in the figure's Text artists."""
    for record in manifest["texts"]:
        for line in record["text"].split("\n"):  # matplotlib lays out each line on its own
            if has_arabic(line):
                yield record, line


@pytest.fixture(scope="module")
def house_files():
    plotting.apply_style()
    return plotting.resolved_font_files()


def test_every_exported_figure_has_a_text_manifest(notebook_run, manifests):
    exported = {p.stem for p in (notebook_run / "figures").glob("*.png")}
    assert exported, "the notebooks exported no figure"
    assert set(manifests) == exported
    for name, manifest in manifests.items():
        assert all((notebook_run / "figures" / f).is_file() for f in manifest["files"].values()), name


def test_arabic_in_every_figure_is_drawn_glyph_for_glyph_as_harfbuzz_shapes_it(manifests):
    counts, failures = {}, []
    for name, manifest in manifests.items():
        assert manifest["shapes_arabic"], (
            "the proof of exported figures needs matplotlib >= 3.11 (the lock pins it)"
        )
        counts[name] = Counter()
        for record, line in arabic_lines(manifest):
            if record["math"] or record["wrap"]:
                failures.append(
                    f"{name}: {line!r} is mathtext or wrapped: matplotlib does not shape it as one line"
                )
                continue
            verdict = prove(line, record["font_files"], record["features"], record["language"])
            counts[name][verdict.verdict] += 1
            if not verdict.ok:
                failures.append(f"{name}: {verdict.verdict} ({verdict.reason}): {line!r}")
    for name, count in counts.items():
        print(f"{name}: {dict(count)}")
    assert sum(sum(c.values()) for c in counts.values()) > 0, (
        "no Arabic text checked: the proof would be vacuous"
    )
    assert not failures, "\n".join(failures)


def test_no_glyph_is_missing_from_the_fonts(notebook_run, manifests):
    warned = {
        name: m["missing_glyph_warnings"] for name, m in manifests.items() if m["missing_glyph_warnings"]
    }
    assert not warned
    for path in sorted((notebook_run / "build" / "notebooks").glob("*.ipynb")):
        outputs = [o for cell in nbformat.read(path, as_version=4).cells for o in cell.get("outputs", [])]
        text = json.dumps(outputs, ensure_ascii=False)
        assert not re.search(r"Glyph .{0,80} missing from font", text), (
            f"{path.name} printed a missing-glyph warning"
        )


def test_arabic_is_drawn_from_the_packaged_noto_font(manifests):
    expected = os.path.realpath(plotting.font_path())
    assert "fontpkg_noto_sans_arabic" in expected
    lines = list(line for m in manifests.values() for line in arabic_lines(m))
    assert lines
    for record, line in lines:
        assert os.path.realpath(record["font_files"][0]) == expected, record["family"]
        assert arabic_fonts(line, record["font_files"]) == {expected}, line


def pdf_problems(path, texts: list[str]) -> list[str]:
    """What is wrong with the text a PDF carries for the chart strings ``texts`` (empty: nothing found).

    Checked: the fonts are embedded as TrueType subsets of the house fonts (pdf.fonttype 42),
    the text pypdf extracts holds no Arabic presentation forms (which the reshaper recipe
    leaves), every letter of every Arabic word, and every Latin word of 3+ letters.
    Whole Arabic words are not checked: Noto Sans Arabic 2.012 draws a dotted letter as a
    skeleton glyph plus dot glyphs, matplotlib 3.11.2 maps each of those glyphs back to the
    letter and writes them in visual order, so pypdf returns a word's letters out of order
    and some of them twice.
    """
    reader, problems = pypdf.PdfReader(path), []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts", [{}])[0]
            if (
                not re.search(r"\+(NotoSansArabic|DejaVuSans)", font["/BaseFont"])
                or descendant.get_object().get("/Subtype") != "/CIDFontType2"
            ):
                problems.append(
                    f"font {font['/BaseFont']} ({font['/Subtype']}) is not a TrueType subset of a house font"
                )
    extracted = "\n".join(page.extract_text() for page in reader.pages)
    forms = sorted({c for c in extracted if "\ufb50" <= c <= "\ufdff" or "\ufe70" <= c <= "\ufeff"})
    if forms:
        problems.append(f"presentation forms in the PDF text: {forms[:5]}")
    for text in texts:
        for word in ARABIC_WORD.findall(text):
            if set(word) - set(extracted):
                problems.append(
                    f"letters {sorted(set(word) - set(extracted))} of {word!r} are not in the PDF text"
                )
        problems += [
            f"{word!r} is not in the PDF text"
            for word in re.findall(r"[A-Za-z]{3,}", text)
            if word not in extracted
        ]
    return problems


def test_exported_pdfs_carry_the_arabic_as_logical_letters(notebook_run, manifests):
    for name, manifest in manifests.items():
        texts = [record["text"] for record in manifest["texts"]]
        assert pdf_problems(notebook_run / "figures" / manifest["files"]["pdf"], texts) == [], name


def test_the_pdf_check_fails_for_the_naive_recipe(tmp_path):
    plotting.apply_style()
    texts = ["المطالب الروسية", "Putin / بوتين"]
    for name, prepare in (("logical", plotting.label), ("naive", naive_recipe)):
        fig = plt.figure()
        for y, text in enumerate(texts):
            fig.text(0.1, 0.2 + 0.3 * y, prepare(text))
        plotting.save_figure(fig, name, base=tmp_path, formats=("pdf",))
        plt.close(fig)
    assert pdf_problems(tmp_path / "figures" / "logical.pdf", texts) == []
    assert any("presentation forms" in p for p in pdf_problems(tmp_path / "figures" / "naive.pdf", texts))


# --------------------------------------------------------------------------
# Done when: without the helper's rules, the proof fails
# --------------------------------------------------------------------------
def naive_recipe(text: str) -> str:
    """The classic tutorial recipe, right on matplotlib <= 3.10 and reversed on 3.11 (matplotlib#32262)."""
    return legacy_bidi.get_display(arabic_reshaper.reshape(text))


@pytest.mark.parametrize("text", SEED_LABELS)
def test_the_proof_fails_for_the_naive_recipe_on_a_shaping_matplotlib(text, house_files):
    assert plotting.matplotlib_shapes_arabic()
    assert prove(text, house_files).verdict == "IDENTICAL"  # logical text, as label() hands it over
    failed = prove(naive_recipe(text), house_files)
    assert failed.verdict == "DIFFERENT" and not failed.ok


@pytest.mark.parametrize("text", SEED_LABELS)
def test_the_fallback_comparison_fails_for_raw_text(text, house_files):
    assert prove_legacy(text, plotting.label(text, shaping=False), house_files).ok
    failed = prove_legacy(text, text, house_files)
    assert failed.verdict == "DIFFERENT" and not failed.ok


def test_the_proof_catches_each_kind_of_fault(house_files):
    text = "(بوتين) [موسكو]"
    # on a shaping matplotlib: reshaped only (joined forms drawn glyph by glyph, not the font's shaping)
    assert not prove(arabic_reshaper.reshape(text), house_files).ok
    # silent font fallback: DejaVu Sans first draws the Arabic from another file than the reference picks
    dejavu_first = house_files[::-1]
    assert prove(text, dejavu_first).ok  # consistent with itself...
    assert arabic_fonts(text, dejavu_first) != arabic_fonts(text, house_files)  # ...but not the house font
    # on a non-shaping matplotlib: the Rust get_display does not mirror brackets,
    # the default reshaper drops harakat
    from bidi import get_display as rust_get_display

    assert not prove_legacy(text, rust_get_display(arabic_reshaper.reshape(text)), house_files).ok
    harakat = "السَّلامُ عَلَيْكُمْ"
    assert not prove_legacy(
        harakat, legacy_bidi.get_display(arabic_reshaper.reshape(harakat)), house_files
    ).ok
    # a character neither font has (drawn as a Last Resort box) is an error, not a warning
    with pytest.raises(UserWarning, match="missing from font"):
        prove("بوتين \u4e2d", house_files)
