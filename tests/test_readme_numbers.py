"""Every number the README quotes from a notebook is the number that notebook computes.

The README marks such passages with ``<!-- findings: 02-framing -->`` ... ``<!-- /findings -->``
(several notebooks may be named). Inside a marked passage every number must be backed by a key of
``tables/<notebook>_findings.json`` from a fresh run on the project's corpus: a markdown table row
through ``RELIABILITY_ROWS`` or ``DEVSET_ROWS``, prose through ``CLAIMS``. A number no check accounts for
fails as well, so a number typed into a marked passage cannot go stale unnoticed.
"""

import json
import re

import pytest

from helpers import paths

pytestmark = pytest.mark.notebooks  # it reads the findings of a notebook run

REGION = re.compile(r"<!-- findings: (\d\d-[\w-]+(?: \d\d-[\w-]+)*) -->(.*?)<!-- /findings -->", re.S)
NUMBER = re.compile(r"(?<![\w.])\d+(?:\.\d+)*(?![\w])")
ROW = re.compile(r"^[ \t]*\|(.+)\|[ \t]*$", re.M)
NUM = r"(\d+(?:\.\d+)*|–)"

#: Prose: (notebook, pattern, key path per group). A path is a tuple of keys into the findings file.
CLAIMS = [
    (
        "01-term-frequency",
        rf"{NUM} of the {NUM} terms missing from section {NUM}",
        [
            ("section_keyness", "positive_log_ratio_with_own_size_rule"),
            ("section_keyness", "missing_from_section"),
            ("section_keyness", "section"),
        ],
    ),
    (
        "02-framing",
        rf"over the {NUM} hand-coded sentences, codebook {NUM} \({NUM} frames\)",
        [("reliability", "conflict", "units"), ("codebook", "version"), ("codebook", "frames")],
    ),
    (
        "02-framing",
        rf"valence \(\+/0/−\) on the {NUM} sentences both sides code as diplomacy: "
        rf"agreement {NUM}, alpha {NUM}",
        [("valence", "sentences"), ("valence", "agreement"), ("valence", "alpha")],
    ),
    ("03-stance-by-actor", rf"{NUM} actors\b", [("gazetteer_actors",)]),
    (
        "03-stance-by-actor",
        rf"source attribution\s+precision {NUM} / recall {NUM}",
        [
            ("validation", "source attribution (sentence, source)", "precision"),
            ("validation", "source attribution (sentence, source)", "recall"),
        ],
    ),
    (
        "03-stance-by-actor",
        rf"\(sentence, source, target\) records\s+{NUM} / {NUM}",
        [
            ("validation", "stance record (sentence, source, target)", "precision"),
            ("validation", "stance record (sentence, source, target)", "recall"),
        ],
    ),
    (
        "03-stance-by-actor",
        rf"sign agreement\s+{NUM} on the {NUM} records both found",
        [
            ("validation", "sign agreement on records both found", "agreement"),
            ("validation", "sign agreement on records both found", "hand"),
        ],
    ),
    (
        "03-stance-by-actor",
        rf"news from {NUM} outlets \({NUM} Arabic, {NUM} English;\s+{NUM} Arabic texts, "
        rf"{NUM} English articles\)",
        [
            ("devset", "outlets_total"),
            ("devset", "outlets", "ar"),
            ("devset", "outlets", "en"),
            ("devset", "documents", "ar"),
            ("devset", "documents", "en"),
        ],
    ),
    (
        "03-stance-by-actor",
        rf"On the test part\s+\({NUM} Arabic texts, {NUM} English articles\)",
        [("devset", "test_documents", "ar"), ("devset", "test_documents", "en")],
    ),
    (
        "03-stance-by-actor",
        rf"second coding of\s+{NUM} Arabic texts and {NUM} English articles",
        [
            ("devset", "intercoder", "ar second coder", "articles"),
            ("devset", "intercoder", "en second coder", "articles"),
        ],
    ),
]

