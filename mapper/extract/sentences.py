"""Paragraph and sentence splitting with exact offsets into the article text.

Rules:
- a paragraph is a run of non-empty lines separated by newline(s); each line break
  starts a new paragraph (wire copy puts one paragraph per line);
- a sentence ends at . ! or ? (plus closing quotes/brackets) followed by
  whitespace and an upper-case letter, digit or opening quote;
- no split after common abbreviations (Mr., Gen., U.S., Jan.) or single initials;
- no split inside a balanced quotation (“...” or "..."), so a quoted speech
  stays with its "X said" attribution;
- a heading is a short paragraph with no final punctuation;
- a sentence is at most MAX_SENTENCE_CHARS long: a longer run without a sentence end
  (a list, a dump, a hostile file) is cut at the last space before the limit, so that
  the work per sentence and the size of every quote stay bounded;
- a dateline opens a paragraph: "KHARTOUM, April 13 (Reuters) - ", "BANGKOK (AP) — ",
  "(Nairobi) – " (where the story was filed: never an incident's place or date).
"""

from __future__ import annotations

import bisect
import re

from mapper.extract.model import Sentence
from mapper.extract.vocabulary import words

_PARAGRAPH = re.compile(r"[^\n]+")
# Only from the start of a run of stops (the lookbehind): otherwise a long run without a
# capital after it ("!?.!?." x 10,000) is rescanned from each of its characters. Greedy,
# not possessive (Python 3.10 has no "++"): from a run's start, giving characters back
# only meets more stops, never the whitespace the lookahead needs, so one try is O(run).
# The first stop comes before the lookbehind (which then looks at it and the character
# before it): the engine skips every position that holds no stop instead of trying the
# lookbehind at each one (the same matches as "(?<![.!?])[.!?]+", three times faster).
_BOUNDARY = re.compile(r"[.!?](?<![.!?][.!?])[.!?]*[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u00C0-\u024F])")
_ABBREVIATIONS = words("abbreviations.csv")  # "Mr.", "Gen.", "Jan.": no sentence end after them
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "a.m."
# "KHARTOUM, April 13 (Reuters) - ", "BANGKOK (AP) — ": where the report was filed, not where it happened
DATELINE = re.compile(
    r"\([A-Z][\w’' .-]{1,40}\)\s*[-—–]+\s+"  # NGO style: "(Nairobi) – "
    r"|[A-Z][A-Z’' .-]+[A-Z](?:,\s*[A-Z][A-Za-z]+)?(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)\n]{1,30}\))?\s*[-—–]+\s+"
    # agency style, the town in title case and the agency's initials: "Aleppo, SANA- ", "Doro, ANP – "
    r"|[A-Z][a-z’'-]+(?:\s[A-Z][a-z’'-]+){0,2},\s*[A-Z]{2,6}\s*[-—–]+\s+"
)
# Prose sentences are a few hundred characters; anything over this is not one sentence.
MAX_SENTENCE_CHARS = 2000
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")


