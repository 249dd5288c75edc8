"""Frame coding from a YAML codebook: cues -> frame codes per segment, each with its evidence.

Pipeline: ``load_codebook`` -> ``match_cues`` (one row per cue found in a sentence, the
sentence kept as evidence) -> ``code_segments`` (frames, score, primary frame and valence per
title, heading, paragraph and sentence) -> ``aggregate`` / ``congruence`` / ``divergences`` /
``cooccurrence``; ``hand_codes`` + ``agreement`` compare the automatic coding with hand coding.

Matching rules (documented in README, section "framing"):
- cue and text both go through ``text.normalize`` -> ``text.tokenize`` -> ``text.strip_clitics``
  (Arabic tokens; the codebook's own Arabic words count as known words, so ``وتصعيد`` -> ``تصعيد``);
- a cue of several words matches consecutive tokens; a trailing ``*`` matches any ending;
- a cue is *negated* when a negator (codebook ``negation``) starts within ``window`` tokens before
  it in the same sentence. A negated frame cue codes nothing (it stays in the hits table, flagged);
  a negated tone cue counts with the opposite sign ("no breakthrough", "لم يقترب" -> negative).

The *tone frame* (whose valence the headline comparison and the hand coding report) is the first
frame named in the codebook's ``tone`` block: ``Codebook.tone_frame``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from helpers import lexicon
from helpers.lexicon import NEGATION_FILE, Negation, tokenize_for_matching
from helpers.paths import RESOURCES
from helpers.resource_loader import file_version, read_yaml
from helpers.reliability import nominal_alpha, prf
from helpers.text import UNFOLDED_STEPS, arabic_term, has_arabic, normalize, tokenize

CODEBOOK_FILE = RESOURCES / "frames.yaml"
TOP_KEYS = ("version", "primary_families", "families", "frames")
FRAME_KEYS = ("id", "family", "label", "definition", "source", "items")
ITEM_KEYS = ("id", "question", "cues")
LANGS = ("en", "ar")
UNIT_ORDER = {"title": 0, "heading": 1, "paragraph": 2, "sentence": 3}
VALENCE_CODES = {"+": 1, "-": -1, "0": 0}


class CodebookError(ValueError):
    """A malformed codebook: the message names the file, the entry and what to fix."""


@dataclass(frozen=True)
class Codebook:
    """A validated codebook: frames and cues as tables, negators as token patterns."""

    version: str
    source: str
    frames: pd.DataFrame  # frame, family, label_en, label_ar, definition, source, n_items (codebook order)
    cues: pd.DataFrame  # frame, item, role ('frame'|'tone'), valence, lang, cue, pattern
    negators: tuple[tuple[tuple[str, bool], ...], ...]
    window: int
    primary_families: tuple[str, ...]
    known: frozenset[str]  # Arabic cue and negator words, passed to strip_clitics
    tone_frame: str | None  # the first frame of the 'tone' block; None without one
    matchers: tuple[tuple, ...]  # (frame, item, role, cue, valence, pattern) per cue, in codebook order
    by_first_token: dict[str, tuple[int, ...]]  # exact first token -> indices into matchers
    by_first_prefix: tuple[tuple[str, int], ...]  # (prefix, index) for cues whose first token ends in *

    @cached_property
    def negation(self) -> Negation:
        """The negators and window as ``helpers.lexicon.negator_before`` applies them."""
        return _as_negation(self.negators, self.window)

    @property
    def frame_ids(self) -> list[str]:
        """Frame ids in codebook order."""
        return list(self.frames["frame"])


# --------------------------------------------------------------------------
# Loading and validating the codebook
# --------------------------------------------------------------------------
def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a YAML codebook (default: helpers/resources/frames.yaml); an edited file is read again."""
    path = Path(path) if path else CODEBOOK_FILE
    if not path.is_file():
        raise CodebookError(f"{path}: codebook file not found; pass the path of a frames YAML file")
    return _load_codebook(path.resolve(), path.stat().st_mtime_ns, file_version(NEGATION_FILE))


@lru_cache(maxsize=8)
def _load_codebook(path: Path, mtime_ns: int, negation_ns: int | None) -> Codebook:  # mtimes are part of the cache key
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as err:
        raise CodebookError(f"{path.name}: not UTF-8 text ({err}); save the codebook as UTF-8") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise CodebookError(f"{path.name}: YAML syntax error{where}: {getattr(err, 'problem', err)}") from None
    return parse_codebook(data, path.name)


