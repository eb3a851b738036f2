"""Whether an article is in English, and if not, in which language or script.

The incident rules read English ("were killed", "at least 12"): on a French or Arabic wire they
would invent incidents out of capitalised words and numbers. So an article is checked first,
by a language detector (lingua, built once per process, restricted to ``LANGUAGES``: the
languages wire copy about conflicts comes in; its low-accuracy mode, trigrams only, is exact
enough on a paragraph and loads in a tenth of a second), deterministic:

- a text whose letters are mostly of another script (Arabic, Cyrillic, ...) is in the
  detector's language of that script ("Arabic", "Persian", "Ukrainian"), or in that script
  ("Hebrew script") when the detector is not sure;
- a Latin text of at least ``MIN_WORDS`` words is in the detector's language when it is at least
  ``MIN_CONFIDENCE`` sure of it, unless that is another language than English and English has at
  least ``MIN_ENGLISH_HITS`` and ``ENGLISH_SHARE`` of the function words (an English note full of
  Spanish names: "members of Tropa del Infierno clashed with police in colonia ...");
- else (a short note, an undecided text) its function words (lexicon/language_words.csv) are
  counted: a text with at least ``MIN_HITS`` of them where English has under ``ENGLISH_SHARE`` of
  the hits and another language has the most is in that language.

A short note with too few words to tell is read as English ("Clashes in Goma." is not German).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from itertools import islice

from mapper.extract.vocabulary import table

MIN_HITS = 12
MIN_WORDS = 20  # a Latin text shorter than this is not given to the detector
MIN_CONFIDENCE = 0.8
MIN_ENGLISH_HITS = 4  # English function words that outvote the detector's other Latin language
LANGUAGES = ("ENGLISH", "FRENCH", "SPANISH", "PORTUGUESE", "GERMAN", "ITALIAN", "DUTCH", "TURKISH", "RUSSIAN",
             "UKRAINIAN", "ARABIC", "PERSIAN", "URDU", "HINDI", "SWAHILI", "SOMALI", "INDONESIAN", "CHINESE", "HEBREW")
ENGLISH_SHARE = 0.3
SCRIPT_SHARE = 0.5  # of a text's letters
SAMPLE_CHARS = 5_000  # the start of a long text is enough to tell, and keeps the check cheap
_WORD = re.compile(r"[^\W\d_]+")
# the same words in an ASCII text, where a letter is one of A-Z, a-z: a plain class is matched
# faster than the Unicode categories of _WORD
_ASCII_WORD = re.compile(r"[A-Za-z]+")
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
        return _detected(sample, 0.5, script) or script
    counts = _function_words(sample)
    if _has_words(sample, MIN_WORDS):
        # "On 29 April, in Nuevo Laredo, Tamaulipas, members of Tropa del Infierno clashed with
        # police in colonia Manuel Cavazos Lerma": Spanish names make the detector's trigrams
        # Spanish, but the words that hold the sentence together are English. Such a text is
        # English whatever the detector says (its other language is outvoted, and "not sure" or
        # "English" give English too), so the detector, most of the check's cost, is not asked.
        if _mostly_english(counts, MIN_ENGLISH_HITS):
            return "English"
        found = _detected(sample, MIN_CONFIDENCE)
        if found:
            return found
    return _by_function_words(counts)


def _has_words(sample: str, least: int) -> bool:
    """Whether the sample holds at least ``least`` words (the scan stops there: a long text's
    every word was listed only to be counted)."""
    return sum(1 for _ in islice(_words_of(sample).finditer(sample), least)) >= least


def _words_of(sample: str) -> re.Pattern[str]:
    return _ASCII_WORD if sample.isascii() else _WORD


def _function_words(sample: str) -> Counter[str]:
    counts: Counter[str] = Counter()
    languages = _languages()
    # each distinct word looked up once, weighed by how often it occurs (the same totals)
    for word, times in Counter(_words_of(sample).findall(sample.lower())).items():
        for language in languages.get(word, ()):
            counts[language] += times
    return counts


def _mostly_english(counts: Counter[str], least: int) -> bool:
    hits = sum(counts.values())
    return counts["English"] >= least and counts["English"] >= ENGLISH_SHARE * hits


def _by_function_words(counts: Counter[str]) -> str:
    if sum(counts.values()) < MIN_HITS or _mostly_english(counts, 0):
        return "English"
    top, _ = max(sorted(counts.items()), key=lambda item: item[1])
    return top


_LATIN_LANGUAGES = frozenset({"English", "French", "Spanish", "Portuguese", "German", "Italian", "Dutch", "Turkish",
                               "Swahili", "Somali", "Indonesian"})


def _detected(sample: str, confidence: float, script: str = "") -> str:
    """The detector's language when it is at least ``confidence`` sure ("French"), else ''. With a
    ``script``, only a language written in another script than Latin counts."""
    best = _detector().compute_language_confidence_values(sample)
    if not best or best[0].value < confidence:
        return ""
    name = best[0].language.name.title()
    if script and name in _LATIN_LANGUAGES:
        return ""
    return name


@cache
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


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
