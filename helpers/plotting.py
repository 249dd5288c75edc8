"""The only place Arabic text meets matplotlib: ``label()``, the house style and ``save_figure()``.

matplotlib 3.11 and later shape Arabic and apply the bidi algorithm themselves
(libraqm), so ``label`` hands them logical text untouched. On a matplotlib that does
not shape, ``label`` reshapes (arabic-reshaper, harakat kept) and reorders (the legacy
``bidi.algorithm``, which mirrors brackets). Why, and how the result is proved glyph by glyph:
README.md, section "Arabic in charts" (matplotlib#32262 for the reversed-text trap on 3.11).
"""

from __future__ import annotations

import io
import json
import re
import warnings
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import matplotlib
import matplotlib.table
import matplotlib.text
from matplotlib import font_manager

from helpers.export import output_dir, write_bytes_atomic
from helpers.text import has_arabic

#: Family name under which the project's own font file is registered (unique, so no
#: system copy of Noto Sans Arabic can be picked instead).
FONT_FAMILY = "Project Noto Sans Arabic"
FALLBACK_FAMILY = "DejaVu Sans"
FORMATS = ("png", "svg", "pdf")
DPI = 200
_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None, "Producer": None},
}


# --------------------------------------------------------------------------
# What the installed matplotlib can do
# --------------------------------------------------------------------------
@lru_cache(maxsize=1)
def matplotlib_shapes_arabic() -> bool:
    """True if the installed matplotlib joins Arabic letters itself (probed by laying out 'بب')."""
    try:
        from matplotlib import _text_helpers
        from matplotlib.font_manager import FontProperties, findfont, get_font

        font = get_font(findfont(FontProperties(family=FALLBACK_FAMILY)))
        font.set_size(12, 72)
        isolated = font.get_char_index(0x0628)
        glyphs = [
            getattr(item, "glyph_index", getattr(item, "glyph_idx", None))
            for item in _text_helpers.layout("\u0628\u0628", font)
        ]
        return any(g != isolated for g in glyphs)
    except Exception:  # private API moved: fall back to the documented version boundary
        major, minor = (int(x) for x in matplotlib.__version__.split(".")[:2])
        return (major, minor) >= (3, 11)


def _is_presentation_form(ch: str) -> bool:
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"


#: Bidi overrides (LRO, RLO): the mark of text already put in visual order (e.g. the
#: reshaped string wrapped in LRO ... PDF). Marks and isolates (RLM, FSI, ...) belong
#: to logical text and are allowed.
VISUAL_ORDER_CONTROLS = "\u202d\u202e"


# --------------------------------------------------------------------------
# label()
# --------------------------------------------------------------------------
def label(text: object, shaping: bool | None = None) -> str:
    """Prepare any chart string for matplotlib so Arabic in it displays correctly.

    ``shaping`` says whether matplotlib shapes Arabic itself (default: probe the
    installed matplotlib). Where it does, logical text is returned untouched and text in
    presentation forms or wrapped in a bidi override (visual order) is refused, since
    drawing it would reverse it. Where it does not, the text is reshaped with harakat
    kept and put in visual order by the legacy bidi algorithm (which mirrors brackets);
    text already in that form is returned as is, so ``label(label(s)) == label(s)``.
    """
    text = "" if text is None else str(text)
    if not has_arabic(text):
        return text
    if shaping is None:
        shaping = matplotlib_shapes_arabic()
    has_forms = any(_is_presentation_form(c) for c in text)
    if shaping:
        if has_forms or any(c in VISUAL_ORDER_CONTROLS for c in text):
            raise ValueError(
                "matplotlib shapes Arabic itself: pass logical text, not presentation forms "
                f"or visual order (was it reshaped already?): {text!r}"
            )
        return text
    if not has_forms:
        return _reshape_and_reorder(text)
    if _reshaper().reshape(text) == text:
        return text  # nothing left to join: already prepared by label(), idempotent
    raise ValueError(
        f"text mixes Arabic presentation forms with unjoined letters; fold it with NFKC first: {text!r}"
    )


def _reshape_and_reorder(text: str) -> str:
    from bidi import algorithm as legacy_bidi  # mirrors brackets; `from bidi import get_display` does not

    return legacy_bidi.get_display(_reshaper().reshape(text))


@lru_cache(maxsize=1)
def _reshaper():
    from arabic_reshaper import ArabicReshaper

    # keep harakat (deleted by default); no ALLAH ligature: the project font shapes that word as letters
    return ArabicReshaper(configuration={"delete_harakat": False, "arabic ligature allah": False})


def labels(texts) -> list[str]:
    """``label`` applied to each item (for tick labels and legends)."""
    return [label(t) for t in texts]


def bilingual(english: str, arabic: str) -> str:
    """One label holding both names, English first: 'Putin / بوتين'."""
    return label(f"{english} / {arabic}" if arabic else english)


# --------------------------------------------------------------------------
# House style
# --------------------------------------------------------------------------
def font_path() -> Path:
    """Path of the OFL-licensed Noto Sans Arabic file from the pinned fontpkg-noto-sans-arabic package."""
    import fontpkg_noto_sans_arabic as pkg

    files = sorted((Path(pkg.__file__).parent / "files").glob("*.ttf"))
    if not files:
        raise FileNotFoundError("fontpkg-noto-sans-arabic ships no .ttf file; reinstall it (make venv)")
    return files[0]


