"""Event groups: the reports of one real event from different documents, linked after every
extraction by ACLED's one-event rule (:mod:`warlog.store.group_rule`).

:func:`link` is incremental and idempotent:

1. A member row whose report is gone, rejected or edited since (its version changed) marks its
   group *dirty*: the group's rows are removed and its reports linked again below.
2. Every report without a member row gets one (its :class:`~warlog.store.group_rule.LinkKey`),
   as a group of its own, *pending*.
3. Set-based SQL joins find the pairs of a pending report and any report of another document
   that satisfy the rule, blocked by date (``day_start`` within ``max_span_days`` before the
   report and no later than its end) and by place (``block``: country and admin1; the place
   name) or by what the evidence tells (a name one report's evidence names that is the
   other's place; a shared MinHash band, ``group_terms``): an index range per report, so the
   cost grows with the number of reports, not its square.
4. The pairs, with reviewers' joins, are unioned (a new report may join two groups into one):
   first the pairs whose place is coded the same, then those whose place the evidence tells;
   the groups that changed get their one record (:func:`group_record.representative`).

Nothing else is recomputed, and a second run finds nothing pending and changes nothing.
Reviewers' splits and joins (:func:`split`, :func:`join`) are pins keyed by document name and
event key, audited like other review edits, and applied again on every run, so they survive
``extract --force`` and new versions of a document.
"""

from __future__ import annotations

from operator import attrgetter
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    Table,
    and_,
    case,
    delete,
    exists,
    func,
    insert,
    inspect,
    literal,
    null,
    or_,
    select,
    text,
    true,
    update,
)
from sqlalchemy.engine import Connection
from sqlalchemy.schema import CreateTable

from warlog.data import load_yaml
from warlog.store import audit
from warlog.store import schema as s
from warlog.store.batches import CHUNK, chunks
from warlog.store.group_evidence import evidence_bands, evidence_terms
from warlog.store.group_record import representative
from warlog.store.group_rule import (
    CHANGE,
    MEMBER_FIELDS,
    OWNED,
    SOLE,
    SQL,
    change_mate,
    change_slot,
    country_slot,
    fingerprint,
    link_key,
    pair_rank,
    place_coded,
    rules,
    same_event,
    slot_mate,
    sole_term,
    type_coded,
)
from warlog.store.group_stale import drop_stale, mark_dirty, new_reports
from warlog.store.group_union import union

gm, groups_t, pins, ev, doc = (s.group_members, s.event_groups, s.group_pins, s.events,
                               s.documents)
moves_t, meta, terms_t = s.group_moves, s.meta_info, s.group_terms
_KEY_FIELDS = MEMBER_FIELDS
_KEY_COLUMNS = (
    "id", "document_id", "version", "event_date", "date_end", "time_precision", "event_type",
    "sub_event_type", "actor1", "actor2", "location", "latitude", "longitude", "geo_precision",
    "country", "admin1",
)


def band_limit() -> int:
    """How many reports of a report's date window may carry a MinHash band before it is
    boilerplate and brings no candidate pairs (``group_index.yaml``)."""
    return int(load_yaml("group_index.yaml")["band_reports"])


LINKER_VERSION = 3  # 2: term rows carry day_hi; 3: band rows carry their region


def _fingerprint() -> str:
    """The rule's fingerprint, the linker's version and its lookup limit."""
    return f"{fingerprint()}:{LINKER_VERSION}:{band_limit()}"


def link(engine: Engine) -> dict[str, int]:
    """Link the reports stored since the last run into groups; what changed, counted."""
    with engine.begin() as conn:
        cache = _big_cache(conn)
        _ensure_current(conn)
        dirty = drop_stale(conn)
        linked = _linked_before(conn)
        added = _add_members(conn)
        analyzed = False
        if added and conn.dialect.name == "postgresql":
            # The pair queries' long conditions are not worth JIT-compiling (seconds of
            # compiling for milliseconds of work).
            conn.execute(text("SET LOCAL jit = off"))
            if added * INCREMENTAL_SHARE <= linked:
                # A few new reports in a large store: the joins as designed, an index range
                # per new report (the planner's hash joins read every member and term row:
                # 125k + 1,000 reports, the pair queries 5.0 -> 2.0 s); the statistics still
                # hold (few rows pending), so no ANALYZE (2-3 s at 125k).
                for method in ("hashjoin", "mergejoin", "seqscan"):
                    conn.execute(text(f"SET LOCAL enable_{method} = off"))
            else:
                # The statistics of the rows this transaction wrote (it sees them): with stale
                # ones the planner reads "pending = 0" as rare and probes its index once per
                # new report, and the pair queries go quadratic.
                conn.execute(text(f"ANALYZE {gm.name}"))
                conn.execute(text(f"ANALYZE {terms_t.name}"))
                analyzed = True
        pairs, pinned = _pending_pairs(conn), _pinned_pairs(conn)
        changed = union(conn, pairs, pinned)
        touched = changed  # a report alone is its own record (rep=1 from the start)
        _write_groups(conn, touched)
        conn.execute(update(gm).where(gm.c.pending == 1).values(pending=0))
        if analyzed:
            # and again now that none is pending: statistics of every row pending would stay
            # until autovacuum's next analyse, and the next incremental link's name-in-evidence
            # queries would start from every name of the term table instead of the few new
            # reports (at 1 M reports about 40 CPU s per 1,000 new ones)
            conn.execute(text(f"ANALYZE {gm.name}"))
        if cache is not None:
            conn.exec_driver_sql(f"PRAGMA cache_size={cache}")
    return {"relinked_groups": len(dirty), "new_reports": added, "pairs": len(pairs),
            "groups_written": len(touched)}


