"""plotting.label() on both paths, the house font, and deterministic figure files with a text manifest."""

import json
import os
import subprocess
import sys
import unicodedata
from collections import Counter

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
from glyph_proof import joining_letters, matplotlib_glyphs, prove, prove_legacy  # noqa: E402
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib import _text_helpers  # noqa: E402
from matplotlib.font_manager import FontProperties, findfont, get_font  # noqa: E402

from helpers import plotting  # noqa: E402
from helpers.paths import ROOT  # noqa: E402

HARAKAT = set("\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652")
# logical text -> what the fallback must draw, left to right, folded back to base letters (by hand)
LOGICAL = {
    "بوتين": "نيتوب",
    "السلام": "مالسلا",
    "خطة من 28 نقطة": "ةطقن 28 نم ةطخ",
    "Putin / بوتين": "Putin / نيتوب",
    "(بوتين) [موسكو]": "[وكسوم] (نيتوب)",
    "السَّلامُ": "مالسلا",  # harakat checked apart
}


@pytest.fixture(scope="module", autouse=True)
def house_style():
    plotting.apply_style()


def fold_visual(drawn: str) -> str:
    """Presentation forms -> base letters in visual order (a lam-alef ligature: alef, lam, left to right)."""
    out = []
    for ch in drawn:
        base = unicodedata.normalize("NFKC", ch) if plotting._is_presentation_form(ch) else ch
        out.append(base[::-1] if len(base) > 1 else base)
    return "".join(out)


def drawn_chars(text: str) -> list[str]:
    """The characters matplotlib lays out for ``text``, left to right by position."""
    font = get_font(plotting.resolved_font_files())
    font.set_size(12, 72)
    return [item.char for item in sorted(_text_helpers.layout(text, font), key=lambda item: item.x)]


# --------------------------------------------------------------------------
# label(): shaping path (matplotlib >= 3.11)
# --------------------------------------------------------------------------
def test_the_probe_finds_that_the_pinned_matplotlib_shapes_arabic():
    major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
    assert plotting.matplotlib_shapes_arabic() is True
    assert (major, minor) >= (3, 11)


@pytest.mark.parametrize("text", list(LOGICAL))
def test_logical_text_passes_untouched_and_is_drawn_as_harfbuzz_shapes_it(text):
    assert plotting.label(text) == text
    assert plotting.label(text, shaping=True) == text
    assert prove(text, plotting.resolved_font_files()).verdict == "IDENTICAL"


def test_bilingual_label_reads_english_then_arabic_right_to_left():
    text = plotting.bilingual("Putin", "بوتين")
    assert text == "Putin / بوتين"
    chars = [c for c in drawn_chars(text) if not c.isspace()]
    assert chars[:5] == list("Putin") and chars[-1] == "ب"  # the first Arabic letter at the right end
    assert plotting.bilingual("Putin", "") == "Putin"


def test_numbers_inside_arabic_keep_their_digit_order():
    chars = [c for c in drawn_chars(plotting.label("خطة من 28 نقطة")) if not c.isspace()]
    assert chars[-1] == "خ" and chars[0] == "ة"  # RTL: first logical letter on the right
    assert chars.index("2") < chars.index("8")  # ...but 28 still reads 2 then 8


@pytest.mark.parametrize("visual", ["\ufe91\ufeee", "بوتين \ufef5", "\u202dنيتوب\u202c", "\u202eبوتين\u202c"])
def test_the_shaping_path_refuses_presentation_forms_and_visual_order(visual):
    with pytest.raises(ValueError, match="pass logical text"):
        plotting.label(visual, shaping=True)


def test_the_shaping_path_refuses_its_own_fallback_output():
    with pytest.raises(ValueError, match="was it reshaped already"):
        plotting.label(plotting.label("بوتين", shaping=False), shaping=True)


def test_bidi_marks_in_logical_text_are_allowed():
    assert plotting.label("بوتين\u200f", shaping=True) == "بوتين\u200f"


@pytest.mark.parametrize("value, expected", [(None, ""), (28, "28"), ("Putin", "Putin"), ("", "")])
def test_text_without_arabic_passes_through_on_both_paths(value, expected):
    assert plotting.label(value, shaping=True) == plotting.label(value, shaping=False) == expected


