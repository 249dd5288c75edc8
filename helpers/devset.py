"""The development set (devset/): real news with hand coding, and the automatic coding measured against it.

``load_devset`` reads ``devset/metadata.csv`` and the text files into a ``Corpus`` (a quotation
has no title line), with each document's language, outlet, form and split. The ``evaluate_*``
functions compare the automatic mentions, stance statements and frame codes with the hand
coding in ``devset/annotations/`` and report, per language and split (tune / test):

- mentions: recall and precision of (article, actor) pairs;
- statements: source recall (a hand-coded statement is found when an automatic record on the
  same sentence names the same source), source precision, sign agreement on the statements
  found (same polarity), and target agreement on them;
- a person the gazetteer does not list is compared under the id the coder gave them
  (``align_people``: "smith" is the coder's "adam_smith");
- frames: micro-averaged precision, recall and F1 of (unit, frame) pairs over the primary frames.

How the coding was made and the split rule: devset/README.md and devset/CODING.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus import SEGMENTS_SCHEMA, Corpus, CorpusError, read_article, segment_article
from helpers.reliability import prf
from helpers.unlisted import coded_id

DEVSET = paths.ROOT / "devset"
META_COLUMNS = [
    "doc_id",
    "file",
    "title",
    "outlet",
    "date",
    "url",
    "languages",
    "provenance",
    "licence",
    "form",
    "split",
]
GROUPS = ["lang", "split"]


@dataclass(frozen=True)
class DevSet:
    """The development set: its corpus, its documents (with lang, form, split) and the hand coding."""

    corpus: Corpus
    documents: pd.DataFrame
    units: pd.DataFrame  # doc_id, unit, segment_id
    mentions: pd.DataFrame  # doc_id, unit, actor
    stance: pd.DataFrame  # doc_id, unit, sentence, source, target, polarity
    frames: pd.DataFrame  # doc_id, unit, frames


def split_of(doc_ids: pd.Series, groups: pd.Series, every: int = 3) -> pd.Series:
    """'test' for every ``every``-th document of each group in sha256 order of its id, else 'tune'.

    Fixed by the ids alone, before any document is read, so at least a third of each outlet is test.
    """
    order = pd.DataFrame(
        {"g": groups.to_numpy(), "h": [hashlib.sha256(d.encode()).hexdigest() for d in doc_ids]},
        index=doc_ids.index,
    )
    rank = order.groupby("g")["h"].rank(method="first").astype(int) - 1
    return (rank % every == 0).map({True: "test", False: "tune"})


def load_devset(path: str | Path | None = None) -> DevSet:
    """Read the development set folder (default: devset/) and its hand coding."""
    root = Path(path) if path is not None else DEVSET
    meta = _read_table(root / "metadata.csv", META_COLUMNS, "devset/README.md")
    segs, units = [], []
    for row in meta.itertuples(index=False):
        text = read_article(root / row.file)
        rows = segment_article(row.doc_id, text, titled=row.form == "article")
        segs += rows
        first = 0 if row.form == "article" else 1
        units += [
            {"doc_id": row.doc_id, "unit": n, "segment_id": r["segment_id"]}
            for n, r in enumerate((r for r in rows if r["kind"] != "sentence"), start=first)
        ]
    segments = SEGMENTS_SCHEMA.validate(pd.DataFrame(segs, columns=list(SEGMENTS_SCHEMA.columns)))
    documents = meta.assign(lang=meta["languages"].str.split(";").str[0])
    if "speaker" not in documents:  # optional, as in the corpus (corpus/README.md)
        documents["speaker"] = ""
    corpus = Corpus(documents, segments)
    return DevSet(corpus, documents, pd.DataFrame(units), *read_coding(root / "annotations"))


#: Two ids the coders wrote for one actor (both were in the list of ids in use that they saw; the coding
#: guide, devset/CODING.md, names neither): read as the one the gazetteer has.
SAME_ACTOR = {"us_congress": "congress"}


def read_coding(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(mentions, stance, frames) of one coding folder: one (doc_id, unit, actor) row per mention, the
    stance rows with integer polarity, the frames rows; ids as ``SAME_ACTOR`` reads them."""
    mentions = _read(folder / "mentions.csv", ["doc_id", "unit", "actors"])
    mentions = (
        mentions.assign(actor=mentions["actors"].str.split(";"))
        .explode("actor")
        .assign(actor=lambda d: d["actor"].str.strip().replace(SAME_ACTOR))
        .query("actor != ''")[["doc_id", "unit", "actor"]]
    )
    stance = _read(folder / "stance.csv", ["doc_id", "unit", "sentence", "source", "target", "polarity"])
    stance[["source", "target"]] = stance[["source", "target"]].replace(SAME_ACTOR)
    stance["polarity"] = pd.to_numeric(stance["polarity"]).astype(int)
    frames = _read(folder / "frames.csv", ["doc_id", "unit", "frames"])
    return mentions.reset_index(drop=True), stance, frames


