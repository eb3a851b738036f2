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
- a dateline opens a paragraph: "KHARTOUM, April 13 (Reuters) - ", "BANGKOK (AP) — ",
  "(Nairobi) – " (where the story was filed: never an incident's place or date).
"""

from __future__ import annotations

import re

from mapper.extract.model import Sentence

_PARAGRAPH = re.compile(r"[^\n]+")
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘'(\[]?[A-Z0-9\u00C0-\u024F])")
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr gen lt col sgt capt maj brig adm cmdr st mt no nos vs etc jan feb mar apr jun jul aug sep sept oct nov dec
    prof rev jr sr inc ltd co corp approx est fig al gov sen rep pres hon dept univ ave rd""".split()
)
_WORD_BEFORE = re.compile(r"([A-Za-z]+)\.?$")
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.)+$")  # "U.S.", "a.m."
# "KHARTOUM, April 13 (Reuters) - ", "BANGKOK (AP) — ": where the report was filed, not where it happened
DATELINE = re.compile(
    r"\([A-Z][\w’' .-]{1,40}\)\s*[-—–]+\s+"  # NGO style: "(Nairobi) – "
    r"|[A-Z][A-Z’' .-]+[A-Z](?:,\s*[A-Z][A-Za-z]+)?(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)\n]{1,30}\))?\s*[-—–]+\s+"
)
_TERMINAL = re.compile(r"[.!?:;\"”’')\]]$")


def _quote_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
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
    if len(straight) % 2 == 0:
        spans.extend(zip(straight[0::2], straight[1::2]))
    return spans


def split_sentences(text: str) -> tuple[Sentence, ...]:
    sentences: list[Sentence] = []
    for paragraph, para in enumerate(_PARAGRAPH.finditer(text)):
        p_start, p_end = para.span()
        if not text[p_start:p_end].strip():
            continue
        spans = _quote_spans(text, p_start, p_end)
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
            if any(a < dot < b and not dot < b < cut for a, b in spans):
                continue
            cuts.append(cut)
        pos = p_start
        for cut in cuts + [p_end]:
            s, e = pos, cut
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                sentences.append(Sentence(len(sentences), s, e, text[s:e], paragraph))
            pos = cut
    return tuple(sentences)


def dateline_spans(text: str, sentences: tuple[Sentence, ...]) -> tuple[tuple[int, int], ...]:
    """Datelines at the start of paragraphs."""
    spans = []
    for s in sentences:
        if s.index == 0 or sentences[s.index - 1].paragraph != s.paragraph:
            m = DATELINE.match(text, s.start, s.end)
            if m:
                spans.append(m.span())
    return tuple(spans)


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
