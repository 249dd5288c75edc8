"""Frame coding from a YAML codebook: cues -> frame codes per segment, each with its evidence.

Pipeline: ``load_codebook`` -> ``match_cues`` (one row per cue found in a sentence, the
sentence kept as evidence) -> ``code_segments`` (frames, score, primary frame and valence per
title, heading, paragraph and sentence) -> ``aggregate`` / ``congruence`` / ``divergences`` /
``cooccurrence``; ``hand_codes`` + ``agreement`` compare the automatic coding with hand coding.

Modules: ``codebook`` (loading, validating, compiling cues), ``coding`` (matching, frame codes,
aggregates), ``headlines`` (headline vs body), ``hand_coding`` (reliability against a hand
coding, with the measures of ``helpers.reliability``). Every public name is importable from
``helpers.framing``.

Matching rules (documented in README, section "framing"):
- cue and text both go through ``text.normalize`` -> ``text.tokenize`` -> ``text.strip_clitics``
  (Arabic tokens; the codebook's own Arabic words count as known words, so ``وتصعيد`` -> ``تصعيد``);
- a cue of several words matches consecutive tokens; a trailing ``*`` matches any ending;
- a cue is *negated* when a negator (codebook ``negation``) starts within ``window`` tokens before
  it in the same clause (not past a comma). A negated frame cue codes nothing (it stays in the hits
  table, flagged); a negated tone cue counts with the opposite sign ("no breakthrough", "لم يقترب" ->
  negative).

The *tone frame* (whose valence the headline comparison and the hand coding report) is the first
frame named in the codebook's ``tone`` block: ``Codebook.tone_frame``.
"""

from helpers.framing.codebook import (
    CODEBOOK_FILE,
    FRAME_KEYS,
    ITEM_KEYS,
    LANGS,
    TOP_KEYS,
    Codebook,
    CodebookError,
    compile_cue,
    load_codebook,
    parse_codebook,
    prepare_tokens,
)
from helpers.framing.coding import (
    CODED_COLUMNS,
    HIT_COLUMNS,
    UNIT_ORDER,
    _matches_at,  # noqa: F401  (the tests import it from here)
    aggregate,
    code_segments,
    cooccurrence,
    find_cues,
    match_cues,
    negator_before,
    primary_frames,
)
from helpers.framing.hand_coding import (
    AGREEMENT_COLUMNS,
    FRAME_HAND_COLUMNS,
    HAND_KEYS,
    VALENCE_CODES,
    agreement,
    compare_codes,
    disagreements,
    hand_codes,
    hand_unit_ids,
)
from helpers.framing.headlines import congruence, divergences, headline_body_pairs
from helpers.reliability import nominal_alpha, prf

#: The name notebook 02 uses for ``FRAME_HAND_COLUMNS``.
HAND_COLUMNS = FRAME_HAND_COLUMNS

__all__ = [
    "AGREEMENT_COLUMNS",
    "CODEBOOK_FILE",
    "CODED_COLUMNS",
    "FRAME_HAND_COLUMNS",
    "FRAME_KEYS",
    "HAND_COLUMNS",
    "HAND_KEYS",
    "HIT_COLUMNS",
    "ITEM_KEYS",
    "LANGS",
    "TOP_KEYS",
    "UNIT_ORDER",
    "VALENCE_CODES",
    "Codebook",
    "CodebookError",
    "aggregate",
    "agreement",
    "code_segments",
    "compare_codes",
    "compile_cue",
    "congruence",
    "cooccurrence",
    "disagreements",
    "divergences",
    "find_cues",
    "hand_codes",
    "hand_unit_ids",
    "headline_body_pairs",
    "load_codebook",
    "match_cues",
    "negator_before",
    "nominal_alpha",
    "parse_codebook",
    "prepare_tokens",
    "prf",
    "primary_frames",
]
