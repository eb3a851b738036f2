"""Casualty counts: which numbers in a sentence count the dead, and of whom.

Number phrases and their values are in quantities.py, the toll of a run of counts in
tolls.py (both re-exported here); the words in lexicon/casualty_words.csv (killing words),
victim_groups.csv ("civilians"), single_victims.csv ("a man"), count_words.csv
(qualifiers, vague quantities, explicit zeros).

Rules:
- digits ("745", "1,200") and number words ("nine", "twenty-one", "a dozen" 12,
  "two dozen" 24, "half a dozen" 6) are counts; "dozens", "scores", "hundreds",
  "thousands", "several", "many" are vague and never become a figure;
- "at least/more than/nearly/about N" => N (qualifier kept for notes);
- a number is a death count when a killing word follows it in its clause
  ("745 civilians were killed", "31 people killed", "20 of his neighbours were killed",
  "12 dead") or precedes it ("killing 12", "killed at least 5", "death toll rose to 40");
  a wounding word makes it "wounded"; numbers joined by "and" share the verb
  ("125 soldiers and 148 fighters were killed");
- ages ("a 57-year-old", "aged 30"), distances, durations, and counts of drones,
  missiles, homes, households, families, vehicles, years, dates are never casualties;
- numbers after "including"/"among them" break a total down, they are not added;
- "no one was killed", "no casualties" => an explicit 0;
- a death count above MAX_FIGURE ("killed 1000…000 people" with 320 digits, "20 million")
  is not a figure for one incident: it is kept in notes as ``fatalities_unused=<text>``
  and not used (a longer digit string is never converted: float() would give infinity
  and int() refuses more than 4300 digits).
"""

from __future__ import annotations

import re

from mapper.errors import LexiconError
from mapper.extract.lowercase import CASE_TRAPS, lower_is_exact
from mapper.extract.quantities import (
    COUNT_WORDS,
    MAX_FIGURE,
    NEVER_COUNTS,
    NUMBER,
    NUMBER_WORD_NEVER_COUNTS,
    PAIR_WORDS,
    OVER_MAX_FIGURE,
    Count,
    number_matches,
    number_value,
    patterns_of,
)
from mapper.extract.casualty_words import (
    KILLED,
    LEFT_KILLED,
    LEFT_OUTCOME,
    LEFT_WOUNDED,
    ONE_WORD,
    RIGHT,
    WOUNDED,
    left_word,
    literal_stem,
)
from mapper.extract.single_victims import SINGLE_VICTIM_WORDS as _SINGLE_VICTIM_WORDS  # noqa: F401 (tests read it)
from mapper.extract.single_victims import definite_victims, may_hold_single_victim, single_victims, victim_pairs
from mapper.extract.tolls import Figure, fatality_figure
from mapper.extract.vocabulary import Row, table
from mapper.extract.words import MONTH_ABBR, MONTHS

__all__ = ["MAX_FIGURE", "NUMBER", "OVER_MAX_FIGURE", "Count", "Figure", "fatality_figure", "find_counts",
           "has_zero_fatalities", "left_word", "literal_stem", "number_value"]

# "20 km", "two drones", "a 57-year-old", "40%", "5 a.m.": what follows makes the number no casualty
# count; a word ending in a letter must end there ("20 km" but not "20 kmh"), one ending in a sign
# need not ("40% of", which \b refused unless a letter followed the sign); "57-year-old" is "years?"
_NOT_CASUALTY_AFTER = re.compile(
    rf"^\s*(?:-|\s)?(?:{patterns_of(COUNT_WORDS, 'not_counted')})(?!(?<=\w)\w)",
    re.I,
)
# "aged 30", "$5", "March 6", "Jan. 6", "resolution 2334": what precedes does
_MONTH_WORDS = "|".join((*MONTHS, *MONTH_ABBR))  # calendar.csv
_NOT_CASUALTY_BEFORE = re.compile(
    rf"(?:\b(?:{patterns_of(COUNT_WORDS, 'not_counted_before')})|[$£€]|\b(?:{_MONTH_WORDS})\.?)\s*$", re.I
)





