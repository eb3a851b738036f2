"""Whether an article is in English, and if not, in which language or script.

The incident rules read English ("were killed", "at least 12"): on a French or Arabic wire they
would invent incidents out of capitalised words and numbers. So an article is checked first:

- a text whose letters are mostly of another script (Arabic, Cyrillic, ...) is in that script;
- else its function words (lexicon/language_words.csv) are counted: a text with at least
  ``MIN_HITS`` of them where English has under ``ENGLISH_SHARE`` of the hits and another language
  has the most is in that language ("Le bilan est de 12 morts dans la ville" is French).

A short note with too few function words to tell is read as English, as before.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache

from mapper.extract.vocabulary import table

MIN_HITS = 12
ENGLISH_SHARE = 0.3
SCRIPT_SHARE = 0.5  # of a text's letters
SAMPLE_CHARS = 5_000  # the start of a long text is enough to tell, and keeps the check cheap
_WORD = re.compile(r"[^\W\d_]+")
_NOT_ASCII_LETTERS = re.compile(r"[^A-Za-z]+")
_OTHER_LETTERS = re.compile(r"[^\W\d_A-Za-z]")


@cache
def _languages() -> dict[str, tuple[str, ...]]:
    return {row.text("word"): row.items("languages") for row in table("language_words.csv")}


def language_of(text: str) -> str:
    """"English", another language's name ("French"), a script's ("Arabic script"), or "English"
    when the text gives too little to tell."""
    sample = text[:SAMPLE_CHARS]
    script = _script(sample)
    if script:
        return script
    counts: Counter[str] = Counter()
    languages = _languages()
    # each distinct word looked up once, weighed by how often it occurs (the same totals)
    for word, times in Counter(_WORD.findall(sample.lower())).items():
        for language in languages.get(word, ()):
            counts[language] += times
    hits = sum(counts.values())
    if hits < MIN_HITS or counts["English"] >= ENGLISH_SHARE * hits:
        return "English"
    top, _ = max(sorted(counts.items()), key=lambda item: item[1])
    return top


def _script(sample: str) -> str:
    """The script most letters are in, when it is not Latin ("Arabic script"), else ""."""
    if sample.isascii():
        return ""  # every letter is Latin (most English copy: no letter counted)
    others = _OTHER_LETTERS.findall(sample)
    if not others:
        return ""  # curly quotes and dashes, but every letter Latin: nothing else to count
    # the ASCII letters counted as what is left once every run of other characters is removed
    # (one match per run, not one per letter)
    scripts: Counter[str] = Counter({"LATIN": len(_NOT_ASCII_LETTERS.sub("", sample))})
    for char, times in Counter(others).items():  # only the letters outside ASCII are looked up
        name = unicodedata.name(char, "")
        scripts[name.split(" ", 1)[0] if name else "?"] += times
    letters = sum(scripts.values())
    if not letters:
        return ""
    script, count = max(sorted(scripts.items()), key=lambda item: item[1])
    return f"{script.title()} script" if script != "LATIN" and count >= SCRIPT_SHARE * letters else ""
