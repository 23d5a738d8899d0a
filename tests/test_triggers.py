"""Triggers, clauses and typing on sentences from the corpus."""

from datetime import date

from warlog.events.classify import primary_trigger, sub_event_type, victims_are_civilian
from warlog.events.clauses import split_clauses
from warlog.events.triggers import find_triggers
from warlog.model import ActorMention, ResolvedDate


def subs(sentence: str) -> list[str]:
    return [t.sub for t in find_triggers(sentence)]


def test_longest_phrase_wins_and_whole_words_only():
    s = "During the night of 25 July, a suicide car-bomb was detonated at the Panorama checkpoint"
    found = find_triggers(s)
    assert found[0].text == "suicide car-bomb"
    assert primary_trigger(found).sub == "Suicide bomb"
    assert subs("The reshelling of files") == []  # no match inside a word


def test_planned_and_hypothetical_actions_are_not_events():
    assert subs("ISIL was preparing to attack the Tabqa air base") == []
    assert subs("the rebels threatened to capture the town") == []
    assert subs("The army would recapture the city") == []
    assert subs("In May, troops attacked the base") == ["Armed clash"]


def test_the_specific_violent_type_wins():
    s = "The attack began with two suicide attacks."
    assert primary_trigger(find_triggers(s)).sub == "Suicide bomb"
    s = "ISIL forces retreated from the Kwayres air base due to heavy shelling"
    assert primary_trigger(find_triggers(s)).sub == "Shelling/artillery/missile attack"


def test_clauses_keep_their_own_triggers():
    s = ("On 8 April, rebels detonated two suicide cars at the Khazanat fueling base east of Khan "
         "Shaykhun, followed by clashes and three days later reportedly took an Army checkpoint "
         "at the crossroads of the Heish, but Syrian Army units took it back the next day.")
    i = s.index("three days later")
    later = ResolvedDate(i, i + 16, "three days later", date(2014, 4, 11), date(2014, 4, 11), 1)
    clauses = split_clauses(s, find_triggers(s), [later])
    assert [primary_trigger(c.triggers).sub for c in clauses] == [
        "Suicide bomb", "Armed clash", "Non-state actor overtakes territory",
        "Government regains territory"]
    assert s[clauses[1].start:clauses[1].end].strip() == "followed by clashes and"


def test_a_clause_without_trigger_joins_the_one_before():
    s = "ISIL itself shelled Al Hasakah with mortars, leaving three people dead."
    clauses = split_clauses(s, find_triggers(s))
    assert len(clauses) == 1 and clauses[0].end == len(s)


def _typed(sentence: str, actor1: ActorMention | None, country: str = "Syria") -> str:
    t = primary_trigger(find_triggers(sentence))
    return sub_event_type(t, sentence, t.end, actor1, country, victims_are_civilian(sentence))


SYRIA = ActorMention(0, 0, "", "Military Forces of Syria", 1, "Syria")
ISIS = ActorMention(0, 0, "", "Islamic State", 2, None)


def test_captures_are_typed_by_who_took_the_place():
    assert _typed("the military recaptured the Penitentiary center", SYRIA) == (
        "Government regains territory")
    assert _typed("ISIL took control of Division 17", ISIS) == (
        "Non-state actor overtakes territory")
    assert _typed("the SDF successfully reclaimed all lost positions", ISIS) == (
        "Non-state actor overtakes territory")


def test_partial_captures_are_fighting_and_seized_weapons_are_looting():
    assert _typed("ISIL managed to capture large parts of Artillery Regiment 121 base", ISIS) == (
        "Armed clash")
    assert _typed("YPG units seized weaponry from the SAA in Hasakah city", ISIS) == (
        "Looting/property destruction")


def test_names_of_units_and_battles_are_not_triggers():
    assert subs("ISIL captured large parts of Artillery Regiment 121 base") == [
        "Non-state actor overtakes territory"]
    assert subs("It happened during the Battle of Kunduz.") == []
    assert subs("Artillery shelled the town.") == ["Shelling/artillery/missile attack"] * 2


def test_killing_of_civilians_is_violence_against_civilians():
    assert _typed("militants killed five civilians in the village", ISIS) == "Attack"
    assert _typed("clashes killed three YPG fighters", ISIS) == "Armed clash"


def test_phrases_that_hold_a_trigger_word_but_report_nothing():
    # "took place" is not a capture (the lead sentence itself is dropped by the extractor)
    assert subs("The battle of Boulikessi took place on October 30 and 31, 2020.") == [
        "Armed clash"]
    assert subs("Some of the executed Syrian soldiers were paraded in Raqqa") == []
    assert subs("two Mi-24 attack helicopters flew over the town") == []


def test_background_and_responsibility_are_not_new_events():
    assert subs("The emir was responsible for several recent bombings in the town.") == []
    assert subs("Russian forces executed a coordinated withdrawal of equipment") == [
        "Attack", "Non-violent transfer of territory"]  # typing drops the first (see below)
    s = "Russian forces executed a coordinated withdrawal of equipment"
    t = find_triggers(s)[0]
    assert sub_event_type(t, s, t.end, None, "Syria", False) is None


def test_exercises_outrank_the_jets_taking_part():
    s = "A coalition military exercise involving fighter jets took place at the base"
    assert primary_trigger(find_triggers(s)).sub == "Change to group/activity"


def test_conditions_are_not_reports():
    s = 'rebel groups declared the truce to be "null and void" if clashes continued'
    assert "Armed clash" not in subs(s)


def test_future_and_condemnation_are_not_reports():
    assert subs("Ukraine announced it would soon launch an offensive in the Kherson region") == []
    assert subs("the Association condemned the assaults against Syrian Kurds") == []


def test_suppositions_about_a_capture_are_not_reports():
    s = "The capture of Stalingrad would make the delivery of supplies more difficult"
    assert subs(s) == []
    assert subs("Russian forces captured the fishing port.") == [
        "Non-state actor overtakes territory"]


def test_a_trigger_word_added_in_a_data_folder_types_its_clause(tmp_path):
    """docs/extending.md, "add a trigger": a copy of triggers.yaml in a data folder with one
    more word is read instead of the packaged file while its settings are active."""
    from importlib import resources

    from warlog.settings import Settings, using

    sentence = "Afghan commandos were helicoptered in from Kabul to assist in securing the city."
    packaged = resources.files("warlog").joinpath("data", "triggers.yaml").read_text("utf-8")
    (tmp_path / "triggers.yaml").write_text(packaged.replace(
        "triggers:\n",
        "triggers:\n  - sub: Change to group/activity\n    strength: 2\n"
        "    words: [helicoptered in]\n", 1), encoding="utf-8")
    assert primary_trigger(find_triggers(sentence)).text == "securing"
    with using(Settings(data_dir=tmp_path)):
        best = primary_trigger(find_triggers(sentence))
        assert (best.text, best.sub) == ("helicoptered in", "Change to group/activity")
    assert primary_trigger(find_triggers(sentence)).text == "securing"
