"""Benchmarks (run with python -m benchmarks.NAME); not part of the test suite."""
