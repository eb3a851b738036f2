"""Article text is data, never a template: template syntax from any channel stays literal.

A red-team run showed that text reaching the map's embedded data was compiled
as a Jinja2 template by branca at build time, so
``{{ cycler.__init__.__globals__.os.system('touch PROOF') }}`` in an article
ran a shell command. Each test below puts template syntax into one of the
five channels that reach the page (an article sentence, a sidecar title, an
article's file name, an entry of the committed cache, a Nominatim answer)
and checks that the build succeeds, nothing runs, and the text is on the
page exactly as written.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from mapper.cli import cli
from mapper.render.map import script_json
from mapper.render.packing import unpack_features

from fake_nominatim import FakeNominatim, place

AGENT = "mapper-tests/0.1 (tests@example.org)"

ARTICLE = (
    "Gunmen killed 12 civilians in Baniyas on Thursday, residents said{payload}.\n\n"
    "Security forces later retook the town.\n"
)


def payloads(proof: Path) -> list[str]:
    """Template syntax that computes, executes, breaks out of the page, or breaks the parser."""
    return [
        "{{ 7*7 }}",
        "{{ cycler.__init__.__globals__.os.system('touch " + str(proof) + "') }}",
        "{{ '</script><script>window.__pwned=1</script>' }}",
        "{{citation needed}}",
        "{% raw %}",
        "{# unclosed comment",
        "{%- endraw %}}} {{{",
    ]


def build(tmp_path: Path, *extra: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["build", "--seeds", str(tmp_path / "seeds"), "--data", str(tmp_path / "data"),
                                       "--maps", str(tmp_path / "maps"), *extra])
    return result.exit_code, result.output


def embedded_json(html: str, element_id: str):
    match = re.search(rf'<script type="application/json" id="{element_id}">(.*?)</script>', html, re.S)
    assert match, f"{element_id} block missing"
    return json.loads(match.group(1))


def page_strings(maps: Path) -> str:
    """Every string the page's data and config carry, joined (what the browser will show)."""
    html = (maps / "incident_map.html").read_text(encoding="utf-8")
    doc = unpack_features(embedded_json(html, "mapper-data"))
    config = embedded_json(html, "mapper-config")
    values = [config["title"], config["credit"]]
    for feature in doc["features"]:
        values += [str(v) for v in feature["properties"].values()]
    return "\n".join(values)


def assert_literal_and_inert(tmp_path: Path, code: int, output: str, texts: list[str], proof: Path) -> None:
    assert code == 0, output
    assert not proof.exists(), "template code ran at build time"
    html = (tmp_path / "maps" / "incident_map.html").read_text(encoding="utf-8")
    shown = page_strings(tmp_path / "maps")
    for text in texts:
        assert text in shown, f"not shown literally: {text!r}"
    # No template syntax and no script breakout survive in the HTML source itself.
    for block in re.findall(r'<script type="application/json" id="mapper-[a-z]+">(.*?)</script>', html, re.S):
        assert not re.search(r"\{[{%#]", block)
    assert "<script>window.__pwned" not in html


def seed(tmp_path: Path, text: str, *, stem: str = "a", meta: dict | None = None) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    (seeds / f"{stem}.txt").write_text(text, encoding="utf-8")
    (seeds / f"{stem}.meta.json").write_text(json.dumps(meta or {"published": "2025-03-09"}), encoding="utf-8")


def test_script_json_leaves_no_template_delimiters():
    text = script_json({"a": "{{ x }} {% y %} {# z #} {{{", "b": [{"c": {}}], "{{k}}": "\\{{"})
    assert not re.search(r"\{[{%#]", text)
    assert json.loads(text) == {"a": "{{ x }} {% y %} {# z #} {{{", "b": [{"c": {}}], "{{k}}": "\\{{"}


@pytest.mark.parametrize("index", range(7))
def test_article_sentence(tmp_path, index):
    proof = tmp_path / "PROOF"
    payload = payloads(proof)[index]
    seed(tmp_path, ARTICLE.format(payload=", writing " + payload + " on a wall"))
    code, output = build(tmp_path)
    assert_literal_and_inert(tmp_path, code, output, [payload], proof)


@pytest.mark.parametrize("index", range(7))
def test_sidecar_title(tmp_path, index):
    proof = tmp_path / "PROOF"
    payload = payloads(proof)[index]
    seed(tmp_path, ARTICLE.format(payload=""),
         meta={"published": "2025-03-09", "title": "Title " + payload, "source": "Wire " + payload})
    code, output = build(tmp_path)
    assert_literal_and_inert(tmp_path, code, output, ["Title " + payload, "Wire " + payload], proof)


def test_article_file_name(tmp_path):
    proof = tmp_path / "PROOF"
    names = ["{{ 7*7 }}", "{{ cycler.__init__.__globals__.os.system('touch PROOF') }}", "{% raw %}", "{# x"]
    for name in names:
        seed(tmp_path, ARTICLE.format(payload=""), stem=name)
    code, output = build(tmp_path)
    # the file name is relative: a build that ran the command would touch PROOF in the working directory
    assert not Path("PROOF").exists()
    assert_literal_and_inert(tmp_path, code, output, names, proof)


def test_committed_cache_entry(tmp_path):
    proof = tmp_path / "PROOF"
    payload = payloads(proof)[1]
    seed(tmp_path, ARTICLE.format(payload=""))
    code, output = build(tmp_path)
    assert code == 0, output
    cache_path = tmp_path / "data" / "geocache.json"
    cache = json.loads(cache_path.read_text(encoding="utf-8"))
    entry = next(e for key, e in cache["entries"].items() if key.startswith("geonames") and "|baniyas|" in key)
    for result in entry["results"]:
        result["admin1"] = "Tartus " + payload
        result["name"] = "Baniyas " + payload
    cache_path.write_text(json.dumps(cache), encoding="utf-8")
    code, output = build(tmp_path)
    assert_literal_and_inert(tmp_path, code, output, ["Tartus " + payload], proof)


def test_nominatim_answer(tmp_path):
    proof = tmp_path / "PROOF"
    payload = payloads(proof)[1]
    seed(tmp_path, ARTICLE.format(payload="Residents fled to the village of Khirbet Zzyzxq."))
    answer = place("Khirbet Zzyzxq", 35.2, 35.99, osm_id=7, state="Tartus " + payload)
    with FakeNominatim([(200, {}, [answer])]) as fake:
        code, output = build(tmp_path, "--online", "--user-agent", AGENT, "--nominatim-url", fake.url)
    assert fake.requests, "the fake server was never asked"
    assert_literal_and_inert(tmp_path, code, output, [payload], proof)
