"""Every export format written from the same records and read back."""

import csv
import json

import pyarrow.parquet as pq
import pytest

from warlog.exporters.writers import write_records
from warlog.model import Event, Evidence

REC = Event(doc="d.md", event_type="Explosions/Remote violence", sub_event_type="Suicide bomb",
            event_date=None, date_end=None, time_precision=1, actor1="Islamic State",
            actor2="Military Forces of Syria", inter1=2, inter2=1, location="Division 17 base",
            latitude=35.9528, longitude=39.0079, geo_precision=2, country="Syria",
            fatalities=19, evidence=[Evidence("The attack began with two suicide attacks.",
                                              0, 42, 10, 52)]).as_record()
REC["event_date"] = REC["date_end"] = "2014-07-23"
NO_PLACE = dict(REC, latitude=None, longitude=None, location=None, fatalities=None)


def test_jsonl_keeps_the_scoring_contract(tmp_path):
    p = tmp_path / "e.jsonl"
    assert write_records([REC], p) == 1
    back = json.loads(p.read_text())
    for key in ("doc", "event_date", "date_end", "time_precision", "event_type",
                "sub_event_type", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2",
                "location", "latitude", "longitude", "geo_precision", "country", "fatalities",
                "evidence"):
        assert key in back
    assert back["evidence"].startswith("The attack began")
    assert back["evidence_spans"] == [{"start": 10, "end": 52,
                                       "text": "The attack began with two suicide attacks."}]


def test_csv_has_acled_columns(tmp_path):
    p = tmp_path / "e.csv"
    write_records([REC, NO_PLACE], p)
    rows = list(csv.DictReader(p.open()))
    assert rows[0]["event_date"] == "2014-07-23" and rows[0]["year"] == "2014"
    assert rows[0]["interaction"] == "12"
    assert rows[0]["disorder_type"] == "Political violence"
    assert rows[0]["fatalities"] == "19" and rows[1]["fatalities"] == ""
    assert list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]


def test_geojson_points_and_null_geometry(tmp_path):
    p = tmp_path / "e.geojson"
    write_records([REC, NO_PLACE], p)
    fc = json.loads(p.read_text())
    assert fc["type"] == "FeatureCollection"
    assert fc["features"][0]["geometry"] == {"type": "Point", "coordinates": [39.0079, 35.9528]}
    assert fc["features"][1]["geometry"] is None


def test_parquet(tmp_path):
    p = tmp_path / "e.parquet"
    write_records([REC, NO_PLACE], p)
    t = pq.read_table(p).to_pylist()
    assert t[0]["sub_event_type"] == "Suicide bomb" and t[0]["fatalities"] == 19


def test_exports_are_ordinary_files(tmp_path):
    p = tmp_path / "e.jsonl"
    write_records([REC], p)
    assert p.stat().st_mode & 0o044  # readable by others under the usual umask 022


def test_unknown_extension_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="unknown output format"):
        write_records([REC], tmp_path / "e.xlsx")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "geojson", "parquet"])
def test_the_stream_is_the_file(tmp_path, fmt):
    """`warlog export` (a file) and the web download (a stream) are one exporter."""
    from warlog.exporters.writers import stream_records

    p = tmp_path / f"e.{fmt}"
    write_records([REC, NO_PLACE], p)
    chunks = list(stream_records([REC, NO_PLACE], fmt))
    body = b"".join(c.encode("utf-8") if isinstance(c, str) else c for c in chunks)
    assert body == p.read_bytes()


def test_every_exporter_names_its_suffixes_and_media_type():
    from warlog.plugins import exporter_for, exporters

    for exp in exporters.all():
        assert exp.suffixes and all(s.startswith(".") for s in exp.suffixes)
        assert "/" in exp.media_type
        for suffix in exp.suffixes:
            assert exporter_for(f"events{suffix.upper()}") is exp
    assert exporter_for("events.xlsx") is None
