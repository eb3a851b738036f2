"""The death toll of a run of counts: distinct victim groups add up, the lowest of rival
figures for one group is kept (the others go to notes), a breakdown after "including" is
part of the total, never added; a count above MAX_FIGURE is noted, not used."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from mapper.extract.quantities import MAX_FIGURE, Count


def _short(text: str, limit: int = 40) -> str:
    """A figure's text for a note, at most ``limit`` characters ("1000…000" of 320 digits)."""
    return text if len(text) <= limit else text[: limit // 2] + "…" + text[-(limit // 2) :]


@dataclass(frozen=True)
class Figure:
    fatalities: int | None
    breakdown: str
    notes: tuple[str, ...]


def _group_total(chosen: dict[str, int], notes: list[str]) -> int:
    """The toll from the lowest figure of each group: the named groups are part of a general
    toll that is at least their sum, else they are the toll."""
    named = {g: v for g, v in chosen.items() if g}
    if "" in chosen and named:
        generic = chosen[""]
        if sum(named.values()) <= generic:
            return generic  # the named groups are part of the general toll
        notes.append(f"other_figures={generic}")
        return sum(named.values())
    return sum(chosen.values())


def _lowest_by_group(killed: list[Count], notes: list[str]) -> dict[str, int]:
    by_group: dict[str, list[int]] = {}
    for c in killed:
        by_group.setdefault(c.group, []).append(c.value or 0)  # valued counts only: never None here
    chosen: dict[str, int] = {}
    for group, values in by_group.items():
        chosen[group] = low = min(values)
        others = sorted({v for v in values if v != low})
        if others:
            notes.append(f"other_figures{('_' + group) if group else ''}=" + "|".join(str(v) for v in others))
    return chosen


def fatality_figure(counts: Iterable[Count], zero: bool = False) -> Figure:
    """The death toll from a run of counts: sum distinct groups, lowest of rival figures."""
    counts = list(counts)
    if any(c.kind == "killed" and c.value is not None and not c.definite for c in counts):
        # "Three people were killed. The driver died at the scene.": the driver is one of them
        counts = [c for c in counts if not c.definite]
    notes: list[str] = []
    absurd: list[Count] = []
    killed: list[Count] = []  # with a value, not a breakdown
    subs: list[Count] = []  # breakdown parts with a value
    vague: list[str] = []
    for c in counts:
        if c.kind != "killed":
            continue
        if c.value is None:
            if not c.including:
                vague.append(c.text)
        elif c.value > MAX_FIGURE:
            absurd.append(c)
        elif c.including:
            subs.append(c)
        else:
            killed.append(c)
    if absurd:
        notes.append("fatalities_unused=" + "|".join(_short(c.text) for c in absurd))
    if vague:
        notes.append("fatalities_text=" + "|".join(vague))
    if not killed:
        return Figure(0 if zero else None, "", tuple(notes))
    chosen = _lowest_by_group(killed, notes)
    total = _group_total(chosen, notes)
    parts = [f"{g}={v}" for g, v in chosen.items() if g]
    seen = {g for g in chosen if g}
    for c in subs:
        if c.group and c.group not in seen:
            parts.append(f"{c.group}={c.value}")
            seen.add(c.group)
    qualifiers = sorted({c.qualifier for c in killed if c.qualifier})
    if qualifiers:
        notes.append("qualifier=" + "|".join(q.replace(" ", "_") for q in qualifiers))
    return Figure(total, ";".join(parts), tuple(notes))
