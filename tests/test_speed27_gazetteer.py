"""speed27: ``Gazetteer.country_of_name`` is memoised per text (the country reader asks it of
every capitalised n-gram that names no country, again and again). The memo must answer as
the look-up it replaces, for names, aliases, demonyms and other words, asked twice."""

from __future__ import annotations

from warlog.geo.gazetteer import Gazetteer
from warlog.geo.normalize import normalize


def test_country_of_name_memo_answers_as_the_lookup() -> None:
    gaz = Gazetteer.load()
    asks = ["Syria", "Syrian", "Malian", "syrians", "Tallow Ridge", "the", "Ostrel",
            "South Korean", "Côte d'Ivoire", "Ivorian", "", "SYRIA"]
    for _ in range(2):
        for text in asks:
            norm = normalize(text)
            want = gaz._country_names.get(norm) or gaz._demonyms.get(norm)
            assert gaz.country_of_name(text) == want, text
    assert gaz.country_of_name("Syrian") == "SY" == gaz.country_of_name("Syria")
    assert set(asks) <= set(gaz._of_name_memo)  # answered from the memo the second time
