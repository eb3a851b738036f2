"""The place rules one name at a time: is it a place at all (``NAME_CHECKS``), what marks it
as a place (``PLACE_CUES``), and does the place act (``role``).

Each check reads a ``NameContext`` (the name, the words before it, the text after it, what the
lexicon knows); the words come from ``mapper/extract/lexicon/`` through ``place_words``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from mapper.extract.people import (
    NameContext, abbreviated_title_before, after_role_noun, described_as_person, described_by_role, speaks_as_person, title_inside,
    title_word, followers_after, in_person_pair, possessed_by_person, stop_before, titled,
)
from mapper.extract.place_words import (
    ACTION_VERBS, ACTOR_NOUNS_BEFORE, ANY_PREP, DIRECTION, FEATURE_MODIFIERS, FEATURE_NAMES, FEATURE_WORDS, FEATURES,
    ADMIN_WORDS, CURRENCIES, DEMONYM_ENDINGS, DEMONYM_ENDINGS_IN_A_NAME, DISTANCE_UNITS, FEATURE_NOT_OF, OF_CUES, SITUATES, SITUATES_APPOSITION, STRONG_PREP, UNIT_PLURALS, UP, WEAK_PREP, ORG_OF,
    alternation, unit_of,
)
from mapper.extract.short_forms import follows_place_with_state
from mapper.extract.words import (
    ACTOR_POSSESSED, CONTRACTIONS, DEMONYMS, FACILITY_WORDS, FUNCTION_WORDS, GROUP_NAMES, MONTHS, NEWS_AGENCIES, ORG_ACRONYMS, ORG_WORDS, RELIGIONS, SPEECH_VERBS,
    WEEKDAYS,
)
from mapper.extract.embedded import TITLE_HEADS

# a populated place this large is a place on a lexicon hit alone (places.py); smaller ones need a cue
MIN_POPULATION = 20000

_FEATURE_AFTER = re.compile(
    rf"^[ \t]+(?:(?:{alternation(FEATURE_MODIFIERS)})[ \t]+)?({FEATURES})\b", re.I)  # "Zamzam displacement camp"
_REGION_TAIL = (rf"(?:(?:{DIRECTION})\s+)?(?:the\s+)?[{UP}][\w’'‑-]*(?:\s+[{UP}][\w’'‑-]*)*"
                rf"(?:\s+(?:{alternation(ADMIN_WORDS)}))?")


def _situation(preps: str) -> str:
    """' (some 60 km) near/in/north of <Region>': where a text situates a place."""
    # ("about 100 kilometers (62 miles) north of": a qualifier and a conversion in brackets may come too)
    return (rf"\s+(?:(?:some|about|around|approximately|nearly|roughly)\s+)?(?:[\d.,]+\s*(?:{alternation(DISTANCE_UNITS)})"
            rf"(?:\s*\([^()]{{1,24}}\))?\s+)?"
            rf"(?P<prep>{preps})\s+(?P<region>{_REGION_TAIL})")


_APPOSITION = re.compile(
    rf"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?({FEATURES})\b(?:{_situation(alternation(SITUATES_APPOSITION))})?"
)
_SITUATED = re.compile(_situation(alternation(SITUATES)))  # "the Zamzam camp near El Fasher"
_IN_REGION = re.compile(rf"^,?\s+in\s+(?P<region>(?:{DIRECTION})\s+[{UP}][\w’'‑-]*)")
_NEXT_WORD = re.compile(r"^[ \t,]*([A-Za-z]+)")


# a single word that is one of these (or, for the last three, their plural) is never a place
_NEVER_A_PLACE = frozenset(WEEKDAYS) | frozenset(MONTHS) | FUNCTION_WORDS | DEMONYMS | RELIGIONS | GROUP_NAMES | ORG_ACRONYMS | NEWS_AGENCIES
_GROUP_WORDS = DEMONYMS | RELIGIONS | GROUP_NAMES


# "the LoC" (Line of Control), "DoD", "HoA": a short word with a capital after a small letter is an
# abbreviation; no place is written so (and "McAllen", "DeKalb" are longer)
_MIXED_ABBREVIATION = re.compile(r"[A-Z][a-z]{1,2}[A-Z][A-Za-z]?")


def not_a_place_word(name: str) -> bool:
    """"Monday", "The", "Syrians", "Alawite", "Fano", "UN": a word that is never a place by itself;
    nor is a short mixed-case abbreviation ("LoC", "DoD"), a single letter ("N" of "N.J.", "I"), a contraction ("I've", "He'd": common_words.csv) or
    demonyms joined by hyphens ("Russian-American")."""
    if len(name) == 1 or _MIXED_ABBREVIATION.fullmatch(name):
        return True
    low = name.lower()
    if ("'" in low or "’" in low) and low.replace("’", "'").endswith(CONTRACTIONS):
        return True
    if low in _NEVER_A_PLACE or (low.endswith("s") and low[:-1] in _GROUP_WORDS):
        return True
    # "Russian-American art", "the Arab-Israeli conflict": nationalities joined, never a place
    parts = low.replace("‑", "-").split("-")
    return len(parts) > 1 and all(part in DEMONYMS for part in parts)


def _is_group_word(low: str) -> bool:
    """A demonym, religion or armed-group name (also in plural)."""
    if low in _GROUP_WORDS or (low.endswith("s") and low[:-1] in _GROUP_WORDS):
        return True
    return low.endswith(DEMONYM_ENDINGS_IN_A_NAME)


_PUNCT = frozenset(",.;:!?”\"()[]")


def tail_words(before: str) -> list[str]:
    """The last words before a name (at most five), lower-case, cut at punctuation (a cue never
    crosses a comma); none when the name does not follow a space ("(Kutum", "“Kutum")."""
    if before and not before[-1].isspace():
        return []
    words = before.lower().split()[-5:]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w[-1] in _PUNCT:  # "Kutum, near" -> ["near"]
            return words[i + 1 :]
        if w[0] in _PUNCT:  # "(near" -> ["(near"]
            return words[i:]
    return words


def cue_of(tail: list[str]) -> tuple[str, str]:
    """("village", "village of") / ("", "residents of") / ("", "") from the words before a name."""
    w = tail[:-1] if tail and tail[-1] == "the" else tail
    if len(w) >= 2 and w[-1] == "of":
        two = " ".join(w[-3:-1]) if len(w) >= 3 else ""
        if two in FEATURE_WORDS:
            return two, f"{two} of"
        if w[-2] in FEATURE_WORDS and w[-2] not in FEATURE_NOT_OF:
            return w[-2], f"{w[-2]} of"
        if w[-2] in OF_CUES:
            return "", f"{w[-2]} of"
    return "", ""


def _feature_name(word: str) -> str:
    """The feature as written in the outputs: "Airbase" -> "base" (feature_nouns.csv)."""
    word = word.lower()
    return FEATURE_NAMES.get(word, word)


# -- is this name a place at all? -----------------------------------------------------------
PERSON, NO_PLACE, PERSON_AGAIN = "person", "no place", "person again"


def organisation_name(c: NameContext) -> bool:
    """"Syrian Observatory", "Health Ministry": an organisation word in an unknown name that is
    not a unit's name ("Bama Local Government Area"); "White House", "Crestwood School": a facility
    word after the first word, unless the lexicon knows the whole as a country or region; a facility
    or organisation word alone ("Congress") unless it is a country, a region or a large town."""
    if unit_of(c.low_words):
        return False
    if len(c.words) == 1 and (c.low_words[0] in FACILITY_WORDS or c.low_words[0] in ORG_WORDS):
        # "Church of Our Lady", "support in Congress", "Council of Europe"; not Temple, Texas
        return not c.country_like and (c.known is None or c.known.population < MIN_POPULATION)
    if len(c.words) > 1 and not FACILITY_WORDS.isdisjoint(c.low_words[1:]):
        return c.known is None or c.known.kind == "populated"  # "White House", "Crestwood School"
    return c.known is None and not ORG_WORDS.isdisjoint(c.low_words)


def group_name(c: NameContext) -> bool:
    """"Sunni Muslim", "Fano militia": an unknown run with a demonym, religion or armed group in it;
    not a unit's name ("Rapides Parish": "-ish" is no demonym there)."""
    return (len(c.words) > 1 and c.known is None and any(_is_group_word(w) for w in c.low_words)
            and not unit_of(c.low_words))


