"""Place mentions (geoparsing) with rules an analyst would apply to any article.

A capitalised token sequence becomes a place mention when
1. it is not a weekday, month, demonym/nationality, religion/sect, organisation
   (contains Ministry, Observatory, Press, ...) or person (title before it, a role
   noun before it, ", a 57-year-old ..." / ", who ..." after it, a speech verb after
   it, or a word of a person's full name seen earlier), and
2. either the lexicon knows it as a country, first-level region or a populated place of
   at least ``MIN_POPULATION`` people (and it is not a common English word), or the
   text marks it as a place: "the village/town/city of X", "residents of X",
   "X, a village in ...", "the X airbase", "X province", "in/near/outside X"
   (strong cues, enough on their own) or "at/from/to/into X" (weak cues, which also
   need a lexicon hit of any size).
Once a name is accepted, its other mentions in the same article are places too.
Common English words and very common given names that GeoNames also lists as towns
("Police", "Mobile", "Hassan", "Ali"), organisation acronyms ("UN") and religious words
("Allah", "Ramadan") are never places on a lexicon hit alone.
"Democratic Republic of Congo": runs joined by "of" when the lexicon knows the whole.
A country or city used as a speaker, agent or institution ("France expressed",
"Russia kills", "France's foreign ministry", "the government in Damascus",
"Forces for the Liberation of Rwanda") gets role "actor"; after a preposition it stays a
location ("a strike on Dnipro killed").
A dateline ("KHARTOUM, April 13 (Reuters) -") gives a mention with cue "dateline" (where the
story was filed; incidents never use it); the agency in brackets is not a place.
Region phrases ("central Syria", "Syria's coast", "the coastal region") are
mentions with feature "region" and cue "region phrase".
Feature is the cue noun ("village", "town", "city", "camp", "base", "district", ...),
"country" for a lexicon country; region is the area an apposition gives
("Tuwaym, a village in central Syria" -> "central Syria").
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Callable

from mapper.extract.fastscan import Scanner
from mapper.extract.model import PlaceMention, Sentence
from mapper.extract.people import (
    NameContext, People, after_role_noun, described_as_person, followers_after, in_person_pair, possessed_by_person, titled,
)
from mapper.extract.sentences import dateline_spans
from mapper.extract.vocabulary import table
from mapper.extract.words import (
    ACTOR_POSSESSED, COMMON_WORD_PLACES, DEMONYMS, FUNCTION_WORDS, GROUP_NAMES, MONTHS, ORG_ACRONYMS, ORG_WORDS,
    PERSONAL_NAMES, RELIGIONS, SPEECH_VERBS, WEEKDAYS,
)
from mapper.lexicon import KnownName

MIN_POPULATION = 20000
# Longer capitalised runs are headings or junk, not place names ("the village of Kaaa…" with
# 100,000 letters would become a geocoder query and a cell in every output).
MAX_PLACE_NAME_CHARS = 120

_UP = "A-Z\u00C0-\u00DE\u0100-\u017F"
_CAPWORD = rf"(?<![\w’'‑-])(?:(?:[Aa][dlnrstz]|[Ee][dlnrsz]|[Aa]sh|[Uu][lm]|[dl])[-‑‐’'])?[{_UP}][\w]*(?:[-‑‐'’][\w]+)*"
_PARTICLE = r"(?:al|el|ad|ar|as|an|at|az|ash|es|ez|en|er|de|del|della|di|da|do|dos|das|du|la|le|les|van|von|der|den|bin|ibn|abu|ul|y)"
# _CAPWORD for scanning a whole text, written to start with a character class so that the
# engine skips every position no match can start at (the lookbehind comes after the first
# character; the particle branches check that character with lookbehinds). Same matches.
_SEP = "[-‑‐’']"
_WORD = re.compile(
    rf"[AaEeUudl{_UP}](?<![\w’'‑-].)"
    rf"(?:(?<=[Aa])[dlnrstz]{_SEP}[{_UP}]|(?<=[Ee])[dlnrsz]{_SEP}[{_UP}]|(?<=[Aa])sh{_SEP}[{_UP}]|(?<=[Uu])[lm]{_SEP}[{_UP}]"
    rf"|(?<=[dl]){_SEP}[{_UP}]|(?<=[{_UP}]))"
    rf"[\w]*(?:[-‑‐'’][\w]+)*"
)
_AFFIX = re.compile(r"[-‑](?:backed|led|based|born|allied|aligned|controlled|held|run|linked|style|era|bound|made)$", re.I)

# feature_nouns.csv, in file order: "refugee camp" is tried before "camp"
_FEATURE_ROWS = table("feature_nouns.csv")
FEATURES = "|".join(re.escape(r.text("word")) for r in _FEATURE_ROWS)
_FEATURE_NAMES = {r.text("word"): r.text("feature") for r in _FEATURE_ROWS}  # "airbase" -> "base"
_STRONG_PREP = frozenset({"in", "near", "outside", "around", "inside", "across"})
_WEAK_PREP = frozenset({"at", "from", "to", "into", "toward", "towards", "through", "between", "via"})
_FEATURE_AFTER = re.compile(rf"^[ \t]+(?:(?:displacement|refugee|idp|military|army|police|border|main|central|old)[ \t]+)?({FEATURES})\b", re.I)
_DIRECTION = r"(?:north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?|central|upper|lower|coastal"
_REGION_TAIL = rf"(?:(?:{_DIRECTION})\s+)?(?:the\s+)?[{_UP}][\w’'‑-]*(?:\s+[{_UP}][\w’'‑-]*)*(?:\s+(?:province|region|state|governorate|district|oblast))?"
_NEAR_PREPS = "in|near|outside|north of|south of|east of|west of|close to"


def _situation(preps: str) -> str:
    """' (some 60 km) near/in/north of <Region>': where a text situates a place."""
    return (rf"\s+(?:(?:some\s+)?[\d.]+\s*(?:km|kilometres|kilometers|miles)\s+)?"
            rf"(?P<prep>{preps})\s+(?P<region>{_REGION_TAIL})")


_APPOSITION = re.compile(
    rf"^,\s+(?:a|an|the)\s+(?:[\w-]+\s+){{0,3}}?({FEATURES})\b(?:{_situation(_NEAR_PREPS + '|of|on')})?"
)
_SITUATED = re.compile(_situation(_NEAR_PREPS))  # "the Zamzam camp near El Fasher"
_IN_REGION = re.compile(rf"^,?\s+in\s+(?P<region>(?:{_DIRECTION})\s+[{_UP}][\w’'‑-]*)")
_NEXT_WORD = re.compile(r"^[ \t,]*([A-Za-z]+)")

_REGION_DIRECTIONAL = re.compile(rf"(?<![\w-])(?:{_DIRECTION})\s+(?P<name>{_CAPWORD}(?:[ \t]{_CAPWORD})*)")
_REGION_POSSESSIVE = re.compile(
    rf"(?P<name>{_CAPWORD})[’']s\s+(?:(?:{_DIRECTION})\s+)?(?:coast|coastline|north|south|east|west|northeast|northwest|southeast|southwest|interior|border areas|border region|border|countryside|heartland|frontier|hinterland)\b"
)
_REGION_GENERIC = re.compile(
    rf"\bthe\s+(?:{_DIRECTION}|border|mountainous|mountain|desert|frontier|rural|western|eastern)\s+(?:region|regions|area|areas|provinces|belt|zone|districts|countryside|plains|highlands|mountains)\b"
)
_DEMONYM_SUFFIX = re.compile(r"(?:ians?|eses?|ish|eans?|ites?|ists?|ics?)$")


@dataclass
class PlaceScan:
    """Places plus what the place rules learnt about people (used by incident rules)."""

    places: tuple[PlaceMention, ...]
    person_tokens: frozenset[str] = frozenset()
    person_places: dict[str, str] = field(default_factory=dict)  # person token -> place name as written
    person_spans: tuple[tuple[int, int, str], ...] = ()


def _not_a_place_word(name: str) -> bool:
    low = name.lower()
    if low in WEEKDAYS or low in MONTHS or low in FUNCTION_WORDS:
        return True
    if low in DEMONYMS or low in RELIGIONS or low in GROUP_NAMES or low in ORG_ACRONYMS:
        return True
    if low.endswith("s") and (low[:-1] in DEMONYMS or low[:-1] in RELIGIONS or low[:-1] in GROUP_NAMES):
        return True
    return False


def _is_group_word(low: str) -> bool:
    """A demonym, religion or armed-group name (also in plural)."""
    for w in (low, low[:-1] if low.endswith("s") else low):
        if w in DEMONYMS or w in RELIGIONS or w in GROUP_NAMES:
            return True
    return bool(_DEMONYM_SUFFIX.search(low)) and low.endswith(("ian", "ians", "ese", "ish"))


def _sequences(text: str):
    """Capitalised word runs as (start, end, possessive); split at possessives and affixes."""
    run_start = run_end = -1
    for w in _WORD.finditer(text):
        a, b = w.span()
        word = w.group(0)
        possessive = word.endswith(("’s", "'s"))
        plural_possessive = word.endswith(("s’", "s'"))
        if possessive:
            b -= 2
        elif plural_possessive:
            b -= 1
        affix = _AFFIX.search(word) is not None
        if run_start >= 0:
            gap = text[run_end:a]
            joinable = gap in (" ", "\t") or _PARTICLE_GAP.fullmatch(gap) is not None
            if joinable and not affix:
                run_end = b
                if possessive or plural_possessive:
                    yield run_start, run_end, True
                    run_start = -1
                continue
            yield run_start, run_end, False
            run_start = -1
        if affix:
            continue
        if possessive or plural_possessive:
            yield a, b, True
            continue
        run_start, run_end = a, b
    if run_start >= 0:
        yield run_start, run_end, False


_PARTICLE_GAP = re.compile(rf"[ \t]{_PARTICLE}[ \t]")


_FEATURE_WORDS = frozenset(_FEATURE_NAMES)
_PEOPLE_WORDS = frozenset(
    "resident residents inhabitants native natives villagers people outskirts edge centre center heart streets "
    "north south east west northeast northwest southeast southwest north-east north-west south-east south-west "
    "northern southern eastern western part".split()
)
_ACTOR_NOUNS_BEFORE = frozenset("government authorities regime officials leadership administration rulers ministry embassy".split())
_PUNCT_END = tuple(",.;:!?”\"()[]")


def _tail(before: str) -> list[str]:
    """The last words before a name, lower-case, cut at punctuation (a cue never crosses a comma)."""
    words = before.split()[-5:]
    out: list[str] = []
    for w in reversed(words):
        if w.endswith(_PUNCT_END):
            break
        out.append(w.lower())
        if w.startswith(_PUNCT_END):
            break
    out.reverse()
    if before and not before[-1].isspace():
        return []
    return out


def _cue_of(tail: list[str]) -> tuple[str, str]:
    """("village", "village of") / ("", "residents of") / ("", "") from the words before a name."""
    w = tail[:-1] if tail and tail[-1] == "the" else tail
    if len(w) >= 2 and w[-1] == "of":
        two = " ".join(w[-3:-1]) if len(w) >= 3 else ""
        if two in _FEATURE_WORDS:
            return two, f"{two} of"
        if w[-2] in _FEATURE_WORDS and w[-2] not in ("capital", "area", "strip", "territory"):
            return w[-2], f"{w[-2]} of"
        if w[-2] in _PEOPLE_WORDS:
            return "", f"{w[-2]} of"
    return "", ""


class _Scanner:
    def __init__(self, text: str, sentences: tuple[Sentence, ...], lexicon, headings: frozenset[int]):
        self.text = text
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self.lexicon = lexicon
        self.headings = headings
        self.cache: dict[str, KnownName | None] = {}
        self._lowered: frozenset[str] | None = None
        self._written: dict[str, bool] = {}
        self.people = People()
        self.accepted: list[PlaceMention] = []
        self.datelines: tuple[tuple[int, int], ...] = ()
        self.pending: list[tuple[int, int, str, bool, int]] = []

    def lowered(self) -> frozenset[str]:
        """Words this article writes in lower case (computed on first need)."""
        if self._lowered is None:
            self._lowered = frozenset(_LOWER_WORDS.findall(self.text))
        return self._lowered

    def written_lower(self, low: str) -> bool:
        """``low in self.lowered()`` without scanning the whole article: a run of at least
        two a-z letters equal to ``low``, not preceded by a word character, apostrophe or
        hyphen, and not followed by another a-z letter (the runs _LOWER_WORDS finds)."""
        known = self._written.get(low)
        if known is not None:
            return known
        found = False
        if len(low) >= 2 and _AZ_RUN.fullmatch(low):
            text, n = self.text, len(low)
            i = text.find(low)
            while i >= 0:
                before = text[i - 1] if i else ""
                after = text[i + n] if i + n < len(text) else ""
                if (not before or not (before.isalnum() or before in "_’'-")) and not ("a" <= after <= "z"):
                    found = True
                    break
                i = text.find(low, i + 1)
        self._written[low] = found
        return found

    def lookup(self, name: str) -> KnownName | None:
        if name not in self.cache:
            self.cache[name] = self.lexicon.lookup(name)
        return self.cache[name]

    def sentence_of(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def strong_gazetteer(self, name: str, known: KnownName | None) -> bool:
        if known is None:
            return False
        low = name.lower()
        if low in COMMON_WORD_PLACES or low in PERSONAL_NAMES:
            return False
        if " " not in name and self.written_lower(low):
            return False  # also used as an ordinary lower-case word in this article
        if known.kind in ("country", "admin1"):
            return True
        return known.kind == "populated" and known.population >= MIN_POPULATION

    def _context(self, a: int, b: int, possessive: bool) -> tuple[NameContext, str, Cue] | None:
        """The name at [a, b) without leading function words, where it stands, the 60
        characters before it and the cue those give ("the village of X"); None for what is never a place ("Monday", "The", a heading-long run)."""
        text = self.text
        words = text[a:b].split()
        # leading function words ("The", "According", "However") are not part of the name
        while words and words[0].lower() in FUNCTION_WORDS:
            first = words.pop(0)
            a = text.index(first, a) + len(first)
            while a < b and text[a] in " \t":  # a name of function words only ends the text: "... Then"
                a += 1
        if not words or b - a > MAX_PLACE_NAME_CHARS:
            return None
        name = text[a:b]
        if len(words) == 1 and _not_a_place_word(name):
            return None
        before = text[max(0, a - 60) : a]
        tail = _tail(before)
        known = self.lookup(name)
        country_like = known is not None and known.kind in ("country", "admin1")
        feature_of, cue_of = _cue_of(tail)
        c = NameContext(text, a, b, name, words, [w.lower() for w in words], tail, text[b : b + 120], possessive,
                        known, country_like, bool(feature_of))
        return c, before, Cue(feature_of, "", cue_of, bool(cue_of))

    def _verdict(self, c: NameContext) -> str:
        """The first of NAME_CHECKS that holds ("person", "no place" or "person again"), or ""."""
        for _name, check, verdict in NAME_CHECKS:
            if check(c):
                return verdict
        if self.people.seen(c):
            return PERSON_AGAIN
        return ""

    def classify(self, a: int, b: int, possessive: bool) -> None:
        found = self._context(a, b, possessive)
        if found is None:
            return
        c, before, cue_before = found
        verdict = self._verdict(c)
        if verdict == PERSON:
            self.people.mark(self.text, c.start, c.end, c.name)
            return
        if verdict == PERSON_AGAIN:
            self.people.spans.append((c.start, c.end, c.name))
        if verdict:
            return
        cue = _dateline_cue(c, _place_cue(c, cue_before), self.datelines)
        if cue is None:
            return  # the agency of a dateline: "(Reuters)"
        sent = self.sentence_of(c.start)
        cue = self._accepted(c, cue, sent)
        if cue is None:
            return
        feature = cue.feature or ("country" if c.known is not None and c.known.kind == "country" else "")
        role = _role(c, before, cue.cue, feature)
        self.accepted.append(PlaceMention(c.name, c.start, c.end, sent, feature, cue.region, role, cue.cue))

    def _accepted(self, c: NameContext, cue: Cue, sent: int) -> Cue | None:
        """The cue a name is accepted with, or None (kept pending for "same name" when not a heading).
        In a heading only the lexicon counts; elsewhere a strong lexicon hit, a strong cue, or a weak
        cue ("at", "from") with any lexicon hit."""
        heading = sent in self.headings
        gaz = self.strong_gazetteer(c.name, c.known)
        if heading:
            ok = gaz
        elif gaz:
            ok = True
            cue = Cue(cue.feature, cue.region, cue.cue or "gazetteer", cue.strong)
        else:
            ok = cue.strong or bool(cue.cue and c.known is not None and c.name.lower() not in COMMON_WORD_PLACES)
        if ok:
            return cue
        if not heading:
            self.pending.append((c.start, c.end, c.name, c.possessive, sent))
        return None

    def finish(self, regions) -> PlaceScan:
        names = {p.name.casefold() for p in self.accepted}
        for a, b, name, possessive, sent in self.pending:
            if name.casefold() in names and name not in self.people.tokens:
                role = "location"
                nxt = _NEXT_WORD.match(self.text[b : b + 30])
                if not possessive and nxt and (nxt.group(1).lower() in SPEECH_VERBS or nxt.group(1).lower() in _ACTION_VERBS):
                    role = "actor"
                self.accepted.append(PlaceMention(name, a, b, sent, "", "", role, "same name"))
        region_spans = sorted((r.start, r.end) for r in regions)
        region_starts = [a for a, _ in region_spans]

        def in_region(p: PlaceMention) -> bool:
            k = bisect.bisect_right(region_starts, p.start) - 1
            return k >= 0 and region_spans[k][0] <= p.start and p.end <= region_spans[k][1]

        places = [p for p in self.accepted if not in_region(p)]
        places.extend(regions)
        places.sort(key=lambda p: (p.start, p.end))
        return PlaceScan(
            tuple(places), frozenset(self.people.tokens), dict(self.people.places), tuple(sorted(self.people.spans))
        )


# "Russia kills", "Moscow launched": the place is the actor of the verb
_ACTION_VERBS = frozenset(
    "kills killed attacked attacks shelled shells struck strikes launched launches fired fires bombed bombs invaded invades "
    "captured captures seized seizes deployed deploys sent sends imposed imposes sanctioned backed backs supports supported "
    "supplied supplies blamed blames retaliated retaliates vowed vows threatened threatens ordered orders".split()
)
_ORG_OF = frozenset(
    "liberation independence salvation freedom unity defence defense front movement party army forces council union "
    "alliance coalition federation university bank ministry government republic kingdom emirate state people".split()
)
_ANY_PREP = frozenset("in near from to at on of into over across around outside toward towards against for with by onto upon inside".split())
_LOWER_WORDS = re.compile(r"(?<![\w’'-])[a-z][a-z]+")
_AZ_RUN = re.compile(r"[a-z]+")


def _feature_name(word: str) -> str:
    """The feature as written in the outputs: "Airbase" -> "base" (feature_nouns.csv)."""
    word = word.lower()
    return _FEATURE_NAMES.get(word, word)


# -- is this name a place at all? -----------------------------------------------------------
PERSON, NO_PLACE, PERSON_AGAIN = "person", "no place", "person again"


def organisation_name(c: NameContext) -> bool:
    """"Syrian Observatory", "Health Ministry": an organisation word in an unknown name."""
    return c.known is None and any(w in ORG_WORDS for w in c.low_words)


def group_name(c: NameContext) -> bool:
    """"Sunni Muslim", "Fano militia": an unknown run with a demonym, religion or armed group in it."""
    return len(c.words) > 1 and c.known is None and any(_is_group_word(w) for w in c.low_words)


def demonym_word(c: NameContext) -> bool:
    """"Sudanese", "Eritreans": an unknown single word with a demonym ending and no feature cue."""
    return len(c.words) == 1 and c.known is None and not c.place_cue and _DEMONYM_SUFFIX.search(c.low_words[0]) is not None


def has_followers(c: NameContext) -> bool:
    """"Assad loyalists", "Hemedti forces" are people; "Zamzam camp" (a feature noun) is not."""
    return not c.country_like and followers_after(c.after) and not _FEATURE_AFTER.match(c.after)


# In order: the first that holds decides. A person's name is remembered (People.mark).
NAME_CHECKS: tuple[tuple[str, Callable[[NameContext], bool], str], ...] = (
    ("title before", titled, PERSON),
    ("role noun before", after_role_noun, PERSON),
    ("age or 'who' after", described_as_person, PERSON),
    ("organisation word", organisation_name, NO_PLACE),
    ("group word", group_name, NO_PLACE),
    ("demonym", demonym_word, NO_PLACE),
    ("person relation before", in_person_pair, PERSON),
    ("followers after", has_followers, PERSON),
    ("person's possession", possessed_by_person, PERSON),
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


def apposition_cue(c: NameContext, cue: Cue) -> Cue:
    """"Tuwaym, a village in central Syria": feature "village", region "central Syria"."""
    m = _APPOSITION.match(c.after) if c.after[:1] == "," else None
    if not m:
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
        if w[-2] in _FEATURE_WORDS:
            feature = _feature_name(w[-2])
        elif " ".join(w[-3:-1]) in _FEATURE_WORDS:
            feature = _feature_name(" ".join(w[-3:-1]))
    if prep in _STRONG_PREP:
        return Cue(feature, cue.region, prep, True)
    if prep in _WEAK_PREP:
        return Cue(feature, cue.region, prep, cue.strong)
    return cue if feature == cue.feature else Cue(feature, cue.region, cue.cue, cue.strong)


# In order: each may add what the earlier ones left empty.
PLACE_CUES: tuple[tuple[str, Callable[[NameContext, Cue], Cue]], ...] = (
    ("apposition", apposition_cue),
    ("in region", in_region_cue),
    ("feature noun after", feature_noun_cue),
    ("preposition before", preposition_cue),
)


def _place_cue(c: NameContext, cue: Cue) -> Cue:
    """The cue the words before the name give ("the village of X"), then PLACE_CUES in order."""
    for _name, rule in PLACE_CUES:
        cue = rule(c, cue)
    return cue


def _dateline_cue(c: NameContext, cue: Cue, datelines: tuple[tuple[int, int], ...]) -> Cue | None:
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
    if not (tail and tail[-1] in ("of", "for") and len(tail) >= 2 and tail[-2] in _ORG_OF):
        return False
    org_word = before.rstrip()[: -len(tail[-1])].rstrip().rsplit(None, 1)[-1]
    return org_word[:1].isupper()


def acting_place(c: NameContext, feature: str) -> bool:
    """"France expressed", "Russia kills", "the government in Damascus", "France's foreign
    ministry", "a Myanmar military airstrike": the place acts or speaks; after a preposition
    it stays a location ("a strike on Dnipro killed")."""
    w = c.tail[:-1] if c.tail and c.tail[-1] == "the" else c.tail
    after_prep = bool(w) and w[-1] in _ANY_PREP
    nxt = _NEXT_WORD.match(c.after)
    next_word = nxt.group(1).lower() if nxt and not c.possessive else ""
    if ((next_word in SPEECH_VERBS or next_word in _ACTION_VERBS) and not after_prep) or (
            len(w) >= 2 and w[-1] in ("in", "of") and w[-2] in _ACTOR_NOUNS_BEFORE):
        return True
    if c.possessive:
        pos_next = _NEXT_WORD.match(c.text[c.end + 2 : c.end + 40])
        return pos_next is not None and pos_next.group(1).lower() in ACTOR_POSSESSED
    return feature == "country" and not after_prep and next_word in ACTOR_POSSESSED


def _role(c: NameContext, before: str, cue: str, feature: str) -> str:
    if part_of_org_name(c, before):
        return "actor"
    if (c.country_like or c.known is not None or cue) and acting_place(c, feature):
        return "actor"
    return "location"


_REGION_LEAD = Scanner(rf"(?:{_DIRECTION.lower()}|coast|coastline|north|south|east|west|interior|border|countryside|heartland|frontier|hinterland)\b")
# "the border region" & co. found from their first words in lower case (a superset: the
# case-sensitive pattern then checks each), not from every "the"
_REGION_GENERIC_LEAD = Scanner(_REGION_GENERIC.pattern)
_POSSESSIVE_BEFORE = re.compile(rf"(?P<name>{_CAPWORD})[’']s\s+$")


def _region_matches(text: str):
    """Region phrases, found from their lower-case head words (fast) and checked in full."""
    low = text.lower()
    if len(low) != len(text):
        yield from _REGION_DIRECTIONAL.finditer(text)
        yield from _REGION_POSSESSIVE.finditer(text)
        yield from _REGION_GENERIC.finditer(text)
        return
    for lead in _REGION_GENERIC_LEAD.finditer(low):
        m = _REGION_GENERIC.match(text, lead.start())
        if m:
            yield m
    for lead in _REGION_LEAD.finditer(low):
        at = lead.start()
        m = _REGION_DIRECTIONAL.match(text, at)
        if m:
            yield m
        if text[at - 1 : at] == " " and text[at - 3 : at - 1] in ("’s", "'s"):
            p = _POSSESSIVE_BEFORE.search(text, max(0, at - 40), at)
            if p:
                m = _REGION_POSSESSIVE.match(text, p.start())
                if m:
                    yield m


def _region_mentions(text: str, scanner: _Scanner) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    seen: set[tuple[int, int]] = set()
    for m in _region_matches(text):
        if m.span() in seen:
            continue
        seen.add(m.span())
        if m.re is _REGION_GENERIC:
            found.append(PlaceMention(m.group(0), m.start(), m.end(), scanner.sentence_of(m.start()), "region", "", "location", "region phrase"))
            continue
        inner = m.group("name")
        phrase, p_end = m.group(0), m.end()
        if m.re is _REGION_DIRECTIONAL:
            cut = min((i for i in (inner.find("’s"), inner.find("'s")) if i >= 0), default=-1)
            if cut >= 0:
                p_end = m.start("name") + cut
                inner = inner[:cut]
                phrase = text[m.start() : p_end]
        if _not_a_place_word(inner) or any(w.lower() in ORG_WORDS for w in inner.split()):
            continue
        if scanner.lookup(inner) is None:
            continue
        found.append(PlaceMention(phrase, m.start(), p_end, scanner.sentence_of(m.start()), "region", "", "location", "region phrase"))
    found.sort(key=lambda p: p.start)
    kept: list[PlaceMention] = []
    for p in found:
        if kept and p.start < kept[-1].end:
            continue
        kept.append(p)
    return kept


def scan_places(text: str, sentences: tuple[Sentence, ...], lexicon, headings: frozenset[int] = frozenset()) -> PlaceScan:
    scanner = _Scanner(text, sentences, lexicon, headings)
    scanner.datelines = dateline_spans(text, sentences)
    runs = list(_sequences(text))
    i = 0
    while i < len(runs):
        a, b, possessive = runs[i]
        # "Democratic Republic of Congo", "Gulf of Aden": join across "of" when the lexicon knows the whole
        if not possessive and i + 1 < len(runs) and text[b : runs[i + 1][0]] in (" of ", " of the "):
            whole = text[a : runs[i + 1][1]]
            if scanner.lookup(whole) is not None:
                runs[i + 1] = (a, runs[i + 1][1], runs[i + 1][2])
                i += 1
                continue
        scanner.classify(a, b, possessive)
        i += 1
    return scanner.finish(_region_mentions(text, scanner))
