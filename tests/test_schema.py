"""The JSON Schemas editors use: generated from the course's declaration, committed
and in sync, accepting every shipped file and the scaffold, and rejecting the mistakes
authors make (unknown taxonomy ids included)."""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from jsonschema import Draft7Validator
from scenario_helpers import FIXTURE_SCENARIOS, TEXT_KEYS
from scenariosite import schema
from scenariosite.cli import main
from scenariosite.declaration import DECLARATION_FILE, load_declaration
from scenariosite.diagnostics import Report
from scenariosite.scaffold import starter_scenario

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DIR = ROOT / "scenarios"
SCHEMAS = SHIPPED_DIR / "schemas"
MODELINE = "# yaml-language-server: $schema=schemas/{name}.schema.json"


@functools.cache
def generated(directory: Path) -> dict[str, str]:
    declaration, _ = load_declaration(directory, Report())
    assert declaration is not None
    return schema.all_schemas(declaration, schema.known_ids(directory, declaration))


@functools.cache
def validator(name: str, directory: Path = SHIPPED_DIR) -> Draft7Validator:
    loaded = json.loads(generated(directory)[schema.file_name(name)])
    Draft7Validator.check_schema(loaded)
    return Draft7Validator(loaded)


def kind_of(path: Path) -> str:
    if path.name == DECLARATION_FILE:
        return "course"
    return path.stem if schema.file_name(path.stem) in generated(path.parent) else "scenario"


def problems(name: str, data: Any, directory: Path = SHIPPED_DIR) -> list[str]:
    return [error.message for error in validator(name, directory).iter_errors(data)]


def fixture_problems(name: str, data: Any) -> list[str]:
    return problems(name, data, FIXTURE_SCENARIOS)


def test_committed_schemas_match_the_course() -> None:
    assert schema.stale(SCHEMAS, generated(SHIPPED_DIR)) == [], "run `scenariosite schema` and commit the files"
    assert sorted(p.name for p in SCHEMAS.glob("*.json")) == sorted(generated(SHIPPED_DIR))


