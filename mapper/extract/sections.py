"""The sections of a page that reports on several places: where the text itself starts a new one.

A news digest ("World in brief") or a page with a part per country is written as sections,
each with its own country; a small town of a minor section must not be read by the page's main
country (geocode.focus.section_focus). A section starts, after the lead (the headline, any
byline, and the first paragraph of prose), at

- a heading line (``sentences.is_heading``): "Kenya" or "Floods in the north" on a line of its own;
- a paragraph that opens with a dateline (``sentences.DATELINE``): "NAIROBI, Kenya (AP) -- ...",
  "MADRID -- ...": where a new story of the page was filed.

A heading and the dateline paragraph right after it open one section, not two ("Kenya" then
"NAIROBI (AP) -- ..."). An article without either is one section: most articles are, and they
are read exactly as before.
"""

from __future__ import annotations

import bisect

from mapper.extract.model import Sentence
from mapper.extract.sentences import DATELINE, is_heading


def section_starts(sentences: tuple[Sentence, ...]) -> tuple[int, ...]:
    """The text offsets where the article's second, third ... sections start; () for one section."""
    starts: list[int] = []
    prose_since_start = False  # a paragraph of prose since the article's or the section's start
    for s in sentences:
        if s.index > 0 and sentences[s.index - 1].paragraph == s.paragraph:
            continue  # not a paragraph's first sentence
        heading = is_heading(s, sentences)
        if prose_since_start and (heading or DATELINE.match(s.text)):
            starts.append(s.start)
            prose_since_start = False
        if not heading:
            prose_since_start = True
    return tuple(starts)


def section_of(offset: int, starts: tuple[int, ...]) -> int:
    """The section (0 for the first) that the text offset lies in."""
    return bisect.bisect_right(starts, offset)
