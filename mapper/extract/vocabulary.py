"""The extraction vocabulary: the CSV files of ``mapper/extract/lexicon/``, read and checked once.

Every word list and phrase table the rules use lives in one of those files (one file per
family: triggers, casualty words, victim groups, armed groups, feature nouns, people words,
common words, demonyms, religions, calendar, number words, abbreviations, actor words, context
words, incident words, directions, region words, place cues, person cues, count words, single
victims, date words, place short forms, facility words, capital words, language words). This module reads them, checks them against ``SCHEMAS`` and returns
rows; the rule modules build their sets and regexes from the rows, so that each word is
written once.

File format: UTF-8 CSV, a header row, one entry per line; blank lines and lines starting
with ``#`` are comments; an optional ``note`` column says why the entry is there (an
example sentence). List fields separate their items with ``|`` ("title|role").

What the loader refuses, as a ``LexiconError`` naming file and line
("mapper/extract/lexicon/triggers.csv:41: duplicate pattern 'shelled' (first on line 12)"):
a missing file, an unknown or missing column, a line with too many fields, an empty
required field, a bad integer, a value outside its column's choices, an upper-case letter
in a lower-case column, the same key twice in a file, a key in two files that must be
disjoint (``DISJOINT``), and a plain phrase that another row's pattern already matches
whole (``overlaps``: two rows would claim the same words).
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass, field
from pathlib import Path

from mapper.errors import LexiconError

PACKAGE_FOLDER = Path(__file__).with_name("lexicon")
LIST_SEPARATOR = "|"

ACLED_EVENT_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
                     "Strategic developments")
ACTOR_KINDS = ("noun", "modifier", "not_after", "tail_link", "tail_modifier", "tail_head", "needs_article",
               "article", "article_modifier", "leading", "state", "non_state", "crowd", "crowd_quantity",
               "crowd_member", "agent_verb", "victim_count", "strike_weapon", "strike_noun")  # actor_words.csv
# triggers.csv `context`: what a trigger's sentence must hold (lexicon_events.in_context)
TRIGGER_CONTEXTS = ("armed", "crowd", "group_moves", "demand")
CONTEXT_KINDS = ("attempt", "modal_negation", "prevented", "feared", "definite", "prospective_to", "due_verb", "prospective",
                 "done", "armed_context", "crowd_context", "group_moves", "military_target", "civilian_target",
                 "intervention", "lethal_force", "security_target", "direct_fire", "riot_act", "demonstration",
                 "protest_held", "not_plural", "protest_verb", "demand_context", "crowd_side", "organized_armed",
                 "state_force")  # context_words.csv
# incident_words.csv `kinds`: the word slots of the drafts and locate rules (mapper/extract/incident_words.py)
INCIDENT_WORD_KINDS = ("continuation", "individual", "victims_opener", "victims_determiner", "victims_subject",
                       "victims_verb", "victims_among", "toll", "sheltering", "sheltered_quantifier",
                       "sheltered_people", "attributive_before", "attributive_noun", "clause_conjunction",
                       "location_clause_conjunction", "location_clause_opener", "clause_next_word",
                       "destination_preposition", "destination_end", "origin_preposition", "including",
                       "including_place", "aggregate_cue", "aggregate_in_the", "war_in_the", "aggregate_since_the",
                       "aggregate_across_the", "scene", "span_unit", "superlative", "audience", "carried_to", "aim", "additive")
TRIGGER_FAMILIES = ("violence", "territory", "protest", "funeral", "grave", "arrests", "looting", "displacement",
                    "infrastructure", "agreement", "other", "disrupted")

# count_words.csv: qualifiers, vague quantities and the slots of the explicit-zero phrases
COUNT_WORD_KINDS = ("qualifier", "left_qualifier", "vague", "zero_subject", "zero_verb", "zero_harm", "zero_noun",
                    "zero_without", "zero_died_subject", "zero_died", "not_counted", "not_counted_before",
                    "clause_break", "clause_break_after_comma", "breakdown", "person_or_verb", "coordination",
                    "coordination_possessive", "zero_no", "zero_no_modifier", "zero_no_reports", "zero_without_opener",
                    "zero_without_verb", "single_victim_article", "definite_victim_article", "victim_auxiliary",
                    "victim_adverb", "pair_auxiliary", "pair", "victim_pronoun",
                    "never_count", "total_auxiliary", "killing_object")
# the breakdown keys of victim_groups.csv that single_victims.csv may use
VICTIM_GROUPS = ("civilians", "children", "women", "men", "security_forces", "fighters", "journalists", "aid_workers")
DATE_WORD_KINDS = ("onset", "said_before_date", "after_said", "yesterday", "today", "day_before", "day_after",
                   "incident_label", "earlier_period")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = True  # a value must be given on every line
    kind: str = "text"  # "text" | "int" | "list"
    choices: tuple[str, ...] = ()  # allowed values (each item, for a list)
    lower: bool = False  # lower-case only (the rules compare with word.lower())


@dataclass(frozen=True)
class Schema:
    file: str
    columns: tuple[Column, ...]
    key: str  # no two lines with the same value here (for a list column: no item twice)
    same_keys: tuple[str, ...] = ()  # list columns whose items count as keys too, compared lower-case
    plain_key: bool = False  # key values are phrases, checked for overlaps with patterns


@dataclass(frozen=True)
class Row:
    """One entry: its values as written (a missing optional value is ""), and where it is."""

    file: str
    line: int
    values: dict[str, str] = field(hash=False)

    def text(self, name: str) -> str:
        return self.values[name]

    def integer(self, name: str) -> int:
        return int(self.values[name])

    def items(self, name: str) -> tuple[str, ...]:
        value = self.values[name]
        return tuple(v.strip() for v in value.split(LIST_SEPARATOR)) if value else ()


def _word(name: str = "word") -> Column:
    return Column(name, lower=True)


_NOTE = Column("note", required=False)
_KINDS = "kinds"

SCHEMAS: dict[str, Schema] = {s.file: s for s in (
    Schema("triggers.csv", (
        Column("pattern", lower=True), Column("event_type", choices=ACLED_EVENT_TYPES), Column("sub_event_type"),
        Column("priority", kind="int"), Column("strength", choices=("strong", "weak")),
        Column("family", choices=TRIGGER_FAMILIES), Column("context", required=False, choices=TRIGGER_CONTEXTS), _NOTE,
    ), key="pattern", plain_key=True),
    Schema("casualty_words.csv", (
        Column("pattern", lower=True),
        Column(_KINDS, kind="list", choices=("killed", "wounded", "other", "left_killed", "left_wounded",
                                                   "victim_verb", "victim_passive", "victim_died", "mixed",
                                                   "left_outcome")), _NOTE,
    ), key="pattern"),
    Schema("victim_groups.csv", (Column("pattern", lower=True), Column("group", required=False), _NOTE), key="pattern"),
    Schema("armed_groups.csv", (
        Column("name"), Column("aliases", required=False, kind="list"),
        Column("kind", choices=("state", "non_state")), Column("country", required=False),
        Column("words", required=False, kind="list", lower=True), _NOTE,
    ), key="name", same_keys=("aliases",)),
    Schema("feature_nouns.csv", (
        _word(), Column("feature", lower=True), Column("class", choices=("settlement", "part", "admin", "other")), _NOTE,
        Column("referred", required=False, choices=("yes",)), Column("unit_name", required=False, choices=("yes",)),
    ), key="word"),
    Schema("people_words.csv", (
        _word(), Column(_KINDS, kind="list", choices=("title", "role", "speech_verb", "possessed", "pronoun_speech")),
        _NOTE,
    ), key="word"),
    Schema("common_words.csv", (
        _word(), Column(_KINDS, kind="list", choices=(
            "function_word", "org_word", "org_acronym", "personal_name", "common_word_place", "contraction", "news_agency")),
        _NOTE,
    ), key="word"),
    Schema("demonyms.csv", (_word(), _NOTE), key="word"),
    Schema("religions.csv", (_word(), _NOTE), key="word"),
    Schema("calendar.csv", (
        _word(), Column("kind", choices=("weekday", "month", "month_abbr")), Column("number", kind="int"), _NOTE,
    ), key="word"),
    Schema("number_words.csv", (_word(), Column("value", kind="int"), _NOTE), key="word"),
    Schema("abbreviations.csv", (_word(), _NOTE), key="word"),
    Schema("actor_words.csv", (
        Column("pattern", lower=True), Column(_KINDS, kind="list", choices=ACTOR_KINDS), _NOTE,
    ), key="pattern"),
    Schema("context_words.csv", (
        Column("pattern", lower=True), Column(_KINDS, kind="list", choices=CONTEXT_KINDS), _NOTE,
    ), key="pattern"),
    Schema("incident_words.csv", (
        Column("phrase"), Column(_KINDS, kind="list", choices=INCIDENT_WORD_KINDS), _NOTE,
    ), key="phrase"),
    # places, people: directions, region words, place cues, person cues
    Schema("directions.csv", (_word(), Column("kind", choices=("compass", "position")), _NOTE), key="word"),
    Schema("offset_words.csv", (
        _word(), Column("kind", choices=("unit_km", "approximate", "link", "near")), Column("km", required=False), _NOTE,
    ), key="word"),
    Schema("region_words.csv", (
        _word(), Column(_KINDS, kind="list", choices=("possessed", "modifier", "area", "admin", "part")), _NOTE,
    ), key="word"),
    Schema("place_cues.csv", (
        _word(), Column(_KINDS, kind="list", choices=(
            "strong_prep", "weak_prep", "preposition", "situates", "situates_apposition", "of_cue", "feature_modifier",
            "actor_before", "action_verb", "org_of", "name_affix", "name_particle", "english_particle", "feature_not_of", "distance_unit",
            "article_prefix", "elided_article", "container_gap", "part_prefix", "leading_article", "place_verb", "currency")),
            _NOTE,
    ), key="word"),
    Schema("person_cues.csv", (
        _word(), Column(_KINDS, kind="list", choices=("follower", "relation", "possessed", "origin", "origin_feature",
                                                     "age_article", "age_unit", "age_before", "relative_pronoun",
                                                     "place_before_relation")),
        _NOTE,
    ), key="word"),
    Schema("count_words.csv", (
        Column("pattern", lower=True), Column(_KINDS, kind="list", choices=COUNT_WORD_KINDS), _NOTE,
    ), key="pattern"),
    Schema("single_victims.csv", (_word(), Column("group", required=False, choices=VICTIM_GROUPS), _NOTE), key="word"),
    Schema("date_words.csv", (Column("pattern", lower=True), Column("kind", choices=DATE_WORD_KINDS), _NOTE),
           key="pattern"),
    Schema("facility_words.csv", (_word(), _NOTE), key="word"),
    Schema("place_short_forms.csv", (
        Column("form"), Column("where", choices=("anywhere", "after_place", "name_prefix")),
        Column("feature", required=False, choices=("country", "state", "province", "capital")), _NOTE,
    ), key="form"),
    Schema("language_words.csv", (
        _word(), Column("languages", kind="list"), _NOTE,
    ), key="word"),
    Schema("capital_words.csv", (
        _word(), Column(_KINDS, kind="list", choices=("head", "money_noun")), _NOTE,
    ), key="word"),
    Schema("demonym_endings.csv", (
        Column("ending", lower=True), Column("also_in_a_name", required=False, choices=("yes",)), _NOTE,
    ), key="ending"),
)}

# Files whose words must not repeat each other: a word is a demonym or a religion, not both.
DISJOINT: tuple[tuple[str, str], ...] = (("demonyms.csv", "religions.csv"),)


def _fail(path: Path, line: int, message: str) -> LexiconError:
    return LexiconError(f"{path}:{line}: {message}")


def _lines(path: Path) -> list[tuple[int, list[str]]]:
    """(line number, fields) of every entry line, the header first; comments left out."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise LexiconError(f"{path}: missing vocabulary file") from None
    except UnicodeDecodeError as e:
        raise LexiconError(f"{path}: not UTF-8 ({e.reason} at byte {e.start})") from None
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            fields = next(csv.reader([line], strict=True))
        except csv.Error as e:
            raise _fail(path, number, f"bad CSV ({e})") from None
        out.append((number, fields))
    return out


