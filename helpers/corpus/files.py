"""Reading article and metadata files: UTF-8 decoding, and a hint for files that are not UTF-8 text."""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from helpers.corpus.schema import CorpusError

#: Encodings the detector chooses among: those of the project's languages (Arabic, English and
#: other Western European) and of Russian and Ukrainian sources. A short text fits many code pages
#: (windows-1256 decodes almost any bytes), so an open choice guesses wrong (Latin-1 French as
#: Central European windows-1250); a closed list of plausible ones does not.
CANDIDATE_ENCODINGS = (
    "cp1256",
    "iso8859_6",
    "cp720",
    "mac_arabic",
    "cp1252",
    "latin_1",
    "iso8859_15",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "iso8859_5",
    "mac_cyrillic",
    "utf_16_le",
    "utf_16_be",
)
#: Python codec name -> (name iconv knows, what it is).
_ENCODING_NAMES = {
    "cp1256": ("WINDOWS-1256", "Arabic Windows"),
    "iso8859-6": ("ISO-8859-6", "Arabic ISO"),
    "cp720": ("CP720", "Arabic DOS"),
    "mac-arabic": ("MACARABIC", "Mac Arabic"),
    "cp1252": ("WINDOWS-1252", "Western European Windows, a superset of Latin-1"),
    "iso8859-1": ("ISO-8859-1", "Latin-1"),
    "iso8859-15": ("ISO-8859-15", "Latin-9"),
    "cp1251": ("WINDOWS-1251", "Cyrillic Windows"),
    "koi8-r": ("KOI8-R", "Russian KOI8"),
    "koi8-u": ("KOI8-U", "Ukrainian KOI8"),
    "iso8859-5": ("ISO-8859-5", "Cyrillic ISO"),
    "mac-cyrillic": ("MACCYRILLIC", "Mac Cyrillic"),
    "utf-16-le": ("UTF-16LE", "UTF-16 little-endian, without a byte-order mark"),
    "utf-16-be": ("UTF-16BE", "UTF-16 big-endian, without a byte-order mark"),
}
#: Byte-order marks of encodings other than UTF-8 (longest first: UTF-32-LE starts like UTF-16-LE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF32_BE, "UTF-32", "utf-32"),
    (codecs.BOM_UTF16_LE, "UTF-16", "utf-16"),
    (codecs.BOM_UTF16_BE, "UTF-16", "utf-16"),
)
#: File signatures of formats people save by mistake as .txt.
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (a .docx, .xlsx or .odt is one)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document (.doc, .xls)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"{\\rtf", "an RTF document"),
)


@dataclass(frozen=True)
class EncodingGuess:
    """What a byte string that is not plain UTF-8 most likely is."""

    codec: str | None  #: Python codec that decodes it, or None for a binary file
    iconv: str = ""  #: the name ``iconv -f`` knows
    description: str = ""  #: what it is, in words
    preview: str | None = None  #: its first line decoded, when detected (None: known by its byte-order mark)

    def hint(self, path: Path) -> str:
        """One or two sentences: what the file is and how to convert it to UTF-8."""
        if self.codec is None:
            return (
                f"It is not a text file: it looks like {self.description}. "
                "Save the article as plain UTF-8 text."
            )
        if self.preview is None:
            what = f"It is {self.iconv} text (it starts with a {self.iconv} byte-order mark)."
        else:
            what = (
                f"It decodes as {self.iconv.lower()} ({self.description}), the likeliest encoding "
                f"according to charset-normalizer; its first line then reads \u201c{self.preview}\u201d."
            )
        return (
            f"{what} Convert it with `iconv -f {self.iconv} -t UTF-8 '{path.name}' > "
            f"'{path.stem}.utf8{path.suffix}'` and use the converted file."
        )


def bom_encoding(data: bytes) -> tuple[str, str] | None:
    """(name, codec) of the UTF-16 or UTF-32 byte-order mark ``data`` starts with, or None."""
    return next(((name, codec) for bom, name, codec in _BOMS if data.startswith(bom)), None)


def guess_encoding(data: bytes) -> EncodingGuess | None:
    """The likely encoding of ``data`` (byte-order mark, binary signature, else detection), or None."""
    bom = bom_encoding(data)
    if bom:
        name, codec = bom
        return EncodingGuess(codec, name, f"{name} with a byte-order mark")
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return EncodingGuess(None, description=what)
    from charset_normalizer import from_bytes  # imported here: only bad files pay for it

    best = from_bytes(data, cp_isolation=list(CANDIDATE_ENCODINGS)).best()
    codec = codecs.lookup(best.encoding).name if best is not None else None
    if codec is None or (b"\x00" in data and not codec.startswith("utf-16")):
        return (
            EncodingGuess(None, description="binary data (it holds NUL bytes)") if b"\x00" in data else None
        )
    iconv, description = _ENCODING_NAMES.get(codec, (codec.upper(), codec))
    preview = next((ln.strip() for ln in str(best).splitlines() if ln.strip()), "")
    return EncodingGuess(codec, iconv, description, preview[:60] + ("\u2026" if len(preview) > 60 else ""))


def decode_text(path: Path) -> str:
    """The text of a UTF-8 file (BOM dropped, line ends made \\n); else a CorpusError with a hint."""
    data = path.read_bytes()
    if b"\x00" in data or data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # NUL bytes are valid UTF-8, so UTF-16 English or a binary file could pass the decoder below.
        guess = guess_encoding(data)
        what = guess.hint(path) if guess else "It holds NUL bytes, which no text file has."
        raise CorpusError(f"{path} is not UTF-8 text. {what}")
    try:
        text = data.decode("utf-8-sig")  # a byte-order mark is dropped silently
    except UnicodeDecodeError as err:
        guess = guess_encoding(data)
        hint = guess.hint(path) if guess else "Its encoding could not be detected; save the file as UTF-8."
        raise CorpusError(f"{path} is not UTF-8 (byte {err.start}). {hint}") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def has_text(text: str) -> bool:
    """True if ``text`` holds a letter or a digit (not only whitespace, punctuation or direction marks)."""
    return any(ch.isalnum() for ch in text)


def read_article(path: Path) -> str:
    """The text of one article file: UTF-8 (a BOM is dropped), line ends normalised to \\n."""
    text = decode_text(path)
    if not has_text(text):
        what = (
            ""
            if not text.strip()
            else " (it holds no letter or digit, only punctuation, direction marks or spaces)"
        )
        raise CorpusError(
            f"{path} is empty{what}. Put the article text in it (title on the first line) "
            "or remove it and its metadata row."
        )
    return text
