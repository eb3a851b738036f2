"""The token layer: each article split into words once, with offsets, case and sentence.

    doc = tokenize(article.text)          # or tokenize(text, sentences) when already split
    doc.sentence_of(offset)               # index of the sentence holding a character, or None
    doc.tokens_in(start, end)             # token indices inside a character span
    doc.previous(i, 3), doc.next(i, 3)    # "the three words before", within the sentence

Rules:
- a word is a run of letters, digits and combining marks, joined by an inner hyphen or
  apostrophe ("al-Janoudiya", "ez-Zor", "government’s", "5-year-old") or, between digits,
  by "," or "." ("1,018", "3.5"): "Deir ez-Zor" is two words;
- initials with full stops are one word ("U.S.", "a.m."); other abbreviations are the word
  and its full stop ("Gen", ".": the sentence splitter already knows them);
- every other visible character is a token of its own (",", "“", "—", an emoji), spaces
  are never tokens;
- ``text[token.start:token.end] == token.text`` for every token, whatever the script;
- a token's sentence and paragraph are those of ``split_sentences`` (every visible
  character belongs to one sentence); datelines are ``sentences.dateline_spans``.

The document keeps plain lists (starts, ends, sentence of each token) and builds
``Token`` objects only when asked: most rules look at a few tokens around a cue, and a
Python object per token of every article would cost more than the rules themselves.
For the same reason a sentence is tokenised when a rule first reads it (then kept):
``extract_article`` makes the Doc once and carries it; "which sentence holds this offset"
and the datelines need no token at all.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from mapper.extract.model import Sentence
from mapper.extract.sentences import dateline_spans, split_sentences

# Letters, digits and the combining marks \w leaves out (Arabic harakat "مُحَمَّد",
# accents written as a separate code point "e\u0301"); one character class, so the
# engine does not try alternatives per character (measured 25% faster than
# "[^\W_]|[marks]"; the price: "_" counts as a letter, which news text never needs).
_MARKS = "\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed"
_W = rf"[\w{_MARKS}]"
_WORD = re.compile(
    r"(?:[^\W\d_]\.){2,}(?![^\W_])"  # initials: "U.S.", "a.m."
    rf"|{_W}+(?:(?:[-'’]|(?<=\d)[.,](?=\d)){_W}+)*"  # words, "al-Janoudiya", "1,018"
    r"|\S"  # anything else visible, one character at a time
)

Shape = Literal["upper", "title", "mixed", "lower", "uncased", "digit", "punct"]


def shape_of(text: str) -> Shape:
    """The capitalisation class: "UN" upper, "Deir" title, "ez-Zor" mixed, "killed" lower,
    "حلب" uncased (a script without case), "1,018" digit, "—" punct."""
    if not any(c.isalnum() for c in text):
        return "punct"
    if not any(c.isalpha() for c in text):
        return "digit"
    cased = [c for c in text if c.isupper() or c.islower()]
    if not cased:
        return "uncased"
    if len(cased) > 1 and all(c.isupper() for c in cased):
        return "upper"
    if text[0].isupper():
        return "title"
    return "mixed" if any(c.isupper() for c in cased) else "lower"


@dataclass(frozen=True)
class Token:
    index: int  # position in the document's token list
    text: str  # == article text[start:end]
    start: int
    end: int
    lower: str
    shape: Shape
    sentence: int  # Sentence.index
    paragraph: int  # Sentence.paragraph

    @property
    def is_digit(self) -> bool:
        return self.shape == "digit"

    @property
    def is_punct(self) -> bool:
        return self.shape == "punct"


@dataclass(frozen=True)
class Doc:
    """An article's tokens as parallel lists, its sentences and its datelines.

    Tokens are made when first read, each sentence at most once (``sentence_spans``): a
    rule that reads the words before a trigger tokenises the trigger's sentence only, and
    an article no token rule reads costs nothing. The whole-article lists (``starts``,
    ``ends``, ``sentence_ids``, ``sentence_tokens``) are built from the same sentences."""
    text: str
    sentences: tuple[Sentence, ...]
    _by_sentence: dict[int, tuple[tuple[int, ...], tuple[int, ...]]] = field(
        default_factory=dict, repr=False, compare=False)

    def sentence_spans(self, position: int) -> tuple[tuple[int, ...], tuple[int, ...]]:
        """(starts, ends) of the tokens of the sentence at ``position``, tokenised once."""
        spans = self._by_sentence.get(position)
        if spans is None:
            s = self.sentences[position]
            found = [m.span() for m in _WORD.finditer(self.text, s.start, s.end)]
            spans = self._by_sentence[position] = (
                (tuple(a for a, _ in found), tuple(b for _, b in found)) if found else ((), ()))
        return spans

    def words_before(self, offset: int, n: int, sentence: int | None = None, lower: bool = False) -> list[str]:
        """Up to n words of its sentence before ``offset``, nearest last: a word is a run of
        visible characters ("did not" -> ["did", "not"]; "(AP)" is one word), as ``str.split``
        cuts the sentence's text up to ``offset``; in lower case with ``lower``. ``sentence``:
        the sentence's position when the caller knows it. No character window and no token
        needed: ``rsplit`` stops after n words (measured: tokenising every sentence holding a
        trigger to read its tokens cost 5-10% of extraction)."""
        start = self.sentences[self.sentence_before(offset) if sentence is None else sentence].start
        low = self.lower_text if lower else None
        if lower and low is None:
            return [w.lower() for w in self.words_before(offset, n, sentence)]
        words = (self.text if low is None else low)[start:offset].rsplit(None, n)
        return words[1:] if len(words) > n else words

    @cached_property
    def lower_text(self) -> str | None:
        """``text.lower()`` once, when it keeps every offset (None when lowering changes the
        length: "İ" is two characters in lower case)."""
        low = self.text.lower()
        return low if len(low) == len(self.text) else None

    @cached_property
    def _lists(self) -> tuple[tuple[int, ...], tuple[int, ...], tuple[int, ...], tuple[tuple[int, int], ...]]:
        starts: list[int] = []
        ends: list[int] = []
        ids: list[int] = []
        ranges: list[tuple[int, int]] = []
        for position in range(len(self.sentences)):
            first = len(starts)
            a, b = self.sentence_spans(position)
            starts.extend(a)
            ends.extend(b)
            ids.extend([position] * len(a))
            ranges.append((first, len(starts)))
        return tuple(starts), tuple(ends), tuple(ids), tuple(ranges)

    @property
    def starts(self) -> tuple[int, ...]:
        return self._lists[0]

    @property
    def ends(self) -> tuple[int, ...]:
        return self._lists[1]

    @property
    def sentence_ids(self) -> tuple[int, ...]:
        """The sentence (position) of each token."""
        return self._lists[2]

    @property
    def sentence_tokens(self) -> tuple[tuple[int, int], ...]:
        """The token range [first, last + 1) of each sentence."""
        return self._lists[3]

    @cached_property
    def datelines(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) of the datelines at paragraph starts (sentences.dateline_spans)."""
        return dateline_spans(self.text, self.sentences)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> Token:
        start, end = self.starts[index], self.ends[index]
        sentence = self.sentences[self.sentence_ids[index]]
        text = self.text[start:end]
        return Token(index, text, start, end, self.lowers[index], shape_of(text), sentence.index, sentence.paragraph)

    def __iter__(self) -> Iterator[Token]:
        return (self[i] for i in range(len(self)))

    @cached_property
    def lowers(self) -> tuple[str, ...]:
        """Every token's lower form, computed once."""
        return lower_forms(self.text, self.starts, self.ends)

    @cached_property
    def words(self) -> tuple[str, ...]:
        """Every token's text, computed once."""
        return tuple(self.text[s:e] for s, e in zip(self.starts, self.ends, strict=True))

    def sentence_of(self, offset: int) -> int | None:
        """The index of the sentence holding the character at ``offset`` (None between sentences)."""
        k = bisect.bisect_right(self.sentence_starts, offset) - 1
        if k < 0 or offset >= self.sentences[k].end:
            return None
        return self.sentences[k].index

    def sentence_before(self, offset: int) -> int:
        """The position of the last sentence starting at or before ``offset`` (0 before the
        first one): the sentence of any offset inside it, the one just before a gap."""
        k = bisect.bisect_right(self.sentence_starts, offset) - 1
        return k if k > 0 else 0

    def tokens_in(self, start: int, end: int) -> range:
        """Indices of the tokens wholly inside text[start:end]."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.ends, end, lo=first)
        return range(first, max(first, last))

    def token_at(self, offset: int) -> int | None:
        """The index of the token covering the character at ``offset``, or None (a space)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return k if k >= 0 and offset < self.ends[k] else None

    def previous(self, index: int, n: int, same_sentence: bool = True) -> tuple[Token, ...]:
        """Up to n tokens before token ``index``, nearest last ("killed in the" -> ... "the")."""
        floor = self.sentence_tokens[self.sentence_ids[index]][0] if same_sentence else 0
        return tuple(self[i] for i in range(max(floor, index - n), index))

    def next(self, index: int, n: int, same_sentence: bool = True) -> tuple[Token, ...]:
        """Up to n tokens after token ``index``, nearest first."""
        ceiling = self.sentence_tokens[self.sentence_ids[index]][1] if same_sentence else len(self)
        return tuple(self[i] for i in range(index + 1, min(ceiling, index + 1 + n)))

    def in_dateline(self, offset: int) -> bool:
        """The character at ``offset`` is in a dateline ("KHARTOUM, April 13 (Reuters) - ")."""
        k = bisect.bisect_right(self._dateline_starts, offset) - 1
        return k >= 0 and offset < self.datelines[k][1]

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Each sentence's start offset, in order (for bisection)."""
        return [s.start for s in self.sentences]

    @cached_property
    def _dateline_starts(self) -> list[int]:
        return [a for a, _ in self.datelines]


def lower_forms(text: str, starts: tuple[int, ...], ends: tuple[int, ...]) -> tuple[str, ...]:
    """The lower form of each token: one ``text.lower()`` sliced, unless lowering changes
    the length ("İ" is two characters in lower case): then each token on its own."""
    low = text.lower()
    if len(low) == len(text):
        return tuple(low[s:e] for s, e in zip(starts, ends, strict=True))
    return tuple(text[s:e].lower() for s, e in zip(starts, ends, strict=True))


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The (start, end) of every token of text[start:end], by the rules above."""
    return [m.span() for m in _WORD.finditer(text, start, len(text) if end is None else end)]


def tokenize(text: str, sentences: tuple[Sentence, ...] | None = None) -> Doc:
    """The article's tokens, sentence by sentence (a token never crosses a sentence end),
    made when first read."""
    return Doc(text, split_sentences(text) if sentences is None else sentences)