def clause_break_pattern(rows: tuple[Row, ...], lower: bool) -> str:
    """The end of a number's clause: ";", ":", ". ", ", when", "while", "including" (count_words.csv).
    ``lower``: the twin for lower-cased text, each word's "\\b" moved after its first letter as a
    lookbehind, so that the engine skips the positions no word starts at."""
    words = [r.text("pattern") for r in rows if "clause_break" in r.items("kinds")]
    if lower and not all(re.match(r"[a-z]", w) for w in words):
        raise LexiconError("count_words.csv: a clause_break pattern must start with a letter")
    alternatives = [w[0] + r"(?<!\w.)" + w[1:] + r"\b" if lower else rf"\b{w}\b" for w in words]
    return "|".join([";|:" if lower else "[;:]", r"\.\s", rf",\s+(?:{patterns_of(rows, 'clause_break_after_comma')})\b",
                     *alternatives])


_CLAUSE_BREAK = re.compile(clause_break_pattern(COUNT_WORDS, lower=False), re.I)
_QUALIFIED_END = rf"\s+(?:(?:{patterns_of(COUNT_WORDS, 'left_qualifier')})\s+)?$"  # "killed at least " before a number
_BREAKDOWN_WORDS = [r.text("pattern") for r in COUNT_WORDS if "breakdown" in r.items("kinds")]
_INCLUDING = re.compile(rf"\b(?:{'|'.join(_BREAKDOWN_WORDS)})\b[^.;]*$", re.I)  # "including 5 children"
_INCLUDING_L = re.compile(_INCLUDING.pattern)  # its twin for lower-cased text without a case trap
# the cheap test before _INCLUDING: each word's literal stem ("including", "among"), a short one
# ("of") between spaces as the rule always looked for it
_BREAKDOWN_STEMS = tuple(dict.fromkeys(
    stem if len(stem) > 3 else f" {stem} " for stem in (literal_stem(w) for w in _BREAKDOWN_WORDS)))
_ZERO = re.compile(
    rf"\b(?:{patterns_of(COUNT_WORDS, 'zero_subject')})\s+(?:{patterns_of(COUNT_WORDS, 'zero_verb')})\s+(?:\w+\s+)?"
    rf"(?:{patterns_of(COUNT_WORDS, 'zero_harm')})"  # "no one was killed", "nobody was seriously hurt"
    rf"|\b(?:{patterns_of(COUNT_WORDS, 'zero_no')})\s+(?:(?:{patterns_of(COUNT_WORDS, 'zero_no_modifier')})\s+)?"
    rf"(?:(?:{patterns_of(COUNT_WORDS, 'zero_no_reports')})\s+)?(?:{patterns_of(COUNT_WORDS, 'zero_noun')})\b"
    rf"|\b(?:{patterns_of(COUNT_WORDS, 'zero_without_opener')})\s+(?:(?:{patterns_of(COUNT_WORDS, 'zero_without_verb')})\s+)?"
    rf"(?:{patterns_of(COUNT_WORDS, 'zero_without')})"
    rf"|\b(?:{patterns_of(COUNT_WORDS, 'zero_died_subject')})\s+(?:{patterns_of(COUNT_WORDS, 'zero_died')})",
    re.I,
)


def victim_groups(rows: tuple[Row, ...]) -> tuple[tuple[str, str], ...]:
    """victim_groups.csv as (group, alternatives), groups in order of first appearance."""
    by_group: dict[str, list[str]] = {}
    for row in rows:
        by_group.setdefault(row.text("group"), []).append(row.text("pattern"))
    return tuple((group, "|".join(patterns)) for group, patterns in by_group.items())


GROUPS = victim_groups(table("victim_groups.csv"))


def _group_pattern(capital: str) -> str:
    """"12 civilians", "20 of his neighbours", "three young unarmed men": up to three words
    between the number and the group, each any one word ("his", "young", "off-duty",
    "pro-government", a name); ``capital`` is the class of a name's first letter."""
    return (r"^(?:\s+(?:of\s+)?(?:(?:pro-[\w-]+|" + capital + r"[\w’'-]+|[a-z]+(?:-[a-z]+)?)\s+){0,3}?)"
            + r"(?:" + "|".join(f"(?P<g{i}>{p})" for i, (_, p) in enumerate(GROUPS)) + r")\b")


