"""Glyph-level proof that matplotlib draws Arabic chart text correctly (test support code).

matplotlib >= 3.11 lays text out with libraqm (SheenBidi for bidi, HarfBuzz for shaping).
The reference built here shares only HarfBuzz with that pipeline: bidi levels come from
python-bidi's Rust engine (unicode-bidi, which pairs brackets), the line is cut into runs
by level, font (the first font of the fallback list with the code point) and script
(digits, spaces and punctuation take the script before them, as raqm does), and each run
is shaped by uharfbuzz in the same font file, in context, and placed in visual order.

``prove(drawn, files)`` compares that reference with the glyphs matplotlib lays out
(``matplotlib._text_helpers.layout``, the call the Agg, PDF and SVG backends make; a private
API, so matplotlib is pinned). Verdicts: IDENTICAL (same font file and glyph id, glyph for
glyph) or DIFFERENT with the reason (missing glyph, another font, same glyphs in another
order, ...). A "Glyph ... missing from font" warning is an error.

``prove_legacy(logical, drawn, files)`` does the same for a matplotlib that does not shape
(<= 3.10), which draws one cmap glyph per code point, left to right. Its reference puts each
letter in the joining form HarfBuzz chooses for the logical text (read off by switching
the font's positional features off one at a time), in bidi visual order with brackets
mirrored. EQUIVALENT there means identical once the drawn lam-alef ligature code points
(U+FEF5..U+FEFC) are split into the lam and alef forms they stand for.
"""

from __future__ import annotations

import os
import re
import unicodedata
import warnings
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

import uharfbuzz as hb
from bidi import get_display
from bidi.mirror import MIRRORED
from fontTools.ttLib import TTFont
from fontTools.unicodedata import script as script_of
from matplotlib import _text_helpers
from matplotlib.font_manager import get_font

Glyph = tuple[str, int]  # (real path of the font file, glyph id)
NO_SCRIPT = {"Zyyy", "Zinh", "Zzzz"}  # Common, Inherited, Unknown
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
MISSING_GLYPH = r"Glyph .* missing from font"


@dataclass(frozen=True)
class Verdict:
    """Outcome of comparing the glyphs drawn with the reference glyphs."""

    verdict: str  # IDENTICAL, EQUIVALENT or DIFFERENT
    reason: str
    expected: tuple[Glyph, ...]
    drawn: tuple[Glyph, ...]

    @property
    def ok(self) -> bool:
        return self.verdict in ("IDENTICAL", "EQUIVALENT")


def has_arabic(text: str) -> bool:
    """True if ``text`` holds an Arabic-script character (base letters or presentation forms)."""
    return bool(ARABIC.search(text))


# --------------------------------------------------------------------------
# Fonts
# --------------------------------------------------------------------------
@lru_cache(None)
def _hb_font(path: str) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(path)))


@lru_cache(None)
def _cmap(path: str) -> dict[int, int]:
    """Code point -> glyph id."""
    font = TTFont(path, lazy=True)
    return {cp: font.getGlyphID(name) for cp, name in font.getBestCmap().items()}


def _font_for(ch: str, files: list[str]) -> str:
    return next((f for f in files if ord(ch) in _cmap(f)), files[0])


# --------------------------------------------------------------------------
# The reference: bidi runs -> HarfBuzz
# --------------------------------------------------------------------------
def bidi_levels(text: str) -> list[int]:
    """The resolved bidi level of each character of one line (UAX #9 with L1, by python-bidi's Rust engine).

    The Rust engine (unicode-bidi) implements bracket pairs (rule N0), which python-bidi's
    pure-Python code lacks; its levels are read from its debug output, one per UTF-8 byte.
    """
    info = get_display(text, debug=True)
    found = re.search(
        r"levels: \[(.*?)\],\s*paragraphs: \[\s*ParagraphInfo \{.*?level: Level\(\s*(\d+)", info, re.S
    )
    if not found:
        raise RuntimeError("python-bidi's debug output changed; update glyph_proof.bidi_levels")
    per_byte = [int(n) for n in re.findall(r"Level\(\s*(\d+)", found.group(1))]
    base, levels, offset = int(found.group(2)), [], 0
    for ch in text:
        levels.append(per_byte[offset])
        offset += len(ch.encode("utf-8"))
    trailing = (
        True  # L1: whitespace and isolates at the end of the line, or before a tab, take the base level
    )
    for i in range(len(text) - 1, -1, -1):
        kind = unicodedata.bidirectional(text[i])
        if kind in ("S", "B"):
            levels[i], trailing = base, True
        elif trailing and kind in ("WS", "FSI", "LRI", "RLI", "PDI", "BN"):
            levels[i] = base
        else:
            trailing = False
    return levels