def parse_codebook(data: object, source: str = "codebook") -> Codebook:
    """Validate a codebook already parsed from YAML and compile its cues; raise CodebookError naming the entry."""
    if not isinstance(data, dict):
        raise CodebookError(f"{source}: the codebook must be a mapping with keys {', '.join(TOP_KEYS)}")
    _require(data, TOP_KEYS, source, "the codebook")
    families = data["families"]
    if not isinstance(families, dict) or not families:
        raise CodebookError(f"{source}: 'families' must map family ids to a label and a source")
    frames, cue_specs = _parse_frames(data["frames"], set(families), source)
    ids = [f["frame"] for f in frames]
    for fam in _as_list(data["primary_families"], source, "primary_families"):
        if fam not in families:
            raise CodebookError(f"{source}: primary_families: unknown family {fam!r} (families are: {', '.join(families)})")
    cue_specs += _parse_tone(data.get("tone") or {}, ids, source)
    negation = data.get("negation") or _project_negation()
    if not isinstance(negation, dict):
        raise CodebookError(f"{source}: 'negation' must be a mapping with 'window', 'en' and 'ar'")
    _require(negation, ("window",) + LANGS, source, "negation")
    window = negation["window"]
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise CodebookError(f"{source}: negation: 'window' must be a whole number of tokens >= 1, got {window!r}")
    negator_words = [w for lang in LANGS for w in _cue_list(negation[lang], source, f"negation.{lang}")]
    known = _known_words([c["cue"] for c in cue_specs] + negator_words)
    for spec in cue_specs:
        spec["pattern"] = compile_cue(spec["cue"], known)
        if not spec["pattern"]:
            raise CodebookError(f"{source}: {spec['where']}: cue {spec['cue']!r} has no word in it")
    cues = pd.DataFrame(cue_specs).drop(columns="where")
    matchers = tuple((c["frame"], c["item"], c["role"], c["cue"], c["valence"], c["pattern"]) for c in cue_specs)
    by_first_token: dict[str, list[int]] = {}
    by_first_prefix = []
    for k, (*_, pattern) in enumerate(matchers):
        first, is_prefix = pattern[0]
        if is_prefix:
            by_first_prefix.append((first, k))
        else:
            by_first_token.setdefault(first, []).append(k)
    return Codebook(
        version=str(data["version"]),
        source=source,
        frames=pd.DataFrame(frames),
        cues=cues[["frame", "item", "role", "valence", "lang", "cue", "pattern"]],
        negators=tuple(compile_cue(w, known) for w in negator_words),
        window=window,
        primary_families=tuple(data["primary_families"]),
        known=known,
        tone_frame=next(iter(data.get("tone") or {}), None),
        matchers=matchers,
        by_first_token={t: tuple(ks) for t, ks in by_first_token.items()},
        by_first_prefix=tuple(by_first_prefix),
    )


def _parse_frames(entries: object, families: set[str], source: str) -> tuple[list[dict], list[dict]]:
    if not isinstance(entries, list) or not entries:
        raise CodebookError(f"{source}: 'frames' must be a non-empty list of frames")
    frames, cues, seen = [], [], set()
    for n, frame in enumerate(entries, start=1):
        name = f"frame #{n}" + (f" ({frame.get('id')!r})" if isinstance(frame, dict) and frame.get("id") else "")
        if not isinstance(frame, dict):
            raise CodebookError(f"{source}: {name}: must be a mapping with keys {', '.join(FRAME_KEYS)}")
        _require(frame, FRAME_KEYS, source, name)
        fid = frame["id"]
        if fid in seen:
            raise CodebookError(f"{source}: {name}: duplicate frame id {fid!r}")
        seen.add(fid)
        if frame["family"] not in families:
            raise CodebookError(f"{source}: {name}: unknown family {frame['family']!r} (families are: {', '.join(sorted(families))})")
        label = frame["label"]
        if not isinstance(label, dict) or not all(label.get(lang) for lang in LANGS):
            raise CodebookError(f"{source}: {name}: 'label' needs both 'en' and 'ar'")
        items = frame["items"]
        if not isinstance(items, list) or not items:
            raise CodebookError(f"{source}: {name}: 'items' must be a non-empty list of indicator items")
        langs_with_cues = set()
        for m, item in enumerate(items, start=1):
            where = f"{name}, item #{m}" + (f" ({item.get('id')!r})" if isinstance(item, dict) and item.get("id") else "")
            if not isinstance(item, dict):
                raise CodebookError(f"{source}: {where}: must be a mapping with keys {', '.join(ITEM_KEYS)}")
            _require(item, ITEM_KEYS, source, where)
            if not isinstance(item["cues"], dict):
                raise CodebookError(f"{source}: {where}: 'cues' must map 'en' and 'ar' to lists of cues")
            found = 0
            for lang in LANGS:
                for cue in _cue_list(item["cues"].get(lang) or [], source, f"{where}, cues.{lang}"):
                    cues.append({"frame": fid, "item": item["id"], "role": "frame", "valence": 0, "lang": lang,
                                 "cue": cue, "where": where})
                    langs_with_cues.add(lang)
                    found += 1
            if not found:
                raise CodebookError(f"{source}: {where}: empty cue list; give at least one cue under 'en' or 'ar'")
        missing = [lang for lang in LANGS if lang not in langs_with_cues]
        if missing:
            raise CodebookError(f"{source}: {name}: no cues in {', '.join(missing)}; every frame needs cues in both English and Arabic")
        frames.append({"frame": fid, "family": frame["family"], "label_en": label["en"], "label_ar": label["ar"],
                       "definition": frame["definition"], "source": frame["source"], "n_items": len(items)})
    return frames, cues


