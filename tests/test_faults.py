"""Faults that used to hang, crash, orphan or drop work (issue 17), one test per row.

Row 4 (workers die with their parent) is in ``tests/store/test_cli_crash.py``; the endpoint
rows use throwaway local servers that accept and never answer, or trickle their answer.
"""
from __future__ import annotations

import errno
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kgraph.articles import iter_articles, read_article
from kgraph.cli import app
from kgraph.errors import EndpointError, InputError, QueryError, QueryTimeoutError
from kgraph.models import Article

GOOD = "Harbor Robotics names new CEO\nBy Tom Alder\nPORTLAND, Ore. (Valley Ledger) — Harbor Robotics hired Lena Ortiz.\n"
runner = CliRunner()


def split(paths: list[Path]) -> tuple[list[Article], list[str]]:
    items = list(iter_articles(paths))
    return ([i for i in items if isinstance(i, Article)], [str(i) for i in items if isinstance(i, InputError)])


# --- 1: a FIFO among the inputs ---------------------------------------------------------------

def _read_in_thread(paths: list[Path]) -> tuple[list[Article], list[str]]:
    box: dict[str, tuple] = {}
    worker = threading.Thread(target=lambda: box.setdefault("out", split(paths)), daemon=True)
    worker.start()
    worker.join(20)
    if worker.is_alive():
        # unblock the hung open() so the thread ends, then fail
        for path in paths:
            if path.is_fifo():
                with open(path, "wb"):
                    pass
        pytest.fail("reading hung on a FIFO")
    return box["out"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_fifo_is_skipped_with_a_reason_before_it_is_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "f.txt"
    os.mkfifo(fifo)
    (tmp_path / "good.txt").write_text(GOOD)
    articles, errors = _read_in_thread([fifo, tmp_path / "good.txt"])  # named directly
    assert [a.id for a in articles] == ["good"] and errors == [f"{fifo}: not a regular file (FIFO)"]
    articles, errors = _read_in_thread([tmp_path])  # inside a folder
    assert [a.id for a in articles] == ["good"] and errors == [f"{fifo}: not a regular file (FIFO)"]


# --- 2 and 13: queries refused before a native parser sees them -------------------------------

@pytest.mark.parametrize("text", [
    "SELECT * WHERE " + "{" * 3000 + "?s ?p ?o" + "}" * 3000,
    "SELECT * WHERE { FILTER(" + "(" * 10000 + "1" + ")" * 10000 + ") }",
])
def test_deeply_nested_query_is_refused_in_one_line(text: str, tmp_path: Path) -> None:
    query = tmp_path / "deep.rq"
    query.write_text(text)
    # in a child process: before the fix Oxigraph's parser crashed the whole process (exit 139)
    code = ("import sys\nfrom kgraph.query import load_query\nfrom kgraph.errors import QueryError\n"
            f"try:\n    load_query({str(query)!r})\nexcept QueryError as e:\n    print(e); sys.exit(2)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 2, (done.returncode, done.stderr[-500:])
    assert done.stdout.strip() == f"{query}: the query nests {{ }} and ( ) more than 24 levels deep (at line 1); kgraph refuses it"


def test_update_through_query_names_the_read_only_forms(tmp_path: Path) -> None:
    query = tmp_path / "drop.rq"
    query.write_text("# title: oops\nPREFIX kg: <https://kgraph.dev/ns#>\nDROP ALL\n")
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://x.org/a> <https://x.org/p> <https://x.org/b> .\n")
    result = runner.invoke(app, ["query", str(query), "--graph", str(graph)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"kgraph: {query}: kgraph query runs read-only queries "
                                     "(SELECT, ASK, CONSTRUCT, DESCRIBE); this is an update (DROP)")


# --- 3: the store inside the input folder ------------------------------------------------------

def test_store_folders_inside_the_input_are_never_read(tmp_path: Path) -> None:
    from kgraph.store import LocalStore

    (tmp_path / "good.txt").write_text(GOOD)
    with LocalStore(tmp_path / "store") as store:  # a real kgraph store: marker, lock, RocksDB files
        store.put("https://kgraph.dev/id/article/x", "<https://x.org/a> <https://x.org/p> <https://x.org/b> .\n")
    rocks = tmp_path / "loose-db"  # an Oxigraph data folder without kgraph's marker
    rocks.mkdir()
    for name in ("CURRENT", "IDENTITY", "LOG", "OPTIONS-000007"):
        (rocks / name).write_text("MANIFEST-000005\n" if name == "CURRENT" else "rocksdb\n")
    articles, errors = split([tmp_path])
    assert [a.id for a in articles] == ["good"] and errors == []


# --- 5 and 6: unreadable entries ---------------------------------------------------------------

def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """os.scandir/os.stat raise EACCES for ``denied`` and below, as for a chmod 000 folder
    without root's override (the suite often runs as root)."""
    real_scandir, real_stat = os.scandir, os.stat

    def blocked(path: object) -> bool:
        return Path(os.fsdecode(path)) == denied or denied in Path(os.fsdecode(path)).parents

    def scandir(path: object = ".") -> object:
        if blocked(path):
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    def stat(path: object, *args: object, **kwargs: object) -> os.stat_result:
        if isinstance(path, (str, bytes, os.PathLike)) and denied in Path(os.fsdecode(path)).parents:
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.setattr(os, "stat", stat)


def test_unreadable_subfolder_is_one_line_and_siblings_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text(GOOD)
    (tmp_path / "z").mkdir()
    (tmp_path / "z" / "b.txt").write_text(GOOD.replace("Lena", "Mira"))
    _deny(monkeypatch, locked)
    articles, errors = split([tmp_path])
    assert sorted(a.id for a in articles) == ["a", "b"]
    assert errors == [f"{locked}: permission denied"]


def test_unreadable_file_named_directly_is_one_line_and_the_batch_goes_on(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    inside = locked / "story.txt"
    inside.write_text(GOOD)
    good = tmp_path / "good.txt"
    good.write_text(GOOD)
    _deny(monkeypatch, locked)
    result = runner.invoke(app, ["read", str(inside), str(good)])
    assert result.exit_code == 1, result.output  # not 2: it exists, it cannot be read
    assert f"kgraph: {inside}: permission denied" in result.stderr.splitlines()
    assert "read 1 article(s); 1 input(s) could not be read" in result.stderr


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="root reads folders whatever their mode; the monkeypatched tests cover it")
def test_unreadable_subfolder_real_permissions(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        articles, errors = split([tmp_path])
        assert [a.id for a in articles] == ["a"] and errors == [f"{locked}: permission denied"]
    finally:
        locked.chmod(0o755)


# --- 7: long articles in parts -----------------------------------------------------------------

@pytest.fixture(scope="module")
def extractor():  # type: ignore[no-untyped-def]
    from kgraph.extractor import Extractor

    return Extractor()


def test_article_over_the_pipeline_limit_is_extracted_in_parts(extractor) -> None:  # type: ignore[no-untyped-def]
    sentence = "Harbor Robotics hired Lena Ortiz as chief executive. "
    text = "Acme Corp fired Sam Reed on Monday. " + sentence * 150 + "Globex Corp hired Mira Chen as chief executive."  # one long line
    article = Article(id="long", text=text, lang="en", source="long.txt")
    nlp = extractor.nlp_for(article)
    old = nlp.max_length
    nlp.max_length = 2000  # spaCy's own limit (1,000,000 by default), smaller so the test is fast
    try:
        extraction = extractor.extract(article)
    finally:
        nlp.max_length = old
    assert len(text) > 3 * 2000
    for entity in extraction.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text  # offsets are the whole text's
    for relation in extraction.relations:
        assert relation.evidence.strip() in text[relation.start:relation.end + 1]
    names = [e.name for e in extraction.entities]
    assert len(names) == len(set(names))  # merged by canonical name across parts
    lena = next(e for e in extraction.entities if e.name == "Lena Ortiz")
    assert len(lena.mentions) == 150
    assert {e.name for e in extraction.entities} >= {"Sam Reed", "Mira Chen", "Harbor Robotics"}
    found = {(r.subject, r.relation, r.object): r.start for r in extraction.relations}
    assert found[("Acme Corp", "fired", "Sam Reed")] == 0  # first part
    assert found[("Mira Chen", "joined", "Globex Corp")] == text.index("Globex")  # last part, shifted


def test_split_parts_keeps_paragraphs_then_sentences() -> None:
    from kgraph.extractor import split_parts

    text = ("Para one is short.\n" + "A sentence here. " * 40 + "\nEnd.\n")
    spans = split_parts(text, 100)
    assert "".join(text[a:b] for a, b in spans) == text and all(b - a <= 100 for a, b in spans)
    assert spans[0] == (0, len("Para one is short.\n"))
    assert all(text[b - 1] in " \n" for _, b in spans[:-1])  # cut at boundaries, never mid-word
    assert split_parts("x" * 250, 100) == [(0, 100), (100, 200), (200, 250)]


def test_article_over_the_size_limit_is_refused_in_our_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kgraph.articles.readers.MAX_ARTICLE_CHARS", 1000)
    path = tmp_path / "huge.txt"
    path.write_text("Harbor Robotics hired Lena Ortiz. " * 100)
    articles, errors = split([path])
    assert articles == [] and errors == [f"{path}: article too long (3,400 characters; kgraph reads articles of up to 1,000)"]


# --- 8: endpoints that never answer, or trickle ------------------------------------------------

def _server(behaviour: str) -> tuple[str, socket.socket]:
    """A local server that accepts and then never answers ("silent") or sends its answer one
    byte every 0.2 s ("trickle")."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(8)

    def handle(conn: socket.socket) -> None:
        try:
            conn.recv(65536)
            if behaviour == "trickle":
                body = b'{"head": {}, "boolean": true}' + b" " * 10_000
                answer = (b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                          b"Content-Length: %d\r\n\r\n" % len(body)) + body
                for byte in answer:
                    conn.send(bytes([byte]))
                    time.sleep(0.2)
            else:
                time.sleep(120)
        except OSError:
            pass
        finally:
            conn.close()

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            threading.Thread(target=handle, args=(conn,), daemon=True).start()

    threading.Thread(target=serve, daemon=True).start()
    return f"http://127.0.0.1:{listener.getsockname()[1]}", listener


@pytest.mark.parametrize("behaviour", ["silent", "trickle"])
def test_endpoint_deadline_cannot_be_extended(behaviour: str) -> None:
    from kgraph.store.endpoint import Endpoint

    url, listener = _server(behaviour)
    box: dict[str, BaseException] = {}

    def ping() -> None:
        try:
            Endpoint(url, timeout=2, backoff=0.01).ping()
        except BaseException as error:  # noqa: BLE001 - checked below
            box["error"] = error

    try:
        worker = threading.Thread(target=ping, daemon=True)
        worker.start()
        worker.join(8)  # a trickle used to hold it for as long as the server went on
        assert not worker.is_alive(), "the request outlived its deadline"
        assert isinstance(box.get("error"), EndpointError)
        assert str(box["error"]) == f"endpoint {url}/query: no complete answer within 2 s (--timeout 2; 1 attempt)"
    finally:
        listener.close()


def test_endpoint_default_timeout_is_seconds_not_minutes() -> None:
    from kgraph.store.endpoint import DEFAULT_TIMEOUT, Endpoint

    assert DEFAULT_TIMEOUT <= 30 and Endpoint("http://127.0.0.1:1").timeout == DEFAULT_TIMEOUT


def test_cli_query_timeout_reaches_the_endpoint() -> None:
    url, listener = _server("silent")
    try:
        start = time.monotonic()
        result = runner.invoke(app, ["query", "SELECT * { ?s ?p ?o }", "--endpoint", url, "--timeout", "1"])
        assert time.monotonic() - start < 5
        assert result.exit_code == 1 and "no complete answer within 1 s" in result.stderr
        assert "Traceback" not in result.output
    finally:
        listener.close()


# --- 9: a runaway local query ------------------------------------------------------------------

CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d . ?e ?r ?f . ?g ?s ?h }"


@pytest.fixture(scope="module")
def small_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kgraph.store import LocalStore

    path = tmp_path_factory.mktemp("faults") / "store"
    triples = "".join(f"<https://x.org/{i}> <https://x.org/p> \"{i}\" .\n" for i in range(400))
    with LocalStore(path) as store:
        store.put("https://kgraph.dev/id/article/a", triples)
    return path


def test_runaway_query_is_stopped_and_the_store_released(small_store: Path) -> None:
    from kgraph.store import LocalStore

    start = time.monotonic()
    result = runner.invoke(app, ["query", CARTESIAN, "--store", str(small_store), "--timeout", "1"])
    assert time.monotonic() - start < 10
    assert result.exit_code == 3, result.output
    assert result.stderr.strip() == "kgraph: query: stopped after 1 s without an answer (--timeout 1; 0 for no limit)"
    with LocalStore(small_store, create=False):  # a writer gets the store at once
        pass


def test_run_query_timeout_raises_our_error(small_store: Path) -> None:
    from kgraph.query import parse_query, run_query
    from kgraph.store import open_dataset

    dataset = open_dataset(store=small_store)
    try:
        with pytest.raises(QueryTimeoutError):
            run_query(dataset, parse_query(CARTESIAN), timeout=0.5)
        quick = run_query(dataset, parse_query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"), timeout=30)
        assert int(next(iter(quick))[0]) == 400
    finally:
        dataset.close()


# --- 10: a typed bind that cannot be parsed ----------------------------------------------------

def test_bad_typed_bind_is_one_line_exit_2(tmp_path: Path) -> None:
    graph = tmp_path / "g.ttl"
    graph.write_text("<https://x.org/a> <https://x.org/p> <https://x.org/b> .\n")
    result = runner.invoke(app, ["query", "positions", "--bind", "person=2024-13-45", "--graph", str(graph)])
    assert result.exit_code == 2, result.output
    assert result.stderr.strip() == ("kgraph: --bind person: '2024-13-45' is not a valid date (YYYY-MM-DD); "
                                     'write "2024-13-45" in double quotes for a string')
    from kgraph.query import parse_bindings, parse_query

    q = parse_query("SELECT ?d WHERE { ?x ?p ?d }")
    with pytest.raises(QueryError):
        parse_bindings(["d=2024-02-30"], q)
    assert str(parse_bindings(['d="2024-13-45"'], q)["d"]) == "2024-13-45"


# --- 11: invalid UTF-8 -------------------------------------------------------------------------

def test_invalid_utf8_is_utf8_with_replacement_and_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "stray.txt"
    path.write_bytes(b"Budi Santoso\xff\xfe\xc3 ditunjuk sebagai CEO Nusantara Pay.\n")
    [article] = read_article(path)
    assert article.text.startswith("Budi Santoso\ufffd\ufffd\ufffd ditunjuk")
    assert article.warnings == (f"{path}: 3 bytes are not valid UTF-8 (at byte 12); replaced with U+FFFD",)
    result = runner.invoke(app, ["read", str(path)])
    assert result.exit_code == 0 and f"kgraph: warning: {path}: 3 bytes are not valid UTF-8" in result.stderr


# --- 12: a language kgraph cannot name ---------------------------------------------------------

def test_arabic_article_warns_like_vietnamese(tmp_path: Path, extractor) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "arabic.txt"
    path.write_text("أعلنت شركة التقنية الناشئة تعيين مدير تنفيذي جديد يوم الاثنين بعد استقالة المؤسس.\n")
    [article] = read_article(path)
    assert article.lang == "ar"
    warnings = extractor.extract(article).warnings
    assert any("no relation rules for language 'ar'" in w for w in warnings)


def test_emoji_only_article_warns_that_the_language_is_unknown(extractor) -> None:  # type: ignore[no-untyped-def]
    article = Article(id="emoji", text="🚀🚀🔥 🎉🎉", source="emoji.txt")
    warnings = extractor.extract(article).warnings
    assert warnings == ("emoji.txt: language not detected; read with the 'en' rules (give --lang if that is wrong)",)