def demonym_word(c: NameContext) -> bool:
    """"Sudanese", "Eritreans": an unknown single word with a demonym ending and no feature cue."""
    return len(c.words) == 1 and c.known is None and not c.place_cue and c.low_words[0].endswith(DEMONYM_ENDINGS)


def has_followers(c: NameContext) -> bool:
    """"Assad loyalists", "Hemedti forces" are people; "Zamzam camp" (a feature noun) is not."""
    return not c.country_like and followers_after(c.after) and not _FEATURE_AFTER.match(c.after)


def names_a_business(c: NameContext) -> bool:
    """"Addenbrooke's Hospital", "McHale's Irish pub": a name the lexicon does not know, in the
    possessive before another capitalised word, is the owner in a business's or building's name,
    not a place (no feature cue: "the village of Tuwaym's Grand Mosque" keeps Tuwaym)."""
    if not c.possessive or c.known is not None or c.place_cue:
        return False
    nxt = _WORD_AFTER.match(c.text, c.end + 2)
    return nxt is not None and nxt.start(1) == c.end + 3 and nxt.group(1)[:1].isupper()


def names_a_currency(c: NameContext) -> bool:
    """"rioters protesting the high US dollar exchange rate": a place's name right before a
    currency word (place_cues.csv, currency) names the currency, not a place of the event."""
    nxt = _WORD_AFTER.match(c.text, c.end)
    return nxt is not None and nxt.group(1).lower() in CURRENCIES


