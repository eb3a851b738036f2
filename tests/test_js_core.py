"""The page's pure JS core (mapper/render/assets/js/core) under `node --test tests/js/`.

Needs Node.js (Debian's `nodejs`: apt-get install -y nodejs). This test FAILS,
never skips, when node is missing: CI installs it.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from mapper.render.bundle import bundle

ROOT = Path(__file__).resolve().parent.parent


def node() -> str:
    path = shutil.which("node") or shutil.which("nodejs")
    if not path:
        pytest.fail("node not found: the JS unit tests need Node.js. Install it with `apt-get install -y nodejs`.",
                    pytrace=False)
    return path


def test_node_unit_tests_pass():
    result = subprocess.run([node(), "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=300,
                            check=False)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    # the runner really found and ran the tests (a wrong folder runs nothing and passes)
    assert "# fail 0" in result.stdout
    passed = int(result.stdout.split("# pass ")[1].split()[0])
    assert passed >= 25, result.stdout[-2000:]


def test_the_bundle_is_a_valid_classic_script(tmp_path):
    script = tmp_path / "page.cjs"  # .cjs: parsed as a classic script, where an import is an error
    script.write_text(bundle(), encoding="utf-8")
    result = subprocess.run([node(), "--check", str(script)], capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
