"""Figures: an incident's fatalities, breakdown and the notes about them.

- a violent incident: the toll from its counts (distinct groups add up, the lowest of
  rival figures is kept, see numbers.fatality_figure); None (an empty cell, noted
  "fatalities=not reported") when the text gives no figure; 0 when it says nobody died;
- a territory change is a battle's outcome: its dead are its own, as a violent incident's;
- every other row has 0 fatalities. A funeral or mass grave reports dead killed in an
  event coded elsewhere: they go to notes ("mourned_killed=12 (children=3)"), never to
  fatalities, so the map does not count them twice;
- "The victims included 4 women and 3 children" right after a coded toll is that toll's
  breakdown (``included_victims``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from mapper.extract.model import Sentence
from mapper.extract.numbers import Count, fatality_figure, find_counts

# the label of the dead a non-violent row mentions, by draft family
_MENTIONED = {"funeral": "mourned_killed", "grave": "bodies"}
# families whose dead are their own: a battle taken for ground ("retook the village, killing 25") kills
_VIOLENT = ("violence", "territory")


@dataclass(frozen=True)
class Figures:
    fatalities: int | None  # None: a violent event without a figure
    breakdown: str  # "women=4;children=3"
    notes: tuple[str, ...]


def incident_figures(family: str, counts: list[Count], zero: bool) -> Figures:
    if family in _VIOLENT:
        fig = fatality_figure(counts, zero)
        missing = ("fatalities=not reported",) if fig.fatalities is None else ()
        return Figures(fig.fatalities, fig.breakdown, fig.notes + missing)
    fig = fatality_figure(counts)
    if not fig.fatalities:
        return Figures(0, "", ())
    label = _MENTIONED.get(family, "killed_mentioned")
    breakdown = f" ({fig.breakdown.replace(';', ', ')})" if fig.breakdown else ""
    return Figures(0, "", (f"{label}={fig.fatalities}{breakdown}",
                           "not added to fatalities: counted with the event that killed them"))


def included_victims(sent: Sentence, after: int) -> list[Count]:
    """The counted groups of "The victims included 4 women and 3 children" from offset
    ``after`` of the sentence (the end of "The victims included"), as parts of a toll."""
    parts = [
        Count(c.value, c.text, c.start + sent.start, c.end + sent.start, "killed", c.group, c.qualifier, True)
        for c in find_counts(sent.text[after:]) if c.value is not None and c.group
    ]
    return [replace(c, start=c.start + after, end=c.end + after) for c in parts]
