"""Drafts: the sentences of one event, before it is located, dated and counted.

Sentence -> its triggers (lexicon_events) -> one draft per family -> merged with the
next sentence(s) when those continue the same event. The rules:
- headings are never incidents;
- triggers after "attempt to", "tried to", "would", "not", "denied" ... are not events;
  "who fled" / "he fled" (one person's story) is not a displacement; a participle used
  as an adjective ("the return of 3 kidnapped teenagers") is not an event; nor is "a
  school sheltering displaced families";
- protesters blocking roads are part of the protest (no separate "Other" row); the dead
  a funeral or mass grave sentence mentions were killed in an event coded elsewhere;
- a weak trigger ("attacks", "clashes", "killings", "bodies") needs a place, a figure or
  a date in its sentence, and a definite back-reference ("the clashes began on
  Thursday") needs a place or a figure; unsupported sentences only extend an incident
  coded in the sentence just before (same paragraph, same family);
- one sentence, several violent clauses each with its own place ("soldiers killed 4 in
  A; on 5 March they shelled B, killing 2") gives one draft per clause;
- consecutive sentences of one family merge when they agree on place and date and do
  not both give figures, unless the second opens with "Additionally", "Also", "In
  addition", "Moreover", "Furthermore" (then the figures add up by group); a definite
  back-reference ("The attack on Lin Ta Lu village ... Friday") merges into the draft
  just before even across a paragraph break and adds its date;
- "Police fired tear gas at protesters. No one was killed.": the second sentence says
  the first incident had no dead; a "death toll" sentence right after a violent draft
  is a rival figure for it; "The victims included 4 women and 3 children" adds to its
  breakdown.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from mapper.extract.article_index import ArticleIndex
from mapper.extract.dates import DatePhrase
from mapper.extract.dating import mentions_onset
from mapper.extract.figures import included_victims
from mapper.extract.incident_words import AGGREGATE_CUE, alternation, phrases
from mapper.extract.lexicon_events import BATTLES, RIOTS, Trigger, charged_with, crowd_violence, definite_words, find_triggers, \
    force_on_crowd, in_context, irrealis_words, is_intervention, is_prospective, state_force
from mapper.extract.model import PlaceMention, Sentence
from mapper.extract.numbers import Count, fatality_figure, find_counts, has_zero_fatalities
from mapper.extract.tokens import Doc

# the word slots are rows of lexicon/incident_words.csv (see incident_words); the grammar is here
_CONTINUATION = re.compile(rf"^{alternation('continuation')}\b")
_INDIVIDUAL = re.compile(rf"\b{alternation('individual')}\s+(?:\w+\s+)?$")
_VICTIMS_INCLUDED = re.compile(
    rf"^(?:{alternation('victims_determiner')}\s+)?{alternation('victims_subject')}\s+{alternation('victims_verb')}\b"
    rf"|^{alternation('victims_opener')}\s+{alternation('victims_among')}\b"
)
_TOLL = re.compile(rf"\b{alternation('toll')}\b", re.I)
# the toll rule only reads a sentence where a toll phrase's last word is written in lower case
_TOLL_WORDS = tuple(dict.fromkeys(p.split(" ")[-1] for p in phrases("toll")))
# "the group is fighting to topple the government": what it fights for, no event
_FOR_AN_AIM = re.compile(rf"\s+to\s+{alternation('aim')}\b", re.I)
# "2 other policemen were killed": the word after a count that makes its dead new ones
_ADDITIVE = re.compile(rf"\s+{alternation('additive')}\b", re.I)
# "the gunmen fled the scene": an escape from the place of the crime, not a displacement
_FLED_SCENE = re.compile(rf"\s+the\s+{alternation('scene')}\b", re.I)
_SHELTERING = frozenset(phrases("sheltering"))
_SHELTERED = re.compile(rf"\s+(?:(?:{alternation('sheltered_quantifier')}|\d[\d,]*)\s+)?"
                        rf"{alternation('sheltered_people')}\b", re.I)
# "the kidnapped teenagers", "a school sheltering displaced families", "aid for displaced people":
# the participle describes people, it does not report an event.
_ATTRIBUTIVE_BEFORE = re.compile(rf"(?:\b(?:{alternation('attributive_before')}|\w+ing)|\d)\s+$", re.I)
_ATTRIBUTIVE_AFTER = re.compile(rf"\s+{alternation('attributive_noun')}\b", re.I)
CLAUSE_NEXT = rf"(?={alternation('clause_next_word')}\b)"  # ", and" ends a clause before one of these
_CLAUSE_SPLIT = re.compile(rf";\s+|,\s+{alternation('clause_conjunction')}\s+|,\s+and\s+{CLAUSE_NEXT}|\.\s+(?=[A-Z])")
# the families whose sentences' casualty figures are read
_COUNTED = ("violence", "funeral", "grave", "territory")

# the families that, in a sentence with a violent incident, are details of it
_SIDE_DETAILS = ("looting", "arrests")

# triggers.csv's priority of the bare killing words ("killed", "dead", "died"): no weapon, no battle named
_GENERIC_KILLING = 40

# More violent clauses than this in one sentence is a list or a dump, not prose: the
# sentence stays one incident (each clause incident repeats the whole sentence as its quote).
MAX_CLAUSES = 12


@dataclass
class Draft:
    """One event's sentences first..last (of one paragraph, or a back-reference opening the
    next), grown sentence by sentence; ``trigger`` is its primary trigger."""

    family: str
    trigger: Trigger
    first: int  # sentence index
    last: int
    paragraph: int
    counts: list[Count] = field(default_factory=list)
    zero: bool = False
    date: DatePhrase | None = None
    place: bool = False
    onset: bool = False
    triggers: list[Trigger] = field(default_factory=list)
    segment: tuple[int, int] | None = None  # one clause of a sentence holding several incidents
    # the place names (casefolded) of sentences first..names_upto, grown as the draft grows:
    # rebuilt from its first sentence at every merge it was quadratic in a long run of
    # sentences about one event ("Gunmen attacked Goma on Friday." x 100,000)
    names: set[str] = field(default_factory=set)
    names_upto: int = -1

    def place_names(self, by_sentence: dict[int, list[PlaceMention]]) -> set[str]:
        for i in range(max(self.first, self.names_upto + 1), self.last + 1):
            self.names.update(p.name.casefold() for p in by_sentence.get(i, []))
        self.names_upto = max(self.names_upto, self.last)
        return self.names


class Evidence(NamedTuple):
    """What a sentence gives one family's triggers: whether it may be an incident of its own."""

    own_places: bool  # it names a place (not only an apposition's region)
    killed: bool  # it gives a death toll
    zero: bool  # it says nobody died
    date: DatePhrase | None  # its date phrase nearest the family's first trigger
    definite: bool  # "the attack", "these clashes": a back-reference