@lru_cache(maxsize=1)
def register_font() -> Path:
    """Register the project font by file path under FONT_FAMILY and return the path."""
    path = font_path()
    entry = font_manager.ttfFontProperty(font_manager.get_font(str(path)))
    font_manager.fontManager.ttflist.insert(0, replace(entry, name=FONT_FAMILY))
    font_manager.fontManager._findfont_cached.cache_clear()
    return path


STYLE = {
    "font.family": [FONT_FAMILY, FALLBACK_FAMILY],
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "bilingual-news-framing",
    "figure.dpi": 100,
    "savefig.dpi": DPI,
    "savefig.bbox": "tight",
    "figure.figsize": (8, 4.5),
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 13,
    # matplotlib draws only the default (regular) instance of the variable Noto file:
    # asking for bold would log a font warning and still draw regular.
    "axes.titleweight": "normal",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "image.cmap": "viridis",
}


def apply_style() -> None:
    """Register the Arabic font and set the house rcParams (call once, in every notebook)."""
    register_font()
    matplotlib.rcParams.update(STYLE)


def resolved_font_files(family=None) -> list[str]:
    """The font files matplotlib draws ``family`` with, in fallback order (default: the house font.family).

    ``family`` is a family name, a list of names or a FontProperties.
    """
    prop = family
    if not isinstance(prop, font_manager.FontProperties):
        prop = font_manager.FontProperties(family=family or matplotlib.rcParams["font.family"])
    return [str(getattr(f, "path", f)) for f in font_manager.fontManager._find_fonts_by_props(prop)]


# --------------------------------------------------------------------------
# Saving
# --------------------------------------------------------------------------
_NAME = re.compile(r"^[a-z0-9][a-z0-9_]*$")
_MISSING_GLYPH = re.compile(r"Glyph .* missing from font")


def figure_bytes(fig, fmt: str) -> bytes:
    """The figure rendered in ``fmt`` with fixed metadata, so the same figure gives the same bytes."""
    buf = io.BytesIO()
    fig.savefig(buf, format=fmt, dpi=DPI, metadata=_METADATA[fmt])
    return buf.getvalue()


def text_manifest(fig) -> list[dict]:
    """Each visible, non-empty Text artist of a drawn ``fig``: its string and the font matplotlib resolves."""
    texts = fig.findobj(matplotlib.text.Text)
    texts += [
        cell.get_text()
        for table in fig.findobj(matplotlib.table.Table)  # findobj skips cell texts
        for cell in table.get_celld().values()
    ]
    records = []
    for text in texts:
        string = text.get_text()
        if not string or not text.get_visible():
            continue
        prop = text.get_fontproperties()
        records.append(
            {
                "artist": type(text).__name__,
                "text": string,
                "math": bool(text._preprocess_math(string)[1]),  # mathtext/TeX strings are not shaped
                "wrap": text.get_wrap(),
                "family": list(prop.get_family()),
                "style": prop.get_style(),
                "weight": prop.get_weight(),
                "size": prop.get_size_in_points(),
                "features": list(
                    getattr(text, "get_fontfeatures", lambda: None)() or ()
                ),  # matplotlib >= 3.11
                "language": getattr(text, "get_language", lambda: None)(),
                "font_files": resolved_font_files(prop),
            }
        )
    return records


def save_figure(fig, name: str, base: str | Path | None = None, formats=FORMATS) -> dict[str, Path]:
    """Save ``fig`` as figures/<name>.png, .svg and .pdf (atomic, deterministic); return the paths.

    Also writes build/figures/<name>.json: every Text artist as drawn (string, font
    properties, resolved font files) and any missing-glyph warning raised while
    rendering, so the test suite can prove the Arabic in the figure glyph by glyph.
    """
    if not _NAME.match(name):
        raise ValueError(f"figure name {name!r}: use lower-case letters, digits and '_' (a name by content)")
    folder = output_dir("figures", base)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        rendered = {fmt: figure_bytes(fig, fmt) for fmt in formats}
    for w in caught:  # show them as usual; the manifest keeps the glyph warnings for the tests
        warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    manifest = {
        "figure": name,
        "files": {fmt: f"{name}.{fmt}" for fmt in formats},
        "matplotlib": matplotlib.__version__,
        "shapes_arabic": matplotlib_shapes_arabic(),
        "missing_glyph_warnings": sorted(
            {str(w.message) for w in caught if _MISSING_GLYPH.search(str(w.message))}
        ),
        "texts": text_manifest(fig),
    }
    paths = {fmt: write_bytes_atomic(folder / f"{name}.{fmt}", data) for fmt, data in rendered.items()}
    blob = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    write_bytes_atomic(output_dir("build", base) / "figures" / f"{name}.json", blob.encode("utf-8"))
    return paths


__all__ = [
    "label",
    "labels",
    "bilingual",
    "apply_style",
    "save_figure",
    "matplotlib_shapes_arabic",
    "register_font",
    "font_path",
    "resolved_font_files",
    "figure_bytes",
    "text_manifest",
]
