"""Short forms of place names: "U.S.", "UAE", "Calif.", "W.Va.", "TX" (place_short_forms.csv).

The capitalised-word scan of places.py reads "U.S." as two one-letter words; this module finds
the forms as written (case and full stops matter), before that scan, so that
- a form of kind ``anywhere`` is a place mention wherever it stands ("U.S. troops", "in the UAE"),
  except a form without stops inside a capitalised heading ("TELL US MORE");
- a form of kind ``after_place`` is one only right after "<Name>, " or "<Name> (" ("Morgantown, W.Va.",
  "Austin, TX", "Walker County (Ga.)"), and then also marks <Name> as a place (``follows_place_with_state``);
- the letters inside a form are never scanned as names of their own ("U" and "S" of "U.S.");
- a ``name_prefix`` joins the word after it: "St. Paul", "Mt. Pleasant" are one name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mapper.extract.place_words import UP
from mapper.extract.vocabulary import table


@dataclass(frozen=True, slots=True)
class ShortForm:
    """One form of place_short_forms.csv where a text writes it."""

    form: str
    start: int
    end: int
    feature: str  # country, state, province, capital


_ALL_ROWS = table("place_short_forms.csv")
_ROWS = {r.text("form"): r for r in _ALL_ROWS if r.text("where") != "name_prefix"}
_PREFIXES = tuple(r.text("form") for r in _ALL_ROWS if r.text("where") == "name_prefix")  # "St."
_ANYWHERE = frozenset(f for f, r in _ROWS.items() if r.text("where") == "anywhere")
_AFTER_PLACE = frozenset(f for f, r in _ROWS.items() if r.text("where") == "after_place")


def _alternation(forms) -> str:
    # longest first: "U.S.A." before "U.S.", "W.Va." before "Va."
    return "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))


def _first_letter_first(forms) -> str:
    """``(?<![\\w.])(?:`` + ``_alternation(forms)`` + ``)`` written so that each branch starts with its
    forms' first letter and then looks behind it (at that letter and the character before it), the
    forms of one letter longest first as before: the same matches, but the engine skips every position
    whose character starts no form instead of trying the lookbehind at each one of every article's text."""
    by_first: dict[str, list[str]] = {}
    for form in sorted(forms, key=lambda f: (-len(f), f)):
        by_first.setdefault(form[0], []).append(re.escape(form[1:]))
    return "(?:" + "|".join(re.escape(first) + r"(?<![\w.].)(?:" + "|".join(rest) + ")"
                            for first, rest in by_first.items()) + ")"


# not inside a longer word or initials ("A.U.S.", "SUSAN"): no letter, digit or stop just before, no
# letter or digit just after; a form without a final stop is not followed by ".X" ("US.A")
_FORM_RULE = rf"(?<![\w.])(?:{_alternation(_ROWS)})(?![\w])(?!\.\w)"
_FORM = re.compile(_first_letter_first(_ROWS) + r"(?![\w])(?!\.\w)")  # the same matches as _FORM_RULE, faster
# "Morgantown, " / "MORGANTOWN, " / "Walker County (" right before a form: a capitalised word, then a
# comma and spaces or a space and an opening bracket
_NAME_COMMA = re.compile(rf"[{UP}][\w’'.-]*(?:,[ \t]+|[ \t]+\()$")
_STATE_AFTER = re.compile(rf"^(?:,[ \t]+|[ \t]+\()(?:{_alternation(_AFTER_PLACE)})(?![\w])(?!\.\w)")
_CAPS_WORD = re.compile(r"[A-Z]{2,}\b")
# "St. " right before a capitalised word (not inside a longer word: "Ast. ")
_PREFIX_BEFORE = re.compile(rf"(?<![\w.])(?:{_alternation(_PREFIXES)})[ \t]$")


def in_capitals(text: str, start: int, end: int) -> bool:
    """"TELL US MORE": an all-capital word right before or after (on the same line)."""
    before = text[max(0, start - 20) : start].rstrip(" \t")
    after = text[end : end + 20].lstrip(" \t")
    prev = before.rsplit(None, 1)[-1] if before.split() else ""
    return bool(_CAPS_WORD.fullmatch(prev.strip(",.:;")) or _CAPS_WORD.match(after))


def short_forms(text: str) -> list[ShortForm]:
    """Every form of place_short_forms.csv that the text writes as a place, in text order."""
    out = []
    for m in _FORM.finditer(text):
        form, a, b = m.group(), m.start(), m.end()
        if form in _AFTER_PLACE:
            if not _NAME_COMMA.search(text[max(0, a - 60) : a]):
                continue
        elif "." not in form and in_capitals(text, a, b):
            continue
        out.append(ShortForm(form, a, b, _ROWS[form].text("feature")))
    return out


def with_name_prefix(text: str, start: int) -> int:
    """"St. Paul", "Mt. Pleasant": the start of the abbreviated first word right before ``start``
    (place_short_forms.csv name_prefix), else ``start``."""
    m = _PREFIX_BEFORE.search(text, max(0, start - 6), start)
    return m.start() if m else start


def follows_place_with_state(after: str) -> bool:
    """"Morgantown, W.Va.", "Austin, TX", "Walker County (Ga.)": the text right after a name is
    ", <state or province>" or " (<state or province>"."""
    return after[:1] in ", " and _STATE_AFTER.match(after) is not None
