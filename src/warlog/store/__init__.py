"""The event store and its Python API (a notebook uses it as the web app does)::

    from warlog.store import EventFilter, open_store

    with open_store("warlog.db") as store:
        page = store.events(EventFilter(country=("Syria",), q="shelling"), page_size=20)
        event = store.event(page["items"][0]["id"])
        store.review(event["id"], {"fatalities": 4}, event["version"], reviewer="ana")
        for record in store.records(EventFilter(event_type=("Battles",))):
            ...

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
