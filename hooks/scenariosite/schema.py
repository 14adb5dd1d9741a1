"""JSON Schemas for editors, generated from the models (`scenariosite schema`).

VS Code with the YAML extension (yaml-language-server) reads the schema named in a
file's first line, `# yaml-language-server: $schema=schemas/scenario.schema.json`,
and then completes field names, shows each field's description and underlines
mistakes while the author types. The models stay the one source of truth; this
module only adapts pydantic's output to what editors handle well:
- draft-07 with `definitions` (the dialect editors support best);
- `id` of a scenario is optional (the file name is the default);
- every id points at one `Id` definition (pattern, length, reserved names and a
  readable `patternErrorMessage`); step and ending ids are checked through
  `propertyNames`;
- descriptions are also given as `markdownDescription`, so `code` renders in hovers;
- `defaultSnippets` let an author insert a whole choice, step or ending.
The check stage stays the authority: a schema cannot know, say, which ids exist.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .model import ID_MAX_LENGTH, ID_PATTERN, RESERVED_IDS, TAXONOMY_MODELS, Scenario

DIALECT = "http://json-schema.org/draft-07/schema#"
ID_MESSAGE = "Use lowercase letters, digits and hyphens, e.g. aan-de-kassa"
NAMES = ("scenario", *TAXONOMY_MODELS)
TITLES = {
    "scenario": "Scenario",
    "client-types": "Client types (client-types.yaml)",
    "advice-steps": "Advice steps (advice-steps.yaml)",
    "reactions": "Reactions (reactions.yaml)",
}

SNIPPETS: dict[str, list[dict[str, Any]]] = {
    "Choice": [
        {
            "label": "choice",
            "description": "A choice with its consequence, feedback and next step",
            "body": {"text": "$1", "consequence": "$2", "feedback": "$3", "next": "$4"},
        }
    ],
    "Step": [
        {
            "label": "step",
            "description": "A decision with a situation and two choices",
            "body": {
                "title": "$1",
                "advice_step": "$2",
                "situation": "$3",
                "choices": [
                    {"text": "$4", "consequence": "$5", "feedback": "$6", "next": "$7"},
                    {"text": "$8", "consequence": "$9", "feedback": "$10", "next": "$11"},
                ],
            },
        }
    ],
    "Ending": [
        {
            "label": "ending",
            "description": "An ending with its rating, text and debrief",
            "body": {"rating": "${1|good,mixed,bad|}", "title": "$2", "text": "$3", "debrief": "$4"},
        }
    ],
}


# Description pydantic copies onto every id field from the `Id` type.
GENERIC_ID_DESCRIPTION = "Lowercase letters, digits and hyphens, e.g. `kassa-gesprek`. It becomes part of the URL."
ID_DEFINITION: dict[str, Any] = {
    "type": "string",
    "description": "An id: lowercase letters, digits and hyphens, e.g. `aan-de-kassa`.",
    "pattern": ID_PATTERN,
    "maxLength": ID_MAX_LENGTH,
    "not": {"enum": sorted(RESERVED_IDS)},
    "patternErrorMessage": ID_MESSAGE,
}


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def schema_for(name: str) -> dict[str, Any]:
    """The schema of one kind of file: `scenario` or a taxonomy name."""
    if name == "scenario":
        body = _model_schema(Scenario)
        body["required"] = [field for field in body["required"] if field != "id"]
        definitions = body.pop("definitions", {})
        body.pop("title", None)
        description = "One scenario: a story of decisions with their consequences and endings."
    else:
        model = TAXONOMY_MODELS[name]
        entry = _model_schema(model)
        definitions = {**entry.pop("definitions", {}), model.__name__: entry}
        body = {"type": "array", "items": {"$ref": f"#/definitions/{model.__name__}"}}
        description = "A list of entries, each starting with `- id: ...`."
    schema: dict[str, Any] = _adapt({"$schema": DIALECT, "title": TITLES[name], "description": description, **body})
    definitions = _adapt(definitions)
    definitions["Id"] = {**ID_DEFINITION, "markdownDescription": ID_DEFINITION["description"]}
    schema["definitions"] = dict(sorted(definitions.items()))
    return schema


def all_schemas() -> dict[str, str]:
    """File name -> file content, for every schema."""
    return {file_name(name): render(schema_for(name)) for name in NAMES}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in all_schemas().items():
        target = out / name
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written


def stale(out: Path) -> list[Path]:
    """Schema files in `out` that are missing or differ from the models."""
    found = []
    for name, content in all_schemas().items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            found.append(target)
    return found


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return schema


def _adapt(node: Any) -> Any:
    """Walk the schema and apply the editor-friendly changes the module doc lists."""
    if isinstance(node, list):
        return [_adapt(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _adapt(value) for key, value in node.items()}
    if node.get("pattern") == ID_PATTERN:
        # An id: the shared definition, keeping only what this field says about itself.
        own = node.get("description")
        node = {"$ref": "#/definitions/Id"}
        if own is not None and own != GENERIC_ID_DESCRIPTION:
            node = {"description": own, "allOf": [node]}
    if "patternProperties" in node:  # a mapping keyed by ids (steps, endings)
        (value_schema,) = node.pop("patternProperties").values()
        node["propertyNames"] = {"$ref": "#/definitions/Id"}
        node["additionalProperties"] = value_schema
    if isinstance(node.get("properties"), dict):
        for prop in node["properties"].values():
            prop.pop("title", None)  # pydantic's "Advice Step" headings add nothing to the description
    if isinstance(node.get("description"), str):
        node["markdownDescription"] = node["description"]
    if node.get("type") == "object" and node.get("title") in SNIPPETS:
        node["defaultSnippets"] = SNIPPETS[node["title"]]
    return node