def build_drafts(index: ArticleIndex, dates_by_sentence: dict[int, list[DatePhrase]]) -> list[Draft]:
    """The article's drafts in the order they were opened."""
    builder = _Builder(index, dates_by_sentence)
    triggers = triggers_by_sentence(index)
    for sent in index.sentences:
        builder.add(sent, triggers.get(sent.index, []))
    return builder.drafts


def triggers_by_sentence(index: ArticleIndex) -> dict[int, list[Trigger]]:
    """The article's triggers by sentence (index.sentence_of), by one walk over both lists:
    triggers come in text order."""
    out: dict[int, list[Trigger]] = {}
    starts = index.starts
    k, nxt = 0, starts[1] if len(starts) > 1 else None
    for t in find_triggers(index.text):
        while nxt is not None and t.start >= nxt:
            k += 1
            nxt = starts[k + 1] if k + 1 < len(starts) else None
        out.setdefault(k, []).append(t)
    return out


def is_event_trigger(doc: Doc, sent: Sentence, t: Trigger) -> bool:
    """Whether the trigger reports an event rather than an attempt, a denial, one person's
    flight or a description ("the return of 3 kidnapped teenagers"). Each rule reads the
    words of the sentence before the trigger (Doc.words_before), when a space parts it from
    them: "tried to", "did not" (four words), "who fled" (two), "3 kidnapped" (one)."""
    text = doc.text
    if t.start > sent.start and text[t.start - 1].isspace() and _words_say_not_an_event(doc, sent, t):
        return False
    if _FOR_AN_AIM.match(text, t.end):
        return False
    if t.event_type == RIOTS and t.start > sent.start and charged_with(text[max(sent.start, t.start - 90):t.start]):
        # "protesters demanded the release of activists accused of hurling a Molotov cocktail at
        # a bank": a crowd's act someone is held for (not "police were accused of assaulting
        # a driver": an allegation of the event itself, which ACLED codes)
        return False
    # "a school sheltering displaced families": describes the building
    return not (t.text.lower() in _SHELTERING and _SHELTERED.match(text, t.end))


