"""actor_words.csv: the actor vocabulary is data; actor_rules.py builds the regexes from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lexicon_copy import append_line, load_error

from mapper.errors import LexiconError
from mapper.extract.actor_rules import RULES, ActorRules, last_words
from mapper.extract.actors import actor_phrases
from mapper.extract.vocabulary import SCHEMAS, read_table


def _rules(folder: Path) -> ActorRules:
    return ActorRules.of(*(read_table(folder, SCHEMAS[name]) for name in
                           ("actor_words.csv", "armed_groups.csv", "number_words.csv")))


def test_a_noun_added_to_the_data_heads_actor_phrases_and_is_non_state(folder):
    assert not RULES.actor.search("Armed vigilantes stormed the village")
    append_line(folder, "actor_words.csv", "vigilantes,noun|non_state,")
    rules = _rules(folder)
    assert rules.actor.search("Armed vigilantes stormed the village").group(0) == "Armed vigilantes"
    assert rules.non_state.search("vigilantes")


def test_the_shipped_words_make_the_phrases():
    text = "Pro-government militias loyal to the new government attacked. Military sources said so."
    assert [p for _, _, p in actor_phrases(text, 0, len(text))] == [
        "Pro-government militias loyal to the new government"]  # "Military sources": an informant
    assert RULES.crowd_of.search("Hundreds of angry farmers marched").group(1) == "angry farmers"
    assert RULES.state.search("riot police") and not RULES.state.search("protesters")
    assert "army" in RULES.needs_article and "authorities" not in RULES.needs_article


def test_an_unknown_kind_is_an_error_with_file_and_line(folder):
    line = append_line(folder, "actor_words.csv", "vigilantes,noun|hero,")
    assert load_error(folder).startswith(f"{folder / 'actor_words.csv'}:{line}: kinds 'hero' is not one of: noun,")


def test_a_duplicate_word_is_an_error(folder):
    line = append_line(folder, "actor_words.csv", "gunmen,noun,")
    with pytest.raises(LexiconError, match=f"actor_words.csv:{line}: duplicate pattern 'gunmen'"):
        read_table(folder, SCHEMAS["actor_words.csv"])


def test_a_kind_read_as_words_refuses_a_pattern(folder):
    line = append_line(folder, "actor_words.csv", r"th(?:is|at),article,")
    with pytest.raises(LexiconError, match=f"actor_words.csv:{line}: kind 'article' takes plain words only"):
        _rules(folder)


def test_strike_endings_come_from_the_strike_nouns(folder):
    assert last_words(r"air\s*strikes?") == ("strike", "strikes")
    assert last_words("bombardment") == ("bombardment",)
    assert last_words(r"(?:mortar|rocket)\s+fire") == ("fire",)
    assert last_words("sh(?:ells|elling)") is None
    append_line(folder, "actor_words.csv", r"mortar\s+rounds?,strike_noun,")
    rules = _rules(folder)
    assert rules.strike_endings is not None and "rounds" in rules.strike_endings
    assert rules.strike_demonym.search("a Russian mortar rounds").group(1) == "Russian"
    append_line(folder, "actor_words.csv", "sh(?:ells|elled),strike_noun,")
    assert _rules(folder).strike_endings is None  # cannot tell: the check is skipped, never wrong
