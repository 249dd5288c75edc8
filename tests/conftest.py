"""Shared fixtures: the seed corpus, and one headless run of every notebook per test session.

Marker ``notebooks`` (what `make unit` leaves out): every test that uses ``notebook_run`` gets it
here; tests that run notebooks themselves carry it in their module or on the test.
"""

from pathlib import Path

import pytest

from helpers import run
from helpers.corpus import load_corpus


def pytest_collection_modifyitems(items):
    for item in items:
        if "notebook_run" in getattr(item, "fixturenames", ()):
            item.add_marker("notebooks")


@pytest.fixture(scope="session")
def seed_corpus():
    """The project's corpus as loaded by helpers.corpus.load_corpus()."""
    return load_corpus()


@pytest.fixture(scope="session")
def notebook_run(tmp_path_factory) -> Path:
    """Execute every notebook once, in fresh kernels, into a temporary output folder.

    Returns the folder, which holds figures/, tables/, build/notebooks/ and reports/
    exactly as `make figures` writes them into the project root. A notebook that
    raises fails every test that uses this fixture.
    """
    base = tmp_path_factory.mktemp("notebook_run")
    run.run_notebooks(run.notebook_paths(), jobs=2, base=base)
    return base