def visual_runs(text: str) -> list[tuple[int, int, int]]:
    """(start, end, level) runs of one line of ``text``, in visual order left to right (UAX #9 rule L2)."""
    levels = bidi_levels(text)
    order = list(range(len(text)))
    odd = [lv for lv in levels if lv % 2]
    for level in range(max(levels, default=0), min(odd, default=max(levels, default=0) + 1) - 1, -1):
        i = 0
        while i < len(order):  # reverse every stretch at this level or higher
            if levels[order[i]] < level:
                i += 1
                continue
            j = i
            while j < len(order) and levels[order[j]] >= level:
                j += 1
            order[i:j] = order[i:j][::-1]
            i = j
    runs: list[list[int]] = []  # [first index, last index, level], visual order
    for i in order:
        step = -1 if levels[i] % 2 else 1
        if runs and runs[-1][2] == levels[i] and runs[-1][1] + step == i:
            runs[-1][1] = i
        else:
            runs.append([i, i, levels[i]])
    return [(min(a, b), max(a, b) + 1, level) for a, b, level in runs]


def _scripts(text: str) -> list[str]:
    """Script of each character; Common/Inherited ones take the script before them (else after)."""
    own = [script_of(c) for c in text]
    first = next((s for s in own if s not in NO_SCRIPT), "Zyyy")
    out, last = [], first
    for s in own:
        last = last if s in NO_SCRIPT else s
        out.append(last)
    return out


def _hb_features(features) -> dict[str, bool | int]:
    """matplotlib/raqm feature strings ('-kern', '+liga', 'ss01=1') -> a uharfbuzz feature dict."""
    out: dict[str, bool | int] = {}
    for feat in features or ():
        m = re.fullmatch(r"([+-]?)(\w{4})(?:=(\d+))?", feat)
        if not m:
            raise ValueError(f"font feature {feat!r}: only '+tag', '-tag' and 'tag=N' are understood here")
        sign, tag, value = m.groups()
        out[tag] = int(value) if value is not None else sign != "-"
    return out


def reference_glyphs(
    text: str, files: list[str], features=None, language: str | None = None
) -> tuple[Glyph, ...]:
    """The glyphs HarfBuzz shapes for the logical ``text`` in ``files`` (fallback order), left to right."""
    files = [os.path.realpath(f) for f in files]
    scripts = _scripts(text)
    fonts = []
    for i, ch in enumerate(text):  # a combining mark stays in the font of its base
        mark = unicodedata.category(ch).startswith("M") and i > 0
        fonts.append(fonts[-1] if mark else _font_for(ch, files))
    out: list[Glyph] = []
    for start, end, level in visual_runs(text):
        items, i = [], start
        while i < end:  # split the bidi run where the font or the script changes
            j = i + 1
            while j < end and (fonts[j], scripts[j]) == (fonts[i], scripts[i]):
                j += 1
            items.append((i, j))
            i = j
        for i, j in reversed(items) if level % 2 else items:
            buf = hb.Buffer()
            buf.add_str(text, item_offset=i, item_length=j - i)  # the rest of the text is shaping context
            buf.flags = (hb.BufferFlags.BOT if i == 0 else 0) | (hb.BufferFlags.EOT if j == len(text) else 0)
            buf.direction = "rtl" if level % 2 else "ltr"
            if scripts[i] not in NO_SCRIPT:
                buf.script = scripts[i]
            if language:
                buf.language = language
            buf.guess_segment_properties()
            hb.shape(_hb_font(fonts[i]), buf, _hb_features(features))
            out += [(fonts[i], info.codepoint) for info in buf.glyph_infos]
    return tuple(out)


