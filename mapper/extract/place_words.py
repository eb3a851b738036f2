"""The words of the place and person rules, built from ``mapper/extract/lexicon/``; none is written here.

- directions.csv: compass words ("north-east": also "northeast", "north-eastern") and
  positions ("central", "upper") that open a region phrase;
- region_words.csv: the heads of "Syria's coast", the modifiers and nouns of "the border
  region", the admin words that may end a region ("Idlib province");
- place_cues.csv: prepositions (strong, weak, any), "residents of" words, feature
  modifiers, actor nouns and verbs, organisation words, name affixes and particles;
- person_cues.csv: follower nouns, person relations ("loyal to"), a person's possessions,
  origin words ("a resident of");
- feature_nouns.csv: the feature nouns ("village", "refugee camp").

The grammar of the patterns (optional hyphens, "-ern", number slots, spaces) is written
here; each alternative of a pattern is a row of a file, in file order.
"""

from __future__ import annotations

import re

from mapper.errors import LexiconError
from mapper.extract.vocabulary import PACKAGE_FOLDER, Row, table

_KINDS = "kinds"


def _rows(name: str, kind: str) -> tuple[Row, ...]:
    return tuple(r for r in table(name) if kind in r.items(_KINDS))


def _words(name: str, kind: str) -> tuple[str, ...]:
    """The ``word`` values of ``name`` whose kinds include ``kind``, in file order."""
    return tuple(r.text("word") for r in _rows(name, kind))


def alternation(words: tuple[str, ...] | list[str]) -> str:
    """"a|b c|d" for a regular expression: each word literal."""
    return "|".join(re.escape(w) for w in words)


def _fail(row: Row, message: str) -> LexiconError:
    return LexiconError(f"{PACKAGE_FOLDER / row.file}:{row.line}: {message}")


def check_prefix_order(rows: tuple[Row, ...]) -> None:
    """A phrase must come before a word it starts with ("border areas" before "border"):
    alternatives are tried in file order and the shorter one would always win."""
    seen: list[Row] = []
    for row in rows:
        for earlier in seen:
            if row.text("word").startswith(earlier.text("word") + " "):
                raise _fail(row, f"{row.text('word')!r} must come before {earlier.text('word')!r} "
                                 f"(line {earlier.line}), or it never matches")
        seen.append(row)


def check_pairs(rows: tuple[Row, ...]) -> None:
    """A person relation is two words ("loyal to"): the rule compares the two words before a name."""
    for row in rows:
        if len(row.text("word").split()) != 2:
            raise _fail(row, f"relation {row.text('word')!r} must be two words")


# -- directions.csv ------------------------------------------------------------------------------
_DIRECTION_ROWS = table("directions.csv")
COMPASS = tuple(r.text("word") for r in _DIRECTION_ROWS if r.text("kind") == "compass")
POSITIONS = tuple(r.text("word") for r in _DIRECTION_ROWS if r.text("kind") == "position")
COMPASS_UNHYPHENATED = tuple(dict.fromkeys(w.replace("-", "") for w in COMPASS))  # "northeast"
# "north", "north-?east" with an optional "-ern", or a position: "north-eastern", "central"
DIRECTION = (
    "(?:" + "|".join(re.escape(w).replace(r"\-", "-?") for w in COMPASS) + ")(?:ern)?|" + alternation(POSITIONS)
)

# -- region_words.csv ----------------------------------------------------------------------------
_POSSESSED_ROWS = _rows("region_words.csv", "possessed")
check_prefix_order(_POSSESSED_ROWS)
REGION_POSSESSED = tuple(r.text("word") for r in _POSSESSED_ROWS) + COMPASS_UNHYPHENATED  # "Syria's coast"
# lower-case words a region phrase can be found from: a direction or the first word of a possessed head
REGION_LEADS = tuple(dict.fromkeys(w.split()[0] for w in _words("region_words.csv", "possessed")))
REGION_MODIFIERS = _words("region_words.csv", "modifier")  # "the border region"
REGION_AREAS = _words("region_words.csv", "area")
REGION_PARTS = _words("region_words.csv", "part")  # "Marfa in the eastern part of Hama"
ADMIN_WORDS = _words("region_words.csv", "admin")  # "a village in Idlib province"