# "Franklin D. ", "George H. W. ": a given name and middle initials right before a name
_GIVEN_AND_INITIALS = re.compile(rf"[{UP}][a-z]+(?:[ \t]+[{UP}]\.)+[ \t]+$")


def after_middle_initial(c: NameContext) -> bool:
    """"President Franklin D. Roosevelt", "George H. W. Bush": a name after a given name and its
    middle initials is a surname (the initial's stop cuts the run, so the title check cannot see it)."""
    return stop_before(c.text, c.start) and _GIVEN_AND_INITIALS.search(c.text, max(0, c.start - 40), c.start) is not None


_OPENS = re.compile(r"(?:^|[.!?:;]\s*[“\"‘']?|[“\"]|\n\s*)$")  # a sentence's or quotation's start before a name


def opening_participle(c: NameContext) -> bool:
    """"Sipping a coffee, he ...", "Seeing it as a tool": a word in -ing that opens a sentence and is
    followed by a function word ("a", "it", "the") is a verb; "Reading police said" stays a name."""
    if len(c.words) != 1 or not c.low_words[0].endswith("ing") or len(c.name) < 6:
        return False
    nxt = _WORD_AFTER.match(c.after)
    if nxt is None or nxt.group(1) not in FUNCTION_WORDS:
        return False
    return _OPENS.search(c.text, max(0, c.start - 3), c.start) is not None


def comma_adverb(c: NameContext) -> bool:
    """"Currently, the city holds elections", "Conceivably, ...": a word in -ly before a comma that
    the lexicon does not know is a sentence adverb, capitalised because it opens the sentence."""
    return (len(c.words) == 1 and c.known is None and len(c.name) > 4 and c.low_words[0].endswith("ly")
            and c.after[:1] == ",")


# In order: the first that holds decides. A person's name is remembered (People.mark).
NAME_CHECKS: tuple[tuple[str, Callable[[NameContext], bool], str], ...] = (
    ("title before", titled, PERSON),
    ("abbreviated title before", abbreviated_title_before, PERSON),
    ("title inside", lambda c: title_inside(c) > 0, PERSON),
    ("title alone", title_word, NO_PLACE),
    ("role noun before", after_role_noun, PERSON),
    ("age or 'who' after", described_as_person, PERSON),
    ("role noun after", described_by_role, PERSON),
    ("organisation word", organisation_name, NO_PLACE),
    ("group word", group_name, NO_PLACE),
    ("demonym", demonym_word, NO_PLACE),
    ("after a middle initial", after_middle_initial, PERSON),
    ("owner of a business", names_a_business, NO_PLACE),
    ("currency after", names_a_currency, NO_PLACE),
    ("sentence adverb", comma_adverb, NO_PLACE),
    ("opening participle", opening_participle, NO_PLACE),
    ("person relation before", in_person_pair, PERSON),
    ("followers after", has_followers, PERSON),
    ("person's possession", possessed_by_person, PERSON),
    ("speaks", speaks_as_person, PERSON),  # last: "News Russia announces" is an organisation's heading
)


# -- what marks it as a place ---------------------------------------------------------------
@dataclass(slots=True)
class Cue:
    """How the text marks a place: the feature noun ("village"), the region it is situated in
    ("central Syria"), the cue as written ("village of", "a village in", "X camp", "near") and
    whether the cue is enough on its own (strong) or also needs a lexicon hit (weak)."""

    feature: str = ""
    region: str = ""
    cue: str = ""
    strong: bool = False


_WORD_AFTER = re.compile(r"[ \t]*([^\W\d_][\w’'-]*)")
_DIRECTION_WORD = re.compile(DIRECTION)


