"""What an incident's figures rest on, as codes: the ``evidence`` column the confidence rules read.

Read from the incident's typed notes (never from the rendered ``notes`` text), once
the article's rows are merged, so a row restated by three articles says "sources:3".
The codes, one closed vocabulary (``EVIDENCE_CODES``; mapper/tables/confidence.py
says what each does to the confidence):

- ``date:publication``: no date in the text; the publication date stands in
  ("Gunmen killed five people in Goma." in an article of 2025-03-09);
- ``date:relative``: a weekday or "yesterday" counted back from the publication date;
- ``place:paragraph`` / ``place:article``: the event's sentence names no place; it is
  taken from its paragraph or from the article's region;
- ``place:unknown``: no place at all;
- ``figures:rival``: sources give other tolls for the same moment ("12 killed, the army said 8");
- ``figures:approximate``: "about 40", "an estimated 40", "10 to 15 killed" (the row has the low
  end); "at least 40" is a firm floor, not approximate;
- ``figures:words``: only "dozens" or "hundreds" dead: the toll is 0 with the words in the notes;
- ``trigger:weak``: the event word reports an event only in context ("violence", "incident");
- ``sources:N``: N articles report this event (N >= 2).
"""

from __future__ import annotations

from mapper.extract.model import Incident

EVIDENCE_CODES = ("date:publication", "date:relative", "place:paragraph", "place:article", "place:unknown",
                  "figures:rival", "figures:approximate", "figures:words", "trigger:weak")

_DATE = {"publication date (undated in text)": "date:publication",
         "relative to publication (no context date)": "date:relative"}
# "at least 12", "more than 40": a firm floor, the row's figure; any other qualifier
# ("about", "some", "an estimated", "10_to_15") makes the figure approximate.
_FLOORS = frozenset({"at_least", "more_than", "over", ""})
_PLACE = {"from paragraph": "place:paragraph", "from article region": "place:article", "unknown": "place:unknown"}


def evidence_of(incident: Incident) -> str:
    """The incident's evidence codes, ";"-joined in EVIDENCE_CODES order, then "sources:N"."""
    found: set[str] = set()
    sources = 1
    for note in incident.note_items:
        key, value = note.key, note.value or ""
        if key == "date" and value in _DATE:
            found.add(_DATE[value])
        elif key == "location" and value in _PLACE:
            found.add(_PLACE[value])
        elif key.startswith("other_figures"):
            found.add("figures:rival")
        elif key == "qualifier" and any(part not in _FLOORS for part in value.split("|")):
            found.add("figures:approximate")
        elif key == "fatalities_text":
            found.add("figures:words")
        elif key == "trigger_strength" and value == "weak":
            found.add("trigger:weak")
        elif key == "sources":
            sources = len([s for s in value.split(",") if s])
    codes = [code for code in EVIDENCE_CODES if code in found]
    if sources > 1:
        codes.append(f"sources:{sources}")
    return ";".join(codes)