INCREMENTAL_SHARE = 10  # new reports at most a tenth of the linked ones: an incremental link


def _linked_before(conn: Connection) -> float:
    """About how many member rows the store held at the last link (PostgreSQL's statistics,
    read in constant time; 0 where unknown or on another database)."""
    if conn.dialect.name != "postgresql":
        return 0.0
    rows = conn.execute(text("SELECT reltuples FROM pg_class WHERE relname = :t"),
                        {"t": gm.name}).scalar()
    return max(float(rows or 0), 0.0)


def _big_cache(conn: Connection) -> int | None:
    """On SQLite, a page cache of ``sqlite_cache_mb`` for this transaction (the term index is
    written and probed at random places: with the default 2 MB most probes are reads from the
    operating system); the connection's own size, to set back after."""
    if conn.dialect.name != "sqlite":
        return None
    before = int(conn.exec_driver_sql("PRAGMA cache_size").scalar_one())
    kb = int(load_yaml("group_index.yaml")["sqlite_cache_mb"]) * 1024
    conn.exec_driver_sql(f"PRAGMA cache_size=-{kb}")
    return before


def _ensure_current(conn: Connection) -> None:
    """Member rows hold what the rule compares: a store linked by an older rule (another
    ``grouping.yaml``, a key column added since) gets the missing columns and indexes and is
    linked again from scratch. Rows are deleted, not the tables dropped, so what other parts
    keep on them (the PostgreSQL count triggers) stays; reviewers' pins are kept."""
    terms_t.create(conn, checkfirst=True)
    for table in (gm, terms_t):
        have = {c["name"] for c in inspect(conn).get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:
                kind = col.type.compile(dialect=conn.dialect)
                conn.execute(text(f'ALTER TABLE {table.name} ADD COLUMN "{col.name}" {kind}'))
    # the term indexes before the band look-up was blocked by region (dropped first, so a
    # store linked again from scratch deletes its rows from one index, not two)
    for old in ("ix_group_terms_term_day", "ix_group_terms_term_cover"):
        conn.execute(text(f"DROP INDEX IF EXISTS {old}"))
    key = "grouping_rule"
    stored = conn.execute(select(meta.c.value).where(meta.c.key == key)).scalar()
    if stored != _fingerprint():
        conn.execute(delete(gm))
        conn.execute(delete(terms_t))
        conn.execute(delete(groups_t))
        if stored is None:
            conn.execute(insert(meta).values(key=key, value=_fingerprint()))
        else:
            conn.execute(update(meta).where(meta.c.key == key).values(value=_fingerprint()))
    for table in (gm, terms_t):  # after the rows are gone: a new index is built on none
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _evidence_texts(conn: Connection, ids: list[int]) -> dict[int, str]:
    out: dict[int, list[str]] = {}
    q = (select(s.evidence.c.event_id, s.evidence.c.text).where(s.evidence.c.event_id.in_(ids))
         .order_by(s.evidence.c.event_id, s.evidence.c.position))
    for event_id, text_ in conn.execute(q):
        out.setdefault(event_id, []).append(text_)
    return {k: " ".join(v) for k, v in out.items()}


def _split_keys(conn: Connection) -> set[tuple[str, str]]:
    rows = conn.execute(select(pins.c.doc_name, pins.c.event_key).where(pins.c.action == "split"))
    return {(r.doc_name, r.event_key) for r in rows}


def _add_members(conn: Connection) -> int:
    """A member row, pending, for every report that has none. On SQLite, into an empty member
    table (a link from scratch) the rows are written without the secondary indexes of the
    member and term rows, which are built after, each by one sort: kept up row by row, the
    term index (a band is a hash: every insert at a random place) outgrows the page cache, and
    each insert reads a page from the operating system. (Not on PostgreSQL: a dropped index
    locks the table against readers until the link commits.)"""
    fresh = (conn.dialect.name == "sqlite"
             and conn.execute(select(gm.c.event_id).limit(1)).first() is None)
    if fresh:
        for table in (gm, terms_t):
            for index in table.indexes:
                conn.execute(text(f"DROP INDEX IF EXISTS {index.name}"))
    n = _write_members(conn)
    _write_document_terms(conn)
    if fresh:
        for table in (gm, terms_t):
            for index in table.indexes:
                index.create(conn, checkfirst=True)
    return n


def _write_members(conn: Connection) -> int:
    r = rules()
    alone = _split_keys(conn)
    source, page = new_reports(conn)  # the reports stored, changed or relinked since
    q = (
        select(*(ev.c[k] for k in _KEY_COLUMNS), ev.c.event_key, doc.c.name)
        .select_from(source)
        .where(
            ev.c.review_state.notin_(r.excluded_states),
            ~exists().where(gm.c.event_id == ev.c.id),
        )
    )
    n, last = 0, 0
    while True:  # by id ranges: a million new reports are never all in memory
        batch = conn.execute(q.where(page > last).order_by(page).limit(CHUNK)).mappings().all()
        if not batch:
            return n
        last = batch[-1]["id"]
        texts = _evidence_texts(conn, [row["id"] for row in batch])
        ordered = [texts.get(row["id"], "") for row in batch]
        bands = evidence_bands(ordered, r)
        values, term_rows = [], []
        for row, text_, row_bands in zip(batch, ordered, bands, strict=True):
            lk = link_key(row, r, evidence_terms(text_, row_bands, r))
            values.append((*_key_values(lk), lk.event_id, row["version"], 1, 1,
                           int((row["name"], row["event_key"]) in alone)))
            region, head = _band_region(lk), (lk.event_id,)
            tail = (lk.day_start, lk.day_hi)
            term_rows.extend((*head, kind, term, *tail, *(region if kind == "b" else _NO_REGION))
                             for kind, term in sorted(lk.terms))
        _bulk_insert(conn, gm, _MEMBER_COLUMNS, values)
        _bulk_insert(conn, terms_t, _TERM_COLUMNS, term_rows)
        n += len(values)


def _write_document_terms(conn: Connection) -> None:
    """The ``u`` term of each pending report that is the only report of its document with its
    country, sub-event type and two parties on its day, coded to the country alone
    (``group_rule._one_country_event``): read from the document's member rows, written after
    them all (a document's reports may be written in two batches). A name row's region (no
    country, no admin1). The document's reports are found by the events' (document, key)
    index, each member row by its key. Likewise the ``c`` term of each pending change of
    hands that is its document's only one of its place within ``max_span_days``
    (``group_rule._one_change``)."""
    a, c, e = gm.alias("a"), gm.alias("c"), ev.alias("e")
    other = (exists().where(e.c.document_id == a.c.document_id, e.c.id != a.c.event_id,
                            c.c.event_id == e.c.id, slot_mate(c.c, a.c, SQL))
             .correlate_except(e, c))
    conn.execute(terms_t.insert().from_select(
        ["event_id", "kind", "term", "day_start", "day_hi", "country", "admin1"],
        select(a.c.event_id, literal(SOLE),
               sole_term(a.c.country, a.c.sub_event_type, a.c.actor_lo, a.c.actor_hi),
               a.c.day_start, a.c.day_hi, null(), null())
        .where(a.c.pending == 1, country_slot(a.c, SQL), ~other)))
    # the "c" term of a pending change of hands that is its document's only one of its place
    # within max_span_days (group_rule._one_change)
    mate = (exists().where(e.c.document_id == a.c.document_id, e.c.id != a.c.event_id,
                           c.c.event_id == e.c.id, change_mate(c.c, a.c))
            .correlate_except(e, c))
    conn.execute(terms_t.insert().from_select(
        ["event_id", "kind", "term", "day_start", "day_hi", "country", "admin1"],
        select(a.c.event_id, literal(CHANGE), a.c.place, a.c.day_start, a.c.day_hi, null(),
               null())
        .where(a.c.pending == 1, change_slot(a.c, SQL), ~mate)))


# the columns of the rows _write_members writes, in the order of its tuples (tuples, not a
# dict per row: a link from scratch writes about twenty term rows per report)
_key_values = attrgetter(*_KEY_FIELDS)
_MEMBER_COLUMNS = (*_KEY_FIELDS, "group_id", "version", "pending", "rep", "alone")
_TERM_COLUMNS = ("event_id", "kind", "term", "day_start", "day_hi", "country", "admin1")
_NO_REGION = (None, None)


def _band_region(lk: Any) -> tuple[str | None, str | None]:
    """A band row's region (``group_terms.country``, ``admin1``): the report's country and
    admin1, '' for a report coded to the country only; none for a report without a country
    (copied words link it to no other report, :func:`group_rule._one_region`)."""
    if not lk.country:
        return _NO_REGION
    return lk.country, lk.admin1 or ""


def _bulk_insert(conn: Connection, table: Any, cols: tuple[str, ...],
                 rows: list[tuple[Any, ...]]) -> None:
    """Insert many rows (tuples of the values of ``cols``) through the driver: SQLite's
    executemany, PostgreSQL's COPY (SQLAlchemy's executemany builds a parameter dict per row,
    which cost more than the linking's joins); another driver through SQLAlchemy."""
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in cols)
    raw = conn.connection.dbapi_connection
    if conn.dialect.name == "sqlite" and raw is not None:
        cur = raw.cursor()
        cur.executemany(f'INSERT INTO {table.name} ({names}) VALUES '
                        f'({", ".join("?" * len(cols))})', rows)
        cur.close()
    elif conn.dialect.driver == "psycopg" and raw is not None:
        with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        for batch in chunks(rows, 20000):
            conn.execute(insert(table), [dict(zip(cols, x, strict=True)) for x in batch])