_GROUP = re.compile(_group_pattern("[A-Z]"), re.I)
# the twin for lower-cased text without a case trap: the same matches, several times faster
# (the engine skips an alternative by its first letter only in a case-sensitive pattern)
_GROUP_L = re.compile(_group_pattern("[a-z]"))


# The words _NOT_CASUALTY_BEFORE can end with ("age\\s+of" -> "of", "no\\." -> "no."): a cheap
# test before the regex search, from the same rows.
_BEFORE_ENDINGS = tuple(dict.fromkeys([
    *(r.text("pattern").split("\\s+")[-1].replace("\\.", ".") for r in COUNT_WORDS
      if "not_counted_before" in r.items("kinds")),
    "$", "£", "€", *MONTHS, *MONTH_ABBR,
]))


def _not_casualty_before(before: str) -> bool:
    """``_NOT_CASUALTY_BEFORE.search(before) is not None``, skipping the search when the text
    (trailing spaces aside) cannot end with one of its words."""
    if not CASE_TRAPS.search(before):
        tail = before.rstrip().lower()
        if not tail.endswith(_BEFORE_ENDINGS) and not tail[:-1].endswith(_BEFORE_ENDINGS):
            return False  # ("jan." ends with "." after the word)
    return _NOT_CASUALTY_BEFORE.search(before) is not None


def has_zero_fatalities(text: str) -> bool:
    return _ZERO.search(text) is not None


# lower-case twins of the re.I patterns: matching lower-cased text is several times faster
_RIGHT_L = re.compile(RIGHT.pattern)
_CLAUSE_BREAK_L = re.compile(clause_break_pattern(COUNT_WORDS, lower=True))
_left_killed = LEFT_KILLED.found
_left_wounded = LEFT_WOUNDED.found


# compiled once (they were inline; the f-string one was rebuilt for every number)
_YEAR = re.compile(r"(?:19|20)\d\d")
# (also a breakdown after a comma: "a family of nine, including five children, was killed" counts nine)
_PERSON_OR_VERB_AFTER = re.compile(rf"^(?:\s+(?:{patterns_of(COUNT_WORDS, 'person_or_verb')})|\s*,\s*(?:{patterns_of(COUNT_WORDS, 'breakdown')}))\b",
                                   re.I)
# "two KLF militant were killed": a name and an unknown noun; "three drug traffickers were killed"
_HARM_SOON_AFTER = re.compile(rf"^\s+(?:[\w-]+\s+){{0,3}}(?:{KILLED}|{WOUNDED})\b", re.I)
# lower-case twins of the four patterns that read the words after a number
_NOT_CASUALTY_AFTER_L = re.compile(_NOT_CASUALTY_AFTER.pattern)
_PERSON_OR_VERB_AFTER_L = re.compile(_PERSON_OR_VERB_AFTER.pattern)
_HARM_SOON_AFTER_L = re.compile(_HARM_SOON_AFTER.pattern)
_AFTER_RULES = (_NOT_CASUALTY_AFTER, _GROUP, _PERSON_OR_VERB_AFTER, _HARM_SOON_AFTER)
_AFTER_RULES_L = (_NOT_CASUALTY_AFTER_L, _GROUP_L, _PERSON_OR_VERB_AFTER_L, _HARM_SOON_AFTER_L)
_STOP = re.compile(r"[.;]")
_GROUP_NAMES = {f"g{i}": name for i, (name, _) in enumerate(GROUPS)}
if _GROUP.groups != len(GROUPS):  # _victim_group reads the one group that matched (lastgroup)
    raise LexiconError("victim_groups.csv: a pattern holds a capturing group; write (?:...) instead")
# "killed 7 civilians and 2 police officers", "..., plus his 3 sons": the gap between two counts
_COORDINATION = re.compile(rf"[^.;:]{{0,60}}?(?:\b(?:{patterns_of(COUNT_WORDS, 'coordination')})\b|,)"
                           rf"\s*(?:(?:{patterns_of(COUNT_WORDS, 'coordination_possessive')})\s+)?")