def _words_say_not_an_event(doc: Doc, sent: Sentence, t: Trigger) -> bool:
    if doc.text[t.start - 1] in " \t\n" and irrealis_words(doc.words_before(t.start, 4, sent.index, lower=True)):
        return True
    if t.family == "displacement" and (_INDIVIDUAL.search(" ".join(doc.words_before(t.start, 2, sent.index)) + " ")
                                       or _FLED_SCENE.match(doc.text, t.end)):
        return True
    # "the return of 3 kidnapped teenagers": a description, not this event
    return t.text[-2:].lower() == "ed" and _ATTRIBUTIVE_AFTER.match(doc.text, t.end) is not None \
        and _ATTRIBUTIVE_BEFORE.search(" ".join(doc.words_before(t.start, 1, sent.index)) + " ") is not None


def trigger_families(triggers: list[Trigger], text: str = "", start: int = 0) -> dict[str, list[Trigger]]:
    """A sentence's triggers by family, less those another family's event holds (``text``: the
    sentence, ``start`` its offset in the article)."""
    families: dict[str, list[Trigger]] = {}
    for t in triggers:
        families.setdefault(t.family, []).append(t)
    if "protest" in families and "other" in families:
        del families["other"]  # protesters blocking roads are part of the protest
    if "protest" in families and "violence" in families and all(
            is_intervention(t) or crowd_violence(BATTLES if t.event_type == BATTLES else "", t, text, "")
            for t in families["violence"]):
        # "protesters were beaten by police": the protest's intervention; "residents held a demonstration
        # and clashed with police": the demonstration turned violent (a riot, lexicon_events.refine_type)
        del families["violence"]
    if ("funeral" in families or "grave" in families) and "violence" in families:
        del families["violence"]  # the dead mourned/found were killed in an event coded elsewhere
    if "protest" in families and "arrests" in families and all(
            any(0 < p.start - a.end <= _ARRESTED_CROWD_GAP for p in families["protest"]) for a in families["arrests"]):
        # "Police arrested 14 protesters in Goma": the arrests are the protest's intervention (one row)
        del families["arrests"]
    if "protest" in families and text:
        for family in [f for f in _PROTESTED if f in families]:
            if _only_the_cause(families, family, text, start):
                del families[family]
        if "looting" in families and min(t.start for t in families["protest"]) < min(t.start for t in families["looting"]):
            # "residents joined the protests and looted stores": the crowd's looting is its riot (riot_act)
            del families["looting"]
    return families


# "arrested 14 protesters", "detained dozens of striking workers": the crowd's word right after the arrest
_ARRESTED_CROWD_GAP = 24

# what a crowd may protest in the same sentence ("demanding the release of the arrested leader",
# "the return of the displaced"): told as its cause, no event of its own
_PROTESTED = ("violence", "arrests", "displacement", "looting")


# the words that give a protest's cause between it and the violence protested (incident_words.csv
# would hold them if another rule needed them): "demonstrated after a police officer beat ...",
# "protested over the killing of", "demanding justice for the man who was shot"
_CAUSE = re.compile(r"\b(?:after|over|following|against|demand(?:s|ed|ing)?|to\s+demand|who|whose|in\s+memory\s+of|"
                    r"accused|accusing|to\s+denounce|denouncing|condemning|calling\s+for|called\s+for|release\s+of|return\s+of)\b",
                    re.I)
_RELATIVE_CAUSE = re.compile(r"\b(?:who|whose)\b", re.I)