def _pending_pairs(conn: Connection) -> list[tuple[int, ...]]:
    """(mixed, days apart, place, type, compatible, told, report, report, group, group) of
    every pending report and a report of another document that the rule says is the same
    event, unsorted (the union sorts them best first, :func:`group_rule.pair_rank` with the
    copied rank it counts from the reports' terms; days apart: of the starts plus of the
    ends; ``told``: 1 when their place is the same only as their evidence tells it,
    :func:`group_rule.place_told`; ``compatible``: 1 when their types are only compatible,
    not :func:`group_rule.type_coded`). Set-based
    joins, each an index range per report (so the cost grows with the number of reports),
    blocked by date and by place: by admin area (``block``: the same admin1, where points
    within ``place_km`` and a region and the places inside it are found), by place name (the
    same village wherever two gazetteer lookups put it), by a name one report's evidence names
    that is the other's place (either way round), by such a name spelled another way (the
    consonant skeleton of a report's place against those of the names a report coded to a
    region or to no place names, either way round) and by a shared MinHash band."""
    a, b = gm.alias("a"), gm.alias("b")
    ta, tb = terms_t.alias("ta"), terms_t.alias("tb")
    span = rules().max_span_days

    def days(c: Any, back: int = span) -> Any:
        return and_(c.day_start >= a.c.day_start - back, c.day_start <= a.c.day_hi)

    def owned(mine: str, theirs: str, term: Any) -> Any:
        return (a.join(ta, and_(ta.c.event_id == a.c.event_id, ta.c.kind == mine))
                .join(tb, and_(tb.c.kind == theirs, tb.c.term == term, tb.c.country.is_(None),
                               tb.c.admin1.is_(None), days(tb.c)))
                .join(b, b.c.event_id == tb.c.event_id))

    # a place named without its owner's adjective ("o" terms, group_rule.owned_place, marked:
    # a look-up of them reads no name rows) and the names ("n") of the other report's words.
    # The few pending reports with such a place look up every report's names (either pending
    # or linked: not only those of a higher id); a pending report's names look up the places
    # of linked reports only (none in a link from scratch, which then skips the look-up and
    # its probe per name of every report)
    owned_out = owned("o", "n", func.substr(ta.c.term, len(OWNED) + 1))
    owned_in = owned("n", "o", literal(OWNED) + ta.c.term)
    linked = conn.execute(select(gm.c.event_id).where(gm.c.pending == 0).limit(1)).first()
    # a pending report that is its document's sole one of a country's day (a "u" term, few):
    # without one, the look-up by that term (and its compiling) is skipped
    sole = conn.execute(select(gm.c.event_id).where(gm.c.pending == 1, exists().where(
        terms_t.c.event_id == gm.c.event_id, terms_t.c.kind == SOLE)).limit(1)).first()

    joins = (
        a.join(b, and_(b.c.block == a.c.block, days(b.c))),
        a.join(b, and_(b.c.place == a.c.place, days(b.c))),
        # a name row has no region: (term, NULL, NULL, day) of the term index
        a.join(tb, and_(tb.c.kind.in_(("n", "d")), tb.c.term == a.c.place, tb.c.country.is_(None),
                        tb.c.admin1.is_(None), days(tb.c)))
        .join(b, b.c.event_id == tb.c.event_id),
        a.join(ta, and_(ta.c.event_id == a.c.event_id, ta.c.kind.in_(("n", "d"))))
        .join(b, and_(b.c.place == ta.c.term, days(b.c))),
        # a place named in another spelling by a report coded to a region or to no place
        # (group_rule.spelled_terms: "p" of the place, "s" of the other's names; no region)
        *(a.join(ta, and_(ta.c.event_id == a.c.event_id, ta.c.kind == mine))
          .join(tb, and_(tb.c.kind == theirs, tb.c.term == ta.c.term, tb.c.country.is_(None),
                         tb.c.admin1.is_(None), days(tb.c)))
          .join(b, b.c.event_id == tb.c.event_id) for mine, theirs in (("p", "s"), ("s", "p"))),
        owned_out,
        *((owned_in,) if linked else ()),
        # two country-only reports, each its document's sole one of a day, type and parties
        # (group_rule._one_country_event: one "u" term; with no location, they have no block)
        *((a.join(ta, and_(ta.c.event_id == a.c.event_id, ta.c.kind == SOLE))
           .join(tb, and_(tb.c.kind == SOLE, tb.c.term == ta.c.term, tb.c.country.is_(None),
                          tb.c.admin1.is_(None), days(tb.c)))
           .join(b, b.c.event_id == tb.c.event_id),) if sole else ()),
        None,  # the pairs that share a MinHash band (filled when it is their turn)
    )
    found: set[tuple[int, ...]] = set()
    told = case((place_coded(a.c, b.c, SQL), 0), else_=1)
    compatible = case((type_coded(a.c, b.c, SQL), 0), else_=1)
    gap = func.abs(a.c.day_start - b.c.day_start) + func.abs(a.c.day_end - b.c.day_end)
    mixed, _copied, place, type_ = pair_rank(a.c, b.c, SQL)  # copied: counted by the union
    for joined in joins:
        if joined is None:
            pairs = _band_candidates(conn)
            joined = (pairs.join(a, a.c.event_id == pairs.c.x)
                      .join(b, b.c.event_id == pairs.c.y))
        # the copied rank is not selected: the union counts it for every pair from the two
        # reports' terms (the band look-up finds copies only in one region and below the
        # boilerplate limit, but a pair that another look-up finds, two admin areas linked by
        # a name or by their points, ranks as copied wherever its words are a copy)
        q = (
            select(mixed, gap, place, type_, compatible, told, a.c.event_id, b.c.event_id,
                   a.c.group_id, b.c.group_id)
            .distinct()
            .select_from(joined)
            .where(
                a.c.pending == 1,
                a.c.alone == 0,
                b.c.alone == 0,
                b.c.document_id != a.c.document_id,
                # "+ 0": not an index condition, so PostgreSQL cannot OR the pending index
                # with a primary-key range "event_id > a.event_id" (half the table per report)
                true() if joined is owned_out
                else b.c.pending + 0 == 0 if joined is owned_in
                else or_(b.c.pending + 0 == 0, b.c.event_id > a.c.event_id),
                same_event(a.c, b.c, SQL),
            )
        )
        found.update(tuple(row) for row in conn.execute(q) if row[-1] != row[-2])
    if conn.dialect.name != "postgresql":
        # SQLite keeps a temporary table's rows past the commit (PostgreSQL empties them): the
        # millions of a link from scratch are removed by it, not by the next, incremental link
        for table in (_BAND_PROBE, _BAND_PAIRS):
            conn.exec_driver_sql(f"DELETE FROM {table.name}")
    return list(found)  # sorted by the union, with the copied rank