def _check_header(path: Path, schema: Schema, line: int, header: list[str]) -> None:
    known = {c.name for c in schema.columns}
    for name in header:
        if name not in known:
            raise _fail(path, line, f"unknown column {name!r} (columns: {', '.join(sorted(known))})")
    if len(set(header)) != len(header):
        raise _fail(path, line, "a column is named twice")
    for column in schema.columns:
        if column.required and column.name not in header:
            raise _fail(path, line, f"missing column {column.name!r}")


def _check_value(path: Path, line: int, column: Column, value: str) -> None:
    if not value:
        if column.required:
            raise _fail(path, line, f"empty {column.name}")
        return
    if value != value.strip():
        raise _fail(path, line, f"{column.name} {value!r} has spaces around it")
    if column.kind == "int" and not re.fullmatch(r"-?\d+", value):
        raise _fail(path, line, f"{column.name} must be a whole number, not {value!r}")
    items = value.split(LIST_SEPARATOR) if column.kind == "list" else [value]
    for item in items:
        if column.choices and item not in column.choices:
            raise _fail(path, line, f"{column.name} {item!r} is not one of: {', '.join(column.choices)}")
        if column.lower and item != item.lower():
            raise _fail(path, line, f"{column.name} {item!r} must be lower-case")
        if column.kind == "list" and (not item or item != item.strip()):
            raise _fail(path, line, f"{column.name} has an empty or padded item in {value!r}")


