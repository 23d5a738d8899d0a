"""Events use the conflict profile (warlog.profile.sides): the infobox's belligerents name the
generic actors of a document ("the militants", "government forces") when the profile has one
belligerent of the right kind, its date span bounds the narrative clock, its place votes for
the document's country. Documents are corpus files copied into tests/fixtures."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from warlog.events.extract import extract_events
from warlog.ingest.reader import read_path
from warlog.profile import profile_of
from warlog.profile.sides import ProfileSides

FIX = Path(__file__).parent / "fixtures"
D = date.fromisoformat


def sides_of(path: Path) -> ProfileSides:
    sides = ProfileSides.from_profile(profile_of(read_path(path)[0]))
    assert sides is not None, path
    return sides


def test_one_belligerent_of_the_kind_names_the_generic_class() -> None:
    kunduz = sides_of(FIX / "golden" / "Battle_of_Kunduz_2016.wiki")  # Afghanistan | Taliban
    assert kunduz.actor_for("insurgent") == "Taliban"
    assert kunduz.actor_for("militant") == "Taliban"
    assert kunduz.actor_for("rebel") is None  # "rebels" are not jihadists (profile.yaml)
    assert kunduz.actor_for("state") == "Military Forces of Afghanistan"  # place: Afghanistan
    assert kunduz.actor_for("militia") is None  # no militia among the belligerents
    boulikessi = sides_of(FIX / "corpus" / "battle_of_boulikessi.md")  # front-matter infobox
    assert boulikessi.actor_for("jihadist") == boulikessi.actor_for("militant") == "JNIM"


def test_two_of_the_kind_on_one_side_leave_the_choice_to_the_text() -> None:
    # Idlib 2014: al-Nusra, the FSA, the Islamic Front, Liwaa al-Umma and two names the
    # dictionary does not know on the rebel side
    idlib = sides_of(FIX / "corpus" / "2014_idlib_offensive.md")
    assert idlib.actor_for("rebel") is None
    assert idlib.actor_for("militant") is None  # al-Nusra is one of several on its side
    assert idlib.actor_for("state", "Syria") == "Military Forces of Syria"
    # Eastern Syria 2014: ISIL against the Syrian state, the NDF and the Syriac Military
    # Council (two militias on one side)
    seed = sides_of(FIX / "corpus" / "000_ab17bddbe8309b0d.txt")
    assert seed.actor_for("militant") == "Islamic State"
    assert seed.actor_for("militia") is None


def test_a_name_the_dictionary_does_not_know_could_be_the_rebels() -> None:
    # northern al-Bab, September 2016: "Turkey Syrian Opposition" (one tags line, no known
    # actor) against the Islamic State: "the militants" may be either
    al_bab = sides_of(FIX / "profile" / "northern_al-bab_offensive_september_2016.md")
    assert al_bab.actor_for("militant") is None and al_bab.actor_for("rebel") is None


def test_state_phrases_take_only_the_conflicts_own_state_forces() -> None:
    # Ayn Issa 2020–2021 (Syria): Turkey and the Syrian National Army on one side. "Government
    # forces" in it are Syria's: a foreign state belligerent never stands for them
    ayn_issa = sides_of(FIX / "profile" / "ayn_issa_clashes_2020_2021.md")
    assert ayn_issa.country == "Syria"
    assert ayn_issa.actor_for("state", "Syria") is None
    assert ayn_issa.actor_for("rebel") == "Free Syrian Army"  # the SNA, ACLED's FSA


def test_the_profile_span_covers_the_events_of_the_offensive_only() -> None:
    seed = sides_of(FIX / "corpus" / "000_ab17bddbe8309b0d.txt")  # 23 July – 28 August 2014
    assert seed.span == (D("2014-07-23"), D("2014-08-28"))
    assert seed.covers(D("2014-08-07"), D("2014-08-08"))
    assert not seed.covers(D("2013-11-25"))  # "On 25 November 2013, they had shot down…"
    assert not seed.covers(D("2014-08-27"), D("2014-09-14"))
    assert not seed.covers(None)


def _events(path: Path, monkeypatch=None) -> list:
    if monkeypatch is not None:  # the same document read as if it had no infobox
        import warlog.events.extract as extract

        monkeypatch.setattr(extract, "profile_of", lambda doc: None)
    return extract_events(read_path(path)[0])


def test_militants_of_the_lead_are_the_profiles_group(monkeypatch) -> None:
    # the MINUSMA super camp attack's lead (wikitext, infobox: MINUSMA … | JNIM): "militants
    # attacked the MINUSMA base" names no group; the infobox does
    path = FIX / "profile" / "minusma_super_camp_attack_lead.wiki"
    (ev,) = _events(path)
    assert (ev.actor1, ev.actor2, str(ev.event_date)) == ("JNIM", "United Nations", "2018-04-14")
    (before,) = _events(path, monkeypatch)
    assert before.actor1 == "Unidentified Armed Group (Mali)"  # what the text alone says


def test_an_event_outside_the_span_keeps_the_texts_reading() -> None:
    from warlog.events.arguments import ArgumentContext

    doc = read_path(FIX / "profile" / "minusma_super_camp_attack_lead.wiki")[0]
    ctx = ArgumentContext.for_document(doc, profile=profile_of(doc))
    start = doc.text.index("On 14 April")
    found = ctx.actor_ctx.mentions(doc.text[start:], start)
    (militants,) = [m for m in found if m.text == "militants"]
    assert ctx.actor_ctx.profile_side(militants, D("2018-04-14")).name == "JNIM"
    assert ctx.actor_ctx.profile_side(militants, D("2018-04-02")) is militants  # a week before


def test_rebels_of_several_groups_are_left_to_the_text(monkeypatch) -> None:
    # Idlib 2014: "the rebels" are one of several opposition groups of the infobox
    path = FIX / "corpus" / "2014_idlib_offensive.md"
    with_profile = [e.as_record() for e in _events(path)]
    assert with_profile == [e.as_record() for e in _events(path, monkeypatch)]
    assert any(r["actor1"] == "Free Syrian Army" and "rebels" in str(r["evidence"])
               for r in with_profile)


@pytest.mark.parametrize("workers", [1, 2])
def test_the_profile_is_read_once_for_the_events_and_the_store(tmp_path, monkeypatch,
                                                               workers: int) -> None:
    import warlog.profile as profile
    from warlog.chronology import find_document
    from warlog.pipeline import run
    from warlog.store.database import open_store

    calls: list[str] = []
    real = profile._build

    def counted(raw, fmt, meta):
        calls.append(fmt)
        return real(raw, fmt, meta)

    monkeypatch.setattr(profile, "_build", counted)
    profile._forget()
    files = [FIX / "profile" / n for n in ("minusma_super_camp_attack_lead.wiki",
                                           "minusma_super_camp_attack.wiki",
                                           "madagiz_offensive.html", "madagiz_offensive.md")]
    store = open_store(tmp_path / "w.db")
    try:
        results = run(files, store, workers=workers)
        assert [r.status for r in results] == ["stored"] * 4
        # one reading per document: in this process, or in a worker (none here then)
        assert len(calls) == (4 if workers == 1 else 0)
        monkeypatch.setattr(profile, "_build", real)
        for r in results:
            doc = read_path(Path(r.path))[0]
            found = store.profile(find_document(store, r.doc_names[0])["id"])
            assert found == profile.profile_dict(doc.raw, doc.format, doc.meta)
    finally:
        store.close()
