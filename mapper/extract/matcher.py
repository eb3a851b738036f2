"""One phrase matcher over the token layer, compiled once from a term list.

    groups = PhraseMatcher([("Fano", "non_state"), ("Rapid Support Forces", "non_state")])
    for match in groups.find(doc):          # doc = tokens.tokenize(text)
        doc.words[match.start:match.end], match.payload

In the style of spaCy's ``PhraseMatcher(vocab, attr="LOWER")``: a phrase is tokenised by
the same rules as the article (tokens.py), and matches whole tokens compared on one
attribute: ``"LOWER"`` (case-insensitive: "FANO", "Fano") or ``"ORTH"`` (as written:
"Fano", never "fano"). So a phrase never matches inside a word ("Zor" is not in
"ez-Zor", "killed" not in "unkilled"), and a match never crosses a sentence end.

``find`` gives the leftmost, then longest match, and goes on after it (a regex
alternation listed longest first does the same): "Syrian security forces" is one match,
not also "security forces". ``find_all`` gives every match, overlapping ones too.

The table is a dict keyed by a phrase's first token, each entry's phrases longest first:
public Python only (no ``re`` internals), one dict look-up per token of the article.
``reference_find`` / ``reference_find_all`` are the same contract written another, plain
way (each phrase searched as a string in the article's space-joined tokens);
tests/test_matcher.py checks that both agree on the bench corpus.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from mapper.errors import LexiconError
from mapper.extract.tokens import Doc, lower_forms, word_spans

P = TypeVar("P")
Attr = Literal["LOWER", "ORTH"]


@dataclass(frozen=True)
class PhraseMatch(Generic[P]):
    start: int  # index of the first token
    end: int  # index after the last token
    phrase: str  # as the table lists it
    payload: P


@dataclass(frozen=True)
class _Entry(Generic[P]):
    keys: tuple[str, ...]  # the phrase's tokens, compared on the matcher's attribute
    phrase: str
    payload: P


def phrase_keys(phrase: str, attr: Attr) -> tuple[str, ...]:
    """The phrase's tokens as the matcher compares them ("U.S. forces" -> ("u.s.", "forces"))."""
    spans = word_spans(phrase)
    starts = tuple(s for s, _ in spans)
    ends = tuple(e for _, e in spans)
    if attr == "LOWER":
        return lower_forms(phrase, starts, ends)
    return tuple(phrase[s:e] for s, e in spans)


def doc_keys(doc: Doc, attr: Attr) -> tuple[str, ...]:
    return doc.lowers if attr == "LOWER" else doc.words


