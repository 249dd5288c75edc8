"""The environment is pinned and honest: one lock, environment.yml points at it, no run-time downloads."""

import json
import re
import tomllib
from importlib import metadata

import yaml
from packaging.version import Version

from helpers import paths

LOCK = paths.ROOT / "requirements.txt"


def lock_pins() -> dict[str, str]:
    pins = {}
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Za-z0-9_.\-\[\]]+)==([^\s;]+)", line)
        assert m, f"requirements.txt line is not an exact pin: {line!r}"
        pins[re.sub(r"[-_.]+", "-", m.group(1)).lower()] = m.group(2)
    return pins


def test_environment_yml_uses_only_python_pip_and_the_lock():
    env = yaml.safe_load((paths.ROOT / "environment.yml").read_text(encoding="utf-8"))
    deps = env["dependencies"]
    conda = [d for d in deps if isinstance(d, str)]
    pip = [d for d in deps if isinstance(d, dict)]
    assert sorted(d.split("=")[0] for d in conda) == ["pip", "python"]
    assert pip == [{"pip": ["-r requirements.txt", "-e ."]}]
    python_pin = next(d for d in conda if d.startswith("python"))
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["requires-python"] == ">=" + python_pin.split("=", 1)[1]


def test_lock_pins_every_direct_dependency():
    pins = lock_pins()
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    direct = [re.split(r"[<>=!~ ;\[]", d)[0] for d in project["dependencies"]]
    requested = [
        re.split(r"[<>=!~ ;\[]", line)[0]
        for line in (paths.ROOT / "requirements.in").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for name in direct + requested:
        assert re.sub(r"[-_.]+", "-", name).lower() in pins, f"{name} is not pinned in requirements.txt"
    major, minor = (int(x) for x in pins["matplotlib"].split(".")[:2])
    assert (major, minor) >= (3, 11), "matplotlib >= 3.11 is required (it shapes Arabic itself)"


def test_installed_environment_matches_the_lock():
    pins = lock_pins()
    wrong = {}
    for name, version in pins.items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed is None or Version(installed) != Version(version):
            wrong[name] = (version, installed)
    assert not wrong, f"installed packages differ from the lock (run `make venv`): {wrong}"


def test_notebooks_are_committed_without_outputs():
    notebooks = sorted(paths.NOTEBOOKS.glob("*.ipynb"))
    assert notebooks
    for nb_path in notebooks:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            if cell["cell_type"] == "code":
                assert not cell["outputs"] and cell["execution_count"] is None, (
                    f"{nb_path.name} carries outputs"
                )


def test_notebook_conventions():
    for nb_path in sorted(paths.NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")):
        cells = json.loads(nb_path.read_text(encoding="utf-8"))["cells"]
        assert cells[0]["cell_type"] == "markdown", f"{nb_path.name}: cell 1 must be the markdown header"
        assert "parameters" in cells[1].get("metadata", {}).get("tags", []), (
            f"{nb_path.name}: cell 2 must be tagged parameters"
        )
        assert "## Findings" in "".join(cells[-1]["source"]), (
            f"{nb_path.name}: the last cell must be the Findings"
        )
        for cell in cells:
            src = "".join(cell["source"])
            if cell["cell_type"] == "code":
                assert not re.search(r"^\s*(def|class) ", src, re.M), (
                    f"{nb_path.name}: notebooks define no functions"
                )
                assert len(src.splitlines()) <= 15, f"{nb_path.name}: a code cell longer than 15 lines"


def test_no_downloads_and_no_reshaper_outside_plotting():
    code = {
        p: p.read_text(encoding="utf-8")
        for p in [*paths.ROOT.joinpath("helpers").rglob("*.py"), *paths.NOTEBOOKS.glob("*.ipynb")]
    }
    for path, src in code.items():
        assert not re.search(
            r"nltk\.download|urlopen\(|requests\.(get|post)\(|hf_hub_download|from_pretrained\(", src
        ), path
        if path.name != "plotting.py":
            assert not re.search(r"arabic_reshaper|get_display", src), (
                f"{path}: Arabic reaches matplotlib only via plotting.label"
            )
