"""The course's editor schemas as an author meets them: through the real
`yaml-language-server` (the engine of VS Code's YAML extension), driven over LSP.

The server reads the schema each file names in its first line
(`# yaml-language-server: $schema=schemas/scenario.schema.json`, relative to the
file), so documents are opened under `scenarios/` as editor buffers (never written).
One server serves the whole module; it starts in about two seconds.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from lsp_client import LspClient, apply_completion
from scenariosite.declaration import load_declaration
from scenariosite.diagnostics import Report
from scenariosite.model import ID_DESCRIPTION

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
SERVER = ROOT / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"
NODE = shutil.which("node")

pytestmark = [
    pytest.mark.editor,
    pytest.mark.skipif(
        NODE is None or not SERVER.is_file(),
        reason="yaml-language-server is not installed: run `npm ci --ignore-scripts` (make test does)",
    ),
]

# What VS Code's YAML extension sends; the schema store is off (no network here, and
# the modelines name our schemas anyway).
SETTINGS = {
    "yaml": {
        "validate": True,
        "hover": True,
        "completion": True,
        "format": {"enable": False},
        "schemaStore": {"enable": False},
        "schemas": {},
    }
}

# A small valid scenario of the shipped course; each mistake below changes one line.
SCENARIO = """\
# yaml-language-server: $schema=schemas/scenario.schema.json
title: Aan de balie
summary: Een klant wil zijn geld terug.
client_types: [vaag]
setting: Zaterdagochtend in de winkel.
steps:
  balie:
    title: Aan de balie
    advice_step: luisteren
    situation: De klant legt de bon op de toonbank.
    choices:
      - text: Ik vraag wat er is.
        reaction: hert
        recommended: true
        consequence: Ze vertelt haar verhaal.
        feedback: Je luistert eerst.
        next: opgelost
      - text: Ik wijs naar de regels.
        reaction: kat
        consequence: Ze wordt boos.
        feedback: Een regel voelt als een dichte deur.
        next: opgelost
endings:
  opgelost:
    rating: good
    title: Opgelost
    text: Ze gaat tevreden weg.
    debrief: Luisteren werkt.