# -- place_cues.csv ------------------------------------------------------------------------------
_CUES = "place_cues.csv"
STRONG_PREP = frozenset(_words(_CUES, "strong_prep"))  # "in Kutum": a place on its own
WEAK_PREP = frozenset(_words(_CUES, "weak_prep"))  # "from Kutum": with any lexicon hit
ANY_PREP = frozenset(_words(_CUES, "preposition"))  # "a strike on Dnipro": stays a location
CONTAINER_GAP = _words(_CUES, "container_gap")  # "the Qarnat front (Wadi Sufla, Marib)": see unlisted.py
PLACE_VERBS = _words(_CUES, "place_verb")  # "shelled Dardara in al-Hasakeh": see unlisted.py
CURRENCIES = frozenset(_words(_CUES, "currency"))  # "the US dollar": a currency, no place
SITUATES = _words(_CUES, "situates")  # "the Zamzam camp near El Fasher"
SITUATES_APPOSITION = SITUATES + _words(_CUES, "situates_apposition")  # "Tuwaym, a village of Hama"
# "residents of X", "north of X": compass words with and without hyphen, simple ones also with -ern
OF_CUES = frozenset(_words(_CUES, "of_cue")) | frozenset(COMPASS) | frozenset(COMPASS_UNHYPHENATED) | frozenset(
    w + "ern" for w in COMPASS if "-" not in w)
FEATURE_NOT_OF = frozenset(_words(_CUES, "feature_not_of"))  # "the capital of Sudan": Sudan is no capital
DISTANCE_UNITS = _words(_CUES, "distance_unit")  # "some 60 km north of El Fasher"
FEATURE_MODIFIERS = _words(_CUES, "feature_modifier")  # "the Zamzam displacement camp"
ACTOR_NOUNS_BEFORE = frozenset(_words(_CUES, "actor_before"))  # "the government in Damascus"
ACTION_VERBS = frozenset(_words(_CUES, "action_verb"))  # "Russia kills"
ORG_OF = frozenset(_words(_CUES, "org_of"))  # "Forces for the Liberation of Rwanda"
NAME_AFFIXES = _words(_CUES, "name_affix")  # "RSF-backed"
NAME_PARTICLES = _words(_CUES, "name_particle")  # "Jebel al Marra"
ENGLISH_PARTICLES = frozenset(_words(_CUES, "english_particle"))  # "Paris as Real Madrid": two names
LEADING_ARTICLES = _words(_CUES, "leading_article")  # "in el Mina"

# -- person_cues.csv -----------------------------------------------------------------------------
_PERSON = "person_cues.csv"
FOLLOWERS = _words(_PERSON, "follower")  # "Assad loyalists"
_RELATION_ROWS = _rows(_PERSON, "relation")
check_pairs(_RELATION_ROWS)
PERSON_RELATIONS = frozenset(tuple(r.text("word").split()) for r in _RELATION_ROWS)  # ("loyal", "to")
PERSON_POSSESSED = frozenset(_words(_PERSON, "possessed"))  # "Assad's ousting"
ORIGINS = _words(_PERSON, "origin")  # "a resident of Tawila"
ORIGIN_FEATURES = _words(_PERSON, "origin_feature")  # "a farmer from the village of Kutum"
AGE_ARTICLES = _words(_PERSON, "age_article")  # ", a 57-year-old"
AGE_UNITS = _words(_PERSON, "age_unit")  # "year old" (written "year-old" too)
AGE_BEFORE = _words(_PERSON, "age_before")  # ", aged 45,"
RELATIVE_PRONOUNS = _words(_PERSON, "relative_pronoun")  # ", who fled"
PLACE_BEFORE_RELATION = frozenset(_words(_PERSON, "place_before_relation"))  # "located close to Doro"

# -- feature_nouns.csv (in file order: "refugee camp" is tried before "camp") ----------------------
_FEATURE_ROWS = table("feature_nouns.csv")
FEATURES = alternation([r.text("word") for r in _FEATURE_ROWS])
# the nouns of class settlement ("village", "town", "city"), longest first
SETTLEMENT_WORDS = tuple(sorted((r.text("word") for r in _FEATURE_ROWS if r.text("class") == "settlement"),
                                key=len, reverse=True))
