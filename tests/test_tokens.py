"""The token layer: words with exact offsets, case classes, sentences, paragraphs, datelines."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mapper.extract.tokens import shape_of, tokenize, word_spans

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # bench/corpus.py


def words(text: str) -> list[str]:
    return [token.text for token in tokenize(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fano fighters attacked Deir ez-Zor and al-Janoudiya.",
         ["Fano", "fighters", "attacked", "Deir", "ez-Zor", "and", "al-Janoudiya", "."]),
        ("At least 1,018 people, 3.5 km away, on 2024-05-01.",
         ["At", "least", "1,018", "people", ",", "3.5", "km", "away", ",", "on", "2024-05-01", "."]),
        ("U.S. forces and Gen. Smith left at 9 a.m. today.",
         ["U.S.", "forces", "and", "Gen", ".", "Smith", "left", "at", "9", "a.m.", "today", "."]),
        ("“We fled,” she said of the army’s 5-year-old war.",
         ["“", "We", "fled", ",", "”", "she", "said", "of", "the", "army’s", "5-year-old", "war", "."]),
        ("Shelling hit حلب and مُحَمَّد fled.", ["Shelling", "hit", "حلب", "and", "مُحَمَّد", "fled", "."]),
        ("Three killed 😢 in Gaza — again.", ["Three", "killed", "😢", "in", "Gaza", "—", "again", "."]),
        ("Rebels' positions fell; 12,000 fled.", ["Rebels", "'", "positions", "fell", ";", "12,000", "fled", "."]),
    ],
)
def test_words_as_a_reader_splits_them(text, expected):
    assert words(text) == expected


AWKWARD = [
    "“Deir ez-Zor” and al-Janoudiya: 1,018 dead, U.S. says.\nGen. Ali (62) — no.",
    "قصف مُحَمَّد حلب، وقتل ٣ أشخاص.\n\nThe 👨‍👩‍👧 family fled 🇸🇾 Syria.",
    "Line one.\r\nLine two\u00a0with a no-break space and e\u0301 accents.",
    "İdlib and ǅemal: case that changes length when lowered.",
    "",
    "   \n\n  ",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_offsets_round_trip_and_cover_every_visible_character(text):
    doc = tokenize(text)
    covered = set()
    previous_end = 0
    for token in doc:
        assert text[token.start:token.end] == token.text
        assert token.start >= previous_end and token.end > token.start  # in order, no overlap
        assert not any(c.isspace() for c in token.text)
        covered.update(range(token.start, token.end))
        previous_end = token.end
    assert covered == {i for i, c in enumerate(text) if not c.isspace()}


def test_offsets_round_trip_on_the_bench_corpus():
    for article in corpus.articles(50):
        doc = tokenize(article.text)
        assert len(doc) > 0
        assert all(article.text[t.start:t.end] == t.text for t in doc)
        assert [(t.start, t.end) for t in doc] == word_spans(article.text)


@pytest.mark.parametrize(
    ("text", "shape"),
    [("UN", "upper"), ("U.S.", "upper"), ("Deir", "title"), ("A", "title"), ("ez-Zor", "mixed"),
     ("killed", "lower"), ("حلب", "uncased"), ("1,018", "digit"), ("—", "punct"), ("😢", "punct")],
)
def test_shape_is_the_capitalisation_class(text, shape):
    assert shape_of(text) == shape


def test_a_token_knows_its_lower_form_shape_sentence_and_paragraph():
    doc = tokenize("Gunmen killed 3 people. Police fled.\nMore news here.")
    police = doc[5]
    assert (police.text, police.lower, police.shape, police.sentence, police.paragraph) == ("Police", "police", "title", 1, 0)
    more = doc[8]
    assert (more.text, more.sentence, more.paragraph) == ("More", 2, 1)
    assert doc[2].is_digit and not doc[2].is_punct
    assert doc[4].is_punct and doc[4].text == "."


def test_lower_forms_survive_a_lower_case_that_changes_length():
    doc = tokenize("İdlib was shelled.")
    assert doc.lowers == ("i̇dlib", "was", "shelled", ".")
    assert doc[1].start == 6  # offsets are the original text's


def test_sentence_of_an_offset():
    text = "Gunmen killed 3 people. Police fled.\nMore news here."
    doc = tokenize(text)
    assert doc.sentence_of(0) == 0
    assert doc.sentence_of(text.index("Police")) == 1
    assert doc.sentence_of(text.index(" Police")) is None  # the space between two sentences
    assert doc.sentence_of(text.index("here")) == 2
    assert doc.sentence_of(len(text)) is None


def test_tokens_in_a_span_and_at_an_offset():
    text = "Gunmen killed 3 people. Police fled."
    doc = tokenize(text)
    start = text.index("killed")
    span = doc.tokens_in(start, text.index(" people") + len(" people"))
    assert [doc[i].text for i in span] == ["killed", "3", "people"]
    assert list(doc.tokens_in(start + 1, start + 3)) == []  # inside one word: no whole token
    assert doc.token_at(start + 2) == 1
    assert doc.token_at(start - 1) is None  # a space


def test_previous_and_next_stay_in_the_sentence_unless_asked():
    doc = tokenize("Gunmen killed 3 people. Police fled.")
    assert [t.text for t in doc.previous(3, 3)] == ["Gunmen", "killed", "3"]
    assert [t.text for t in doc.previous(1, 3)] == ["Gunmen"]
    assert doc.previous(5, 2) == ()  # "Police" opens its sentence
    assert [t.text for t in doc.previous(5, 2, same_sentence=False)] == ["people", "."]
    assert [t.text for t in doc.next(3, 3)] == ["."]
    assert [t.text for t in doc.next(3, 2, same_sentence=False)] == [".", "Police"]


def test_datelines_are_computed_once_with_the_tokens():
    text = "KHARTOUM, April 13 (Reuters) - Gunmen killed 3 people.\nBANGKOK (AP) — Police fled."
    doc = tokenize(text)
    first = len("KHARTOUM, April 13 (Reuters) - ")
    second = text.index("BANGKOK")
    assert doc.datelines == ((0, first), (second, second + len("BANGKOK (AP) — ")))
    assert doc.in_dateline(0) and doc.in_dateline(first - 2)
    assert not doc.in_dateline(text.index("Gunmen"))
    assert doc.in_dateline(second) and not doc.in_dateline(text.index("Police"))


def test_an_agency_dateline_with_the_town_in_title_case_is_a_dateline():
    # "Doro, SANA- ..." is where a state agency filed from, not where anything happened
    text = "Doro, SANA- The minister said the talks went well.\nKelva, ANP – Police fled."
    doc = tokenize(text)
    second = text.index("Kelva")
    assert doc.datelines == ((0, len("Doro, SANA- ")), (second, second + len("Kelva, ANP – ")))
    # a sentence that only opens with a town and a comma is not one
    assert tokenize("Doro, the capital, fell on Monday.").datelines == ()


def test_a_sentence_is_tokenised_when_first_read_and_the_whole_lists_agree():
    text = "Gunmen killed 3 people. Police fled.\nMore news here."
    doc = tokenize(text)
    assert doc.sentence_spans(1) == ((24, 31, 35), (30, 35, 36))  # "Police", "fled", "."
    assert doc.sentence_spans(1) is doc.sentence_spans(1)  # kept, not made again
    fresh = tokenize(text)
    assert fresh.starts == doc.starts and fresh.ends == doc.ends  # whatever was read first
    assert [doc.sentence_spans(k)[0] for k in range(3)] == [doc.starts[a:b] for a, b in doc.sentence_tokens]


@pytest.mark.parametrize(
    ("text", "n", "expected"),
    [
        ("Militants tried to attack", 3, ["Militants", "tried", "to"]),
        ("Militants tried to attack", 2, ["tried", "to"]),
        ("They did not, officials said, attack", 2, ["officials", "said,"]),  # words as split() cuts them
        # no character window: "prevented" is 57 characters back
        ("Soldiers prevented internationally-sanctioned paramilitaries from shelling", 4,
         ["prevented", "internationally-sanctioned", "paramilitaries", "from"]),
        ("Gunmen attacked. Shelling", 3, []),  # never the words of the sentence before
        ("Shelling", 2, []),
    ],
)
def test_the_words_before_an_offset_in_its_sentence(text, n, expected):
    doc = tokenize(text)
    offset = text.rindex(text.split()[-1])
    assert doc.words_before(offset, n) == expected


def test_the_words_before_in_lower_case_even_when_lowering_changes_the_length():
    for text in ("The İdlib Clashes", "The Idlib Clashes"):
        doc = tokenize(text)
        assert doc.words_before(text.index("Clashes"), 3, lower=True) == ["the", "İdlib".lower() if "İ" in text else "idlib"]
    assert tokenize("İdlib").lower_text is None and tokenize("Idlib").lower_text == "idlib"
