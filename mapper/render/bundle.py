"""The page's ES modules (``assets/js/``) as one classic script, for inlining.

The modules are written as ES modules so ``node --test tests/js/`` can import
the pure core; the page is one offline file, so they are concatenated here,
without a JS tool chain, under a deliberately small dialect that makes the
concatenation exact:

* an import is one line, ``import { a, b } from './path.js';`` (relative,
  named imports only, no ``as``, no default, no ``*``);
* an export is ``export`` before a top-level ``function``, ``const``, ``let``
  or ``class`` at the start of a line; nothing else says ``export``;
* top-level names are unique across the modules (they share one scope in the
  bundle), and every imported name is exported by the module named.

The bundle is the modules in dependency order (depth first from the entry,
imports in the order written), import lines dropped, the ``export`` keyword
dropped, all inside one strict-mode function scope. Anything outside the
dialect is an error naming the file and line, never a silently wrong page.
Same files in, same bytes out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path, PurePosixPath

from mapper.errors import MapperError

ENTRY = "main.js"

_IMPORT = re.compile(r"^import \{ ?([A-Za-z_$][\w$]*(?:, ?[A-Za-z_$][\w$]*)*) ?\} from '(\.\.?/[\w./-]+\.js)';$")
_EXPORT = re.compile(r"^export (?=(?:async )?function\b|const\b|let\b|class\b)")
_DECLARATION = re.compile(r"^(?:export )?(?:async )?(?:function\*?|const|let|class) ([A-Za-z_$][\w$]*)")
# any other line that would be a module statement: import/export at the start of a line
_MODULE_WORD = re.compile(r"^\s*(?:import|export)\b(?!\s*\()|^\s*import\s*\(")


class BundleError(MapperError):
    """A page module outside the dialect bundle.py concatenates."""


@dataclass
class _Module:
    name: str  # path relative to the modules' folder, "core/hash.js"
    body: list[str] = field(default_factory=list)
    imports: list[tuple[str, list[str]]] = field(default_factory=list)  # (module name, names)
    exports: set[str] = field(default_factory=set)
    declared: list[tuple[str, int]] = field(default_factory=list)  # (name, line number)


def _resolve(importer: str, target: str) -> str:
    parts: list[str] = []
    for part in (PurePosixPath(importer).parent / target).parts:
        if part == "..":
            if not parts:
                raise BundleError(f"{importer}: import {target!r} leaves the modules' folder")
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts)


def _parse(name: str, text: str) -> _Module:
    module = _Module(name)
    for number, line in enumerate(text.splitlines(), start=1):
        where = f"{name}:{number}"
        if line.startswith("import"):
            match = _IMPORT.match(line)
            if not match:
                raise BundleError(f"{where}: an import must read \"import {{ a, b }} from './file.js';\": {line!r}")
            names = [n.strip() for n in match.group(1).split(",")]
            module.imports.append((_resolve(name, match.group(2)), names))
            continue
        declared = _DECLARATION.match(line)
        if declared:
            module.declared.append((declared.group(1), number))
        if line.startswith("export"):
            if not _EXPORT.match(line) or not declared:
                raise BundleError(f"{where}: only a top-level function, const, let or class may be exported: {line!r}")
            module.exports.add(declared.group(1))
            line = line[len("export "):]
        elif _MODULE_WORD.match(line):
            raise BundleError(f"{where}: import/export the bundle cannot keep: {line!r}")
        module.body.append(line)
    return module


def _read(root, name: str) -> str:
    node = root
    for part in name.split("/"):  # one name per joinpath (Python 3.10's Traversable)
        node = node / part
    if not node.is_file():
        raise BundleError(f"page module not found: {name}")
    return node.read_text(encoding="utf-8")


def _ordered(root, entry: str) -> list[_Module]:
    done: dict[str, _Module] = {}
    visiting: list[str] = []

    def visit(name: str) -> None:
        if name in done:
            return
        if name in visiting:
            raise BundleError("import cycle: " + " -> ".join(visiting[visiting.index(name):] + [name]))
        visiting.append(name)
        module = _parse(name, _read(root, name))
        for target, _names in module.imports:
            visit(target)
        visiting.pop()
        done[name] = module

    visit(entry)
    return list(done.values())


def _check_names(modules: list[_Module]) -> None:
    by_name = {m.name: m for m in modules}
    owner: dict[str, str] = {}
    for module in modules:
        for name, number in module.declared:
            if name in owner:
                raise BundleError(f"{module.name}:{number}: {name!r} is also declared in {owner[name]} "
                                  "(the bundle shares one scope: rename one)")
            owner[name] = f"{module.name}"
        for target, names in module.imports:
            missing = [n for n in names if n not in by_name[target].exports]
            if missing:
                raise BundleError(f"{module.name}: {', '.join(missing)} not exported by {target}")


def bundle(root: Path | None = None, entry: str = ENTRY) -> str:
    """One classic script from the modules reachable from ``entry`` (default: the page's)."""
    folder = root if root is not None else resources.files("mapper.render") / "assets" / "js"
    modules = _ordered(folder, entry)
    _check_names(modules)
    out = [
        f"/* mapper page code, bundled from mapper/render/assets/js/{entry} by mapper/render/bundle.py */",
        "(function () {",
        "'use strict';",
    ]
    for module in modules:
        out.append(f"/* ---- {module.name} */")
        out.extend(module.body)
    out.append("})();")
    return "\n".join(out) + "\n"
