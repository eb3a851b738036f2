"""The sections of a page that reports on several places: where the text itself starts a new one.

A news digest ("World in brief") or a page with a part per country is written as sections,
each with its own country; a small town of a minor section must not be read by the page's main
country (geocode.focus.section_focus). A section starts, after the lead (the headline, any
byline, and the first paragraph of prose), at

- a heading line (``sentences.is_heading``): "Kenya" or "Floods in the north" on a line of its own,
  after a paragraph that ends a sentence, starting with a capital and followed by a line that
  starts a sentence. In hard-wrapped copy (some line ends mid-sentence and the next goes on in
  lower case: "... with Ronaldo and Atletico" / "Madrid striker Antoine" / "Griezmann ...") a
  short line without a full stop is a piece of a sentence, so there only datelines split;
- a paragraph that opens with a dateline (``sentences.DATELINE``): "NAIROBI, Kenya (AP) -- ...",
  "MADRID -- ...": where a new story of the page was filed.

A heading and the dateline paragraph right after it open one section, not two ("Kenya" then
"NAIROBI (AP) -- ..."). An article without either is one section: most articles are, and they
are read exactly as before.
"""

from __future__ import annotations

import bisect
import re

from mapper.extract.model import Sentence
from mapper.extract.sentences import DATELINE, is_heading

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*$")
_STARTS_SENTENCE = re.compile(r"[\"“‘'(\[]?[A-Z0-9\u00C0-\u024F]")


def section_starts(sentences: tuple[Sentence, ...]) -> tuple[int, ...]:
    """The text offsets where the article's second, third ... sections start; () for one section."""
    starts: list[int] = []
    wrapped = _hard_wrapped(sentences)
    prose_since_start = False  # a paragraph of prose since the article's or the section's start
    for s in sentences:
        if s.index > 0 and sentences[s.index - 1].paragraph == s.paragraph:
            continue  # not a paragraph's first sentence
        heading = is_heading(s, sentences)
        if prose_since_start and ((heading and not wrapped and _opens_heading(s, sentences)) or DATELINE.match(s.text)):
            starts.append(s.start)
            prose_since_start = False
        if not heading:
            prose_since_start = True
    return tuple(starts)


def _hard_wrapped(sentences: tuple[Sentence, ...]) -> bool:
    """Whether some line of the article ends mid-sentence and the next line goes on in lower case."""
    return any(a.paragraph != b.paragraph and not _SENTENCE_END.search(a.text) and b.text[:1].islower()
               for a, b in zip(sentences, sentences[1:], strict=False))


def _opens_heading(heading: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """A heading line that can open a section: capitalised, after a sentence's end, and followed
    by a line that starts one (capitalised, a digit or a quote)."""
    before = sentences[heading.index - 1].text if heading.index > 0 else ""
    after = sentences[heading.index + 1].text if heading.index + 1 < len(sentences) else ""
    return heading.text[:1].isupper() and bool(_SENTENCE_END.search(before)) and _STARTS_SENTENCE.match(after) is not None


def section_of(offset: int, starts: tuple[int, ...]) -> int:
    """The section (0 for the first) that the text offset lies in."""
    return bisect.bisect_right(starts, offset)
