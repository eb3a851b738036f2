"""One channel for non-fatal problems: coded Diagnostics, one table of codes, one summary format."""

import ast
import builtins
import pickle
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

import mapper
from mapper import pipeline
from mapper.cli import cli
from mapper.diagnostics import CODES, Diagnostic, Diagnostics

PACKAGE = Path(mapper.__file__).parent
README = PACKAGE.parent / "README.md"
CODE = re.compile(r"""["'](W\d{3})["']""")


def library_sources() -> dict[Path, str]:
    return {path: path.read_text(encoding="utf-8") for path in sorted(PACKAGE.rglob("*.py"))}


def codes_used() -> dict[str, list[str]]:
    """Every quoted "Wnnn" in the package outside the table itself, with the files using it."""
    used: dict[str, list[str]] = {}
    for path, text in library_sources().items():
        if path.name == "diagnostics.py":
            continue
        for code in CODE.findall(text):
            used.setdefault(code, []).append(path.name)
    return used


# -- the table ---------------------------------------------------------------------

def test_every_code_the_library_emits_is_in_the_table():
    unknown = {code: files for code, files in codes_used().items() if code not in CODES}
    assert unknown == {}


def test_every_code_in_the_table_is_emitted_somewhere():
    assert sorted(set(CODES) - set(codes_used())) == []


def test_each_code_is_written_once_in_the_table_with_its_own_meaning():
    # A dict literal keeps the last of two equal keys silently: read the source instead.
    tree = ast.parse((PACKAGE / "diagnostics.py").read_text(encoding="utf-8"))
    [table] = [node.value for node in ast.walk(tree)
               if isinstance(node, ast.AnnAssign) and getattr(node.target, "id", "") == "CODES"]
    keys = [key.value for key in table.keys]
    meanings = [value.value for value in table.values]
    assert len(keys) == len(set(keys)) and len(meanings) == len(set(meanings))
    assert all(re.fullmatch(r"W[1-6]\d\d", key) for key in keys)
    assert all(meaning and "\n" not in meaning for meaning in meanings)


def test_the_readme_lists_every_code():
    section = README.read_text(encoding="utf-8").split("### Diagnostic codes", 1)[1]
    listed = re.findall(r"^\| `(W\d{3})` \|", section, flags=re.M)
    assert listed == sorted(CODES)


def test_a_code_not_in_the_table_is_refused_where_it_is_made():
    with pytest.raises(ValueError, match="W999"):
        Diagnostic("W999", "seeds/a.txt", "made up")


# -- one item, one line ------------------------------------------------------------

def test_the_summary_line_is_code_path_and_message():
    assert str(Diagnostic("W101", "seeds/a.txt", "not UTF-8; decoded as cp1256")) == \
        "W101 seeds/a.txt: not UTF-8; decoded as cp1256"


def test_a_line_number_follows_the_path():
    item = Diagnostic("W401", "data/places_overrides.csv", "override skipped: latitude 95.0 is out of range", line=3)
    assert str(item) == "W401 data/places_overrides.csv:3: override skipped: latitude 95.0 is out of range"
    assert item.location == "data/places_overrides.csv:3"


def test_a_problem_about_no_one_file_is_code_and_message():
    assert str(Diagnostic("W312", "", "Nominatim at http://x stopped answering")) == \
        "W312 Nominatim at http://x stopped answering"


def test_control_characters_in_a_path_are_escaped_in_the_line():
    item = Diagnostic("W110", "seeds/\x1b]0;pwned\x07.txt", "the file name has control characters")
    assert str(item) == "W110 seeds/\\x1b]0;pwned\\x07.txt: the file name has control characters"
    assert item.path == "seeds/\x1b]0;pwned\x07.txt"  # kept as it is; only the printed line is escaped


def test_a_diagnostic_crosses_a_process_boundary_unchanged():
    item = Diagnostic("W124", "seeds/a.meta.json", "'title' is 3,000 characters", field="title")
    assert pickle.loads(pickle.dumps(item)) == item


# -- the collector -----------------------------------------------------------------

