"""The country (and the regions) an article is about, as an analyst reads it.

Evidence, each weighted by where it stands (``position_weight``: the headline and lead count
double, the body once, a dateline a quarter -- where a story was filed says little):

- the names of countries, in any role ("Myanmar's military"; as a speaker or agent, "Russia
  said", half);
- the names of first-level regions ("Zamfara", "Texas": their country);
- the other places where the story locates something (split among their candidates' countries
  by population: ``SHARE_FLOOR``);
- nationality adjectives ("Nigerian troops", "the Yemeni capital": data/demonyms.csv), half a name.

The country with most weight wins; a tie goes to the one named first, and a tie in that too
gives no focus (never the alphabetically first code: "Chad" and "Sudan" once each in the same
sentence is no reason to prefer Chad). The regions named in an article
(``named_regions``) prefer their own towns among namesakes (Columbus in a story naming Georgia).
"""

from __future__ import annotations

import csv
import functools
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable, Hashable, Iterable

from mapper.geocode.clusters import clustered_focus
from mapper.geocode.context import admin1_key
from mapper.geocode.records import PlaceUse

DEMONYMS_CSV = Path(__file__).parent / "data" / "demonyms.csv"

LEAD_SENTENCES = 3  # the headline and the first two sentences
LEAD, BODY, DATELINE = 2.0, 1.0, 0.25
NAME_CAP = 4.0  # a name repeated all through a story counts at most this much
DEMONYM_SHARE = 0.5  # "Nigerian troops" says less than "Nigeria"
DEMONYM_CAP = 2.0
# "Russia said", "Moscow denied": a country as a speaker or agent says who acts, less where;
# a Syria story quoting Russia throughout is still about Syria.
ACTOR_SHARE = 0.5

Vote = tuple[str, float, int]  # (country code, weight, offset of its first evidence)


@functools.cache
def demonyms() -> dict[str, str]:
    """Lower-case demonym -> country code, from data/demonyms.csv (comment lines start with #)."""
    with DEMONYMS_CSV.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        return {row["demonym"].strip().lower(): row["country_code"].strip().upper() for row in rows}


def position_weight(sentence_index: int, role: str) -> float:
    if role == "dateline":
        return DATELINE
    return LEAD if sentence_index < LEAD_SENTENCES else BODY


_CAPWORD = re.compile(r"\b[A-Z][a-z]+\b")


def demonym_votes(sentences, skip: tuple[tuple[int, int], ...] = ()) -> tuple[Vote, ...]:
    """The countries an article's nationality adjectives point to, from its sentences
    (``index``, ``start``, ``text``): "Nigerian troops" -> ("NG", 2.0 * 0.5, offset).
    An adjective inside a ``skip`` span (article offsets) is left out: "the Yemeni capital"
    is a place that votes for Yemen itself (mapper.extract.capitals), not twice."""
    table = demonyms()
    weight: dict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    for sentence in sentences:
        words = list(_CAPWORD.finditer(sentence.text))
        k = 0
        while k < len(words):
            code, used = _demonym_at(sentence.text, words, k, table)
            at = sentence.start + words[k].start()
            if code and any(a <= at < b for a, b in skip):
                code = ""
            if code:
                weight[code] += DEMONYM_SHARE * position_weight(sentence.index, "location")
                first.setdefault(code, at)
            k += used
    return tuple((code, min(weight[code], DEMONYM_CAP), first[code]) for code in sorted(weight))


def _demonym_at(text: str, words: list[re.Match], k: int, table: dict[str, str]) -> tuple[str, int]:
    """The country of the demonym starting at word ``k`` ("South Sudanese" before "Sudanese"),
    and how many words it took (1 when none)."""
    if k + 1 < len(words) and text[words[k].end() : words[k + 1].start()] == " ":
        pair = f"{words[k].group()} {words[k + 1].group()}".lower()
        if pair in table or pair.removesuffix("s") in table:
            return table.get(pair) or table[pair.removesuffix("s")], 2
    word = words[k].group().lower()
    return table.get(word) or table.get(word.removesuffix("s"), ""), 1