def matplotlib_glyphs(
    text: str, files: list[str], features=None, language: str | None = None
) -> tuple[Glyph, ...]:
    """The glyphs matplotlib places for ``text`` with the fonts ``files`` (fallback order), left to right."""
    font = get_font(files)
    font.set_size(12, 72)
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=MISSING_GLYPH)
        font.set_text(text, 0.0)  # the call through which the renderers warn about missing glyphs
        items = list(
            _text_helpers.layout(
                text, font, features=tuple(features) if features else None, language=language or None
            )
        )
    return tuple((os.path.realpath(item.ft_object.fname), int(item.glyph_index)) for item in items)


def compare(expected: tuple[Glyph, ...], drawn: tuple[Glyph, ...]) -> Verdict:
    """IDENTICAL if ``drawn`` is ``expected`` glyph for glyph, else DIFFERENT with the first reason found."""

    def verdict(name, reason=""):
        return Verdict(name, reason, expected, drawn)

    if any(gid == 0 for _, gid in drawn):
        return verdict("DIFFERENT", "a missing glyph (.notdef) is drawn")
    if drawn == expected:
        return verdict("IDENTICAL")
    if {f for f, _ in drawn} != {f for f, _ in expected}:
        fonts = sorted({os.path.basename(f) for f, _ in drawn} ^ {os.path.basename(f) for f, _ in expected})
        return verdict("DIFFERENT", f"drawn with other fonts than the reference: {fonts}")
    if sorted(drawn) == sorted(expected):
        reversed_ = " (reversed)" if drawn == expected[::-1] else ""
        return verdict("DIFFERENT", f"same glyphs in a different order{reversed_}")
    first = next(
        (i for i, (a, b) in enumerate(zip(expected, drawn, strict=False)) if a != b),
        min(len(expected), len(drawn)),
    )
    return verdict("DIFFERENT", f"glyph {first} differs ({len(expected)} expected, {len(drawn)} drawn)")


def logical_letters(drawn: str) -> str:
    """``drawn`` with Arabic presentation forms folded to the base letters they stand for, order kept."""
    return "".join(unicodedata.normalize("NFKC", c) if is_presentation_form(c) else c for c in drawn)


def is_presentation_form(ch: str) -> bool:
    """True for the Arabic presentation-form code points (U+FB50..U+FDFF, U+FE70..U+FEFF)."""
    return "\ufb50" <= ch <= "\ufdff" or "\ufe70" <= ch <= "\ufeff"


def prove(
    drawn: str, files: list[str], features=None, language: str | None = None, logical: str | None = None
) -> Verdict:
    """Compare what matplotlib draws for ``drawn`` (one line) with HarfBuzz's shaping of the logical text.

    The logical text defaults to ``drawn`` with presentation forms folded to base letters:
    a string handed over in presentation forms (reshaped) is read in the order it is stored.
    """
    logical = logical_letters(drawn) if logical is None else logical
    return compare(
        reference_glyphs(logical, files, features, language),
        matplotlib_glyphs(drawn, files, features, language),
    )


# --------------------------------------------------------------------------
# matplotlib <= 3.10: one cmap glyph per code point
# --------------------------------------------------------------------------
@lru_cache(None)
def presentation_forms() -> dict[tuple[str, str], str]:
    """(form, letter) -> its presentation-form character, form in isolated/initial/medial/final."""
    table: dict[tuple[str, str], str] = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        tag, *base = unicodedata.decomposition(chr(cp)).split() or [""]
        if tag in ("<isolated>", "<initial>", "<medial>", "<final>") and len(base) == 1:
            table.setdefault((tag[1:-1], chr(int(base[0], 16))), chr(cp))
    return table


