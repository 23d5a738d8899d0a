"""The one taxonomy (``data/taxonomy.yaml``): what it holds, and a sub-event type added in a
data folder alone typed by the extractor, stored, exported and served."""

from __future__ import annotations

import csv
import shutil
from importlib import resources
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from warlog.cli import app
from warlog.settings import Settings, using
from warlog.taxonomy import TaxonomyError, build, disorder_type, taxonomy

KUNDUZ = Path(__file__).parent / "fixtures" / "corpus" / "Battle_of_Kunduz_(2016).md"
NEW_TYPE, NEW_SUB, NEW_DISORDER = "Force posture", "Troop reinforcement", "Strategic developments"


def _packaged(name: str) -> str:
    return resources.files("warlog").joinpath("data", name).read_text(encoding="utf-8")


def test_the_acled_taxonomy_in_display_order() -> None:
    tax = taxonomy()
    assert list(tax.event_types) == ["Battles", "Explosions/Remote violence",
                                     "Violence against civilians", "Protests", "Riots",
                                     "Strategic developments"]
    assert len(tax.sub_event_types) == 25
    assert tax.type_of("Air/drone strike") == "Explosions/Remote violence"
    assert disorder_type("Riots") == "Political violence; Demonstrations"
    assert disorder_type("Not a type") is None
    assert [t for t in tax.event_types if tax.two_sided(t)] == [
        "Battles", "Explosions/Remote violence", "Violence against civilians"]


def test_roles_name_the_types_code_asks_about() -> None:
    tax = taxonomy()
    assert tax.role("clash") == "Armed clash"
    assert tax.role("civilian_target") == "Attack"
    assert tax.territory("state") == "Government regains territory"
    assert tax.territory("non_state") == "Non-state actor overtakes territory"
    assert tax.is_territorial("Government regains territory")
    assert not tax.is_territorial("Armed clash")
    assert tax.opens_capture("Explosions/Remote violence") and not tax.opens_capture("Battles")


def test_precedence_puts_the_specific_violent_type_first() -> None:
    tax = taxonomy()
    assert tax.rank("Suicide bomb") < tax.rank("Attack") < tax.rank("Armed clash")
    # listed in no precedence: after every listed type, and an unknown name after all
    assert tax.rank("Protest with intervention") == 24
    assert tax.rank("nothing like it") == 25


def test_every_trigger_names_a_type_of_the_taxonomy() -> None:
    subs = {e["sub"] for e in yaml.safe_load(_packaged("triggers.yaml"))["triggers"]}
    assert subs <= set(taxonomy().sub_event_types)


def test_an_inconsistent_taxonomy_is_refused_with_its_reason() -> None:
    data = yaml.safe_load(_packaged("taxonomy.yaml"))
    data["precedence"].append("Typo bomb")
    with pytest.raises(TaxonomyError, match="Typo bomb"):
        build(data)
    data = yaml.safe_load(_packaged("taxonomy.yaml"))
    data["event_types"]["Battles"]["sub_event_types"]["Armed clash"] = {}
    with pytest.raises(TaxonomyError, match="clash"):
        build(data)


def test_a_trigger_for_an_unlisted_type_is_a_clear_error(tmp_path: Path) -> None:
    from warlog.events.lexicon import lexicon

    trig = _packaged("triggers.yaml").replace(
        "triggers:\n", "triggers:\n  - sub: Unlisted type\n    words: [flown in]\n", 1)
    (tmp_path / "triggers.yaml").write_text(trig, encoding="utf-8")
    with using(Settings(data_dir=tmp_path)), pytest.raises(TaxonomyError, match="Unlisted type"):
        lexicon()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder adding one event type with one sub-event type, and its trigger word
    ("flown in", which the packaged data gives to Change to group/activity at strength 2:
    the stronger entry takes the phrase)."""
    d = tmp_path / "data"
    d.mkdir()
    tax = yaml.safe_load(_packaged("taxonomy.yaml"))
    tax["event_types"][NEW_TYPE] = {"disorder": NEW_DISORDER,
                                    "sub_event_types": {NEW_SUB: {}}}
    (d / "taxonomy.yaml").write_text(yaml.safe_dump(tax, sort_keys=False), encoding="utf-8")
    trig = _packaged("triggers.yaml").replace(
        "triggers:\n", f"triggers:\n  - sub: {NEW_SUB}\n    strength: 3\n    words: [flown in]\n",
        1)
    (d / "triggers.yaml").write_text(trig, encoding="utf-8")
    return d


def test_a_new_sub_event_type_in_data_alone_is_typed_stored_exported_and_served(
        data_dir: Path, tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from warlog.web.app import create_app

    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(KUNDUZ, docs)
    db, out = tmp_path / "w.db", tmp_path / "events.csv"
    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(docs), "--db", str(db), "--quiet", "--workers",
                              "1", "--data-dir", str(data_dir)])
    assert res.exit_code == 0, res.output
    res = runner.invoke(app, ["export", str(out), "--db", str(db), "--data-dir", str(data_dir)])
    assert res.exit_code == 0, res.output

    # typed and exported: "Afghanistan special forces were flown in from Kabul …"
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    new = [r for r in rows if r["sub_event_type"] == NEW_SUB]
    assert len(new) == 1
    assert new[0]["event_type"] == NEW_TYPE and new[0]["disorder_type"] == NEW_DISORDER
    assert new[0]["actor1"] == "Military Forces of Afghanistan"
    assert new[0]["event_date"] == "2016-10-03"
    assert "flown in from Kabul" in new[0]["evidence"]
    # the built-in types are still typed beside it
    assert {"Armed clash", "Government regains territory"} <= {r["sub_event_type"] for r in rows}

    # served: the web app's taxonomy and events, under the same data folder
    with using(Settings(data_dir=data_dir)), TestClient(create_app(str(db))) as client:
        facets = client.get("/api/facets").json()
        assert facets["taxonomy"][NEW_TYPE] == [NEW_SUB]
        assert list(facets["taxonomy"])[-1] == NEW_TYPE  # after ACLED's six, in file order
        page = client.get("/api/events", params={"sub_event_type": NEW_SUB}).json()
        assert [e["sub_event_type"] for e in page["items"]] == [NEW_SUB]
        assert page["items"][0]["event_type"] == NEW_TYPE

    # the packaged taxonomy is back once the data folder is no longer active
    assert NEW_SUB not in taxonomy().sub_event_types
