"""context_words.csv and the `context` of triggers.csv: the words around a trigger are data."""

from __future__ import annotations

from pathlib import Path

import pytest
from lexicon_copy import append_line, load_error

from mapper.errors import LexiconError
from mapper.extract.lexicon_events import find_triggers, in_context, is_irrealis, plain_words, words_re
from mapper.extract.vocabulary import SCHEMAS, read_table


def _rows(folder: Path):
    return read_table(folder, SCHEMAS["context_words.csv"])


def test_triggers_carry_their_context_condition():
    contexts = {t.text: t.context for t in find_triggers("They attacked; he fled; they protested; protesters; shelling")}
    assert contexts == {"attacked": "armed", "fled": "group_moves", "protested": "crowd", "protesters": "",
                        "shelling": ""}


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The minister attacked the budget.", False),
    ("Gunmen attacked a bus.", True),
    ("He protested his innocence.", False),
    ("Students protested in the capital.", True),
    ("The suspect fled the scene.", False),
    ("Families fled the town.", True),
])
def test_in_context_reads_the_trigger_context(sentence, expected):
    trigger = find_triggers(sentence)[0]
    assert in_context(trigger.family, trigger, sentence) is expected


def test_irrealis_words():
    assert is_irrealis("militants tried to ") and is_irrealis("they did not ") and is_irrealis("prevented them from ")
    assert not is_irrealis("militants ")


def test_a_word_added_to_the_data_reaches_its_rule(folder):
    assert "hesitated" not in plain_words(_rows(folder), "attempt")
    append_line(folder, "context_words.csv", "hesitated,attempt,")
    assert "hesitated" in plain_words(_rows(folder), "attempt")
    assert "machine\\s+guns?" not in words_re("armed_context", _rows(folder))
    append_line(folder, "context_words.csv", "machine\\s+guns?,armed_context,")
    assert words_re("armed_context", _rows(folder)).endswith("|machine\\s+guns?")


def test_a_pattern_where_words_are_compared_is_an_error(folder):
    line = append_line(folder, "context_words.csv", "tr(?:y|ies),attempt,")
    with pytest.raises(LexiconError, match=f"context_words.csv:{line}: kind 'attempt' takes plain words only"):
        plain_words(_rows(folder), "attempt")


def test_unknown_kind_and_unknown_trigger_context_are_errors(folder):
    line = append_line(folder, "context_words.csv", "hesitated,doubt,")
    assert load_error(folder).startswith(f"{folder / 'context_words.csv'}:{line}: kinds 'doubt' is not one of: attempt,")
    line = append_line(folder, "triggers.csv", "stormed,Battles,Armed clash,70,strong,violence,weapons,")
    with pytest.raises(LexiconError, match=f"triggers.csv:{line}: context 'weapons' is not one of: armed, crowd"):
        read_table(folder, SCHEMAS["triggers.csv"])


# -- context.py: feature nouns referred back to, pronoun speakers --------------------------

def test_referred_feature_nouns_and_pronoun_speech_verbs_come_from_the_data():
    from mapper.extract.context import _PRONOUN_SPEAKER, THE_FEATURE
    assert THE_FEATURE.search("shelling hit the market  town again").group(1) == "market  town"
    assert THE_FEATURE.search("residents of the neighborhood") and not THE_FEATURE.search("across the area")
    assert _PRONOUN_SPEAKER.search("Later she recalled the night") and not _PRONOUN_SPEAKER.search("later she wrote")


def test_a_bad_referred_value_is_an_error(folder):
    line = append_line(folder, "feature_nouns.csv", "hillside,hillside,other,,no")
    with pytest.raises(LexiconError, match=f"feature_nouns.csv:{line}: referred 'no' is not one of: yes"):
        read_table(folder, SCHEMAS["feature_nouns.csv"])


@pytest.mark.parametrize("sentence", [
    "Talks are expected to resume next month.", "TALKS ARE EXPECTED TO RESUME.", "Talks are expected to resume; 3 were killed.",
    "The truce is due to take effect.", "Power was cut due to the unrest.", "They wİll meet.", "Talks are expected to reſume.",
    "The sides wıll hold talks.", "Fighting continued.",
])
def test_prospective_lower_case_path_agrees_with_the_case_insensitive_rule(sentence):
    from mapper.extract.lexicon_events import _DONE, _PROSPECTIVE, is_prospective
    assert is_prospective(sentence) == (_PROSPECTIVE.search(sentence) is not None and _DONE.search(sentence) is None)
