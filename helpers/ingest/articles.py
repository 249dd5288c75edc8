"""One imported article: its file content (title line, paragraphs), its id, its language codes."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlsplit

from helpers.corpus import has_text
from helpers.ingest.report import _Skip
from helpers.text import script_lang


def clean_lines(text: str) -> list[str]:
    """The non-blank lines of ``text``, NFC, spaces inside each collapsed (a BOM and CR line ends dropped)."""
    text = unicodedata.normalize("NFC", text.replace("\ufeff", "")).replace("\r\n", "\n").replace("\r", "\n")
    return [" ".join(line.split()) for line in text.split("\n") if line.strip()]


def article_text(text: str, title: str = "") -> tuple[str, str]:
    """(title, article file content): the title on the first line, a blank line, one paragraph per line.

    Without a title the text's first line stands as the title line (the loader reads it as the
    title; a one-paragraph text is all title) and the metadata title stays empty; a first line
    repeating the title is dropped.
    """
    title = " ".join(title.split())
    lines = clean_lines(text)
    if title and lines and _same_line(lines[0], title):
        lines = lines[1:]
    if title and not has_text("\n".join(lines)):
        raise _Skip("no text besides the title")
    if not has_text("\n".join(lines)):
        raise _Skip("no text")
    head, body = (title, lines) if title else (lines[0], lines[1:])
    return title, "\n".join([head, "", *body] if body else [head]) + "\n"


def _same_line(a: str, b: str) -> bool:
    return a.removeprefix("## ").casefold() == b.casefold()


def make_doc_id(content: str, outlet: str = "", url: str = "") -> str:
    """``<slug>_<16 hex>``: a slug of the outlet (else the url's host, else ``doc``), the content's sha256."""
    host = (urlsplit(url).hostname or "").removeprefix("www.") if url else ""
    slug = _slug(outlet) or _slug(host) or "doc"
    return f"{slug}_{hashlib.sha256(content.encode('utf-8')).hexdigest()[:16]}"


def _slug(name: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")[:40].strip("-")


_LANGUAGE_NAMES = {"english": "en", "eng": "en", "arabic": "ar", "ara": "ar", "arb": "ar", "العربية": "ar"}


def normalise_languages(value: str, content: str) -> str:
    """``ar;en``-style codes from a source's language field; if empty, the scripts of the text's lines."""
    codes = []
    for part in re.split(r"[;,/|\s]+", value.strip().lower()):
        if part:
            code = _LANGUAGE_NAMES.get(part, re.split(r"[-_]", part)[0])
            if code not in codes:
                codes.append(code)
    if codes:
        return ";".join(codes)
    return ";".join(sorted({script_lang(line) for line in content.split("\n") if line.strip()} - {"und"}))