# The band lookup's temporary tables (one linking transaction's rows): the pending reports'
# bands, in term order, each with the region it is looked up in (admin1 NULL: the whole
# country), and the pairs of reports that share one of them.
_BAND_PROBE = Table("group_band_probe", MetaData(), Column("term", s.text_type()),
                    Column("country", s.text_type()), Column("admin1", s.text_type()),
                    Column("lo", Integer), Column("hi", Integer), Column("event_id", Integer),
                    prefixes=["TEMPORARY"])
_BAND_PAIRS = Table("group_band_pairs", MetaData(),
                    Column("x", Integer, primary_key=True, autoincrement=False),
                    Column("y", Integer, primary_key=True, autoincrement=False),
                    prefixes=["TEMPORARY"], sqlite_with_rowid=False)


def _band_candidates(conn: Connection) -> Any:
    """Fill ``group_band_pairs`` with (pending report, report) of every two reports that share
    a MinHash band that is not boilerplate, and return it (to be joined with both reports'
    member rows and checked against the rule).

    Blocked by region, as the rule is (copied words tell one place only within one country and
    admin1, or where one report has no admin1: ``group_rule._one_region``): a report's band is
    looked up among the reports of its country without an admin1; a report without an admin1
    looks it up in its whole country; a report without a country looks up nothing. The
    reports of its own country and admin1 are not looked up: the admin-area join
    (``block``, a wider date window) already checks every pair of them against the rule, and
    the copied rank is counted for every pair the rule keeps. Each look-up is an index range
    of (term, country, '', day), or of (term, country) for a whole country. A country where
    every report has an admin1 has no rows (term, country, '') to find: its reports with an
    admin1 look up nothing (the countries that have reports without one are read first, from
    a partial index of those reports).

    A copied sentence dates its event as the copy does: a band is looked up within the
    report's own date tolerance, not the whole date block; and only a band carried by at most
    ``band_reports`` reports of that window in the region looked up (a boilerplate band is
    shared by a share of every report of the window, which holds ever more reports as the
    store grows). Whether a band is rare is told by reading at most band_reports + 1 of its
    index entries.

    The pending reports' bands are first written out sorted by band (``group_band_probe``), so
    the look-ups walk the term index in its own order, each next to the last, instead of one
    random probe of an index that outgrows every cache per band of every report; the index
    covers the look-ups (term, region, day, report, kind), so no table row is read. The pairs
    are distinct, so the rule is checked once per pair, not once per shared band."""
    tolerance = max(rules().day_tolerance.values())
    limit = band_limit()
    a, ta, tb, tc = gm.alias("a"), terms_t.alias("ta"), terms_t.alias("tb"), terms_t.alias("tc")
    probe, pairs = _BAND_PROBE, _BAND_PAIRS
    pg = conn.dialect.name == "postgresql"
    for table in (probe, pairs):
        create = str(CreateTable(table, if_not_exists=True).compile(dialect=conn.dialect))
        if pg:
            conn.exec_driver_sql(create.rstrip() + " ON COMMIT DELETE ROWS")
        else:
            conn.exec_driver_sql(create)
            conn.exec_driver_sql(f"DELETE FROM {table.name}")  # SQLite keeps them past a commit
    # a report with an admin1 looks its bands up among its country's reports without one: only
    # in a country that has such reports (their countries read from a partial index; in the
    # others the look-up finds nothing, and its bands are neither sorted nor probed)
    country_only = list(conn.exec_driver_sql(
        f"SELECT DISTINCT country FROM {gm.name} WHERE ({s.COUNTRY_ONLY}) "
        "AND country IS NOT NULL").scalars())
    pending = (a.join(ta, and_(ta.c.event_id == a.c.event_id, ta.c.kind == "b")),
               and_(a.c.pending == 1, a.c.alone == 0, ta.c.country.is_not(None),
                    or_(a.c.admin1.is_(None), a.c.country.in_(country_only))))
    # a report with an admin1: its country's reports without one ('', which is also the
    # region of an admin1 stored as ''); without an admin1: its whole country (NULL)
    bands = (select(ta.c.term, ta.c.country,
                    case((a.c.admin1.is_(None), None), else_=literal("")).label("admin1"),
                    ta.c.day_start - tolerance, ta.c.day_hi, ta.c.event_id)
             .select_from(pending[0]).where(pending[1]).subquery())
    ordered = select(bands)
    if not pg:
        # SQLite joins by nested loops: in index order, each look-up is next to the last one.
        # PostgreSQL plans the join itself (hash joins for many bands); asked for an order, it
        # walked the whole term index to skip a sort after an incremental link.
        ordered = ordered.order_by(*bands.c[:4])
    conn.execute(probe.insert().from_select(
        ["term", "country", "admin1", "lo", "hi", "event_id"], ordered))
    if pg:
        conn.exec_driver_sql(f"ANALYZE {probe.name}")  # a temporary table has no statistics

    for whole_country in (False, True):
        mine = probe.c.admin1.is_(None) if whole_country else probe.c.admin1.is_not(None)
        live: Any = probe
        if pg:
            # PostgreSQL evaluates the boilerplate check below where its columns are, on every
            # probe row: a correlated look-up per band of every pending report (20 of the
            # link's 163 CPU s at 125k), though most bands have no other carrier in the region.
            # First the probes with any carrier (a semi-join, which it hashes for many probes;
            # the probes of a report with an admin1 look up rows without one, admin1 '',
            # written out so the hashed side is only those), fenced by OFFSET 0 so the check
            # runs on those probes only
            te = terms_t.alias("te")
            carried = _window(te.c, probe.c, whole_country)
            if not whole_country:
                carried = and_(carried, te.c.admin1 == literal(""))
            live = (select(probe).where(mine, exists().where(carried)).offset(0)
                    .subquery("live"))
            mine = true()
        rare = (select(tc.c.day_start).where(_window(tc.c, live.c, whole_country))
                .limit(1).offset(limit).correlate_except(tc).scalar_subquery()).is_(None)
        conn.execute(on_conflict_do_nothing(conn, pairs).from_select(
            ["x", "y"],
            select(live.c.event_id, tb.c.event_id)
            .select_from(live.join(tb, and_(_window(tb.c, live.c, whole_country),
                                            tb.c.kind == "b", tb.c.event_id != live.c.event_id)))
            .where(mine, rare)))
    if pg:
        conn.exec_driver_sql(f"ANALYZE {pairs.name}")
    return pairs


