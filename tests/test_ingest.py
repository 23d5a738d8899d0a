"""Tests for warlog.ingest: format sniffing, cleaning, offsets, sections, metadata, bad input.

Fixtures in tests/fixtures/ingest/ are real corpus files copied byte for byte (the two seeds,
two ``wikipedia-plain`` articles, two front-lines exports) plus an HTML page, a wikitext
article and a JSON Lines file written from the same corpus text.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from warlog.errors import IngestError, SkippedFile
from warlog.ingest.builder import TextBuilder
from warlog.ingest.reader import iter_files, read_path, read_text
from warlog.ingest.sniff import sniff_format
from warlog.model import Document

FIX = Path(__file__).parent / "fixtures" / "ingest"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"

SEED_MD = FIX / "000_ab17bddbe8309b0d.txt"
SEED_SCRAPE = FIX / "003_fe1c7054a3912c6b.txt"
DABIQ = FIX / "2016_Dabiq_offensive.md"
KUNDUZ = FIX / "Battle_of_Kunduz_(2016).md"
BOULIKESSI = FIX / "battle_of_boulikessi.md"
BROVARY = FIX / "battle_of_brovary.md"
HTML = FIX / "Battle_of_Kunduz_2016.html"
WIKI = FIX / "Battle_of_Kunduz_2016.wiki"
JSONL = FIX / "articles.jsonl"

ALL_FIXTURES = [SEED_MD, SEED_SCRAPE, DABIQ, KUNDUZ, BOULIKESSI, BROVARY, HTML, WIKI, JSONL]


def one(path: Path) -> Document:
    docs = read_path(path)
    assert len(docs) == 1
    return docs[0]


def copied_mismatches(doc: Document) -> list[tuple[int, str, str]]:
    """Characters whose map says "copied" but whose raw character differs."""
    om = doc.offsets
    bad = []
    segs = zip(om._clean_starts, om._raw_starts, om._lengths, om._copied, strict=True)
    for clean_start, raw_start, length, copied in segs:
        if not copied:
            continue
        for k in range(length):
            i = clean_start + k
            if doc.raw[raw_start + k] != doc.text[i]:
                bad.append((i, doc.text[i], doc.raw[raw_start + k]))
    return bad


def check_offsets(doc: Document, allowed_synthetic: str = "") -> None:
    """Every copied character maps back exactly; every other visible one is allowed."""
    assert copied_mismatches(doc) == []
    for i, ch in enumerate(doc.text):
        r = doc.to_raw(i)
        assert 0 <= r <= len(doc.raw)
        if not ch.isspace() and doc.raw[r] != ch:
            assert ch in allowed_synthetic, (doc.name, i, ch, doc.raw[r : r + 20])


def check_sections(doc: Document) -> None:
    starts = [s.start for s in doc.sections]
    assert starts == sorted(starts)
    for k, s in enumerate(doc.sections):
        assert doc.text.startswith(s.title, s.start), s
        assert s.start == 0 or doc.text[s.start - 2 : s.start] == "\n\n", s  # own line
        assert doc.text[s.start + len(s.title) : s.start + len(s.title) + 2] in ("\n\n", "")
        expected = len(doc.text)
        for later in doc.sections[k + 1 :]:
            if later.level <= s.level:
                expected = later.start
                break
        assert s.end == expected, s


# --------------------------------------------------------------------------- iter_files
def test_iter_files_sorted_recursive_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / ".git").mkdir()
    for rel in ["b/2.md", "b/1.md", "a/z.txt", "top.txt", ".hidden.md", ".git/config", "a/.x"]:
        (tmp_path / rel).write_text("x", encoding="utf-8")
    got = [p.relative_to(tmp_path).as_posix() for p in iter_files([tmp_path])]
    assert got == ["top.txt", "a/z.txt", "b/1.md", "b/2.md"]
    # a file named twice (directly and through its folder) comes once
    again = list(iter_files([tmp_path / "top.txt", tmp_path]))
    assert len(again) == 4 and again[0].name == "top.txt"


def test_iter_files_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="no such file"):
        list(iter_files([tmp_path / "nope"]))


# ------------------------------------------------------------------------------ sniffing
@pytest.mark.parametrize(
    ("path", "fmt"),
    [
        (SEED_MD, "markdown"),  # .txt, but Markdown with front matter
        (SEED_SCRAPE, "plaintext"),
        (DABIQ, "plaintext"),  # .md, but a plain-text dump
        (BOULIKESSI, "markdown"),
        (HTML, "html"),
        (WIKI, "wikitext"),
        (JSONL, "jsonl"),
    ],
)
def test_format_is_sniffed_from_content(path: Path, fmt: str) -> None:
    assert sniff_format(path.read_text(encoding="utf-8")) == fmt


# ------------------------------------------------------------------------------ offsets
@pytest.mark.parametrize("path", ALL_FIXTURES, ids=lambda p: p.name)
def test_copied_characters_map_back_to_raw(path: Path) -> None:
    for doc in read_path(path):
        assert doc.text and doc.text == doc.text.strip()
        # synthetic visible characters only come from decoded entities and literal templates
        check_offsets(doc, allowed_synthetic="\u00a0'–")
        check_sections(doc)
        assert "\n\n\n" not in doc.text


def test_builder_offsets_and_whitespace() -> None:
    raw = "Alpha  beta\t[1] gamma.\n\nDelta"
    b = TextBuilder(raw)
    b.copy(0, 12)  # "Alpha  beta\t"
    b.copy(15, 22)  # " gamma."
    b.paragraph(22)
    b.copy(24, 29)
    out = b.build()
    assert out.text == "Alpha beta gamma.\n\nDelta"
    for i, ch in enumerate(out.text):
        if not ch.isspace():
            assert raw[out.offsets.to_raw(i)] == ch
    assert out.offsets.to_raw(out.text.index("Delta")) == 24


def test_builder_no_space_before_punctuation() -> None:
    raw = "killed [5], while others fled"
    b = TextBuilder(raw)
    b.copy(0, 7)
    b.copy(10, len(raw))
    assert b.build().text == "killed, while others fled"


# ------------------------------------------------------------------------------ markdown
def test_markdown_seed_text_and_meta() -> None:
    doc = one(SEED_MD)
    assert doc.format == "markdown"
    assert doc.meta["title"] == "2014 Eastern Syria offensive"
    assert doc.meta["date"] == "23 July – 28 August 2014"  # a one-item list, joined
    assert doc.meta["place"] == "Eastern Syria"
    assert doc.meta["description"].startswith("The 2014 Eastern Syria offensive was")
    assert "Islamic State of Iraq and the Levant" in doc.meta["tags"]
    assert doc.meta["front_matter"]["pubDate"] == "2023-10-11 13:10"
    text = doc.text
    assert text.startswith("The 2014 Eastern Syria offensive was an offensive")  # ** gone
    assert "**" not in text and "[object Object]" not in text
    assert "References" not in text and "Siege of Kobanî" not in text  # See also list
    assert "\n\nThe offensive\n\nRaqqa, Al-Hasakah, and Aleppo assaults\n\nLate in the" in text
    assert text.endswith("Further supplies had to be delivered by boats.")
    titles = [(s.title, s.level) for s in doc.sections]
    assert titles[:3] == [
        ("The offensive", 2),
        ("Raqqa, Al-Hasakah, and Aleppo assaults", 3),
        ("Syrian Army counterattack", 3),
    ]
    assert titles[-1] == ("Aftermath", 2)
    offensive = doc.sections[0]
    assert offensive.end == doc.sections[-1].start
    day = text.index("On 26 July, ISIL took control of Division 17")
    section = doc.section_at(day)
    assert section is not None and section.title == "Raqqa, Al-Hasakah, and Aleppo assaults"


def test_markdown_images_dropped_and_headings_split() -> None:
    doc = one(BROVARY)
    assert "![" not in doc.text and "Special:Redirect" not in doc.text
    assert "Civilians leaving Brovary" not in doc.text  # an image caption
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Battle", 2),
        ("March", 3),
        ("April", 3),
    ]
    march, april = doc.sections[1], doc.sections[2]
    assert march.end == april.start and doc.sections[0].end == len(doc.text)
    assert doc.text[march.start :].startswith("March\n\nOn the evening of 9 March 2022")


def test_markdown_infobox_front_matter() -> None:
    doc = one(BOULIKESSI)
    assert doc.meta["title"] == "Battle of Boulikessi"
    assert doc.meta["date"] == "30-31 October 2020"
    assert doc.meta["place"].startswith("Boulikessi")
    assert isinstance(doc.meta["infoboxes"], list)
    assert "On the evening of October 30, 2020, a French army operation" in doc.text


def test_bold_only_line_becomes_subsection() -> None:
    raw = (
        "---\ntitle: Siege\n---\n\n## Timeline\n\n**May 24**\n\nFighting began in the city.\n\n"
        "**May 25**\n\nMore fighting.\n\n**Notes**\n\nA note.\n"
    )
    doc = read_text(raw, "siege.md")[0]
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Timeline", 2),
        ("May 24", 3),
        ("May 25", 3),
    ]
    assert "A note" not in doc.text  # "**Notes**" opens the back matter


def test_markdown_table_rows_with_prose_become_lines() -> None:
    raw = (
        "---\nsubject: Incidents\n---\n\n## Timeline\n"
        "|      Date      |     Events     |   Casualties   |\n"
        "|       ---      |       ---      |       ---      |\n"
        "| 25 September 2012 | Golan_Heights_Map.PNG El Rom, Golan Heights: Several errant"
        " mortar shells fired by the Syrian army fell in an agricultural land. |                |\n"
        "| 2008 | N/A                           | 30 soldiers |\n"
        "After the table.\n"
    )
    doc = read_text(raw, "incidents.md")[0]
    assert doc.text == (
        "Timeline\n\n25 September 2012 – El Rom, Golan Heights: Several errant mortar shells"
        " fired by the Syrian army fell in an agricultural land.\n\nAfter the table."
    )
    check_offsets(doc, allowed_synthetic="–")


def test_single_json_document(tmp_path: Path) -> None:
    pretty = b'{\n  "title": "Kunduz",\n  "text": "Fighting began.[1]"\n}\n'
    doc = one(corrupt(tmp_path, "story.json", pretty))
    assert (doc.name, doc.text, doc.meta["title"]) == ("story.json", "Fighting began.", "Kunduz")
    line = one(corrupt(tmp_path, "line.json", b'{"text": "Fighting began."}'))
    assert line.name == "line.json#1"  # a one-line object reads as JSON Lines


# ----------------------------------------------------------------------------- plaintext
def test_plaintext_scrape_infobox_citations_notice() -> None:
    doc = one(SEED_SCRAPE)
    text = doc.text
    assert doc.format == "plaintext"
    assert doc.meta["title"] == "Deir ez-Zor offensive (2024)"  # the infobox title cell
    assert text.startswith("In the days leading up to and during the 2024 Syrian opposition")
    for debris in ("|", "![", "Belligerents", "[14]", "[d]", "needs to be updated"):
        assert debris not in text, debris
    # one paragraph per source line; markers between sentences leave one space
    assert "\n\nISIS cells killed a member of the SDF" in text
    assert "Seven Villages region. The General Security Directorate was able" in text
    assert "Deir ez-Zor region.\n\nAfter the territorial collapse" in text
    assert doc.sections == []


def test_plaintext_dump_sections_and_tail() -> None:
    doc = one(DABIQ)
    text = doc.text
    assert doc.meta["title"] == "2016 Dabiq offensive"
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Background", 2),
        ("The offensive", 2),
        ("First week", 3),
        ("Second week", 3),
        ("Third week", 3),
    ]
    assert "Dabiqof.png" not in text  # a bare image name
    assert "\n\nOn 28 September, the Turkish military stated" in text
    for debris in ("Category:", "[1]", "Manbij offensive", "Kadri Gursel", "See also"):
        assert debris not in text, debris
    assert text.endswith("seven other villages were seized by the rebels.")


def test_plaintext_lead_capitals_kept() -> None:
    doc = one(KUNDUZ)
    assert doc.text.startswith("The BATTLE OF KUNDUZ occurred on 3 October 2016")
    assert [s.title for s in doc.sections] == ["Battle", "Casualties", "Aftermath"]
    assert doc.text.endswith("but do not own Kunduz City.")


def test_plaintext_wikitext_debris_and_hard_wrap() -> None:
    raw = (
        "Battle of Kirkuk}}\n"
        "The BATTLE OF X began on 3 May.[1] Fighting spread to the\n"
        "north of the city on 4 May.[2][citation needed]\n\n"
        "Al-Bab_military_council.png\n\n"
        "troops near the river, 2016.]] On 5 May, rebels captured the bridge.{{'}}s\n\n"
        "This section needs expansion. You can help by adding to it. (March 2020)\n\n"
        "Aftermath\n\nThe town was retaken on 9 May.\n"
    )
    doc = read_text(raw, "Battle_of_X.md")[0]
    assert doc.text == (
        "The BATTLE OF X began on 3 May. Fighting spread to the north of the city on 4 May."
        "\n\nOn 5 May, rebels captured the bridge.'s\n\nAftermath\n\nThe town was retaken on 9 May."
    )
    assert [s.title for s in doc.sections] == ["Aftermath"]
    check_offsets(doc, allowed_synthetic="'")


# ---------------------------------------------------------------------------------- html
def test_html_main_text_sections_meta() -> None:
    doc = one(HTML)
    text = doc.text
    assert doc.format == "html"
    assert doc.meta["title"] == "Battle of Kunduz (2016)"
    assert doc.meta["url"] == "https://en.wikipedia.org/wiki/Battle_of_Kunduz_(2016)"
    assert doc.meta["description"] == "2016 battle in Kunduz, Afghanistan"
    assert text.startswith("The Battle of Kunduz occurred on 3\u00a0October 2016")
    for debris in ("Main page", "wgTitle", "Belligerents", "edit", "[1]", "Reuters", "For the"):
        assert debris not in text, debris
    assert "War in Afghanistan" not in text and "Creative Commons" not in text
    assert "the city's roundabout" in text and "NATO–led" in text
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Battle", 2),
        ("Casualties", 2),
        ("Aftermath", 2),
    ]
    assert "fighting.\nAs of 2017" in text  # list items on their own lines
    # offsets go back into the raw HTML
    i = text.index("Kassim Jangal Bagh")
    assert doc.raw[doc.to_raw(i) : doc.to_raw(i) + 18] == "Kassim Jangal Bagh"
    j = text.index("'s roundabout")
    assert doc.raw[doc.to_raw(j) : doc.to_raw(j) + 5] == "&#39;"


def test_html_fragment_article_only() -> None:
    raw = (
        "<div><nav>Home | World</nav><article><header><h1>Clashes in Idlib</h1></header>"
        "<p>The rebels began the operation on 5 March.<p>Three days later the rebels cut the"
        " road between Idlib and Al-Mastuma &amp; the city.<figure><figcaption>Rebels"
        "</figcaption></figure><aside>Related story</aside></article><footer>(c)</footer></div>"
    )
    doc = read_text(raw, "news.html")[0]
    assert doc.format == "html" and doc.meta["title"] == "Clashes in Idlib"
    assert doc.text == (
        "The rebels began the operation on 5 March.\n\nThree days later the rebels cut the"
        " road between Idlib and Al-Mastuma & the city."
    )
    check_offsets(doc, allowed_synthetic="&")


# ------------------------------------------------------------------------------ wikitext
def test_wikitext_cleaned_and_infobox_meta() -> None:
    doc = one(WIKI)
    text = doc.text
    assert doc.format == "wikitext"
    assert doc.meta["title"] == "Battle of Kunduz (2016)"
    assert doc.meta["date"] == "3 October 2016 – 12 October 2016"
    assert doc.meta["place"] == "Kunduz, Afghanistan"
    assert doc.meta["infobox"]["combatant1"] == "Afghanistan"
    assert text.startswith("The Battle of Kunduz occurred on 3 October 2016 in the Afghan city")
    for debris in ("{{", "}}", "[[", "]]", "<ref", "cite", "Category", "thumb", "Police", "'''"):
        assert debris not in text, debris
    assert "Pajhwok" not in text  # a comment and a reference
    assert "Afghanistan special forces were flown in from Kabul" in text
    assert "the city's roundabout" in text
    assert "backed by the NATO–led Resolute Support Mission." in text
    assert "The fighting was 2 km from the governor's compound." in text
    assert "fighting.\nAs of 2017, the Taliban" in text
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Battle", 2),
        ("Casualties", 3),
        ("Aftermath", 2),
    ]


# --------------------------------------------------------------------------------- jsonl
def test_jsonl_one_document_per_line_with_warnings() -> None:
    docs = read_path(JSONL)
    assert [d.name for d in docs] == ["articles.jsonl#kunduz-1", "articles.jsonl#4"]
    first, second = docs
    assert first.format == "jsonl" and first.meta["title"] == "Battle of Kunduz (2016)"
    assert first.meta["date"] == "2016-10-03" and first.meta["source"] == "wikipedia"
    assert first.raw.startswith("The BATTLE OF KUNDUZ occurred")  # raw is the text value
    assert first.text.endswith("regain control of the city center.")  # "[1]" removed
    assert "\n\nOn 4 October" in first.text
    assert any("line 3" in w and "invalid JSON" in w for w in first.warnings)
    assert any("line 5" in w and "'text'" in w for w in first.warnings)
    assert "15–21 rebels dead" in second.text and "[15]" not in second.text
    check_offsets(second)


def test_jsonl_without_any_good_line_fails(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"title": "x"}\n{"text": 3}\n', encoding="utf-8")
    with pytest.raises(IngestError, match="JSON Lines line 1"):
        read_path(bad)


# ------------------------------------------------------------------------------ bad input
def corrupt(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def test_binary_file(tmp_path: Path) -> None:
    raw = SEED_MD.read_bytes()
    p = corrupt(tmp_path, "doc.txt", raw[:200] + b"\x00\x00" + raw[200:])
    with pytest.raises(IngestError, match=r"binary file \(NUL bytes\)"):
        read_path(p)


def test_empty_and_blank_and_front_matter_only(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="empty file"):
        read_path(corrupt(tmp_path, "empty.md", b""))
    with pytest.raises(IngestError, match="no text"):
        read_path(corrupt(tmp_path, "blank.md", b"  \n\n\t\n"))
    raw = SEED_MD.read_bytes()
    front = raw[: raw.index(b"\n---\n", 4) + 5]
    with pytest.raises(IngestError, match="no text"):
        read_path(corrupt(tmp_path, "front.md", front))


def test_invalid_utf8_names_the_byte(tmp_path: Path) -> None:
    raw = SEED_SCRAPE.read_bytes()
    p = corrupt(tmp_path, "latin.txt", raw[:1234] + b"\xe9t\xe9" + raw[1234:])
    with pytest.raises(IngestError) as err:
        read_path(p)
    assert err.value.problem == "not valid UTF-8 at byte 1234"
    assert str(err.value).startswith(str(p))


def test_too_large_is_checked_before_reading(tmp_path: Path, monkeypatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # a sparse 52.4 MB file
        fh.truncate(52_400_000)

    def refuse(*_args, **_kwargs):
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    with pytest.raises(IngestError) as err:
        read_path(big)
    assert err.value.problem == "file too large (52.4 MB > 20 MB limit)"


def test_broken_front_matter_is_a_warning(tmp_path: Path) -> None:
    raw = SEED_MD.read_bytes().replace(b"description: The 2014", b'description: "The 2014', 1)
    doc = one(corrupt(tmp_path, "broken.md", raw))
    assert len(doc.warnings) == 1
    warning = doc.warnings[0]
    assert warning.startswith("broken.md: line 4: broken YAML front matter")
    assert "subject" not in doc.meta.get("front_matter", {})
    assert doc.text.startswith("The 2014 Eastern Syria offensive was")  # body still read
    assert "subject:" not in doc.text


def test_non_documents_are_skipped(tmp_path: Path) -> None:
    png = corrupt(tmp_path, "flag", b"\x89PNG\r\n\x1a\n" + b"\x00" * 32)
    with pytest.raises(SkippedFile, match="PNG image"):
        read_path(png)
    table = corrupt(
        tmp_path,
        "list.txt",
        b"path,bytes,title,first_line\na.md,3140,A,The A\nb.md,4194,B,The B\nc.md,1,C,C\n",
    )
    with pytest.raises(SkippedFile, match="CSV"):
        read_path(table)
    with pytest.raises(SkippedFile):
        read_path(corrupt(tmp_path, "MANIFEST.csv", b"path,bytes\na,1\n"))
    with pytest.raises(SkippedFile, match="paperwork"):
        read_path(corrupt(tmp_path, "README.md", b"# Corpus\n\nAbout the files.\n"))


def test_utf8_bom_and_crlf(tmp_path: Path) -> None:
    raw = KUNDUZ.read_bytes().replace(b"\n", b"\r\n")
    doc = one(corrupt(tmp_path, "Battle_of_Kunduz.md", b"\xef\xbb\xbf" + raw))
    assert doc.text.startswith("The BATTLE OF KUNDUZ")
    assert "\r" not in doc.text
    assert [s.title for s in doc.sections] == ["Battle", "Casualties", "Aftermath"]
    check_offsets(doc)


# ------------------------------------------------------------------ the corpus, if present
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="needs ../shared/corpus beside the checkout")
def test_whole_corpus_reads_cleanly() -> None:
    docs: list[Document] = []
    for path in iter_files([CORPUS]):
        try:
            docs.extend(read_path(path))
        except SkippedFile:
            continue
    assert len(docs) >= 300
    leftovers = ("[object Object]", "|||", "![](", "{{", "Category:")
    for doc in docs:
        assert copied_mismatches(doc) == [], doc.name
        for debris in leftovers:
            assert debris not in doc.text, (doc.name, debris)
    assert sum(len(d.sections) for d in docs) > 3000
    assert len({d.name for d in docs}) == len(docs)
    assert os.sep not in docs[0].name