def _read_table(path: Path, columns: list[str], guide: str) -> pd.DataFrame:
    """A CSV of the development set as strings, with its required columns checked."""
    if not path.is_file():
        raise CorpusError(f"{path} not found: see {guide} for what the development set holds.")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
    except pd.errors.ParserError as err:  # a comma in an unquoted field, most often
        raise CorpusError(
            f"{path}: not a well-formed CSV ({str(err).strip()}); quote any field that holds a comma "
            "(write it with Python's csv module)."
        ) from err
    missing = [c for c in columns if c not in df.columns]
    if missing:
        raise CorpusError(f"{path}: missing column(s) {', '.join(missing)}.")
    return df


def _read(path: Path, columns: list[str]) -> pd.DataFrame:
    """A hand-coding table, its unit numbers as integers."""
    df = _read_table(path, columns, "devset/CODING.md")
    return df.assign(unit=pd.to_numeric(df["unit"]).astype(int))


def _rate(num: int, den: int) -> float:
    return round(num / den, 3) if den else float("nan")


def evaluate_mentions(dev: DevSet, mentions: pd.DataFrame) -> pd.DataFrame:
    """Recall and precision of (article, actor) pairs: automatic ``actor_mentions`` against the hand
    coding."""
    hand = set(zip(dev.mentions["doc_id"], dev.mentions["actor"], strict=False))
    auto = set(zip(mentions["doc_id"], mentions["actor"], strict=False))
    rows = []
    for (lang, split), docs in dev.documents.groupby(GROUPS):
        ids = set(docs["doc_id"])
        h = {p for p in hand if p[0] in ids}
        a = {p for p in auto if p[0] in ids}
        rows.append(
            {
                "lang": lang,
                "split": split,
                "articles": len(ids),
                "hand_pairs": len(h),
                "auto_pairs": len(a),
                "found": len(h & a),
                "recall": _rate(len(h & a), len(h)),
                "precision": _rate(len(h & a), len(a)),
            }
        )
    return pd.DataFrame(rows)


def missed_mentions(dev: DevSet, mentions: pd.DataFrame) -> pd.DataFrame:
    """Hand-coded (article, actor) pairs the automation did not find, with the units that mention the
    actor."""
    auto = set(zip(mentions["doc_id"], mentions["actor"], strict=False))
    miss = dev.mentions[
        [p not in auto for p in zip(dev.mentions["doc_id"], dev.mentions["actor"], strict=False)]
    ]
    text = dev.units.merge(dev.corpus.segments[["segment_id", "text"]], on="segment_id")
    return miss.merge(text, on=["doc_id", "unit"]).merge(
        dev.documents[["doc_id", "lang", "split"]], on="doc_id"
    )