RELIABILITY_ROWS = {
    "conflict": "conflict",
    "responsibility": "responsibility",
    "human interest": "human_interest",
    "economic": "economic",
    "morality": "morality",
    "diplomacy": "diplomacy",
    "military/security": "military_security",
    "territory/sovereignty": "territory_sovereignty",
    "escalation/threat": "escalation_threat",
    "humanitarian cost": "humanitarian_cost",
    "alliances/NATO": "alliances_nato",
    "identity/language": "identity_language",
    "problem definition": "problem_definition",
    "causal attribution": "causal_attribution",
    "moral evaluation": "moral_evaluation",
    "treatment recommendation": "treatment_recommendation",
    "all frames pooled": "pooled",
}
DEVSET_ROWS = {  # row label -> (notebook, path of the Arabic value with {lang} for the column)
    "mention recall, (article, actor) pairs": (
        "03-stance-by-actor",
        ("devset", "mentions", "{lang} test", "recall"),
    ),
    "source recall (statement found on the right sentence)": (
        "03-stance-by-actor",
        ("devset", "statements", "{lang} test", "source_recall"),
    ),
    "source precision": ("03-stance-by-actor", ("devset", "statements", "{lang} test", "source_precision")),
    "sign precision (found statements the automation gives a sign)": (
        "03-stance-by-actor",
        ("devset", "statements", "{lang} test", "sign_precision"),
    ),
    "paragraph frame micro-F1 (notebook 02)": ("02-framing", ("devset_frames", "{lang} test", "micro_f1")),
}


#: row label -> key of devset.intercoder, for the columns INTERCODER_COLUMNS
INTERCODER_ROWS = {
    "source recall": "source_recall",
    "sign agreement": "sign_agreement",
    "target agreement": "target_agreement",
    "paragraph frame micro-F1": "frame_micro_f1",
}
INTERCODER_COLUMNS = ["ar second coder", "ar automation", "en second coder", "en automation"]


def _value(findings: dict, notebook: str, path: tuple):
    node = findings[notebook]
    for key in path:
        node = node[key]
    return node


def _same(text: str, value) -> bool:
    """The README's rendering of a findings value: '–' or 'undefined' for none, 3 decimals for floats."""
    if value is None:
        return text in ("–", "undefined")
    if isinstance(value, str):
        return text == value
    if isinstance(value, bool) or text in ("–", "undefined"):
        return False
    if isinstance(value, int):
        return text == str(value)
    return abs(float(text) - value) < 0.0005 + 1e-9


def _cells(row: str) -> list[str]:
    return [c.strip() for c in row.split("|")]


def _check_table_row(cells: list[str], notebooks: list[str], findings: dict) -> list[str]:
    """Problems of one table row ([] when all its numbers match); None when no known table has the row."""
    label, values = cells[0], cells[1:]
    if label in RELIABILITY_ROWS and "02-framing" in notebooks:
        r = _value(findings, "02-framing", ("reliability", RELIABILITY_ROWS[label]))
        alpha = values[0].split(" ")[0]  # "undefined (never coded)"
        hand, auto = (v.strip() for v in values[2].split("/"))
        pairs = [
            (alpha, r["alpha"]),
            (values[1], r["agreement"]),
            (hand, r["hand_yes"]),
            (auto, r["auto_yes"]),
            (values[3], r["precision"]),
            (values[4], r["recall"]),
            (values[5], r["f1"]),
        ]
        return [f"reliability row {label!r}: README {t} != findings {v}" for t, v in pairs if not _same(t, v)]
    if label in DEVSET_ROWS:
        notebook, path = DEVSET_ROWS[label]
        problems = []
        for lang, text in zip(("ar", "en"), values, strict=True):
            value = _value(findings, notebook, tuple(p.format(lang=lang) for p in path))
            if not _same(text, value):
                problems.append(f"devset row {label!r} ({lang}): README {text} != findings {value}")
        return problems
    if label in INTERCODER_ROWS and "03-stance-by-actor" in notebooks:
        problems = []
        for column, text in zip(INTERCODER_COLUMNS, values, strict=True):
            value = _value(
                findings, "03-stance-by-actor", ("devset", "intercoder", column, INTERCODER_ROWS[label])
            )
            if not _same(text, value):
                problems.append(f"intercoder row {label!r} ({column}): README {text} != findings {value}")
        return problems
    return None