FEATURE_NAMES = {r.text("word"): r.text("feature") for r in _FEATURE_ROWS}  # "airbase" -> "base"
FEATURE_WORDS = frozenset(FEATURE_NAMES)
# "Licking County", "Bama Local Government Area": (words of the unit, lower case) -> feature
UNIT_NAMES = {tuple(r.text("word").split()): r.text("feature") for r in _FEATURE_ROWS if r.text("unit_name")}
UNIT_LENGTHS = tuple(sorted({len(words) for words in UNIT_NAMES}, reverse=True))



def plural(word: str) -> str:
    """"county" -> "counties", "parish" -> "parishes", "district" -> "districts"."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "es" if word.endswith(("sh", "ch", "s", "x")) else word + "s"


# "Anderson and Cherokee counties": plural unit word -> feature (single-word units of feature_nouns.csv)
UNIT_PLURALS = {plural(words[0]): feature for words, feature in UNIT_NAMES.items() if len(words) == 1}


def unit_of(low_words: list[str]) -> str:
    """The feature of the unit word(s) that end a name of more words ("licking county" -> "county"), or ""."""
    for n in UNIT_LENGTHS:
        if len(low_words) > n and tuple(low_words[-n:]) in UNIT_NAMES:
            return UNIT_NAMES[tuple(low_words[-n:])]
    return ""


# -- demonym_endings.csv: "Syrian", "Sudanese", "Eritreans" ------------------------------------------
_ENDINGS = table("demonym_endings.csv")
DEMONYM_ENDINGS = tuple(r.text("ending") for r in _ENDINGS)  # a single word so ending is no place
DEMONYM_ENDINGS_IN_A_NAME = tuple(r.text("ending") for r in _ENDINGS if r.text("also_in_a_name"))

# -- place_cues.csv: the article prefixes of a name ("al-Fashir", "Ash-Sham", "d'Ivoire") ------------


def article_prefixes(rows: tuple[Row, ...]) -> tuple[tuple[str, str], ...]:
    """(first letter, rest) of the prefixes, as regex parts: an article_prefix may be capitalised
    ("[Aa]"), an elided_article not ("[dl]", rest ""); two-letter prefixes with the same first
    letter share one class ("[Aa]", "[dlnrstz]"); parts in order of first appearance."""
    parts: dict[tuple[str, bool], list[str]] = {}
    for row in rows:
        word, kinds = row.text("word"), row.items(_KINDS)
        if "elided_article" in kinds:
            if len(word) != 1:
                raise LexiconError(f"{row.file}:{row.line}: an elided_article is one letter")
            parts.setdefault(("", False), []).append(word)
        elif "article_prefix" in kinds:
            if not re.fullmatch("[a-z]{2,}", word):
                raise LexiconError(f"{row.file}:{row.line}: an article_prefix is two letters or more")
            key = (word[0], len(word) == 2)
            parts.setdefault(key if key[1] else (word, False), []).append(word[1:])
    out = []
    for (first, shared), rests in parts.items():
        if not first:  # the elided ones: lower case only
            out.append((f"[{''.join(sorted(rests))}]", ""))
        elif shared:
            out.append((f"[{first.upper()}{first}]", f"[{''.join(sorted(rests))}]"))
        else:
            out.append((f"[{first[0].upper()}{first[0]}]", rests[0]))
    return tuple(out)


ARTICLE_PREFIXES = article_prefixes(table(_CUES))

# -- the grammar of a capitalised word -----------------------------------------------------------
UP = "A-Z\u00C0-\u00DE\u0100-\u017F"
NAME_SEP = "[-‑‐’']"  # between an article prefix and the name
# "Kutum", "al-Fashir", "Ash-Sham", "d'Ivoire": an optional article prefix, then a capital
CAPWORD = (rf"(?<![\w’'‑-])(?:(?:{'|'.join(first + rest for first, rest in ARTICLE_PREFIXES)}){NAME_SEP})?"
           rf"[{UP}][\w]*(?:[-‑‐'’][\w]+)*")