def _quote_spans(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The paragraph's balanced “curly” and "straight" quotations, each list in text order
    and without overlaps."""
    spans = []
    pos = start
    while True:
        open_at = text.find("“", pos, end)
        if open_at < 0:
            break
        close_at = text.find("”", open_at + 1, end)
        if close_at < 0:
            break  # unbalanced: ignore rather than swallow the paragraph
        spans.append((open_at, close_at))
        pos = close_at + 1
    straight = []
    at = text.find('"', start, end)
    while at >= 0:
        straight.append(at)
        at = text.find('"', at + 1, end)
    pairs = list(zip(straight[0::2], straight[1::2], strict=True)) if len(straight) % 2 == 0 else []
    return spans, pairs


def _inside_quotation(spans: list[tuple[int, int]], opens: list[int], dot: int, cut: int) -> bool:
    """A quotation of ``spans`` (in text order, no overlaps; ``opens`` their starts) holds the
    full stop at ``dot`` and does not close before ``cut``. Only the last one opened before
    ``dot`` can hold it: a bisect, not a scan of every quotation of the paragraph for every
    full stop (quadratic in a long one-line article)."""
    k = bisect.bisect_left(opens, dot) - 1
    if k < 0:
        return False
    a, b = spans[k]
    return a < dot < b and not dot < b < cut


def split_sentences(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for paragraph, para in enumerate(_PARAGRAPH.finditer(text)):
        p_start, p_end = para.span()
        if not text[p_start:p_end].strip():
            continue
        quotations = [(spans, [a for a, _ in spans]) for spans in _quote_spans(text, p_start, p_end)]
        cuts = []
        for boundary in _BOUNDARY.finditer(text, p_start, p_end):
            cut = boundary.end()
            dot = boundary.start()
            if text[dot] == ".":
                before = text[max(p_start, dot - 12) : dot + 1]
                if _INITIALS.search(before):
                    continue
                word = _WORD_BEFORE.search(text[max(p_start, dot - 12) : dot])
                if word and word.group(1).lower() in _ABBREVIATIONS:
                    continue
            if any(_inside_quotation(spans, opens, dot, cut) for spans, opens in quotations):
                continue
            cuts.append(cut)
        pos = p_start
        for cut in cuts + [p_end]:
            s, e = pos, cut
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            for a, b, cut_short in _bounded_pieces(text, s, e):
                sentences.append(Sentence(len(sentences), a, b, text[a:b], paragraph, cut_short))
            pos = cut
    return tuple(sentences)


def _bounded_pieces(text: str, start: int, end: int):
    """text[start:end] (no space at either end) as (start, end, cut) pieces of at most
    MAX_SENTENCE_CHARS, each cut after the last space in its second half (else at the
    limit), spaces trimmed; ``cut`` is True for every piece but the last."""
    while end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        cut = max(text.rfind(" ", start + MAX_SENTENCE_CHARS // 2, limit), text.rfind("\t", start + MAX_SENTENCE_CHARS // 2, limit))
        cut = cut if cut > start else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        yield start, piece_end, True
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        yield start, end, False


def dateline_spans(text: str, sentences: tuple[Sentence, ...]) -> tuple[tuple[int, int], ...]:
    """Datelines at the start of paragraphs."""
    spans = []
    for s in sentences:
        if s.index == 0 or sentences[s.index - 1].paragraph != s.paragraph:
            m = DATELINE.match(text, s.start, s.end)
            if m:
                spans.append(m.span())
    return tuple(spans)


# "... left five protesters dead in Goma [Screenshot/Reuters TV]", "... [File: Ana Ruiz/Reuters]": a
# photo caption ends with its credit in brackets (a name and an agency, a slash between)
_PHOTO_CREDIT = re.compile(r"\[[^\]\n]*\w/\w[^\]\n]*\]\s*$")
_CREDIT_REACH = 120  # how far from a paragraph's end its credit is looked for


# "Smoke fills the air as Palestinians clash with Israeli forces in Nablus, Wednesday, Feb. 22,
# 2023.": a news agency's photo caption ends with the picture's weekday and full date (calendar.csv)
_CALENDAR_WORDS = {kind: "|".join(sorted(words("calendar.csv", kind), key=len, reverse=True))
                   for kind in ("weekday", "month", "month_abbr")}
_CAPTION_DATE = re.compile(rf",\s+(?:{_CALENDAR_WORDS['weekday']}),\s+(?:{_CALENDAR_WORDS['month']}|"
                           rf"(?:{_CALENDAR_WORDS['month_abbr']})\.?)\s+\d{{1,2}},\s+(?:19|20)\d\d\.?\s*$", re.I)


def page_furniture(sentences: tuple[Sentence, ...]) -> frozenset[int]:
    """Sentences that report nothing of their own, only restate or illustrate the story: a photo
    caption (a paragraph ending with its credit in brackets, or a sentence ending with the
    picture's weekday and full date) and, before the first sentence that
    ends with punctuation, the title's deck ("Military planes drop bombs on a village in Dorva", a
    paragraph of one unpunctuated sentence however long). An article never punctuated has no deck."""
    last = {s.paragraph: s for s in sentences}  # each paragraph's last sentence
    captions = {p for p, s in last.items() if _PHOTO_CREDIT.search(s.text[-_CREDIT_REACH:])}
    out = {s.index for s in sentences if s.paragraph in captions or _CAPTION_DATE.search(s.text[-_CREDIT_REACH:])}
    lead: list[int] = []
    for s in sentences:
        if _TERMINAL.search(s.text):
            return frozenset(out | set(lead))
        if _alone(s, sentences):
            lead.append(s.index)
    return frozenset(out)


def _alone(sentence: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    i = sentence.index
    return (i == 0 or sentences[i - 1].paragraph != sentence.paragraph) and \
        (i + 1 >= len(sentences) or sentences[i + 1].paragraph != sentence.paragraph)


def is_heading(sentence: Sentence, sentences: tuple[Sentence, ...]) -> bool:
    """A one-sentence paragraph without final punctuation and few words."""
    if _TERMINAL.search(sentence.text):
        return False
    if len(sentence.text.split()) > 14:
        return False
    i = sentence.index
    alone_before = i == 0 or sentences[i - 1].paragraph != sentence.paragraph
    alone_after = i + 1 >= len(sentences) or sentences[i + 1].paragraph != sentence.paragraph
    return alone_before and alone_after
