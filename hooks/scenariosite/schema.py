"""JSON Schemas for editors, generated from the course's models (`scenariosite schema`).

VS Code with the YAML extension (yaml-language-server) reads the schema named in a
file's first line, `# yaml-language-server: $schema=schemas/scenario.schema.json`,
and then completes field names, shows each field's description and underlines
mistakes while the author types. The models stay the one source of truth; this
module only adapts pydantic's output to what editors handle well:
- draft-07 with `definitions` (the dialect editors support best);
- `id` of a scenario is optional (the file name is the default);
- every id field is a plain `type: string` with the id pattern inline, so the editor
  completes `field: ` with its colon and shows the field's own description on hover
  (an `allOf: [$ref]` field completes as a bare word and hovers with the generic text);
- a reference to a taxonomy lists that taxonomy's ids as an `enum`: the editor offers
  them and underlines an unknown one; step and ending ids go through `propertyNames`;
- descriptions are also given as `markdownDescription`, so `code` renders in hovers;
- `defaultSnippets` let an author insert a whole choice, step or ending.
The check stage stays the authority; the schemas are regenerated when the course's
shape or its ids change (`check` warns while they are stale).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from .declaration import DECLARATION_FILE, Declaration
from .model import ID_DESCRIPTION, ID_MAX_LENGTH, ID_PATTERN, RESERVED_IDS, Models, build_models

DIALECT = "http://json-schema.org/draft-07/schema#"
ID_MESSAGE = "Use lowercase letters, digits and hyphens, e.g. front-desk"
SCHEMAS_FOLDER = "schemas"
ID_RULES: dict[str, Any] = {
    "type": "string",
    "pattern": ID_PATTERN,
    "maxLength": ID_MAX_LENGTH,
    "not": {"enum": sorted(RESERVED_IDS)},
    "patternErrorMessage": ID_MESSAGE,
}


def file_name(name: str) -> str:
    return f"{name}.schema.json"


def _snippets(declaration: Declaration) -> dict[str, list[dict[str, Any]]]:
    step_fields = {t.field: "" for t in declaration.at("step").values() if t.required}
    # A choice's required taxonomy fields (e.g. a reaction) belong in both snippets, or
    # every inserted choice or step starts with a "Missing property" error.
    choice_fields = [t.field for t in declaration.at("choice").values() if t.required]
    choice_keys = ["text", *choice_fields, "consequence", "feedback", "next"]
    choice = dict.fromkeys(choice_keys, "")
    return {
        "Choice": [{"label": "choice", "description": "A choice with its consequence, feedback and next step",
                    "body": {key: f"${number}" for number, key in enumerate(choice_keys, 1)}}],
        "Step": [{"label": "step", "description": "A decision with a situation and two choices",
                  "body": {"title": "$1", **step_fields, "situation": "", "choices": [choice, dict(choice)]}}],
        "Ending": [{"label": "ending", "description": "An ending with its rating, text and debrief",
                    "body": {"rating": "${1|good,mixed,bad|}", "title": "$2", "text": "$3", "debrief": "$4"}}],
    }  # fmt: skip


def schema_for(name: str, declaration: Declaration, known: dict[str, list[str]], models: Models) -> dict[str, Any]:
    """The schema of one kind of file: `scenario`, `course` or a taxonomy name.
    `known`: each taxonomy's ids, offered as an enum wherever scenarios refer to it."""
    if name == "scenario":
        body = _model_schema(models.scenario)
        body["required"] = [field for field in body["required"] if field != "id"]
        definitions = body.pop("definitions", {})
        body.pop("title", None)
        title, description = "Scenario", "One scenario: a story of decisions with their consequences and endings."
    elif name == "course":
        body = _model_schema(Declaration)
        definitions = body.pop("definitions", {})
        body.pop("title", None)
        title, description = f"Course ({DECLARATION_FILE})", "The shape of the course: its taxonomies and words."
    else:
        model = models.entries[name]
        entry = _model_schema(model)
        definitions = {**entry.pop("definitions", {}), model.__name__: entry}
        body = {"type": "array", "items": {"$ref": f"#/definitions/{model.__name__}"}}
        title = f"{declaration.taxonomies[name].label.many} ({declaration.file_of(name)})"
        description = "A list of entries, each starting with `- id: ...`."
    enums = {taxonomy.field: known.get(tax_name, []) for tax_name, taxonomy in declaration.taxonomies.items()}
    adapt = _Adapter(enums if name == "scenario" else {}, _snippets(declaration))
    schema: dict[str, Any] = adapt({"$schema": DIALECT, "title": title, "description": description, **body})
    schema["definitions"] = dict(sorted(adapt(definitions).items()))
    if not schema["definitions"]:
        del schema["definitions"]
    return schema