def _parse_tone(tone: object, frame_ids: list[str], source: str) -> list[dict]:
    if not isinstance(tone, dict):
        raise CodebookError(f"{source}: 'tone' must map frame ids to positive/negative cue lists")
    cues = []
    for fid, poles in tone.items():
        if fid not in frame_ids:
            raise CodebookError(f"{source}: tone: unknown frame {fid!r} referenced (frames are: {', '.join(frame_ids)})")
        if not isinstance(poles, dict) or not set(poles) <= {"positive", "negative"} or not poles:
            raise CodebookError(f"{source}: tone.{fid}: give 'positive' and/or 'negative' cue lists")
        for pole, by_lang in poles.items():
            where = f"tone.{fid}.{pole}"
            if not isinstance(by_lang, dict):
                raise CodebookError(f"{source}: {where}: must map 'en' and 'ar' to lists of cues")
            for lang in LANGS:
                for cue in _cue_list(by_lang.get(lang) or [], source, f"{where}.{lang}"):
                    cues.append({"frame": fid, "item": f"tone_{pole}", "role": "tone",
                                 "valence": 1 if pole == "positive" else -1, "lang": lang, "cue": cue, "where": where})
    return cues


def _require(entry: dict, keys: tuple[str, ...], source: str, where: str) -> None:
    missing = [k for k in keys if k not in entry or entry[k] is None or entry[k] == ""]
    if missing:
        raise CodebookError(f"{source}: {where}: missing key(s) {', '.join(repr(k) for k in missing)}")


def _as_list(value: object, source: str, where: str) -> list:
    if not isinstance(value, list) or not value:
        raise CodebookError(f"{source}: {where}: must be a non-empty list")
    return value


def _cue_list(value: object, source: str, where: str) -> list[str]:
    if not isinstance(value, list):
        raise CodebookError(f"{source}: {where}: must be a list of cues, got {type(value).__name__}")
    for cue in value:
        if not isinstance(cue, str) or not cue.strip():
            hint = " (quote yes/no/on/off: YAML reads them as true/false)" if isinstance(cue, bool) else ""
            raise CodebookError(f"{source}: {where}: cue {cue!r} is not a non-empty string{hint}")
    return value


def _known_words(cues: list[str]) -> frozenset[str]:
    words = set()
    for cue in cues:
        for tok in tokenize(normalize(cue.replace("*", " "), UNFOLDED_STEPS)):
            if has_arabic(tok):
                words.add(arabic_term(tok))
    return frozenset(words)


# --------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------
def _project_negation() -> dict:
    """The project's negators (helpers/resources/negation.yaml), used when a codebook names none."""
    return read_yaml(NEGATION_FILE, required=("window",) + LANGS)


def prepare_tokens(text: str, known: frozenset[str] = frozenset()) -> list[str]:
    """Tokens as cues and text are compared: the matching keys of helpers.lexicon (normalised, casefolded, clitics stripped)."""
    return [t.key for t in tokenize_for_matching(text, known)]


def compile_cue(cue: str, known: frozenset[str] = frozenset()) -> tuple[tuple[str, bool], ...]:
    """A cue as a token pattern: ((token, is_prefix), ...); a trailing * makes the last token a prefix."""
    pattern = []
    for piece in cue.split():
        toks = prepare_tokens(piece.rstrip("*"), known)
        pattern += [(t, False) for t in toks]
        if toks and piece.endswith("*"):
            pattern[-1] = (toks[-1], True)
    return tuple(pattern)


def _matches_at(tokens: list[str], i: int, pattern: tuple[tuple[str, bool], ...]) -> bool:
    if i + len(pattern) > len(tokens):
        return False
    return all(tokens[i + j] == t or (prefix and tokens[i + j].startswith(t)) for j, (t, prefix) in enumerate(pattern))


