"""The event store and its Python API (a notebook uses it as the web app does)::

    from warlog.store import EventFilter, open_store

    with open_store("warlog.db") as store:
        battles = EventFilter(event_type=("Battles",), country=("Syria",))
        page = store.events(battles, sort="event_date", page_size=20)  # + "total"
        event = store.event(page["items"][0]["id"])  # evidence, audit, siblings
        store.review(event["id"], {"fatalities": 4}, event["version"], reviewer="ana")
        history = store.audit_log(event["id"])  # newest first
        per_month = store.timeline(battles, bucket="month")
        records = list(store.records(battles))  # streamed, as the exports read them

A stale ``version`` raises :class:`Conflict` (with the event as it now stands), a bad value
:class:`Invalid`. The example is run by ``tests/test_store_api.py``.

Modules: :mod:`~warlog.store.engine` (the one engine factory), :mod:`~warlog.store.schema`,
:mod:`~warlog.store.database` (:class:`Store`, writing), :mod:`~warlog.store.filters`,
:mod:`~warlog.store.queries` (reads), :mod:`~warlog.store.records` (streamed export records),
:mod:`~warlog.store.review` (edits, states, merges), :mod:`~warlog.store.audit` (the audit
log), :mod:`~warlog.store.search` (full-text index), :mod:`~warlog.store.places` (place
search), :mod:`~warlog.store.cache` (aggregate answers).
"""

from warlog.store.database import Store, WriteResult, open_store
from warlog.store.filters import EventFilter
from warlog.store.review import Conflict, Invalid, NotFound, ReviewError

__all__ = [
    "Conflict",
    "EventFilter",
    "Invalid",
    "NotFound",
    "ReviewError",
    "Store",
    "WriteResult",
    "open_store",
]
