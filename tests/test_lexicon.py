"""The vocabulary files (mapper/extract/lexicon/*.csv): the loader's checks, and that a word
added to the data reaches the rules that use it."""

from __future__ import annotations

import datetime as dt
import re
import shutil

from lexicon_copy import append_line, load_error

from mapper.articles import Article
from mapper.errors import LexiconError, MapperError
from mapper.extract import extract_article, vocabulary
from mapper.extract.numbers import find_counts, left_word, literal_stem
from mapper.extract.vocabulary import PACKAGE_FOLDER, SCHEMAS, load, read_table
from mapper.lexicon import DictLexicon, KnownName


def test_the_shipped_files_load_and_every_schema_has_a_file():
    tables = load()
    assert set(tables) == set(SCHEMAS)
    assert set(p.name for p in PACKAGE_FOLDER.glob("*.csv")) == set(SCHEMAS)
    assert all(rows for rows in tables.values())
    assert issubclass(LexiconError, MapperError)


def test_load_is_cached():
    assert load() is load()


def test_a_copy_of_the_shipped_folder_loads_the_same_rows(folder):
    vocabulary._load.cache_clear()
    copied = load(folder)
    def values(tables):
        return {name: [row.values for row in rows] for name, rows in tables.items()}

    assert values(copied) == values(load())


def test_duplicate_trigger_names_file_line_and_first_line(folder):
    first = next(r for r in read_table(folder, SCHEMAS["triggers.csv"]) if r.text("pattern") == "shelled")
    line = append_line(folder, "triggers.csv", "shelled,Battles,Armed clash,70,strong,violence,")
    expected = f"{folder / 'triggers.csv'}:{line}: duplicate pattern 'shelled' (first on line {first.line})"
    assert load_error(folder) == expected


def test_unknown_event_type(folder):
    line = append_line(folder, "triggers.csv", "stoned,Violence,Attack,50,strong,violence,")
    message = load_error(folder)
    assert message.startswith(f"{folder / 'triggers.csv'}:{line}: event_type 'Violence' is not one of: Battles,")


def test_bad_priority_and_bad_strength(folder):
    line = append_line(folder, "triggers.csv", "stoned,Riots,Mob violence,high,strong,protest,")
    assert load_error(folder) == f"{folder / 'triggers.csv'}:{line}: priority must be a whole number, not 'high'"
    shutil.copy(PACKAGE_FOLDER / "triggers.csv", folder / "triggers.csv")
    line = append_line(folder, "triggers.csv", "stoned,Riots,Mob violence,55,medium,protest,")
    assert "strength 'medium' is not one of: strong, weak" in load_error(folder)


def test_a_plain_phrase_that_another_line_already_matches_is_an_overlap(folder):
    # "ambush(?:ed|es)?" (Armed clash, 70) already claims "ambushes": a second line would type it twice
    ambush = next(r for r in read_table(folder, SCHEMAS["triggers.csv"]) if r.text("pattern") == "ambush(?:ed|es)?")
    line = append_line(folder, "triggers.csv", "ambushes,Violence against civilians,Attack,30,weak,violence,")
    assert load_error(folder) == (f"{folder / 'triggers.csv'}:{line}: pattern 'ambushes' is also matched by line "
                                  f"{ambush.line} ('ambush(?:ed|es)?')")


def test_a_bad_regular_expression(folder):
    line = append_line(folder, "triggers.csv", "(?:stoned,Riots,Violent demonstration,55,strong,protest,")
    assert load_error(folder).startswith(f"{folder / 'triggers.csv'}:{line}: bad pattern '(?:stoned'")


def test_unknown_and_missing_columns(folder):
    path = folder / "demonyms.csv"
    path.write_text("word,note,origin\nsyrian,,\n", encoding="utf-8")
    assert load_error(folder) == f"{path}:1: unknown column 'origin' (columns: note, word)"
    path.write_text("# a comment first\nnote\nsyrian\n", encoding="utf-8")
    assert load_error(folder) == f"{path}:2: missing column 'word'"


def test_too_many_fields_empty_value_and_upper_case(folder):
    line = append_line(folder, "religions.csv", "zoroastrian,a note,more")
    expected = f"{folder / 'religions.csv'}:{line}: 3 fields for 2 columns (quote a value that holds a comma)"
    assert load_error(folder) == expected
    shutil.copy(PACKAGE_FOLDER / "religions.csv", folder / "religions.csv")
    line = append_line(folder, "religions.csv", ",no word")
    assert load_error(folder) == f"{folder / 'religions.csv'}:{line}: empty word"
    shutil.copy(PACKAGE_FOLDER / "religions.csv", folder / "religions.csv")
    line = append_line(folder, "religions.csv", "Zoroastrian,")
    assert load_error(folder) == f"{folder / 'religions.csv'}:{line}: word 'Zoroastrian' must be lower-case"