def _row(path: Path, schema: Schema, header: list[str], line: int, fields: list[str]) -> Row:
    if len(fields) > len(header):
        raise _fail(path, line, f"{len(fields)} fields for {len(header)} columns (quote a value that holds a comma)")
    values = dict(zip(header, fields, strict=False))  # trailing optional fields may be left out
    for column in schema.columns:
        values.setdefault(column.name, "")
        _check_value(path, line, column, values[column.name])
    return Row(path.name, line, values)


def _keys(row: Row, schema: Schema) -> tuple[str, ...]:
    """The values no other line may repeat; "al-Shabaab" and its alias "Al-Shabaab" are one key."""
    if not schema.same_keys:
        return (row.text(schema.key),)
    keys = [row.text(schema.key).lower()]
    for name in schema.same_keys:
        keys.extend(item.lower() for item in row.items(name))
    return tuple(dict.fromkeys(keys))


def _check_duplicates(path: Path, schema: Schema, rows: tuple[Row, ...]) -> None:
    first: dict[str, int] = {}
    for row in rows:
        for key in _keys(row, schema):
            if key in first:
                raise _fail(path, row.line, f"duplicate {schema.key} {key!r} (first on line {first[key]})")
            first[key] = row.line


def overlaps(rows: tuple[Row, ...], key: str) -> tuple[Row, Row] | None:
    """The first (phrase row, pattern row) where a plain phrase ("killed") is matched whole by
    another row's pattern ("kill(?:ed|s)"): both rows would claim the same words."""
    plain = [r for r in rows if re.fullmatch(r"[\w' -]+", r.text(key))]
    for pattern_row in rows:
        try:
            compiled = re.compile(pattern_row.text(key), re.I)
        except re.error:
            continue  # reported by the caller that compiles patterns
        for row in plain:
            if row is not pattern_row and compiled.fullmatch(row.text(key)):
                return row, pattern_row
    return None


