"""The notebooks' source, not run: clean cells, findings without typed numbers, no segment ids typed in."""

import io
import json
import re
import tokenize

import pytest

from helpers import paths

NOTEBOOKS = sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb"))


def _cells(nb_path, kind):
    cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
    return [(i, "".join(c["source"])) for i, c in enumerate(cells) if c["cell_type"] == kind]


def _semicolons(src: str) -> list[int]:
    """Line numbers of ';' tokens (statement separators; a ';' inside a string or comment is no token)."""
    tokens = tokenize.generate_tokens(io.StringIO(src + "\n").readline)
    return [t.start[0] for t in tokens if t.type == tokenize.OP and t.string == ";"]


def test_the_semicolon_check_finds_joined_statements():
    assert _semicolons('ax.set_xlabel("target"); ax.set_ylabel("source")') == [1]
    assert _semicolons('print("a; b")  # c; d\nx = 1') == []


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_joins_statements_with_semicolons(nb_path):
    joined = [(i, line) for i, src in _cells(nb_path, "code") for line in _semicolons(src)]
    assert not joined, (
        f"{nb_path.name}: statements joined with ';' in (cell, line) {joined}: split the cell instead"
    )


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_findings_prose_carries_no_typed_numbers(nb_path):
    i, findings = _cells(nb_path, "markdown")[-1]
    assert findings.startswith("## Findings"), f"{nb_path.name}: the last cell is not the Findings"
    prose = re.sub(r"`[^`]*`", "", findings)  # file and parameter names in backticks are no numbers
    typed = re.findall(r"[^\s]*[0-9][^\s]*", prose)
    assert not typed, (
        f"{nb_path.name}: the Findings cell types numbers {typed}; print them from the findings file"
    )
    code = "\n".join(src for _, src in _cells(nb_path, "code"))
    assert f'compare.findings_name("{nb_path.stem}")' in code, f"{nb_path.name}: writes no findings file"


@pytest.mark.parametrize("nb_path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_cell_selects_segments_by_a_typed_id(nb_path):
    # "t.s01", "p01.s02", "doc:h01"
    typed_id = re.compile(r"""["'](?:[^"']*:)?(?:t|[hp]\d\d)(?:\.s\d\d)?["']""")
    found = [(i, m.group()) for i, src in _cells(nb_path, "code") for m in typed_id.finditer(src)]
    assert not found, f"{nb_path.name}: segments selected by typed ids {found}; select by kind and position"
