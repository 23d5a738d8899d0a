"""Extraction on a real Dask cluster into a real PostgreSQL server.

A scheduler and two worker processes (``distributed.LocalCluster(processes=True)``, each
worker under its nanny, as ``dask worker`` runs them) are started on localhost for the module;
the PostgreSQL server is ``tests/pgserver.py``'s. The documents are corpus articles and the
golden fixtures in four formats (Markdown, plain text, HTML, wikitext, JSON Lines).
"""

from __future__ import annotations

import logging
import os
import shutil
import signal
import threading
from pathlib import Path
from typing import Any

import pytest

import warlog
from warlog import pipeline
from warlog.geo import index_file
from warlog.settings import Settings
from warlog.store.database import open_store

distributed = pytest.importorskip("distributed")

pytest_plugins = ["pgserver"]

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = ("2016_Dabiq_offensive.md", "Battle_of_Kunduz_2016.html", "Battle_of_Kunduz_2016.wiki",
          "articles.jsonl")


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    for f in (FIXTURES / "corpus").iterdir():
        shutil.copyfile(f, folder / f.name)
    for name in GOLDEN:
        shutil.copyfile(FIXTURES / "golden" / name, folder / name)
    return folder


@pytest.fixture(scope="module")
def client() -> Any:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=":0", silence_logs=logging.ERROR) as cluster, \
            distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def expected(docs: Path, pg_cluster: Any) -> dict[str, Any]:
    """The single-process run (today's path: one process, row inserts) into PostgreSQL."""
    name = pg_cluster.create_database()
    try:
        url = pg_cluster.url(name)
        results = pipeline.run([docs], open_store(url), settings=Settings(workers=1))
        assert {r.status for r in results} == {"stored"}
        return stored(url)
    finally:
        pg_cluster.drop_database(name)


def stored(url: str) -> dict[str, Any]:
    from sqlalchemy import select

    from warlog.store import schema as s

    with open_store(url) as store:
        records = [{k: v for k, v in r.items() if k != "id"}
                   for r in store.iter_event_records(include_rejected=True)]
        counts = {t: store.count(t) for t in ("documents", "events", "evidence", "problems")}
        with store.read.connect() as conn:  # each document's conflict profile, as stored
            profiles = sorted(conn.execute(
                select(s.documents.c.name, s.profiles.c.profile).join(
                    s.profiles, s.profiles.c.document_id == s.documents.c.id)).all(), key=str)
    return {"records": records, "counts": counts, "profiles": profiles}


def test_the_cluster_gives_the_single_process_records(docs: Path, client: Any, pg_url: str,
                                                      expected: dict[str, Any], monkeypatch):
    """... and the same stored conflict profiles, each read once, by its worker: the client
    storing them in bulk reads no infobox again."""
    import warlog.profile as profile

    readings: list[str] = []
    real = profile._build
    monkeypatch.setattr(profile, "_build", lambda raw, fmt, meta: (readings.append(fmt),
                                                                   real(raw, fmt, meta))[1])
    profile._forget()
    seen: list[Any] = []
    results = pipeline.run([docs], open_store(pg_url), settings=Settings(workers=2),
                           cluster=client, on_file=seen.append)
    assert [r.path for r in results] == [str(p) for p in sorted(docs.iterdir())]
    assert sorted(r.path for r in seen) == sorted(r.path for r in results)
    assert {r.status for r in results} == {"stored"}
    assert sum(r.events for r in results) == expected["counts"]["events"]
    assert readings == []  # read in the workers only
    assert stored(pg_url) == expected
    assert expected["counts"]["documents"] == 10 and expected["counts"]["events"] > 50
    assert len(expected["profiles"]) == 10 and any(p for _n, p in expected["profiles"])


def test_without_a_store_the_api_returns_the_local_records(docs: Path, client: Any):
    local = warlog.extract(docs, workers=1)
    assert warlog.extract(docs, cluster=client) == local


def test_twice_and_two_at_once_the_second_adds_nothing(docs: Path, client: Any, pg_url: str,
                                                       expected: dict[str, Any]):
    address = client.scheduler.address
    runs: list[list[Any]] = []
    start = threading.Barrier(2)

    def run() -> None:  # each run its own client and store, as two `warlog extract` would
        start.wait()
        runs.append(pipeline.run([docs], open_store(pg_url), cluster=address))

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(runs) == 2
    assert stored(pg_url) == expected
    assert sum(r.events for run in runs for r in run) == expected["counts"]["events"]
    assert sum(r.documents for run in runs for r in run if r.status == "stored") <= 10
    again = warlog.extract(docs, db=pg_url, cluster=client, on_file=(seen := []).append)
    assert {r.status for r in seen} == {"unchanged"} and sum(r.events for r in seen) == 0
    assert len(again) == len(expected["records"])
    assert stored(pg_url) == expected


