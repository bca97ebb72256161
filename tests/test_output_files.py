"""One output file written, or one clear error naming it."""
from __future__ import annotations

import doctest

import pytest

import kgraph.output_files
from kgraph.errors import OutputError
from kgraph.output_files import write_output


def test_docstring_examples() -> None:
    result = doctest.testmod(kgraph.output_files, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


def test_an_unwritable_path_names_the_file_and_what_it_holds(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(OutputError, match=r"file/view.html: cannot write the view \("):
        write_output(blocker / "view.html", "<html>", what="the view")
