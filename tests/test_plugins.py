"""Extension points: a third-party distribution adds a reader, an exporter and a geocoder
through entry points, and the real ``warlog`` command uses them.

The distribution is written into a temporary folder as an installed package looks on disk (a
module plus ``<name>-0.1.dist-info/`` with ``METADATA`` and ``entry_points.txt``) and put on
``PYTHONPATH`` of a ``warlog`` subprocess: nothing in warlog is edited or configured.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from warlog import plugins
from warlog.geo.gazetteer import Gazetteer
from warlog.geo.protocol import Geocoder
from warlog.ingest.reader import read_text
from warlog.plugins import Exporter, Reader

PLUGIN = textwrap.dedent('''
    """A made-up "field dispatch" format, a TSV export and a geocoder that knows nothing."""

    from warlog.ingest.builder import TextBuilder
    from warlog.plugins import Exporter, Reader

    MAGIC = "WARLOG-DISPATCH/1"


    def is_dispatch(text):
        return text.startswith(MAGIC + "\\n")


    def read_dispatch(raw, name):
        """Line 1 the magic, line 2 ``title: …``, then paragraphs; offsets point into raw."""
        b = TextBuilder(raw)
        title_end = raw.index("\\n", len(MAGIC) + 1)
        title = raw[len(MAGIC) + 1:title_end].split(":", 1)[1].strip()
        pos = title_end + 1
        for para in raw[pos:].split("\\n\\n"):
            if para.strip():
                b.copy(pos, pos + len(para))
                b.paragraph(pos + len(para))
            pos += len(para) + 2
        return b.build(meta={"title": title})


    READER = Reader("dispatch", sniffs=((5, is_dispatch),), read=read_dispatch)

    COLUMNS = ("doc", "event_date", "sub_event_type", "location", "fatalities")


    def stream_tsv(records):
        yield "\\t".join(COLUMNS) + "\\n"
        for rec in records:
            yield "\\t".join("" if rec.get(c) is None else str(rec[c]) for c in COLUMNS) + "\\n"


    EXPORTER = Exporter("tsv", (".tsv",), "text/tab-separated-values", stream_tsv)


    class NoPlaces:
        """A geocoder that knows no place and no country."""

        def matches(self, name, country_code=None, skeleton=True):
            return []

        def lookup(self, name, country_code=None):
            return []

        def region(self, name, country_code=None):
            return None

        def country(self, code_or_name):
            return None

        def country_of_name(self, text):
            return None

        def country_name_code(self, text):
            return None

        def is_demonym(self, text):
            return False

        def country_place(self, code):
            return None

        def neighbours_of(self, codes):
            return frozenset()
''')

ENTRY_POINTS = textwrap.dedent('''
    [warlog.readers]
    dispatch = dispatch_plugin:READER

    [warlog.exporters]
    tsv = dispatch_plugin:EXPORTER

    [warlog.geocoders]
    noplaces = dispatch_plugin:NoPlaces
''')

# written for this test (not from any corpus): two incidents, two sentences
DISPATCH = (
    "WARLOG-DISPATCH/1\n"
    "title: Field dispatch 7\n"
    "\n"
    "On 12 March 2016, a suicide bomber killed 12 people at a checkpoint in Kunduz, "
    "Afghanistan.\n"
    "\n"
    "On 14 March 2016, Taliban fighters attacked a police post near Kunduz, killing three "
    "policemen.\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A folder holding the installed-looking plugin distribution."""
    root = tmp_path_factory.mktemp("site")
    (root / "dispatch_plugin.py").write_text(PLUGIN, encoding="utf-8")
    info = root / "dispatch_plugin-0.1.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: dispatch-plugin\nVersion: 0.1\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(ENTRY_POINTS, encoding="utf-8")
    return root


