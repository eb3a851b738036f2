"""Gold cases kept as data: load a ``tests/gold/*.yaml`` file, check its shape, compare.

An analyst adds a case by adding a few lines of YAML (see tests/gold/README.md); this
module is the only Python behind them. A case with an unknown key, a missing sentence
or an expected field that the model does not have is a ``GoldFileError`` naming the
file, the case id and its line, so a typo never turns into a test that checks nothing.

Expected values are compared with ``matches``: a plain value is equality (a YAML date
matches its ISO text, ``event_date: 2025-03-06``), and a mapping of operators must hold
for each of them: ``{contains: x}`` (substring of a text, or item of a tuple; a list
means every one), ``{excludes: x}`` (none of them), ``{has_item: x}`` (an item of a
``;``-separated text such as notes), ``{endswith: x}``, ``{not: x}``, ``{in: [..]}``,
``{not_in: [..]}``. Example: ``notes: {has_item: origin_from=article region, excludes: origin=}``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from mapper.extract.model import PlaceMention
from mapper.lexicon import DictLexicon, KnownName
from mapper.schema import INCIDENT_COLUMNS

GOLD = Path(__file__).resolve().parent
TOP_KEYS = frozenset({"lexicons", "defaults"})  # besides the sections of cases
LEXICON_KINDS = ("country", "admin1", "populated")
OPERATORS = frozenset({"contains", "excludes", "has_item", "endswith", "not", "in", "not_in"})


class GoldFileError(ValueError):
    """A gold file that cannot be read as its runner expects: says file, case and line."""


@dataclass(frozen=True)
class Shape:
    """What one section's cases may hold: ``required`` and ``optional`` keys, and a
    ``check`` that returns problems with the values ("unknown field 'fatalites'")."""

    required: frozenset[str]
    optional: frozenset[str]
    check: Callable[[Mapping[str, Any]], list[str]] = lambda _case: []


@dataclass(frozen=True)
class GoldCase:
    file: str
    section: str
    id: str
    line: int
    data: Mapping[str, Any]  # the case's keys with the file's defaults filled in

    def __getitem__(self, key: str) -> Any:
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


@dataclass(frozen=True)
class GoldFile:
    path: Path
    lexicons: Mapping[str, DictLexicon]
    cases: tuple[GoldCase, ...]

    def section(self, name: str) -> list[GoldCase]:
        return [case for case in self.cases if case.section == name]

    def lexicon(self, case: GoldCase) -> DictLexicon:
        """The case's gazetteer: a name from the file's ``lexicons``, an inline mapping, or none."""
        chosen = case.get("lexicon")
        if isinstance(chosen, Mapping):
            return _lexicon(chosen)
        return self.lexicons[chosen] if chosen else DictLexicon({})


def load(path: Path, shapes: Mapping[str, Shape]) -> GoldFile:
    """Read ``path``: ``lexicons`` (name -> {place: [kind, population, country code]}),
    ``defaults`` (keys every case gets unless it sets them) and one list of cases per
    section in ``shapes``. Raises GoldFileError on the first file with problems, listing all."""
    text = path.read_text(encoding="utf-8")
    try:
        raw = yaml.safe_load(text) or {}
        lines = _case_lines(yaml.compose(text))
    except yaml.YAMLError as error:
        raise GoldFileError(f"{path.name}: not YAML: {error}") from None
    if not isinstance(raw, dict):
        raise GoldFileError(f"{path.name}: the top level must be a mapping of sections")
    problems = [f"{path.name}: unknown top-level key {key!r} (known: {sorted(TOP_KEYS | set(shapes))})"
                for key in raw if key not in TOP_KEYS and key not in shapes]
    lexicons = _lexicons(path.name, raw.get("lexicons") or {}, problems)
    defaults = raw.get("defaults") or {}
    cases: list[GoldCase] = []
    for section, shape in shapes.items():
        for n, entry in enumerate(raw.get(section) or []):
            line = lines.get((section, n), 0)
            case = _case(path.name, section, n, line, entry, defaults, shape, lexicons, problems)
            if case is not None:
                cases.append(case)
    seen: dict[str, int] = {}
    for case in cases:
        if case.id in seen:
            problems.append(f"{path.name}:{case.line}: case {case.id!r}: duplicate id (first at line {seen[case.id]})")
        seen.setdefault(case.id, case.line)
    if problems:
        raise GoldFileError("\n".join(problems))
    return GoldFile(path, lexicons, tuple(cases))


def _case_lines(node: yaml.Node | None) -> dict[tuple[str, int], int]:
    """(section, index) -> 1-based line of each case, from the YAML node tree."""
    found: dict[tuple[str, int], int] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(value, yaml.SequenceNode):
                for n, item in enumerate(value.value):
                    found[(key.value, n)] = item.start_mark.line + 1
    return found


def _case(file: str, section: str, n: int, line: int, entry: Any, defaults: Mapping[str, Any], shape: Shape,
          lexicons: Mapping[str, DictLexicon], problems: list[str]) -> GoldCase | None:
    if not isinstance(entry, dict):
        problems.append(f"{file}:{line}: {section}[{n}] is not a mapping of keys")
        return None
    case_id = str(entry.get("id", f"{section}[{n}]"))
    where = f"{file}:{line}: case {case_id!r}"
    known = shape.required | shape.optional | {"id", "note"}
    found = [f"{where}: unknown key {key!r} (known: {sorted(known)})" for key in entry if key not in known]
    data = {**{k: v for k, v in defaults.items() if k in known}, **entry}
    found += [f"{where}: missing {key!r}" for key in sorted(shape.required | {"id"}) if key not in data]
    chosen = data.get("lexicon")
    if isinstance(chosen, str) and chosen not in lexicons:
        found.append(f"{where}: unknown lexicon {chosen!r} (the file has: {sorted(lexicons)})")
    if not found:
        found = [f"{where}: {problem}" for problem in shape.check(data)]
    problems.extend(found)
    return None if found else GoldCase(file, section, case_id, line, data)


def _lexicons(file: str, raw: Any, problems: list[str]) -> dict[str, DictLexicon]:
    if not isinstance(raw, dict):
        problems.append(f"{file}: lexicons must map a name to {{place: [kind, population, country code]}}")
        return {}
    built = {}
    for name, entries in raw.items():
        try:
            built[name] = _lexicon(entries or {})
        except (TypeError, ValueError) as error:
            problems.append(f"{file}: lexicon {name!r}: {error}")
    return built


def _lexicon(entries: Mapping[str, Any]) -> DictLexicon:
    names = {}
    for place, value in entries.items():
        if not (isinstance(value, list) and len(value) == 3 and value[0] in LEXICON_KINDS
                and isinstance(value[1], int) and isinstance(value[2], str)):
            raise ValueError(f"{place!r}: expected [kind ({'/'.join(LEXICON_KINDS)}), population, country code], got {value!r}")
        names[str(place)] = KnownName(value[0], value[1], value[2])
    return DictLexicon(names)


# -- comparing --------------------------------------------------------------------------


def matches(actual: Any, expected: Any) -> bool:
    """Does ``actual`` (a model value) satisfy ``expected`` (a value or operators from YAML)?"""
    if isinstance(expected, dict) and expected and set(expected) <= OPERATORS:
        return all(_operator_holds(actual, operator, value) for operator, value in expected.items())
    if isinstance(expected, dt.date) and isinstance(actual, str):
        return actual == expected.isoformat()
    return bool(actual == expected)


def _operator_holds(actual: Any, operator: str, value: Any) -> bool:
    wanted = value if isinstance(value, list) else [value]
    if operator == "contains":
        return actual is not None and all(item in actual for item in wanted)
    if operator == "excludes":
        return actual is None or not any(item in actual for item in wanted)
    if operator == "has_item":
        return isinstance(actual, str) and set(wanted) <= set(actual.split(";"))
    if operator == "endswith":
        return isinstance(actual, str) and actual.endswith(value)
    if operator == "not":
        return not matches(actual, value)
    return any(matches(actual, item) for item in value) == (operator == "in")


def value_problems(name: str, value: Any) -> list[str]:
    """Shape problems of one expected value: a bare YAML yes/no/on/off (a bool), or a bad operator."""
    if isinstance(value, bool):
        return [f"{name}: {value!r} is how YAML reads yes/no/on/off/true/false; quote the text"]
    if not isinstance(value, dict):
        return []
    unknown = sorted(set(value) - OPERATORS)
    if unknown or not value:
        return [f"{name}: a mapping holds operators {sorted(OPERATORS)}, got {sorted(value)}"]
    return [f"{name}: {operator} takes a list" for operator in ("in", "not_in")
            if operator in value and not isinstance(value[operator], list)]


def field_problems(obj: Any, expected: Mapping[str, Any]) -> list[str]:
    """One line per expected field that ``obj`` does not satisfy: 'location: expected X, got Y'."""
    return [f"{name}: expected {want!r}, got {getattr(obj, name)!r}"
            for name, want in expected.items() if not matches(getattr(obj, name), want)]


def where_matches(obj: Any, where: Mapping[str, Any]) -> bool:
    return all(matches(getattr(obj, name), want) for name, want in where.items())


# -- the incidents file's shape ---------------------------------------------------------

ITEM_KEYS = frozenset({"where", "rows", "at_least", "at_most"})
PLACE_FIELDS = frozenset(f.name for f in dataclasses.fields(PlaceMention))


def unknown_fields(label: str, fields: Mapping[str, Any], known: Sequence[str] | frozenset[str]) -> list[str]:
    """Problems for field names that are not in ``known`` and for badly shaped values."""
    problems = [f"{label}: {name!r} is not a field (known: {', '.join(sorted(known))})"
                for name in fields if name not in known]
    for name, value in fields.items():
        problems += value_problems(f"{label}.{name}", value)
    return problems


def _expect_item_problems(n: int, item: Any) -> list[str]:
    label = f"expect[{n}]"
    if not isinstance(item, dict):
        return [f"{label}: must be a mapping (where/rows/at_least/at_most and incidents.csv fields)"]
    fields = {k: v for k, v in item.items() if k not in ITEM_KEYS}
    problems = unknown_fields(label, fields, INCIDENT_COLUMNS)
    problems += unknown_fields(f"{label}.where", item.get("where") or {}, INCIDENT_COLUMNS)
    counting = [key for key in ("rows", "at_least", "at_most") if key in item]
    if counting and fields:
        problems.append(f"{label}: {counting[0]} and fields ({', '.join(fields)}) do not mix: put the fields in rows")
    for r, row in enumerate(item.get("rows") or []):
        problems += unknown_fields(f"{label}.rows[{r}]", row if isinstance(row, dict) else {"?": row}, INCIDENT_COLUMNS)
    return problems


def incident_case_problems(case: Mapping[str, Any]) -> list[str]:
    problems = [] if isinstance(case["text"], str) and case["text"] else ["text: must be a non-empty string"]
    if case.get("expect_none") is not None and case.get("expect") is not None:
        problems.append("expect and expect_none do not mix")
    if case.get("expect_none") is None and not case.get("places") and not case.get("not_places") and not case.get("expect"):
        problems.append("nothing expected: give expect, expect_none, places or not_places")
    for n, item in enumerate(case.get("expect") or []):
        problems += _expect_item_problems(n, item)
    for name, attributes in (case.get("places") or {}).items():
        problems += unknown_fields(f"places.{name}", attributes or {}, PLACE_FIELDS)
    return problems


INCIDENT_SHAPE = Shape(
    required=frozenset({"text"}),
    optional=frozenset({"published", "lexicon", "article", "expect", "expect_none", "places", "not_places"}),
    check=incident_case_problems,
)


def incident_problems(incidents: Sequence[Any], places: Sequence[PlaceMention], case: GoldCase) -> list[str]:
    """Everything in ``case`` the extraction result does not satisfy, one line each."""
    problems: list[str] = []
    if case.get("expect_none") and incidents:
        problems.append(f"expected no incidents, got {len(incidents)}")
    for n, item in enumerate(case.get("expect") or []):
        problems += _item_result_problems(n, item, incidents)
    names = [p.name for p in places]
    problems += [f"{name!r} is a place, expected not" for name in case.get("not_places") or [] if name in names]
    for name, attributes in (case.get("places") or {}).items():
        mentions = [p for p in places if p.name == name]
        for attribute, want in (attributes or {}).items():
            got = [getattr(p, attribute) for p in mentions]
            if got != want:
                problems.append(f"places {name!r} {attribute}: expected {want!r} (one per mention), got {got!r}")
    return problems


def _item_result_problems(n: int, item: Mapping[str, Any], incidents: Sequence[Any]) -> list[str]:
    where = item.get("where") or {}
    selected = [i for i in incidents if where_matches(i, where)]
    label = f"expect[{n}] where {where or 'any'}: "
    if "rows" in item:
        wanted = item["rows"] or []
        if len(selected) != len(wanted):
            return [label + f"expected {len(wanted)} rows, got {len(selected)}"]
        return [label + f"row {r}: {p}" for r, (got, want) in enumerate(zip(selected, wanted, strict=True)) for p in field_problems(got, want)]
    if "at_least" in item or "at_most" in item:
        low, high = item.get("at_least", 0), item.get("at_most", len(selected))
        return [] if low <= len(selected) <= high else [label + f"expected {low}..{high} rows, got {len(selected)}"]
    if len(selected) != 1:
        return [label + f"expected exactly 1 row, got {len(selected)}"]
    return [label + p for p in field_problems(selected[0], {k: v for k, v in item.items() if k not in ITEM_KEYS})]


def incident_table(incidents: Sequence[Any]) -> str:
    """The result as an analyst reads it, for failure messages."""
    shown = ("event_type", "sub_event_type", "location", "event_date", "fatalities", "fatalities_breakdown", "actor1", "scope")
    return "\n".join("  " + " | ".join(f"{getattr(i, c)!s}" for c in shown) for i in incidents) or "  (no incidents)"


# -- the numbers, dates and places files' shapes ----------------------------------------


def _text_problems(case: Mapping[str, Any], key: str) -> list[str]:
    return [] if isinstance(case[key], str) and case[key] else [f"{key}: must be a non-empty string"]


def _figure_problems(case: Mapping[str, Any]) -> list[str]:
    problems = _text_problems(case, "sentence")
    for name in ("fatalities", "breakdown", "notes"):
        if name in case:
            problems += value_problems(name, case[name])
    return problems


FIGURE_SHAPE = Shape(required=frozenset({"sentence", "fatalities"}), optional=frozenset({"breakdown", "notes"}),
                     check=_figure_problems)
NUMBER_WORD_SHAPE = Shape(required=frozenset({"phrase", "value"}), optional=frozenset(),
                          check=lambda case: _text_problems(case, "phrase"))


def _date_problems(case: Mapping[str, Any]) -> list[str]:
    problems = _text_problems(case, "sentence")
    if case.get("expect_none"):
        extra = sorted({"date", "precision", "text"} & set(case))
        return problems + ([f"expect_none and {', '.join(extra)} do not mix"] if extra else [])
    if "date" not in case:
        problems.append("missing 'date' (null when the phrase cannot be resolved), or expect_none: true")
    if case.get("date") is not None and not isinstance(case["date"], dt.date):
        problems.append(f"date: {case['date']!r} is not a YYYY-MM-DD date")
    return problems


DATE_SHAPE = Shape(required=frozenset({"sentence"}),
                   optional=frozenset({"published", "date", "precision", "text", "expect_none"}), check=_date_problems)


def _place_case_problems(case: Mapping[str, Any]) -> list[str]:
    problems = _text_problems(case, "text")
    if not any(key in case for key in ("names", "places", "regions", "first_named")):
        problems.append("nothing expected: give names, places, regions or first_named")
    for n, place in enumerate(case.get("places") or []):
        problems += unknown_fields(f"places[{n}]", place if isinstance(place, dict) else {"?": place}, PLACE_FIELDS)
    for name, attributes in (case.get("first_named") or {}).items():
        problems += unknown_fields(f"first_named.{name}", attributes or {}, PLACE_FIELDS)
    return problems


PLACE_SHAPE = Shape(required=frozenset({"text"}),
                    optional=frozenset({"lexicon", "names", "places", "regions", "first_named"}),
                    check=_place_case_problems)


def place_problems(found: Sequence[PlaceMention], case: GoldCase) -> list[str]:
    """What of ``case`` the place scan does not satisfy: the names in order, every mention's
    fields in order, the region phrases, the first mention of a name."""
    problems = []
    names = [p.name for p in found]
    if "names" in case.data and names != case["names"]:
        problems.append(f"names: expected {case['names']!r}, got {names!r}")
    if "places" in case.data:
        wanted = case["places"] or []
        if len(found) != len(wanted):
            problems.append(f"places: expected {len(wanted)} mentions, got {len(found)}: {names!r}")
        else:
            problems += [f"places[{n}] {p}" for n, (got, want) in enumerate(zip(found, wanted, strict=True)) for p in field_problems(got, want)]
    regions = [p.name for p in found if p.feature == "region"]
    if "regions" in case.data and regions != case["regions"]:
        problems.append(f"regions: expected {case['regions']!r}, got {regions!r}")
    for name, attributes in (case.get("first_named") or {}).items():
        first = next((p for p in found if p.name == name), None)
        problems += ([f"first_named {name!r}: no such place in {names!r}"] if first is None else
                     [f"first_named {name!r} {p}" for p in field_problems(first, attributes or {})])
    return problems
