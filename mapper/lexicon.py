"""What extraction may ask the gazetteer: "is this name a known place?"

Extraction stays pure (text in, dataclasses out) and never imports the
gazetteer; it is handed any object with a ``lookup`` method instead. Tests
pass a small dict-backed lexicon; the pipeline passes the GeoNames index.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol


@dataclass(frozen=True)
class KnownName:
    """The most prominent place a name can denote, across all its homonyms."""

    kind: str  # "country" | "admin1" | "populated" (and "admin2", only in DictLexicon's input)
    population: int
    country_code: str


class PlaceLexicon(Protocol):
    def lookup(self, name: str) -> KnownName | None:
        """The best-known place called ``name`` (any spelling), or None."""

    def unit(self, name: str) -> bool:
        """Whether ``name`` is a second-level unit (a district, county, province) even written
        bare; ``lookup`` leaves those out (a bare "Licking" is no place word)."""


class DictLexicon:
    """A lexicon from a plain mapping, for tests and small tools."""

    def __init__(self, names: Mapping[str, KnownName]):
        # kind "admin2": a second-level unit, a place word only as a town's container (``unit``)
        self._names = {key.casefold(): value for key, value in names.items() if value.kind != "admin2"}
        self._units = {key.casefold() for key, value in names.items() if value.kind == "admin2"}

    def lookup(self, name: str) -> KnownName | None:
        return self._names.get(name.casefold())

    def unit(self, name: str) -> bool:
        return name.casefold() in self._units
