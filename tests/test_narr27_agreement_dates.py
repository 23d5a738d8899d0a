"""An Agreement is dated by the day it was agreed, not the day it came into effect (narr27).

GUIDELINES: Agreement = ceasefires, peace deals; the event is the agreeing. A sentence that
tells a truce by the day it came into effect and the agreeing in an aside after it ("A ceasefire
came into effect on 10 July, a day after both sides agreed to it") is dated by the aside's day;
forms that give the agreeing day first were dated by it already (guards). Made-up war in Chad.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import extract_titled

TEXT = (
    "The conflict began in 2029. On 3 May 2029, rebels captured the town of Abéché after "
    "heavy fighting.\n\n"
    "A ceasefire came into effect on 10 July, a day after both sides agreed to it.\n\n"
    "On 2 September 2029, the government and the rebels agreed to a truce that came into "
    "force on 4 September.\n\n"
    "A peace agreement signed on 20 October came into effect on 22 October.\n"
)


@pytest.fixture(scope="module")
def deals(tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    recs = extract_titled(Path(tmp_path_factory.mktemp("deals")), TEXT,
                          "Eastern Chad conflict (2029)")
    return [r for r in recs if r["sub_event_type"] == "Agreement"]


def _days(deals: list[dict], words: str) -> set[str]:
    return {r["event_date"] for r in deals if words in r["evidence"]}


def test_the_agreeing_in_an_aside_dates_the_truce(deals: list[dict]) -> None:
    assert _days(deals, "a day after both sides agreed") == {"2029-07-09"}


def test_an_agreeing_day_told_first_stays(deals: list[dict]) -> None:
    assert _days(deals, "agreed to a truce that came into force") == {"2029-09-02"}
    assert _days(deals, "signed on 20 October") == {"2029-10-20"}