class PhraseMatcher(Generic[P]):
    """A term list (phrase -> payload) compiled once; ``find`` over tokenised articles."""

    def __init__(self, table: Iterable[tuple[str, P]], attr: Attr = "LOWER", name: str = "phrase table"):
        if attr not in ("LOWER", "ORTH"):
            raise LexiconError(f"{name}: attr must be LOWER or ORTH, not {attr!r}")
        self.attr: Attr = attr
        self.name = name
        self.entries: tuple[_Entry[P], ...] = _entries(table, attr, name)
        by_first: dict[str, list[_Entry[P]]] = {}
        for entry in self.entries:
            by_first.setdefault(entry.keys[0], []).append(entry)
        # longest first: the first entry that fits at a position is the longest match there
        self._by_first = {key: sorted(group, key=lambda e: -len(e.keys)) for key, group in by_first.items()}

    def __len__(self) -> int:
        return len(self.entries)

    def _at(self, keys: tuple[str, ...], sentence_ids: tuple[int, ...], i: int, stop: int) -> list[_Entry[P]]:
        """Entries whose phrase fits at token i (longest first), within one sentence and before stop."""
        fits = []
        for entry in self._by_first.get(keys[i], ()):
            j = i + len(entry.keys)
            if j <= stop and sentence_ids[j - 1] == sentence_ids[i] and keys[i + 1:j] == entry.keys[1:]:
                fits.append(entry)
        return fits

    def _starts(self, doc: Doc, start: int, stop: int) -> tuple[tuple[str, ...], list[int]]:
        keys = doc_keys(doc, self.attr)
        by_first = self._by_first
        return keys, [i for i in range(start, stop) if keys[i] in by_first]

    def find(self, doc: Doc, start: int = 0, end: int | None = None) -> list[PhraseMatch[P]]:
        """Leftmost-longest matches in tokens [start, end), without overlaps, in text order."""
        stop = len(doc) if end is None else end
        keys, positions = self._starts(doc, start, stop)
        out: list[PhraseMatch[P]] = []
        free_from = start  # a match may not begin inside the previous one
        for i in positions:
            if i < free_from:
                continue
            fits = self._at(keys, doc.sentence_ids, i, stop)
            if fits:
                entry = fits[0]
                out.append(PhraseMatch(i, i + len(entry.keys), entry.phrase, entry.payload))
                free_from = i + len(entry.keys)
        return out

    def find_all(self, doc: Doc, start: int = 0, end: int | None = None) -> list[PhraseMatch[P]]:
        """Every match in tokens [start, end), overlapping ones too, by start then longest first."""
        stop = len(doc) if end is None else end
        keys, positions = self._starts(doc, start, stop)
        return [PhraseMatch(i, i + len(e.keys), e.phrase, e.payload)
                for i in positions for e in self._at(keys, doc.sentence_ids, i, stop)]


def _entries(table: Iterable[tuple[str, P]], attr: Attr, name: str) -> tuple[_Entry[P], ...]:
    """The table's phrases tokenised; an empty phrase or one listed twice (as compared:
    "Fano" and "FANO" under LOWER) is an error naming both, never a silent overwrite."""
    seen: dict[tuple[str, ...], str] = {}
    out = []
    for phrase, payload in table:
        keys = phrase_keys(phrase, attr)
        if not keys:
            raise LexiconError(f"{name}: empty phrase {phrase!r}")
        if keys in seen:
            raise LexiconError(f"{name}: phrase {phrase!r} is listed twice (first as {seen[keys]!r})")
        seen[keys] = phrase
        out.append(_Entry(keys, phrase, payload))
    return tuple(out)


def reference_find_all(matcher: PhraseMatcher[P], doc: Doc, start: int = 0, end: int | None = None) -> list[PhraseMatch[P]]:
    """The contract written another way: the tokens joined by spaces (a token never holds
    one), a newline between sentences, and every phrase searched in that string as
    " k1 k2 " at every place it occurs (so never inside a token nor across a sentence)."""
    stop = len(doc) if end is None else end
    keys = doc_keys(doc, matcher.attr)
    pieces: list[str] = []
    token_after: dict[int, int] = {}  # offset of the space before a token -> the token
    length = 0
    for first, last in doc.sentence_tokens:
        pieces.append("\n")
        length += 1
        for i in range(first, last):
            token_after[length] = i
            pieces.append(" " + keys[i])
            length += 1 + len(keys[i])
        pieces.append(" ")
        length += 1
    joined = "".join(pieces)
    found = []
    for entry in matcher.entries:
        needle = " " + " ".join(entry.keys) + " "
        at = joined.find(needle)
        while at >= 0:
            i = token_after[at]
            if start <= i and i + len(entry.keys) <= stop:
                found.append(PhraseMatch(i, i + len(entry.keys), entry.phrase, entry.payload))
            at = joined.find(needle, at + 1)
    return sorted(found, key=lambda m: (m.start, -m.end))


def reference_find(matcher: PhraseMatcher[P], doc: Doc, start: int = 0, end: int | None = None) -> list[PhraseMatch[P]]:
    """Leftmost-longest written plainly: from every match found, keep the longest at the
    first free position, then carry on after it."""
    out: list[PhraseMatch[P]] = []
    for match in reference_find_all(matcher, doc, start, end):
        if not out or match.start >= out[-1].end:
            out.append(match)
    return out
