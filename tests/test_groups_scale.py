"""Event-group linking that costs the same per report whatever the store's size (issue #9): a
MinHash band carried by more reports of a date window and region than ``band_reports`` is
boilerplate and brings no candidate pairs, while a copy shared by fewer still links; the limit
is part of the linker's fingerprint. Copied words link reports coded in one region only (one
country and admin1, or one report without an admin1), so the band look-up is blocked by it.
On a real SQLite file and a real PostgreSQL server (tests/pgserver.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from conftest import event_of
from warlog.ingest.reader import read_path
from warlog.store import groups
from warlog.store import schema as s
from warlog.store.database import Store

pytest_plugins = ["pgserver"]

# One sentence that names no place, copied word for word by every document; the documents code
# it at two places by turns, far apart, so the reports of one place are one event by their
# place, and only the copied words (a shared MinHash band) can tell that the two places' reports
# are one event (a group may name two places where the words tell it) -- where the two are
# coded in one region: one country and the same admin1, or one of them without an admin1.
# Reports of one admin area are all looked up by their area (its every pair is checked), so a
# band's limit matters for reports coded to the country only (COUNTRY: the place is their
# block), which only their words link.
SENTENCE = ("the fighters attacked the positions at dawn and held them until the evening, "
            "killing several people, officials said")
ONE_AREA = (("Testland", "Area 0"), ("Testland", "Area 0"))
COUNTRY: tuple[tuple[str, str | None], ...] = (("Testland", None),)


def _write_copies(store: Store, tmp_path: Path, n: int, day: str = "2023-05-10",
                  regions: tuple[tuple[str, str | None], ...] = COUNTRY,
                  places: str = "AB") -> None:
    """``n`` documents, each with one report of SENTENCE, coded at place A, B, A, B …
    (``places``) in the (country, admin1) of ``regions`` by the same turns."""
    for i in range(n):
        path = tmp_path / f"copy{i}-{day}.md"
        path.write_text(SENTENCE + "\n", encoding="utf-8")
        doc = read_path(path)[0]
        country, admin1 = regions[i % len(regions)]
        k = i % len(places)
        fields = {
            "event_date": day, "date_end": day, "time_precision": 1, "event_type": "Battles",
            "sub_event_type": "Armed clash", "actor1": "Unidentified Armed Group",
            "actor2": None, "location": f"Place {places[k]}",
            "latitude": 10.0 + 5 * k, "longitude": 20.0, "geo_precision": 1,
            "country": country, "admin1": admin1,
        }
        store.write_document(doc, [event_of(doc, fields, [SENTENCE], notes=f"{day}:{i}")])


def _group_sizes(store: Store) -> list[int]:
    gm = s.group_members
    with store.read.connect() as conn:
        ids = conn.execute(select(gm.c.group_id)).scalars().all()
    sizes: dict[int, int] = {}
    for gid in ids:
        sizes[gid] = sizes.get(gid, 0) + 1
    return sorted(sizes.values())


def test_a_copy_shared_by_a_few_documents_links(store: Store, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(groups, "band_limit", lambda: 3)
    _write_copies(store, tmp_path, 3)
    store.link_groups()
    assert _group_sizes(store) == [3]
    assert store.link_groups()["pairs"] == 0  # idempotent


def test_a_band_over_the_limit_is_boilerplate(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(groups, "band_limit", lambda: 3)
    _write_copies(store, tmp_path, 4)  # four reports of one day carry every band
    _write_copies(store, tmp_path, 2, day="2023-06-20")  # another month: two carry them
    res = store.link_groups()
    # the first day: A+A and B+B by their place, not joined by the band; the other: A+B
    assert _group_sizes(store) == [2, 2, 2]
    assert res["pairs"] == 3


def test_the_limit_is_part_of_the_fingerprint(store: Store, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(groups, "band_limit", lambda: 3)
    _write_copies(store, tmp_path, 4)
    store.link_groups()
    assert _group_sizes(store) == [2, 2]
    monkeypatch.setattr(groups, "band_limit", lambda: 4)  # another limit: linked again
    assert store.link_groups()["new_reports"] == 4
    assert _group_sizes(store) == [4]


@pytest.mark.parametrize(("regions", "sizes"), [
    (ONE_AREA, [2]),  # two places of one admin area
    ((("Testland", "Area 0"), ("Testland", None)), [2]),  # one report coded to the country
    ((("Testland", None), ("Testland", None)), [2]),  # both coded to the country
    ((("Testland", "Area 0"), ("Testland", "Area 1")), [1, 1]),  # two admin areas
    ((("Testland", "Area 0"), ("Otherland", "Area 0")), [1, 1]),  # two countries
    ((("Testland", None), ("Otherland", None)), [1, 1]),
])
def test_copied_words_link_two_places_only_in_one_region(
        store: Store, tmp_path: Path, regions: tuple[tuple[str, str | None], ...],
        sizes: list[int]) -> None:
    _write_copies(store, tmp_path, 2, regions=regions)
    store.link_groups()
    assert _group_sizes(store) == sizes


def test_a_group_holds_copies_of_one_region(store: Store, tmp_path: Path) -> None:
    """A report coded to the country only is the same event as a copy in admin area 0 and
    one in admin area 1, which are not one event: a group holds every two of its reports
    one event (``GroupState.joins``), so the country's report joins one of them."""
    _write_copies(store, tmp_path, 3, places="ABC", regions=(
        ("Testland", "Area 0"), ("Testland", None), ("Testland", "Area 1")))
    assert store.link_groups()["pairs"] == 2  # A and B, B and C; A and C are not one event
    assert _group_sizes(store) == [1, 2]


def test_the_limit_counts_the_reports_of_the_region(store: Store, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """Four reports of one day carry every band, two in each country: over a limit of 3 in
    all, but 2 in each region, so Testland's two places link by their words (and Otherland's
    two reports, of one place, by their place)."""
    monkeypatch.setattr(groups, "band_limit", lambda: 3)
    _write_copies(store, tmp_path, 4, places="ABCC", regions=(
        ("Testland", None), ("Testland", None), ("Otherland", None), ("Otherland", None)))
    store.link_groups()
    assert _group_sizes(store) == [2, 2]


def test_the_limit_in_the_data_file_keeps_copies_of_a_few_dozen_documents() -> None:
    assert groups.band_limit() >= 20