def test_shards_go_longest_first_and_shrink_towards_the_end(docs: Path, tmp_path: Path):
    from warlog.cluster import MIN_SHARD_BYTES, TAIL, shards

    files = [str(p) for p in sorted(docs.iterdir())]
    by_size = sorted(range(len(files)), key=lambda i: (-os.path.getsize(files[i]), i))
    groups = shards(files, workers=2)
    assert [i for g in groups for i in g] == by_size  # each file once, longest first
    assert len(groups) >= 4  # several per worker, not one shard each
    assert shards(files, workers=2, shard_bytes=10**9) == groups
    assert shards(files, workers=1, shard_bytes=1) == [[i] for i in by_size]

    # a large run: 200 files of 1 kB to 200 kB (as news and encyclopedia articles vary)
    sizes = [1_000 * (1 + (k * 37) % 200) for k in range(200)]
    many = []
    for k, n in enumerate(sizes):
        (tmp_path / f"{k:03d}.md").write_bytes(b"x" * n)
        many.append(str(tmp_path / f"{k:03d}.md"))
    for workers in (1, 2, 8):
        groups = shards(many, workers, shard_bytes=1_000_000)
        assert sorted(i for g in groups for i in g) == list(range(200))
        assert [i for g in groups for i in g] == sorted(range(200), key=lambda i: -sizes[i])
        left = sum(sizes)
        for g in groups:  # never more than its share of what is left (or one file alone)
            size = sum(sizes[i] for i in g)
            assert len(g) == 1 or size <= max(MIN_SHARD_BYTES, left // (TAIL * workers))
            left -= size
        tail = [sum(sizes[i] for i in g) for g in groups[-2 * workers:]]
        assert max(tail) <= MIN_SHARD_BYTES  # the end of the run: small shards


def test_a_worker_lacking_the_gazetteer_index_receives_it(client: Any, tmp_path: Path):
    from warlog.cluster import WarlogWorker

    built = index_file.ensure(Settings())
    assert built is not None
    empty = Settings(cache_dir=tmp_path / "cache")
    assert not any(client.run(index_file.has, empty, built.name).values())
    client.register_plugin(WarlogWorker(empty, index_file.pack(built)), name="index-test")
    try:
        assert all(client.run(index_file.has, empty, built.name).values())
        # the statistical profiler is off on a warlog worker (its task thread only waits)
        assert not any(client.run(lambda dask_worker: dask_worker.periodic_callbacks[
            "profile"].is_running()).values())
        assert (tmp_path / "cache" / built.name).read_bytes() == built.read_bytes()
    finally:
        client.unregister_worker_plugin("index-test")


def test_the_next_run_keeps_each_workers_loaded_child(client: Any):
    """A run registers its plugin again; the worker keeps its extraction child (loaded with
    the gazetteer and the model) rather than starting and loading a new one."""
    from warlog.cluster import PLUGIN, WarlogWorker

    def child_pid() -> int | None:  # on a worker (a nested function travels by value)
        from warlog import cluster

        return None if cluster._child is None else cluster._child.proc.pid

    def children() -> dict[str, Any]:
        return client.run(child_pid)

    client.register_plugin(WarlogWorker(Settings()), name=PLUGIN)
    before = children()
    assert len(before) == 2 and all(before.values())
    client.register_plugin(WarlogWorker(Settings()), name=PLUGIN)
    assert children() == before


def test_a_worker_killed_mid_run_its_shard_runs_elsewhere(docs: Path, client: Any, pg_url: str,
                                                          expected: dict[str, Any],
                                                          monkeypatch: pytest.MonkeyPatch):
    from warlog import cluster

    # one shard per file, so that shards are still running or waiting when the first comes
    # back: with size-aware shards this small folder is two shards, one per worker, and both
    # could be done by the time the first result reaches the client (no worker left to kill)
    monkeypatch.setattr(cluster, "shards", lambda paths, *_a, **_k: [[i] for i in
                                                                     range(len(paths))])
    pids = client.run(os.getpid)
    killed: list[str] = []

    def kill_a_busy_worker(_result: Any) -> None:
        if killed:
            return
        busy = [w for w, keys in client.processing().items() if keys and w in pids]
        if busy:
            killed.append(busy[0])
            os.kill(pids[busy[0]], signal.SIGKILL)

    results = pipeline.run([docs], open_store(pg_url), cluster=client,
                           on_file=kill_a_busy_worker)
    assert killed, "no worker was busy when the first file came back"
    assert {r.status for r in results} == {"stored"}, [r.message for r in results]
    assert stored(pg_url) == expected  # every document once, every event once


def test_a_runaway_file_on_a_worker_is_stopped_and_its_shard_goes_on(docs: Path, client: Any,
                                                                   tmp_path: Path):
    """The per-file budget holds on a Dask worker: a file that would take twenty budgets is
    stopped with the local run's one-line reason, and the shard's next file is extracted."""
    from warlog.cluster import extract_shard, unpack

    slow = tmp_path / "runaway.md"
    # twenty thousand different reports: about 20 CPU s on a fast machine (the corpus
    # articles around it take well under 3 s each, their first-file loading included)
    slow.write_text("\n\n".join(
        f"On {d % 28 + 1} May {1990 + d % 30} rebels attacked an army checkpoint near Aleppo; "
        f"{d} soldiers were killed." for d in range(20_000)), encoding="utf-8")
    good = sorted(str(p) for p in docs.iterdir() if p.suffix == ".md")[:2]
    settings = Settings(file_timeout=10, file_seconds_per_mb=0)
    shard = [good[0], str(slow), good[1]]
    out = unpack(client.submit(extract_shard, shard, frozenset(), settings,
                               pure=False).result())
    assert [o.path for o in out] == shard
    assert out[1].error == "took longer than 10 s: stopped" and not out[1].docs
    assert out[1].cpu == out[1].seconds == 10
    for o in (out[0], out[2]):
        assert o.error is None and o.docs and sum(len(e) for _d, e in o.docs) > 0


# ----------------------------------------------------------------------------- fsspec URLs
def _without_paths(records: list[dict[str, Any]], *roots: str) -> list[dict[str, Any]]:
    return [{k: v for k, v in r.items()
             if not (isinstance(v, str) and any(root in v for root in roots))} for r in records]


def test_extract_reads_a_memory_url_folder_through_fsspec(docs: Path, tmp_path: Path):
    """``warlog extract memory://…`` (any fsspec URL): the folder's files, hidden ones
    skipped, give the records of the same files read from disk; the stored path is the URL."""
    import fsspec
    from sqlalchemy import select
    from typer.testing import CliRunner

    from warlog.cli import app
    from warlog.store import schema as s

    fs = fsspec.filesystem("memory")
    names = sorted(p.name for p in docs.iterdir() if p.suffix == ".md")[:2]
    for name in names:
        fs.pipe(f"/warlog-test/docs/{name}", (docs / name).read_bytes())
    fs.pipe("/warlog-test/docs/.hidden.md", b"# not a document")
    url = "memory://warlog-test/docs"
    try:
        db = tmp_path / "url.db"
        res = CliRunner().invoke(app, ["extract", url, "--db", str(db), "--workers", "1",
                                       "--quiet"])
        assert res.exit_code == 0, res.output
        with open_store(db) as store, store.read.connect() as conn:
            rows = set(conn.execute(select(s.documents.c.name, s.documents.c.path)).all())
        assert rows == {(n, f"memory:///warlog-test/docs/{n}") for n in names}
        local = warlog.extract([docs / n for n in names], workers=1)
        remote = warlog.extract([url], workers=1)
        assert remote and _without_paths(remote, url, "memory:") == _without_paths(
            local, str(docs))
    finally:
        fs.rm("/warlog-test", recursive=True)


def test_the_cluster_reads_file_urls_through_fsspec(docs: Path, client: Any):
    """Workers read a URL themselves (here ``file://``, which every local worker can read)."""
    names = sorted(str(p) for p in docs.iterdir() if p.suffix == ".md")[:2]
    urls = [f"file://{n}" for n in names]
    remote = warlog.extract(urls, cluster=client)
    local = warlog.extract(names, workers=1)
    assert remote and _without_paths(remote, "file://") == _without_paths(local, str(docs))
