"""A side driven out of a place, told in the passive with no agent ("the militants were pushed
out of the town"): the subject is the side that lost the place, the one that took it is its foe
named earlier in the item (extraction.yaml passive_patient words). News items written for the
tests, each run through the whole extractor."""

from __future__ import annotations

from conftest import extract_one


def _records(tmp_path, text: str, date: str) -> list[dict]:
    return extract_one(tmp_path, text, date)


def test_militants_pushed_out_lost_the_town(tmp_path):
    text = ("MOSUL, Iraq (Reuters) - Iraqi troops fought Islamic State militants near Tikrit on "
            "Tuesday. The militants were pushed out of the town of Al-Alam on Wednesday, "
            "officials said.")
    (rec,) = [r for r in _records(tmp_path, text, "2015-03-05") if r["location"] == "Al-Alam"]
    assert rec["sub_event_type"] == "Government regains territory"
    assert (rec["actor1"], rec["actor2"]) == ("Military Forces of Iraq", "Islamic State")


def test_troops_driven_out_lost_the_town(tmp_path):
    text = ("BAKU (Reuter) - Armenian forces attacked Azerbaijani positions near Agdam. "
            "Azerbaijani troops were driven out of the town on Tuesday, a spokesman said.")
    recs = [r for r in _records(tmp_path, text, "1993-06-30") if "territory" in r["sub_event_type"]]
    assert recs and all(r["actor1"] == "Military Forces of Armenia" for r in recs)
    assert all(r["actor2"] == "Military Forces of Azerbaijan" for r in recs)


def test_an_agent_after_by_still_took_it(tmp_path):
    text = ("ALEPPO (AFP) - Government troops were driven out of the Ramouseh district by rebel "
            "fighters on Saturday, a monitor said.")
    recs = [r for r in _records(tmp_path, text, "2016-08-10") if "territory" in r["sub_event_type"]]
    assert recs and recs[0]["actor1"] == "Free Syrian Army"
    assert recs[0]["actor2"] == "Military Forces of Syria"