def _as_negation(negators, window: int) -> Negation:
    by_lang: dict[str, list[tuple[str, ...]]] = {"en": [], "ar": []}
    for neg in negators:
        keys = tuple(t for t, _ in neg)
        by_lang["ar" if has_arabic(keys[0]) else "en"].append(keys)
    return Negation(window, {lang: tuple(keys) for lang, keys in by_lang.items()})


def negator_before(tokens: list[str], i: int, negators, window: int) -> str:
    """The negator starting within ``window`` tokens before position ``i`` (and ending before it), or ''.

    The one rule of ``helpers.lexicon.negator_before`` (an Arabic negator also counts with و or ف attached).
    """
    return lexicon.negator_before(tokens, i, _as_negation(negators, window))


def find_cues(text: str, codebook: Codebook) -> list[dict]:
    """Every cue of the codebook found in one text (a sentence), with its position and negation (codebook order, then position).

    Only the cues whose first token fits the token at hand are tried (``Codebook.by_first_token``
    and ``by_first_prefix``), not all cues at every token.
    """
    tokens = prepare_tokens(text, codebook.known)
    candidates = []
    for i, tok in enumerate(tokens):
        candidates += [(k, i) for k in codebook.by_first_token.get(tok, ())]
        candidates += [(k, i) for prefix, k in codebook.by_first_prefix if tok.startswith(prefix)]
    hits = []
    for k, i in sorted(candidates):
        frame, item, role, cue, valence, pattern = codebook.matchers[k]
        if _matches_at(tokens, i, pattern):
            negator = lexicon.negator_before(tokens, i, codebook.negation)
            hits.append({"frame": frame, "item": item, "role": role, "cue": cue,
                         "matched": " ".join(tokens[i:i + len(pattern)]), "token": i,
                         "negated": bool(negator), "negator": negator, "valence": -valence if negator else valence})
    return hits


HIT_COLUMNS = ["doc_id", "sentence_id", "parent", "lang", "section", "frame", "item", "role", "cue", "matched",
               "token", "negated", "negator", "valence", "counted", "evidence"]


