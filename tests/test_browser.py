"""The notebooks in JupyterLab, in a real browser: every notebook runs there without an error,
shows a figure and the seed article's Arabic title in logical order; the HTML reports render
Arabic right to left.

Drives Debian's Chromium (/usr/bin/chromium) with Playwright; Playwright never downloads a
browser here. Screenshots go to build/browser/. Run alone: `.venv/bin/python -m pytest -m browser`.
"""

from __future__ import annotations

import json
import math
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

from helpers import paths, run

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = paths.BUILD / "browser"
NOTEBOOKS = run.notebook_paths()  # notebooks/[0-9][0-9]-*.ipynb, whatever exists when the tests are collected
SEED_ARTICLE = paths.CORPUS / "articles" / "000_621ee5358e06a89f.txt"
SERVER_START_S = 90
RUN_TIMEOUT_MS = 15 * 60_000  # the longest notebook, run cell by cell in the browser
SHOT_PX = 15000  # the tallest screenshot taken in one piece
LAB_SETTINGS = {  # user settings of the throwaway JupyterLab: every cell in the DOM and no blank space
    # after the last one, so the notebook's height is its content. The news feed is off through the
    # project's overrides.json in the venv (jupyter/overrides.json), as in `make lab`; no user setting here.
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {
        "windowingMode": "none",
        "scrollPastEnd": False,
    },
}

# State of the notebook open in the lab, read through the JupyterLab app object
# (exposed by --LabApp.expose_app_in_browser) and the DOM of its panel.
STATE_JS = """() => {
  const panel = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!panel || !panel.content || !panel.sessionContext) return null;
  const cells = panel.content.model.toJSON().cells.filter(c => c.cell_type === 'code');
  const node = panel.node;
  const rendered = [...node.querySelectorAll('.jp-OutputArea, .jp-MarkdownOutput')];
  return {
    kernel: panel.sessionContext.kernelDisplayStatus,
    kernelName: panel.sessionContext.kernelDisplayName,
    pending: [...node.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')]
      .filter(p => p.textContent.includes('*')).length,
    codeCells: cells.length,
    executed: cells.filter(c => c.execution_count !== null).length,
    errors: cells.flatMap(c => c.outputs).filter(o => o.output_type === 'error')
      .map(o => `${o.ename}: ${o.evalue}`),
    stderrTracebacks: [...node.querySelectorAll(
      '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
      .map(e => e.innerText).filter(t => t.includes('Traceback')),
    images: [...node.querySelectorAll('.jp-OutputArea-output img')]
      .filter(i => i.complete && i.naturalWidth > 0).length,
    brokenImages: [...node.querySelectorAll('.jp-OutputArea-output img')]
      .filter(i => i.complete && i.naturalWidth === 0).length,
    dialogs: [...document.querySelectorAll('.jp-Dialog')].map(d => d.innerText.slice(0, 200)),
    toasts: [...document.querySelectorAll('.Toastify__toast')].map(t => t.innerText.slice(0, 200)),
    text: rendered.map(e => e.innerText).join('\\n'),
    height: node.querySelector('.jp-WindowedPanel-outer').scrollHeight,
  };
}"""

# Run finished: the kernel is idle, no cell waits ([*]), and every code cell has an execution
# count, or a cell raised (then JupyterLab stops the run and the later cells keep no count).
DONE_JS = f"""() => {{
  const s = ({STATE_JS})();
  return s && s.kernel === 'idle' && s.pending === 0 &&
         (s.executed === s.codeCells || s.errors.length > 0);
}}"""


# Every paragraph, heading, list item and table cell of a report whose first letter is Arabic:
# its computed direction, and whether its first two characters are drawn right to left.
REPORT_ARABIC_JS = """() => {
  const firstLetter = /[A-Za-z\\u0600-\\u06FF]/;
  return [...document.querySelectorAll('p, li, td, th, h1, h2, h3, h4, h5, h6')]
    .filter(e => /[\\u0600-\\u06FF]/.test((e.textContent.match(firstLetter) || [''])[0]))
    .map(e => {
      const node = [...e.childNodes].find(n => n.nodeType === 3 && n.textContent.trim());
      let order = null;
      if (node && node.textContent.trim().length > 1) {
        const i = node.textContent.search(/\\S/), rect = k => {
          const r = document.createRange(); r.setStart(node, k); r.setEnd(node, k + 1);
          return r.getBoundingClientRect(); };
        order = rect(i).left > rect(i + 1).left ? 'rtl' : 'ltr';
      }
      return {tag: e.tagName, text: e.textContent.trim(), direction: getComputedStyle(e).direction, order};
    });
}"""


