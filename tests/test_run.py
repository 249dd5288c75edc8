"""The notebook runner (helpers.run, what `make figures` calls): parameters, output folders, quiet kernels."""

import stat
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from helpers import paths, run


def test_notebooks_are_found_in_reading_order():
    names = [nb.name for nb in run.notebook_paths()]
    assert names == sorted(names) and names[:1] == ["00-corpus-overview.ipynb"]
    assert all(nb.parent == paths.NOTEBOOKS for nb in run.notebook_paths())


def test_command_line_parameters_are_python_literals_or_strings():
    assert run._parameter_value("3") == 3
    assert run._parameter_value("None") is None
    assert run._parameter_value("/data/my corpus") == "/data/my corpus"
    assert run._parameter_value("'quoted'") == "quoted"


@pytest.mark.notebooks
def test_run_notebooks_shows_progress_without_kernel_transport_warnings(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    for name in ("98-probe", "99-probe"):  # two kernels at once, started from the same folder
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell("OUTPUT_DIR = None\nANSWER = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(f"print({name!r}, ANSWER)"),
            ]
        )
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        nbformat.write(nb, folder / f"{name}.ipynb")
    out = tmp_path / "out"
    notebooks = [str(folder / "98-probe.ipynb"), str(folder / "99-probe.ipynb")]
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "helpers.run",
            "run-notebooks",
            *notebooks,
            "--jobs",
            "2",
            "--output-dir",
            str(out),
            "-p",
            "ANSWER",
            "42",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert "2 notebooks in" in result.stdout
    # the progress bar is all that reaches stderr: no "Kernel is running over TCP without encryption"
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    for name in ("98-probe", "99-probe"):
        executed = nbformat.read(out / "build" / "notebooks" / f"{name}.ipynb", as_version=4)
        assert executed.cells[-1].outputs[0]["text"] == f"{name} 42\n"
        assert (out / "reports" / f"{name}.html").is_file()
    assert sorted(p.name for p in folder.iterdir()) == [
        "98-probe.ipynb",
        "99-probe.ipynb",
    ]  # no kernel sockets


def test_kernels_use_ipc_sockets_in_a_private_folder_removed_afterwards():
    with run.kernel_config() as config:
        settings = config["KernelManager"]
        folder = Path(settings["ip"]).parent
        assert settings["transport"] == "ipc" and folder.is_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not folder.exists()
