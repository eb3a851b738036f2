"""The page's ES modules concatenated into one classic script (mapper/render/bundle.py)."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from mapper.render.bundle import BundleError, bundle

MODULE_STATEMENT = re.compile(r"^\s*(?:import|export)\b", re.M)


def _modules(tmp_path, files: dict[str, str]):
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_modules_are_concatenated_in_dependency_order_without_import_or_export(tmp_path):
    root = _modules(tmp_path, {
        "main.js": "import { twice } from './core/math.js';\nimport { say } from './ui/say.js';\nsay(twice(2));\n",
        "core/math.js": "export function twice(n) {\n  return 2 * n;\n}\nexport const ONE = 1;\n",
        "ui/say.js": "import { ONE } from '../core/math.js';\nexport function say(n) {\n  return n + ONE;\n}\n",
    })
    text = bundle(root)
    assert not MODULE_STATEMENT.search(text)
    assert text.index("function twice") < text.index("function say") < text.index("say(twice(2));")
    assert text.count("function twice") == 1  # imported twice, included once
    assert text.splitlines()[1:3] == ["(function () {", "'use strict';"]
    assert text.endswith("})();\n")
    assert bundle(root) == text


@pytest.mark.parametrize(("files", "message"), [
    ({"main.js": "export default function f() {}\n"}, "only a top-level function"),
    ({"main.js": "import x from './a.js';\n"}, "an import must read"),
    ({"main.js": "import { a as b } from './a.js';\n"}, "an import must read"),
    ({"main.js": "import {\n  a\n} from './a.js';\n"}, "an import must read"),
    ({"main.js": "export { a };\n"}, "only a top-level function"),
    ({"main.js": "  export const a = 1;\n"}, "cannot keep"),
    ({"main.js": "const m = import('./a.js');\n"}, None),  # not at a line start: plain code, kept
    ({"main.js": "import { a } from './a.js';\n", "a.js": "const a = 1;\n"}, "a not exported by a.js"),
    ({"main.js": "import { a } from './a.js';\nconst a = 2;\n", "a.js": "export const a = 1;\n"}, "also declared"),
    ({"main.js": "import { a } from './a.js';\n", "a.js": "import { b } from './main.js';\nexport const a = 1;\n"},
     "import cycle"),
    ({"main.js": "import { a } from './missing.js';\n"}, "not found: missing.js"),
    ({"main.js": "import { a } from '../up.js';\n"}, "leaves the modules' folder"),
])
def test_anything_outside_the_dialect_is_an_error_naming_the_file(tmp_path, files, message):
    root = _modules(tmp_path, files)
    if message is None:
        assert "import('./a.js')" in bundle(root)
        return
    with pytest.raises(BundleError, match=re.escape(message)):
        bundle(root)


def test_the_core_modules_bundle_alone():
    text = bundle(entry="core/hash.js")
    assert "function parseHash" in text and "function isoDay" in text and "const LEVELS" in text
    assert text.index("function isoDay") < text.index("const LEVELS") < text.index("function parseHash")
    assert not MODULE_STATEMENT.search(text)


def test_the_page_inlines_one_bundle_and_links_no_script():
    from mapper.render import build_map, render_html
    from samples import syrian_coast

    html = render_html(build_map(syrian_coast(), title="t", credit="c"))
    assert not re.search(r"<script[^>]*\bsrc\s*=", html, re.I)
    assert html.count("bundled from mapper/render/assets/js/main.js") == 1
    scripts = re.findall(r"<script>\n(.*?)\n</script>", html, re.S)
    page = [s for s in scripts if "bundled from mapper/render/assets/js/main.js" in s]
    assert len(page) == 1 and not MODULE_STATEMENT.search(page[0])
    assert page[0] == bundle().rstrip()


def test_the_page_code_never_parses_markup():
    """Article text is untrusted: the page modules build DOM from text nodes only (ui/dom.js)."""
    folder = resources.files("mapper.render") / "assets" / "js"
    sources = {}
    for sub in ("", "core", "ui"):
        node = folder / sub if sub else folder
        for child in node.iterdir():
            if child.name.endswith(".js"):
                sources[f"{sub}/{child.name}"] = child.read_text(encoding="utf-8")
    assert "/main.js" in sources and "core/hash.js" in sources and "ui/dom.js" in sources
    for name, source in sources.items():
        text = re.sub(r"/\*.*?\*/|//[^\n]*", "", source, flags=re.S)  # the code, not the comments saying so
        for word in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert word not in text, (name, word)
        # no expando properties on Leaflet objects and no private MarkerCluster members
        assert not re.search(r"\._(?:featureGroup|icon|childCount|markers|childClusters|mapper)\b|(?<!window)\.mapper[A-Z]\w* =", text), name