def seed_title() -> str:
    """The seed article's Arabic title: the first line of its corpus file."""
    return SEED_ARTICLE.read_text(encoding="utf-8").splitlines()[0].strip()


def free_port() -> int:
    """A free TCP port on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Lab:
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of notebooks/, with its own
    config, data, runtime, settings and workspace folders (nothing lands in the user's)."""

    def __init__(self, tmp: Path):
        self.root = tmp / "root"  # the server root; notebooks/ is copied in, the originals are never opened
        shutil.copytree(
            paths.NOTEBOOKS, self.root / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
        )
        home = tmp / "jupyter"
        for name, content in LAB_SETTINGS.items():
            target = home / "settings" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(content), encoding="utf-8")
        self.env = {
            **os.environ,
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
        }
        self.token = secrets.token_hex(16)
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = tmp / "jupyter-lab.log"
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        """Start `jupyter lab` from this interpreter's environment and wait until it answers."""
        cmd = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ServerApp.ip=127.0.0.1",
            f"--ServerApp.port={self.port}",
            "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={self.root}",
            f"--IdentityProvider.token={self.token}",
            "--LabApp.expose_app_in_browser=True",
            "--LabApp.news_url=None",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        with open(self.log, "wb") as log:
            self.proc = subprocess.Popen(
                cmd, env=self.env, cwd=self.root, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyter lab exited with code {self.proc.returncode}:\n{self.log_tail()}")
            try:
                request = urllib.request.Request(
                    f"{self.base}/api/status", headers={"Authorization": f"token {self.token}"}
                )
                with urllib.request.urlopen(request, timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"jupyter lab did not answer within {SERVER_START_S} s:\n{self.log_tail()}")

    def stop(self) -> None:
        """Stop the server and its kernels: SIGTERM, then SIGKILL to its process group."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=15)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])

    def url(self, relpath: str, workspace: str) -> str:
        """The lab URL that opens ``relpath`` (relative to the server root) in a fresh workspace."""
        return f"{self.base}/lab/workspaces/{workspace}/tree/{relpath}?token={self.token}"


def screenshot_notebook(page, path: Path, height: int | None) -> None:
    """Screenshot the whole notebook: the viewport as tall as the notebook, at most SHOT_PX;
    a longer notebook continues in path.part2.png, path.part3.png, ..."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{path.stem}.part*.png"):
        stale.unlink()
    if not height:
        page.screenshot(path=str(path))
        return
    page.set_viewport_size({"width": 1280, "height": min(height + 200, SHOT_PX)})
    page.wait_for_timeout(500)
    visible = page.evaluate("document.querySelector('.jp-WindowedPanel-outer').clientHeight")
    for k in range(math.ceil(height / visible)):
        page.evaluate(f"document.querySelector('.jp-WindowedPanel-outer').scrollTop = {k * visible}")
        page.wait_for_timeout(300)
        page.screenshot(path=str(path if k == 0 else path.with_name(f"{path.stem}.part{k + 1}.png")))


def run_in_lab(page, lab: Lab, relpath: str, screenshot: Path, title: str) -> tuple[list[str], dict]:
    """Open a notebook in the lab, run all cells, wait for the kernel; return (problems, state).

    Problems are what a user would see as broken: a kernel that does not start, an error
    output, a cell left unexecuted, no rendered figure, the Arabic ``title`` not shown in
    logical order, JupyterLab's pop-up asking about Jupyter news. A full-height screenshot is
    saved to ``screenshot`` in every case.
    """
    page.goto(lab.url(relpath, screenshot.stem))
    try:
        page.wait_for_function(
            f"() => {{ const s = ({STATE_JS})(); return s && s.kernel === 'idle'; }}", timeout=120_000
        )
        page.evaluate("""async () => {
          await window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs');
          window.jupyterapp.commands.execute('notebook:run-all-cells');
        }""")
        page.wait_for_function(DONE_JS, timeout=RUN_TIMEOUT_MS, polling=500)
    except Exception as err:  # a timeout: the state below says what was missing
        timeout = f"{type(err).__name__}: {str(err).splitlines()[0]}"
    else:
        timeout = None
    state = page.evaluate(STATE_JS) or {}
    screenshot_notebook(page, screenshot, state.get("height"))

    problems = []
    if not state:
        problems.append("no notebook panel opened")
    if timeout:
        problems.append(
            f"run did not finish (kernel {state.get('kernel')!r}, "
            f"{state.get('executed')}/{state.get('codeCells')} cells executed, "
            f"dialogs {state.get('dialogs')}): {timeout}"
        )
    problems += [f"error output: {e}" for e in state.get("errors", [])]
    problems += [f"traceback on stderr: {t[:300]}" for t in state.get("stderrTracebacks", [])]
    if state and state["executed"] < state["codeCells"]:
        problems.append(
            f"only {state['executed']} of {state['codeCells']} code cells have an execution count"
        )
    if state and not state["images"]:
        problems.append("no rendered figure (img) in the outputs")
    problems += [f"pop-up: {t}" for t in state.get("toasts", []) if "Jupyter news" in t]
    if state.get("brokenImages"):
        problems.append(f"{state['brokenImages']} image(s) failed to load")
    if state and title not in state["text"]:
        hint = (
            " (only its start is shown: display it whole, e.g. pd.set_option('display.max_colwidth', None))"
            if title[:30] in state["text"]
            else ""
        )
        problems.append(
            f"the seed article's title {title!r} is not in the rendered outputs in logical order{hint}"
        )
    return problems, state


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------
@pytest.fixture(scope="module")
def browser() -> Iterator:
    """Headless Debian Chromium driven by Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: the browser test needs Debian's Chromium. "
            "Install it with `apt-get update && apt-get install -y chromium` (.ci/run does)."
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Iterator[Lab]:
    """A running JupyterLab on a free loopback port; stopped even when a test fails."""
    server = Lab(tmp_path_factory.mktemp("lab"))
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def page(browser):
    """A fresh browser page (1280 px wide) for one test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        yield context.new_page()
    finally:
        context.close()