def country_focus(by_name, candidates, decided) -> dict[str, str]:
    """Per article, the country it is about (see the module doc); articles without evidence have none."""
    votes, first, hints, peak = _tally(by_name, candidates, decided,
                                 lambda use: ((use.article, use.weight, use.sentence_start),),
                                 lambda use: ((use.article, use.demonyms),))
    out = {}
    for article, counter in votes.items():
        code = _winner(counter, first[article], peak[article])
        if code and code not in _named_outright(article, by_name, candidates, hints.get(article, ())):
            # "London" with "St. Thomas" and "Middlesex County": the towns that lie together (clusters.py)
            code = clustered_focus(code, sorted(name for name, uses in by_name.items()
                                                if any(use.article == article for use in uses)), candidates)
        if code:
            out[article] = code
    return out


def _tally(by_name: dict[str, list[PlaceUse]], candidates, decided,
           pieces: Callable[[PlaceUse], Iterable[tuple[Hashable, float, int]]],
           hints_of: Callable[[PlaceUse], Iterable[tuple[Hashable, tuple[Vote, ...]]]]) -> tuple[dict, dict, dict, dict]:
    """The country votes of each key's evidence (an article, or a section of one): ``pieces(use)``
    gives (key, weight of its mentions there, offset of the first), ``hints_of(use)`` (key, its
    nationality adjectives' votes). Returns the votes, each country's first offset, the hints and
    each country's most populous candidate among the key's names (``_winner``'s tie-break)."""
    votes: dict = defaultdict(lambda: defaultdict(float))
    first: dict = defaultdict(dict)
    hints: dict = {}
    peak: dict = defaultdict(lambda: defaultdict(float))

    def add(key: Hashable, code: str, weight: float, offset: int) -> None:
        votes[key][code] += weight
        first[key][code] = min(offset, first[key].get(code, offset))

    for name, uses in by_name.items():
        for use in uses:
            for key, use_hints in hints_of(use):
                hints.setdefault(key, use_hints)
        countries, is_area = _countries_of(name, candidates, decided)
        cands = candidates.get(name) or []
        fuzzy = 0.25 if cands and all(c.raw.get("match") == "fuzzy" for c in cands) else 1.0
        for use in uses:
            if use.role not in ("location", "dateline") and not is_area:
                continue
            # a name only in a dateline counts as one, however built
            cap = DATELINE if use.role == "dateline" else NAME_CAP
            acting = ACTOR_SHARE if use.role == "actor" else 1.0
            for key, weight, offset in pieces(use):
                for code, share in countries.items():
                    add(key, code, fuzzy * acting * share * min(weight, cap), offset)
                for c in cands:
                    code = c.raw.get("country_code", "")
                    if code in countries and (c.raw.get("kind", "populated") == "populated"
                                              or (c.raw.get("kind") == "admin1" and c.raw.get("match", "exact") == "exact")):
                        peak[key][code] = max(peak[key][code], float(c.raw.get("population") or 0))
    for key, key_hints in hints.items():
        for code, weight, offset in key_hints:
            add(key, code, weight, offset)
    return votes, first, hints, peak


# A page of several sections (extract.sections: a digest, a part per country) reads each section
# by its own country: "Flooding cut the road to Tana" under "Kenya" in a digest led by Yemen is a
# Kenyan Tana, not a Yemeni namesake. A section has a focus of its own when its evidence (counted
# as the article's, over its mentions only) goes to a country the section names outright -- by
# its name, a first-level region of it or a nationality adjective -- while it does not name the
# article's own country: a Syria story's part on "Turkey's role" that still speaks of Syria is a
# part of the Syria story. Towns alone never set a section's focus (a sub-heading of a local
# story is no new country). A name used in one section only is weighed by that section's focus; a
# name used in several by the article's (the page's main country is what ties them together).


def section_focus(by_name, candidates, decided, focus: dict[str, str]) -> dict[str, dict[str, str]]:
    """Per name, {article: its section's focus} for the articles where all its mentions lie in
    one section with a focus of its own that is not the article's (see above)."""
    votes, first, hints, peak = _tally(by_name, candidates, decided,
                                 lambda use: tuple(((use.article, s.section), s.weight, s.start) for s in use.sections),
                                 lambda use: tuple(((use.article, k), votes) for k, votes in enumerate(use.section_demonyms)))
    named = _named_by_section(by_name, candidates, hints)
    own: dict[tuple[str, int], str] = {}
    for key, counter in votes.items():
        code = _winner(counter, first[key], peak[key])
        home = focus.get(key[0], "")
        if code and code != home and code in named[key] and home not in named[key]:
            own[key] = code
    out: dict[str, dict[str, str]] = {}
    for name, uses in by_name.items():
        for article in sorted({use.article for use in uses}):
            keys = {(article, s.section) for use in uses if use.article == article for s in use.sections}
            if len(keys) == 1 and (key := keys.pop()) in own:
                out.setdefault(name, {})[article] = own[key]
    return out


