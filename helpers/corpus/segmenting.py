"""Segmenting an article into title, headings, paragraphs and sentences, with ids and character spans."""

from __future__ import annotations

from helpers.text import script_lang, split_sentences

#: A line with at most this many words and no sentence-final punctuation is a heading.
HEADING_MAX_WORDS = 20
HEADING_MARKER = "## "
_SENTENCE_END = tuple(".!?؟…\"'”»)")


def is_heading(line: str) -> bool:
    """A line is a heading if marked with '## ', or short and not ending like a sentence."""
    line = line.strip()
    if line.startswith(HEADING_MARKER):
        return True
    return len(line.split()) <= HEADING_MAX_WORDS and not line.endswith(_SENTENCE_END)


def segment_article(doc_id: str, text: str, titled: bool = True) -> list[dict]:
    """Segment rows for one article: its title, headings, paragraphs and their sentences.

    ``titled=False`` reads a text without a title line (a quoted paragraph): every line is a
    heading or a paragraph.
    """
    rows: list[dict] = []
    section, heading, n_par, n_head = 0, "", 0, 0
    offset = 0
    for line in text.split("\n"):
        start, offset = offset, offset + len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        if stripped.startswith(HEADING_MARKER):
            lead += len(HEADING_MARKER)
            stripped = stripped[len(HEADING_MARKER) :].strip()
        s, e = start + lead, start + lead + len(stripped)
        if not rows and titled:
            kind, seg_id, heading = "title", f"{doc_id}:t", stripped
        elif is_heading(line):
            n_head += 1
            section, heading = n_head, stripped
            kind, seg_id = "heading", f"{doc_id}:h{n_head:02d}"
        else:
            n_par += 1
            kind, seg_id = "paragraph", f"{doc_id}:p{n_par:02d}"
        rows.append(_row(doc_id, seg_id, kind, section, heading, "", s, e, stripped))
        for k, (ss, se) in enumerate(split_sentences(stripped), start=1):
            rows.append(
                _row(
                    doc_id,
                    f"{seg_id}.s{k:02d}",
                    "sentence",
                    section,
                    heading,
                    seg_id,
                    s + ss,
                    s + se,
                    stripped[ss:se],
                )
            )
    for position, row in enumerate(rows):
        row["position"] = position
    return rows


_KIND_OF_ID_LETTER = {"t": "title", "h": "heading", "p": "paragraph"}


def kind_of_id(segment_id: str) -> str:
    """The kind of a segment from its id (``doc:t``, ``doc:h02``, ``doc:p03``, ``doc:p03.s01``).

    The ids are those ``segment_article`` makes.
    """
    local = segment_id.rsplit(":", 1)[-1]
    return "sentence" if ".s" in local else _KIND_OF_ID_LETTER[local[:1]]


def _row(doc_id, seg_id, kind, section, heading, parent, start, end, text) -> dict:
    return {
        "doc_id": doc_id,
        "segment_id": seg_id,
        "kind": kind,
        "lang": script_lang(text),
        "section": section,
        "section_heading": heading,
        "parent": parent,
        "position": 0,
        "start": start,
        "end": end,
        "text": text,
    }