def _only_the_cause(families: dict[str, list[Trigger]], family: str, text: str, start: int) -> bool:
    """"Female traders demonstrated in Kindia after a police officer beat up one of them",
    "families who say their children were kidnapped by the PKK continued their sit-in": every
    violent word (or arrest, flight, looting: ``family``'s) is what the crowd protests, told
    elsewhere, not an event of this sentence: it
    comes after the protest's word and a word that gives its cause (after, over, demanding
    justice for ...), or before it inside a relative clause on the crowd (who, whose).
    ``start``: the sentence's offset in the article (the triggers' offsets are the article's)."""
    first_protest = min(t.start for t in families["protest"]) - start
    for t in families[family]:
        at = t.start - start
        if at > first_protest:
            if not _CAUSE.search(text, first_protest, at):
                return False
        elif not _RELATIVE_CAUSE.search(text, 0, at):
            return False
    return True


def is_supported(family: str, primary: Trigger, sentence: str, evidence: Evidence, sentence_start: int = 0) -> bool:
    """Whether a sentence's triggers make an incident of their own (else they can only
    extend the draft just before)."""
    e = evidence
    if primary.strength == "strong":
        supported = bool(e.own_places or e.killed or e.zero or e.date) or family != "violence"
    else:
        supported = bool(e.own_places or e.killed or e.zero or (e.date and not e.definite))
    # "the minister attacked the budget", "he protested his innocence"
    return supported and (e.killed or in_context(family, primary, sentence, sentence_start))


def clauses(text: str, sent: Sentence, group: list[Trigger], places: list[PlaceMention]):
    """Split a sentence into clauses when each has its own violent trigger and its own place."""
    cuts = [sent.start] + [m.end() for m in _CLAUSE_SPLIT.finditer(text, sent.start, sent.end)] + [sent.end]
    if len(cuts) < 3:
        return None
    group = sorted(group, key=lambda t: t.start)
    trigger_starts = [t.start for t in group]
    place_starts = sorted(p.start for p in places if p.cue != "region phrase")
    segments = []
    for a, b in itertools.pairwise(cuts):
        trig = group[bisect.bisect_left(trigger_starts, a) : bisect.bisect_left(trigger_starts, b)]
        if not trig:
            continue
        if bisect.bisect_left(place_starts, a) == bisect.bisect_left(place_starts, b):
            return None  # a violent clause without its own place
        segments.append((a, b, trig))
        if len(segments) > MAX_CLAUSES:
            return None
    if len(segments) < 2:
        return None
    # each segment runs to the start of the next one, so its own words stay with it
    out = []
    for k, (a, _end, trig) in enumerate(segments):
        end = segments[k + 1][0] if k + 1 < len(segments) else sent.end
        start = sent.start if k == 0 else a
        out.append((start, end, trig))
    return out


def _one_battle_for_territory(families: dict[str, list[Trigger]]) -> bool:
    """A sentence that takes ground and names only the fighting for it (a battle trigger, or a bare
    "killed"/"dead"): one event. A massacre beside a capture ("seized the town and executed 20
    civilians") stays its own row."""
    if "territory" not in families or "violence" not in families:
        return False
    return all(t.event_type == BATTLES or t.priority <= _GENERIC_KILLING for t in families["violence"])


def _one_mob_killing(families: dict[str, list[Trigger]]) -> bool:
    """"A man was lynched by a mob", "a mob beat a thief to death": the crowd's violence and its
    dead are one event, Mob violence with the toll, not a riot row beside an attack row (the caller
    asks for a toll: "a mob beat a man" stays the crowd's own Mob violence row)."""
    if "protest" not in families or "violence" not in families:
        return False
    return all(t.sub_event_type == "Mob violence" for t in families["protest"])


def _primary(group: list[Trigger]) -> Trigger:
    return max(group, key=lambda t: (t.priority, -t.start))


def _has_toll(counts: list[Count]) -> bool:
    """A death count of the sentence's own: "the victim died", "killed him" name a victim told of
    before, so they neither make an incident nor part one from the draft before."""
    return any(c.kind == "killed" and c.value is not None and not c.definite for c in counts)


