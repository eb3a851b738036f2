"""Places inside the names of organisations and facilities: "Texas Forest Service", "Paris City Council",
"Vancouver International Airport", "Clarke County Board of Education"; and in a person's title:
"Toronto Mayor John Tory".

The whole name is no place (place_checks.organisation_name: an organisation word of common_words.csv
or a facility word of facility_words.csv in it), but a reader sees the place it starts with. That
place is a mention with role "embedded": it tells where the organisation is, never where an
incident happened (incidents and the location rules use role "location" only).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapper.extract.place_words import unit_of
from mapper.extract.words import FACILITY_WORDS, ORG_WORDS, PERSON_TITLES, ROLE_NOUNS

EMBEDDED = "embedded"  # PlaceMention.role of a place inside an organisation's or facility's name
_WORDS = re.compile(r"\S+")


ORGANISATION_HEADS = ORG_WORDS | FACILITY_WORDS
TITLE_HEADS = PERSON_TITLES | ROLE_NOUNS  # "Toronto Mayor John Tory"


def embedded_place(text: str, start: int, end: int, known_place: Callable[[str], bool],
                   heads: frozenset[str] = ORGANISATION_HEADS) -> tuple[int, int, str] | None:
    """(start, end, feature) of the longest run of leading words of ``text[start:end]``, before its
    first head word (an organisation or facility word; a title for "Toronto Mayor John Tory"), that
    is a unit's name ("Clarke County": feature "county") or a place the lexicon knows well
    (``known_place``: "Texas", "Paris"); None when there is none ("White House": "White" is no place)."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORDS.finditer(text, start, end)]
    head = next((i for i, (_a, _b, w) in enumerate(words) if i and w in heads), len(words))
    for n in range(head, 0, -1):
        a, b = words[0][0], words[n - 1][1]
        unit = unit_of([w for _a, _b, w in words[:n]])
        if unit or known_place(text[a:b]):
            return a, b, unit
    return None