def check_readme(readme: str, findings: dict) -> list[str]:
    """Every problem with the numbers in the README's findings passages (an empty list when all match)."""
    problems = []
    regions = list(REGION.finditer(readme))
    if not regions:
        return ["the README marks no findings passage"]
    for region in regions:
        notebooks, text = region.group(1).split(), region.group(2)
        missing = [nb for nb in notebooks if nb not in findings]
        if missing:
            problems.append(f"findings passage names notebooks without a findings file: {missing}")
            continue
        claimed: list[tuple[int, int]] = []
        for notebook, pattern, keys in CLAIMS:
            if notebook not in notebooks:
                continue
            for m in re.finditer(pattern, text):
                claimed.append(m.span())
                for k, path in enumerate(keys, start=1):
                    value = _value(findings, notebook, path)
                    if not _same(m.group(k), value):
                        problems.append(
                            f"{notebook} {'.'.join(path)}: README {m.group(k)} != findings {value}"
                        )
        for row in ROW.finditer(text):
            cells = _cells(row.group(1))
            if set("".join(cells)) <= set("-: "):
                continue  # the header rule
            found = _check_table_row(cells, notebooks, findings)
            if found is not None:
                problems += found
                claimed.append(row.span())
        for number in NUMBER.finditer(text):
            if not any(a <= number.start() and number.end() <= b for a, b in claimed):
                line = text[: number.start()].count("\n") + readme[: region.start(2)].count("\n") + 1
                problems.append(f"README line {line}: {number.group()} is backed by no findings key")
    return problems


@pytest.fixture(scope="module")
def findings(notebook_run) -> dict:
    return {
        p.name.removesuffix("_findings.json"): json.loads(p.read_text(encoding="utf-8"))
        for p in (notebook_run / "tables").glob("*_findings.json")
    }


def test_every_notebook_writes_its_findings(findings):
    assert sorted(findings) == sorted(p.stem for p in paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def test_every_number_the_readme_quotes_is_the_notebooks(findings):
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    marked = {nb for m in REGION.finditer(readme) for nb in m.group(1).split()}
    assert {"01-term-frequency", "02-framing", "03-stance-by-actor"} <= marked
    assert check_readme(readme, findings) == []


def test_the_check_catches_a_stale_and_an_untraced_number(findings):
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    m = re.search(r"(<!-- findings: 02-framing -->.*?\| conflict \| )(\d\.\d{3})", readme, re.S)
    stale = readme[: m.start(2)] + ("0.123" if m.group(2) != "0.123" else "0.321") + readme[m.end(2) :]
    assert any("reliability row 'conflict'" in p for p in check_readme(stale, findings))
    untraced = readme.replace("<!-- /findings -->", " (42 more) <!-- /findings -->", 1)
    assert any("42 is backed by no findings key" in p for p in check_readme(untraced, findings))
    unknown = readme.replace("| economic |", "| economics |", 1)
    assert any("is backed by no findings key" in p for p in check_readme(unknown, findings))
    m = re.search(r"\| target agreement \| (\d\.\d{3}) \|", readme)
    swapped = readme[: m.start(1)] + ("0.123" if m.group(1) != "0.123" else "0.321") + readme[m.end(1) :]
    assert any(
        "intercoder row 'target agreement' (ar second coder)" in p for p in check_readme(swapped, findings)
    )