def test_schema_check_flag(tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["schema", "--dir", str(SHIPPED_DIR), "--out", str(tmp_path)]
    assert runner.invoke(main, [*args, "--check"]).exit_code == 1
    assert runner.invoke(main, args).exit_code == 0
    assert runner.invoke(main, [*args, "--check"]).exit_code == 0
    (tmp_path / "reactions.schema.json").write_text("{}", encoding="utf-8")
    result = runner.invoke(main, [*args, "--check"])
    assert result.exit_code == 1 and "reactions.schema.json: out of date" in result.output


SHIPPED = sorted(SHIPPED_DIR.glob("*.yaml"))


@pytest.mark.parametrize("path", SHIPPED, ids=[p.name for p in SHIPPED])
def test_every_shipped_file_names_its_schema(path: Path) -> None:
    first_line = path.read_text(encoding="utf-8-sig").splitlines()[0]
    assert first_line == MODELINE.format(name=kind_of(path))


@pytest.mark.parametrize(
    "path", SHIPPED + sorted(FIXTURE_SCENARIOS.glob("*.yaml")), ids=lambda p: f"{p.parent.parent.name}/{p.name}"
)
def test_valid_files_pass_the_schema(path: Path) -> None:
    assert problems(kind_of(path), yaml.safe_load(path.read_text(encoding="utf-8")), path.parent) == []


def test_unknown_taxonomy_ids_are_flagged() -> None:
    data = yaml.safe_load((SHIPPED_DIR / "zweetplekken.yaml").read_text(encoding="utf-8"))
    assert problems("scenario", data) == []
    data["client_types"] = ["onbekend"]
    first = next(iter(data["steps"].values()))
    first["advice_step"] = "vraagen"
    found = problems("scenario", data)
    assert any("onbekend" in p for p in found) and any("vraagen" in p for p in found), found


def test_scaffold_passes_the_schema() -> None:
    data = yaml.safe_load(starter_scenario("nieuw", ROOT / "scenarios"))
    assert problems("scenario", data) == []


def returns() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((FIXTURE_SCENARIOS / "returns.yaml").read_text(encoding="utf-8"))
    return data


def mutate(change: str) -> dict[str, Any]:
    data = returns()
    steps, endings = data["steps"], data["endings"]
    if change == "unknown field":
        data["titel"] = "x"
    elif change == "missing title":
        del data["title"]
    elif change == "bad rating":
        endings["fixed"]["rating"] = "great"
    elif change == "uppercase step id":
        steps["Counter"] = steps.pop("counter")
    elif change == "reserved step id":
        steps["index"] = steps.pop("counter")
    elif change == "step id with slash":
        steps["../counter"] = steps.pop("counter")
    elif change == "bad next":
        steps["counter"]["choices"][0]["next"] = "Offer Page"
    elif change == "choice typo":
        steps["counter"]["choices"][0]["feedbak"] = steps["counter"]["choices"][0].pop("feedback")
    elif change == "no choices":
        steps["counter"]["choices"] = []
    elif change == "text not a string":
        steps["counter"]["situation"] = ["a", "list"]
    elif change == "recommended not a boolean":
        steps["counter"]["choices"][0]["recommended"] = "very"
    elif change == "empty title":
        data["title"] = ""
    return data


@pytest.mark.parametrize(
    "change",
    ["unknown field", "missing title", "bad rating", "uppercase step id", "reserved step id", "step id with slash",
     "bad next", "choice typo", "no choices", "text not a string", "recommended not a boolean", "empty title"],
)  # fmt: skip
def test_schema_rejects_author_mistakes(change: str) -> None:
    assert returns() != mutate(change)
    assert fixture_problems("scenario", mutate(change)), change


def test_scenario_id_is_optional_and_checked() -> None:
    data = returns()
    assert "id" not in data and fixture_problems("scenario", data) == []
    assert fixture_problems("scenario", {**data, "id": "returns-2"}) == []
    assert fixture_problems("scenario", {**data, "id": "Returns"})
    assert fixture_problems("scenario", {**data, "id": "trainer"})


def test_taxonomy_schemas_are_lists_of_entries() -> None:
    reactions = yaml.safe_load((FIXTURE_SCENARIOS / "reactions.yaml").read_text(encoding="utf-8"))
    assert fixture_problems("reactions", reactions) == []
    assert fixture_problems("reactions", reactions[0])  # a mapping instead of a list
    assert fixture_problems("reactions", [{**reactions[0], "strenght": "x"}])
    assert fixture_problems(
        "advice-steps", [{"id": "x", "name": "x", "summary": "x", "group": "nope", "body": "x", "how": "x"}]
    )


def test_editor_features() -> None:
    loaded = json.loads((SCHEMAS / "scenario.schema.json").read_text(encoding="utf-8"))
    assert loaded["$schema"] == "http://json-schema.org/draft-07/schema#"
    steps = loaded["properties"]["steps"]
    assert steps["propertyNames"]["patternErrorMessage"].startswith("Use lowercase letters")
    assert "trainer" in steps["propertyNames"]["not"]["enum"]
    assert steps["additionalProperties"] == {"$ref": "#/definitions/Step"}
    step = loaded["definitions"]["Step"]["properties"]
    # Id fields are typed strings with their own description (editors complete `field: ` and hover it).
    assert step["advice_step"]["type"] == "string" and "allOf" not in step["advice_step"]
    assert step["advice_step"]["description"].startswith("Id from advice-steps.yaml")
    assert "luisteren" in step["advice_step"]["enum"]
    assert loaded["properties"]["client_types"]["items"]["enum"][0] == "vaag"
    assert [s["label"] for s in loaded["definitions"]["Choice"]["defaultSnippets"]] == ["choice"]


def _described_properties(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    found = []
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            found.append((f"{path}.{name}", prop))
        for key, value in node.items():
            found.extend(_described_properties(value, f"{path}/{key}"))
    return found


@pytest.mark.parametrize("name", sorted(generated(SHIPPED_DIR)))
def test_every_field_has_a_description(name: str) -> None:
    loaded = json.loads((SCHEMAS / name).read_text(encoding="utf-8"))
    for where, prop in _described_properties(loaded):
        assert prop.get("description") and prop.get("markdownDescription"), where


def _string_fields(node: Any) -> set[str]:
    """Properties that hold free text (strings that are not ids or choices from a list)."""
    names: set[str] = set()
    if isinstance(node, dict):
        for name, prop in (node.get("properties") or {}).items():
            text = json.dumps(prop)
            if '"type": "string"' in text and '"pattern"' not in text and '"enum"' not in text:
                names.add(name)
        for value in node.values():
            names |= _string_fields(value)
    return names


def test_text_keys_of_the_test_helpers_cover_every_text_field() -> None:
    found: set[str] = set()
    for name, text in generated(SHIPPED_DIR).items():
        if name != schema.file_name("course"):
            found |= _string_fields(json.loads(text))
    assert found == TEXT_KEYS
