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

    kind: str  # "country" | "admin1" | "populated"
    population: int
    country_code: str


class PlaceLexicon(Protocol):
    def lookup(self, name: str) -> KnownName | None:
        """The best-known place called ``name`` (any spelling), or None."""


class DictLexicon:
    """A lexicon from a plain mapping, for tests and small tools."""

    def __init__(self, names: Mapping[str, KnownName]):
        self._names = {key.casefold(): value for key, value in names.items()}

    def lookup(self, name: str) -> KnownName | None:
        return self._names.get(name.casefold())