def _check_patterns(path: Path, schema: Schema, rows: tuple[Row, ...]) -> None:
    if "pattern" not in {c.name for c in schema.columns}:
        return
    for row in rows:
        try:
            re.compile(row.text("pattern"))
        except re.error as e:
            raise _fail(path, row.line, f"bad pattern {row.text('pattern')!r} ({e})") from None
    if schema.plain_key:
        found = overlaps(rows, schema.key)
        if found:
            row, other = found
            raise _fail(path, row.line, f"{schema.key} {row.text(schema.key)!r} is also matched by line {other.line} "
                                        f"({other.text(schema.key)!r})")


def read_table(folder: Path, schema: Schema) -> tuple[Row, ...]:
    """The checked rows of one file, in file order (order matters: alternatives are tried in it)."""
    path = folder / schema.file
    lines = _lines(path)
    if not lines:
        raise LexiconError(f"{path}: no header row")
    header_line, header = lines[0]
    header = [h.strip() for h in header]
    _check_header(path, schema, header_line, header)
    rows = tuple(_row(path, schema, header, line, fields) for line, fields in lines[1:])
    _check_duplicates(path, schema, rows)
    _check_patterns(path, schema, rows)
    return rows


def _check_disjoint(folder: Path, tables: dict[str, tuple[Row, ...]]) -> None:
    for one, other in DISJOINT:
        seen = {row.text(SCHEMAS[one].key): row.line for row in tables[one]}
        for row in tables[other]:
            key = row.text(SCHEMAS[other].key)
            if key in seen:
                raise _fail(folder / other, row.line, f"{key!r} is also in {one} (line {seen[key]})")