"""

MISTAKES = {
    "unknown advice step": ("    advice_step: luisteren", "    advice_step: vraagen"),
    "unknown client type": ("client_types: [vaag]", "client_types: [onbekend]"),
    "misspelt field": ("        feedback: Je luistert eerst.", "        feedbak: Je luistert eerst."),
    "bad rating": ("    rating: good", "    rating: great"),
    "step id with capital and space": ("  balie:", "  Aan balie:"),
    "recommended not a boolean": ("        recommended: true", "        recommended: very"),
    "next not an id": ("        next: opgelost", "        next: Opgelost"),
}


class Editor:
    """The module's server, with a fresh buffer name for each document it opens (the
    server publishes diagnostics once per opened buffer)."""

    def __init__(self, client: LspClient) -> None:
        self.client = client
        self.opened = 0

    def open(self, text: str) -> str:
        self.opened += 1
        return self.client.open(SCENARIOS / f"_editor-buffer-{self.opened}.yaml", text)

    def diagnose(self, text: str) -> list[dict[str, Any]]:
        return self.client.diagnostics(self.open(text))


@pytest.fixture(scope="module")
def editor() -> Iterator[Editor]:
    assert NODE is not None
    client = LspClient([NODE, SERVER, "--stdio"], cwd=ROOT, settings=SETTINGS)
    try:
        client.initialize(ROOT)
        yield Editor(client)
    finally:
        client.close()


def lines_of(diagnostics: list[dict[str, Any]]) -> list[tuple[int, str]]:
    return [(d["range"]["start"]["line"], d["message"]) for d in diagnostics]


def line_of(text: str, line: str) -> int:
    return text.split("\n").index(line)


def test_every_shipped_file_has_no_diagnostics(editor: Editor) -> None:
    shipped = sorted(SCENARIOS.glob("*.yaml"))
    assert len(shipped) > 3
    uris = {path.name: editor.client.open(path, path.read_text(encoding="utf-8")) for path in shipped}
    found = {name: lines_of(editor.client.diagnostics(uri)) for name, uri in uris.items()}
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_the_base_scenario_is_valid(editor: Editor) -> None:
    assert lines_of(editor.diagnose(SCENARIO)) == []


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=MISTAKES.keys())
def test_a_mistake_is_flagged_at_its_line(editor: Editor, mistake: tuple[str, str]) -> None:
    good, bad = mistake
    text = SCENARIO.replace(good + "\n", bad + "\n", 1)
    assert text != SCENARIO
    found = lines_of(editor.diagnose(text))
    assert line_of(text, bad) in [line for line, _ in found], found


def completions(editor: Editor, text: str, line: int, character: int) -> list[dict[str, Any]]:
    return editor.client.completion(editor.open(text), line, character)


def test_completing_a_field_inserts_its_colon(editor: Editor) -> None:
    """Accepting `advice_step` and typing an id gives a valid file (once, the item
    inserted a bare word and the typed id made a YAML error)."""
    text = SCENARIO.replace("    advice_step: luisteren\n", "    \n", 1)
    line = line_of(text, "    title: Aan de balie") + 1
    offered = {item["label"]: item for item in completions(editor, text, line, 4)}
    assert "advice_step" in offered, sorted(offered)
    completed, cursor = apply_completion(text, offered["advice_step"])
    typed = completed[:cursor] + "luisteren" + completed[cursor:]
    assert yaml.safe_load(typed)["steps"]["balie"]["advice_step"] == "luisteren"
    assert lines_of(editor.diagnose(typed)) == []


def required(definition: str) -> list[str]:
    schema = json.loads((SCENARIOS / "schemas" / "scenario.schema.json").read_text(encoding="utf-8"))
    return list(schema["definitions"][definition]["required"])


@pytest.mark.parametrize(
    ("new_lines", "character"),
    [(["  nieuw:", "    "], 4), (["  nieuw: "], 9)],
    ids=["indented line under a new step id", "after the new step id's colon"],
)
def test_completing_a_new_step_gives_a_whole_step(editor: Editor, new_lines: list[str], character: int) -> None:
    """The `step` snippet under `steps:` inserts every field a step and its choices
    need, each with its colon; filling the values in gives a valid file."""
    text = SCENARIO.replace("endings:\n", "\n".join(new_lines) + "\nendings:\n", 1)
    line = line_of(text, new_lines[-1])
    offered = {item["label"]: item for item in completions(editor, text, line, character)}
    assert "step" in offered, sorted(offered)
    completed, _ = apply_completion(text, offered["step"])
    step = yaml.safe_load(completed)["steps"]["nieuw"]
    assert isinstance(step, dict) and set(required("Step")) <= set(step), step
    assert len(step["choices"]) >= 2
    for choice in step["choices"]:
        assert set(required("Choice")) <= set(choice), choice
    filled = fill_in(completed, {"advice_step": "luisteren", "reaction": "hert", "next": "opgelost"})
    assert lines_of(editor.diagnose(filled)) == []


def fill_in(text: str, ids: dict[str, str]) -> str:
    """What the author types into a skeleton: an id where an id goes, words elsewhere.
    A key is empty when the next line's key is not deeper (else it holds a block)."""
    lines = text.split("\n")
    column = [len(line) - len(line.lstrip(" -")) for line in lines]
    for number, line in enumerate(lines):
        if line.rstrip().endswith(":") and (number + 1 == len(lines) or column[number + 1] <= column[number]):
            key = line.strip().lstrip("- ").rstrip(":")
            lines[number] = line.rstrip() + " " + ids.get(key, "Iets.")
    return "\n".join(lines)


def own_descriptions() -> dict[str, str]:
    declaration, _ = load_declaration(SCENARIOS, Report())
    assert declaration is not None
    return {t.field: t.field_description for t in declaration.taxonomies.values() if t.field_description}


@pytest.mark.parametrize("field", ["advice_step", "client_types", "reaction"])
def test_hover_shows_the_fields_own_description(editor: Editor, field: str) -> None:
    description = own_descriptions()[field]
    uri = editor.open(SCENARIO)
    line = next(n for n, text in enumerate(SCENARIO.split("\n")) if text.lstrip().startswith(field + ":"))
    character = SCENARIO.split("\n")[line].index(field) + 1
    shown = editor.client.hover(uri, line, character)
    body = shown.split("\n\n", 1)[1] if shown.startswith("#") else shown  # after the "#### Step" heading
    assert body.startswith(description), shown
    assert ID_DESCRIPTION not in shown