def test_a_word_in_two_files_that_must_be_disjoint(folder):
    demonym_line = next(r.line for r in read_table(folder, SCHEMAS["demonyms.csv"]) if r.text("word") == "syrian")
    line = append_line(folder, "religions.csv", "syrian,")
    expected = f"{folder / 'religions.csv'}:{line}: 'syrian' is also in demonyms.csv (line {demonym_line})"
    assert load_error(folder) == expected


def test_an_armed_group_alias_that_another_group_has(folder):
    line = append_line(folder, "armed_groups.csv", "Islamic State West Africa,isil,non_state,NG,,")
    assert load_error(folder) == f"{folder / 'armed_groups.csv'}:{line}: duplicate name 'isil' (first on line " + str(
        next(r.line for r in read_table(PACKAGE_FOLDER, SCHEMAS["armed_groups.csv"]) if r.text("name") == "ISIS")) + ")"


def test_bad_list_item_and_missing_file(folder):
    line = append_line(folder, "people_words.csv", "herald,title|poet,")
    assert load_error(folder).startswith(f"{folder / 'people_words.csv'}:{line}: kinds 'poet' is not one of: title,")
    (folder / "people_words.csv").unlink()
    assert load_error(folder) == f"{folder / 'people_words.csv'}: missing vocabulary file"


def test_not_utf8(folder):
    (folder / "demonyms.csv").write_bytes("word,note\nkurd\xe9,\n".encode("latin-1"))
    assert load_error(folder).startswith(f"{folder / 'demonyms.csv'}: not UTF-8")


# -- the FSA / Fano disagreement: one armed-groups table serves places and actors -------------

# "Fano" is also a town of 60,000 in Italy; the FSA is in no gazetteer.
LEX = DictLexicon({
    "Fano": KnownName("populated", 60_000, "IT"), "Gondar": KnownName("populated", 320_000, "ET"),
    "Idlib": KnownName("populated", 165_000, "SY"),
})


def _extract(text: str):
    return extract_article(Article("t", text, dt.date(2025, 3, 10)), LEX)


def test_fano_is_an_actor_not_a_place():
    result = _extract("Fano attacked government positions near Gondar on Sunday, killing 12 soldiers.")
    assert [p.name for p in result.places] == ["Gondar"]
    assert [(i.actor1, i.location) for i in result.incidents] == [("Fano", "Gondar")]


def test_the_fsa_gets_an_actor():
    result = _extract("The FSA attacked regime positions in Idlib on Sunday, killing 5 soldiers.")
    assert [(i.actor1, i.location) for i in result.incidents] == [("FSA", "Idlib")]


# -- a word added to the data reaches both the rule and its fast pre-check -------------------

def test_a_casualty_word_added_to_the_data_reaches_the_regex_and_its_stems(folder):
    rows = read_table(folder, SCHEMAS["casualty_words.csv"])
    before = left_word(rows, "left_killed")
    assert not before.found("gunmen slew ")
    append_line(folder, "casualty_words.csv", "slew,left_killed,")
    after = left_word(read_table(folder, SCHEMAS["casualty_words.csv"]), "left_killed")
    assert "slew" in after.stems
    assert after.found("gunmen slew ") and after.found("gunmen slew at least ")


def test_literal_stems():
    assert literal_stem(r"toll\s+(?:\w+\s+){0,3}(?:to|at)") == "toll"
    assert literal_stem("attacks?") == "attack"
    assert literal_stem("(?:roadside|car)\\s+bombs?") == ""
    assert literal_stem("claimed\\s+the\\s+lives\\s+of") == "claimed"


def test_every_left_casualty_word_passes_its_pre_check():
    """Each shipped 'left' word, written as in a sentence, is found: no stem is missing."""
    for kind, sample, expected in (("left_killed", "killing 12", "killed"), ("left_wounded", "wounding 12", "wounded")):
        rule = left_word(vocabulary.table("casualty_words.csv"), kind)
        for row in vocabulary.table("casualty_words.csv"):
            if kind in row.items("kinds") and re.fullmatch(r"[a-z]+", row.text("pattern")):
                assert rule.found(f"they said {row.text('pattern')} "), row.text("pattern")
        assert [c.kind for c in find_counts(f"The attack hit a market, {sample} people.")] == [expected]