def _named_by_section(by_name, candidates, hints) -> dict[tuple[str, int], set[str]]:
    """Per section, the countries it names outright: their names, their first-level regions'
    names (exact), their nationality adjectives."""
    named: dict[tuple[str, int], set[str]] = defaultdict(set)
    for key, key_hints in hints.items():
        named[key] |= {code for code, _, _ in key_hints}
    for name, uses in by_name.items():
        codes = countries_named(candidates.get(name) or [])
        for use in uses:
            for s in use.sections:
                named[(use.article, s.section)] |= codes
    return named


def _named_outright(article: str, by_name, candidates, hints: tuple[Vote, ...]) -> set[str]:
    """The countries an article names by their own name, a nationality adjective or a first-level
    region's name ("Ottawa" in a story naming Quebec and British Columbia stays Canada's capital)."""
    named = {code for code, _, _ in hints}
    for name, uses in by_name.items():
        if any(use.article == article for use in uses):
            named |= countries_named(candidates.get(name) or [])
    return named


def countries_named(cands) -> set[str]:
    """The countries a name names outright: as a country's own name, or exactly as a first-level
    region's ("Quebec": CA)."""
    return {c.raw.get("country_code", "") for c in cands
            if c.raw.get("kind") == "country"
            or (c.raw.get("kind") == "admin1" and c.raw.get("match", "exact") == "exact")} - {""}


def _winner(counter: dict[str, float], first: dict[str, int], peak: dict[str, float] | None = None) -> str:
    """Most weight; a tie to the country of the better-known town or first-level region (its most
    populous such candidate at least twice the other's; countries named tie as before), then to the country named first; a tie in that too to none.
    "civilians in Bennsh in Idleb protested": one vote each for Belgium (a Bennsh of 32,000, the
    only one the gazetteer lists) and Syria (Idleb, 129,000): the report is about Syria; "near
    Loka in Lainya county (Central Equatoria state)": a Slovenian Loka of 844, the South Sudanese state."""
    peak = peak or {}

    def known(code: str) -> float:
        return peak.get(code, 0.0)

    ranked = sorted(counter, key=lambda code: (-round(counter[code], 9), first[code]))
    if len(ranked) > 1 and round(counter[ranked[0]], 9) == round(counter[ranked[1]], 9):
        tied = [code for code in ranked if round(counter[code], 9) == round(counter[ranked[0]], 9)]
        best = max(tied, key=known)
        if all(known(best) >= PROMINENCE_TIE * max(known(code), 1.0) for code in tied if code != best):
            return best
        if first[ranked[0]] == first[ranked[1]]:
            return ""
    return ranked[0]


# how much better known a tied country's place must be to win the tie ("Idleb" 129,000 against
# "Bennsh" 32,000); two villages of like size stay a tie, settled by the order they are named
PROMINENCE_TIE = 2.0


# A country's say in where a name points: the population of its biggest candidate, plus a floor
# so that villages nobody counted still count ("Rome": Italy's 2.3 million outweigh the small
# Romes abroad; "Tawila" in three countries, all small: about a third each). The biggest, not the
# sum: twenty small Cambridges in one country do not outweigh one big Cambridge in another.
SHARE_FLOOR = 1000.0


def _countries_of(name, candidates, decided) -> tuple[dict[str, float], bool]:
    """The countries a name points to with their shares (summing to 1), and whether it names an
    area (a country or a first-level region: its own country, whole)."""
    if name in decided:
        code = decided[name].country_code
        return ({code: 1.0} if code else {}), False
    cands = candidates.get(name) or []
    country_named = [c for c in cands if c.raw.get("kind") == "country"]
    regions = [c for c in cands if c.raw.get("kind") == "admin1" and c.raw.get("country_code")]
    if country_named:
        return _country_or_state(country_named[0], regions), True
    weights: dict[str, float] = defaultdict(float)
    # a region's name votes with its towns' namesakes too: "Gaza" is a Mozambican province (385,000)
    # and the Palestinian city (410,000), about half each -- not Mozambique's alone
    for c in [c for c in cands if c.raw.get("country_code")]:
        code = c.raw["country_code"]
        weights[code] = max(weights[code], float(c.raw.get("population") or 0) + SHARE_FLOOR)
    total = sum(weights.values())
    return {code: weights[code] / total for code in sorted(weights)}, bool(regions)