def _coordinate_forward(raw: list, text: str) -> None:
    """"killed 7 civilians and 2 police officers": the verb before the first reaches the second."""
    for i in range(1, len(raw)):
        if raw[i][4] == "" and raw[i - 1][4] and not raw[i][7]:
            gap = text[raw[i - 1][3] : raw[i][2]]
            if _COORDINATION.fullmatch(gap) and not RIGHT.search(gap):
                raw[i][4] = raw[i - 1][4]


_HARM_RIGHT_AFTER = re.compile(rf"^\s+(?:{KILLED}|{WOUNDED})\b", re.I)


_JOINED = re.compile(r"\s*(?:,|and\b|or\b)", re.I)


def _group_right_after(after: str, group_rule: re.Pattern[str], pair: bool = False) -> bool:
    """Whether a victim noun or a casualty word is the very next word ("one soldier", "one
    fatality", not "one of the soldiers"); for a ``pair`` word, a noun not joined to another
    ("both victims died", not "both soldiers and civilians were killed")."""
    if _HARM_RIGHT_AFTER.match(after):
        return True
    g = group_rule.match(after)
    if g is None or g.lastgroup is None or after[: g.start(g.lastgroup)].strip():
        return False
    return not (pair and _JOINED.match(after, g.end()))


def _victim_group(after: str, group_rule: re.Pattern[str]) -> str | None:
    """"12 civilians", "three children": the victim group right after the number ("" for
    none; None when nothing of the kind follows)."""
    g = group_rule.match(after)
    if not g:
        return None
    return _GROUP_NAMES[g.lastgroup] if g.lastgroup else ""


class _Sentence:
    """What the rules of one sentence share: its lower-cased text, whether the lower-case
    twins may read it (same length, no case trap), and whether it holds a left killing /
    wounding word anywhere (if not, no window of it does)."""

    __slots__ = ("low", "lower_ok", "after_rules", "killed", "wounded")

    def __init__(self, low: str, exact: bool) -> None:
        self.low = low
        self.lower_ok = exact
        self.after_rules = _AFTER_RULES_L if self.lower_ok else _AFTER_RULES
        self.killed = LEFT_KILLED.may_occur(low)
        self.wounded = LEFT_WOUNDED.may_occur(low)

    def left_kind(self, text: str, start: int) -> str:
        """"killed" / "wounded" when such a word ends right before the number at ``start``
        ("killing at least 12"; read in the 60 characters before it), else ""."""
        if not (self.killed or self.wounded):
            return ""
        a = max(0, start - 60)
        if self.lower_ok:
            low = self.low[a:start]
            if self.killed and LEFT_KILLED.found_lower(low):
                return "killed"
            if self.wounded and LEFT_WOUNDED.found_lower(low):
                return "wounded"
            return ""
        if self.killed and _left_killed(text[a:start]):
            return "killed"
        if self.wounded and _left_wounded(text[a:start]):
            return "wounded"
        return ""


# "11-12 militants were killed": a range of digits joined by a hyphen (its high end)
_DIGIT_RANGE = re.compile(r"-(\d{1,6})(?![\w.,-])")


def _count_candidate(text: str, m: re.Match[str], sentence: _Sentence) -> list | None:
    """One number as a raw count ([value, text, start, end, kind, group, qualifier,
    including, left kind]), or None when it counts something else: "a 57-year-old", "20 km", "$5",
    "March 6", "in 2024", "a"/"one", "some", or "two drones" with no killing word close by.
    "11-12 militants" is the range's low end (qualifier "11 to 12")."""
    phrase = text[m.start("n") : m.end("n")]
    start, end = m.start(), m.end()
    span = ""
    if phrase.isdigit() and (rng := _DIGIT_RANGE.match(text, end)) and int(rng.group(1)) > int(phrase):
        span = f"{int(phrase)} to {int(rng.group(1))}"
        end = rng.end()
    not_casualty, group_rule, person_or_verb, harm_soon = sentence.after_rules
    after = (sentence.low if not_casualty is _NOT_CASUALTY_AFTER_L else text)[end : end + 40]
    if not_casualty.match(after):
        return None
    left = sentence.left_kind(text, start)
    if left != "killed" and _not_casualty_before(text[max(0, start - 25) : start]):
        return None
    if _YEAR.fullmatch(phrase):
        return None
    group = _victim_group(after, group_rule)
    if phrase.lower() in NEVER_COUNTS and not (
            phrase.lower() in NUMBER_WORD_NEVER_COUNTS
            and (left == "killed" or _group_right_after(after, group_rule, phrase.lower() in PAIR_WORDS))):
        return None
    value = number_value(phrase)
    if group is None:
        group = ""
        if value is not None and not left and not person_or_verb.match(after) and not harm_soon.match(after):
            # a number not followed by a person noun or a verb: "two drones" etc. were
            # mostly removed above; keep it only if a killing word follows closely
            return None
    return [value, text[start:end], start, end, "", group, span or " ".join((m.group("q") or "").lower().split()), False,
            left]