def test_the_collector_keeps_order_and_each_problem_once():
    first = Diagnostic("W101", "seeds/b.txt", "not UTF-8; decoded as latin-1")
    second = Diagnostic("W107", "seeds/a.txt", "skipped: the file is empty")
    found = Diagnostics([first, second])
    found.add(Diagnostic("W101", "seeds/b.txt", "not UTF-8; decoded as latin-1"))  # the same problem, reached again
    found.extend([second])
    assert list(found) == [first, second] and len(found) == 2
    assert found.lines() == ["W101 seeds/b.txt: not UTF-8; decoded as latin-1", "W107 seeds/a.txt: skipped: the file is empty"]
    assert found.messages() == ["not UTF-8; decoded as latin-1", "skipped: the file is empty"]
    assert not Diagnostics()


# -- the library reports, the CLI prints -------------------------------------------

def seeds_with_problems(tmp_path: Path) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "good.txt").write_text("Gunmen killed 5 people in Goma on Friday.\n", encoding="utf-8")
    (seeds / "good.meta.json").write_text('{"published": "2025-02-31"}', encoding="utf-8")
    (seeds / "arabic.txt").write_bytes("قتل مسلحون خمسة أشخاص في غوما.\n".encode("cp1256"))
    (seeds / "empty.txt").write_text("", encoding="utf-8")
    return seeds


def test_the_report_carries_coded_diagnostics_from_every_stage_reached(tmp_path):
    seeds = seeds_with_problems(tmp_path)
    report = pipeline.extract(pipeline.Paths(seeds, tmp_path / "data"))
    assert isinstance(report.diagnostics, Diagnostics)
    assert [(d.code, Path(d.path).name) for d in report.diagnostics] == [
        ("W101", "arabic.txt"), ("W204", "arabic.txt"), ("W107", "empty.txt"), ("W121", "good.meta.json")]
    [undated] = [d for d in report.diagnostics if d.code == "W121"]
    assert undated.field == "published" and "2025-02-31" in undated.message


def test_the_cli_prints_one_coded_line_per_problem(tmp_path):
    seeds = seeds_with_problems(tmp_path)
    result = CliRunner().invoke(cli, ["extract", "--workers", "1", "--seeds", str(seeds), "--data", str(tmp_path / "data")])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "warnings (4):" in lines  # the Arabic article is also not English (W204)
    assert f"  - W101 {seeds / 'arabic.txt'}: not UTF-8; decoded as cp1256" in lines
    assert f"  - W107 {seeds / 'empty.txt'}: skipped: the file is empty" in lines


def test_nothing_in_the_library_prints():
    printing = re.compile(r"\bprint\(|click\.echo|warnings\.warn|sys\.std(?:out|err)\.write")
    offenders = [path.name for path, text in library_sources().items()
                 if path.name != "cli.py" and printing.search(text)]
    assert offenders == []


def test_no_module_level_name_in_the_package_shadows_a_builtin():
    # articles.Warning shadowed the builtin warning class in every module that imported it.
    shadowing = []
    for path, text in library_sources().items():
        for node in ast.parse(text).body:
            names = []
            if isinstance(node, (ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
                names = [node.name]
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [alias.asname or alias.name.split(".")[0] for alias in node.names]
            elif isinstance(node, ast.Assign):
                names = [target.id for target in node.targets if isinstance(target, ast.Name)]
            shadowing += [f"{path.name}:{name}" for name in names if name in vars(builtins) and not name.startswith("__")]
    assert shadowing == []


def test_a_table_from_an_older_mapper_is_one_coded_line_naming_the_file(tmp_path):
    from mapper.join import read_table
    from mapper.schema import PLACE_COLUMNS

    path = tmp_path / "places.csv"
    old_columns = [c for c in PLACE_COLUMNS if c not in ("uncertainty_km", "approximation")]
    path.write_text(",".join(old_columns) + "\n" + ",".join("" for _ in old_columns) + "\n", encoding="utf-8")
    found = Diagnostics()
    read_table(path, PLACE_COLUMNS, found.add)
    [older] = found
    assert str(older).startswith(f"W502 {path}: written by an older mapper, without uncertainty_km, approximation")
