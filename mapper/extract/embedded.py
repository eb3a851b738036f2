"""Places inside the names of organisations and facilities: "Texas Forest Service", "Paris City Council",
"Vancouver International Airport", "Clarke County Board of Education".

The whole name is no place (place_checks.organisation_name: an organisation word of common_words.csv
or a facility word of facility_words.csv in it), but a reader sees the place it starts with. That
place is a mention with role "embedded": it tells where the organisation is, never where an
incident happened (incidents and the location rules use role "location" only).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from mapper.extract.place_checks import unit_of
from mapper.extract.words import FACILITY_WORDS, ORG_WORDS

EMBEDDED = "embedded"  # PlaceMention.role of a place inside an organisation's or facility's name
_WORDS = re.compile(r"\S+")


def embedded_place(text: str, start: int, end: int, known_place: Callable[[str], bool]) -> tuple[int, int, str] | None:
    """(start, end, feature) of the longest run of leading words of ``text[start:end]``, before its
    first organisation or facility word, that is a unit's name ("Clarke County": feature "county")
    or a place the lexicon knows well (``known_place``: "Texas", "Paris"); None when there is none
    ("White House": "White" is no place)."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORDS.finditer(text, start, end)]
    head = next((i for i, (_a, _b, w) in enumerate(words) if i and (w in ORG_WORDS or w in FACILITY_WORDS)),
                len(words))
    for n in range(head, 0, -1):
        a, b = words[0][0], words[n - 1][1]
        unit = unit_of([w for _a, _b, w in words[:n]])
        if unit or known_place(text[a:b]):
            return a, b, unit
    return None