def _apposition_closes(after: str, end: int) -> bool:
    """An apposition is a noun phrase: after its feature noun comes punctuation, a preposition or
    a function word ("Tuwaym, a village of Hama", "Kutum, the town where"), never a verb: in
    "Currently, the city holds elections" the noun phrase is the subject and "Currently" no place."""
    m = _WORD_AFTER.match(after, end)
    if m is None:
        return True
    word = m.group(1)
    return not word.islower() or word in ANY_PREP or word in FUNCTION_WORDS or word in _DISTANCE_QUALIFIERS \
        or _DIRECTION_WORD.fullmatch(word) is not None


# "Baibangou, a village about 100 kilometers north of the capital": a distance follows the noun
_DISTANCE_QUALIFIERS = frozenset({"about", "some", "around", "approximately", "nearly", "roughly"})


def apposition_cue(c: NameContext, cue: Cue) -> Cue:
    """"Tuwaym, a village in central Syria": feature "village", region "central Syria"."""
    m = _APPOSITION.match(c.after) if c.after[:1] == "," else None
    if not m or not (m.group("region") or _apposition_closes(c.after, m.end())):
        return cue
    region = (m.group("region") or "").strip()
    return Cue(cue.feature or _feature_name(m.group(1)), region,
               cue.cue or (f"{m.group(1)} {m.group('prep')}" if region else f"a {m.group(1)}"), True)


def in_region_cue(c: NameContext, cue: Cue) -> Cue:
    """"Tawila in northern Darfur": the region, when no apposition gave one."""
    if cue.region or c.after[:1] not in ", ":
        return cue
    m = _IN_REGION.match(c.after)
    return Cue(cue.feature, m.group("region"), cue.cue, cue.strong) if m else cue


def feature_noun_cue(c: NameContext, cue: Cue) -> Cue:
    """"Zamzam camp", "the Hmeimim airbase": a feature noun after the name; "the Zamzam camp
    near El Fasher" also gives the region the article situates it in."""
    m = _FEATURE_AFTER.match(c.after) if c.after[:1] == " " and not c.possessive else None
    if not m:
        return cue
    region = cue.region
    near = _SITUATED.match(c.after, m.end()) if not region else None
    if near:
        region = near.group("region").strip()
    return Cue(cue.feature or _feature_name(m.group(1)), region, cue.cue or f"X {m.group(1)}", True)


def preposition_cue(c: NameContext, cue: Cue) -> Cue:
    """"in/near/outside X" (strong), "at/from/to X" (weak); "the camp at Kalma": a feature noun
    just before in/at is the name's feature."""
    if cue.cue or not c.tail:
        return cue
    w = c.tail[:-1] if c.tail[-1] == "the" else c.tail
    prep = w[-1] if w else ""
    feature = cue.feature
    if prep in ("in", "at") and len(w) >= 2 and not feature:
        if w[-2] in FEATURE_WORDS:
            feature = _feature_name(w[-2])
        elif " ".join(w[-3:-1]) in FEATURE_WORDS:
            feature = _feature_name(" ".join(w[-3:-1]))
    if prep in STRONG_PREP:
        return Cue(feature, cue.region, prep, True)
    if prep in WEAK_PREP:
        return Cue(feature, cue.region, prep, cue.strong)
    return cue if feature == cue.feature else Cue(feature, cue.region, cue.cue, cue.strong)


def unit_name_cue(c: NameContext, cue: Cue) -> Cue:
    """"Licking County", "Rapides Parish", "Kajiado District": a name ending with a capitalised unit
    word (feature_nouns.csv, unit_name) is that unit; "County" alone is not."""
    unit = unit_of(c.low_words)
    if not unit:
        return cue
    return Cue(unit, cue.region, cue.cue or f"X {unit}", True)



# " counties", " and Cherokee counties", ", Pike and Bell counties": the plural unit word after a list of names
_PLURAL_UNIT = re.compile(
    rf"^(?:(?:,[ \t]+|,?[ \t]+(?:and|or)[ \t]+)[{UP}][\w’'.-]*(?:[ \t][{UP}][\w’'.-]*)*)*[ \t]+({alternation(list(UNIT_PLURALS))})\b")


def plural_unit_cue(c: NameContext, cue: Cue) -> Cue:
    """"Anderson and Cherokee counties", "Bell counties": each name before a plural unit word is that unit."""
    m = _PLURAL_UNIT.match(c.after) if c.after[:1] in ", " and not c.possessive else None
    if m is None:
        return cue
    return Cue(cue.feature or UNIT_PLURALS[m.group(1)], cue.region, cue.cue or f"X {m.group(1)}", True)