# "Four militants stormed the home and killed him": a killing verb in -ed with an object right after
# it is active, and the count before it is who killed (count_words.csv, killing_object)
_ACTIVE_OBJECT = re.compile(rf"ed\s+(?:{patterns_of(COUNT_WORDS, 'killing_object')})\b", re.I)
# "were killed", "had been shot"; and "among the killed a commander": the participle as a noun
_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|been|being|be|is|are|got)\s+(?:\w+\s+)?$|\b(?:the|those)\s+$", re.I)


def _kind_of(left: str, window: str, right: re.Pattern[str]) -> str:
    """"killed"/"wounded" from the words before ("killing 12", ``left``), else from the clause
    after ("12 were killed", "30 arrested" -> "other", "7 were killed and wounded" -> "mixed"),
    else ""; "other" for the agents of an active killing ("4 militants ... killed him")."""
    if left:
        return left
    r = right.search(window)
    if not r:
        return ""
    if r.group("m"):
        return "mixed"  # "7 militants were killed and wounded": harmed, how many died not said
    if r.group("k"):
        active = _ACTIVE_OBJECT.match(window, r.end() - 2) is not None and not _PASSIVE_BEFORE.search(window[: r.start()])
        return "other" if active else "killed"
    return "wounded" if r.group("w") else "other"


def _is_breakdown(text: str, start: int, sentence: _Sentence) -> bool:
    """"... including 12 children", "among them 3 women": a part of a total, not added to it
    (read in the 80 characters before the number)."""
    a = max(0, start - 80)
    if sentence.lower_ok:
        low80 = subject = sentence.low[a:start]
        rule = _INCLUDING_L
    else:
        subject = text[a:start]
        low80 = subject.lower()
        rule = _INCLUDING
    for stem in _BREAKDOWN_STEMS:
        if stem in low80:
            return rule.search(subject) is not None and not _STOP.search(text[start - 3 : start])
    return False


# the end of a window that is the next count's left word: "displaced 500 people and killed two
# soldiers" ("killed" is the verb of "two", not of "500")
_NEXT_LEFT_WORD = re.compile(rf"(?:{ONE_WORD}){_QUALIFIED_END}", re.I)


def _without_next_left_word(window: str) -> str:
    """The window after a count, less the casualty word that ends it right before the next
    count (that count's left word, which gave it its kind)."""
    m = _NEXT_LEFT_WORD.search(window)
    return window[: m.start()] if m else window


# "15 fighters including a commander were killed": the verb after a breakdown without a number
_VERB_AFTER_BREAKDOWN = re.compile(
    rf"[^,.;:]{{0,60}}?(?:,\s*|\s)(?:{patterns_of(COUNT_WORDS, 'total_auxiliary')})\s+(?:\w+\s+)?(?={RIGHT.pattern})", re.I)
_BREAKDOWN_WORD = re.compile(rf"(?:{'|'.join(_BREAKDOWN_WORDS)})$", re.I)


def _verb_after_breakdown(window: str, brk: re.Match[str]) -> str:
    """The clause of a total cut at a breakdown word ("15 fighters including a commander were
    killed and ..."): the words from the verb after the breakdown on, which give the total its
    kind; "" when the break is no breakdown word or no such verb follows."""
    if not _BREAKDOWN_WORD.search(brk.group(0)):
        return ""
    verb = _VERB_AFTER_BREAKDOWN.match(window, brk.end())
    return window[verb.end() :] if verb else ""


