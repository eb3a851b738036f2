"""The CLI through click's runner: help, clean errors, and a full offline build."""

import pytest
from click.testing import CliRunner

from mapper.cli import cli

COMMANDS = ["build", "extract", "geocode", "map"]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command):
    result = CliRunner().invoke(cli, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage: cli " in result.output or "Usage: mapper " in result.output
    assert "--seeds" in result.output


def test_top_level_help_lists_the_commands():
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output


def test_missing_seeds_folder_is_a_one_line_error_without_traceback(tmp_path):
    result = CliRunner().invoke(cli, ["extract", "--seeds", str(tmp_path / "nope"), "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert "nope" in result.output and "Traceback" not in result.output
    assert result.output.strip().count("\n") == 0


def test_online_without_user_agent_refuses_before_any_work(tmp_path, monkeypatch):
    monkeypatch.delenv("MAPPER_USER_AGENT", raising=False)
    (tmp_path / "seeds").mkdir()
    (tmp_path / "seeds" / "a.txt").write_text("Clashes in Goma.")
    result = CliRunner().invoke(cli, ["geocode", "--online", "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data")])
    assert result.exit_code == 1
    assert "user agent" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "data").exists()
