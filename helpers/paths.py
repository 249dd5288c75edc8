"""Where the project's folders are, resolved from this file (never from the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
NOTEBOOKS = ROOT / "notebooks"
BUILD = ROOT / "build"
RESOURCES = Path(__file__).resolve().parent / "resources"