def _window(c: Any, p: Any, whole_country: bool) -> Any:
    """The band rows ``c`` of the probe ``p``'s region and window."""
    region = (c.country == p.country if whole_country
              else and_(c.country == p.country, c.admin1 == p.admin1))
    return and_(c.term == p.term, region, c.day_start >= p.lo, c.day_start <= p.hi)


def on_conflict_do_nothing(conn: Connection, table: Any) -> Any:
    """An ``INSERT`` that skips rows already there."""
    if conn.dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    from sqlalchemy.dialects.sqlite import insert as sqlite_insert

    return sqlite_insert(table).on_conflict_do_nothing()


def _pinned_pairs(conn: Connection) -> list[tuple[int, int]]:
    """(group, group) of every reviewer's join."""
    one, other = doc.alias("d1"), doc.alias("d2")
    e1, e2 = ev.alias("e1"), ev.alias("e2")
    m1, m2 = gm.alias("m1"), gm.alias("m2")
    q = (
        select(m1.c.group_id, m2.c.group_id)
        .select_from(
            pins.join(one, one.c.name == pins.c.doc_name)
            .join(e1, and_(e1.c.document_id == one.c.id, e1.c.event_key == pins.c.event_key))
            .join(m1, m1.c.event_id == e1.c.id)
            .join(other, other.c.name == pins.c.other_doc_name)
            .join(e2, and_(e2.c.document_id == other.c.id,
                           e2.c.event_key == pins.c.other_event_key))
            .join(m2, m2.c.event_id == e2.c.id)
        )
        .where(pins.c.action == "join")
    )
    return [(x, y) for x, y in conn.execute(q) if x != y]