def match_statements(
    dev: DevSet,
    statements: pd.DataFrame,
    actor_ids: dict[str, str],
    target_ids: dict[str, str],
    broader: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Each hand-coded statement with the automatic record on the same sentence and source, if any.

    ``actor_ids`` and ``target_ids`` map the automation's English labels to the coding's ids;
    ``broader`` maps a specific issue id to the one both sides' targets are compared at
    (``us_peace_plan`` -> ``peace_plan``, from stance_cues.yaml).
    A hand sentence is located in its unit; automatic sentences that overlap it are the same sentence.
    """
    auto = statements.assign(
        source_id=statements["source"].map(actor_ids),
        target_id=statements["target"].map(target_ids).fillna(statements["target"]),
    )
    broader = broader or {}
    auto["target_id"] = auto["target_id"].replace(broader)
    hand = dev.stance.assign(target=dev.stance["target"].replace(broader))
    rows = []
    for h, same in zip(hand.itertuples(index=False), sentence_segments(dev, hand), strict=True):
        cand = auto[auto["segment_id"].isin(set(same)) & (auto["source_id"] == h.source)]
        best = cand[cand["target_id"] == h.target]
        pick = (best if len(best) else cand).head(1)
        rows.append(
            {
                "doc_id": h.doc_id,
                "unit": h.unit,
                "sentence": h.sentence,
                "source": h.source,
                "target": h.target,
                "polarity": h.polarity,
                "found": len(pick) > 0,
                "auto_target": pick["target_id"].iloc[0] if len(pick) else "",
                "auto_polarity": pick["polarity"].iloc[0] if len(pick) else pd.NA,
                "rule": pick["rule"].iloc[0] if len(pick) and "rule" in pick else "",
                "auto_segments": ";".join(same),
            }
        )
    return pd.DataFrame(rows)


def sentence_segments(dev: DevSet, coding: pd.DataFrame) -> list[list[str]]:
    """For each stance row (doc_id, unit, sentence), the automatic sentence segments that overlap its
    sentence, located in its unit (a coder's sentence and the splitter's may differ at the edges)."""
    segs = dev.corpus.segments
    sents = segs[segs["kind"] == "sentence"][["segment_id", "parent", "start", "end"]]
    located = coding[["doc_id", "unit", "sentence"]].merge(dev.units, on=["doc_id", "unit"], how="left")
    located = located.merge(segs[["segment_id", "start", "text"]], on="segment_id", how="left")
    out = []
    for h in located.itertuples(index=False):
        at = h.text.find(h.sentence) if isinstance(h.text, str) else -1
        if at < 0:
            raise CorpusError(
                f"devset stance coding: the sentence {h.sentence[:60]!r}... is not in unit {h.unit} "
                f"of {h.doc_id}; the coding and the text disagree."
            )
        lo, hi = h.start + at, h.start + at + len(h.sentence)
        same = sents[(sents["parent"] == h.segment_id) & (sents["start"] < hi) & (sents["end"] > lo)]
        out.append(same["segment_id"].tolist())
    return out


def evaluate_statements(
    dev: DevSet, statements: pd.DataFrame, matched: pd.DataFrame, actor_ids: dict[str, str]
) -> pd.DataFrame:
    """Per language and split: source recall and precision, sign precision and agreement, target agreement.

    Of the hand-coded statements whose source is found on the same sentence: ``sign_precision`` is the
    share right among those the automation gives a sign (+1 or -1), ``sign_agreement`` the share whose
    polarity (-1, 0, +1) equals the coder's, ``target_agreement`` the share with the coder's target.
    """
    docs = dev.documents.set_index("doc_id")
    m = matched.assign(lang=matched["doc_id"].map(docs["lang"]), split=matched["doc_id"].map(docs["split"]))
    found_pairs = {
        (seg, src)
        for segs, src, f in zip(m["auto_segments"], m["source"], m["found"], strict=False)
        if f
        for seg in segs.split(";")
    }
    auto = statements.assign(source_id=statements["source"].map(actor_ids))
    auto = auto[auto["doc_id"].isin(set(docs.index))].drop_duplicates(["segment_id", "source_id"])
    auto = auto.assign(
        lang=auto["doc_id"].map(docs["lang"]),
        split=auto["doc_id"].map(docs["split"]),
        right=[(s, a) in found_pairs for s, a in zip(auto["segment_id"], auto["source_id"], strict=False)],
    )
    rows = []
    for (lang, split), docs_g in dev.documents.groupby(GROUPS):
        g = m[(m["lang"] == lang) & (m["split"] == split)].drop_duplicates(["doc_id", "sentence", "source"])
        a = auto[(auto["lang"] == lang) & (auto["split"] == split)]
        f = g[g["found"]]
        auto_sign = f["auto_polarity"].astype(float)
        sign = int((auto_sign == f["polarity"]).sum())
        signed = f[auto_sign != 0]
        target = int((f["auto_target"] == f["target"]).sum())
        rows.append(
            {
                "lang": lang,
                "split": split,
                "articles": len(docs_g),
                "statements": len(g),
                "found": len(f),
                "source_recall": _rate(len(f), len(g)),
                "auto": len(a),
                "source_precision": _rate(int(a["right"].sum()), len(a)),
                "sign_precision": _rate(
                    int((signed["auto_polarity"].astype(float) == signed["polarity"]).sum()), len(signed)
                ),
                "sign_agreement": _rate(sign, len(f)),
                "target_agreement": _rate(target, len(f)),
            }
        )
    return pd.DataFrame(rows)


def unit_frames(dev: DevSet, coded: pd.DataFrame, frames: list[str]) -> pd.DataFrame:
    """Hand and automatic 0/1 codes for every hand-coded (unit, frame) of the given frames."""
    hand = dev.frames.assign(frame=dev.frames["frames"].str.split(";")).explode("frame")
    hand["frame"] = hand["frame"].fillna("").str.strip()
    hand_pairs = set(zip(hand["doc_id"], hand["unit"], hand["frame"], strict=False))
    units = (
        dev.frames[["doc_id", "unit"]].drop_duplicates().merge(dev.units, on=["doc_id", "unit"], how="left")
    )
    auto_pairs = set(zip(coded["segment_id"], coded["frame"], strict=False))
    rows = [
        {
            "doc_id": u.doc_id,
            "unit": u.unit,
            "segment_id": u.segment_id,
            "frame": f,
            "hand": int((u.doc_id, u.unit, f) in hand_pairs),
            "auto": int((u.segment_id, f) in auto_pairs),
        }
        for u in units.itertuples(index=False)
        for f in frames
    ]
    return pd.DataFrame(rows)


def evaluate_frames(dev: DevSet, compared: pd.DataFrame) -> pd.DataFrame:
    """Per language and split: units, and micro-averaged precision, recall, F1 of (unit, frame) pairs."""
    docs = dev.documents.set_index("doc_id")
    c = compared.assign(
        lang=compared["doc_id"].map(docs["lang"]), split=compared["doc_id"].map(docs["split"])
    )
    rows = []
    for (lang, split), g in c.groupby(GROUPS):
        tp = int(((g["hand"] == 1) & (g["auto"] == 1)).sum())
        fp = int(((g["hand"] == 0) & (g["auto"] == 1)).sum())
        fn = int(((g["hand"] == 1) & (g["auto"] == 0)).sum())
        p, r, f1 = prf(tp, fp, fn)
        rows.append(
            {
                "lang": lang,
                "split": split,
                "units": g[["doc_id", "unit"]].drop_duplicates().shape[0],
                "hand_codes": tp + fn,
                "auto_codes": tp + fp,
                "precision": round(p, 3),
                "recall": round(r, 3),
                "micro_f1": round(f1, 3),
            }
        )
    return pd.DataFrame(rows)


def cue_precision(
    dev: DevSet, hits: pd.DataFrame, compared: pd.DataFrame, split: str = "tune"
) -> pd.DataFrame:
    """Per counted cue of a hand-coded frame on one split: units where it coded its frame, and the share
    the hand coding agrees with."""
    docs = dev.documents.set_index("doc_id")
    parent_unit = dev.units.set_index("segment_id")
    h = hits[
        hits["counted"]
        & (hits["role"] != "tone")
        & (hits["doc_id"].map(docs["split"]) == split)
        & hits["frame"].isin(set(compared["frame"]))
    ]
    h = h.assign(lang=h["doc_id"].map(docs["lang"]), unit=h["parent"].map(parent_unit["unit"]))
    hand = compared.set_index(["doc_id", "unit", "frame"])["hand"]
    keys = list(zip(h["doc_id"], h["unit"], h["frame"], strict=False))
    h = h.assign(right=[int(hand.get(k, 0)) for k in keys]).drop_duplicates(
        ["doc_id", "unit", "frame", "cue"]
    )
    out = (
        h.groupby(["lang", "frame", "cue"]).agg(units=("right", "size"), right=("right", "sum")).reset_index()
    )
    return (
        out.assign(precision=(out["right"] / out["units"]).round(3))
        .sort_values(["units", "precision"], ascending=[False, True], kind="stable")
        .reset_index(drop=True)
    )


def same_person(auto_id: str, hand_id: str) -> bool:
    """Whether two person ids can name one person by the words they share: one id's words end the other's
    ("smith" and "adam_smith", "sherrod_brown" and "brown")."""
    a, h = auto_id.split("_"), hand_id.split("_")
    short, long = sorted((a, h), key=len)
    return len(short) < len(long) and long[-len(short) :] == short


def align_people(
    dev: DevSet, auto: pd.DataFrame, listed: Collection[str], issues: Collection[str]
) -> dict[tuple[str, str], str]:
    """(doc_id, automatic id) -> the coder's id, for the people the gazetteer does not list.

    The automation names such a person by the surname as written ("smith"), a coder by a new id of their
    own ("adam_smith"; ``devset/CODING.md``), and coders differ (some write the surname only). Within a
    document, an unlisted automatic id that no coded id equals is the coder's id that ends with its words
    or whose words it ends with, when exactly one coded id of that document does and the automation does not
    give that id itself. ``auto``: columns doc_id, id; ``listed``: the gazetteer's actor ids; ``issues``:
    the issue ids of the stance cues, which name no one.
    """
    hand = pd.concat(
        [
            dev.mentions[["doc_id", "actor"]].rename(columns={"actor": "id"}),
            dev.stance[["doc_id", "source"]].rename(columns={"source": "id"}),
            dev.stance[["doc_id", "target"]].rename(columns={"target": "id"}),
        ]
    )
    hand_ids = hand.groupby("doc_id")["id"].agg(set).to_dict()
    auto_ids = auto.groupby("doc_id")["id"].agg(set).to_dict()
    issues = set(issues)
    not_people = set(listed) | issues  # ids that are no unlisted person's
    aliases = {}
    for doc, ids in auto_ids.items():
        coded = hand_ids.get(doc, set())
        for a in ids - coded - not_people:
            cands = [h for h in coded - ids - issues if same_person(a, h)]
            if len(cands) == 1:
                aliases[(doc, a)] = cands[0]
    return aliases


def aligned(
    dev: DevSet,
    mentions: pd.DataFrame,
    statements: pd.DataFrame,
    ids: Mapping[str, str],
    listed: Collection[str],
    issues: Collection[str],
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Automatic mentions (doc_id, actor id) and statements (doc_id, source and target labels, which
    ``ids`` maps to ids) with each unlisted person under the id the coder gave them (``align_people``);
    the coder's id stands in for the label, as a label no one lists maps to itself."""
    pairs = pd.concat(
        [
            mentions[["doc_id", "actor"]].rename(columns={"actor": "id"}),
            *(
                pd.DataFrame({"doc_id": statements["doc_id"], "id": statements[c].map(ids)})
                for c in ("source", "target")
            ),
        ]
    ).drop_duplicates()
    aliases = align_people(dev, pairs, listed, issues)
    if not aliases:
        return mentions, statements
    mentions = mentions.assign(
        actor=[aliases.get(k, k[1]) for k in zip(mentions["doc_id"], mentions["actor"], strict=True)]
    )
    statements = statements.assign(
        **{
            c: [
                aliases.get((d, ids[label]), label)
                for d, label in zip(statements["doc_id"], statements[c], strict=True)
            ]
            for c in ("source", "target")
        }
    )
    return mentions, statements


class _CodedIds(dict):
    """English label -> the coding's id; a label not listed is an unlisted person's id (``helpers.unlisted``),
    as a coder writes it (``coded_id``). ``Series.map`` uses ``__missing__``."""

    def __missing__(self, label):
        return coded_id(label) if isinstance(label, str) else label


def evaluate(dev: DevSet | None = None) -> dict[str, pd.DataFrame]:
    """Run mentions, stance and framing on the development set and measure each against the hand coding.

    Returns the tables ``mentions``, ``statements``, ``frames`` (per language and split), and for
    reading the misses: ``missed_mentions``, ``matched_statements``, ``missed_statements`` (the tune
    part's only, so that no rule is written from the test part), ``frame_units``, ``cue_precision``; and
    for ``intercoder``: ``auto_statements``, ``auto_mentions`` and ``actor_ids`` (English label -> id).
    """
    from helpers import actors, framing, stance

    dev = dev or load_devset()
    gaz, cues, codebook = actors.load_gazetteer(), stance.load_stance_cues(), framing.load_codebook()
    sentences = dev.corpus.sentences()
    docs = dev.documents
    dates = dict(zip(docs["doc_id"], docs["date"], strict=True))
    urls = dict(zip(docs["doc_id"], docs["url"], strict=True))
    mentions = actors.actor_mentions(sentences, gaz, dates, urls)
    mentions = mentions.assign(actor=mentions["actor"].map(coded_id))  # an unlisted person's: as coded
    statements, _, _ = stance.stance_records(
        sentences, gaz, cues, dict(zip(docs["doc_id"], docs["speaker"], strict=False)), dates, urls
    )
    actor_ids = _CodedIds(zip(gaz.actors["en"], gaz.actors["actor"], strict=False))
    target_ids = _CodedIds({**actor_ids, **dict(zip(cues.issues["en"], cues.issues["id"], strict=False))})
    mentions, statements = aligned(
        dev, mentions, statements, actor_ids, set(gaz.actors["actor"]), set(cues.issues["id"])
    )
    matched = match_statements(
        dev,
        statements,
        actor_ids,
        target_ids,
        dict(zip(cues.issues["id"], cues.issues["broader"], strict=False)),
    )
    hits = framing.match_cues(sentences, codebook)
    coded = framing.code_segments(hits, dev.corpus.segments, codebook)
    primary = codebook.frames.loc[codebook.frames["family"].isin(codebook.primary_families), "frame"].tolist()
    compared = unit_frames(dev, coded, primary)
    tune = matched["doc_id"].map(dev.documents.set_index("doc_id")["split"]) == "tune"
    return {
        "mentions": evaluate_mentions(dev, mentions),
        "statements": evaluate_statements(dev, statements, matched, actor_ids),
        "frames": evaluate_frames(dev, compared),
        "missed_mentions": missed_mentions(dev, mentions),
        "matched_statements": matched,
        "missed_statements": matched[tune & ~matched["found"]],
        "frame_units": compared,
        "cue_precision": cue_precision(dev, hits, compared),
        "auto_statements": statements,
        "auto_mentions": mentions,
        "actor_ids": actor_ids,
    }


#: The second coding (devset/annotations/second/): a sample of the tune part coded again, by coders who saw
#: neither the first coding nor the rules, to measure how far two readers agree.
SECOND_CODING = "second"


def intercoder(dev: DevSet, evaluated: dict, folder: str | Path | None = None) -> pd.DataFrame:
    """Agreement with the first coding on the documents the second coding covers, per language: of the
    second coder, and of the automation on the same documents (``evaluated``: what ``evaluate`` returned).

    Each is measured as the automation is against the first coder (``evaluate``): mention recall and
    precision, source recall and precision, sign precision and agreement, target agreement, and frame
    micro-F1. Empty when the folder (default devset/annotations/second/) holds no coding.
    """
    folder = Path(folder) if folder is not None else DEVSET / "annotations" / SECOND_CODING
    if not (folder / "stance.csv").is_file():
        return pd.DataFrame()
    mentions, stance, frames = read_coding(folder)
    unknown = sorted(set(stance["doc_id"]) - set(dev.documents["doc_id"]))
    if unknown:
        raise CorpusError(f"{folder}: documents {unknown} are not in the development set.")
    sample = set(frames["doc_id"]) | set(stance["doc_id"]) | set(mentions["doc_id"])
    first = DevSet(
        dev.corpus,
        dev.documents[dev.documents["doc_id"].isin(sample)],
        dev.units[dev.units["doc_id"].isin(sample)],
        dev.mentions[dev.mentions["doc_id"].isin(sample)],
        dev.stance[dev.stance["doc_id"].isin(sample)],
        dev.frames[dev.frames["doc_id"].isin(sample)],
    )
    # the second coder read as automatic output: one record per sentence segment its sentence overlaps
    records = pd.DataFrame(
        [
            (r.doc_id, seg, r.source, r.target, r.polarity)
            for r, segs in zip(stance.itertuples(index=False), sentence_segments(first, stance), strict=True)
            for seg in segs
        ],
        columns=["doc_id", "segment_id", "source", "target", "polarity"],
    )
    from helpers import stance as stance_rules

    issues = set(stance_rules.load_stance_cues().issues["id"])
    mentions, records = aligned(first, mentions, records, _CodedIds(), (), issues)
    ids = {a: a for a in {*records["source"], *first.stance["source"]}}  # ids on both sides
    coded = frames.assign(frame=frames["frames"].str.split(";")).explode("frame")
    coded = coded.assign(frame=coded["frame"].fillna("").str.strip()).query("frame != ''")
    coded = coded.merge(first.units, on=["doc_id", "unit"])[["segment_id", "frame"]]
    frame_ids = sorted(evaluated["frame_units"]["frame"].unique())
    auto_units = evaluated["frame_units"][evaluated["frame_units"]["doc_id"].isin(sample)]
    auto_matched = evaluated["matched_statements"][evaluated["matched_statements"]["doc_id"].isin(sample)]
    readers = {
        "second coder": (
            evaluate_mentions(first, mentions),
            evaluate_statements(first, records, match_statements(first, records, ids, ids), ids),
            evaluate_frames(first, unit_frames(first, coded, frame_ids)),
        ),
        "automation": (
            evaluate_mentions(first, evaluated["auto_mentions"]),
            evaluate_statements(first, evaluated["auto_statements"], auto_matched, evaluated["actor_ids"]),
            evaluate_frames(first, auto_units),
        ),
    }
    rows = []
    for reader, (m, st, fr) in readers.items():
        table = (
            m[["lang", "split", "articles", "recall", "precision"]]
            .rename(columns={"recall": "mention_recall", "precision": "mention_precision"})
            .merge(st.drop(columns=["articles", "found", "auto"]), on=GROUPS)
            .merge(fr[[*GROUPS, "micro_f1"]].rename(columns={"micro_f1": "frame_micro_f1"}), on=GROUPS)
        )
        rows.append(table.assign(reader=reader))
    out = pd.concat(rows, ignore_index=True)
    first_columns = ["lang", "split", "reader"]
    return (
        out[[*first_columns, *[c for c in out.columns if c not in first_columns]]]
        .sort_values(["lang", "split", "reader"], ascending=[True, True, False], kind="stable")
        .reset_index(drop=True)
    )
