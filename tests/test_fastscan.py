"""fastscan.Scanner: public regex APIs only, and exactly the matches of a plain word-start finditer."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from pathlib import Path

import pytest

import mapper.extract
from mapper.extract.fastscan import WORD_START, Scanner, lead_pattern, prefixes

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import corpus  # bench/corpus.py

_PRIVATE_MODULES = {"sre_parse", "sre_compile", "sre_constants"}


def _imports_private(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(a.name.split(".")[0] in _PRIVATE_MODULES for a in node.names)
    if isinstance(node, ast.ImportFrom) and node.module is not None:
        return (node.module.split(".")[0] in _PRIVATE_MODULES or node.module.startswith("re._")
                or (node.module == "re" and any(a.name.startswith("_") for a in node.names)))
    return False


def _private_re_uses(source: str) -> list[int]:
    """Lines that import or reach a private part of ``re`` ("from re import _parser",
    "re._parser.parse(p)", "import sre_parse": private, and renamed between 3.10 and 3.11)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if _imports_private(node) or (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                                      and node.value.id == "re" and node.attr.startswith("_")):
            lines.append(node.lineno)
    return lines


def test_no_module_of_mapper_uses_private_re_internals():
    offenders = []
    for path in sorted((ROOT / "mapper").rglob("*.py")):
        for number in _private_re_uses(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


@pytest.mark.parametrize("source", ["from re import _parser as P", "import re\ntree = re._parser.parse('a')",
                                    "import sre_parse", "from re._constants import LITERAL"])
def test_the_private_re_check_sees_an_offender(source):
    assert _private_re_uses(source) != []


def test_the_private_re_check_passes_public_use():
    assert _private_re_uses("import re\nwords = re.compile('a|b')\nfrom re import Match") == []


@pytest.mark.parametrize(
    ("pattern", "n", "expected"),
    [
        (r"ab|c\s+d", 3, {"ab", "c d", "c  "}),  # "\s+" may be one space or two within 3 chars
        (r"[a-c]x", 2, {"ax", "bx", "cx"}),
        (r"\d{2}", 3, {"00"}),  # every digit written "0"
        (r"a\w", 1, {"a"}),  # "\w" is not reached within one character
        (r"(?<!x)\bab(?=c)", 3, {"ab"}),  # lookarounds and \b are zero width
        (r"(?P<q>at\s+least|over)\s+\d", 3, {"at ", "ove"}),
        (r"[\x41-\x43]", 1, {"A", "B", "C"}),
        (r"a{b", 3, {"a{b"}),  # "{" that is no quantifier is a literal
        (r"a+?b", 3, {"ab", "aab", "aaa"}),
        (r"x{2,}y", 3, {"xxy", "xxx"}),
        (r"[-.]z", 2, {"-z", ".z"}),
        (r"(?:kill(?:ed|ing)?)", 6, {"kill", "killed", "killin"}),
    ],
)
def test_prefixes_are_every_start_a_match_can_have(pattern, n, expected):
    assert prefixes(pattern, n) == expected


@pytest.mark.parametrize("pattern", [r"\w+x", r"a\w", r".b", r"[^a]b", r"(a)\1", r"(?i:ab)"])
def test_what_cannot_be_listed_gives_no_prefixes_within_reach(pattern):
    assert prefixes(pattern, 2) is None


def test_a_pattern_without_listable_prefixes_scans_every_word_start():
    scanner = Scanner(r"\w+ed\b")
    assert scanner.lead.pattern == WORD_START
    text = "they killed 3 and wounded 10; fed up"
    assert [m.group(0) for m in scanner.finditer(text)] == ["killed", "wounded", "fed"]


def test_a_pattern_that_can_match_nothing_scans_every_word_start():
    assert prefixes(r"x|", 2) == {"", "x"}
    assert lead_pattern(r"x|") == WORD_START


def test_the_lead_is_a_trie_of_the_longest_listable_prefixes():
    assert lead_pattern(r"shelled|shelling|struck") == WORD_START + "(?=s(?:hell(?:e|i)|truck))"


def test_finditer_respects_start_and_end():
    scanner = Scanner(r"killed\b")
    text = "killed here, killed there, killed"
    assert [m.start() for m in scanner.finditer(text, 1)] == [13, 27]
    assert [m.start() for m in scanner.finditer(text, 0, 20)] == [0, 13]


def _module_scanners() -> dict[str, Scanner]:
    """Every Scanner the extraction modules build at import time, by module.name."""
    found = {}
    for info in pkgutil.iter_modules(mapper.extract.__path__):
        module = importlib.import_module(f"mapper.extract.{info.name}")
        for name, value in vars(module).items():
            if isinstance(value, Scanner):
                found[f"{info.name}.{name}"] = value
    return found


def test_every_callers_scanner_finds_what_a_plain_word_start_finditer_finds():
    scanners = _module_scanners()
    assert len(scanners) >= 5, sorted(scanners)  # the trigger, date, number, actor and region tables
    # the corpus, plus onsets and single and definite victims it never writes ("Fighting broke out ...")
    extra = ["Fighting broke out on Monday after clashes erupted near the border and flared up again.",
             "The violence began when protests were triggered by arrests.",
             "Gunmen shot dead a young man and a woman was killed in the south of the town.",
             "Shelling hit the northern region and the border areas.",
             "The driver died later in hospital; witnesses said the gunmen had shot him."]
    texts = [text.lower() for text in [article.text for article in corpus.articles(200)] + extra]
    for name, scanner in scanners.items():
        plain = re.compile(WORD_START + "(?:" + scanner.full.pattern + ")")
        found = 0
        for text in texts:
            fast = [(m.span(), m.groupdict()) for m in scanner.finditer(text)]
            slow = [(m.span(), m.groupdict()) for m in plain.finditer(text)]
            assert fast == slow, name
            found += len(fast)
        assert found > 0, name  # the corpus exercises every table


def test_a_branch_scanner_finds_the_spans_and_branches_of_the_whole_table():
    from mapper.extract.fastscan import BranchScanner
    from mapper.extract.lexicon_events import _BRANCHES, _TRIGGER_LOWER

    assert isinstance(_TRIGGER_LOWER, BranchScanner)
    plain = re.compile(WORD_START + r"\b(?:" + "|".join(_BRANCHES) + r")\b")
    extra = ["Troops\u00a0shelled the town; 3\u00a0killed, shootings and  clashes at 12:00 — airstrikes.", "killed", ""]
    texts = [text.lower() for text in [article.text for article in corpus.articles(200)] + extra]
    found = 0
    for text in texts:
        for start, end in ((0, None), (5, len(text) - 7)):
            fast = [(m.span(), m.lastgroup) for m in _TRIGGER_LOWER.finditer(text, start, end)]
            slow = [(m.span(), m.lastgroup) for m in plain.finditer(text, start, len(text) if end is None else end)]
            assert fast == slow
            found += len(fast)
    assert found > 1000


def test_a_branch_scanner_tries_only_the_branches_a_character_can_start():
    from mapper.extract.fastscan import BranchScanner

    scanner = BranchScanner(r"\b", ["(?P<a>ab+)", r"(?P<b>\d+x)", r"(?P<c>\s*z)", "(?P<d>a\\w)"], r"\b")
    plain = re.compile(WORD_START + r"\b(?:" + "|".join(scanner.branches) + r")\b")
    text = "abb 12x ab7 a1 \u0663x z ab"
    found = [(m.group(), m.lastgroup) for m in scanner.finditer(text)]
    assert found == [(m.group(), m.lastgroup) for m in plain.finditer(text)]
    assert ("\u0663x", "b") in found and ("a1", "d") in found  # an Arabic-Indic digit is a \d
    assert scanner._pattern("a") is not None and "(?P<b>" not in scanner._pattern("a").pattern