_RECORD_COLUMNS = ("id", "document_id", "event_date", "time_precision", "geo_precision",
                   "latitude", "actor1", "actor2", "assoc_actor_1", "fatalities",
                   "fatalities_low", "fatalities_high", "source")
_REP_FIELDS = ("actor1", "actor2", "assoc_actor_1", "fatalities", "fatalities_low",
               "fatalities_high", "source")


def _write_groups(conn: Connection, touched: set[int]) -> None:
    """Each touched group's representative report and one record (groups of one report get
    no record: the report is the record)."""
    for batch in chunks(sorted(touched), 2000):
        rows = conn.execute(
            select(*(ev.c[k] for k in _RECORD_COLUMNS), gm.c.group_id, doc.c.name.label("doc"))
            .select_from(ev.join(gm, gm.c.event_id == ev.c.id)
                         .join(doc, doc.c.id == ev.c.document_id))
            .where(gm.c.group_id.in_(batch))
        ).mappings().all()
        by_group: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            by_group.setdefault(row["group_id"], []).append(dict(row))
        conn.execute(delete(groups_t).where(groups_t.c.group_id.in_(batch)))
        conn.execute(update(gm).where(gm.c.group_id.in_(batch)).values(rep=0))
        reps, records = [], []
        for gid, reports in by_group.items():
            rec = representative(reports)
            reps.append(rec["id"])
            if len(reports) > 1:
                records.append({
                    "group_id": gid, "rep_event_id": rec["id"], "n_reports": len(reports),
                    "n_documents": len({x["document_id"] for x in reports}),
                    **{k: rec.get(k) for k in _REP_FIELDS},
                })
        for ids in chunks(reps):
            conn.execute(update(gm).where(gm.c.event_id.in_(ids)).values(rep=1))
        if records:
            conn.execute(insert(groups_t), records)


