"""How many people a sentence reports killed, following ACLED's counting rules.

:func:`count_fatalities` reads one sentence (or clause) that reports an event and answers
``killed`` (``None`` when no count is tied to a death), with ``wounded`` and ``captured`` kept
apart, the range of conflicting figures, and the spans of the numbers it used.

It reads in four steps over one shared tokenisation (:mod:`.tokens`; no parser: the whole
corpus must go through in seconds), each a module that can be tested on its own:

0. *Numbers* (:mod:`.numbers`, :mod:`.quantities`): "at least 20", "twenty-one", "20 to 30",
   "dozens", with dates, names and measures left out.
1. *Counted phrases* (:mod:`.phrases`): a count with the noun phrase it counts.
2. *Groups* (:mod:`.groups`): phrases joined by "and" add up; "including …" is a subset.
3. *Roles* (:mod:`.roles`): killed, wounded, captured, missing or mixed.
4. *Totals* (:mod:`.totals`): ACLED's rules, lowest of conflicting figures, sums, zero.

Domain vocabulary is in ``data/casualties.yaml``; the language's own words (numbers, months,
function words, ranks) in ``lang/<language>/``.
"""

from warlog.casualties.count import Fatalities, count_fatalities
from warlog.casualties.numbers import parse_number
from warlog.casualties.quantities import Quantity, find_quantities

__all__ = ["Fatalities", "Quantity", "count_fatalities", "find_quantities", "parse_number"]
