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


# -- the Sentence object: every form computed once, shared by the stages -----------------

def _article_sentences():
    from warlog.actors.normalize import fold
    from warlog.nlp.sentences import sentences

    text = (FIXTURES / "2014_idlib_offensive.md").read_text()
    return text, list(sentences(text, fold(text)))


def test_sentence_forms_are_the_stage_forms_computed_once():
    from warlog.actors.normalize import fold
    from warlog.casualties.tokens import tokenize
    from warlog.nlp.sentences import Sentence, normalise

    s = Sentence("Rebels\u2019 fighters \u2013 about 20 \u2013 seized Ariha; 3 were killed.", 40)
    assert (s.start, s.end) == (40, 40 + len(s.text))
    assert s.lower == s.text.lower()
    assert s.low == normalise(s.text) and "\u2019" not in s.low and "\u2013" not in s.low
    assert s.folded == fold(s.text)
    assert s.tokens == tokenize(s.text)
    assert s.low is s.low and s.folded is s.folded and s.tokens is s.tokens  # computed once


def test_sentences_take_their_slice_of_the_document_fold():
    from warlog.actors.normalize import fold

    text, sents = _article_sentences()
    assert len(sents) > 30
    for s in sents:
        assert text[s.start:s.end] == s.text
        assert s.folded == fold(s.text)


def test_a_clause_has_the_forms_it_would_compute_itself():
    from warlog.nlp.sentences import Sentence

    _text, sents = _article_sentences()
    checked = 0
    for s in sents:
        _ = s.low, s.tokens  # computed on the sentence, so the clauses take slices
        n = len(s.text)
        for a, b in ((0, n), (0, n // 2), (n // 3, n), (n // 4, 3 * n // 4)):
            part, fresh = s.part(a, b), Sentence(s.text[a:b], s.start + a)
            assert (part.text, part.start, part.end) == (fresh.text, fresh.start, fresh.end)
            assert part.lower == fresh.lower and part.low == fresh.low
            assert part.folded == fresh.folded
            assert part.tokens == fresh.tokens  # a cut inside a word re-tokenises the clause
            checked += 1
    assert checked > 100


def test_stages_give_the_same_answer_for_a_sentence_and_its_text():
    from warlog.casualties import count_fatalities
    from warlog.events.clauses import split_clauses
    from warlog.events.triggers import find_triggers

    _text, sents = _article_sentences()
    with_triggers = 0
    for s in sents:
        trig = find_triggers(s)
        assert [(t.start, t.end, t.sub) for t in trig] == [
            (t.start, t.end, t.sub) for t in find_triggers(s.text)]
        assert count_fatalities(s, s.start) == count_fatalities(s.text, s.start)
        if trig:
            with_triggers += 1
            assert ([(c.start, c.end) for c in split_clauses(s, trig)]
                    == [(c.start, c.end) for c in split_clauses(s.text, trig)])
    assert with_triggers > 10


def test_the_extractor_folds_a_document_once_and_no_sentence_again(monkeypatch):
    """The actor dictionary reads the folded text: the document is folded once, for the
    actor context's reading of the whole text and for every sentence's slice."""
    import warlog.actors.dictionary as dictionary
    import warlog.actors.normalize as normalize
    import warlog.actors.resolve as resolve
    import warlog.events.extract as extract
    from warlog.ingest.reader import read_path

    doc = read_path(FIXTURES / "2014_idlib_offensive.md")[0]
    folded: list[str] = []
    real = normalize.fold

    def counting(text: str) -> str:
        folded.append(text)
        return real(text)

    for mod in (normalize, dictionary, resolve, extract):
        monkeypatch.setattr(mod, "fold", counting)
    extractor = extract.DocumentExtractor(doc)  # reads the metadata and the whole text
    assert folded.count(doc.text) == 1
    folded.clear()
    assert extractor.run()
    # sentence by sentence: only names and aliases are folded (on lookup), no sentence
    assert all(len(t) < 60 for t in folded)
