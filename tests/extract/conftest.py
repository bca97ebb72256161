"""Fixtures of the extraction tests (see conftest_extract.py)."""
from conftest_extract import extract_file, extractor  # noqa: F401
