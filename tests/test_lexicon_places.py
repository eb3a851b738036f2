"""The place and person vocabulary files (directions.csv, region_words.csv, place_cues.csv,
person_cues.csv): the loader's checks, the checks of place_words, and that the patterns hold
what the rows say."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from lexicon_copy import append_line, load_error

from mapper.errors import LexiconError
from mapper.extract import place_words, vocabulary
from mapper.extract.people import NameContext, in_person_pair
from mapper.extract.regions import GENERIC, POSSESSIVE
from mapper.extract.vocabulary import PACKAGE_FOLDER, SCHEMAS, load, read_table

FILES = ("directions.csv", "region_words.csv", "place_cues.csv", "person_cues.csv")


def test_the_files_have_schemas_and_rows() -> None:
    for name in FILES:
        assert name in SCHEMAS and load()[name]


def test_a_direction_twice_names_both_lines(folder: Path) -> None:
    first = next(r.line for r in read_table(folder, SCHEMAS["directions.csv"]) if r.text("word") == "north")
    line = append_line(folder, "directions.csv", "north,position,")
    assert load_error(folder) == f"{folder / 'directions.csv'}:{line}: duplicate word 'north' (first on line {first})"


def test_an_unknown_kind_and_an_unknown_column(folder: Path) -> None:
    line = append_line(folder, "place_cues.csv", "amid,strong_prep|nearby,")
    assert load_error(folder).startswith(f"{folder / 'place_cues.csv'}:{line}: kinds 'nearby' is not one of: strong_prep,")
    shutil.copy(PACKAGE_FOLDER / "place_cues.csv", folder / "place_cues.csv")
    line = append_line(folder, "region_words.csv", "Plateau,area,")
    assert load_error(folder) == f"{folder / 'region_words.csv'}:{line}: word 'Plateau' must be lower-case"
    shutil.copy(PACKAGE_FOLDER / "region_words.csv", folder / "region_words.csv")
    (folder / "person_cues.csv").write_text("word,kinds,source\nclan,follower,x\n", encoding="utf-8")
    assert load_error(folder) == f"{folder / 'person_cues.csv'}:1: unknown column 'source' (columns: kinds, note, word)"


def test_a_phrase_after_the_word_it_starts_with_is_refused() -> None:
    rows = read_table(PACKAGE_FOLDER, SCHEMAS["region_words.csv"])
    border = next(r for r in rows if r.text("word") == "border")
    late = vocabulary.Row("region_words.csv", 99, {"word": "border zone", "kinds": "possessed", "note": ""})
    with pytest.raises(LexiconError, match=r"region_words.csv:99: 'border zone' must come before 'border' \(line "
                                           + str(border.line) + r"\)"):
        place_words.check_prefix_order((border, late))


def test_a_relation_must_be_two_words() -> None:
    row = vocabulary.Row("person_cues.csv", 7, {"word": "loyal", "kinds": "relation", "note": ""})
    with pytest.raises(LexiconError, match=r"person_cues.csv:7: relation 'loyal' must be two words"):
        place_words.check_pairs((row,))


def test_the_patterns_hold_the_rows() -> None:
    for row in load()["region_words.csv"]:
        word = row.text("word")
        if "possessed" in row.items("kinds"):
            assert POSSESSIVE.fullmatch(f"Syria’s {word}"), word
        if "area" in row.items("kinds"):
            assert GENERIC.fullmatch(f"the border {word}"), word
    for row in load()["directions.csv"]:
        word = row.text("word")
        assert re.fullmatch(place_words.DIRECTION, word)
        if row.text("kind") == "compass":
            assert re.fullmatch(place_words.DIRECTION, word.replace("-", "") + "ern")
            assert word in place_words.OF_CUES and word.replace("-", "") in place_words.OF_CUES


def test_a_relation_row_makes_a_person() -> None:
    text = "fighters loyal to Assad attacked"
    start = text.index("Assad")
    c = NameContext(text, start, start + 5, "Assad", ["Assad"], ["assad"], ["fighters", "loyal", "to"],
                    text[start + 5:], False, None, False, False)
    assert in_person_pair(c)
    assert ("loyal", "to") in place_words.PERSON_RELATIONS


def test_every_article_prefix_joins_its_name() -> None:
    capword = re.compile(place_words.CAPWORD)
    assert capword.fullmatch("Kutum") and not capword.fullmatch("xy-Kutum")
    for row in load()["place_cues.csv"]:
        word, kinds = row.text("word"), row.items("kinds")
        if "article_prefix" in kinds:
            for written in (word, word.capitalize()):
                assert capword.fullmatch(f"{written}-Fashir") and capword.fullmatch(f"{written}’Fashir"), written
        if "elided_article" in kinds:
            assert capword.fullmatch(f"{word}'Ivoire") and not capword.fullmatch(f"{word}x'Ivoire"), word


@pytest.mark.parametrize(("line", "message"), [
    ("abu,article_prefix|name_particle,", None),
    ("a,article_prefix,", "an article_prefix is two letters or more"),
    ("de,elided_article,", "an elided_article is one letter"),
])
def test_an_article_prefix_row_is_checked(line: str, message: str | None) -> None:
    word, kinds, _ = line.split(",")
    row = vocabulary.Row("place_cues.csv", 9, {"word": word, "kinds": kinds, "note": ""})
    if message is None:
        assert ("[Aa]", "bu") in place_words.article_prefixes((row,))
    else:
        with pytest.raises(LexiconError, match=f"place_cues.csv:9: {message}"):
            place_words.article_prefixes((row,))


def test_every_demonym_ending_makes_a_word_no_place(folder: Path) -> None:
    from test_extract_people import context

    from mapper.extract.place_checks import demonym_word, group_name

    for row in load()["demonym_endings.csv"]:
        word = "Zorb" + row.text("ending")
        assert demonym_word(context(f"{word} fled", word, [])), word
        assert group_name(context(f"the {word} Qarl", f"{word} Qarl", ["the"])) == bool(row.text("also_in_a_name")), word
    assert not demonym_word(context("Zorbum fled", "Zorbum", []))
    line = append_line(folder, "demonym_endings.csv", "ian,,")
    assert "demonym_endings.csv:" + str(line) + ": duplicate ending 'ian'" in load_error(folder)


def _described(after: str) -> bool:
    from mapper.extract.people import described_as_person

    text = "Zorb Qarl" + after
    return described_as_person(NameContext(text, 0, 9, "Zorb Qarl", ["Zorb", "Qarl"], ["zorb", "qarl"], [], after,
                                           False, None, False, False))


def test_every_age_and_relative_pronoun_row_makes_a_person() -> None:
    assert not _described(", a farmer, said") and not _described(", 45 km away") and _described(", 45, said")
    for article in place_words.AGE_ARTICLES:
        for unit in place_words.AGE_UNITS:
            assert _described(f", {article} 57-{unit.replace(' ', '-')} farmer"), (article, unit)
            assert _described(f", {article} 57 {unit} farmer"), (article, unit)
    for word in place_words.AGE_BEFORE:
        assert _described(f", {word} 45, said"), word
    for word in place_words.RELATIVE_PRONOUNS:
        assert _described(f", {word} fled") and not _described(f", {word}ever fled"), word