def _outcome_after(text: str, start: int, window: str, right: re.Pattern[str]) -> str:
    """"left 500 people homeless", "leaving 12 wounded": when the left word of the number at
    ``start`` only says people were left in some state (left_outcome), the wounded ("w") or
    other ("o") word after it; "" when there is none or the left word kills ("killing 12")."""
    r = right.search(window)
    if r is None or r.group("k") or not LEFT_OUTCOME.found(text[max(0, start - 60) : start]):
        return ""
    return "w" if r.group("w") else "o"


def _set_kinds(raw: list, text: str, sentence: _Sentence) -> None:
    """Kinds from the right context (up to the next number or clause break) and left context."""
    lowered = sentence.low
    same = sentence.lower_ok
    clause_break, right = (_CLAUSE_BREAK_L, _RIGHT_L) if same else (_CLAUSE_BREAK, RIGHT)
    for i, item in enumerate(raw):
        start, end = item[2], item[3]
        limit = raw[i + 1][2] if i + 1 < len(raw) else len(text)
        window = (lowered if same else text)[end:limit]
        brk = clause_break.search(window)
        if brk:
            # "3 civilians were killed and 4 including a guard were wounded": the total's own
            # verb, before the breakdown, gives its kind; the verb after it only when none does
            own = window[: brk.start()]
            window = own if right.search(own) else _verb_after_breakdown(window, brk) or own
        if i + 1 < len(raw) and raw[i + 1][8]:
            window = _without_next_left_word(window)
        kind = _kind_of(item[8], window, right)
        if kind == "killed" and item[8] and _outcome_after(text, start, window, right):
            kind = "wounded" if _outcome_after(text, start, window, right) == "w" else "other"
        if kind:
            item[4] = kind
        if _is_breakdown(text, start, sentence):
            item[7] = True


def _coordinate_backward(raw: list, text: str) -> None:
    """"125 soldiers and 148 fighters were killed": the first number shares the later verb."""
    for i in range(len(raw) - 2, -1, -1):
        if raw[i][4] == "" and raw[i + 1][4]:
            gap = text[raw[i][3] : raw[i + 1][2]]
            if _COORDINATION.fullmatch(gap) and not RIGHT.search(gap):
                raw[i][4] = raw[i + 1][4]


def _head_kinds(raw: list, text: str) -> None:
    """"At least 12 civilians, including five children, were killed": the total's clause ends at
    "including", so the verb after the breakdown is read by its last part; the total takes its kind."""
    for i, item in enumerate(raw):
        if item[4] or item[7]:
            continue
        j = i + 1
        while j + 1 < len(raw) and raw[j][7] and raw[j + 1][7]:
            j += 1
        if j < len(raw) and raw[j][7] and raw[j][4] and not RIGHT.search(text[item[3] : raw[i + 1][2]]):
            item[4] = raw[j][4]


def _breakdown_kinds(raw: list) -> None:
    """A breakdown inherits the kind of the total it breaks down: "20 were killed, including 5 children"."""
    for i, item in enumerate(raw):
        if item[7] and item[4] in ("", "killed") and i > 0:
            heads = [r for r in raw[:i] if not r[7]]
            if heads and heads[-1][4] == "killed":
                item[4] = "killed"


def _add_single_victims(raw: list, text: str, low: str, exact: bool) -> list:
    """"killed a woman and her three children": one victim without a number is a count of 1."""
    if not may_hold_single_victim(low, exact):
        return raw
    taken = [(r[2], r[3]) for r in raw]
    for item in victim_pairs(text) + single_victims(text, low, exact):
        if not any(a <= item[2] < b or item[2] <= a < item[3] for a, b in taken):
            # "12 fighters, among whom a commander had been killed": a part of the total
            item[7] = bool(raw) and _INCLUDING.search(text[max(0, item[2] - 80) : item[2]]) is not None
            raw.append(item)
            taken.append((item[2], item[3]))
    raw.sort(key=lambda r: r[2])
    _coordinate_forward(raw, text)
    return raw


