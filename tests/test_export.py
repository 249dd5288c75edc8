"""Outputs are written atomically and deterministically, and never into corpus/."""

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
    assert first["png"].startswith(b"\x89PNG") and first["pdf"].startswith(b"%PDF") and b"<svg" in first["svg"]


def test_save_figure_rejects_names_that_are_not_names_by_content(tmp_path):
    fig = plt.figure()
    with pytest.raises(ValueError, match="name by content"):
        plotting.save_figure(fig, "Fig 3!", base=tmp_path)
    plt.close(fig)


def test_outputs_are_readable_by_others(tmp_path):
    import stat

    path = export.write_bytes_atomic(tmp_path / "t.csv", b"x\n")
    # mkstemp alone would leave 0o600; the file gets the usual 0o666 minus the process umask
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~export._UMASK != 0o600


def test_command_line_parameters_are_python_literals_or_strings():
    assert export._parameter_value("3") == 3
    assert export._parameter_value("None") is None
    assert export._parameter_value("/data/my corpus") == "/data/my corpus"
    assert export._parameter_value("'quoted'") == "quoted"
