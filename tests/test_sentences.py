"""Sentence splitting on real article text: offsets exact, abbreviations kept together."""

from pathlib import Path

from warlog.nlp.sentences import split_sentences

FIXTURES = Path(__file__).parent / "fixtures" / "corpus"


def test_offsets_point_at_the_sentence_text():
    text = (FIXTURES / "2014_idlib_offensive.md").read_text()
    sents = list(split_sentences(text))
    assert len(sents) > 30
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.text == s.text.strip()


def test_military_titles_do_not_end_a_sentence():
    text = ("According to Col. Afif al-Suleimani, head of Idlib's rebel Military Council, the Army "
            "withdrew many of its soldiers. Lt. Gen. Smith said so.")
    assert [s.text for s in split_sentences(text)] == [
        "According to Col. Afif al-Suleimani, head of Idlib's rebel Military Council, the Army "
        "withdrew many of its soldiers.",
        "Lt. Gen. Smith said so.",
    ]


def test_line_breaks_end_sentences_and_headings_stand_alone():
    text = "## Battle\nOn 4 April, four rebels were killed. A day later, the SOHR reported it."
    assert [s.text for s in split_sentences(text)] == [
        "## Battle", "On 4 April, four rebels were killed.", "A day later, the SOHR reported it."]


def test_us_and_initials():
    text = "The U.S. forces struck on 3 Dec. 2024 near the base. J. Smith reported it."
    assert len(list(split_sentences(text))) == 2