def _sum_coordinated(raw: list, text: str) -> None:
    """"Forty rebel soldiers and eight army soldiers were killed": counts of one group joined by
    "and" or a comma under one killing verb are parts of the toll, not rival figures for it (the
    toll keeps the lowest of rivals); each group's parts become one count of their sum."""
    i = 0
    while i < len(raw):
        j = i
        while (j + 1 < len(raw) and raw[j][4] == raw[j + 1][4] == "killed" and not raw[j][7] and not raw[j + 1][7]
               and _COORDINATION.fullmatch(gap := text[raw[j][3] : raw[j + 1][2]]) and not RIGHT.search(gap)):
            j += 1
        first: dict[str, list] = {}
        for item in raw[i : j + 1]:
            if item[0] is None:
                continue
            head = first.setdefault(item[5], item)
            if head is not item:
                head[0] += item[0]  # the first part's text and offsets stand for the sum
                item[4] = "summed"  # dropped below
        i = j + 1
    raw[:] = [r for r in raw if r[4] != "summed"]


# "10 to 15 people", "between 10 and 15": two numbers of one range (not "rose from 10 to 15")
_RANGE_GAP = re.compile(r"\s+to\s+|\s*[–—]\s*")
_RANGE_BETWEEN = (re.compile(r"\bbetween\s+$", re.I), re.compile(r"\s+and\s+"))
_RANGE_FROM = re.compile(r"\bfrom\s+$", re.I)


def _range_low(text: str, low: re.Match[str], high: re.Match[str], item: list, sentence: _Sentence) -> bool:
    """A range gives its low end: "between 10 and 15 people were killed" and "10 to 15 people were
    killed" are 10 (the analyst's figure is the lowest reported); ``item``, the count of the high
    end, is turned into the range's (its qualifier "10 to 15", a note). False when the two numbers
    are no range ("the toll rose from 10 to 15" is 15)."""
    gap = text[low.end() : high.start()]
    before = text[max(0, low.start() - 10) : low.start()]
    opens = low.start()  # where the range starts: "killed between 20 and 30" reads "killed" before it
    if _RANGE_GAP.fullmatch(gap):
        if _RANGE_FROM.search(before):
            return False
    elif _RANGE_BETWEEN[1].fullmatch(gap) and (between := _RANGE_BETWEEN[0].search(before)):
        opens = low.start() - len(before) + between.start()
    else:
        return False
    a, b = number_value(text[low.start("n") : low.end("n")]), item[0]
    if a is None or b is None or a >= b or low.group("q"):
        return False
    item[0], item[1], item[2] = a, text[low.start() : high.end()], low.start()
    item[6] = f"{a} to {b}"
    item[8] = sentence.left_kind(text, opens) or item[8]
    return True


def find_counts(text: str, offset: int = 0) -> tuple[Count, ...]:
    """The counts in ``text`` (one sentence); ``offset`` is added to their start/end (the
    sentence's place in the article)."""
    raw: list[list] = []  # [value, text, start, end, kind, group, qualifier, including, left kind]
    low = text.lower()
    exact = lower_is_exact(text, low)
    sentence: _Sentence | None = None  # built at the first number: most sentences have none
    previous: re.Match[str] | None = None
    for m in number_matches(text, low, exact):
        if sentence is None:
            sentence = _Sentence(low, exact)
        item = _count_candidate(text, m, sentence)
        if item is not None:
            if previous is not None and _range_low(text, previous, m, item, sentence):
                if raw and raw[-1][2] == previous.start():
                    raw.pop()  # the low end was a count of its own ("10 to 15 people"): now one range
            raw.append(item)
        previous = m
    if raw and sentence is not None:  # a count comes from a number: the sentence is built
        _set_kinds(raw, text, sentence)
        _coordinate_backward(raw, text)
        _coordinate_forward(raw, text)
        _head_kinds(raw, text)
        _breakdown_kinds(raw)
    raw = _add_single_victims(raw, text, low, exact)
    _sum_coordinated(raw, text)
    counts = [Count(r[0], r[1], r[2] + offset, r[3] + offset, r[4], r[5], r[6], r[7]) for r in raw]
    if may_hold_single_victim(low, exact):
        taken = [(r[2], r[3]) for r in raw]
        counts.extend(Count(1, d[1], d[2] + offset, d[3] + offset, "killed", d[5], "", False, True)
                      for d in definite_victims(text, low, exact)
                      if not any(a <= d[2] < b or d[2] <= a < d[3] for a, b in taken))
        counts.sort(key=lambda c: c.start)
    return tuple(counts)
