"""Outputs are written atomically and deterministically, and never into corpus/."""

import os
import stat
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import export, paths, plotting  # noqa: E402


def test_save_table_is_deterministic_and_atomic(tmp_path):
    df = pd.DataFrame({"term": ["بوتين", "putin"], "count": [3, 2]})
    path = export.save_table(df, "t", base=tmp_path)
    first = path.read_bytes()
    export.save_table(df, "t", base=tmp_path)
    assert path.read_bytes() == first
    assert first.decode("utf-8") == "term,count\nبوتين,3\nputin,2\n"
    assert [p.name for p in path.parent.iterdir()] == ["t.csv"]  # no temporary file left behind


def test_failed_write_keeps_the_old_file(tmp_path):
    target = tmp_path / "x.csv"
    target.write_bytes(b"old")

    with pytest.raises(TypeError):
        export.write_bytes_atomic(target, object())  # cannot be written
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["x.csv"]


def test_refuses_to_write_into_the_corpus():
    with pytest.raises(PermissionError, match="corpus/ is read-only"):
        export.write_bytes_atomic(paths.CORPUS / "articles" / "new.txt", b"x")
    assert not (paths.CORPUS / "articles" / "new.txt").exists()


def test_save_figure_writes_three_formats_with_identical_bytes_on_rerun(tmp_path):
    plotting.apply_style()
    fig, ax = plt.subplots()
    ax.bar([0, 1], [3, 5])
    ax.set_xticks([0, 1], plotting.labels(["بوتين", "Witkoff / ويتكوف"]))
    ax.set_title(plotting.label("حل أزمة أوكرانيا لم يقترب"))
    first = {fmt: p.read_bytes() for fmt, p in plotting.save_figure(fig, "demo", base=tmp_path).items()}
    again = {fmt: p.read_bytes() for fmt, p in plotting.save_figure(fig, "demo", base=tmp_path).items()}
    plt.close(fig)
    assert set(first) == {"png", "svg", "pdf"}
    assert first == again
    assert (
        first["png"].startswith(b"\x89PNG") and first["pdf"].startswith(b"%PDF") and b"<svg" in first["svg"]
    )


def test_save_figure_rejects_names_that_are_not_names_by_content(tmp_path):
    fig = plt.figure()
    with pytest.raises(ValueError, match="name by content"):
        plotting.save_figure(fig, "Fig 3!", base=tmp_path)
    plt.close(fig)


@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_outputs_follow_the_umask_at_write_time(tmp_path, umask):
    # mkstemp alone would leave 0o600; a file is created 0o666 minus the umask in force when it is written
    old = os.umask(umask)
    try:
        path = export.write_bytes_atomic(tmp_path / "t.csv", b"x\n")
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_importing_the_writers_leaves_the_umask_alone():
    probe = (
        "import os\ncalls = []\nreal = os.umask\n"
        "os.umask = lambda mask: calls.append(mask) or real(mask)\n"
        "import helpers.export, helpers.ingest, helpers.plotting, helpers.run\nprint(calls)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]", "importing a helpers module changed the process umask"