@functools.lru_cache(maxsize=8)
def _load(folder: Path) -> dict[str, tuple[Row, ...]]:
    tables = {name: read_table(folder, schema) for name, schema in SCHEMAS.items()}
    _check_disjoint(folder, tables)
    return tables


def load(folder: Path | None = None) -> dict[str, tuple[Row, ...]]:
    """Every vocabulary file of ``folder`` (the package's by default), checked; read once."""
    return _load(Path(folder) if folder is not None else PACKAGE_FOLDER)


def table(name: str) -> tuple[Row, ...]:
    """The rows of one file of the package vocabulary ("triggers.csv")."""
    return load()[name]


def words(name: str, kind: str | None = None) -> frozenset[str]:
    """The ``word`` values of a file; with ``kind``, only rows whose kind(s) include it."""
    out = set()
    for row in table(name):
        if kind is None or kind in (row.items(_KINDS) if _KINDS in row.values else (row.text("kind"),)):
            out.add(row.text("word"))
    return frozenset(out)


def kind_patterns(rows: tuple[Row, ...] | list[Row], kind: str) -> list[str]:
    """The ``pattern`` of every row whose ``kinds`` include ``kind``, in file order."""
    return [row.text("pattern") for row in rows if kind in row.items(_KINDS)]


def kind_words(rows: tuple[Row, ...] | list[Row], kind: str) -> tuple[str, ...]:
    """Like ``kind_patterns`` for a kind whose entries are compared as words, not searched:
    a pattern there ("th(?:is|at)") is a LexiconError naming file and line."""
    out = []
    for row in rows:
        if kind in row.items(_KINDS):
            if not re.fullmatch(r"[a-z]+", row.text("pattern")):
                raise LexiconError(f"{row.file}:{row.line}: kind {kind!r} takes plain words only, "
                                   f"not {row.text('pattern')!r}")
            out.append(row.text("pattern"))
    return tuple(out)
