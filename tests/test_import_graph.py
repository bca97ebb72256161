"""The import graph follows the data: no module imports one of a later stage.

Stages, first to last (DEVELOPERS.md, "Follow the data"): articles -> nlp -> extract ->
rdf/store -> query/view/export -> cli. Shared base modules (the dataclasses, the errors, the
lexicon files) may be imported from anywhere and import only each other. Imports inside
functions count too: they are how a command defers a heavy stack, not a way round the order.
Run as a script to print the stage-to-stage arrows: ``python -m tests.test_import_graph``.
"""
from __future__ import annotations

import ast
from collections import Counter
from pathlib import Path

import kgraph

PACKAGE = Path(kgraph.__file__).parent

BASE = 0
STAGES: dict[str, int] = {
    # base: any stage may use these
    "kgraph.models": BASE, "kgraph.errors": BASE, "kgraph.deadline": BASE, "kgraph.lexicons": BASE,
    "kgraph.output_files": BASE, "kgraph.samples": BASE,
    "kgraph.articles": 1,
    "kgraph.nlp": 2, "kgraph.nlp.type_evidence": 2,
    "kgraph.extract": 3, "kgraph.extractor": 3, "kgraph.training": 3, "kgraph.evaluate": 3, "kgraph.corpus": 3,
    "kgraph.rdf": 4, "kgraph.store": 4,
    "kgraph.query": 5, "kgraph.resolve": 5, "kgraph.view": 5, "kgraph.export": 5,
    "kgraph.bench": 5, "kgraph.build": 5, "kgraph.api": 5,
    "kgraph.cli": 6, "kgraph.startup": 6, "kgraph.__main__": 6,
}
NAMES = {BASE: "base", 1: "articles", 2: "nlp", 3: "extract", 4: "rdf/store", 5: "query/view/export", 6: "cli"}


def stage_of(module: str) -> int:
    """The stage of a kgraph module: that of its longest listed prefix."""
    parts = module.split(".")
    for end in range(len(parts), 1, -1):
        prefix = ".".join(parts[:end])
        if prefix in STAGES:
            return STAGES[prefix]
    raise KeyError(f"{module}: no stage in tests/test_import_graph.py STAGES (add it, and to DEVELOPERS.md)")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> set[str]:
    """Every kgraph module ``path`` imports, at module level or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kgraph.")}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("kgraph"):
            found.add(node.module)  # type: ignore[arg-type]
    return found


def arrows() -> list[tuple[str, str]]:
    """(importer, imported) for every kgraph import inside the package, ``kgraph/__init__``'s
    lazy table aside (the public API names every stage on purpose)."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        if name == "kgraph":
            continue
        out += [(name, imported) for imported in sorted(imports(path)) if imported != "kgraph"]
    return out


def test_every_module_has_a_stage() -> None:
    for path in PACKAGE.rglob("*.py"):
        if module_name(path) != "kgraph":
            stage_of(module_name(path))


def test_no_import_runs_back_up_a_stage() -> None:
    upward = [f"{a} ({NAMES[stage_of(a)]}) imports {b} ({NAMES[stage_of(b)]})"
              for a, b in arrows() if stage_of(b) > stage_of(a)]
    assert not upward, "\n".join(upward)


def test_the_check_sees_an_upward_arrow() -> None:
    assert stage_of("kgraph.nlp.names") < stage_of("kgraph.store.local")
    assert ("kgraph.view.render", "kgraph.view.layout") in arrows()


if __name__ == "__main__":
    counts = Counter((stage_of(a), stage_of(b)) for a, b in arrows() if stage_of(a) != stage_of(b))
    for (a, b), n in sorted(counts.items(), reverse=True):
        print(f"{NAMES[a]:>18} -> {NAMES[b]:<18} {n:3d} imports")