def _warlog(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(
        [str(site), *filter(None, [os.environ.get("PYTHONPATH")])]))
    return subprocess.run([sys.executable, "-m", "warlog.cli", *args], env=env,
                          capture_output=True, text=True, timeout=600)


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def test_a_plugin_reader_and_exporter_work_through_the_cli(site, tmp_path):
    src = tmp_path / "dispatch-7.txt"
    src.write_text(DISPATCH, encoding="utf-8")
    db = tmp_path / "w.db"
    out = tmp_path / "events.tsv"

    res = _warlog(site, "extract", str(src), "--db", str(db), "--out", str(out), "-q")
    assert res.returncode == 0, res.stderr
    assert f"wrote 2 events to {out}" in res.stderr

    rows = _tsv(out)
    assert [(r["sub_event_type"], r["event_date"], r["fatalities"]) for r in rows] == [
        ("Suicide bomb", "2016-03-12", "12"), ("Armed clash", "2016-03-14", "3")]
    assert all(r["doc"] == "dispatch-7.txt" and "Kunduz" in r["location"] for r in rows)

    # the plugin's reader read it (not the plain-text fallback): its format and title are stored
    with sqlite3.connect(db) as conn:
        fmt, meta = conn.execute("SELECT format, meta FROM documents").fetchone()
    assert fmt == "dispatch" and "Field dispatch 7" in meta

    # `warlog export` writes through the same exporter
    again = tmp_path / "again.tsv"
    res = _warlog(site, "export", str(again), "--db", str(db))
    assert res.returncode == 0, res.stderr
    assert again.read_text(encoding="utf-8") == out.read_text(encoding="utf-8")


def test_a_plugin_geocoder_is_chosen_by_the_settings(site, tmp_path):
    src = tmp_path / "dispatch-7.txt"
    src.write_text(DISPATCH, encoding="utf-8")
    out = tmp_path / "events.jsonl"
    res = _warlog(site, "extract", str(src), "--db", str(tmp_path / "w.db"), "--out", str(out),
                  "--geocoder", "noplaces", "-q")
    assert res.returncode == 0, res.stderr
    import json

    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 2
    # a geocoder that knows no place: the events keep their types but have no coordinates
    assert {r["sub_event_type"] for r in records} == {"Suicide bomb", "Armed clash"}
    assert all(r["latitude"] is None and r["longitude"] is None for r in records)


def test_an_unknown_plugin_name_is_a_clear_error(tmp_path):
    with pytest.raises(LookupError, match="no warlog.geocoders plugin named 'nowhere'"):
        plugins.geocoders.get("nowhere")


def test_built_ins_without_package_metadata(monkeypatch):
    """From a source tree that was never installed there are no entry points: the built-ins
    still load, and in the order that reproduces the old format decision."""
    monkeypatch.setattr(plugins, "entry_points", lambda group: [])
    readers = plugins.Registry(plugins.READERS, Reader)
    exporters = plugins.Registry(plugins.EXPORTERS, Exporter)
    assert readers.names() == ["jsonl", "json", "html", "wikitext", "markdown", "plaintext"]
    assert sorted(exporters.names()) == ["csv", "geojson", "jsonl", "parquet"]
    assert exporters.get("csv").suffixes == (".csv",)


def test_markdown_is_sniffed_at_two_priorities():
    """Front matter beats wikitext signs; ATX headings do not (the built-in cascade)."""
    links = "[[Aleppo]] and [[Idlib]] and [[Homs]] with '''bold''' and {{cite}}"
    front = f"---\ntitle: A\n---\n\n{links}\n"
    headed = f"# A\n\n{links}\n"
    assert plugins.sniff_reader(front).name == "markdown"
    assert plugins.sniff_reader(headed).name == "wikitext"
    assert read_text("Just a sentence about nothing.", "n.txt")[0].format == "plaintext"


def test_the_gazetteer_is_a_geocoder():
    assert issubclass(Gazetteer, Geocoder)
    assert plugins.geocoders.get("geonames") == Gazetteer.load


def test_a_broken_entry_point_is_named(monkeypatch):
    class Broken:
        name, value, dist = "broken", "no_such_module_here:READER", None

    monkeypatch.setattr(plugins, "entry_points", lambda group: [Broken()])
    with pytest.raises(ImportError, match="warlog.readers entry point 'broken'"):
        plugins.Registry(plugins.READERS, Reader).names()
