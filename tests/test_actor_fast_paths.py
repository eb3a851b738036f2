"""The speed paths of actors.py, lexicon_events.py and sentences.py find exactly what their plain rule finds,
on the generated bench corpus (bench/corpus.py) and on texts with the letters that re.I and
str.lower() treat differently (İ ı ſ K)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from mapper.extract import actors
from mapper.extract.lexicon_events import _DONE, _PROSPECTIVE, is_prospective
from mapper.extract.sentences import split_sentences

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import corpus  # bench/corpus.py  # noqa: E402

_TRAPS = ["Armed gunmen (İslamic militants) attacked; the RSF and ISIS fighters fled.",
          "GUNMEN and ſoldiers, pro-government MILITIAS loyal to the new government, attacked.",
          "The army shelled Tawila; 12 rebels were killed by Sudanese forces; Army officers said so.",
          "Russian drone strikes hit; a Russian\nshelling; an Israeli airstrike; KIA rebels."]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return [a.text for a in corpus.articles(120)] + _TRAPS


def test_actor_matches_are_the_plain_finditer(texts):
    found = 0
    for text in texts:
        for start, end in ((0, len(text)), (len(text) // 3, len(text) - 7)):
            fast = [m.span() for m in actors._actor_matches(text, start, end)]
            assert fast == [m.span() for m in actors.ACTOR_RE.finditer(text, start, end)]
            found += len(fast)
    assert found > 100


def test_named_group_scan_is_the_plain_alternation(texts):
    found = 0
    for text in texts:
        fast = [m.span() for m in actors._NAMED_GROUP_SCAN.finditer(text)]
        assert fast == [m.span() for m in actors._NAMED_GROUP.finditer(text)]
        found += len(fast)
    assert found > 20


def test_victim_count_pre_check_and_strike_pre_check_never_hide_a_match(texts):
    for text in texts:
        for m in actors.ACTOR_RE.finditer(text):
            before = text[max(0, m.start() - 30) : m.start()]
            assert actors._victim_count_before(before) == (actors._VICTIM_COUNT.search(before) is not None)
            window = text[max(0, m.start() - 40) : m.end()]
            if actors._STRIKE_DEMONYM.search(window):
                assert window.rstrip("\n").endswith(actors.RULES.strike_endings or ())


def test_prospective_fast_path_agrees_on_every_sentence(texts):
    prospective = 0
    for text in texts:
        for s in split_sentences(text):
            plain = _PROSPECTIVE.search(s.text) is not None and _DONE.search(s.text) is None
            assert is_prospective(s.text) == plain, s.text
            prospective += plain
    assert prospective > 0


def test_the_sentence_boundary_finds_what_the_lookbehind_first_rule_finds(texts):
    import random
    import re

    from mapper.extract.sentences import _BOUNDARY

    plain = re.compile(r"(?<![.!?])[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u00C0-\u024F])")
    rng = random.Random(3)
    alphabet = [".", "!", "?", " ", "A", "a", '"', "”", ")", "1", "\n", "É"]
    cases = [(t, 0, len(t)) for t in texts]
    for _ in range(5000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14)))
        start = rng.randint(0, len(t))
        cases.append((t, start, rng.randint(start, len(t))))
    for t, start, end in cases:
        assert [m.span() for m in _BOUNDARY.finditer(t, start, end)] == [m.span() for m in plain.finditer(t, start, end)]


def test_the_short_form_scan_finds_what_its_lookbehind_first_rule_finds(texts):
    import random
    import re

    from mapper.extract.short_forms import _FORM, _FORM_RULE, _ROWS

    plain = re.compile(_FORM_RULE)
    rng = random.Random(5)
    pieces = [*sorted(_ROWS), " ", ".", "a", "A", ",", "\n", "-", "é", "_", "1"]
    cases = list(texts) + ["U.S.A. and the U.S., UAE.US.A (D.R.C.) W.Va. Va. xU.S. .UK UKx"]
    cases += ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(5000)]
    for t in cases:
        assert [m.span() for m in _FORM.finditer(t)] == [m.span() for m in plain.finditer(t)]
