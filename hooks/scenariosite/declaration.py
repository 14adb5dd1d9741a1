"""The course's shape, as data: which taxonomies it has, where scenarios refer to them,
what sections their entries hold, and the course's own words (labels, summaries, UI
text overrides). Read from `course.yaml` in the scenarios folder; a course without one
has scenarios and no taxonomies.

Everything course-specific lives here, so the engine, its templates and its checks
hold no word of any one course (Pelican keeps its URL patterns as settings; same idea).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .diagnostics import Report, did_you_mean
from .load import Document, load_file
from .validation import validate

DECLARATION_FILE = "course.yaml"

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$", max_length=60)]
FieldName = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$", max_length=40)]
Label = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Level = Literal["scenario", "step", "choice"]

# Field names the engine itself uses on entries, scenarios, steps and choices.
ENTRY_FIELDS = frozenset({"id", "name", "summary", "keywords", "based_on"})
CORE_FIELDS: dict[str, frozenset[str]] = {
    "scenario": frozenset({"id", "title", "summary", "keywords", "setting", "start", "steps", "endings", "trainer"}),
    "step": frozenset({"title", "situation", "question", "choices", "shuffle"}),
    "choice": frozenset({"id", "text", "recommended", "consequence", "feedback", "next"}),
}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Labels(Strict):
    one: Label = Field(description="The name of one entry, e.g. `Client type`.")
    many: Label = Field(description="The name of the whole list, e.g. `Client types`: the section's title.")


class Section(Strict):
    name: FieldName = Field(description="The field name in each entry, e.g. `recognise`.")
    label: Label | None = Field(
        default=None, description="The heading above it on the entry's page; leave it out for text without a heading."
    )
    markdown: bool = Field(default=True, description="`true`: Markdown text; `false`: one line of plain text.")
    required: bool = Field(default=False, description="`true`: every entry must have it.")
    description: str | None = Field(default=None, description="Help text editors show for this field.")


class GroupValue(Strict):
    id: Id = Field(description="The value entries write in the group field, e.g. `core`.")
    label: Label = Field(description="The heading of this group on the taxonomy's page.")
    numbered: bool = Field(
        default=False,
        description="`true`: entries of this group need `number:` (1, 2, ...) and are listed in that order.",
    )


class Groups(Strict):
    field: FieldName = Field(default="group", description="The entry field that names its group.")
    values: list[GroupValue] = Field(min_length=1, description="The groups, in the order the page lists them.")


class Taxonomy(Strict):
    file: str | None = Field(
        default=None, description="The file of entries, in the scenarios folder; default `<id>.yaml`."
    )
    label: Labels = Field(description="Names of one entry and of the list.")
    summary: Label | None = Field(default=None, description="One line under the title of the taxonomy's page.")
    folder: Id | None = Field(
        default=None,
        description="URL folder of its pages (`<folder>/<entry id>/`); default the id. Never change it once published.",
    )
    referenced_by: Level = Field(
        description="Where scenarios refer to it: `scenario` (a list on each scenario), `step` (one per decision) "
        "or `choice` (one per choice)."
    )
    field: FieldName = Field(description="The field scenarios write the reference in, e.g. `client_types`.")
    required: bool = Field(default=True, description="`true`: every scenario (or step, or choice) must name one.")
    min_coverage: int = Field(
        default=1, ge=0, description="`check` warns when fewer scenarios than this practise an entry."
    )
    sections: list[Section] = Field(default_factory=list, description="The texts each entry has, in page order.")
    groups: Groups | None = Field(default=None, description="Optional: split the entries into ordered groups.")
    profile: bool = Field(
        default=False,
        description="Only with `referenced_by: choice`: counts the learner's choices per entry on each ending.",
    )
    field_description: str | None = Field(
        default=None, description="Help text editors show on the reference field in scenarios."
    )

    @model_validator(mode="after")
    def consistent(self) -> Taxonomy:
        if self.profile and self.referenced_by != "choice":
            raise ValueError("'profile: true' needs 'referenced_by: choice' (the profile counts choices)")
        taken = [s.name for s in self.sections if s.name in ENTRY_FIELDS]
        if taken:
            raise ValueError(f"section name '{taken[0]}' is a field every entry has already; choose another")
        if self.field in CORE_FIELDS[self.referenced_by]:
            raise ValueError(f"field '{self.field}' is already a {self.referenced_by} field; choose another name")
        return self


class Declaration(Strict):
    language: str | None = Field(default=None, description="Language of the course's words, e.g. `nl`.")
    taxonomies: dict[Id, Taxonomy] = Field(
        default_factory=dict, description="The course's taxonomies by id (their order is the order of the site)."
    )
    ui: dict[FieldName, Label] = Field(
        default_factory=dict, description="Course-specific replacements for the engine's interface texts."
    )

    def file_of(self, name: str) -> str:
        return self.taxonomies[name].file or f"{name}.yaml"

    def at(self, level: Level) -> dict[str, Taxonomy]:
        return {name: t for name, t in self.taxonomies.items() if t.referenced_by == level}

    @property
    def profile(self) -> str | None:
        return next((name for name, t in self.taxonomies.items() if t.profile), None)


def folder_of(name: str, taxonomy: Taxonomy) -> str:
    return taxonomy.folder or name


def course_file_names(directory: Path, declaration: Declaration | None) -> set[str]:
    """The course's own files (the declaration and its taxonomies), also when the
    declaration has errors: then read as far as plain YAML can, for counting."""
    if declaration is None:
        try:
            raw = yaml.safe_load((directory / DECLARATION_FILE).read_text(encoding="utf-8-sig"))
        except (OSError, UnicodeError, yaml.YAMLError):
            raw = None
        taxonomies = raw.get("taxonomies") if isinstance(raw, dict) else None
        items = taxonomies.items() if isinstance(taxonomies, dict) else []
        named = {str(t.get("file")) if isinstance(t, dict) and t.get("file") else f"{n}.yaml" for n, t in items}
        return {DECLARATION_FILE, *named}
    return {DECLARATION_FILE, *(declaration.file_of(name) for name in declaration.taxonomies)}


def load_declaration(directory: Path, report: Report) -> tuple[Declaration | None, Document | None]:
    """The course's declaration (a default one when the folder has no course.yaml), or
    None when it has errors (reported at their lines)."""
    path = directory / DECLARATION_FILE
    if not path.exists():
        return Declaration(), None
    doc = load_file(path, report)
    if doc is None:
        return None, None
    if not isinstance(doc.data, dict):
        report.error(path, doc.locate(()), f"{DECLARATION_FILE} must be a mapping, starting with 'taxonomies:'")
        return None, doc
    declaration = validate(doc, Declaration, report, doc.data)
    if declaration is None or not _consistent(declaration, doc, report):
        return None, doc
    return declaration, doc


def _consistent(declaration: Declaration, doc: Document, report: Report) -> bool:
    """What no single taxonomy can check alone: two sharing a folder or a field, two
    profiles, interface texts the engine does not have. Reported at the later one."""
    from .strings import ui_strings  # the catalogue, for the names of the interface texts

    errors = len(report.errors)
    fields: dict[tuple[str, str], str] = {}
    folders: dict[str, str] = {"scenarios": "the scenarios"}
    profile: str | None = None
    for name, taxonomy in declaration.taxonomies.items():
        at = ("taxonomies", name)
        key = (taxonomy.referenced_by, taxonomy.field)
        where = f"taxonomies → {name}"
        if key in fields:
            used = f"the {key[0]} field '{key[1]}' is already used by '{fields[key]}'"
            report.error(doc.path, doc.locate(at + ("field",)), f"{where}: {used}")
        fields.setdefault(key, name)
        folder = folder_of(name, taxonomy)
        if folder in folders:
            used = f"URL folder '{folder}' is already used by {folders[folder]}"
            report.error(doc.path, doc.locate(at + ("folder",)), f"{where}: {used}")
        folders.setdefault(folder, f"'{name}'")
        if taxonomy.profile and profile is not None:
            used = f"only one taxonomy can feed the profile; '{profile}' does already"
            report.error(doc.path, doc.locate(at + ("profile",)), f"{where}: {used}")
        profile = profile or (name if taxonomy.profile else None)
    known = ui_strings(None)
    for text in declaration.ui:
        if text not in known:
            report.error(doc.path, doc.locate(("ui", text), key=True),
                         f"ui: unknown interface text '{text}'{did_you_mean(text, known)}")  # fmt: skip
    return len(report.errors) == errors