def _compatible(prev: Draft, new: Draft, by_sentence: dict[int, list[PlaceMention]], sent: Sentence, text: str) -> bool:
    """``text``: the article's text."""
    prev_names = prev.place_names(by_sentence)
    new_names = {p.name.casefold() for p in by_sentence.get(sent.index, [])}
    if prev_names and new_names and not (prev_names & new_names):
        return False
    if prev.date and new.date and prev.date.date != new.date.date:
        return False
    return not (_has_toll(prev.counts) and _has_toll(new.counts) and not _CONTINUATION.match(sent.text)
                and not _restates_toll(prev.counts, new.counts, text))


def _same_toll(prev: list[Count], new: list[Count], text: str) -> bool:
    """Both runs of counts give the same death toll (however it is broken down), of the same victims."""
    toll = fatality_figure(new).fatalities
    return toll is not None and toll == fatality_figure(prev).fatalities and _same_victims(prev, new, text)


def _restates_toll(prev: list[Count], new: list[Count], text: str) -> bool:
    """"Bandits attacked Dorva, killing 23 people. The police said the bandits killed 23 persons in
    the attack.": a second toll that only repeats figures already given is the same event retold."""
    before = {c.value for c in _killed(prev)}
    return all(c.value in before for c in _killed(new)) and _same_victims(prev, new, text)


def _killed(counts: list[Count]) -> list[Count]:
    return [c for c in counts if c.kind == "killed" and c.value is not None]


def _same_victims(prev: list[Count], new: list[Count], text: str) -> bool:
    """The new dead can be the ones already counted: not other victims ("1 soldier was killed ...
    1 civilian was killed") unless the first toll was of anyone ("11 villagers"), and none
    counted as others ("2 other policemen were killed", incident_words.csv kind additive).
    ``text``: the text the counts' offsets point into."""
    old, added = _killed(prev), _killed(new)
    if any(_ADDITIVE.match(text, c.end) for c in added):
        return False
    groups = {c.group for c in old}
    return "" in groups or {c.group for c in added} <= groups


