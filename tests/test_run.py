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


# papermill asks for kernel_info after the last cell and shuts the kernel down on the reply, while the
# kernel is still in the request's handler (a race: it showed about once per `make figures`). This cell
# keeps the handler busy after its reply, so a shutdown that interrupts the kernel is always caught.
SLOW_KERNEL_INFO = """\
import inspect, time
kernel = get_ipython().kernel
reply = kernel.shell_handlers["kernel_info_request"]
async def reply_then_wait(*args):
    result = reply(*args)
    if inspect.isawaitable(result):
        await result
    time.sleep(1)
kernel.shell_handlers["kernel_info_request"] = reply_then_wait"""


@pytest.mark.notebooks
def test_run_notebooks_shows_progress_without_kernel_transport_warnings(tmp_path):
    folder = tmp_path / "nb"
    folder.mkdir()
    for name in ("98-probe", "99-probe"):  # two kernels at once, started from the same folder
        nb = nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_code_cell("OUTPUT_DIR = None\nANSWER = 1", metadata={"tags": ["parameters"]}),
                nbformat.v4.new_code_cell(SLOW_KERNEL_INFO if name == "98-probe" else "pass"),
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
    # the progress bar is all that reaches stderr: no "Kernel is running over TCP without encryption",
    # no "KeyboardInterrupt caught in kernel." from a kernel being shut down
    assert "WARNING" not in result.stderr and "ERROR" not in result.stderr, result.stderr
    assert "KeyboardInterrupt" not in result.stderr, result.stderr
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
        assert config["NotebookClient"]["kernel_manager_class"] is run.quiet_kernel_manager()
    assert not folder.exists()