def match_cues(sentences: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """One row per cue found in a sentence segment, the sentence kept as evidence; ``counted`` says if it codes."""
    from tqdm import tqdm

    rows = []
    for seg in tqdm(sentences.itertuples(index=False), total=len(sentences), unit="sentence",
                    disable=len(sentences) < 5000):
        for hit in find_cues(seg.text, codebook):
            rows.append({"doc_id": seg.doc_id, "sentence_id": seg.segment_id, "parent": seg.parent,
                         "lang": seg.lang, "section": seg.section, **hit,
                         "counted": hit["role"] == "tone" or not hit["negated"], "evidence": seg.text})
    return pd.DataFrame(rows, columns=HIT_COLUMNS)


# --------------------------------------------------------------------------
# Coding segments
# --------------------------------------------------------------------------
CODED_COLUMNS = ["doc_id", "segment_id", "kind", "lang", "section", "section_heading", "frame", "family",
                 "score", "items_hit", "n_cues", "primary", "tone", "valence", "cue", "tone_cues", "evidence",
                 "evidence_ids"]


def code_segments(hits: pd.DataFrame, segments: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Frames present in each segment (title, heading, paragraph, sentence) with score, primary, valence and evidence.

    A unit gets the cues of its sentences; a sentence its own. score = share of the frame's
    indicator items with at least one counted cue (Semetko & Valkenburg: the mean of the items).
    Segments without a counted cue get no row: no evidence, no code.
    """
    frame_hits = hits[(hits["role"] == "frame") & hits["counted"]]
    present = frame_hits[["sentence_id", "frame"]].drop_duplicates()
    tone_hits = hits[hits["role"] == "tone"].merge(present, on=["sentence_id", "frame"])  # tone needs its frame
    seg = segments[["doc_id", "segment_id", "kind", "lang", "section", "section_heading", "start"]]

    def to_segments(df: pd.DataFrame) -> pd.DataFrame:  # each hit counts for its sentence and for its unit
        both = pd.concat([df.assign(segment_id=df["sentence_id"]), df.assign(segment_id=df["parent"])])
        return both[both["segment_id"].isin(seg["segment_id"])]

    keys = ["segment_id", "frame"]
    coded = to_segments(frame_hits).groupby(keys, sort=False).agg(
        items_hit=("item", "nunique"), n_cues=("cue", "size"), cue=("cue", _join_unique),
        evidence=("evidence", lambda s: " | ".join(dict.fromkeys(s))),
        evidence_ids=("sentence_id", _join_unique)).reset_index()
    tone_hits = tone_hits.assign(tone_text=[
        f"{c} ({'+' if v > 0 else '-'}{', negated by ' + n if n else ''})"
        for c, v, n in zip(tone_hits["cue"], tone_hits["valence"], tone_hits["negator"])])
    tone = to_segments(tone_hits).groupby(keys).agg(tone=("valence", "sum"), tone_cues=("tone_text", "; ".join))
    coded = coded.merge(tone.reset_index(), on=keys, how="left").merge(seg, on="segment_id")
    coded = coded.merge(codebook.frames[["frame", "family", "n_items"]], on="frame")
    coded["tone"] = coded["tone"].fillna(0).astype(int)
    coded["tone_cues"] = [c if isinstance(c, str) else "" for c in coded["tone_cues"]]
    coded["valence"] = np.sign(coded["tone"]).astype(int)
    coded["score"] = (coded["items_hit"] / coded["n_items"]).round(4)
    coded["frame_order"] = coded["frame"].map({f: i for i, f in enumerate(codebook.frame_ids)})
    coded["kind_order"] = coded["kind"].map(UNIT_ORDER)
    coded = coded.sort_values(["doc_id", "start", "kind_order", "segment_id", "frame_order"]).reset_index(drop=True)
    coded["primary"] = False
    eligible = coded[coded["family"].isin(codebook.primary_families)]
    best = eligible.sort_values(["score", "n_cues", "frame_order"], ascending=[False, False, True],
                                kind="stable").drop_duplicates("segment_id").index
    coded.loc[best, "primary"] = True
    return coded[CODED_COLUMNS]


def _join_unique(values: pd.Series) -> str:
    return "; ".join(dict.fromkeys(values))


def primary_frames(coded: pd.DataFrame, segments: pd.DataFrame) -> pd.DataFrame:
    """One row per segment: its primary frame and all frames present ('' where none)."""
    frames = coded.groupby("segment_id", sort=False)["frame"].agg(", ".join).rename("frames")
    primary = coded[coded["primary"]].set_index("segment_id")[["frame", "score", "cue"]].rename(
        columns={"frame": "primary_frame", "score": "primary_score", "cue": "primary_cue"})
    out = segments[["doc_id", "segment_id", "kind", "lang", "section", "text"]].join(primary, on="segment_id")
    out = out.join(frames, on="segment_id")
    return out.fillna({"primary_frame": "", "primary_cue": "", "frames": "", "primary_score": 0.0})


# --------------------------------------------------------------------------
# Aggregates
# --------------------------------------------------------------------------
def aggregate(coded: pd.DataFrame, units: pd.DataFrame, by: list[str], codebook: Codebook) -> pd.DataFrame:
    """Per group and frame: units, units with the frame, their share, and the mean score over all units of the group.

    ``units`` are the segments counted (the denominator) and carry the ``by`` columns. The
    counts are sums, so groups computed on parts of a corpus merge by adding them up.
    """
    n = units.groupby(by, dropna=False).size().rename("units").reset_index()
    merged = coded[["segment_id", "frame", "score", "n_cues"]].merge(units[["segment_id", *by]], on="segment_id")
    counts = merged.groupby(by + ["frame"], dropna=False).agg(
        units_with_frame=("segment_id", "nunique"), score_sum=("score", "sum"), cues=("n_cues", "sum")).reset_index()
    out = n.merge(codebook.frames[["frame", "family"]], how="cross").merge(counts, on=by + ["frame"], how="left")
    out = out.fillna({"units_with_frame": 0, "score_sum": 0.0, "cues": 0})
    out["units_with_frame"] = out["units_with_frame"].astype(int)
    out["cues"] = out["cues"].astype(int)
    out["share"] = (out["units_with_frame"] / out["units"]).round(4)
    out["mean_score"] = (out["score_sum"] / out["units"]).round(4)
    return out[[*by, "frame", "family", "units", "units_with_frame", "share", "mean_score", "cues"]]


def cooccurrence(coded: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Frame x frame matrix: number of segments in ``coded`` where both frames are present (diagonal: the frame)."""
    ids = codebook.frame_ids
    x = pd.crosstab(coded["segment_id"], coded["frame"]).reindex(columns=ids, fill_value=0).clip(upper=1)
    return (x.T @ x).reindex(index=ids, columns=ids, fill_value=0).rename_axis(index="frame", columns=None)


# --------------------------------------------------------------------------
# Headline vs body
# --------------------------------------------------------------------------
def headline_body_pairs(units: pd.DataFrame) -> pd.DataFrame:
    """What each headline is compared with: title vs whole body, title vs lead (section 0), heading vs its section.

    "title vs lead" is left out where the lead is the whole body (an article without headings).
    """
    rows = []
    for doc_id, doc in units.groupby("doc_id", sort=True):
        paras = doc[doc["kind"] == "paragraph"]
        for head in doc[doc["kind"].isin(["title", "heading"])].itertuples(index=False):
            if head.kind == "title":
                lead = paras[paras["section"] == head.section]
                targets = [("title vs body", paras)] + ([("title vs lead", lead)] if len(lead) < len(paras) else [])
            else:
                targets = [("heading vs section", paras[paras["section"] == head.section])]
            for comparison, body in targets:
                rows.append({"doc_id": doc_id, "comparison": comparison, "section": head.section,
                             "headline_id": head.segment_id, "headline": head.text, "headline_lang": head.lang,
                             "body_ids": tuple(body["segment_id"]), "body_lang": ";".join(sorted(set(body["lang"])))})
    return pd.DataFrame(rows)


def congruence(coded: pd.DataFrame, pairs: pd.DataFrame, codebook: Codebook, tone_frame: str | None = None) -> pd.DataFrame:
    """Per headline/body pair: frame sets, Jaccard of the sets, cosine of the score vectors, and the tone frame's valence on each side.

    Jaccard = |H ∩ B| / |H ∪ B| (1.0 when both sides have no frame); the body's score vector is the
    mean over its paragraphs; cosine is empty when one side has no frame. Valence = sign of the summed
    tone of ``tone_frame`` (default: the codebook's tone frame); its columns are named after that frame.
    """
    ids = codebook.frame_ids
    scores = coded.pivot_table(index="segment_id", columns="frame", values="score", aggfunc="first").reindex(columns=ids)
    tone_frame, tone = _tone(coded, codebook, tone_frame)
    rows = []
    for p in pairs.itertuples(index=False):
        h = scores.reindex([p.headline_id]).fillna(0.0).iloc[0].to_numpy()
        b = scores.reindex(list(p.body_ids)).fillna(0.0).mean().to_numpy() if p.body_ids else np.zeros(len(ids))
        hs, bs = {f for f, v in zip(ids, h) if v > 0}, {f for f, v in zip(ids, b) if v > 0}
        norm = np.linalg.norm(h) * np.linalg.norm(b)
        hv = _valence(tone, [p.headline_id])
        bv = _valence(tone, list(p.body_ids))
        rows.append({"doc_id": p.doc_id, "comparison": p.comparison, "section": p.section, "headline_id": p.headline_id,
                     "headline": p.headline, "body_paragraphs": len(p.body_ids),
                     "headline_frames": ", ".join(f for f in ids if f in hs), "body_frames": ", ".join(f for f in ids if f in bs),
                     "shared": ", ".join(f for f in ids if f in hs & bs),
                     "headline_only": ", ".join(f for f in ids if f in hs - bs),
                     "body_only": ", ".join(f for f in ids if f in bs - hs),
                     "jaccard": round(len(hs & bs) / len(hs | bs), 4) if hs | bs else 1.0,
                     "cosine": round(float(h @ b / norm), 4) if norm else np.nan,
                     f"headline_{tone_frame}_valence": hv, f"body_{tone_frame}_valence": bv,
                     "valence_agrees": (hv == bv) if not (pd.isna(hv) or pd.isna(bv)) else pd.NA})
    return pd.DataFrame(rows)


def _tone_frame(codebook: Codebook, tone_frame: str | None) -> str | None:
    """The tone frame given, else the codebook's; ValueError if it is not a frame of the codebook."""
    tone_frame = tone_frame or codebook.tone_frame
    if tone_frame and tone_frame not in codebook.frame_ids:
        raise ValueError(f"tone frame {tone_frame!r} is not a frame of {codebook.source} (frames are: {', '.join(codebook.frame_ids)})")
    return tone_frame


def _tone(coded: pd.DataFrame, codebook: Codebook, tone_frame: str | None) -> tuple[str, pd.Series]:
    """The tone frame's name ('tone' if the codebook has none) and its summed tone per segment."""
    tone_frame = _tone_frame(codebook, tone_frame)
    return tone_frame or "tone", coded[coded["frame"] == tone_frame].set_index("segment_id")["tone"]


def _valence(tone: pd.Series, ids: list[str]) -> float:
    """Sign of the summed tone over the segments that have the tone frame; NaN if none has it."""
    present = tone.reindex(ids).dropna()
    return float(np.sign(present.sum())) if len(present) else np.nan


def divergences(coded: pd.DataFrame, pairs: pd.DataFrame, codebook: Codebook, tone_frame: str | None = None) -> pd.DataFrame:
    """Where headline and body differ: frames on one side only, and the tone frame (default: the codebook's) when its valence differs."""
    tone_frame, tone = _tone(coded, codebook, tone_frame)
    rows = []
    for p in pairs.itertuples(index=False):
        head, body = coded[coded["segment_id"] == p.headline_id], coded[coded["segment_id"].isin(p.body_ids)]
        for f in codebook.frame_ids:
            hf, bf = head[head["frame"] == f], body[body["frame"] == f]
            hv = _valence(tone, [p.headline_id]) if f == tone_frame else np.nan
            bv = _valence(tone, list(p.body_ids)) if f == tone_frame else np.nan
            if len(hf) and len(bf):
                if f != tone_frame or hv == bv:
                    continue
                kind = "valence differs"
            elif len(hf) or len(bf):
                kind = "headline only" if len(hf) else "body only"
            else:
                continue
            rows.append({"doc_id": p.doc_id, "comparison": p.comparison, "section": p.section, "headline": p.headline,
                         "frame": f, "divergence": kind, "headline_cues": _join_cells(hf["cue"]),
                         "body_cues": _join_cells(bf["cue"]), "headline_valence": hv, "body_valence": bv,
                         "headline_tone_cues": _join_cells(hf["tone_cues"]), "body_tone_cues": _join_cells(bf["tone_cues"]),
                         "body_evidence_ids": _join_cells(bf["evidence_ids"])})
    return pd.DataFrame(rows, columns=["doc_id", "comparison", "section", "headline", "frame", "divergence",
                                       "headline_cues", "body_cues", "headline_valence", "body_valence",
                                       "headline_tone_cues", "body_tone_cues", "body_evidence_ids"])


def _join_cells(cells: pd.Series) -> str:
    """Distinct '; '-separated values of several cells, in order."""
    return _join_unique(pd.Series([v for cell in cells for v in str(cell).split("; ") if v], dtype=str))


# --------------------------------------------------------------------------
# Reliability against hand coding
# --------------------------------------------------------------------------
HAND_KEYS = ("doc_id", "segment_id", "coder", "frames")
HAND_COLUMNS = (*HAND_KEYS, "diplomacy_valence")  # the columns of the project's hand-coding file


def hand_codes(raw: pd.DataFrame, codebook: Codebook, source: str = "hand coding",
               valence_column: str = "diplomacy_valence", tone_frame: str | None = None) -> pd.DataFrame:
    """Hand coding (one row per segment, ``frames`` ';'-separated) as a long 0/1 table: segment_id, frame, hand, hand_valence.

    ``valence_column`` (+, -, 0 or empty) is the hand-coded valence of ``tone_frame`` (default: the
    codebook's tone frame); ``hand_valence`` is -1/0/1 on that frame's rows and empty elsewhere.
    """
    tone_frame = _tone_frame(codebook, tone_frame)
    expected = [*HAND_KEYS, valence_column]
    missing = [c for c in expected if c not in raw.columns]
    if missing:
        raise ValueError(f"{source}: missing column(s) {', '.join(missing)}; expected {', '.join(expected)}")
    ids = codebook.frame_ids
    rows = []
    for n, r in enumerate(raw.fillna("").to_dict("records"), start=2):
        frames = [f.strip() for f in str(r["frames"]).split(";") if f.strip()]
        unknown = [f for f in frames if f not in ids]
        if unknown:
            raise ValueError(f"{source}: line {n} ({r['segment_id']}): unknown frame(s) {', '.join(unknown)}; "
                             f"frames are: {', '.join(ids)}")
        valence = r[valence_column]
        if valence not in ("", *VALENCE_CODES):
            raise ValueError(f"{source}: line {n} ({r['segment_id']}): {valence_column} must be +, - or 0 or empty")
        for f in ids:
            rows.append({"doc_id": r["doc_id"], "segment_id": r["segment_id"], "coder": r["coder"], "frame": f,
                         "hand": int(f in frames), "hand_valence": VALENCE_CODES.get(valence, np.nan) if f == tone_frame else np.nan})
    return pd.DataFrame(rows, columns=["doc_id", "segment_id", "coder", "frame", "hand", "hand_valence"])


def hand_unit_ids(segments: pd.DataFrame, id_map: pd.DataFrame | None = None) -> pd.Series:
    """The hand-coded unit each segment belongs to: ``id_map`` (segment_id -> hand_segment_id) where given, else itself."""
    ids = segments.set_index("segment_id", drop=False)["segment_id"].rename("hand_segment_id")
    if id_map is not None and len(id_map):
        ids.update(id_map.set_index("segment_id")["hand_segment_id"])
    return ids


def compare_codes(hand: pd.DataFrame, coded: pd.DataFrame, unit_ids: pd.Series) -> pd.DataFrame:
    """Hand and automatic 0/1 codes side by side for each hand-coded (segment, frame), with the automatic cues.

    ``unit_ids`` (from ``hand_unit_ids``) maps each coded segment to the hand-coded unit it belongs
    to; a hand unit gets the union of the automatic codes of its segments. A hand-coded id that no
    segment maps to raises ValueError (the corpus changed under the hand coding).
    """
    unknown = sorted(set(hand["segment_id"]) - set(unit_ids))
    if unknown:
        raise ValueError(f"hand-coded segment(s) not in the corpus: {', '.join(unknown)}; "
                         "add them to the segment map (segment_id -> hand_segment_id)")
    auto = coded[coded["segment_id"].isin(unit_ids.index)].assign(hand_segment_id=lambda d: d["segment_id"].map(unit_ids))
    auto = auto.groupby(["hand_segment_id", "frame"], sort=False).agg(
        cue=("cue", _join_cells), auto_tone=("tone", "sum")).reset_index().assign(auto=1)
    auto["auto_valence"] = np.sign(auto["auto_tone"])
    out = hand.merge(auto.rename(columns={"hand_segment_id": "segment_id"}), on=["segment_id", "frame"], how="left")
    out["auto"] = out["auto"].fillna(0).astype(int)
    return out.fillna({"cue": ""}).drop(columns="auto_tone")


AGREEMENT_COLUMNS = ["frame", "units", "hand_yes", "auto_yes", "prevalence_hand", "prevalence_auto", "agreement", "alpha",
                     "tp", "fp", "fn", "precision", "recall", "f1"]


def agreement(compared: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Per frame coded by hand (and pooled): units, prevalence, % agreement, Krippendorff's alpha (nominal), precision, recall, F1 vs hand.

    Precision, recall and F1 follow ``prf`` (NaN where undefined). No hand-coded unit: an empty table.
    """
    if compared.empty:
        return pd.DataFrame(columns=AGREEMENT_COLUMNS)
    rows = []
    groups = [(f, compared[compared["frame"] == f]) for f in codebook.frame_ids if f in set(compared["frame"])]
    groups.append(("(all frames pooled)", compared))
    for frame, g in groups:
        h, a = g["hand"].to_numpy(), g["auto"].to_numpy()
        tp, fp, fn = int(((h == 1) & (a == 1)).sum()), int(((h == 0) & (a == 1)).sum()), int(((h == 1) & (a == 0)).sum())
        precision, recall, f1 = prf(tp, fp, fn)
        rows.append({"frame": frame, "units": len(g), "hand_yes": int(h.sum()), "auto_yes": int(a.sum()),
                     "prevalence_hand": round(h.mean(), 3), "prevalence_auto": round(a.mean(), 3),
                     "agreement": round(float((h == a).mean()), 3), "alpha": round(nominal_alpha([h, a]), 3),
                     "tp": tp, "fp": fp, "fn": fn, "precision": round(precision, 3), "recall": round(recall, 3),
                     "f1": round(f1, 3)})
    return pd.DataFrame(rows, columns=AGREEMENT_COLUMNS)


def disagreements(compared: pd.DataFrame, sentences: pd.DataFrame, hits: pd.DataFrame, unit_ids: pd.Series) -> pd.DataFrame:
    """The (segment, frame) pairs where hand and automatic coding differ, with the text and any negated cue."""
    diff = compared[compared["hand"] != compared["auto"]]
    unit = sentences.assign(hand_segment_id=sentences["segment_id"].map(unit_ids))
    text = unit.groupby("hand_segment_id")["text"].agg(" ".join)
    neg = hits[hits["negated"] & (hits["role"] == "frame")].assign(hand_segment_id=lambda d: d["sentence_id"].map(unit_ids))
    negated = neg.groupby(["hand_segment_id", "frame"])["cue"].agg(_join_unique).rename("negated_cues")
    out = diff.join(negated, on=["segment_id", "frame"]).join(text, on="segment_id")
    out["kind_of_error"] = np.where(out["auto"] == 1, "automatic only (false positive)", "hand only (missed)")
    return out.fillna({"negated_cues": ""})[["segment_id", "frame", "hand", "auto", "kind_of_error", "cue",
                                             "negated_cues", "text"]].reset_index(drop=True)