class _Builder:
    """The drafts so far and, per family, the draft a next sentence may extend."""

    def __init__(self, index: ArticleIndex, dates_by_sentence: dict[int, list[DatePhrase]]) -> None:
        self.index = index
        self.dates = dates_by_sentence
        self.drafts: list[Draft] = []
        self.open_by_family: dict[str, Draft] = {}

    def add(self, sent: Sentence, found: list[Trigger]) -> None:
        if sent.index in self.index.headings or self._absorb_toll(sent) or self._absorb_victims(sent):
            return
        prospective = bool(found) and is_prospective(sent.text)
        triggers = [t for t in found if is_event_trigger(self.index.doc, sent, t)] if not prospective else []
        if not triggers:
            if not found:
                self._absorb_bare_toll(sent)
            return
        families = trigger_families(triggers, sent.text, sent.start)
        # ("his arrest is believed to be an attack on media freedom": a weak trigger out of its
        # context makes no event, so the arrest is all the sentence reports; "Police arrested 14
        # protesters": the protest word only continues the protest just coded)
        reported = {f for f, group in families.items()
                    if any(t.strength == "strong" or in_context(f, t, sent.text, sent.start) for t in group)}
        side = reported - {self.drafts[-1].family} if self.drafts else reported
        if side and side <= set(_SIDE_DETAILS) and self._absorb_side_details(sent, side):
            return
        if _one_battle_for_territory(families):
            # "soldiers recovered the village following a clash with the rebels, 25 killed": one
            # battle, coded as its outcome (Government regains territory) with the battle's dead
            families["territory"] = families["territory"] + families.pop("violence")
        if _one_mob_killing(families) and _has_toll(list(find_counts(sent.text, sent.start))):
            families["violence"] = families["violence"] + families.pop("protest")
        if "protest" in families and "violence" in families and force_on_crowd(sent.text) and state_force(sent.text) \
                and all(t.sub_event_type == "Peaceful protest" for t in families["protest"]):
            # "Police fired on protesters, killing three": one event, the protest met with lethal
            # force (refine_type types the killing so), with its dead: no protest row beside it
            del families["protest"]
        low = sent.text.lower()
        zero = "violence" in families and ("no" in low or "without" in low) and has_zero_fatalities(sent.text)
        onset = mentions_onset(sent.text, low)
        if len(families.get("violence", ())) > 1 and self._add_clauses(sent, families["violence"], zero, onset):
            del families["violence"]
        if self._absorb_zero(sent, families, zero):
            return
        counts: list[Count] | None = None
        for family, group in sorted(families.items(), key=lambda item: item[0] in _SIDE_DETAILS):
            if family in _SIDE_DETAILS and self._violent_here(sent):
                # "militants beheaded one person and burned several huts", "troops killed three and
                # made several arrests": part of the attack coded from this sentence (ACLED codes
                # one event), not rows of their own
                continue
            if counts is None and family in _COUNTED:
                counts = list(find_counts(sent.text, sent.start))
            self._add_family(sent, family, group, counts if family in _COUNTED and counts else [], zero, onset)

    def _scene_lead(self, sent: Sentence, family: str, primary: Trigger) -> int | None:
        """The sentence right before ``sent`` when it is a scene-setting lead: same paragraph, a
        date and a place of its own, no incident drawn from it, and ``primary`` a strong trigger
        its sentence bears out."""
        lead = sent.index - 1
        if lead < 0 or primary.strength != "strong" or not in_context(family, primary, sent.text, sent.start):
            return None
        if lead in self.index.headings or self.index.sentences[lead].paragraph != sent.paragraph:
            return None
        if not self.dates.get(lead) or not self.index.own_places(lead):
            return None
        return None if any(d.last >= lead for d in self.drafts) else lead

    def _violent_here(self, sent: Sentence) -> bool:
        """Whether a violent incident or a riot now covers this sentence."""
        drafts = (self.open_by_family.get("violence"), self.open_by_family.get("protest"))
        return any(d is not None and d.last == sent.index and (d.family == "violence" or d.trigger.event_type == RIOTS)
                   for d in drafts)

    def _absorb_side_details(self, sent: Sentence, families: set[str]) -> bool:
        """"4 people were arrested.", "Several arrests were made.", "The police seized a pistol and
        drugs." right after an incident of another kind, with no date and no place of its own: the
        arrests or seizures of that event (a protest's intervention, a raid's haul), not events of
        their own."""
        if not self.drafts or self.dates.get(sent.index) or self.index.own_places(sent.index):
            return False
        last = self.drafts[-1]
        if last.family in families or last.last != sent.index - 1 or last.paragraph != sent.paragraph:
            return False
        last.last = sent.index
        return True

    def _absorb_toll(self, sent: Sentence) -> bool:
        """"Local activists put the death toll at more than 300": a rival figure for the
        violent incident just coded, not a new incident."""
        if not any(w in sent.text for w in _TOLL_WORDS) or not _TOLL.search(sent.text):
            return False
        prev = self.open_by_family.get("violence")
        if prev is None or sent.index - prev.last > 3:
            return False
        if any(p.feature != "region" for p in self.index.by_sentence.get(sent.index, [])):
            return False
        toll = list(find_counts(sent.text, sent.start))
        if not _has_toll(toll):
            return False
        prev.counts.extend(toll)
        prev.last = sent.index
        return True

    def _absorb_bare_toll(self, sent: Sentence) -> None:
        """"Gunmen shot a driver in Goma. The motive is unknown. One fatality.": a sentence that
        reports no event but gives a death count, with no place of its own, shortly after a violent
        incident of its paragraph, is that incident's toll (a rival figure for it)."""
        prev = self.open_by_family.get("violence")
        if prev is None or prev.paragraph != sent.paragraph or sent.index - prev.last > 2:
            return
        if self.index.own_places(sent.index):
            return
        toll = list(find_counts(sent.text, sent.start))
        if _has_toll(toll):
            prev.counts.extend(toll)
            prev.last = sent.index

    def _absorb_victims(self, sent: Sentence) -> bool:
        """"The victims included 4 women and 3 children": the breakdown of the toll just coded."""
        m = _VICTIMS_INCLUDED.search(sent.text)
        if not m:
            return False
        prev = self.open_by_family.get("violence")
        if prev is None or sent.index - prev.last > 2:
            return False
        if not any(c.kind == "killed" and c.value and not c.including for c in prev.counts):
            return False
        parts = included_victims(sent, m.end())
        if not parts:
            return False
        prev.counts.extend(parts)
        prev.last = sent.index
        return True

    def _absorb_zero(self, sent: Sentence, families: dict[str, list[Trigger]], zero: bool) -> bool:
        """"Police fired tear gas at protesters. No one was killed.": says the previous
        incident had no dead; it is not an incident of its own."""
        if not (zero and set(families) == {"violence"} and self.drafts):
            return False
        last = self.drafts[-1]
        if last.last != sent.index - 1 or last.paragraph != sent.paragraph or self.index.by_sentence.get(sent.index):
            return False
        last.zero = True
        last.last = sent.index
        return True

    def _add_clauses(self, sent: Sentence, group: list[Trigger], zero: bool, onset: bool) -> bool:
        """"soldiers killed 4 villagers in A; on 5 March they shelled B, killing 2": one
        draft per clause; False when the sentence is one incident."""
        segments = clauses(self.index.text, sent, group, self.index.by_sentence.get(sent.index, []))
        if not segments:
            return False
        sent_counts = list(find_counts(sent.text, sent.start))
        for a, b, trig in segments:
            seg_dates = [x for x in self.dates.get(sent.index, []) if a <= x.start < b]
            draft = Draft("violence", _primary(trig), sent.index, sent.index, sent.paragraph,
                          [c for c in sent_counts if a <= c.start < b], zero, seg_dates[0] if seg_dates else None,
                          True, onset, list(trig), (a, b))
            self.drafts.append(draft)
            self.open_by_family["violence"] = draft
        return True

    def _evidence(self, sent: Sentence, group: list[Trigger], primary: Trigger, counts: list[Count],
                  zero: bool) -> Evidence:
        sdates = self.dates.get(sent.index, [])
        first_trigger = min(t.start for t in group)
        date = min(sdates, key=lambda d: abs(d.start - first_trigger)) if sdates else None
        definite = definite_words(self.index.doc.words_before(primary.start, 3, sent.index, lower=True))
        return Evidence(bool(self.index.own_places(sent.index)), _has_toll(counts), zero, date, definite)

    def _add_family(self, sent: Sentence, family: str, group: list[Trigger], counts: list[Count], zero: bool,
                    onset: bool) -> None:
        # "workers gathered in front of a hospital to protest": the gathering has no demand, but the
        # protest has its crowd; the trigger that types the draft is one its sentence bears out
        in_context_group = [t for t in group if in_context(family, t, sent.text, sent.start)]
        primary = _primary(in_context_group or group)
        e = self._evidence(sent, group, primary, counts, zero)
        supported = is_supported(family, primary, sent.text, e, sent.start)
        draft = Draft(family, primary, sent.index, sent.index, sent.paragraph, list(counts), zero, e.date,
                      e.own_places, onset, list(group))
        if self._retells(sent, family, group, counts, e):
            return
        prev = self.open_by_family.get(family)
        adjacent = prev is not None and prev.last == sent.index - 1 and prev.paragraph == sent.paragraph
        near = prev is not None and 0 < sent.index - prev.last <= 2 and (
            prev.paragraph == sent.paragraph or self._toll_opens_paragraph(prev, sent))
        additive = any(_ADDITIVE.match(self.index.text, c.end) for c in _killed(counts))  # "2 other policemen"
        if family == "violence" and prev is not None and near and _bare_death(group, e) and not additive:
            # "Gunmen shot three men in Goma. Two died later.": a bare death with no place or date
            # of its own tells the outcome of the incident just before (one sentence may stand
            # between), never a new one
            _merge(prev, draft, group, primary, sent)
            return
        if prev is not None and self._refers_back(prev, sent, e):
            adjacent = True  # a back-reference may open the next paragraph
            supported = False  # "The attack on Lin Ta Lu village ...": more on the incident just coded
            if e.date and not prev.date:
                prev.date = e.date
        if prev is not None and adjacent and not supported:
            prev.last = sent.index
            prev.triggers.extend(group)
            prev.counts.extend(c for c in counts if c.definite)  # "... The victim died."
        elif prev is not None and adjacent and _compatible(prev, draft, self.index.by_sentence, sent, self.index.text):
            _merge(prev, draft, group, primary, sent)
        elif supported:
            self.drafts.append(draft)
            self.open_by_family[family] = draft
        elif (lead := self._scene_lead(sent, family, primary)) is not None:
            # "On 9 May, police carried out an operation in Dorva. A shoot-out broke out": the
            # sentence before set the scene (its place and date) and reported no incident itself
            draft.first, draft.date, draft.place = lead, self.dates[lead][0], True
            self.drafts.append(draft)
            self.open_by_family[family] = draft

    def _toll_opens_paragraph(self, prev: Draft, sent: Sentence) -> bool:
        """"Military planes dropped bombs on a ceremony in Dorva village on Wednesday. || A spokesman
        could not be reached. || Seven villagers were killed, ...": wire copy puts each sentence in a
        paragraph of its own, and the toll of an attack told without one opens a later paragraph
        (at most one sentence between, itself no incident)."""
        return sent.index == self._paragraph_start(sent) and not _has_toll(prev.counts) \
            and prev.last not in self.index.headings and AGGREGATE_CUE.search(sent.text) is None

    def _paragraph_start(self, sent: Sentence) -> int:
        first = sent.index
        while first > 0 and self.index.sentences[first - 1].paragraph == sent.paragraph:
            first -= 1
        return first

    def _refers_back(self, prev: Draft, sent: Sentence, e: Evidence) -> bool:
        """"The strike hit Let Yet Kone village on Monday": more on the incident coded in the
        sentence just before, unless it gives its own toll or another date."""
        follows = prev.last == sent.index - 1 and self.index.sentences[prev.last].index not in self.index.headings
        back_reference = e.definite and not e.killed
        return follows and back_reference and not (prev.date and e.date and prev.date.date != e.date.date)

    def _retells(self, sent: Sentence, family: str, group: list[Trigger], counts: list[Count], e: Evidence) -> bool:
        """"The governor confirmed that four men, four children and three women were killed in the
        American attack.", paragraphs after "an air raid killed 11 villagers in Dorva": no place of its
        own, a definite back-reference and the toll of an incident already coded: that incident told
        again, no row of its own."""
        # (the cheap tests first: _no_new_place reads every sentence before this one)
        if family != "violence" or not e.killed or not self._names_back(sent, group) \
                or (e.own_places and not self._no_new_place(sent)):
            return False
        return any(d.family == family and _same_toll(d.counts, counts, self.index.text) for d in self.drafts)

    def _no_new_place(self, sent: Sentence) -> bool:
        """The sentence names only places the article named before ("... before being transported
        to Niamey, ... 24 of them were shot dead", Niamey told of already): a retelling may."""
        names = {p.name for p in self.index.own_places(sent.index)}
        return names <= {p.name for i in range(sent.index) for p in self.index.own_places(i)}

    def _names_back(self, sent: Sentence, group: list[Trigger]) -> bool:
        """One of the sentence's triggers is a definite back-reference ("killed in the attack")."""
        return any(definite_words(self.index.doc.words_before(t.start, 3, sent.index, lower=True)) for t in group)


def _bare_death(group: list[Trigger], e: Evidence) -> bool:
    """Whether a sentence's only violent words are bare killing words ("died", "killed"), or weak
    ones about the dead ("Seven villagers were killed, with some bodies burned beyond
    recognition"), with no place or date of its own."""
    return not (e.own_places or e.date) and all(
        t.priority <= _GENERIC_KILLING and (t.strength == "strong" or t.text.lower() in _THE_DEAD) for t in group)


# weak triggers (triggers.csv) that only speak of the dead, as a toll's own words may ("Seven
# villagers were killed, with some bodies burned"); "attack", "massacre" are events of their own
_THE_DEAD = frozenset({"bodies", "corpses"})


def _merge(prev: Draft, draft: Draft, group: list[Trigger], primary: Trigger, sent: Sentence) -> None:
    prev.last = sent.index
    prev.counts.extend(draft.counts)
    prev.zero = prev.zero or draft.zero
    prev.date = prev.date or draft.date
    prev.place = prev.place or draft.place
    prev.triggers.extend(group)
    if primary.priority > prev.trigger.priority:
        prev.trigger = primary