# --------------------------------------------------------------------------
# label(): fallback path (matplotlib <= 3.10), forced with shaping=False
# --------------------------------------------------------------------------
@pytest.mark.parametrize("logical, visual", LOGICAL.items())
def test_fallback_puts_text_in_visual_order_with_brackets_mirrored(logical, visual):
    drawn = plotting.label(logical, shaping=False)
    assert "".join(c for c in fold_visual(drawn) if c not in HARAKAT) == visual


@pytest.mark.parametrize("logical", list(LOGICAL))
def test_fallback_string_invariants(logical):
    drawn = plotting.label(logical, shaping=False)
    letters = joining_letters()
    assert not [c for c in drawn if c in letters], "every joining letter must be a presentation form"
    # harakat kept
    assert Counter(c for c in drawn if c in HARAKAT) == Counter(c for c in logical if c in HARAKAT)
    arabic = [c for c in fold_visual(drawn) if "\u0621" <= c <= "\u064a"]
    # first logical letter at the right end
    assert arabic[-1] == next(c for c in logical if "\u0621" <= c <= "\u064a")


def test_fallback_keeps_harakat_that_the_default_reshaper_deletes():
    drawn = plotting.label("السَّلامُ عَلَيْكُمْ", shaping=False)
    assert Counter(c for c in drawn if c in HARAKAT) == Counter(
        {"\u064e": 3, "\u0652": 2, "\u064f": 2, "\u0651": 1}
    )


@pytest.mark.parametrize("logical", list(LOGICAL) + ["ـبـ", "پیک", "الله أكبر"])
def test_fallback_output_passes_the_legacy_glyph_comparison(logical):
    verdict = prove_legacy(logical, plotting.label(logical, shaping=False), plotting.resolved_font_files())
    assert verdict.ok, verdict.reason


def test_fallback_refuses_a_mix_of_presentation_forms_and_unjoined_letters():
    with pytest.raises(ValueError, match="fold it with NFKC"):
        plotting.label("\ufe91" + "بوتين", shaping=False)


ARABIC_ALPHABET = "ابتثجحخدذرزسشصضطظعغفقكلمنهويىةءأإآؤئپچگکی"
TEXT = st.text(
    alphabet=ARABIC_ALPHABET * 3 + "".join(HARAKAT) + "ـ 0123456789()[]/.:-Putin", min_size=1, max_size=30
)


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_label_is_idempotent_and_loses_nothing(text):
    assert plotting.label(plotting.label(text, shaping=True), shaping=True) == plotting.label(
        text, shaping=True
    )
    once = plotting.label(text, shaping=False)
    assert plotting.label(once, shaping=False) == once
    if any(c in ARABIC_ALPHABET for c in text):
        assert not [c for c in once if c in joining_letters()]
        folded = unicodedata.normalize("NFKC", once)
        assert Counter(c for c in folded if c in ARABIC_ALPHABET + "".join(HARAKAT)) == Counter(
            c for c in unicodedata.normalize("NFKC", text) if c in ARABIC_ALPHABET + "".join(HARAKAT)
        )


# --------------------------------------------------------------------------
# House style: the font
# --------------------------------------------------------------------------
def test_the_font_is_the_packaged_noto_sans_arabic_with_its_ofl_licence():
    path = plotting.font_path()
    assert path.is_file() and path.parent.parent.name == "fontpkg_noto_sans_arabic"
    licence = (path.parent.parent / "LICENSE").read_text("utf-8")
    assert "SIL Open Font License, Version 1.1" in licence


def test_the_house_font_family_resolves_to_the_packaged_file_then_dejavu():
    plotting.apply_style()  # a second call must not register the font twice
    files = plotting.resolved_font_files()
    assert os.path.realpath(files[0]) == os.path.realpath(plotting.font_path())
    assert os.path.basename(files[1]) == "DejaVuSans.ttf"
    assert os.path.realpath(findfont(FontProperties(family=plotting.FONT_FAMILY))) == os.path.realpath(
        plotting.font_path()
    )
    entries = [e for e in matplotlib.font_manager.fontManager.ttflist if e.name == plotting.FONT_FAMILY]
    assert len(entries) == 1
    assert matplotlib.rcParams["pdf.fonttype"] == 42
    assert list(matplotlib.rcParams["font.family"]) == [plotting.FONT_FAMILY, "DejaVu Sans"]


