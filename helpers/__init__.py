"""Helpers for the bilingual news-framing notebooks: corpus, text, terms, framing, actors, stance,
plotting, export, run."""

__version__ = "0.1.0"