def state_after_cue(c: NameContext, cue: Cue) -> Cue:
    """"Morgantown, W.Va.", "Austin, TX": a state or province short form after the name makes
    it a place (place_short_forms.csv, after_place)."""
    if cue.cue or not follows_place_with_state(c.after):
        return cue
    return Cue(cue.feature, cue.region, "X, state", True)


# In order: each may add what the earlier ones left empty.
PLACE_CUES: tuple[tuple[str, Callable[[NameContext, Cue], Cue]], ...] = (
    ("unit name", unit_name_cue),
    ("plural unit after", plural_unit_cue),
    ("apposition", apposition_cue),
    ("in region", in_region_cue),
    ("feature noun after", feature_noun_cue),
    ("state after", state_after_cue),
    ("preposition before", preposition_cue),
)


def place_cue(c: NameContext, cue: Cue) -> Cue:
    """The cue the words before the name give ("the village of X"), then PLACE_CUES in order."""
    for _name, rule in PLACE_CUES:
        cue = rule(c, cue)
    return cue


def dateline_cue(c: NameContext, cue: Cue, datelines: tuple[tuple[int, int], ...]) -> Cue | None:
    """"KHARTOUM, April 13 (Reuters) -": a name in a dateline has cue "dateline"; the agency in
    brackets is no place (None)."""
    for da, db in datelines:
        if da <= c.start < db:
            if "(" in c.text[da : c.start] and c.text[da] != "(":
                return None  # the agency: "(Reuters)", "(AP)"
            cue = Cue(cue.feature, cue.region, "dateline", True)
    return cue


# -- place or actor --------------------------------------------------------------------------
def part_of_org_name(c: NameContext, before: str) -> bool:
    """"Forces for the Liberation of Rwanda": the place is part of a capitalised name."""
    tail = c.tail
    if not (tail and tail[-1] in ("of", "for") and len(tail) >= 2 and tail[-2] in ORG_OF):
        return False
    org_word = before.rstrip()[: -len(tail[-1])].rstrip().rsplit(None, 1)[-1]
    return org_word[:1].isupper()


# "protested outside the regional administration in Kharkiv": the institution's building, a place
_AT_A_BUILDING = STRONG_PREP | {"at", "opposite", "front"}


def _building_before(c: NameContext) -> bool:
    """Whether a locative preposition stands in the four words before "<actor noun> in X"."""
    words = c.text[max(0, c.start - 100) : c.start].lower().split()[:-2]
    for word in reversed(words[-4:]):
        if word[-1:] in _PUNCT:
            return False  # a cue never crosses a comma
        if word in _AT_A_BUILDING:
            return True
    return False


def acting_place(c: NameContext, feature: str) -> bool:
    """"France expressed", "Russia kills", "the government in Damascus", "France's foreign
    ministry", "a Myanmar military airstrike": the place acts or speaks; after a preposition
    it stays a location ("a strike on Dnipro killed")."""
    w = c.tail[:-1] if c.tail and c.tail[-1] == "the" else c.tail
    after_prep = bool(w) and w[-1] in ANY_PREP
    nxt = _NEXT_WORD.match(c.after)
    next_word = nxt.group(1).lower() if nxt and not c.possessive else ""
    if ((next_word in SPEECH_VERBS or next_word in ACTION_VERBS) and not after_prep) or (
            len(w) >= 2 and w[-1] in ("in", "of") and w[-2] in ACTOR_NOUNS_BEFORE and not _building_before(c)):
        return True
    if c.possessive:
        pos_next = _NEXT_WORD.match(c.text[c.end + 2 : c.end + 40])
        return pos_next is not None and pos_next.group(1).lower() in ACTOR_POSSESSED
    return feature == "country" and not after_prep and next_word in ACTOR_POSSESSED


# "said Forbesganj sub-divisional officer S K Albela": the place, then up to two lower-case words, a
# title or role noun (people_words.csv) and a capitalised name: the official's jurisdiction
_TITLE_AFTER = re.compile(rf"^[ \t]+(?:[a-z]+(?:-[a-z]+)*[ \t]+){{0,2}}?(?:{alternation(sorted(TITLE_HEADS))})"
                          r"[ \t]+[A-Z]")


def role(c: NameContext, before: str, cue: str, feature: str) -> str:
    if part_of_org_name(c, before):
        return "embedded"  # "Forces for the Liberation of Rwanda": inside an organisation's name
    if _TITLE_AFTER.match(c.after):
        return "embedded"  # "Forbesganj sub-divisional officer S K Albela": in a person's title
    if (c.country_like or c.known is not None or cue) and acting_place(c, feature):
        return "actor"
    return "location"