def test_latin_and_arabic_glyphs_come_from_the_packaged_font():
    glyphs = matplotlib_glyphs("Putin / بوتين 28", plotting.resolved_font_files())
    assert {os.path.basename(f) for f, _ in glyphs} == {os.path.basename(plotting.font_path())}


# --------------------------------------------------------------------------
# save_figure(): three formats, deterministic bytes, a manifest of every Text artist
# --------------------------------------------------------------------------
def demo_figure():
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 5], label=plotting.label("المقالات"))
    ax.set_xticks([0, 1], plotting.labels(["بوتين", "Witkoff / ويتكوف"]))
    ax.set_title(plotting.label("حل أزمة أوكرانيا لم يقترب"))
    ax.annotate(plotting.label("خطة من 28 نقطة"), (1, 5))
    ax.legend()
    ax.table(cellText=[[plotting.label("موسكو"), "2"]], loc="bottom")
    return fig


def test_save_figure_writes_png_svg_pdf_and_a_text_manifest(tmp_path):
    fig = demo_figure()
    paths = plotting.save_figure(fig, "demo", base=tmp_path)
    plt.close(fig)
    assert {fmt: p.name for fmt, p in paths.items()} == {
        "png": "demo.png",
        "svg": "demo.svg",
        "pdf": "demo.pdf",
    }
    manifest = json.loads((tmp_path / "build" / "figures" / "demo.json").read_text("utf-8"))
    by_text = {r["text"]: r for r in manifest["texts"]}
    for text in [
        "المقالات",
        "بوتين",
        "Witkoff / ويتكوف",
        "حل أزمة أوكرانيا لم يقترب",
        "خطة من 28 نقطة",
        "موسكو",
    ]:
        assert text in by_text, text
        assert os.path.realpath(by_text[text]["font_files"][0]) == os.path.realpath(plotting.font_path())
    assert by_text["خطة من 28 نقطة"]["artist"] == "Annotation"
    assert manifest["missing_glyph_warnings"] == [] and manifest["shapes_arabic"] is True


def test_missing_glyphs_are_recorded_in_the_manifest_and_still_warned(tmp_path):
    fig = plt.figure()
    fig.suptitle(plotting.label("بوتين \u4e2d"))
    with pytest.warns(UserWarning, match="missing from font"):
        plotting.save_figure(fig, "missing", base=tmp_path, formats=("png",))
    plt.close(fig)
    manifest = json.loads((tmp_path / "build" / "figures" / "missing.json").read_text("utf-8"))
    assert any("4E2D" in w for w in manifest["missing_glyph_warnings"])


def test_same_figure_saved_twice_gives_identical_bytes(tmp_path):
    fig = demo_figure()
    first = {fmt: p.read_bytes() for fmt, p in plotting.save_figure(fig, "demo", base=tmp_path / "a").items()}
    again = {fmt: p.read_bytes() for fmt, p in plotting.save_figure(fig, "demo", base=tmp_path / "b").items()}
    plt.close(fig)
    assert first == again


def test_same_figure_built_in_two_processes_gives_identical_bytes(tmp_path):
    script = (
        "import sys, matplotlib; matplotlib.use('Agg'); sys.path.insert(0, 'tests')\n"
        "from test_plotting import demo_figure\n"
        "from helpers import plotting\n"
        "plotting.apply_style(); plotting.save_figure(demo_figure(), 'demo', base=sys.argv[1])\n"
    )
    outputs = []
    for seed in ("1", "2"):
        base = tmp_path / seed
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", script, str(base)], cwd=ROOT, env=env, check=True)
        outputs.append({p.name: p.read_bytes() for p in sorted((base / "figures").iterdir())})
    assert set(outputs[0]) == {"demo.png", "demo.svg", "demo.pdf"}
    assert outputs[0] == outputs[1]