# -- reading ----------------------------------------------------------------------------------
def not_a_representative() -> Any:
    """Condition on ``events``: the report stands for its group (or has none): the rows of a
    one-row-per-group read."""
    return ~exists().where(gm.c.event_id == s.events.c.id, gm.c.rep == 0)


def records_of(conn: Connection, event_ids: list[int]) -> dict[int, Any]:
    """The group records of those representative reports that stand for several."""
    found: dict[int, Any] = {}
    for batch in chunks(event_ids):
        for row in conn.execute(select(groups_t).where(groups_t.c.rep_event_id.in_(batch))):
            found[row.rep_event_id] = row._mapping
    return found


def overlay(rec: dict[str, Any], group: Any) -> dict[str, Any]:
    """A representative report's record becomes its group's: actors, fatalities and source
    from every report (the export record's fields stay the same)."""
    if group:
        for k in _REP_FIELDS:
            rec[k] = group[k]
    return rec


def group_of(conn: Connection, event_id: int) -> list[dict[str, Any]]:
    """Every report of the event's group (the event alone when it has none), representative
    first, each with its document and evidence spans."""
    gid = conn.execute(select(gm.c.group_id).where(gm.c.event_id == event_id)).scalar()
    ids = [event_id] if gid is None else list(
        conn.execute(select(gm.c.event_id).where(gm.c.group_id == gid)
                     .order_by(gm.c.rep.desc(), gm.c.event_id)).scalars())
    rows = conn.execute(
        select(ev.c.id, ev.c.document_id, ev.c.event_date, ev.c.sub_event_type, ev.c.location,
               ev.c.fatalities, doc.c.name.label("doc"))
        .select_from(ev.join(doc, doc.c.id == ev.c.document_id)).where(ev.c.id.in_(ids))
    ).mappings().all()
    spans: dict[int, list[dict[str, Any]]] = {}
    for r in conn.execute(select(s.evidence).where(s.evidence.c.event_id.in_(ids))
                          .order_by(s.evidence.c.event_id, s.evidence.c.position)):
        spans.setdefault(r.event_id, []).append(
            {"start": r.raw_start, "end": r.raw_end, "text": r.text})
    order = {i: n for n, i in enumerate(ids)}
    out = []
    for r in sorted(rows, key=lambda r: order[r["id"]]):
        item = {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in r.items()}
        item["evidence"] = spans.get(r["id"], [])
        out.append(item)
    return out


