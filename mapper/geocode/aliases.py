"""A name a town bears as its own comes before a name it is only also called.

GeoNames lists each place's other names -- old names, nicknames, local spellings -- and a town's
other name is often another town's own: "Franklin" is an old name of a state capital of nearly a
million (the little Franklins are towns of their own), "Venice" the nickname of an inland city
(the Venices are towns called Venice), "Washington" a former name of a dozen small towns besides
the capital. By population the town that was once called so would win, and a story about
Franklin would be mapped in the capital.

So among a country's exact candidates, when one bears the name as its own (``bears``: its own
name is the name, or holds it as whole words -- "New York City" for "New York", "La Trinidad"
for "Trinidad"), the towns that are only also called so are no candidates -- unless one is at
least ``ALIAS_RATIO`` times bigger than every own bearer there: "Kiev" is the capital of millions
by its old spelling, whatever village is called Kiev.

Across countries only a city bears its name that strongly: when a town of ``OWN_CITY_POPULATION``
or more bears the name, the towns of other countries only also called so are no candidates
("Puno", a city of Peru, is not the Indian city of millions that GeoNames also lists as Puno); a
smaller bearer abroad leaves them ("Harwick", a village abroad, does not hide a city at home
once called so).
"""

from __future__ import annotations

from geopy.location import Location

from mapper.geocode.names import fold

ALIAS_RATIO = 20.0
OWN_CITY_POPULATION = 100_000


# "St. Petersburg" is the city GeoNames calls Saint Petersburg: the short forms of a name's
# words are the words, not another name
_WORD_SHORT_FORMS = {fold(short): fold(word) for short, word in
                     (("st", "saint"), ("ste", "sainte"), ("mt", "mount"), ("ft", "fort"))}


def _words(name: str) -> list[str]:
    return [_WORD_SHORT_FORMS.get(word, word) for word in fold(name).replace(".", " ").split()]


def bears(name: str, raw: dict) -> bool:
    """Whether a candidate's own name is ``name`` (as folded, "St." as "Saint"), or holds it as whole words."""
    wanted = _words(name)
    own = _words(str(raw.get("name", "")))
    if not wanted:
        return False
    return any(own[k:k + len(wanted)] == wanted for k in range(len(own) - len(wanted) + 1))


def own_names_first(name: str, cands: list[Location]) -> list[Location]:
    """``cands`` without the towns only also called ``name`` in a country where one bears it (see above)."""
    bearers: dict[str, float] = {}
    for c in cands:
        if _exact_town(c) and bears(name, c.raw):
            code = str(c.raw.get("country_code", ""))
            bearers[code] = max(bearers.get(code, 0.0), _population(c))
    if not bearers:
        return cands
    city = max(bearers.values()) >= OWN_CITY_POPULATION
    return [c for c in cands if not _shadowed(name, c, bearers) and not (city and _alias_abroad(name, c, bearers))]


def _alias_abroad(name: str, c: Location, bearers: dict[str, float]) -> bool:
    """A town only also called ``name``, in a country where no town bears it."""
    return str(c.raw.get("country_code", "")) not in bearers and _exact_town(c) and not bears(name, c.raw)


def _shadowed(name: str, c: Location, bearers: dict[str, float]) -> bool:
    code = str(c.raw.get("country_code", ""))
    if code not in bearers or not _exact_town(c) or bears(name, c.raw):
        return False
    return _population(c) < ALIAS_RATIO * max(bearers[code], 1.0)


def _exact_town(c: Location) -> bool:
    return c.raw.get("kind", "populated") == "populated" and c.raw.get("match", "exact") == "exact"


def _population(c: Location) -> float:
    return float(c.raw.get("population") or 0)