def all_schemas(declaration: Declaration, known: dict[str, list[str]]) -> dict[str, str]:
    """File name -> file content, for every schema of the course."""
    models = build_models(declaration)
    names = ("course", "scenario", *declaration.taxonomies)
    return {file_name(name): render(schema_for(name, declaration, known, models)) for name in names}


def render(schema: dict[str, Any]) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def write(out: Path, schemas: dict[str, str]) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, content in schemas.items():
        target = out / name
        target.write_text(content, encoding="utf-8")
        written.append(target)
    return written


def stale(out: Path, schemas: dict[str, str]) -> list[Path]:
    """Schema files in `out` that are missing or differ from the course's models."""
    found = []
    for name, content in schemas.items():
        target = out / name
        if not target.is_file() or target.read_text(encoding="utf-8") != content:
            found.append(target)
    return found


def _model_schema(model: type[BaseModel]) -> dict[str, Any]:
    schema = model.model_json_schema(ref_template="#/definitions/{model}")
    if "$defs" in schema:
        schema["definitions"] = schema.pop("$defs")
    return schema


class _Adapter:
    """Walks a schema and applies the editor-friendly changes the module doc lists."""

    def __init__(self, enums: dict[str, list[str]], snippets: dict[str, list[dict[str, Any]]]) -> None:
        self.enums = enums
        self.snippets = snippets

    def __call__(self, node: Any, field: str | None = None) -> Any:
        if isinstance(node, list):
            return [self(item, field) for item in node]
        if not isinstance(node, dict):
            return node
        properties = node.get("properties")
        node = {key: self(value, field) for key, value in node.items() if key != "properties"}
        if isinstance(properties, dict):
            node["properties"] = {key: self(value, key) for key, value in properties.items()}
        if node.get("pattern") == ID_PATTERN:
            own = node.get("description")
            node = {**ID_RULES, "description": own if own else ID_DESCRIPTION}
            if field in self.enums and self.enums[field]:
                node["enum"] = self.enums[field]
        if list(node.get("patternProperties") or {}) == [ID_PATTERN]:  # a mapping keyed by ids (steps, endings)
            (value_schema,) = node.pop("patternProperties").values()
            node["propertyNames"] = {key: value for key, value in ID_RULES.items() if key != "type"}
            node["additionalProperties"] = value_schema
        if "anyOf" in node and {"type": "null"} in node["anyOf"]:
            # Optional[X]: offer X (editors complete a typed field with its colon and
            # show its description; the check stage accepts an empty value anyway).
            options = [option for option in node["anyOf"] if option != {"type": "null"}]
            if len(options) == 1:
                node = {**options[0], **{k: v for k, v in node.items() if k not in ("anyOf", "default")}}
        if isinstance(node.get("properties"), dict):
            for prop in node["properties"].values():
                prop.pop("title", None)  # pydantic's "Advice Step" headings add nothing to the description
        if isinstance(node.get("description"), str):
            node["markdownDescription"] = node["description"]
        if node.get("type") == "object" and node.get("title") in self.snippets:
            node["defaultSnippets"] = self.snippets[node["title"]]
        return node


def known_ids(directory: Path, declaration: Declaration) -> dict[str, list[str]]:
    """Each taxonomy's ids as written in its file (valid-looking ones), for the enums."""
    from .scaffold import first_ids  # reads a taxonomy file leniently

    return {name: first_ids(directory / declaration.file_of(name)) for name in declaration.taxonomies}