def record_of_group(conn: Connection, event_id: int) -> dict[str, Any] | None:
    """The one record of the event's group (its fatalities by ACLED's rule, the span of its
    reports' figures, every document as source), None when the report stands alone."""
    gid = select(gm.c.group_id).where(gm.c.event_id == event_id).scalar_subquery()
    row = conn.execute(select(groups_t).where(groups_t.c.group_id == gid)).first()
    return dict(row._mapping) if row else None


def counts(conn: Connection) -> dict[str, int]:
    """Reports grouped, groups of more than one report."""
    return {
        "members": int(conn.execute(select(func.count()).select_from(gm)).scalar_one()),
        "groups": int(conn.execute(select(func.count()).select_from(groups_t)).scalar_one()),
    }


# -- reviewers' edits ---------------------------------------------------------------------------
def _identity(conn: Connection, event_id: int) -> tuple[str, str]:
    row = conn.execute(
        select(doc.c.name, ev.c.event_key).select_from(ev.join(doc, doc.c.id == ev.c.document_id))
        .where(ev.c.id == event_id)
    ).first()
    if row is None:
        raise KeyError(event_id)
    return row.name, row.event_key


def split(engine: Engine, event_id: int, reviewer: str) -> None:
    """Take a wrongly linked report out of its group, for good (audited)."""
    with engine.begin() as conn:
        name, key = _identity(conn, event_id)
        conn.execute(delete(pins).where(or_(
            and_(pins.c.doc_name == name, pins.c.event_key == key),
            and_(pins.c.other_doc_name == name, pins.c.other_event_key == key))))
        conn.execute(insert(pins).values(action="split", doc_name=name, event_key=key,
                                         user=reviewer))
        before = conn.execute(select(gm.c.group_id).where(gm.c.event_id == event_id)).scalar()
        mark_dirty(conn, [event_id])
        audit.write(conn, [{"event_id": event_id, "action": "split", "field": "group",
                            "before": None if before is None else str(before), "after": None}],
                    reviewer)
    link(engine)


def join(engine: Engine, event_id: int, other_id: int, reviewer: str) -> None:
    """Put two reports' groups together (audited): they report one event."""
    with engine.begin() as conn:
        name, key = _identity(conn, event_id)
        other_name, other_key = _identity(conn, other_id)
        conn.execute(insert(pins).values(action="join", doc_name=name, event_key=key,
                                         other_doc_name=other_name, other_event_key=other_key,
                                         user=reviewer))
        audit.write(conn, [{"event_id": event_id, "action": "join", "field": "group",
                            "before": None, "after": str(other_id)}], reviewer)
    link(engine)


def fatalities_shown(grouped: bool) -> Any:
    """The fatalities column of a read of ``events``: with one row per group, a representative
    report shows its group's figure (ACLED's most conservative of its reports'), else its own."""
    if not grouped:
        return s.events.c.fatalities
    group = (select(groups_t.c.fatalities).where(groups_t.c.rep_event_id == s.events.c.id)
             .scalar_subquery())
    return func.coalesce(group, s.events.c.fatalities)
