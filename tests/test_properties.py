"""Property tests (Hypothesis): any input gives documents or one ``IngestError``, quickly; the
narrative clock never raises and keeps its dates ordered, whatever the text.

Inputs are drawn from raw text and bytes and from an alphabet of the characters the readers
treat specially (tags, front-matter fences, JSON braces, wiki markup), so the search reaches
the readers' branches rather than only plain prose.
"""

from __future__ import annotations

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warlog.errors import IngestError, SkippedFile
from warlog.ingest.reader import read_path, read_text
from warlog.model import Document
from warlog.timeline.clock import NarrativeClock

_MARKUP = ["<", ">", "/", "!--", "-->", "div", "html", "h1", "p", "---\n", "\n", "#", "##",
           "**", "|", "{", "}", "[", "]", "[[", "]]", "{{", "}}", "'''", '"', ":", "&",
           "amp;", "text", "\ufeff", "\ud800", "\x00", "*a", "&a ", "date: ", "2014",
           "killed ", "On 3 May ", ". ", "In ", "Aleppo"]
markup = st.lists(st.sampled_from(_MARKUP), max_size=200).map("".join)
texts = st.one_of(st.text(max_size=2000), markup)
_BOUND = 5.0  # seconds for one small input: a super-linear path shows up far above this
_LIMITS = settings(
    max_examples=150, deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


def _check_documents(docs: list[Document]) -> None:
    assert docs
    for d in docs:
        assert d.text.strip()
        assert 0 <= d.to_raw(0) <= len(d.raw)
        assert d.to_raw(len(d.text)) <= len(d.raw)


@_LIMITS
@given(texts)
def test_read_text_gives_documents_or_one_ingest_error(text):
    t0 = time.process_time()
    try:
        docs = read_text(text, "prop.txt")
    except IngestError as err:
        assert err.problem and "\n" not in err.problem
    else:
        _check_documents(docs)
    assert time.process_time() - t0 < _BOUND


@_LIMITS
@given(st.one_of(st.binary(max_size=3000), markup.map(lambda s: s.encode("utf-8", "replace"))))
def test_read_path_gives_documents_or_one_ingest_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("prop") / "f.txt"
    path.write_bytes(data)
    t0 = time.process_time()
    try:
        docs = read_path(path)
    except (IngestError, SkippedFile) as err:
        assert "\n" not in str(err)
        assert "internal error" not in str(err)
    else:
        _check_documents(docs)
    assert time.process_time() - t0 < _BOUND


@_LIMITS
@given(st.lists(texts, min_size=1, max_size=8), st.integers(min_value=1900, max_value=2030))
def test_the_clock_reads_any_sentences_without_raising(sentences, year):
    clock = NarrativeClock(year)
    t0 = time.process_time()
    offset = 0
    for sentence in sentences:
        for found in clock.read(sentence, offset):
            assert found.date_start <= found.date_end
        offset += len(sentence) + 1
    assert time.process_time() - t0 < _BOUND