def joining_letters() -> set[str]:
    """Letters that have presentation forms (and so must not reach a non-shaping matplotlib as they are)."""
    return {letter for _, letter in presentation_forms()}


_POSITIONAL = {"initial": ("init",), "medial": ("medi", "med2"), "final": ("fina", "fin2", "fin3")}


def joining_forms(text: str, path: str) -> list[str | None]:
    """The form HarfBuzz gives each character of ``text`` in font ``path`` (None: not a joining letter).

    Shapes the text as usual (ligatures and contextual alternates off), then with one
    form's features off: the characters whose glyphs change are those HarfBuzz put in that form.
    """

    def glyphs_by_char(features):
        buf = hb.Buffer()
        buf.add_str(text)
        buf.direction, buf.script = "rtl", "Arab"
        buf.cluster_level = hb.BufferClusterLevel.MONOTONE_CHARACTERS
        hb.shape(_hb_font(os.path.realpath(path)), buf, features)
        out = defaultdict(list)
        for info in buf.glyph_infos:
            out[info.cluster].append(info.codepoint)
        return out

    base = {"rlig": False, "calt": False, "liga": False}
    shaped = glyphs_by_char(base)
    forms: list[str | None] = [None] * len(text)
    for form, tags in _POSITIONAL.items():
        without = glyphs_by_char(base | {tag: False for tag in tags})
        for i in range(len(text)):
            if without.get(i) != shaped.get(i):
                forms[i] = form
    letters = joining_letters()
    return [form or ("isolated" if ch in letters else None) for form, ch in zip(forms, text, strict=True)]


def legacy_visual(text: str, path: str) -> str:
    """What a correct code-point-by-code-point drawing must draw: HarfBuzz's forms, visual order, mirrored."""
    forms, table = joining_forms(text, path), presentation_forms()
    out = []
    for start, end, level in visual_runs(text):
        for i in range(end - 1, start - 1, -1) if level % 2 else range(start, end):
            ch = MIRRORED.get(text[i], text[i]) if level % 2 else text[i]
            out.append(table.get((forms[i], ch), ch))
    return "".join(out)


def legacy_glyphs(drawn: str, files: list[str]) -> tuple[Glyph, ...]:
    """What matplotlib <= 3.10 draws for ``drawn``: the cmap glyph of each code point, left to right."""
    files = [os.path.realpath(f) for f in files]
    return tuple((f, _cmap(f).get(ord(ch), 0)) for ch in drawn for f in [_font_for(ch, files)])


def split_lam_alef(drawn: str) -> str:
    """Lam-alef ligature characters -> final alef + initial/medial lam (visual order, drawn left to right)."""
    table = presentation_forms()
    out = []
    for ch in drawn:
        tag, *parts = unicodedata.decomposition(ch).split() or [""]
        if len(parts) == 2 and chr(int(parts[0], 16)) == "\u0644":
            lam_form = "initial" if tag == "<isolated>" else "medial"
            out += [table[("final", chr(int(parts[1], 16)))], table[(lam_form, "\u0644")]]
        else:
            out.append(ch)
    return "".join(out)


def prove_legacy(logical: str, drawn: str, files: list[str]) -> Verdict:
    """Compare what matplotlib <= 3.10 would draw for ``drawn`` with the correct drawing of ``logical``."""
    expected = legacy_glyphs(legacy_visual(logical, files[0]), files)
    result = compare(expected, legacy_glyphs(drawn, files))
    if result.ok:
        return result
    split = compare(expected, legacy_glyphs(split_lam_alef(drawn), files))
    if split.verdict == "IDENTICAL":
        return Verdict("EQUIVALENT", "lam-alef drawn as the font's ligature glyph", expected, result.drawn)
    return result


def arabic_fonts(text: str, files: list[str]) -> set[str]:
    """The font files matplotlib draws the Arabic characters of ``text`` from."""
    font = get_font(files)
    font.set_size(12, 72)
    return {
        os.path.realpath(item.ft_object.fname)
        for item in _text_helpers.layout(text, font)
        if has_arabic(item.char)
    }