# --------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------
def test_there_are_notebooks_to_open():
    assert NOTEBOOKS, f"no notebooks match {paths.NOTEBOOKS}/[0-9][0-9]-*.ipynb"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=[nb.stem for nb in NOTEBOOKS])
def test_notebook_runs_in_jupyterlab(notebook: Path, lab: Lab, page):
    before = notebook.read_bytes()
    problems, state = run_in_lab(
        page, lab, f"notebooks/{notebook.name}", SCREENSHOTS / f"{notebook.stem}.png", seed_title()
    )
    assert not problems, f"{notebook.name} in JupyterLab: " + "; ".join(problems)
    assert state["kernelName"] == "Python 3 (ipykernel)"
    assert notebook.read_bytes() == before, f"{notebook} was modified on disk"


def scratch_notebook(lab: Lab, name: str, sources: list[str]) -> str:
    """Write a Python 3 notebook with these code cells into the lab's root; return its path there."""
    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}}
    )
    nb.cells = [nbformat.v4.new_code_cell(src) for src in sources]
    (lab.root / "scratch").mkdir(exist_ok=True)
    nbformat.write(nb, lab.root / "scratch" / name)
    return f"scratch/{name}"


def test_checker_reports_a_notebook_that_raises(lab: Lab, page, tmp_path):
    relpath = scratch_notebook(
        lab,
        "raises.ipynb",
        [
            "print('first cell runs')",
            "raise ValueError('deliberate failure for the browser test')",
            "print('never reached')",
        ],
    )
    problems, state = run_in_lab(page, lab, relpath, tmp_path / "raises.png", seed_title())
    assert "error output: ValueError: deliberate failure for the browser test" in problems
    assert "only 2 of 3 code cells have an execution count" in problems
    assert "no rendered figure (img) in the outputs" in problems
    assert state["executed"] == 2 and not any("run did not finish" in p for p in problems)


def test_checker_reports_reversed_arabic_and_missing_figure(lab: Lab, page, tmp_path):
    title = seed_title()
    # the title in visual order, as a reshaper + bidi pass leaves it: not what a reader should get in a page
    relpath = scratch_notebook(lab, "reversed.ipynb", [f"print({title[::-1]!r})"])
    problems, _ = run_in_lab(page, lab, relpath, tmp_path / "reversed.png", title)
    assert problems == [
        "no rendered figure (img) in the outputs",
        f"the seed article's title {title!r} is not in the rendered outputs in logical order",
    ]


def test_html_report_renders_arabic_right_to_left(page, tmp_path):
    notebook = paths.NOTEBOOKS / "00-corpus-overview.ipynb"
    run.run_notebook(notebook, tmp_path / "build", tmp_path / "reports", {"OUTPUT_DIR": str(tmp_path)})
    # offline: the report needs no CDN script
    page.route(re.compile(r"^https?://"), lambda route: route.abort())
    page.goto((tmp_path / "reports" / f"{notebook.stem}.html").as_uri())
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"report-{notebook.stem}.png"), full_page=True)
    arabic = page.evaluate(REPORT_ARABIC_JS)
    title = seed_title()
    assert any(a["text"] == title for a in arabic), f"the title {title!r} is not an element of the report"
    wrong = [a for a in arabic if a["direction"] != "rtl" or a["order"] == "ltr"]
    assert not wrong, f"Arabic text laid out left to right in the report: {wrong}"
