"""What every incident stage reads about one article, computed once.

The incident stages (drafts -> locate -> dating -> figures -> incidents) all ask the same
questions of an article: which sentence holds this offset, which places may locate an
incident, which places a sentence names. ``ArticleIndex.of`` answers them in one pass so
that no stage walks the article again (and no stage takes a dozen positional arguments).

Places that may locate an incident (``locations``): location mentions that are not a
dateline ("GOMA, Congo (Reuters) -" is where the story was filed) and do not sit inside
a person's name ("Ali Sheha" in a list of names is not the place Sheha).

The article's tokens (``doc``, see tokens) are made once by ``extract_article`` and
carried here: "which sentence holds this offset" and the datelines are the Doc's, and a
rule that reads "the words before the trigger" reads the Doc's tokens.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field

from mapper.extract.containment import with_containment
from mapper.extract.context import is_part
from mapper.extract.model import PlaceMention, Sentence
from mapper.extract.place_words import FEATURES
from mapper.extract.places import PlaceScan
from mapper.extract.tokens import Doc, tokenize


@dataclass(frozen=True)
class ArticleIndex:
    article_id: str
    text: str
    published: dt.date | None
    sentences: tuple[Sentence, ...]
    doc: Doc  # the article's tokens, sentence starts and datelines
    headings: frozenset[int]  # indexes of heading sentences (never incidents)
    scan: PlaceScan
    locations: list[PlaceMention]  # in text order
    loc_starts: list[int]  # locations' start offsets
    by_sentence: dict[int, list[PlaceMention]]  # sentence index -> its locations
    # (sentence, name) of the regions an apposition gives a place ("Jableh, in western Syria"):
    # such a region only situates the place, it is never the incident's own location
    appositive_regions: frozenset[tuple[int, str]]
    # start offsets of the locations that only contain another location of their sentence
    # ("in Kuta, Kestria": Kestria; "Kuta (Varda, Nortia)": Varda): see containers_of
    containers: frozenset[int] = frozenset()
    # start offset of a location -> the place its sentence writes it inside of, as written
    # ("Al Kuta district of Nortia": Nortia), see containment
    within: dict[int, str] = field(default_factory=dict)

    @classmethod
    def of(cls, article, sentences: tuple[Sentence, ...], headings: frozenset[int], scan: PlaceScan,
           doc: Doc | None = None) -> ArticleIndex:
        """``doc``: the article's tokens over these sentences (tokenised here when not given)."""
        person_spans = sorted(scan.person_spans)
        person_starts = [a for a, _, _ in person_spans]
        locations = [
            p for p in scan.places
            if p.role == "location" and p.cue != "dateline" and not _inside(p.start, person_spans, person_starts)
        ]
        marked = with_containment(article.text, tuple(locations))
        by_sentence: dict[int, list[PlaceMention]] = {}
        for p in locations:
            by_sentence.setdefault(p.sentence, []).append(p)
        return cls(
            article_id=article.id,
            text=article.text,
            published=article.published,
            sentences=sentences,
            doc=tokenize(article.text, sentences) if doc is None else doc,
            headings=headings,
            scan=scan,
            locations=locations,
            loc_starts=[p.start for p in locations],
            by_sentence=by_sentence,
            appositive_regions=frozenset((p.sentence, p.region) for p in scan.places if p.region),
            containers=containers_of(article.text, locations, marked),
            within={m.start: m.within for m in marked if m.within},
        )

    @property
    def starts(self) -> list[int]:
        """Sentence index -> its start offset (the Doc's list, for bisection)."""
        return self.doc.sentence_starts

    @property
    def datelines(self) -> tuple[tuple[int, int], ...]:
        """The (start, end) of the article's datelines ("GOMA, Congo (Reuters) -")."""
        return self.doc.datelines

    def sentence_of(self, pos: int) -> int:
        """The index of the sentence holding offset ``pos`` (0 before the first one)."""
        return max(0, bisect.bisect_right(self.doc.sentence_starts, pos) - 1)  # Doc.sentence_before, one call less

    def own_places(self, sentence: int) -> list[PlaceMention]:
        """The sentence's places that are not only an apposition's region."""
        places = self.by_sentence.get(sentence, [])
        if not self.appositive_regions:
            return list(places)  # (most articles: every place is the sentence's own)
        return [p for p in places if (p.sentence, p.name) not in self.appositive_regions]


def containers_of(text: str, locations: list[PlaceMention],
                  marked: tuple[PlaceMention, ...] | None = None) -> frozenset[int]:
    """Start offsets of the locations the text puts another location inside ("X, Y", "X (Y)",
    "X in Y province": Y, see containment): the first mention of that name after X in X's sentence.
    "Gunmen attacked Kuta, Kestria": Kestria says where Kuta is; the attack was in Kuta.
    Not a neighbourhood's town ("Dorva neighbourhood of Kestria"): the town is where it is coded.
    "Kestria's Dorva district", "the Kestria town of Dorva": the container is written before."""
    marked = with_containment(text, tuple(locations)) if marked is None else marked
    out = set()
    for i, m in enumerate(marked):
        if not m.within or is_part(m):
            continue
        y = _container_after(marked, i) or _container_before(marked, i)
        if y is not None:
            out.add(y.start)
    return frozenset(out | _incident_containers(text, marked))


def _container_after(marked: tuple[PlaceMention, ...], i: int) -> PlaceMention | None:
    for y in marked[i + 1 :]:
        if y.sentence != marked[i].sentence:
            return None
        if y.name == marked[i].within:
            return y
    return None


def _container_before(marked: tuple[PlaceMention, ...], i: int) -> PlaceMention | None:
    y = marked[i - 1] if i else None
    return y if y is not None and y.sentence == marked[i].sentence and y.name == marked[i].within else None


# For the incident's location only (the geocoder's containment stays as containment.py reads it):
# "civilians in Jarablus in Aleppo": Aleppo situates Jarablus (two places joined by a bare "in");
# "in Kuta and Dessa districts, Nortia", "Kuta and Dessa villages (Nortia)": Nortia holds the
# list (a plural feature noun before it); "Kuta district in southern Nortia (Kestria)": the
# brackets after a region phrase situate the place before it.
_BARE_IN = re.compile(rf"(?:[ \t]+(?:{FEATURES}))?[ \t]+in[ \t]+(?:the[ \t]+)?", re.I)
_PLURAL_BEFORE_CONTAINER = re.compile(rf"[ \t]+(?:{FEATURES})s(?:,[ \t]*|[ \t]*\()", re.I)
_REGION_THEN_BRACKET = re.compile(r"[ \t]*\(")


def _incident_containers(text: str, ms: tuple[PlaceMention, ...]) -> set[int]:
    out = set()
    for x, y in zip(ms, ms[1:], strict=False):
        if x.sentence != y.sentence or x.feature == "country" or y.start - x.end > 40:
            continue
        gap = text[x.end : y.start]
        if (_BARE_IN.fullmatch(gap) and x.cue != "region phrase" and y.cue != "region phrase"
                and not is_part(x)) or _PLURAL_BEFORE_CONTAINER.fullmatch(gap):
            out.add(y.start)
    for x, r, y in zip(ms, ms[1:], ms[2:], strict=False):
        if (x.sentence == r.sentence == y.sentence and r.cue == "region phrase" and x.cue != "region phrase"
                and _BARE_IN.fullmatch(text[x.end : r.start]) and _REGION_THEN_BRACKET.fullmatch(text[r.end : y.start])):
            out.add(y.start)
    return out


def _inside(pos: int, spans: list[tuple[int, int, str]], starts: list[int]) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] <= pos < spans[k][1]
