"""Shared fixtures: the seed corpus, and one headless run of every notebook per test session."""

from pathlib import Path

import pytest

from helpers import export
from helpers.corpus import load_corpus


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
    export.run_notebooks(export.notebook_paths(), jobs=2, base=base)
    return base