def named_regions(by_name: dict[str, list[PlaceUse]], candidates) -> dict[str, frozenset[tuple[str, str]]]:
    """Per article, the (country, admin1 code) of the first-level regions it names ("Georgia" the
    state), and ("*", name) for every name it uses, which a candidate's first-level region may be
    called (``context.admin1_key``: "Columbus" whose admin1 is Georgia, in a story naming Georgia)."""
    out: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for name, uses in by_name.items():
        areas = {("*", admin1_key(name))} | {(c.raw.get("country_code", ""), c.raw.get("admin1_code", "")) for c in candidates.get(name) or []
                 if c.raw.get("kind") == "admin1" and c.raw.get("match", "exact") == "exact" and c.raw.get("admin1_code")}
        for use in uses:
            out[use.article] |= areas
    return {article: frozenset(areas) for article, areas in out.items() if areas}


def regions_for(uses: list[PlaceUse], regions: dict[str, frozenset[tuple[str, str]]]) -> frozenset[tuple[str, str]]:
    """The regions named by the articles that use a name."""
    return frozenset().union(*(regions.get(use.article, frozenset()) for use in uses))


def in_named_region(raw: dict, regions: frozenset[tuple[str, str]], own: str) -> bool:
    """Whether a town candidate lies in one of ``regions`` (``named_regions``); a name names no
    region for its own candidates ("Latakia" the city is not preferred for being in Latakia)."""
    if raw.get("kind") in ("country", "admin1"):
        return False
    if (raw.get("country_code"), raw.get("admin1_code")) in regions:
        return True
    key = admin1_key(raw.get("admin1", ""))
    return bool(key) and key != admin1_key(own) and ("*", key) in regions


# A local story names its towns, not always their state: "Muncie", "New Castle" and "Hagerstown"
# together mean Indiana even when "Indiana" is not written. Each town votes for the first-level
# regions of the focus country its candidates lie in, split among them (a name found in one
# state only counts whole, a "Springfield" in twenty states a twentieth); the region that gets
# at least this much, from at least two names, and this many times its runner-up, is the
# article's own, as if named.
TOWN_REGION_VOTES = 2.0
TOWN_REGION_RATIO = 1.5


def town_regions(by_name: dict[str, list[PlaceUse]], candidates, focus: dict[str, str]) -> dict[str, frozenset[tuple[str, str]]]:
    """Per article, the first-level region (country, admin1 code) its towns agree on, if any."""
    votes: dict[str, dict[tuple[str, str], float]] = defaultdict(lambda: defaultdict(float))
    voters: dict[str, dict[tuple[str, str], int]] = defaultdict(lambda: defaultdict(int))
    for name, uses in by_name.items():
        cands = candidates.get(name) or []
        if any(c.raw.get("kind") in ("country", "admin1", "continent", "macro_region") for c in cands):
            continue  # an area's name: named_regions' business
        for article in {use.article for use in uses}:
            country = focus.get(article, "")
            areas = {(country, c.raw.get("admin1_code", "")) for c in cands
                     if country and c.raw.get("country_code") == country and c.raw.get("admin1_code")
                     and c.raw.get("match", "exact") == "exact"}
            for area in areas:
                votes[article][area] += 1.0 / len(areas)
                voters[article][area] += 1
    out = {}
    for article, counter in votes.items():
        ranked = sorted(counter, key=lambda area: (-counter[area], area))
        top = ranked[0]
        runner = counter[ranked[1]] if len(ranked) > 1 else 0.0
        if counter[top] >= TOWN_REGION_VOTES and voters[article][top] >= 2 and counter[top] >= TOWN_REGION_RATIO * runner:
            out[article] = frozenset({top})
    return out


def _country_or_state(country, regions) -> dict[str, float]:
    """A country's name votes for it whole -- unless a first-level region of another country has
    the same name exactly: "Georgia" is a country and a US state, so it votes half each and the
    story's other places decide ("Tbilisi", or "Atlanta" and "Macon"). Half, not by population:
    news names a country far more often than a state of the same name, and the state's 10 million
    people would outvote a Caucasus story's own "Georgia" against its one "Tbilisi"."""
    code = country.raw.get("country_code", "")
    codes = {code} | {r.raw["country_code"] for r in regions if r.raw.get("country_code") != code
                      and r.raw.get("match", "exact") == "exact"}
    return {place_code: 1.0 / len(codes) for place_code in sorted(codes)}
